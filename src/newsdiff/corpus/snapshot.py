"""The pile as the app last opened it, in one file: every file's name and stat, the load's
warning lines, and every article's fields, so an unchanged pile opens without its caches.

Opening 100,000 articles through the file cache (:mod:`.file_cache`) parses 39 MB of
JSON, checks and cleans each cached record, and rebuilds each article one by one: 3 to 4
seconds before the event list. The snapshot (``.opening.marshal`` in the index folder)
is written after such a load. The next opening walks the folders and stats the files,
as :mod:`.listing` does. When every name and stat, the paths, the size limit and the
readers' version are those of the snapshot, the articles come from it: columns of
strings in :mod:`marshal`'s format, checked a column at a time, and the articles' text is
read from their files only when asked for, as with the file cache. Anything else is a
miss, and the app loads as before and writes a new snapshot.

Read as untrusted input: :mod:`marshal` builds only plain values, never code. Every
column must have the right type and length. A column of plain printable ASCII is clean
as it is; any other is cleaned value by value, as the file cache cleans its records. A
missing, unreadable, malformed or stale file is a miss. It is written atomically, and
when it cannot be written nothing is lost.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any, Sequence

from newsdiff.atomic import atomic_write_bytes
from newsdiff.corpus.textsafe import clean_field, clean_name, plain

SNAPSHOT_NAME = ".opening.marshal"
#: marshal's own format can change between Python versions: part of the key
FORMAT = f"1:{marshal.version}:{sys.version_info[0]}.{sys.version_info[1]}"
#: the article fields a snapshot keeps, in its column order (the text is not kept)
COLUMNS = ("id", "path", "title", "sha256", "encoding", "source", "url", "published")
_OPTIONAL = frozenset({"source", "url", "published"})


def places(articles: Sequence[Any]) -> list[int]:
    """Each article's place among its file's articles (a file's articles are loaded
    together, in order): what rebuilds its text from the file."""
    out: list[int] = []
    last, n = None, 0
    for article in articles:
        n = n + 1 if article.path == last else 0
        last = article.path
        out.append(n)
    return out


def save_snapshot(index_dir: Path, *, version: str, paths: Sequence[Path], max_bytes: int,
                  files: list[list[Any]] | None, warnings: list[str], articles: Sequence[Any]) -> bool:
    """Write the snapshot of a load (``files``: its listing, None when a file could not
    be stat'ed: then any old snapshot is removed). False when nothing was written."""
    from newsdiff.corpus.listing import where

    target = Path(index_dir) / SNAPSHOT_NAME
    if files is None:
        try:
            target.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    data = {"format": FORMAT, "version": version, "paths": where(paths), "max_bytes": max_bytes,
            "warnings": list(warnings), "files": files,
            "columns": {name: [getattr(a, name) for a in articles] for name in COLUMNS},
            "places": places(articles)}
    try:
        Path(index_dir).mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, marshal.dumps(data))
    except (OSError, ValueError, TypeError):
        return False
    return True


def open_snapshot(index_dir: Path, paths: Sequence[Path], max_bytes: int, version: str
                  ) -> tuple[list[Any], list[str]] | None:
    """``(articles, warnings)`` of the snapshot when the files under ``paths`` are, name
    for name and stat for stat, the ones it lists (read with the same limit and
    readers); else None. Never raises for a bad snapshot; raises CorpusError for a path
    that does not exist, as a load does."""
    from newsdiff.corpus.listing import current_files, saved_load

    try:
        with open(Path(index_dir) / SNAPSHOT_NAME, "rb") as f:
            data = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    saved = saved_load(data, FORMAT, version, max_bytes, paths)
    if saved is None:
        return None
    files, warnings = saved
    columns = _checked(data.get("columns"), data.get("places"))
    if columns is None or current_files(paths) != files:
        return None
    return _articles(columns, data["places"], max_bytes), [clean_field(w) or "" for w in warnings]


def _checked(columns: object, places: object) -> dict[str, list] | None:
    """The columns, each of one length and type, cleaned; None when they are not."""
    if not isinstance(columns, dict) or not isinstance(places, list) or set(columns) != set(COLUMNS):
        return None
    count = len(places)
    if count == 0 or not all(type(p) is int and p >= 0 for p in places):
        return None
    out: dict[str, list] = {}
    for name in COLUMNS:
        values = columns[name]
        if not isinstance(values, list) or len(values) != count:
            return None
        strings = [v for v in values if v is not None] if name in _OPTIONAL else values
        if not all(type(v) is str for v in strings):
            return None
        if name != "path":
            if not plain(strings):  # clean value by value
                clean = clean_name if name == "id" else clean_field
                values = [v if v is None else clean(v) for v in values]
        out[name] = values
    paths, ids, shas = out["path"], out["id"], out["sha256"]
    if not all(paths) or "\x00" in "".join(paths) or not all(ids) or len(set(ids)) != count \
            or any(len(s) != 64 for s in shas):
        return None
    out["title"] = [title or ident for title, ident in zip(out["title"], ids)]
    return out


def _articles(columns: dict[str, list], places: list[int], max_bytes: int) -> list[Any]:
    """Articles whose text is read from their file when first asked for (as the file
    cache's are: :meth:`newsdiff.corpus.articles._LazyArticle.from_record`)."""
    from newsdiff.corpus.articles import _LazyArticle

    make = _LazyArticle.from_record
    return [make(zip(COLUMNS, values), place, max_bytes)
            for values, place in zip(zip(*(columns[name] for name in COLUMNS)), places)]
