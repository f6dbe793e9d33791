"""How an article pane draws: its own cached rows must be exactly what Textual's styling
pass would have drawn (after a scroll, a cursor move, a blur, a selection, a theme
switch, a partial crop), it falls back to that pass when the pane has padding or a tint,
a cursor move inside a scrolled view repaints the rows it left and entered, and the
scroll bar it draws in its last column is Textual's bar: its thumb where Textual puts it,
a press on the track pages, a press on the thumb drags, and hovering it lights it."""

from __future__ import annotations

import os

from rich.style import Style as RichStyle
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.widget import Widget

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from newsdiff.comparison.compare import Comparison, event_for  # noqa: E402
from newsdiff.corpus.articles import Article, text_sha256  # noqa: E402
from newsdiff.records import Entity, Mention  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402
from tui.plain_render import draws_plain  # noqa: E402
from tui.scroll_column import GRAB, PAGE_DOWN, PAGE_UP, bar_cells, bar_style  # noqa: E402

PARAGRAPH = ("Officials in Basra said on Monday that the convoy of aid trucks reached the port city "
             "after a delay of three days, and that Basra would receive more supplies next week. ")


def _article(aid: str, paragraphs: int) -> Article:
    text = "\n\n".join(f"{i}. {PARAGRAPH * (1 + i % 3)}" for i in range(paragraphs))
    return Article(id=aid, path=f"/x/{aid}.txt", title=f"Article {aid}", text=text, sha256=text_sha256(text),
                   source=f"Source {aid.upper()}")


def _comparison() -> Comparison:
    articles = [_article("a", 40), _article("b", 25)]
    mentions = []
    for article in articles:
        pos = article.text.find("Basra")
        while pos != -1:
            mentions.append(Mention(article.id, pos, pos + 5, "Basra"))
            pos = article.text.find("Basra", pos + 1)
    basra = Entity("basra", "Basra", "place", [], mentions)
    return Comparison(event=event_for(articles), articles=articles, entities=[basra], claims=[])


def _cells(strips) -> list[list[tuple[str, RichStyle | None]]]:
    """Each row as its cells: (character, style), whatever the segments' split."""
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in strips]


def _textual_pass(pane, crop: Region):
    pane._styles_cache.clear()
    return Widget.render_lines(pane, crop)


def _same_as_textual(pane, crop: Region | None = None) -> None:
    crop = crop or Region(0, 0, pane.size.width, pane.size.height)
    ours = pane.render_lines(crop)
    theirs = _textual_pass(pane, crop)
    assert [strip.cell_length for strip in ours] == [strip.cell_length for strip in theirs]
    assert _cells(ours) == _cells(theirs)


def _open(tmp_path, size=(120, 24)):
    cmp = _comparison()
    return make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp), size


# ----------------------------------------------------------------------------- the bar's cells


def test_bar_cells_thumb_and_track_actions():
    style = RichStyle(color="red", bgcolor="blue")
    cells = bar_cells(10, 100, 0, style)
    assert len(cells) == 10
    assert cells[0].action == GRAB and cells[-1].action == PAGE_DOWN
    middle = bar_cells(10, 100, 45, style)
    actions = [cell.action for cell in middle]
    assert actions[0] == PAGE_UP and actions[-1] == PAGE_DOWN and GRAB in actions
    assert actions.index(GRAB) > 0
    end = bar_cells(10, 100, 90, style)
    assert end[-1].action == GRAB and end[0].action == PAGE_UP
    for cell in cells + middle + end:  # the press is the pane's: no Textual action drawn in
        assert cell.segment.style is None or not cell.segment.style.meta
        assert len(cell.segment.text) == 1


def test_bar_cells_short_text_bare_track_and_no_rows():
    style = RichStyle(color="red", bgcolor="blue")
    short = bar_cells(10, 5, 0, style)  # the text fits: no thumb to grab
    assert len(short) == 10 and all(cell.action != GRAB for cell in short)
    bare = bar_cells(6, 100, 50, style, thumb=False)
    assert len(bare) == 6 and all(cell.action != GRAB for cell in bare)
    assert bar_cells(0, 100, 0, style) == []


# ----------------------------------------------------------------------------- the pane's rows


