"""Loading a command's corpus, with the one-line messages of the command line.

Shared by :mod:`newsdiff.cli` and the app's launcher (``tui.launch``), so neither imports
the other for them: a warning or error is one ``newsdiff: warning:`` / ``newsdiff: error:``
line on stderr, and a command that fails returns exit code 2. The whole message goes
through :func:`newsdiff.corpus.textsafe.clean_name`, so a file name, query or field name
inside it can neither reach the terminal as a control sequence nor start a second line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from newsdiff.corpus.articles import DEFAULT_MAX_BYTES
from newsdiff.corpus.textsafe import clean_name

if TYPE_CHECKING:
    from newsdiff.corpus.file_cache import FileCache


def fail(message: str) -> int:
    """Print a one-line error to stderr (``message`` cleaned) and return exit code 2."""
    print(f"newsdiff: error: {clean_name(message)}", file=sys.stderr)
    return 2


def warn(message: str) -> None:
    """Print a one-line warning to stderr, ``message`` cleaned."""
    print(f"newsdiff: warning: {clean_name(message)}", file=sys.stderr)


def corpus_paths(paths: Sequence[Path] | None) -> list[Path]:
    """The paths a command works on: those given, else the bundled seeds."""
    from newsdiff.corpus.paths import seeds_dir

    return list(paths) if paths else [seeds_dir()]


def load_articles(paths: Sequence[Path] | None, max_bytes: int = DEFAULT_MAX_BYTES,
                  skipped: list[str] | None = None, cache: "FileCache | None" = None):
    """Load articles for a command, printing one warning line per skipped file (and
    adding it to ``skipped`` when given: the app lists them too).

    With a ``cache`` (:func:`file_cache_for`), files whose stat is unchanged since the
    last load are not read; save the cache once the index is up to date.

    Returns the list of articles, or None after printing a one-line error (no such path,
    or nothing loadable); callers then return exit code 2.
    """
    from newsdiff.corpus.articles import CorpusError, load_corpus

    chosen = corpus_paths(paths)
    try:
        result = load_corpus(chosen, max_bytes=max_bytes, cache=cache)
    except CorpusError as exc:
        fail(str(exc))
        return None
    _report(result.warnings, skipped)
    if not result.articles:
        fail("no articles could be loaded from: " + ", ".join(str(p) for p in chosen))
        return None
    return result.articles


def _report(warnings: list[str], skipped: list[str] | None) -> None:
    for line in warnings:
        warn(line)
    if skipped is not None:
        skipped.extend(warnings)


def load_unchanged(index_dir: Path, paths: Sequence[Path], max_bytes: int = DEFAULT_MAX_BYTES,
                   skipped: list[str] | None = None):
    """The articles of a pile unchanged since the app's snapshot of it in ``index_dir``
    (:mod:`newsdiff.corpus.snapshot`), its load's warning lines printed (and added to
    ``skipped``) as :func:`load_articles` prints them; None when there is no snapshot of
    exactly these files (then load them)."""
    from newsdiff import __version__
    from newsdiff.corpus.articles import CorpusError
    from newsdiff.corpus.file_cache import reader_version
    from newsdiff.corpus.snapshot import open_snapshot

    try:
        opened = open_snapshot(index_dir, paths, max_bytes, reader_version(__version__))
    except CorpusError:
        return None  # a path that does not exist: the load says so
    if opened is None:
        return None
    articles, warnings = opened
    _report(warnings, skipped)
    return articles


def file_cache_for(index_dir: Path, reread: bool = False) -> "FileCache":
    """The file cache kept in an index folder (:mod:`newsdiff.corpus.file_cache`);
    ``reread``: an empty one, so every file is read (``--verify``, ``--rebuild``) and the
    cache written anew."""
    from newsdiff import __version__
    from newsdiff.corpus.file_cache import CACHE_NAME, FileCache, reader_version

    where, version = Path(index_dir) / CACHE_NAME, reader_version(__version__)
    return FileCache(where, version) if reread else FileCache.load(where, version)
