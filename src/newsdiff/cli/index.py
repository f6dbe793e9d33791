"""``newsdiff index``: build or update a corpus's full-text index and report what changed.

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
from newsdiff.search.index import CorpusIndex, NewsdiffIndexError, SyncReport

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
    index_dir: Path, articles: Sequence[Article], rebuild: bool = False
) -> CorpusIndex | None:
    """Open the index for a command, with a progress bar and a warning line when a damaged
    index was replaced. Returns None after printing a one-line error."""
    bar = _ProgressBar()
    try:
        ix = CorpusIndex.open(index_dir, articles, rebuild=rebuild, progress=bar,
                               lock_timeout=lock_timeout())
    except NewsdiffIndexError as exc:
        bar.stop()
        cli.fail(str(exc))
        return None
    bar.stop()
    if ix.report.recovered:
        cli.warn(ix.report.recovered)
    return ix


def describe(report: SyncReport, total: int, seconds: float) -> str:
    what = "rebuilt" if report.rebuilt else "updated" if report.changed else "up to date"
    return (
        f"{what}: added {report.added}, updated {report.updated}, deleted {report.deleted}, "
        f"unchanged {report.unchanged}; total {total} articles; {seconds:.2f} s"
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    articles = cli.load_articles(args.paths, args.max_bytes)
    if articles is None:
        return 2
    index_dir = index_dir_for(args)
    ix = open_index(index_dir, articles, rebuild=args.rebuild)
    if ix is None:
        return 2
    with ix:
        total = ix.doc_count()
        print(f"index: {index_dir}")
        print(describe(ix.report, total, time.perf_counter() - started))
    return 0