async def test_rows_equal_textuals_pass_through_scroll_cursor_selection_and_theme(tmp_path):
    app, size = _open(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        pane.focus()
        await pilot.pause()
        assert draws_plain(pane)
        _same_as_textual(pane)
        await pilot.press("j", "j", "j")
        _same_as_textual(pane)
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y > 0
        _same_as_textual(pane)
        await pilot.press("v", "j", "j")  # a line selection
        await pilot.pause()
        _same_as_textual(pane)
        await pilot.press("escape")
        start, _ = pane.line_range(pane.cursor_line)
        pane.select_chars(start + 2, start + 30)  # a character selection
        await pilot.pause()
        _same_as_textual(pane)
        w, h = pane.size
        _same_as_textual(pane, Region(3, 2, w - 10, h - 4))  # a cut, as under an overlay
        _same_as_textual(pane, Region(w - 1, 0, 1, h))  # the bar's column alone
        app.screen.pane(1).focus()  # blurred: the cursor line takes its calm style
        await pilot.pause()
        _same_as_textual(pane)
        app.theme = "high-contrast"
        await pilot.pause()
        _same_as_textual(pane)
        styles = pane.styles  # the bar takes the new theme's colours too
        assert pane._bar()[0].segment.style.color == bar_style(
            styles.scrollbar_background, styles.scrollbar_color, pane.background_colors[0]).color
        await pilot.press("end")
        await pilot.pause()
        _same_as_textual(app.screen.pane(1))


async def test_padding_or_tint_falls_back_to_textuals_pass(tmp_path):
    app, size = _open(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        pane.styles.padding = (0, 1)
        await pilot.pause()
        assert not draws_plain(pane)
        crop = Region(0, 0, pane.size.width, pane.size.height)
        assert _cells(pane.render_lines(crop)) == _cells(_textual_pass(pane, crop))
        pane.styles.padding = 0
        pane.styles.tint = "red 30%"
        await pilot.pause()
        assert not draws_plain(pane)
        assert _cells(pane.render_lines(crop)) == _cells(_textual_pass(pane, crop))
        pane.styles.tint = "transparent"
        await pilot.pause()
        assert draws_plain(pane)


async def test_cursor_move_in_a_scrolled_view_repaints_both_rows(tmp_path):
    app, size = _open(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        pane.focus()
        pane.scroll_to(y=20, animate=False, immediate=True)
        pane.move_cursor(25)
        await pilot.pause()
        top = round(pane.scroll_y)
        assert top == 20 and pane.cursor_line == 25
        painted: list[Region] = []
        original = pane.refresh

        def spy(*regions, **kwargs):
            painted.extend(regions)
            return original(*regions, **kwargs)

        pane.refresh = spy
        try:
            pane.move_cursor(26)
        finally:
            pane.refresh = original
        rows = {region.y for region in painted if region.height == 1}
        assert {25 - top, 26 - top} <= rows
        await pilot.pause()
        row = pane.render_lines(Region(0, 0, pane.size.width, pane.size.height))
        cursor_style = pane.get_component_rich_style("article-pane--cursor")
        first = [list(strip)[0].style for strip in row]
        assert first[26 - top].bgcolor == (pane._base() + cursor_style).bgcolor
        assert first[25 - top].bgcolor != first[26 - top].bgcolor


# ----------------------------------------------------------------------------- the scroll bar


def _thumb_rows(pane) -> list[int]:
    return [y for y, cell in enumerate(pane._bar()) if cell.action == GRAB]


async def test_the_bar_is_drawn_in_the_panes_last_column(tmp_path):
    app, size = _open(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        assert not any(isinstance(w, ScrollBar) for w in app.screen._compositor.visible_widgets)
        rows = pane.render_lines(Region(0, 0, pane.size.width, pane.size.height))
        last = [strip.crop(pane.size.width - 1, pane.size.width) for strip in rows]
        thumb = _thumb_rows(pane)
        assert thumb and thumb[0] == 0
        bar = pane._bar()
        assert [list(s)[0].text for s in last] == [cell.segment.text for cell in bar]
        pane.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert _thumb_rows(pane)[-1] == pane.size.height - 1


async def test_track_press_pages_and_thumb_drag_scrolls(tmp_path):
    app, size = _open(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        x = pane.size.width - 1
        height = pane.size.height
        assert pane.scroll_y == 0
        await pilot.click(pane, offset=(x, height - 1))  # the track below the thumb
        await pilot.pause()
        paged = pane.scroll_y
        assert paged >= height - 2
        assert pane.char_selection is None and pane.visual_anchor is None
        pane.scroll_to(y=pane.max_scroll_y // 2, animate=False, immediate=True)
        await pilot.pause()
        middle = pane.scroll_y
        assert _thumb_rows(pane)[0] > 0
        await pilot.click(pane, offset=(x, 0))  # above the thumb: back a page
        await pilot.pause()
        assert middle - height <= pane.scroll_y < middle
        before = pane.scroll_y
        top = _thumb_rows(pane)[0]
        await pilot.mouse_down(pane, offset=(x, top))
        assert pane._bar_grab is not None
        await pilot.hover(pane, offset=(x, top + 5))
        await pilot.pause()
        assert pane.scroll_y > before + 5  # the thumb's five cells are many lines of text
        await pilot.mouse_up(pane, offset=(x, top + 5))
        await pilot.pause()
        assert pane._bar_grab is None and app.mouse_captured is None
        assert pane.char_selection is None


async def test_hovering_the_bar_lights_it(tmp_path):
    app, size = _open(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        plain = pane._bar()[0].segment.style
        await pilot.hover(pane, offset=(pane.size.width - 1, 3))
        await pilot.pause()
        assert pane._bar_hover
        lit = pane._bar()[0].segment.style
        assert lit != plain
        styles = pane.styles
        hover = bar_style(styles.scrollbar_background_hover, styles.scrollbar_color_hover, pane.background_colors[0])
        assert lit.color == hover.color
        await pilot.hover(pane, offset=(5, 3))
        await pilot.pause()
        assert not pane._bar_hover and pane._bar()[0].segment.style == plain
