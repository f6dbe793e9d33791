"""The full-text index of a corpus: a Whoosh index on disk kept in step with the articles.

:meth:`CorpusIndex.open` opens (or creates) the index for a list of articles and brings it
up to date incrementally: only articles whose ``sha256``, ``path`` or metadata (title,
source, published) changed are
re-indexed, vanished ones are deleted, and an unchanged corpus opens without taking the
write lock or committing anything. ``rebuild=True`` re-indexes everything.

Faults are handled on open: a damaged index (truncated, garbled or zero-length files, a
missing table of contents, deleted segments, a file whose checksum no longer matches) is
moved aside to ``<dir>.corrupt-<timestamp>`` and rebuilt, and :attr:`SyncReport.recovered`
says so in one line. Each commit records every file's size and sha256 in a manifest
(``MAIN.manifest.json``, written atomically); opening checks sizes and hashes (whole files
up to :data:`FULL_CHECK_BYTES` in all, else evenly spread samples), :func:`verify_index`
hashes everything. An update that cannot be written (a read-only folder, a full disk) is
undone, its partial files deleted, and the previous index is searched, with
:attr:`SyncReport.stale` saying so. A second writer waits up to ``lock_timeout`` seconds
and then raises :class:`IndexLockedError`; readers are never blocked. Searchers are
renewed with ``up_to_date()`` + a new searcher, never ``Searcher.refresh()`` (it
duplicates documents after a merge; whoosh notes, pitfall 1).

Simple body queries (a term, a phrase, a prefix, a fuzzy term) are ranked by
:mod:`newsdiff.search.ranking`, which returns Whoosh's own scores and order with much less work,
and the body's character offsets are stored, so a hit's match offsets are read from the
index when the stored checksum says the indexed text is the article's. Everything else is
ranked by Whoosh, and offsets are found in the ``Article.text`` the index was opened with
(see :mod:`newsdiff.search.query`). Nothing is cached between queries.

Articles are written by :mod:`newsdiff.search.building` (the same segment as Whoosh's own
writer, analysed and encoded on every core when there are many; ``workers`` chooses). After
a sync the manifest records the synced articles as the index's state instead of reading
every stored document back.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from whoosh import fields, index as whoosh_index, writing
from whoosh.analysis import SimpleAnalyzer, StemmingAnalyzer
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage

from newsdiff.atomic import atomic_write_bytes
from newsdiff.corpus.articles import Article
from newsdiff.search import in_place
from newsdiff.search.ranking import RankedHit, Ranker
from newsdiff.search.query import (
    Hit,
    make_snippet,
    merge_spans,
    parse_query,
    spans_for_tokens,
    text_spans,
    tokenize_stemmed,
)

in_place.install()  # readers read the segment's mapped files without copying them

INDEX_NAME = "MAIN"
#: Bump when the schema or analyzers change: an index with another version is rebuilt.
#: 2: the body keeps each token's character offsets, so hits' matches come from the index.
#: 3: a stored ``meta`` key (title, source, published), so metadata edits re-index too.
SCHEMA_VERSION = 3
#: RAM for the indexing pool; one big in-memory run is much faster than many small ones.
BUILD_LIMIT_MB = 384
#: Postings per block (Whoosh's default is 128). A hit's match offsets decode the block
#: that holds it, and block-max pruning (newsdiff.search.blocks) gets tighter bounds:
#: at 10,000 articles the warm phrase / prefix p95 is 2.8 / 2.4 ms with blocks of 32,
#: 6.6 / 7.1 ms with 128 (in a run where grep was a third slower too). Whoosh's own
#: matcher (compound queries) pays per block:
#: ``revolution* OR suleimeni~`` takes 53 ms with 32, 38 ms with 128.
POSTINGS_BLOCK = 32
#: Size and sha256 of every file of the latest generation, written after each commit.
MANIFEST_NAME = f"{INDEX_NAME}.manifest.json"
MANIFEST_FORMAT = 1
#: Opening hashes whole files while they total at most this (sha256 reads ~1 GB/s here:
#: ~12 ms for 1,000 articles, ~60 ms for 10,000); past it, samples of each file (~2 ms).
#: Sizes are always checked; ``newsdiff index --verify`` always hashes whole files.
FULL_CHECK_BYTES = 128 * 2**20
SAMPLE_BLOCKS, SAMPLE_BLOCK_BYTES = 64, 4096
_LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"

Progress = Callable[[int, int], None]


class NewsdiffIndexError(Exception):
    """Something went wrong with the index; the message is one line for the user."""


class IndexLockedError(NewsdiffIndexError):
    """Another process holds the index's write lock for longer than we were willing to wait."""


class _WriteFailed(Exception):
    """The index folder could not be written (read-only, full, ...); ``reason`` is short."""

    def __init__(self, exc: OSError) -> None:
        self.reason = exc.strerror or _describe(exc)
        super().__init__(self.reason)


