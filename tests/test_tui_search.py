"""Search from the app: the real Whoosh index on disk, matches highlighted in every pane in
the match style, results in the sidebar, n/N visiting each match across panes, a bad query
shown as its one-line message."""

from __future__ import annotations

import os
import re

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from tui.harness import make_app, settle  # noqa: E402


async def _search(pilot, query: str) -> None:
    await pilot.press("slash")
    await pilot.press(*query)
    await pilot.press("enter")


async def test_search_highlights_matches_and_n_visits_each(tmp_path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await _search(pilot, "Suleimani")
        await settle(app, pilot)
        match_style = app.theme_spec.styles["match"]
        expected = []
        for i in range(4):
            pane = screen.pane(i)
            found = [(m.start(), m.end()) for m in re.finditer("suleimani", pane.article.text, re.IGNORECASE)]
            got = pane.spans_with_style(match_style)
            assert [pane.article.text[s:e].lower() for s, e in got] == ["suleimani"] * len(found)
            assert [s for s, _ in got] == [s for s, _ in found]
            expected += [(i, s) for s, _ in found]
        assert len({i for i, _ in expected}) >= 2  # the seeds name him in two articles
        assert screen.sidebar.active_tab == "search"
        results = screen.sidebar.query_one("#search-results")
        assert results.option_count == len({i for i, _ in expected})
        visited = []
        for _ in expected:
            await pilot.press("n")
            pane = app.focused
            visited.append((pane.index, pane.line_range(pane.cursor_line)))
            assert pane.line_visible(pane.cursor_line)
        assert [i for i, _ in visited] == [i for i, _ in expected]
        for (i, (start, end)), (_, offset) in zip(visited, expected):
            assert start <= offset < end
        await pilot.press("n")  # wraps around to the first match
        assert app.focused.index == expected[0][0]
        await pilot.press("N")  # and back to the last
        assert app.focused.index == expected[-1][0]
        await pilot.press("escape")  # escape in a pane clears the search
        assert all(not screen.pane(i).matches for i in range(4))


async def test_bad_query_shows_one_line_message(tmp_path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await _search(pilot, "bogus:x")
        await settle(app, pilot)
        assert screen.search_error and "unknown field" in screen.search_error
        assert "\n" not in screen.search_error
        assert all(not screen.pane(i).matches for i in range(4))
        await pilot.press("slash")
        assert app.focused.id == "search"
        await pilot.press("escape")  # esc closes the bar
        assert not app.screen.query_one("#search").has_class("-open")
        assert app.focused.__class__.__name__ == "ArticlePane"
