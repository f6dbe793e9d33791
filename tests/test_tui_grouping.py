"""The app grouping a pile in its worker: the event list shows at once, fills in as
events are final, and ends in the engine's order; a one-event pile opens its comparison."""

from __future__ import annotations

import random

import pytest

from newsdiff.comparison.event_cache import CACHE_NAME, cached_events
from newsdiff.comparison.events import group_events
from newsdiff.corpus.articles import load_corpus
from tui.app import GroupingStopped
from tui.comparison_screen import ComparisonScreen
from tui.event_list import EventListScreen
from tui.harness import make_app, settle

from test_events import FINAL, QUAKE, write


def _pile(folder, noise: int = 30):
    write(folder, QUAKE, "quake")
    write(folder, FINAL, "final")
    rng = random.Random(5)
    for n in range(noise):
        words = " ".join("".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
                         for _ in range(40))
        (folder / f"noise{n:02d}.txt").write_text(f"Note {n}\n\n{words}.", encoding="utf-8")
    return load_corpus([folder]).articles


@pytest.mark.asyncio
async def test_the_list_shows_while_grouping_and_ends_with_the_engines_events(tmp_path):
    pile = tmp_path / "pile"
    pile.mkdir()
    articles = _pile(pile)
    cache = tmp_path / "ix"
    app = make_app(articles, out_path=tmp_path / "notes.yaml", group_in_app=True, events_dir=cache)
    assert app.grouping and app.events == []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, EventListScreen)
        await settle(app, pilot)
        assert not app.grouping
        assert app.events == group_events(articles)
        assert screen.events == app.events and screen.filled
        assert "grouping" not in str(screen.query_one("#events-title").render())
        # the events were kept: the next opening needs no grouping
        assert cached_events(articles, cache) == app.events
        assert (cache / CACHE_NAME).is_file()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.event == app.events[0]


@pytest.mark.asyncio
async def test_batches_are_listed_as_they_come_and_the_step_is_shown(tmp_path, monkeypatch):
    """The screen's side of the worker: its calls made by hand (the worker held back)."""
    articles = _pile(tmp_path)
    final = group_events(articles)
    app = make_app(articles, out_path=tmp_path / "notes.yaml", group_in_app=True)
    monkeypatch.setattr(app, "group_events", lambda: None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        options = screen.query_one("#events")
        assert options.option_count == 0 and not screen.filled
        screen.show_step("linking", 20, len(articles))
        screen.add_events(final[-2:])
        await pilot.pause()
        title = str(screen.query_one("#events-title").render())
        assert f"grouping {len(articles):,} articles" in title and "linking 20/" in title
        assert "2 events so far" in title and not screen.filled
        assert options.option_count == 2 and options.highlighted == 0
        await pilot.press("down")
        screen.set_events(final)
        await pilot.pause()
        assert screen.filled and options.option_count == len(final)
        # the highlighted event stays highlighted in the final order
        assert screen.events[options.highlighted] == final[-1]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ComparisonScreen) and app.screen.event == final[-1]


@pytest.mark.asyncio
async def test_a_pile_that_is_one_event_opens_its_comparison(tmp_path):
    write(tmp_path, QUAKE, "quake")
    articles = load_corpus([tmp_path]).articles
    app = make_app(articles, out_path=tmp_path / "notes.yaml", group_in_app=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, ComparisonScreen)
        assert len(app.events) == 1 and sorted(app.events[0].article_ids) == ["quake0", "quake1", "quake2"]


def test_a_cancelled_worker_stops_the_grouping_at_its_next_step(tmp_path):
    from newsdiff.comparison.events import iter_events

    articles = _pile(tmp_path, noise=5)
    steps = []

    def progress(step, done, total):
        steps.append(step)
        raise GroupingStopped

    with pytest.raises(GroupingStopped):
        list(iter_events(articles, progress=progress))
    assert steps == ["reading"]


def test_the_grouping_process_streams_steps_and_ends_with_the_whole_grouping(tmp_path):
    from newsdiff.comparison.grouping_process import GroupingProcess

    articles = _pile(tmp_path / "pile" if (tmp_path / "pile").mkdir() is None else tmp_path)
    child = GroupingProcess(articles, tmp_path / "ix")
    child.start()
    messages = list(child.messages())
    kinds = [m[0] for m in messages]
    assert kinds[-1] == "done" and "error" not in kinds
    assert messages[-1][1] == group_events(articles)
    assert cached_events(articles, tmp_path / "ix") == messages[-1][1]


def test_stopping_the_grouping_process_ends_it_at_once(tmp_path):
    from newsdiff.comparison.grouping_process import GroupingProcess

    articles = _pile(tmp_path, noise=5)
    child = GroupingProcess(articles, None)
    child.start()
    assert list(child.messages(stopped=lambda: True)) == []
    assert not child._process.is_alive()


@pytest.mark.asyncio
async def test_without_a_child_process_the_worker_groups_the_pile_itself(tmp_path, monkeypatch):
    from tui import engine

    def no_processes(*args):
        raise OSError("no processes here")

    monkeypatch.setattr(engine, "grouping_process", no_processes)
    articles = _pile(tmp_path)
    app = make_app(articles, out_path=tmp_path / "notes.yaml", group_in_app=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert not app.grouping and app.events == group_events(articles)
        assert app.screen.filled


@pytest.mark.asyncio
async def test_a_grouping_that_fails_says_so_and_shows_the_pile_as_one_event(tmp_path, monkeypatch):
    from newsdiff.comparison import events as grouping

    def broken(*args, **kwargs):
        raise ValueError("broken grouping")

    monkeypatch.setattr(grouping, "iter_events", broken)
    monkeypatch.setattr("tui.engine.grouping_process", lambda *a: (_ for _ in ()).throw(OSError()))
    articles = _pile(tmp_path, noise=3)
    app = make_app(articles, out_path=tmp_path / "notes.yaml", group_in_app=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        assert len(app.events) == 1 and isinstance(app.screen, ComparisonScreen)
        assert any("grouping failed: broken grouping" in str(n.message) for n in app._notifications)
