"""Readers of the file formats beyond text and JSON: saved web pages, feeds, web archives.

Each reader turns a file's raw bytes into :class:`Record` s (one for a page, one per item
of a feed or HTML response of a WARC file) with the same fields every article has; the
loader (:mod:`newsdiff.corpus.articles`) makes them articles, so the index, the comparison
and the app need no change. A reader raises :class:`FormatError` (one line) for a file it
cannot read; the loader reports it as a skipped file and goes on.

Readers are imported only when a file of theirs is loaded (trafilatura alone takes 0.4 s
to import), through :data:`READERS`: a file-name ending -> ``"module:function"``.

May import only :mod:`newsdiff.corpus` and :mod:`newsdiff.lexicon`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

#: File-name endings (lower case, longest first when they overlap) -> reader.
READERS: dict[str, str] = {}
#: Folders a browser writes beside a page saved "complete" ("Page_files/"): never loaded.
SAVED_PAGE_FOLDER_SUFFIX = "_files"


class FormatError(Exception):
    """A file its reader cannot use; ``str()`` is one line."""


@dataclass
class Record:
    """One article's worth of a file: its text (what every offset refers to) and what
    is known about it."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    key: str = ""  # tells records of one file apart ("item-3"); "" for a one-article file
    notes: list[str] = field(default_factory=list)  # one line each, shown as warnings


Reader = Callable[[Path, bytes], list[Record]]


def register(endings: tuple[str, ...], target: str) -> None:
    """Make ``target`` ("package.module:function") the reader of files with these endings."""
    for ending in endings:
        READERS[ending.lower()] = target


def reader_for(path: Path) -> Reader | None:
    """The reader of ``path`` by its name's ending (``.warc.gz`` before ``.gz``), or None."""
    name = path.name.lower()
    for ending in sorted(READERS, key=len, reverse=True):
        if name.endswith(ending):
            module, _, function = READERS[ending].partition(":")
            return getattr(importlib.import_module(module), function)
    return None


def handles(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(ending) for ending in READERS)


# Saved web pages (also "Save page as… complete"; its "_files/" folder is never loaded).
register((".html", ".htm"), "newsdiff.corpus.html_pages:read")

# Feeds (RSS, Atom; also saved as ".xml") and web archives (WARC, gzipped or not).
register((".rss", ".atom", ".xml"), "newsdiff.corpus.feeds:read")
register((".warc", ".warc.gz"), "newsdiff.corpus.warc:read")
