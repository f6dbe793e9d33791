"""``newsdiff index``: build or update a corpus's full-text index and report what changed;
``--verify`` first checks every index file against its recorded sha256, one line per file.

Also holds what ``newsdiff search`` shares with it: the ``--index``/``--rebuild`` options
and :func:`open_index`, which opens the index with a progress bar on stderr when more
than :data:`PROGRESS_THRESHOLD` articles have to be indexed.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Sequence

from newsdiff import cli
from newsdiff.corpus.articles import Article
from newsdiff.corpus.textsafe import clean_name
from newsdiff.search.index import CorpusIndex, FileCheck, NewsdiffIndexError, SyncReport, verify_index

PROGRESS_THRESHOLD = 50
#: Seconds to wait for another process's write lock; the environment can override it.
LOCK_TIMEOUT_ENV = "NEWSDIFF_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0


def lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_TIMEOUT_ENV, DEFAULT_LOCK_TIMEOUT)))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def add_index_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index", type=Path, metavar="DIR",
        help="index folder (default: index/ for the bundled seeds in a checkout, "
        "else a folder in the user's cache dir)",
    )
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the index from scratch instead of updating it")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    cli.add_corpus_arguments(parser)
    add_index_arguments(parser)
    parser.add_argument(
        "--verify", action="store_true",
        help="check every index file against its recorded size and sha256 and report each; "
        "a damaged index is moved aside and rebuilt (exit 1)",
    )


class _ProgressBar:
    """A ``progress(done, total)`` callback that shows a Rich bar on stderr, only once
    there are more than PROGRESS_THRESHOLD articles to index."""

    def __init__(self) -> None:
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        if self._progress is None:
            if done != 0 or total <= PROGRESS_THRESHOLD:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self._progress = Progress(
                "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("indexing", total=total)
        self._progress.update(self._task, completed=done)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def index_dir_for(args: argparse.Namespace) -> Path:
    from newsdiff.corpus.paths import default_index_dir

    if args.index is not None:
        return Path(args.index)
    return default_index_dir([p for p in cli.corpus_paths(args.paths)])


def open_index(
    index_dir: Path, articles: Sequence[Article], rebuild: bool = False, *,
    verify: bool = False, must_update: bool = False,
) -> CorpusIndex | None:
    """Open the index for a command, with a progress bar and a warning line when a damaged
    index was replaced, or when the update could not be written and the previous index
    is searched (an error instead with ``must_update``). Returns None after printing a
    one-line error."""
    bar = _ProgressBar()
    try:
        ix = CorpusIndex.open(index_dir, articles, rebuild=rebuild, progress=bar,
                               lock_timeout=lock_timeout(), verify=verify)
    except NewsdiffIndexError as exc:
        bar.stop()
        cli.fail(str(exc))
        return None
    bar.stop()
    if ix.report.recovered:
        cli.warn(ix.report.recovered)
    if ix.report.stale and must_update:
        ix.close()
        cli.fail(f"could not update the index in {index_dir} ({ix.report.write_error}); "
                 "the previous index is unchanged")
        return None
    if ix.report.stale:
        cli.warn(ix.report.stale)
    return ix


def describe_check(check: FileCheck) -> str:
    """One line of ``--verify``: status, file, size, and what is wrong."""
    line = f"{check.status.upper() if check.bad else check.status:<9} {check.name}  {check.size:,} bytes"
    return f"{line}: {check.detail}" if check.detail else line


def verify(index_dir: Path) -> bool:
    """Print one line per index file and a summary; True when nothing is damaged."""
    started = time.perf_counter()
    checks = verify_index(index_dir)
    ms = (time.perf_counter() - started) * 1000
    for check in checks:
        print(clean_name(describe_check(check)))
    if not checks:
        print(f"verify: no index in {clean_name(index_dir)} yet")
        return True
    counts = {s: sum(c.status == s for c in checks) for s in ("ok", "damaged", "missing", "unchecked")}
    print(f"verify: {', '.join(f'{n} {s}' for s, n in counts.items() if n)}; "
          f"{sum(c.size for c in checks):,} bytes in {ms:.0f} ms")
    return not any(c.bad for c in checks)


def describe(report: SyncReport, total: int, seconds: float) -> str:
    what = "rebuilt" if report.rebuilt else "updated" if report.changed else "up to date"
    return (
        f"{what}: added {report.added}, updated {report.updated}, deleted {report.deleted}, "
        f"unchanged {report.unchanged}; total {total} articles; {seconds:.2f} s"
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    index_dir = index_dir_for(args)
    # --verify and --rebuild read every file; otherwise unchanged files (by their stat)
    # are not read again
    cache = cli.file_cache_for(index_dir, reread=args.verify or args.rebuild)
    articles = cli.load_articles(args.paths, args.max_bytes, cache=cache)
    if articles is None:
        return 2
    healthy = verify(index_dir) if args.verify else True
    ix = open_index(index_dir, articles, rebuild=args.rebuild, verify=args.verify, must_update=True)
    if ix is None:
        return 2
    if not ix.report.stale:
        cache.save()  # the index holds these files as they are now
        cache.save_listing(ix.identity())
        cache.save_snapshot(articles)  # the app opens the pile from it
    with ix:
        total = ix.doc_count()
        print(f"index: {clean_name(index_dir)}")
        print(describe(ix.report, total, time.perf_counter() - started))
    return 0 if healthy else 1
