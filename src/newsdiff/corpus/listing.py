"""The pile as its last load saw it: every file's name and stat in load order, the warning
lines the load printed, and which index generation was brought up to date with exactly
those files.

A cold ``newsdiff search`` only needs to know that nothing changed since then. With the
listing it walks the folders and stats the files (as git's index does) and, when every
name and stat matches and the index is still that generation, searches at once: no
article records are rebuilt, no index state compared, and only the hits' files are read
(for their snippets). Anything else (a file added, removed, touched or unreadable, other
paths or ``--max-bytes``, another version of the readers, another index generation) and
the command takes the full path, which writes a new listing when it is done.

The listing (``.listing.json`` in the index folder) is written atomically and only ever
a shortcut: a missing, unreadable or malformed one is a miss, and its warning lines are
cleaned again as untrusted text when shown.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from newsdiff.atomic import atomic_write_bytes
from newsdiff.corpus.textsafe import clean_field

LISTING_NAME = ".listing.json"
FORMAT = 1


@dataclass
class Listing:
    """What :func:`unchanged` found still true: the load's warning lines and the index
    identity it recorded (a JSON value the index gave, see ``CorpusIndex.identity``)."""

    warnings: list[str]
    index: Any


def where(paths: Sequence[Path]) -> list[list[str]]:
    """Each given path as given and where it leads: the same words from another folder
    name other files."""
    return [[str(p), os.path.realpath(p)] for p in paths]


def current_files(paths: Sequence[Path]) -> list[list[Any]] | None:
    """``[name, size, mtime_ns, ctime_ns, inode]`` of every file a load of ``paths`` reads,
    in its order; None when one of them is not a regular file that can be stat'ed (the
    load reports those, and their state is not in a stat). Raises CorpusError for a path
    that does not exist, as a load does."""
    from newsdiff.corpus.articles import iter_article_names
    from newsdiff.corpus.file_cache import stat_key  # the key the load lists each file by

    out: list[list[Any]] = []
    for name in iter_article_names(paths):
        try:
            st = os.stat(name)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        out.append([name, *stat_key(st)])
    return out


def save_listing(index_dir: Path, *, version: str, paths: Sequence[Path], max_bytes: int,
                 files: list[list[Any]], warnings: list[str], index: Any) -> bool:
    """Write the listing of a load whose files the index ``index`` now holds; False when
    it could not be written (nothing is lost: the next command takes the full path)."""
    data = {"format": FORMAT, "version": version, "paths": where(paths), "max_bytes": max_bytes,
            "index": index, "warnings": warnings, "files": files}
    try:
        atomic_write_bytes(Path(index_dir) / LISTING_NAME,
                           json.dumps(data, separators=(",", ":")).encode("ascii"))
    except (OSError, ValueError, TypeError):
        return False
    return True


def forget_listing(index_dir: Path) -> None:
    """Remove the listing (a load that could not be listed, or an index left behind)."""
    try:
        (Path(index_dir) / LISTING_NAME).unlink(missing_ok=True)
    except OSError:
        pass


def saved_load(data: object, fmt: Any, version: str, max_bytes: int, paths: Sequence[Path]
               ) -> tuple[list, list[str]] | None:
    """The files and warning lines a saved load (a listing or the app's snapshot) holds
    when it is of format ``fmt`` and was read from ``paths`` with this limit and these
    readers; None otherwise (its files are not compared with the disk here)."""
    if not isinstance(data, dict) or data.get("format") != fmt or data.get("version") != version \
            or data.get("max_bytes") != max_bytes or data.get("paths") != where(paths):
        return None
    files, warnings = data.get("files"), data.get("warnings")
    if not isinstance(files, list) or not isinstance(warnings, list) \
            or not all(isinstance(w, str) for w in warnings):
        return None
    return files, warnings


def unchanged(index_dir: Path, paths: Sequence[Path], max_bytes: int, version: str) -> Listing | None:
    """The saved listing when the files under ``paths`` are, name for name and stat for
    stat, the ones it lists (read with the same limit and readers); else None. Never
    raises for a bad listing; raises CorpusError for a path that does not exist."""
    try:
        with open(Path(index_dir) / LISTING_NAME, "rb") as f:
            data = json.loads(f.read().decode("ascii"))
    except (OSError, ValueError, RecursionError):
        return None
    saved = saved_load(data, FORMAT, version, max_bytes, paths)
    if saved is None or data.get("index") is None:
        return None
    files, warnings = saved
    if current_files(paths) != files:
        return None
    return Listing([clean_field(w) or "" for w in warnings], data["index"])