@dataclass
class SyncReport:
    """What opening the index did to bring it up to date with the articles."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    recovered: str | None = None  # one-line message when a corrupt index was moved aside
    #: one-line warning when the update could not be written and the previous index is
    #: searched instead; ``write_error`` is the reason alone ("No space left on device")
    stale: str | None = None
    write_error: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.rebuilt)


def body_analyzer() -> StemmingAnalyzer:
    """Tokenise, lowercase, drop stop words, stem (``troops`` -> ``troop``)."""
    return StemmingAnalyzer()


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        path=fields.STORED(),
        title=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        source=fields.TEXT(analyzer=SimpleAnalyzer()),
        published=fields.ID(),
        body=fields.TEXT(analyzer=body_analyzer(), phrase=True, chars=True),
        sha256=fields.STORED(),
        meta=fields.STORED(),
        schema_version=fields.STORED(),
    )


def meta_key(article: Article) -> str:
    """What, besides the text and path, an indexed document must match: title, source and
    published (front matter or JSON fields can change while the text does not)."""
    return "\x1f".join((article.title, article.source or "", article.published or ""))


def _document(article: Article) -> dict:
    doc = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.text,
        "sha256": article.sha256,
        "meta": meta_key(article),
        "schema_version": SCHEMA_VERSION,
    }
    if article.source:
        doc["source"] = article.source
    if article.published:
        doc["published"] = article.published
    return doc


# --------------------------------------------------------------------------- files on disk


def _is_index_file(name: str) -> bool:
    return name.startswith((INDEX_NAME, f"_{INDEX_NAME}_"))


def _index_files(index_dir: Path) -> list[Path]:
    try:
        return [p for p in index_dir.iterdir() if _is_index_file(p.name)]
    except FileNotFoundError:
        return []


_TOC_NAME = re.compile(rf"_{INDEX_NAME}_\d+\.toc")
_TOC_TEMP = re.compile(rf"_{INDEX_NAME}_\d+\.toc\..+")
_SEGMENT_FILE = re.compile(rf"({INDEX_NAME}_[0-9a-z]+)\.[A-Za-z0-9_.]+")  # Whoosh's pattern


def _has_toc(index_dir: Path) -> bool:
    return any(_TOC_NAME.fullmatch(p.name) for p in _index_files(index_dir))


def _move_aside(index_dir: Path) -> Path:
    """Move the index's files to ``<dir>.corrupt-<timestamp>``; other files (such as a
    README) stay where they are."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = index_dir.with_name(f"{index_dir.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = index_dir.with_name(f"{index_dir.name}.corrupt-{stamp}-{n}")
    target.mkdir(parents=True)
    try:
        for path in _index_files(index_dir):
            if path.name == _LOCK_NAME:  # held by us while we move: a new one would not lock
                continue
            try:
                os.rename(path, target / path.name)
            except OSError as exc:  # another file system: copy (a read-only folder fails here)
                if exc.errno != errno.EXDEV:
                    raise
                shutil.move(str(path), str(target / path.name))
    except OSError:
        try:
            target.rmdir()  # leave no empty folder behind when nothing could be moved
        except OSError:
            pass
        raise
    return target


class _Damaged(Exception):
    """The index on disk cannot be trusted; the message says why."""


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


@dataclass(frozen=True)
class FileCheck:
    """One file of the index checked against the manifest."""

    name: str
    size: int
    status: str  # "ok", "damaged", "missing", or "unchecked" (no checksum recorded yet)
    detail: str = ""

    @property
    def bad(self) -> bool:
        return self.status in ("damaged", "missing")


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _sample_sha256(path: Path, size: int) -> str:
    """sha256 of SAMPLE_BLOCKS blocks spread evenly over the file, the first and the last
    included (of the whole file when it is that small)."""
    if size <= SAMPLE_BLOCKS * SAMPLE_BLOCK_BYTES:
        return _sha256(path)
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for n in range(SAMPLE_BLOCKS):
            handle.seek((size - SAMPLE_BLOCK_BYTES) * n // (SAMPLE_BLOCKS - 1))
            digest.update(handle.read(SAMPLE_BLOCK_BYTES))
    return digest.hexdigest()


_opening = threading.local()  # .manifests: {path: (stat key, data)} while an open runs


@contextmanager
def _one_manifest_read():
    """While opening, read the manifest once: the file check, the recorded state and the
    "is it behind" test each ask for it (1.7 MB of JSON at 10,000 articles). Within this
    scope a manifest whose stat (inode, size, times) is unchanged is not parsed again;
    outside it every call reads the file."""
    outer = getattr(_opening, "manifests", None)
    if outer is None:
        _opening.manifests = {}
    try:
        yield
    finally:
        if outer is None:
            _opening.manifests = None


def _read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The manifest (``{"generation", "files": {name: {size, sha256, sample}}}``), None when
    there is none. Raises _Damaged when it cannot be read: it is written atomically, so a
    broken one is damage too. The data is shared within :func:`_one_manifest_read`: read it,
    never change it."""
    memo = getattr(_opening, "manifests", None)
    path = index_dir / MANIFEST_NAME
    key = None
    if memo is not None:
        try:
            st = path.stat()
            key = (st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        except OSError:
            key = None
        seen = memo.get(str(path))
        if key is not None and seen is not None and seen[0] == key:
            return seen[1]
    data = _parse_manifest(path)
    if memo is not None and key is not None and data is not None:
        memo[str(path)] = (key, data)
    return data


def _parse_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
        files = data["files"]
        valid = isinstance(files, dict) and all(
            isinstance(e, dict) and isinstance(e.get("size"), int)
            and isinstance(e.get("sha256"), str) and isinstance(e.get("sample"), str)
            for e in files.values())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise _Damaged(f"its checksum manifest {MANIFEST_NAME} is unreadable")
    return data


def _current_files(index_dir: Path, toc: Any) -> tuple[list[str], list[str]]:
    """``(files, missing)``: the names of the files generation ``toc`` consists of (its
    table of contents first, then its segments' files), and the segments without a file."""
    segments = {seg.segment_id() for seg in toc.segments}
    names = sorted(n for n in os.listdir(index_dir) if n.split(".", 1)[0] in segments)
    found = {n.split(".", 1)[0] for n in names}
    return [f"_{INDEX_NAME}_{toc.generation}.toc", *names], sorted(segments - found)


def _check_files(index_dir: Path, ix: whoosh_index.Index, full: bool | None) -> list[FileCheck]:
    """Check each file of the latest generation against the manifest: its size, and its
    whole-file hash when ``full`` (None: when the files total at most FULL_CHECK_BYTES),
    else its sampled hash. Raises _Damaged for an unreadable manifest."""
    known = (_read_manifest(index_dir) or {}).get("files", {})
    names, missing = _current_files(index_dir, ix._read_toc())
    sizes = {}
    for name in names:
        try:
            sizes[name] = (index_dir / name).stat().st_size
        except FileNotFoundError:
            pass
    if full is None:
        full = sum(sizes.values()) <= FULL_CHECK_BYTES
    checks = [FileCheck(f"{seg}.seg", 0, "missing", "the segment's file is missing") for seg in missing]
    for name in names:
        entry, size = known.get(name), sizes.get(name)
        if size is None:
            checks.append(FileCheck(name, 0, "missing", "the file is missing"))
        elif entry is None:
            checks.append(FileCheck(name, size, "unchecked", "no checksum recorded yet"))
        elif size != entry["size"]:
            checks.append(FileCheck(name, size, "damaged", f"{size:,} bytes, {entry['size']:,} expected"))
        elif (_sha256(index_dir / name) if full else _sample_sha256(index_dir / name, size)) \
                != entry["sha256" if full else "sample"]:
            checks.append(FileCheck(name, size, "damaged", "checksum mismatch"))
        else:
            checks.append(FileCheck(name, size, "ok"))
    return checks


def verify_index(index_dir: Path, full: bool | None = True) -> list[FileCheck]:
    """Check every file of the index in ``index_dir`` against its recorded size and sha256
    (``full=None``: as opening does). Empty when there is no index; a table of contents
    or manifest that cannot be read is one damaged entry."""
    index_dir = Path(index_dir)
    if not _has_toc(index_dir):
        return []
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
        return _check_files(index_dir, ix, full)
    except _Damaged as exc:
        return [FileCheck(MANIFEST_NAME, 0, "damaged", str(exc))]
    except Exception as exc:
        toc = f"_{INDEX_NAME}_{whoosh_index.TOC._latest_generation(FileStorage(str(index_dir)), INDEX_NAME)}.toc"
        return [FileCheck(toc, 0, "damaged", f"unreadable ({_describe(exc)})")]


def _write_manifest(index_dir: Path, ix: whoosh_index.Index,
                    state: dict[str, tuple[str, str, str]] | None = None) -> None:
    """Record the size and checksums of each file of the latest generation. Segment files
    never change, so those already in the manifest keep their entry (only new ones are
    hashed). Best effort: an index whose manifest lags behind still opens (its newer
    files are unchecked until a manifest is written).

    ``state`` is what the index now holds, ``{id: (sha256, path, meta)}``, when the
    caller knows it (a sync just wrote exactly those articles); it is recorded when the
    index's document count agrees, else the stored documents are read for it."""
    try:
        try:
            old = (_read_manifest(index_dir) or {}).get("files", {})
        except _Damaged:
            old = {}
        toc = ix._read_toc()
        files = {}
        for name in _current_files(index_dir, toc)[0]:
            path = index_dir / name
            size = path.stat().st_size
            entry = old.get(name)
            if entry is None or entry["size"] != size or name.endswith(".toc"):
                entry = {"size": size, "sha256": _sha256(path), "sample": _sample_sha256(path, size)}
            files[name] = entry
        data = {"newsdiff_index_manifest": MANIFEST_FORMAT, "generation": toc.generation, "files": files}
        try:
            if state is not None and _doc_count(ix) == len(state):
                generation, duplicates = toc.generation, set()
            else:
                state, generation, duplicates = _read_state(ix)
            if generation == toc.generation:
                # what each stored document is, so that opening need not read them all
                data["state"] = {"ids": state, "duplicates": sorted(duplicates)}
        except _Damaged:
            pass
        atomic_write_bytes(index_dir / MANIFEST_NAME, json.dumps(data, indent=1, sort_keys=True).encode())
        for stale in index_dir.glob(f"{MANIFEST_NAME}.*.tmp"):  # a killed earlier version's temp name
            stale.unlink(missing_ok=True)
    except Exception:  # OSError (read-only, full disk) or a generation deleted meanwhile
        pass


def _doc_count(ix: whoosh_index.Index) -> int:
    with ix.reader() as reader:
        return reader.doc_count()


def _manifest_behind(index_dir: Path, ix: whoosh_index.Index) -> bool:
    """True when the manifest is missing (an index written before checksums, or a commit
    killed before its manifest) or describes an older generation."""
    try:
        manifest = _read_manifest(index_dir)
        return manifest is None or manifest.get("generation") != ix.latest_generation() \
            or "state" not in manifest  # written before the state was recorded
    except _Damaged:
        return False


_State = tuple[dict[str, tuple[str, str, str]], int, set[str]]


def _recorded_state(index_dir: Path, ix: whoosh_index.Index) -> _State | None:
    """The state the manifest recorded for the latest generation (its files' checksums
    were just checked), or None when it has none for it or it does not add up: then the
    stored documents are read (:func:`_read_state`)."""
    try:
        manifest = _read_manifest(index_dir) or {}
        recorded, generation = manifest.get("state"), ix.latest_generation()
        if manifest.get("generation") != generation or not isinstance(recorded, dict):
            return None
        ids, duplicates = recorded.get("ids"), recorded.get("duplicates")
        if not isinstance(ids, dict) or not isinstance(duplicates, list):
            return None
        state = {}
        for doc_id, entry in ids.items():
            if not (isinstance(entry, list) and len(entry) == 3 and all(isinstance(x, str) for x in entry)):
                return None
            state[doc_id] = (entry[0], entry[1], entry[2])
        with ix.reader() as reader:
            if reader.doc_count() != len(state) + len(duplicates):
                return None
        return state, generation, {d for d in duplicates if isinstance(d, str)}
    except Exception:  # _Damaged, or whoosh's many kinds: read the documents instead
        return None


def _read_state(ix: whoosh_index.Index) -> _State:
    """``({id: (sha256, path, meta)}, generation, duplicated ids)`` of the index, checking on the
    way that it is readable and consistent. Raises _Damaged otherwise."""
    try:
        generation = ix.latest_generation()
        with ix.reader() as reader:
            expected = reader.doc_count()
            state: dict[str, tuple[str, str, str]] = {}
            seen = 0
            duplicates: set[str] = set()
            for _docnum, stored in reader.iter_docs():
                seen += 1
                doc_id, sha, path = stored.get("id"), stored.get("sha256"), stored.get("path")
                if not isinstance(doc_id, str) or not isinstance(sha, str):
                    raise _Damaged("a stored document lacks its id or checksum")
                if doc_id in state:
                    duplicates.add(doc_id)
                meta = stored.get("meta")
                state[doc_id] = (sha, path if isinstance(path, str) else "", meta if isinstance(meta, str) else "")
            if seen != expected:
                raise _Damaged(f"{expected} documents counted but {seen} readable")
            if expected and reader.doc_frequency("id", next(iter(state))) < 1:
                raise _Damaged("the id lexicon does not match the stored documents")
    except _Damaged:
        raise
    except Exception as exc:  # whoosh raises many kinds (EOFError, struct.error, ...)
        raise _Damaged(_describe(exc)) from None
    return state, generation, duplicates


def _identity(ix: whoosh_index.Index) -> list:
    toc = ix._read_toc()
    return [toc.generation, sorted(seg.segment_id() for seg in toc.segments)]


class _StoredArticles(Mapping):
    """The articles of an index opened as is: each made from its stored fields (path,
    checksum) by ``load`` the first time it is asked for, and kept."""

    def __init__(self, index: "CorpusIndex", load: Callable[[str, str, str], Article | None]) -> None:
        self._index = index
        self._load = load
        self._made: dict[str, Article | None] = {}

    def _stored(self, article_id: str) -> dict | None:
        searcher = self._index._fresh_searcher()
        docnum = searcher.document_number(id=article_id)
        return None if docnum is None else searcher.stored_fields(docnum)

    def __getitem__(self, article_id: str) -> Article:
        if article_id not in self._made:
            stored = self._stored(article_id)
            path, sha = (stored or {}).get("path"), (stored or {}).get("sha256")
            self._made[article_id] = self._load(path, sha, article_id) \
                if isinstance(path, str) and isinstance(sha, str) else None
        article = self._made[article_id]
        if article is None:
            raise KeyError(article_id)
        return article

    def __iter__(self) -> Iterator[str]:
        with self._index._ix.reader() as reader:
            ids = [stored.get("id") for _docnum, stored in reader.iter_docs()]
        return iter([i for i in ids if isinstance(i, str)])

    def __len__(self) -> int:
        return sum(1 for _ in self)


# --------------------------------------------------------------------------- the index


class CorpusIndex:
    """An open index for one corpus: search it and find match offsets in its articles."""

    def __init__(self, index_dir: Path, ix: whoosh_index.Index, articles: Sequence[Article],
                 report: SyncReport, lock_timeout: float) -> None:
        self.index_dir = index_dir
        self.report = report
        self.lock_timeout = lock_timeout
        self._ix = ix
        self._articles: Mapping[str, Article] = {a.id: a for a in articles}
        self._schema = ix.schema  # read once: Index.schema re-reads the table of contents
        self._searcher = ix.searcher()
        self._ranker = Ranker(self._searcher)

    # ------------------------------------------------------------------ opening

    def identity(self) -> list | None:
        """Which generation of which index this is: its number and its segments' random
        names (a rebuilt index starts its numbers again, never its names). None while the
        searched index is not the articles' (an update could not be written)."""
        if self.report.stale:
            return None
        try:
            return _identity(self._ix)
        except Exception:
            return None

    @classmethod
    def open_as_is(cls, index_dir: Path, identity: Any, load_article: Callable[[str, str, str], Article | None],
                   *, lock_timeout: float = 10.0) -> "CorpusIndex | None":
        """Open the index without bringing it up to date, for a pile known to be exactly
        what generation ``identity`` holds (:mod:`newsdiff.corpus.listing`). Articles are
        made when a hit needs one: ``load_article(path, sha256, id)`` from the stored
        fields. None when the index is not that generation any more, or fails its file
        check (the caller then opens it the full way, which repairs it)."""
        index_dir = Path(index_dir)
        with _one_manifest_read():
            if not _has_toc(index_dir):
                return None
            ix = None
            try:
                ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
                if _identity(ix) != identity or _manifest_behind(index_dir, ix) \
                        or any(c.bad for c in _check_files(index_dir, ix, None)) or not cls._schema_matches(ix):
                    ix.close()
                    return None
                opened = cls(index_dir, ix, (), SyncReport(), lock_timeout)
            except Exception:  # _Damaged, or whoosh's many kinds
                if ix is not None:
                    ix.close()
                return None
        opened._articles = _StoredArticles(opened, load_article)
        opened.report.unchanged = opened._searcher.doc_count()
        return opened

    @classmethod
    def open(
        cls,
        index_dir: Path,
        articles: Sequence[Article],
        *,
        rebuild: bool = False,
        lock_timeout: float = 10.0,
        progress: Progress | None = None,
        verify: bool = False,
        workers: int | None = None,
    ) -> "CorpusIndex":
        """Open the index in ``index_dir`` for ``articles``, creating, repairing and
        updating it as needed (``verify``: hash every file whatever its size; ``workers``:
        processes analysing the articles, None to choose by their number and the CPUs,
        see :func:`building.default_workers`). When the
        update cannot be written the previous index is used and ``report.stale`` says so.
        Raises IndexLockedError or NewsdiffIndexError (also when no usable index exists)."""
        with _one_manifest_read():
            return cls._open(Path(index_dir), articles, rebuild=rebuild, lock_timeout=lock_timeout,
                             progress=progress, verify=verify, workers=workers)

    @classmethod
    def _open(cls, index_dir: Path, articles: Sequence[Article], *, rebuild: bool, lock_timeout: float,
              progress: Progress | None, verify: bool, workers: int | None) -> "CorpusIndex":
        recovered: str | None = None
        full = True if verify else None
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NewsdiffIndexError(f"cannot create index folder {index_dir}: {exc.strerror or exc}") from None

        ix, state, damage = cls._open_existing(index_dir, full)
        if damage is not None:
            recovered = cls._recover(index_dir, damage, lock_timeout, full)
            if recovered is None:  # another process repaired it while we waited
                ix, state, damage = cls._open_existing(index_dir, full)
                if damage is not None:
                    raise NewsdiffIndexError(f"the index in {index_dir} is damaged ({damage}); "
                                             "run 'newsdiff index --rebuild'")
            else:
                ix = None
        if ix is not None and not cls._schema_matches(ix):
            ix = None
            rebuild = True
        created = ix is None
        if ix is None:
            state = None
            try:
                (index_dir / MANIFEST_NAME).unlink(missing_ok=True)  # describes files now gone
                ix = whoosh_index.create_in(str(index_dir), make_schema(), indexname=INDEX_NAME)
            except Exception as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else _describe(exc)
                raise NewsdiffIndexError(f"cannot create an index in {index_dir}: {reason}") from None
            rebuild = rebuild or recovered is not None

        try:
            report = _sync(ix, articles, rebuild=rebuild, lock_timeout=lock_timeout,
                           progress=progress, index_dir=index_dir, state=state, workers=workers)
        except _WriteFailed as exc:
            if created or ix.doc_count() == 0:  # nothing to fall back on
                raise NewsdiffIndexError(f"could not write the index in {index_dir} ({exc.reason})") from None
            report = _stale_report(index_dir, exc)
        if not report.changed and not report.stale and _manifest_behind(index_dir, ix):
            _write_manifest(index_dir, ix)  # an index written before checksums gets them now
        report.recovered = recovered
        return cls(index_dir, ix, articles, report, lock_timeout)

    @staticmethod
    def _open_existing(index_dir: Path, full: bool | None = None
                       ) -> tuple[whoosh_index.Index | None, _State | None, str | None]:
        """``(index, state, None)`` for a healthy index, ``(None, None, None)`` when there
        is none, and ``(None, None, reason)`` when it is damaged (checked on the way:
        ``full`` as in :func:`_check_files`). A failure is retried once, in case another
        process was committing (and deleting old files) meanwhile."""
        files = _index_files(index_dir)
        if not files:
            return None, None, None
        reason = ""
        for attempt in range(2):
            if not _has_toc(index_dir):
                if any(p.name.endswith(".seg") for p in _index_files(index_dir)):
                    reason = "its table of contents is missing"
                else:  # only a lock file or temp folder: nothing worth keeping
                    return None, None, None
            else:
                try:
                    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
                    bad = next((c for c in _check_files(index_dir, ix, full) if c.bad), None)
                    if bad is not None:
                        raise _Damaged(f"{bad.name}: {bad.detail}")
                    return ix, _recorded_state(index_dir, ix) or _read_state(ix), None
                except _Damaged as exc:
                    reason = str(exc)
                except Exception as exc:
                    reason = _describe(exc)
            if attempt == 0:
                time.sleep(0.05)
        return None, None, reason or "unreadable"

    @staticmethod
    def _schema_matches(ix: whoosh_index.Index) -> bool:
        try:
            if sorted(ix.schema.names()) != sorted(make_schema().names()):
                return False
            with ix.reader() as reader:
                if reader.doc_count() == 0:
                    return True
                for _docnum, stored in reader.iter_docs():
                    return stored.get("schema_version") == SCHEMA_VERSION
        except Exception:
            return False
        return True

    @staticmethod
    def _recover(index_dir: Path, damage: str, lock_timeout: float, full: bool | None) -> str | None:
        """Move a damaged index aside (holding its write lock, so we never pull files from
        under another writer) and return the one-line message for the user; None when,
        with the lock held, the index turns out to be healthy after all."""
        try:
            with _write_lock(index_dir, lock_timeout):
                if CorpusIndex._open_existing(index_dir, full)[2] is None:
                    return None
                moved = _move_aside(index_dir)
        except (OSError, _WriteFailed) as exc:
            reason = exc.reason if isinstance(exc, _WriteFailed) else exc.strerror or exc
            raise NewsdiffIndexError(
                f"the index in {index_dir} is damaged ({damage}) and could not be moved aside: {reason}"
            ) from None
        return f"the index in {index_dir} was damaged ({damage}); moved it to {moved} and rebuilt it"

    # ------------------------------------------------------------------ updating

    def sync(self, articles: Sequence[Article], *, rebuild: bool = False,
             progress: Progress | None = None, workers: int | None = None) -> SyncReport:
        """Bring the open index up to date with ``articles`` (a new version of the corpus)
        and search those from now on."""
        try:
            report = _sync(self._ix, articles, rebuild=rebuild, lock_timeout=self.lock_timeout,
                           progress=progress, index_dir=self.index_dir, workers=workers)
        except _WriteFailed as exc:
            report = _stale_report(self.index_dir, exc)
        self._articles = {a.id: a for a in articles}
        self.report = report
        self._fresh_searcher()
        return report

    # ------------------------------------------------------------------ reading

    @property
    def articles(self) -> Mapping[str, Article]:
        """The articles the index was opened with, by id (opened as is: made on demand)."""
        return self._articles

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]

    def doc_count(self) -> int:
        return self._fresh_searcher().doc_count()

    def _fresh_searcher(self):
        """The open searcher, renewed when the index has changed since it was opened."""
        s = self._searcher
        try:
            current = s.up_to_date()
        except Exception:
            current = False
        if not current:
            s.close()
            self._searcher = s = self._ix.searcher()
            self._ranker = Ranker(s)
        return s

    def search(self, query: str, limit: int | None = 10) -> list[Hit]:
        """Articles matching ``query``, best first, each with every match's offsets.
        Raises QueryError for a bad query and NewsdiffIndexError for a damaged index."""
        q = parse_query(query, self._schema)
        try:
            searcher = self._fresh_searcher()
            ranked = self._ranker.rank(q, limit)
            if ranked is None:  # not a simple body query: Whoosh ranks it
                ranked = [RankedHit(hit.docnum, float(hit.score))
                          for hit in searcher.search(q, limit=limit)]
            stored = searcher.stored_fields
            found = [(stored(hit.docnum), hit) for hit in ranked]
        except Exception as exc:
            raise NewsdiffIndexError(
                f"searching the index in {self.index_dir} failed ({_describe(exc)}); "
                "run 'newsdiff index --rebuild'"
            ) from None
        hits = []
        for fields_, hit in found:
            article = self._articles.get(fields_["id"])
            if article is None:  # indexed by another process for another corpus version
                continue
            if hit.spans is not None and fields_.get("sha256") == article.sha256:
                spans = hit.spans  # offsets stored in the index for this very text
            else:
                spans = self._spans(q, article)
            hits.append(Hit(
                article_id=article.id,
                path=article.path or fields_.get("path", ""),
                title=article.title or fields_.get("title", ""),
                score=hit.score,
                snippet=make_snippet(article.text, spans),
                spans=spans,
            ))
        return hits

    def match_spans(self, query: str, article_id: str) -> list[tuple[int, int]]:
        """Every match of ``query`` in the text of article ``article_id`` (sorted offsets).
        Raises QueryError for a bad query and KeyError for an unknown article."""
        q = parse_query(query, self._schema)
        return self._spans(q, self._articles[article_id])

    def _spans(self, q, article: Article) -> list[tuple[int, int]]:
        """Body matches anywhere in the text, plus ``title:`` matches where the title
        appears in the text (it usually is the first line)."""
        spans = text_spans(q, article.text)
        if article.title and any(getattr(n, "fieldname", None) == "title" for n in q.leaves()):
            title = article.title.removesuffix("…")  # derived titles may be shortened
            at = article.text.find(title)
            if at >= 0:
                title_tokens = tokenize_stemmed(title)
                spans = merge_spans(spans + [
                    (at + s, at + e) for s, e in spans_for_tokens(q, title_tokens, "title")
                ])
        return spans

    def close(self) -> None:
        try:
            self._searcher.close()
        finally:
            self._ix.close()

    def __enter__(self) -> "CorpusIndex":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --------------------------------------------------------------------------- syncing


def _acquire(lock, timeout: float) -> bool:
    """Try for ``timeout`` seconds. Raises _WriteFailed when the lock file cannot be opened
    (a read-only folder): no amount of waiting would help."""
    deadline = time.monotonic() + max(timeout, 0.0)
    while True:
        try:
            if lock.acquire(blocking=False):
                return True
        except OSError as exc:
            raise _WriteFailed(exc) from None
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


@contextmanager
def _write_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold the index's write lock (Whoosh's own, so Whoosh writers wait for us too).
    Raises IndexLockedError after ``timeout`` s, _WriteFailed for a read-only folder."""
    lock = FileStorage(str(index_dir)).lock(_LOCK_NAME)
    if not _acquire(lock, timeout):
        raise IndexLockedError(_locked_message(index_dir, timeout))
    try:
        yield
    finally:
        try:
            lock.release()
        except Exception:
            pass


def _locked_message(index_dir: Path, timeout: float) -> str:
    return (
        f"the index in {index_dir} is being updated by another newsdiff process "
        f"(waited {timeout:g} s); try again when it has finished"
    )


def _stale_report(index_dir: Path, exc: _WriteFailed) -> SyncReport:
    return SyncReport(write_error=exc.reason, stale=(
        f"could not update the index in {index_dir} ({exc.reason}); searching the previous "
        "index: results may be stale"))


def _abandon(writer: writing.SegmentWriter | None) -> None:
    """Cancel a failed writer and close what it still holds open: on a full disk a failed
    flush can stop ``cancel()`` half-way, and an open file keeps its space."""
    if writer is None or writer.is_closed:
        return
    try:
        writer.cancel()
        return
    except Exception:
        pass
    for step in (writer.perdocwriter.close, writer.fieldwriter.close, writer.pool.cleanup,
                 writer._tempstorage.destroy):
        try:
            step()
        except Exception:
            pass


def _discard_partial(index_dir: Path, ix: whoosh_index.Index) -> None:
    """Delete what a failed (or killed) commit left: segment files no table of contents
    refers to, temporary tables of contents, the writer's temp folder. Called holding the
    write lock, so nobody else is writing them."""
    try:
        keep = {seg.segment_id() for seg in ix._read_toc().segments}
    except Exception:  # cannot tell which files are in use: delete nothing
        return
    for path in _index_files(index_dir):
        segment = _SEGMENT_FILE.fullmatch(path.name)
        try:
            if path.name == f"{INDEX_NAME}.tmp":
                shutil.rmtree(path, ignore_errors=True)
            elif (segment and segment.group(1) not in keep) or _TOC_TEMP.fullmatch(path.name):
                path.unlink()
        except OSError:
            pass


def _same_place(stored: str, path: str) -> bool:
    """Whether an indexed document's path names the article's file: the same string, or
    the same file named relatively and absolutely ("pile/a.txt", "/home/me/pile/a.txt",
    "./pile/a.txt") from here. Naming a pile another way re-indexes nothing."""
    if stored == path:
        return True
    return bool(stored) and bool(path) and os.path.abspath(stored) == os.path.abspath(path)


def _plan(state: dict[str, tuple[str, str, str]], articles: Sequence[Article],
          duplicates: set[str] = frozenset()  # type: ignore[assignment]
          ) -> tuple[list[Article], list[Article], list[str], int]:
    """``(to_add, to_update, ids_to_delete, unchanged)``; duplicated ids are re-indexed."""
    to_add, to_update, unchanged = [], [], 0
    wanted = set()
    for a in articles:
        wanted.add(a.id)
        known = state.get(a.id)
        if known is None:
            to_add.append(a)
        elif known[0] != a.sha256 or known[2] != meta_key(a) or not _same_place(known[1], a.path) \
                or a.id in duplicates:
            to_update.append(a)
        else:
            unchanged += 1
    to_delete = [doc_id for doc_id in state if doc_id not in wanted]
    to_delete += [doc_id for doc_id in duplicates if doc_id not in wanted and doc_id not in to_delete]
    return to_add, to_update, to_delete, unchanged


def _sync(ix: whoosh_index.Index, articles: Sequence[Article], *, rebuild: bool,
          lock_timeout: float, progress: Progress | None, index_dir: Path,
          state: _State | None = None, workers: int | None = None) -> SyncReport:
    """Bring ``ix`` up to date with ``articles``; ``progress(done, total)`` is called with
    ``done == 0`` before the first article is indexed, then after each one. The articles
    are analysed by ``workers`` processes (None: :func:`building.default_workers`)."""
    articles = _dedupe(articles)
    if rebuild:
        state = None
    else:
        try:
            state = state if state is not None else _read_state(ix)
        except _Damaged as exc:
            raise NewsdiffIndexError(f"the index in {index_dir} is damaged ({exc}); "
                                     "run 'newsdiff index --rebuild'") from None
        to_add, to_update, to_delete, unchanged = _plan(state[0], articles, state[2])
        if not (to_add or to_update or to_delete):
            return SyncReport(unchanged=unchanged)

    with _write_lock(index_dir, lock_timeout):
        _discard_partial(index_dir, ix)  # what a killed writer left, before we add to it
        before = ix.latest_generation()
        writer = report = None
        try:
            writer = _writer(ix)
            report = _add(writer, ix, articles, progress, index_dir, state, workers)
            writer.commit(mergetype=writing.CLEAR if report.rebuilt else _merge_live)
        except BaseException as exc:
            _abandon(writer)
            if ix.latest_generation() == before:  # nothing committed: undo it all
                _discard_partial(index_dir, ix)
                if isinstance(exc, OSError):
                    raise _WriteFailed(exc) from None
                raise
            if report is None or not isinstance(exc, Exception):
                raise
            # it failed after writing its table of contents (cleaning up): the commit stands
        # the index now holds exactly these articles (checked against its document count)
        _write_manifest(index_dir, ix, {a.id: (a.sha256, a.path, meta_key(a)) for a in articles})
    return report


def _merge_live(writer: writing.SegmentWriter, segments: list) -> list:
    """Whoosh's default merge (``MERGE_SMALL``) over the segments that still hold a live
    document. A segment whose every document was deleted (each of its articles updated,
    or the pile's paths given another way) is dropped: kept, it stayed on disk and every
    query walked its postings, doubling both after one full update."""
    return writing.MERGE_SMALL(writer, [seg for seg in segments if seg.doc_count() > 0])


def _writer(ix: whoosh_index.Index) -> writing.SegmentWriter:
    """A writer for ``ix`` (its lock is already ours): :class:`building.BuildWriter`, or
    Whoosh's own for a schema it does not handle."""
    from newsdiff.search import building  # only writers need it (and its process pool)

    codec = whoosh3.W3Codec(blocklimit=POSTINGS_BLOCK)
    if building.supports(ix.schema):
        return building.BuildWriter(ix, _lk=False, limitmb=BUILD_LIMIT_MB, codec=codec)
    return ix.writer(_lk=False, limitmb=BUILD_LIMIT_MB, codec=codec)


def _index_articles(writer: writing.SegmentWriter, todo: Sequence[Article],
                    progress: Progress | None, workers: int | None) -> None:
    """Add ``todo`` to ``writer`` in order (analysed in parallel when there are many);
    ``progress(done, len(todo))`` after each. Texts are read as they are analysed."""
    from newsdiff.search import building

    if progress:
        progress(0, len(todo))
    docs = (_document(a) for a in todo)
    if not isinstance(writer, building.BuildWriter):
        for n, doc in enumerate(docs, 1):
            writer.add_document(**doc)
            if progress:
                progress(n, len(todo))
        return
    count = building.default_workers(len(todo)) if workers is None else max(1, workers)
    writer.analyze(docs, count, (lambda n: progress(n, len(todo))) if progress else None)


def _add(writer: writing.SegmentWriter, ix: whoosh_index.Index, articles: list[Article],
         progress: Progress | None, index_dir: Path, state: _State | None,
         workers: int | None = None) -> SyncReport:
    """Give ``writer`` the articles (all of them when ``state`` is None: a rebuild, else
    what changed since ``state``) and what to delete; the caller commits. An updated
    article's every older document is deleted (duplicates too), then it is added."""
    if state is None:
        _index_articles(writer, articles, progress, workers)
        return SyncReport(added=len(articles), rebuilt=True)
    known, generation, duplicates = state
    if ix.latest_generation() != generation:
        # Someone committed while we waited for the lock: plan again on what is there.
        try:
            known, _, duplicates = _read_state(ix)
        except _Damaged as exc:
            raise NewsdiffIndexError(f"the index in {index_dir} is damaged ({exc}); "
                                     "run 'newsdiff index --rebuild'") from None
    to_add, to_update, to_delete, unchanged = _plan(known, articles, duplicates)
    for doc_id in [*to_delete, *(a.id for a in to_update)]:
        writer.delete_by_term("id", doc_id)
    _index_articles(writer, to_add + to_update, progress, workers)
    return SyncReport(added=len(to_add), updated=len(to_update), deleted=len(to_delete),
                      unchanged=unchanged)


def _dedupe(articles: Iterable[Article]) -> list[Article]:
    """One article per id (the loader already makes ids unique; this guards other callers)."""
    seen: dict[str, Article] = {}
    for a in articles:
        seen.setdefault(a.id, a)
    return list(seen.values())
