"""Load news articles from files and folders into immutable :class:`Article` records.

Formats: ``.txt`` and ``.md`` (optionally with YAML front matter), ``.json`` (an object or
a list of objects) and ``.jsonl`` (one object per line), objects carrying ``text`` and
optionally ``title``, ``source``, ``url``, ``published``.

Bad files never stop a load: binary, empty, oversized, undecodable or malformed files are
skipped with one warning line each, and every other article still loads. All character
offsets in newsdiff index into :attr:`Article.text`, the decoded text after
:func:`newsdiff.corpus.textsafe.clean_text`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

from newsdiff.lexicon import gazetteer as gz
from newsdiff.corpus import formats
from newsdiff.corpus.textsafe import clean_field, clean_name, clean_text

if TYPE_CHECKING:
    from newsdiff.corpus.file_cache import FileCache

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSON_SUFFIXES = frozenset({".json", ".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000
_SNIFF_BYTES = 8192


class CorpusError(Exception):
    """A problem that stops a load altogether (e.g. a path that does not exist)."""


@dataclass(frozen=True)
class Article:
    """One article. ``text`` is safe to display and is what every offset refers to."""

    id: str
    path: str
    title: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    source: str | None = None
    url: str | None = None
    published: str | None = None

    @property
    def chars(self) -> int:
        return len(self.text)


_ARTICLE_FIELDS = tuple(Article.__dataclass_fields__)


def _stat_or_none(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@lru_cache(maxsize=4)
def _file_texts(path: str, max_bytes: int, stat: tuple[int, int] | None) -> tuple[str, ...]:
    """The texts of a file's articles, in order: a file of many articles (JSON Lines, a
    feed, a web archive) is read once for all of them (``stat`` keys the memory, so a
    file changed since is read again)."""
    return tuple(a.text for a in _load_file(Path(path), max_bytes, []))


class _LazyArticle(Article):
    """An :class:`Article` rebuilt from the file cache (:mod:`.file_cache`): its text is
    read from its file the first time something asks for it. The file is loaded as the
    first load did, and the article at the same place in it gives the text (a file that
    changed or vanished since its stat was taken gives what it holds now, or nothing)."""

    def __init__(self, *, text: str | None = None, place: int = 0, max_bytes: int = DEFAULT_MAX_BYTES,
                 **fields: object) -> None:
        super().__init__(text="" if text is None else text, **fields)  # type: ignore[arg-type]
        if text is None:
            self.__dict__["_text"] = None
        self.__dict__["_place"] = (place, max_bytes)

    @classmethod
    def from_record(cls, record: Mapping[str, object] | Iterable[tuple[str, object]], place: int,
                    max_bytes: int) -> "_LazyArticle":
        """An article of the cache's ``record`` (every field but the text, as a mapping
        or as name-value pairs), made without running the dataclass's checks field by
        field: ten thousand of them per command."""
        article = cls.__new__(cls)
        article.__dict__.update(record)
        article.__dict__["_text"] = None
        article.__dict__["_place"] = (place, max_bytes)
        return article

    def unread_place(self) -> tuple[int, int] | None:
        """``(place, max_bytes)`` that rebuilds the text (see :meth:`from_record`), while
        the text has not been read; None once it has."""
        return self.__dict__["_place"] if self.__dict__.get("_text") is None else None

    @property  # type: ignore[override]
    def text(self) -> str:
        value = self.__dict__.get("_text")
        if value is None:
            place, max_bytes = self.__dict__["_place"]
            texts = _file_texts(self.path, max_bytes, _stat_or_none(self.path))
            value = texts[place] if place < len(texts) else ""
            self.__dict__["_text"] = value
        return value

    @text.setter
    def text(self, value: str) -> None:
        self.__dict__["_text"] = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in _ARTICLE_FIELDS)

    __hash__ = Article.__hash__


@dataclass
class LoadResult:
    """What a load produced: the articles, in a stable order, and one line per skipped file."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- decoding


