"""App-level flows: the event list for a pile of several events (enter opens one, escape
comes back), entity selection scrolling every pane, help, and the command palette."""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from newsdiff.corpus.articles import Article, text_sha256  # noqa: E402
from newsdiff.comparison.compare import event_for  # noqa: E402
from tui.comparison_screen import ComparisonScreen  # noqa: E402
from tui.event_list import EventListScreen  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402
from tui.modals import AnnotationModal, HelpScreen  # noqa: E402

from test_tui_highlights import fixture_comparison  # noqa: E402


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, path=f"/x/{aid}.txt", title=f"Match report {aid}", text=text, sha256=text_sha256(text))


async def test_event_list_opens_and_returns(tmp_path):
    from newsdiff.corpus.articles import load_corpus
    from newsdiff.corpus.paths import seeds_dir

    seeds = load_corpus([seeds_dir()]).articles
    sport = [_article("s1", "The final ended 2-1 in Madrid.\n"), _article("s2", "Madrid won the final 2-1.\n")]
    events = [event_for(seeds), event_for(sport)]
    app = make_app(seeds + sport, out_path=tmp_path / "n.yaml", events=events, index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, EventListScreen)
        listing = app.screen.query_one("#events")
        assert listing.option_count == 2
        assert "4 articles" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ComparisonScreen)
        assert [p.article.id for p in app.screen.panes] == ["s1", "s2"]
        await pilot.press("escape")
        assert isinstance(app.screen, EventListScreen)
        await pilot.press("up", "enter")
        await settle(app, pilot)
        assert len(app.screen.panes) == 4
        await pilot.press("backspace")
        assert isinstance(app.screen, EventListScreen)


async def test_notes_of_another_event_are_listed_last_and_labelled(tmp_path):
    from newsdiff.corpus.articles import load_corpus
    from newsdiff.corpus.paths import seeds_dir

    seeds = load_corpus([seeds_dir()]).articles
    sport = [_article("s1", "The final ended 2-1 in Madrid.\n"), _article("s2", "Madrid won the final 2-1.\n")]
    app = make_app(seeds + sport, out_path=tmp_path / "n.yaml", events=[event_for(seeds), event_for(sport)],
                   index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "enter")  # the sport event
        await settle(app, pilot)
        await pilot.press("1", "a")
        assert isinstance(app.screen, AnnotationModal)
        await pilot.press(*"score", "enter")
        await pilot.press("escape")  # back to the list, then the seeds
        await pilot.press("up", "enter")
        await settle(app, pilot)
        await pilot.press("1", "a", *"lead", "enter")
        await pilot.pause()
        notes = app.screen.sidebar.query_one("#notes")
        prompts = [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]
        assert len(prompts) == 2
        assert "lead" in prompts[0] and "[1]" in prompts[0]
        assert "score" in prompts[1] and "other event" in prompts[1]


async def test_selecting_an_entity_scrolls_every_pane_to_it(tmp_path):
    cmp = fixture_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(160, 20)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        b = screen.pane(1)
        entities = screen.sidebar.query_one("#entities")
        entities.focus()
        entities.highlighted = 1  # Baghdad: near the end of article b
        await pilot.press("enter")
        await pilot.pause()
        line = b.line_of(b.article.text.find("Baghdad"))
        assert b.scroll_y > 0 and b.line_visible(line) and b.cursor_line == line
        for i in (0, 2):
            pane = screen.pane(i)
            assert pane.line_visible(pane.line_of(pane.article.text.find("Baghdad")))
        assert screen.selected_entity == "baghdad"
        focus = app.theme_spec.styles["focus"]
        assert b.spans_with_style(focus)  # the selected entity's mentions stand out
        # a on the Entities list annotates the entity
        await pilot.press("a")
        assert isinstance(app.screen, AnnotationModal)
        await pilot.press(*"capital", "enter")
        assert app.notes[-1].target_type == "entity" and app.notes[-1].target_id == "baghdad"
        # e in a pane picks the entity at the cursor; . and , step through its mentions
        a = screen.pane(0)
        await pilot.press("1")
        a.move_cursor(0)
        await pilot.press("e")
        assert screen.selected_entity == "isis"
        a.move_cursor(a.line_of(a.article.text.find("Baghdad")))
        await pilot.press("e")
        assert screen.selected_entity == "baghdad"
        await pilot.press("full_stop")
        await pilot.press("comma")
        assert a.cursor_line == a.line_of(a.article.text.find("Baghdad"))


