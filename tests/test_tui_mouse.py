"""The mouse in a pane, through the Pilot: a click moves the cursor, a drag selects an exact
character range that `a` annotates (quote = the dragged text), double-click takes a word,
triple-click a sentence, and escape drops the selection."""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from newsdiff.corpus.articles import load_corpus  # noqa: E402
from newsdiff.corpus.paths import seeds_dir  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402
from tui.modals import AnnotationModal  # noqa: E402
from tui.panes import word_span  # noqa: E402


def _cell_of(pane, offset: int) -> tuple[int, int]:
    """Content cell (x, y) of a character offset on the pane's screen now."""
    line = pane.line_of(offset)
    start, _ = pane.line_range(line)
    return offset - start, line - round(pane.scroll_y)


async def drag(pilot, pane, from_offset: int, to_offset: int) -> None:
    """Press the mouse on one character, move to another, release there."""
    start, end = _cell_of(pane, from_offset), _cell_of(pane, to_offset)
    await pilot.mouse_down(pane, offset=start)
    await pilot.hover(pane, offset=end)
    await pilot.mouse_up(pane, offset=end)


def test_word_span():
    text = "ISIS (al-Shams) took 2,000 men, the U.S. said."
    assert text[slice(*word_span(text, text.index("Shams")))] == "al-Shams"
    assert text[slice(*word_span(text, text.index("000")))] == "2,000"
    assert text[slice(*word_span(text, text.index("U.S") + 1))] == "U.S"
    assert word_span(text, text.index("(")) == (text.index("("),) * 2
    assert word_span(text, len(text) + 5) == (len(text) + 5,) * 2


async def test_drag_selects_an_exact_range_and_annotates_it(tmp_path):
    articles = load_corpus([seeds_dir()]).articles
    app = make_app(articles, out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(1)
        text = pane.article.text
        # choose two characters on the same screen line, away from its edges
        line = 2
        start, end = pane.line_range(line)
        assert end - start > 20
        a, b = start + 3, start + 15
        await pilot.mouse_down(pane, offset=_cell_of(pane, a))
        assert app.focused is pane and pane.cursor_line == line
        await pilot.hover(pane, offset=_cell_of(pane, b))
        await pilot.mouse_up(pane, offset=_cell_of(pane, b))
        await pilot.pause()
        assert pane.char_selection == (a, b + 1)  # the character under the pointer is in
        quote = text[a : b + 1].strip()
        await pilot.press("a")
        assert isinstance(app.screen, AnnotationModal)
        await pilot.press(*"drag")
        await pilot.press("enter")
        await pilot.pause()
        note = app.notes[-1]
        assert note.target_type == "text" and note.note == "drag"
        assert note.text.exact == quote and text[note.text.start : note.text.end] == quote
        assert not pane.has_selection  # annotating consumes the selection

        # dragging backwards selects the same way; escape drops it
        await drag(pilot, pane, b, a)
        assert pane.char_selection == (a, b)
        await pilot.press("escape")
        assert not pane.has_selection and app.screen.pane(1) is pane


async def test_click_moves_cursor_double_and_triple_click_select(tmp_path):
    articles = load_corpus([seeds_dir()]).articles
    app = make_app(articles, out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        text = pane.article.text
        await pilot.click(pane, offset=(2, 5))
        assert app.focused is pane and pane.cursor_line == round(pane.scroll_y) + 5
        assert not pane.has_selection
        # a word: double-click inside "Iraq" somewhere on screen
        at = text.index("Iraq")
        line = pane.line_of(at)
        pane.move_cursor(line)
        await pilot.pause()
        x, y = _cell_of(pane, at + 1)
        await pilot.click(pane, offset=(x, y), times=2)
        assert pane.char_selection is not None
        assert text[slice(*pane.char_selection)] == "Iraq"
        # triple-click: the sentence, which the note then quotes whole
        await pilot.click(pane, offset=(x, y), times=3)
        s, e = pane.char_selection
        assert s <= at < e and "Iraq" in text[s:e] and e - s > len("Iraq")
        from newsdiff.analysis.sentences import split_sentences

        assert any(ss <= s and e <= se for ss, se in split_sentences(text))


async def test_drag_on_markup_text_keeps_offsets(tmp_path):
    text = "[bold red]Not bold[/] \x1b[31m and ISIS said 150 troops.\nSecond line here."
    src = tmp_path / "m.txt"
    src.write_text(text, encoding="utf-8")
    article = load_corpus([src]).articles[0]
    app = make_app([article], out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        body = pane.article.text
        a = body.index("[bold")
        b = body.index("[/]") + 2
        await drag(pilot, pane, a, b)
        assert body[slice(*pane.char_selection)] == "[bold red]Not bold[/]"
        assert pane.selection_range() == pane.char_selection


async def test_dragging_past_the_bottom_scrolls_and_extends_the_selection(tmp_path):
    articles = load_corpus([seeds_dir()]).articles
    app = make_app(articles, out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(0)
        height = pane.scrollable_content_region.height
        start = pane.line_range(1)[0]
        await pilot.mouse_down(pane, offset=_cell_of(pane, start))
        for _ in range(3):  # the pointer rests below the pane: each move scrolls one line
            await pilot.hover(pane, offset=(5, height + 1))
        assert round(pane.scroll_y) == 3
        await pilot.mouse_up(pane, offset=(5, height + 1))  # (the Pilot moves there first)
        s, e = pane.char_selection
        assert s == start and pane.line_of(e - 1) == round(pane.scroll_y) + height - 1