class _Skip(Exception):
    """Raised inside the loader for a file that must be skipped; the message is the reason."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to ``(text, encoding name)``. Raises _Skip for binary data.

    A BOM decides (UTF-8, UTF-16); else UTF-8 when the bytes are valid UTF-8; else
    cp1252, the encoding of nearly all non-UTF-8 English and Western European text (a
    latin-1 file reads the same, and its curly quotes and euro sign are cp1252's), with
    the five bytes cp1252 leaves undefined read as latin-1 does. Only bytes that are mostly
    non-ASCII (Cyrillic, Greek, CJK, ...), where cp1252 is clearly wrong, go to the
    charset detector: on short, mostly-ASCII text it guesses cp775 or UTF-16 for "Café".
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _Skip(f"bad UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:_SNIFF_BYTES] or b"\x00" in data[-_SNIFF_BYTES:]:
        raise _Skip("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = len(data.translate(None, bytes(range(128))))
    if high >= 16 and high >= 0.4 * len(data.translate(None, b" \t\r\n")):
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
        except Exception:  # detector trouble must never stop a load
            best = None
        name = best.encoding if best is not None else None
        if name and not name.startswith(("utf_16", "utf_32")):
            try:
                return data.decode(name), name
            except (UnicodeDecodeError, LookupError):
                pass
    # surrogateescape marks cp1252's undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) as
    # U+DC81...; map them to U+0081... as latin-1 would (clean_text shows a placeholder).
    text = data.decode("cp1252", errors="surrogateescape")
    return text.translate({0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}), "cp1252"


# --------------------------------------------------------------------------- titles

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


# A photo caption ends with its credit: "... towards the capital AFP", "... (Reuters)".
_PHOTO_CREDIT = re.compile(r"(?:\b(?:AFP|Reuters|AP|EPA|Getty Images|Photograph|Photo)\b[\s/:.)\w-]{0,30})$")
# A credit line under a caption: "Photograph: Reuters".
_CREDIT_LINE = re.compile(r"(?:Photograph|Photo|Picture|Image)s?(?: credit)?\s*:", re.IGNORECASE)


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 20
        and len(line) <= 150
        and line[-1] not in ".,;:"
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        and not (len(words) > 4 and _PHOTO_CREDIT.search(line))
    )


def _shorten(text: str, limit: int = 90) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—- ")
    return cut + "…"


# Words a dateline is made of besides numbers: days and months (the gazetteer's lists)
# and these.
_DATELINE_WORDS = frozenset(
    "updated posted published last modified on at by am pm a.m. p.m. gmt utc bst est edt pst pdt "
    "pt et ist cet cest".split()
) | gz.DAYS | gz.MONTHS
_DATELINE_TOKEN = re.compile(r"[^\W\d_][\w.]*")


def _is_preamble(line: str) -> bool:
    """A line above the headline that is not one: a dateline ("Updated: November 11, 2011
    20:09 IST", "8 / 2 / 13 at 1:30 PM"), a list item, or a one- or two-word label or user
    name ("OrionHunter", "ELITE MEMBER", "baghdad police")."""
    if line.startswith(("- ", "* ", "• ")):
        return True
    words = line.split()
    if len(words) <= 2 and (len(words) == 1 or line.isupper() or not line[0].isupper()):
        return True
    tokens = _DATELINE_TOKEN.findall(line)
    return any(c.isdigit() for c in line) and all(t.lower() in _DATELINE_WORDS for t in tokens)


def derive_title(text: str, fallback: str) -> str:
    """The first line when it looks like a headline (datelines and labels above it
    skipped), else the first sentence, shortened."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    # a caption and its credit line ("Photograph: Reuters") are not the story
    credits = {n for n, ln in enumerate(lines) if _CREDIT_LINE.match(ln)}
    lines = [ln for n, ln in enumerate(lines) if n not in credits and n + 1 not in credits]
    if not lines:
        return fallback
    top = lines[:8]
    first = next((ln for ln in top if not _is_preamble(ln)), lines[0])
    if _looks_like_headline(first):
        return _shorten(first, 150)
    prose = next((ln for ln in lines if len(ln.split()) >= 6 and not _PHOTO_CREDIT.search(ln)), lines[0])
    first = _SENTENCE_END.split(prose, maxsplit=1)[0].strip()
    return _shorten(first) or fallback


# --------------------------------------------------------------------------- front matter

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
METADATA_FIELDS = ("title", "source", "url", "published")


def _metadata_value(value: object) -> str | None:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return None
    return clean_field(value)


def split_front_matter(raw: str) -> tuple[dict[str, str | None], str, str | None]:
    """Return ``(metadata, body, problem)``. A malformed block is kept as article text."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw, None
    import yaml  # only front matter needs it: a search of plain files never loads it

    try:
        data = yaml.load(match.group(1) or "", Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        problem = str(exc).splitlines()[0]
        return {}, raw, f"front matter is not valid YAML ({problem}); kept as text"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, raw, "front matter is not a mapping; kept as text"
    meta = {k: _metadata_value(data.get(k)) for k in METADATA_FIELDS if k in data}
    return meta, raw[match.end():], None


# --------------------------------------------------------------------------- files


def _make_article(
    stem_id: str, path: Path, raw_text: str, meta: dict, encoding: str
) -> Article:
    """An Article from decoded text; its id is ``stem_id`` (from the file name) cleaned
    by :func:`clean_name`, so no id can carry a control, bidi or zero-width character."""
    article_id = clean_name(stem_id)
    text = clean_text(raw_text)
    if not text.strip():
        raise _Skip("empty article text")
    title = clean_field(meta.get("title")) or derive_title(text, article_id)
    return Article(
        id=article_id,
        path=str(path),
        title=title,
        text=text,
        sha256=text_sha256(text),
        encoding=encoding,
        source=clean_field(meta.get("source")),
        url=clean_field(meta.get("url")),
        published=_metadata_value(meta.get("published")),
    )


def _json_article(
    obj: object, stem_id: str, path: Path, where: str, encoding: str = "utf-8"
) -> Article:
    """The article of one JSON object; a metadata field that is not a string or a number
    (a list, an object, nested to any depth) is left out."""
    if not isinstance(obj, dict):
        raise _Skip(f"{where}: not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Skip(f"{where}: no \"text\" string")
    meta = {k: v for k in METADATA_FIELDS if isinstance(v := obj.get(k), (str, int, float))}
    return _make_article(stem_id, path, text, meta, encoding)


def _load_file(path: Path, max_bytes: int, warnings: list[str]) -> list[Article]:
    """Load one file; skipped files and records add a line to ``warnings``, and so do the
    paths :func:`iter_article_files` passes on because it could not follow them (a broken
    link, a linked or unreadable folder). JSON nested too deep to parse skips its file
    (its line in ``.jsonl``)."""
    suffix = path.suffix.lower()
    try:
        if path.is_symlink() and not path.exists():
            raise _Skip(f"broken symbolic link (to {os.readlink(path)})")
        if path.is_dir():
            if path.is_symlink():
                raise _Skip("link to a folder, not followed (name the folder itself to load it)")
            try:
                os.scandir(path).close()
            except OSError as exc:
                raise _Skip(f"cannot read folder ({exc.strerror or exc})") from None
            raise _Skip("cannot read folder")
        size = path.stat().st_size
        if size == 0:
            raise _Skip("empty file")
        if size > max_bytes:
            raise _Skip(f"{size:,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)")
        data = path.read_bytes()
        reader = formats.reader_for(path) if suffix not in SUPPORTED_SUFFIXES else None
        if reader is not None:
            return _from_records(path, reader, data, warnings)
        text, encoding = decode_bytes(data)
        if suffix in TEXT_SUFFIXES or suffix not in JSON_SUFFIXES:
            meta, body, problem = split_front_matter(text)
            if problem:
                warnings.append(f"{path}: {problem}")
            article = _make_article(path.stem, path, body, meta, encoding)
            if encoding not in ("utf-8", "utf-8-sig"):
                warnings.append(f"{path}: not UTF-8, decoded as {encoding}")
            return [article]
        if encoding not in ("utf-8", "utf-8-sig"):
            warnings.append(f"{path}: not UTF-8, decoded as {encoding}")
        if suffix == ".json":
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise _Skip(f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
            except RecursionError:
                raise _Skip("invalid JSON (nested too deeply)") from None
            if isinstance(obj, list):
                out = []
                for n, item in enumerate(obj, 1):
                    try:
                        out.append(_json_article(item, f"{path.stem}-{n}", path, f"item {n}", encoding))
                    except _Skip as why:
                        warnings.append(f"{path}: skipped {why}")
                return out
            return [_json_article(obj, path.stem, path, "object", encoding)]
        out = []
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                warnings.append(f"{path}: skipped line {n}: invalid JSON ({exc.msg})")
                continue
            except RecursionError:
                warnings.append(f"{path}: skipped line {n}: invalid JSON (nested too deeply)")
                continue
            try:
                out.append(_json_article(obj, f"{path.stem}-{n}", path, f"line {n}", encoding))
            except _Skip as why:
                warnings.append(f"{path}: skipped {why}")
        if not out:
            raise _Skip("no articles in JSON Lines file")
        return out
    except _Skip as why:
        warnings.append(f"{path}: skipped: {why}")
    except OSError as exc:
        warnings.append(f"{path}: skipped: {exc.strerror or exc}")
    except RecursionError:  # a backstop: nothing nested too deep may stop the whole load
        warnings.append(f"{path}: skipped: nested too deeply")
    return []


def _from_records(path: Path, reader, data: bytes, warnings: list[str]) -> list[Article]:
    """Articles from a format reader's records (a page, a feed's items, a WARC's pages)."""
    try:
        records = reader(path, data)
    except formats.FormatError as why:
        raise _Skip(str(why)) from None
    out = []
    for record in records:
        warnings.extend(f"{path}: {line}" for line in record.notes)
        if not record.text.strip():
            continue
        meta = {k: v for k, v in (("title", record.title), ("source", record.source), ("url", record.url),
                                    ("published", record.published)) if isinstance(v, str) and v.strip()}
        stem = f"{path.name.split('.')[0]}-{record.key}" if record.key else path.name.split(".")[0]
        try:
            out.append(_make_article(stem, path, record.text, meta, "utf-8"))
        except _Skip as why:
            warnings.append(f"{path}: skipped {record.key or 'its article'}: {why}")
    if not out:
        raise _Skip("no article text in it")
    return out


def _loaded_endings() -> tuple[str, ...]:
    return tuple(SUPPORTED_SUFFIXES) + tuple(formats.READERS)


def _walk_folder(folder: Path) -> list[tuple[str, str]]:
    """Everything under ``folder`` to load or to report, sorted, each as its name (what
    ``str(Path(...))`` of it gives) with the canonical path that tells two names of one
    file apart: supported files, and the entries that cannot be followed (broken links,
    links to folders, folders that cannot be listed), which :func:`_load_file` reports in
    one warning line each. Hidden names and the folders a browser saves beside a page
    ("Page_files/") are passed over. One ``scandir`` per folder: no further system call
    per file but for links, and no ``Path`` object made."""
    found: list[tuple[str, str]] = []
    endings = _loaded_endings()
    top = os.fspath(folder)  # a Path's string: already in its normal form
    strip = 2 if top == "." else 0  # os.path.join(".", name) is "./name"; Path drops the "./"

    def listed(root: str) -> Iterator[os.DirEntry] | None:
        """The folder's entries sorted by name, or None after reporting it."""
        try:
            with os.scandir(root) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            where = os.fspath(exc.filename) if exc.filename else root
            found.append((where[strip:] if strip and where.startswith("./") else where, os.path.realpath(where)))
            return None
        return iter(entries)

    # Depth first, each folder's entries by name with a subfolder's contents in its place:
    # the order Paths sort in (by their parts), without making or comparing Paths.
    def inside(folder: str) -> str:
        """The folder's canonical path, ending in a separator: a file's key is it + name."""
        real = os.path.realpath(folder)
        return real if real.endswith(os.sep) else real + os.sep

    first = listed(top)
    stack: list[tuple[Iterator[os.DirEntry], str]] = []
    if first is not None:
        stack.append((first, inside(top)))
    while stack:
        entries, real_root = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        name = entry.name
        if name.startswith("."):
            continue
        try:
            link = entry.is_symlink()
            folder_like = entry.is_dir()  # follows a link: a link to a folder is one
        except OSError:
            link, folder_like = False, False
        if folder_like:
            if name.endswith(formats.SAVED_PAGE_FOLDER_SUFFIX):
                continue
            if link:
                found.append((entry.path[strip:], os.path.realpath(entry.path)))  # reported, not followed
            else:
                inner = listed(entry.path)
                if inner is not None:
                    stack.append((inner, inside(entry.path)))
        elif name.lower().endswith(endings) or (link and not os.path.exists(entry.path)):
            key = os.path.realpath(entry.path) if link else real_root + name
            found.append((entry.path[strip:], key))
    return found


def iter_article_names(paths: Sequence[Path]) -> Iterator[str]:
    """The names of :func:`iter_article_files`, without making a ``Path`` of each (the
    listing check stats ten thousand of them)."""
    seen: set[str] = set()
    for given in paths:
        if not given.exists():
            raise CorpusError(f"no such file or directory: {given}")
        if given.is_dir():
            found: Iterable[tuple[str, str]] = _walk_folder(given)
        else:
            found = [(str(given), os.path.realpath(given))]
        for name, key in found:
            if key not in seen:
                seen.add(key)
                yield name


def iter_article_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Files to load, in a stable order: named files as given, folders recursively sorted.

    Hidden files and folders, and files of unsupported types inside folders, are passed
    over; links to folders are not followed. What cannot be read or followed is passed on
    for :func:`_load_file` to report (see :func:`_walk_folder`). A file reached twice
    (named and inside a named folder, or through a link) is loaded once. Raises
    CorpusError for a path that does not exist.
    """
    for name in iter_article_names(paths):
        yield Path(name)


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Make ids unique: clashing ids get their parent folder prepended (cleaned like the
    id), then a counter (``~2``, ``~3``, ...) that skips every id already in use."""
    from dataclasses import replace

    counts = Counter(a.id for a in articles)
    wanted = [
        f"{clean_name(Path(a.path).parent.name)}/{a.id}" if counts[a.id] > 1 else a.id
        for a in articles
    ]
    reserved = set(wanted)
    used: set[str] = set()
    final = []
    for a, aid in zip(articles, wanted):
        if aid in used:
            n = 2
            while f"{aid}~{n}" in used or f"{aid}~{n}" in reserved:
                n += 1
            aid = f"{aid}~{n}"
        used.add(aid)
        final.append(a if aid == a.id else replace(a, id=aid))
    return final


def load_corpus(paths: Sequence[Path | str], max_bytes: int = DEFAULT_MAX_BYTES,
                cache: "FileCache | None" = None) -> LoadResult:
    """Load every article under ``paths``. Never raises for a bad file, only for a bad path.

    With a ``cache`` (:class:`~newsdiff.corpus.file_cache.FileCache`), a file whose stat
    is unchanged is not read: its articles come from the cache, their text read when
    first asked for; every other file is read and its entry made (save the cache after)."""
    result = LoadResult()
    articles: list[Article] = []
    given = [Path(p) for p in paths]
    if cache is not None:
        cache.loaded = (given, max_bytes)
    if cache is None:
        for path in iter_article_files(given):
            articles.extend(_load_file(path, max_bytes, result.warnings))
    else:  # by name: a Path is made only for a file that has to be read
        for name in iter_article_names(given):
            articles.extend(_load_cached(name, max_bytes, result.warnings, cache))
    result.articles = _unique_ids(articles)
    return result


def _load_cached(name: str, max_bytes: int, warnings: list[str], cache: "FileCache") -> list[Article]:
    """The articles of the file ``name`` (as :func:`iter_article_names` gives it): from
    ``cache`` when its stat is the one cached, else read (and cached)."""
    from newsdiff.corpus.file_cache import records_of, stat_key

    try:
        st = os.stat(name)
        key = stat_key(st) if stat.S_ISREG(st.st_mode) else None
    except (OSError, ValueError):
        key = None
    hit = cache.lookup(name, key, max_bytes) if key is not None else None
    if hit is not None:
        records, lines = hit
        warnings.extend(lines)
        cache.note(name, key, lines)
        return [_LazyArticle.from_record(r, n, max_bytes) for n, r in enumerate(records)]
    mine: list[str] = []
    loaded = _load_file(Path(name), max_bytes, mine)
    warnings.extend(mine)
    cache.note(name, key, mine)
    if key is not None:
        cache.store(name, key, max_bytes, records_of(loaded), mine)
    return loaded


def article_in_file(path: str, sha256: str, article_id: str, max_bytes: int = DEFAULT_MAX_BYTES
                    ) -> Article | None:
    """The article of the file ``path`` whose text has checksum ``sha256``, named
    ``article_id`` (the id the whole pile's load gave it); None when the file no longer
    holds it. For an index hit on a pile known unchanged: only that file is read."""
    from dataclasses import replace

    for article in _load_file(Path(path), max_bytes, []):
        if article.sha256 == sha256:
            return article if article.id == article_id else replace(article, id=article_id)
    return None


def display_path(path: str, base: Path | None = None) -> str:
    """A path for people and for YAML: relative to ``base`` (default: cwd) when inside it,
    cleaned by :func:`clean_name` (one line, nothing a terminal would interpret)."""
    base = base or Path.cwd()
    try:
        if Path(path).resolve().is_relative_to(base.resolve()):
            path = os.path.relpath(path, base)
    except ValueError:
        pass
    return clean_name(path)
