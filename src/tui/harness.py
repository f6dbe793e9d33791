"""Build the app without a terminal, for tests and benchmarks: the same NewsdiffApp that
``newsdiff`` runs, from paths or articles, with its files (notes, index) where you say."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from tui import engine
from tui.app import NewsdiffApp
from tui.themes import load_all_themes


def make_app(
    articles: Sequence | None = None,
    *,
    paths: Sequence[Path] | None = None,
    out_path: Path,
    index_dir: Path | None = None,
    theme: str = "dark",
    comparison=None,
    events: list | None = None,
    group_in_app: bool = False,
    events_dir: Path | None = None,
) -> NewsdiffApp:
    """An app over ``articles`` (or the articles under ``paths``; default: the seeds).

    ``group_in_app``: the app groups the pile in its worker (as ``newsdiff`` does for a
    pile not grouped before), keeping the events in ``events_dir`` when given.

    ``comparison`` (optional) is used instead of computing one — for tests of the
    presentation alone; the real engine computes it otherwise.
    """
    skipped: list[str] = []
    if articles is None:
        from newsdiff.corpus.articles import load_corpus
        from newsdiff.corpus.paths import seeds_dir

        loaded = load_corpus(list(paths or [seeds_dir()]))
        articles, skipped = loaded.articles, loaded.warnings
    articles = list(articles)
    themes, _ = load_all_themes()
    if events is None and not group_in_app:
        events = [comparison.event] if comparison is not None else [engine.single_event(articles)]
    app = NewsdiffApp(
        articles, events, themes=themes, theme_name=theme, out_path=out_path,
        notes_file=engine.read_notes(out_path), index_dir=index_dir, skipped=skipped,
        events_dir=events_dir,
    )
    if comparison is not None:
        app._comparisons[comparison.event.id] = comparison
    return app


async def settle(app: NewsdiffApp, pilot) -> None:
    """Wait until the workers (comparison, search) are done and the screen has refreshed."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
