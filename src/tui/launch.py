"""``newsdiff [PATH...]``: load the articles, themes and saved notes (warnings on stderr
before the screen starts), then run the app. Textual is imported only here, after the
cheap checks, so errors come back as one line without a screen."""

from __future__ import annotations

import argparse
from pathlib import Path


def run_app(args: argparse.Namespace) -> int:
    from newsdiff.corpus.loading import corpus_paths, fail, file_cache_for, load_articles, load_unchanged, warn
    from newsdiff.corpus.paths import default_index_dir

    paths = corpus_paths(getattr(args, "paths", None))
    skipped: list[str] = []
    # keyed by the corpus paths, as `newsdiff index`/`search` do, so they share one index;
    # its folder also keeps the file cache and the pile's events: a pile opened before
    # shows its event list without reading the articles again
    index_dir = Path(getattr(args, "index", None) or default_index_dir(paths))
    rebuild = bool(getattr(args, "rebuild", False))
    max_bytes = getattr(args, "max_bytes", None) or _default_max_bytes()
    # a pile opened before and unchanged since (every file's stat): its articles from the
    # app's snapshot, without reading the file cache
    articles = None if rebuild else load_unchanged(index_dir, paths, max_bytes, skipped)
    cache = None
    if articles is None:
        cache = file_cache_for(index_dir, reread=rebuild)
        articles = load_articles(paths, max_bytes, skipped, cache=cache)
        if articles is None:
            return 2

    from tui.themes import DEFAULT_THEME, load_all_themes

    themes, theme_warnings = load_all_themes()
    for line in theme_warnings:
        warn(line)
    from tui.settings import load_settings

    settings, settings_warning = load_settings()
    if settings_warning:
        warn(settings_warning)
    theme = getattr(args, "theme", None)
    if theme is None:  # the theme last chosen in the app, when it still exists
        saved = settings.get("theme")
        theme = saved if isinstance(saved, str) and (saved in themes or _is_textual_theme(saved)) else DEFAULT_THEME
    if theme not in themes and not _is_textual_theme(theme):
        return fail(f"unknown theme {theme!r} (available: {', '.join(sorted(themes))})")

    from tui import engine

    out = getattr(args, "out", None) or engine.default_output_path(paths)
    out = Path(out)
    if out.is_dir():
        return fail(f"--out {out} is a folder; give a file name")
    notes_file = engine.read_notes(out)
    if notes_file.error:
        warn(f"{notes_file.error} — it will not be overwritten; use --out FILE to save notes elsewhere")

    # events grouped before (or a pile small enough to group now); else the app groups
    # them in a worker, its event list filling in as they come
    events_dir = None if rebuild else index_dir
    events = engine.cached_events(articles, events_dir)
    if events is None and len(articles) <= engine.GROUP_BEFORE_START:
        events = engine.group_events(articles, events_dir) or [engine.single_event(articles)]
    if cache is not None:
        cache.save()
        cache.save_snapshot(articles)
    child = None
    if events is None:  # started now: it groups while the app starts
        try:
            child = engine.grouping_process(articles, events_dir)
            child.start()
        except (OSError, ValueError, ImportError):
            child = None  # the app's worker groups the pile itself

    from tui.app import NewsdiffApp

    app = NewsdiffApp(
        articles,
        events,
        themes=themes,
        theme_name=theme,
        out_path=out,
        notes_file=notes_file,
        index_dir=index_dir,
        events_dir=events_dir,
        grouping_child=child,
        rebuild=rebuild,
        skipped=skipped,
        remember_theme=True,
    )
    try:
        app.run()
    finally:
        if child is not None:  # quit while grouping: the child goes too
            child.stop()
    return int(app.return_code or 0)


def _default_max_bytes() -> int:
    from newsdiff.corpus.articles import DEFAULT_MAX_BYTES

    return DEFAULT_MAX_BYTES


def _is_textual_theme(name: str) -> bool:
    from textual.theme import BUILTIN_THEMES

    return name in BUILTIN_THEMES
