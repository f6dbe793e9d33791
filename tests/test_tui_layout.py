"""The comparison screen on the seeds: how many panes fit, the indicator, shifting the
window, zoom, the sidebar, focus keys, scrolling and linked scrolling."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from tui.harness import make_app, settle  # noqa: E402
from tui.panes import ArticlePane  # noqa: E402


def shown(screen) -> list[int]:
    return [col.index for col in screen.query("PaneColumn") if col.display and not col.has_class("-hidden")]


async def test_narrow_terminal_shows_two_panes_and_shifts(tmp_path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.pane_indicator() == "panes 1–2 of 4"
        assert shown(screen) == [0, 1]
        assert screen.sidebar.has_class("-hidden")  # narrow: sidebar starts hidden
        await pilot.press("right_square_bracket")
        assert screen.pane_indicator() == "panes 2–3 of 4"
        assert shown(screen) == [1, 2]
        await pilot.press("4")  # focusing pane 4 brings it into view
        assert screen.pane_indicator() == "panes 3–4 of 4"
        assert isinstance(app.focused, ArticlePane) and app.focused.index == 3
        await pilot.press("z")
        assert shown(screen) == [3] and "zoomed" in screen.pane_indicator()
        await pilot.press("z")
        assert shown(screen) == [2, 3]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.pane_indicator() == "panes 1–2 of 4"


async def test_wide_terminal_shows_all_panes_and_sidebar(tmp_path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.pane_indicator() == "panes 1–4 of 4"
        assert shown(screen) == [0, 1, 2, 3]
        assert not screen.sidebar.has_class("-hidden")
        for col in screen.query("PaneColumn"):
            assert col.outer_size.width >= 40
        await pilot.press("b")  # hiding the sidebar keeps all four (more room)
        assert screen.sidebar.has_class("-hidden") and shown(screen) == [0, 1, 2, 3]
        await pilot.press("ctrl+b")
        assert not screen.sidebar.has_class("-hidden")


async def test_keys_scroll_and_linked_panes_follow(tmp_path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        first, second = screen.pane(0), screen.pane(1)
        assert app.focused is first
        await pilot.press("j", "j", "down")
        assert first.cursor_line == 3
        await pilot.press("G")
        assert first.cursor_line == first.line_count - 1
        assert first.scroll_y == first.max_scroll_y > 0
        assert second.scroll_y == 0  # not linked yet
        await pilot.press("g")
        assert first.scroll_y == 0 and first.cursor_line == 0
        await pilot.press("l")
        assert screen.linked
        await pilot.press("pagedown")
        await pilot.pause()
        assert first.scroll_y > 0
        ratio = first.scroll_y / first.max_scroll_y
        assert second.scroll_y == pytest.approx(ratio * second.max_scroll_y, abs=1.0)
        await pilot.press("tab")
        assert app.focused is second


async def test_mouse_click_focuses_and_moves_cursor(tmp_path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        second = app.screen.pane(1)
        await pilot.click(second, offset=(3, 5))
        await pilot.pause()
        assert app.focused is second
        assert second.cursor_line == round(second.scroll_y) + 5