async def test_help_and_command_palette_cover_the_actions(tmp_path):
    cmp = fixture_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        commands = {c.title: c for c in app.get_system_commands(screen)}
        for title in ("Search", "Annotate", "Zoom", "Link", "Sidebar", "Save notes", "Theme: light", "Theme: high-contrast"):
            assert title in commands, title
        commands["Theme: light"].callback()
        await pilot.pause()
        assert app.theme == "light" and app.theme_spec.dark is False
        commands["Zoom"].callback()
        await pilot.pause()
        assert screen.zoomed
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for binding in ComparisonScreen.BINDINGS:
            if not binding.action.startswith("focus_pane"):
                assert binding.description in text, binding.description
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_panes_off_screen_jump_when_shown(tmp_path):
    """80×24 shows two of the seeds' panes: selecting an entity also moves the others,
    which show the mention when paged in with ] (and back with [)."""
    from newsdiff.corpus.articles import load_corpus
    from newsdiff.corpus.paths import seeds_dir

    app = make_app(load_corpus([seeds_dir()]).articles, out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.shown_panes() == [0, 1]
        rouhani = next(e for e in screen.comparison.entities if e.name == "Hassan Rouhani")
        first = {}
        for m in rouhani.mentions:
            first.setdefault(m.article, m.start)

        def at_mention(index: int) -> bool:
            pane = screen.pane(index)
            start, end = pane.line_range(pane.cursor_line)
            return start <= first[pane.article.id] < end or start <= first[pane.article.id] <= end + 1

        screen.select_entity(rouhani.id)
        await pilot.pause()
        assert at_mention(0) and at_mention(1)
        await pilot.press("]", "]")
        await pilot.pause()
        assert screen.shown_panes() == [2, 3]
        assert at_mention(2)  # 003 has no Rouhani mention
        # the other way: select while 0 and 1 are off screen, then page back
        sistani = next(e for e in screen.comparison.entities if e.name == "Ali al-Sistani")
        first = {}
        for m in sistani.mentions:
            first.setdefault(m.article, m.start)
        screen.select_entity(sistani.id)
        await pilot.pause()
        await pilot.press("[", "[")
        await pilot.pause()
        assert screen.shown_panes() == [0, 1]
        assert all(at_mention(i) for i in (0, 1) if screen.pane(i).article.id in first)
        assert any(screen.pane(i).article.id in first for i in (0, 1))


async def test_status_bar_shows_the_engines_progress_while_comparing(tmp_path):
    """A long comparison tells the reader how far it is: the engine's progress reaches the
    status bar, and the finished comparison replaces it."""
    import threading

    import tui.engine as engine_module
    from tui.harness import make_app, settle

    seen: list[str] = []
    release = threading.Event()
    real_compare = engine_module.compare

    def slow_compare(articles, event=None, progress=None, judgements=()):
        def spy(step, done, total):
            progress(step, done, total)
            seen.append(step)
            if step == "reading" and done == total - 1:
                release.wait(5)  # hold the worker here until the test has looked
        return real_compare(articles, event, spy, judgements)

    engine_module.compare = slow_compare
    try:
        app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
        async with app.run_test(size=(160, 40)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if "reading" in seen and "comparing… " in app.screen.query_one("#status").render().plain:
                    break
            status = app.screen.query_one("#status").render().plain
            assert "comparing… reading" in status, status
            release.set()
            await settle(app, pilot)
            assert app.screen.comparison is not None
            assert "comparing" not in app.screen.query_one("#status").render().plain
    finally:
        release.set()
        engine_module.compare = real_compare


async def test_a_list_of_thousands_of_events_paints_first_and_fills_in(tmp_path):
    from newsdiff.records import Event

    articles = [_article(f"a{n:04d}", f"Report number {n}.\n") for n in range(1300)]
    events = [Event(id=f"e{n}", title=f"Event {n}", article_ids=[a.id]) for n, a in enumerate(articles)]
    app = make_app(articles, out_path=tmp_path / "n.yaml", events=events, index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, EventListScreen)
        listing = screen.query_one("#events")
        assert listing.option_count <= EventListScreen.FIRST_ROWS + EventListScreen.CHUNK_ROWS
        for _ in range(200):
            if screen.filled:
                break
            await pilot.pause(0.02)
        assert screen.filled and listing.option_count == 1300
        assert "listing" not in str(screen.query_one("#events-title").render())
        await pilot.press("G", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ComparisonScreen)
        assert [p.article.id for p in app.screen.panes] == ["a1299"]
