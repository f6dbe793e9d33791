"""What each article file held, keyed by its stat, so a command reads only changed files.

As git's index does, an entry keeps a file's size, modification time (ns), change time
(ns) and inode, with the records its loading produced: every :class:`Article` field but
the text, and the file's warning lines. When a file's stat is unchanged its articles are
rebuilt from the entry and their text is read from the file only when something asks for
it (a search hit's snippet, a pane): a cold ``newsdiff search`` on ten thousand files
stats them instead of reading and hashing them. Anything else about the file (size over
the ``--max-bytes`` limit or not, the cache's format, the newsdiff version) that differs
makes the entry a miss, and the file is read as before.

The cache is a JSON file beside the index (``.files.json``), written atomically (temporary
file, fsync, rename). It is only ever a shortcut: a missing, unreadable, corrupt or
tampered file is ignored (every field read from it is checked and cleaned again as
untrusted text), a cache that cannot be written is skipped silently, and ``--verify``
reads every file whatever the cache says.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdiff.atomic import atomic_write_bytes
from newsdiff.corpus.textsafe import clean_field, clean_name

CACHE_NAME = ".files.json"  # hidden: never loaded as an article, whatever the folder
FORMAT = 1
#: Article fields an entry keeps (the text is read from the file when asked for).
FIELDS = ("id", "path", "title", "sha256", "encoding", "source", "url", "published")
_OPTIONAL = frozenset({"source", "url", "published"})


def reader_version(release: str) -> str:
    """The release and a digest of the corpus package's code: entries made by another
    version of the readers (a title rule changed, a new format) are misses."""
    digest = hashlib.sha256(release.encode("utf-8"))
    for source in sorted(Path(__file__).parent.glob("*.py")):
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(source.name.encode("utf-8"))
    return digest.hexdigest()[:16]


def stat_key(st: os.stat_result) -> list[int]:
    """What says a file is unchanged: size, mtime and ctime in ns, inode."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


@dataclass
class FileCache:
    """Entries by path (as the loader names the file); ``fresh`` holds those used or made
    in this load, and is what :meth:`save` writes (files gone are dropped)."""

    path: Path
    version: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    fresh: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False
    #: this load's files in order, ``[name, *stat key]``, and its warning lines, for the
    #: listing (:mod:`newsdiff.corpus.listing`); None once a file had no stat to list
    listed: list[list[Any]] | None = field(default_factory=list)
    listed_warnings: list[str] = field(default_factory=list)
    #: the paths and size limit of the load that used this cache
    loaded: tuple[list[Path], int] | None = None

    def note(self, name: str, key: list[int] | None, warnings: list[str]) -> None:
        """A file of this load, as the listing will hold it."""
        self.listed_warnings.extend(warnings)
        if key is None:
            self.listed = None
        elif self.listed is not None:
            self.listed.append([name, *key])

    def save_listing(self, index: Any) -> bool:
        """After :meth:`save`: record that the index ``index`` (its identity) now holds
        exactly this load's files, so an unchanged pile is recognised from its stats
        alone. A load with a file it could not stat forgets any earlier listing."""
        from newsdiff.corpus.listing import forget_listing, save_listing

        if self.listed is None or self.loaded is None or index is None:
            forget_listing(self.path.parent)
            return False
        paths, max_bytes = self.loaded
        return save_listing(self.path.parent, version=self.version, paths=paths, max_bytes=max_bytes,
                            files=self.listed, warnings=self.listed_warnings, index=index)

    def save_snapshot(self, articles: list[Any]) -> bool:
        """After :meth:`save`: the app's opening snapshot of this load's ``articles``
        (:mod:`newsdiff.corpus.snapshot`), so the app opens the unchanged pile without
        this cache. False when it was not written."""
        from newsdiff.corpus.snapshot import save_snapshot

        if self.loaded is None:
            return False
        paths, max_bytes = self.loaded
        return save_snapshot(self.path.parent, version=self.version, paths=paths, max_bytes=max_bytes,
                             files=self.listed, warnings=self.listed_warnings, articles=articles)

    @classmethod
    def load(cls, path: Path, version: str) -> "FileCache":
        """The cache in ``path``; empty when it is missing, unreadable or not this
        version's (never raises)."""
        cache = cls(Path(path), version)
        try:
            with open(path, "rb") as f:
                data = json.loads(f.read().decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return cache
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("version") == version \
                and isinstance(data.get("files"), dict):
            cache.entries = data["files"]
        return cache

    def lookup(self, name: str, key: list[int], max_bytes: int) -> tuple[list[dict[str, Any]], list[str]] | None:
        """``(records, warnings)`` of a file whose stat is ``key``, or None (a miss). A
        record is the article's fields, checked and cleaned."""
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or entry.get("stat") != key:
            return None
        limit = entry.get("limit")
        if not isinstance(limit, int) or (key[0] <= max_bytes) != (key[0] <= limit):
            return None  # skipped for its size then and not now, or the other way round
        records, warnings = entry.get("articles"), entry.get("warnings")
        if not isinstance(records, list) or not isinstance(warnings, list) \
                or not all(isinstance(w, str) for w in warnings):
            return None
        clean = [_record(r) for r in records]
        if any(r is None for r in clean):
            return None
        self.fresh[name] = entry
        return clean, [clean_field(w) or "" for w in warnings]  # type: ignore[misc]

    def store(self, name: str, key: list[int], max_bytes: int, records: list[dict[str, Any]],
              warnings: list[str]) -> None:
        self.fresh[name] = {"stat": key, "limit": max_bytes, "articles": records, "warnings": warnings}
        self.changed = True

    def save(self) -> bool:
        """Write the entries of this load, atomically; False when it could not be written
        (the cache is a shortcut: nothing is lost)."""
        if not self.changed and self.fresh.keys() == self.entries.keys():
            return True
        try:
            # ASCII JSON: a file name the file system could not decode (a lone surrogate
            # from os.fsdecode) is written as its escape and read back as it was
            data = json.dumps({"format": FORMAT, "version": self.version, "files": self.fresh},
                              separators=(",", ":")).encode("ascii")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, data)
        except (OSError, ValueError):
            return False
        self.entries, self.changed = dict(self.fresh), False
        return True


def _record(raw: object) -> dict[str, Any] | None:
    """A cached article's fields, as untrusted input: each a string (optional ones may be
    null), names and fields cleaned of anything a terminal would interpret."""
    if not isinstance(raw, dict):
        return None
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = raw.get(name)
        if value is None and name in _OPTIONAL:
            out[name] = None
        elif isinstance(value, str):
            # plain printable ASCII is clean already: most names and titles, checked fast
            out[name] = value if name == "path" or (value.isascii() and value.isprintable()) else (
                clean_name(value) if name == "id" else clean_field(value))
        else:
            return None
    if not out["path"] or "\x00" in out["path"] or len(out["sha256"]) != 64 or not out["id"]:
        return None
    if not out["title"]:
        out["title"] = out["id"]
    return out


def records_of(articles: list[Any]) -> list[dict[str, Any]]:
    """The cacheable fields of freshly loaded articles."""
    return [{name: getattr(a, name) for name in FIELDS} for a in articles]

