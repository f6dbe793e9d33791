"""Notes from the app: annotate, save (ctrl+s), quit, relaunch — the note is back; edited
articles re-anchor or orphan notes; the unsaved-notes prompt; a malformed or newer file is
never overwritten; editing, deleting and jumping from the Notes tab."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from newsdiff.corpus.paths import seeds_dir  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402
from tui.modals import AnnotationModal, ConfirmQuit  # noqa: E402


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), folder)
    return folder


async def annotate_line(app, pilot, pane_index: int, line: int, note: str) -> None:
    screen = app.screen
    await pilot.press(str(pane_index + 1))
    screen.pane(pane_index).move_cursor(line)
    await pilot.press("a")
    assert isinstance(app.screen, AnnotationModal)
    await pilot.press(*note)
    await pilot.press("enter")
    await pilot.pause()


async def test_annotate_save_quit_relaunch(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "notes.yaml"
    app = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane(1)
        await annotate_line(app, pilot, 1, 4, "check this")
        assert len(app.notes) == 1 and app.dirty
        note = app.notes[0]
        start, end = pane.line_range(4)
        assert note.target_type == "text" and note.note == "check this" and note.tag == "unverified"
        assert note.text.exact == pane.article.text[note.text.start:note.text.end].strip()
        # no selection: the note anchors the whole sentence(s) under the cursor line
        assert note.text.start <= start + 1 and note.text.end >= end - 1
        from newsdiff.analysis.sentences import split_sentences

        assert any(s <= note.text.start and note.text.end <= e for s, e in split_sentences(pane.article.text))
        # the noted range is marked in its pane, in the theme's note style
        assert (note.text.start, note.text.end) in pane.spans_with_style(app.theme_spec.style_for("note"))
        await pilot.press("ctrl+s")
        assert out.exists() and not app.dirty
        await pilot.press("q")
    assert app.return_code == 0

    again = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix")
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(again, pilot)
        assert [(n.note, n.text.exact, n.orphaned) for n in again.notes] == [("check this", note.text.exact, False)]
        notes_list = again.screen.sidebar.query_one("#notes")
        assert notes_list.option_count == 1 and "check this" in str(notes_list.get_option_at_index(0).prompt)
        assert again.screen.pane(1).spans_with_style("underline") == [(note.text.start, note.text.end)]
        again.screen.jump_to_note(again.notes[0].id)  # enter on a note jumps to its text
        await pilot.pause()
        target = again.screen.pane(1)
        assert again.focused is target and target.line_range(target.cursor_line)[0] <= note.text.start


async def test_edited_article_reanchors_or_orphans(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "notes.yaml"
    app = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await annotate_line(app, pilot, 0, 0, "lead")
        await annotate_line(app, pilot, 2, 20, "later")
        await pilot.press("ctrl+s")
        lead, later = app.notes
    # article 1: a paragraph inserted before the note; article 3: the noted words removed
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text("EDITOR'S NOTE: updated.\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    third = sorted(folder.glob("*.txt"))[2]
    third.write_text(third.read_text(encoding="utf-8").replace(later.text.exact, "(removed)"), encoding="utf-8")

    again = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix2")
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(again, pilot)
        moved = next(n for n in again.notes if n.note == "lead")
        gone = next(n for n in again.notes if n.note == "later")
        assert not moved.orphaned and moved.text.exact == lead.text.exact
        assert moved.text.start == lead.text.start + len("EDITOR'S NOTE: updated.\n\n")
        assert gone.orphaned
        prompts = [str(again.screen.sidebar.query_one("#notes").get_option_at_index(i).prompt) for i in range(2)]
        assert sum("ORPHANED" in p for p in prompts) == 1


async def test_unsaved_notes_prompt_on_quit(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "notes.yaml"
    app = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await annotate_line(app, pilot, 0, 2, "unsaved")
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("escape")  # cancel: still running, nothing written
        assert not isinstance(app.screen, ConfirmQuit) and not out.exists()
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("s")  # save and quit
    assert out.exists() and "unsaved" in out.read_text(encoding="utf-8")
    assert app.return_code == 0

    app = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await annotate_line(app, pilot, 0, 3, "dropped")
        await pilot.press("q", "d")  # discard
    assert "dropped" not in out.read_text(encoding="utf-8")


async def test_malformed_or_newer_file_is_never_overwritten(tmp_path):
    folder = corpus(tmp_path)
    for content in ("newsdiff: [unclosed\n", "newsdiff: 99\nannotations: []\n"):
        out = tmp_path / "bad.yaml"
        out.write_text(content, encoding="utf-8")
        app = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix")
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(app, pilot)
            assert app.save_blocked and "\n" not in app.save_blocked
            await annotate_line(app, pilot, 0, 1, "keep")
            await pilot.press("ctrl+s")
            assert out.read_text(encoding="utf-8") == content
            assert app.dirty
            assert type(app.screen).__name__ == "SaveAsModal"  # it offers another file
            await pilot.press("escape")
            await pilot.press("q", "s")  # save fails: the app stays open, asking again
            await pilot.pause()
            assert out.read_text(encoding="utf-8") == content
            assert type(app.screen).__name__ == "SaveAsModal"
            await pilot.press("escape")
            await pilot.press("q", "d")
        assert app.return_code == 0


async def test_edit_and_delete_from_notes_tab(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "notes.yaml"
    app = make_app(paths=[folder], out_path=out, index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await annotate_line(app, pilot, 0, 2, "first")
        screen = app.screen
        screen.sidebar.show_tab("notes")
        notes_list = screen.sidebar.query_one("#notes")
        notes_list.focus()
        notes_list.highlighted = 0
        await pilot.press("e")
        assert isinstance(app.screen, AnnotationModal)
        app.screen.query_one("#tag").value = "verified"
        app.screen.query_one("#note").value = "first, checked"
        await pilot.press("enter")
        assert [(n.tag, n.note) for n in app.notes] == [("verified", "first, checked")]
        await pilot.press("d")
        assert app.notes == [] and app.dirty
