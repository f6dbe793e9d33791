"""The reader a journalist keeps open: the legend, the conflict count, the Conflicts view
(c), a claim's panes brought side by side, pinned panes (p). Real app, Pilot."""

from __future__ import annotations

from pathlib import Path

from tui.harness import make_app, settle


def _troops(cmp):
    return next(c for c in cmp.claims if c.verdict == "conflict")


async def test_legend_and_conflict_count_fit_80_columns(tmp_path: Path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        legend = app.screen.query_one("#legend").render().plain
        for word in ("≠ conflict", "→ update", "? possible", "= agree", "hypothetical", "search", "note"):
            assert word in legend
        assert legend.index("note") < 80  # the whole legend is on screen at 80 columns
        status = app.screen.query_one("#status").render().plain
        assert status.startswith(" ≠ 1 conflict ")
        # each word of the legend is drawn in its theme style
        spans = {legend[s.start:s.end].strip(): str(s.style) for s in app.screen.query_one("#legend").render().spans}
        assert spans["≠ conflict"] == app.theme_spec.styles["conflict"]
        assert spans["hypothetical"] == app.theme_spec.styles["hypothetical"]


async def test_conflicts_view_lists_each_outlet_and_enter_brings_the_panes(tmp_path: Path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.shown_panes() == [0, 1]  # 120 columns: two panes and the sidebar
        await pilot.press("c")
        await pilot.pause()
        view = app.screen
        assert type(view).__name__ == "ConflictsScreen"
        text = str(view.query_one("#conflict-list").get_option_at_index(0).prompt)
        assert "[1] via Times of London  150 elite" in text and "[3] via Guardian  2,000 advance troops" in text
        assert "[4] via FOX News" in text and "(hypothetical)" in text
        assert "│ " in text  # each value's sentence
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.selected_claim == _troops(screen.comparison).id
        # the panes stating the claim are now side by side: 150 (pane 1) with 2,000 (pane 3)
        assert screen.shown_panes() == [0, 2]
        assert "panes 1, 3 of 4" in screen.query_one("#status").render().plain


async def test_pin_keeps_a_pane_while_the_others_move(tmp_path: Path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("1", "p")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.shown_panes() == [0, 2]
        assert "pinned 1" in screen.pane_indicator()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.shown_panes() == [0, 3]
        await pilot.press("1", "p", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert screen.shown_panes() == [0, 1] and "pinned" not in screen.pane_indicator()


async def test_y_copies_the_selection_the_claim_and_a_note_with_their_outlet(tmp_path: Path):
    from tui import engine

    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        pane = screen.pane(2)
        start = pane.article.text.index("2,000 advance troops")
        pane.focus()
        pane.char_selection = (start, start + len("2,000 advance troops"))
        await pilot.press("y")
        assert app.clipboard.startswith("“2,000 advance troops” — via Guardian")
        pane.char_selection = None
        # ctrl+c with a selection copies too; without one it says how to quit, in plain words
        pane.char_selection = (start, start + 5)
        await pilot.press("ctrl+c")
        assert app.clipboard.startswith("“2,000” — via Guardian")
        pane.char_selection = None
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("Press q or ctrl+q to quit" in str(n.message) and "[b]" not in str(n.message)
                   for n in app._notifications)
        # the selected claim: verdict, summary and each outlet's value
        await pilot.press("c", "enter")
        await settle(app, pilot)
        screen.pane(0).focus()
        await pilot.press("y")
        assert app.clipboard.startswith("CONFLICT: Iranian troops sent to Iraq — 150")
        assert "- via Guardian: 2,000 advance troops: “Iran has sent 2,000" in app.clipboard
        # a note: its tag and text, then the quote and the outlet
        note = engine.new_text_note(pane.article, start, start + 5, "conflict", "check with the Guardian")
        app.add_note(note)
        await pilot.pause()
        notes = screen.sidebar.query_one("#notes")
        screen.sidebar.show_tab("notes")
        notes.focus()
        notes.highlighted = 0
        await pilot.press("y")
        assert app.clipboard.startswith("[conflict] check with the Guardian\n“2,000” — via Guardian, \"Iran has sent")


async def test_skipped_files_are_shown_in_the_app(tmp_path: Path, seeds_dir):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (corpus / "empty.txt").write_text("")
    app = make_app(paths=[corpus], out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert len(app.skipped) == 2
        toast = next(n for n in app._notifications if n.title == "Skipped")
        assert "2 file(s) skipped" in toast.message and "photo.txt" in toast.message
        app.action_show_skipped()
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        assert "photo.txt" in text and "empty.txt" in text


async def test_keys_people_know_match_counter_and_mentions_across_panes(tmp_path: Path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        # j / k / G / g in a sidebar list
        entities = screen.sidebar.query_one("#entities")
        entities.focus()
        entities.highlighted = 0
        await pilot.press("j", "j")
        assert entities.highlighted == 2
        await pilot.press("k")
        assert entities.highlighted == 1
        await pilot.press("G")
        assert entities.highlighted == entities.option_count - 1
        await pilot.press("g")
        assert entities.highlighted == 0
        # the match counter
        await pilot.press("slash", *"Baghdad", "enter")
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        status = screen.query_one("#status").render().plain
        assert f"match 1/{len(screen.match_list)}" in status
        await pilot.press("n")
        assert f"match 2/{len(screen.match_list)}" in screen.query_one("#status").render().plain
        # . past the last mention in a pane goes on to the next pane that has one
        screen.select_entity(next(e.id for e in screen.comparison.entities if e.name == "Tehran"))
        first = next(i for i, p in enumerate(screen.panes) if p.mark_offsets(screen.selected_entity))
        screen.focus_pane_index(first)
        pane = screen.pane(first)
        pane.jump_to_offset(pane.mark_offsets(screen.selected_entity)[-1])
        await pilot.press("full_stop")
        await pilot.pause()
        assert screen.focused_pane.index != first
        assert any("no more in pane" in str(n.message) for n in app._notifications)
        # one Quit entry in the footer
        shown = [b for b in app.active_bindings.values() if b.binding.show and b.binding.description == "Quit"]
        assert len(shown) == 1


async def test_notes_are_never_stranded_save_as_and_undo_delete(tmp_path: Path):
    import yaml

    from tui import engine

    blocked = tmp_path / "notes.yaml"
    blocked.write_text("newsdiff: [not, a, version]\n")  # a file newsdiff must not overwrite
    app = make_app(out_path=blocked, index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        article = screen.pane(0).article
        long_quote_end = article.text.index(".", 200) + 1
        app.add_note(engine.new_text_note(article, 0, long_quote_end, "verified", "checked"))
        app.add_note(engine.new_text_note(article, 0, 20, "conflict", "second"))
        await pilot.pause()
        notes = screen.sidebar.query_one("#notes")
        first = str(notes.get_option_at_index(0).prompt)
        assert "via Times of London" in first and "…”" in first  # a cut quote says so
        # delete, then u brings it back where it was
        screen.sidebar.show_tab("notes")
        notes.focus()
        notes.highlighted = 0
        await pilot.press("d")
        assert [n.note for n in app.notes] == ["second"]
        await pilot.press("u")
        assert [n.note for n in app.notes] == ["checked", "second"]
        # saving onto the unreadable file asks for another one
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveAsModal"
        field = app.screen.query_one("#path")
        field.value = str(tmp_path / "elsewhere.yaml")
        await pilot.press("enter")
        await pilot.pause()
    assert blocked.read_text() == "newsdiff: [not, a, version]\n"  # untouched
    saved = yaml.safe_load((tmp_path / "elsewhere.yaml").read_text())
    assert [a["note"] for a in saved["annotations"]] == ["checked", "second"]


async def test_keys_right_after_slash_reach_the_search_box_and_v_shows_its_mode(tmp_path: Path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        tab, linked = screen.sidebar.active_tab, screen.linked
        await pilot.press("1", "slash", "t", "l", "i")  # t and l are also bindings of the screen
        bar = screen.query_one("#search")
        assert bar.value == "tli" and screen.sidebar.active_tab == tab and screen.linked == linked
        await pilot.press("escape")
        await pilot.press("1", "v", "j")
        await pilot.pause()
        assert "-- VISUAL (pane 1) --" in screen.query_one("#status").render().plain
        await pilot.press("escape")
        await pilot.pause()
        assert "VISUAL" not in screen.query_one("#status").render().plain


async def test_the_theme_chosen_is_remembered(tmp_path: Path, monkeypatch):
    from tui.settings import load_settings, remember

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    app.remember_theme = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.theme = "high-contrast"
        await pilot.pause()
    settings_file = tmp_path / "config" / "newsdiff" / "settings.yaml"
    assert load_settings(settings_file) == ({"theme": "high-contrast"}, None)
    # a file that is not ours is ignored with one line, and never read as markup or code
    settings_file.write_text("!!python/object:os.system ls\n")
    settings, warning = load_settings(settings_file)
    assert settings == {} and "not a newsdiff settings file" in warning
    assert remember("theme", "light", settings_file) and load_settings(settings_file)[0] == {"theme": "light"}


def test_newsdiff_starts_with_the_remembered_theme(run_newsdiff, tmp_path: Path):
    """The real command reads settings.yaml: a theme that no longer exists is ignored."""
    from tui.settings import load_settings

    config = tmp_path / ".config" / "newsdiff"
    config.mkdir(parents=True)
    (config / "settings.yaml").write_text("theme: no-such-theme\n")
    env = {"NEWSDIFF_FIRST_PAINT_FILE": str(tmp_path / "painted")}
    proc = run_newsdiff("--out", tmp_path / "n.yaml", "--index", tmp_path / "ix", env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "painted").exists()
    assert load_settings(config / "settings.yaml")[0] == {"theme": "no-such-theme"}


async def test_at_80_columns_a_claim_keeps_its_values_side_by_side(tmp_path: Path):
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("c", "enter")
        await settle(app, pilot)
        assert screen.shown_panes() == [0, 2]  # 150 and 2,000, the sidebar left closed
        assert screen.sidebar.has_class("-hidden")
