"""Merging and splitting entities in the app (the Entities tab's m and x keys): the
judgement is applied at once, saved in the comparison YAML, applied again on reopen, and
one that no entity fits any more is listed and kept. Real app, real files."""

from __future__ import annotations

from pathlib import Path

import yaml

from newsdiff.store.comparison_yaml import load_comparison_file
from tui.harness import make_app, settle


def _entity(cmp, name):
    hits = [e for e in cmp.entities if e.name == name or name in e.aliases]
    assert len(hits) == 1, (name, [(e.name, e.aliases) for e in hits])
    return hits[0]


async def _highlight(app, pilot, name):
    entities = app.screen.sidebar.query_one("#entities")
    entities.focus()
    target = _entity(app.screen.comparison, name).id
    entities.highlighted = entities.get_option_index(target)
    await pilot.pause()


async def test_merge_then_split_saves_and_reopens(tmp_path: Path):
    out = tmp_path / "cmp.yaml"
    app = make_app(out_path=out, index_dir=tmp_path / "ix")
    async with app.run_test(size=(180, 50)) as pilot:
        await settle(app, pilot)
        assert _entity(app.screen.comparison, "Iraq") is not _entity(app.screen.comparison, "Iran")
        # merge: m on Iraq, m on Iran
        await _highlight(app, pilot, "Iraq")
        await pilot.press("m")
        await _highlight(app, pilot, "Iran")
        await pilot.press("m")
        await settle(app, pilot)
        cmp = app.screen.comparison
        assert _entity(cmp, "Iraq") is _entity(cmp, "Iran")
        assert app.dirty and [j.verdict for j in app.judgements] == ["same"]
        # split: x on Nouri al-Maliki, choose "Maliki" in the modal
        await _highlight(app, pilot, "Nouri al-Maliki")
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChooseAlias"
        await pilot.press("enter")
        await settle(app, pilot)
        cmp = app.screen.comparison
        maliki = [e for e in cmp.entities if e.name == "Maliki"]
        assert len(maliki) == 1 and "Maliki" not in _entity(cmp, "Nouri al-Maliki").aliases
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = yaml.safe_load(out.read_text())
    assert data["judgements"] == [
        {"verdict": "same", "names": ["Iraq", "Iran"]},
        {"verdict": "not-same", "names": ["Nouri al-Maliki", "Maliki"]},
    ]
    assert len(load_comparison_file(out).judgements) == 2
    # reopen: applied before colouring
    again = make_app(out_path=out, index_dir=tmp_path / "ix")
    async with again.run_test(size=(180, 50)) as pilot:
        await settle(again, pilot)
        cmp = again.screen.comparison
        assert _entity(cmp, "Iraq") is _entity(cmp, "Iran")
        assert "Maliki" not in _entity(cmp, "Nouri al-Maliki").aliases


async def test_m_twice_on_one_entity_lets_go_and_x_without_aliases_warns(tmp_path: Path):
    app = make_app(out_path=tmp_path / "cmp.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(180, 50)) as pilot:
        await settle(app, pilot)
        await _highlight(app, pilot, "Iraq")
        await pilot.press("m")
        await pilot.press("m")
        await pilot.press("x")  # Iraq has no other name
        await settle(app, pilot)
        assert app.judgements == [] and not app.dirty
        assert type(app.screen).__name__ == "ComparisonScreen"


async def test_judgements_on_names_no_longer_there_are_listed_and_kept(tmp_path: Path):
    out = tmp_path / "cmp.yaml"
    first = make_app(out_path=out, index_dir=tmp_path / "ix")
    async with first.run_test(size=(180, 50)) as pilot:
        await settle(first, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = yaml.safe_load(out.read_text())
    data["judgements"] = [{"verdict": "same", "names": ["Atlantis", "Iran"]}]
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    app = make_app(out_path=out, index_dir=tmp_path / "ix")
    async with app.run_test(size=(180, 50)) as pilot:
        await settle(app, pilot)
        entities = app.screen.sidebar.query_one("#entities")
        last = entities.get_option_at_index(entities.option_count - 1)
        assert last.disabled and "Atlantis" in str(last.prompt) and "not applied" in str(last.prompt)
        app.dirty = True
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert yaml.safe_load(out.read_text())["judgements"] == [{"verdict": "same", "names": ["Atlantis", "Iran"]}]


async def test_palette_offers_splits_and_merges_with_the_marked_entity(tmp_path: Path):
    from tui.commands import judgement_commands

    app = make_app(out_path=tmp_path / "cmp.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(180, 50)) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in judgement_commands(app.screen)]
        assert "Split Maliki off Nouri al-Maliki" in titles
        assert not any(t.startswith("Merge ") for t in titles)
        await _highlight(app, pilot, "Iraq")
        await pilot.press("m")
        commands = {c.title: c for c in judgement_commands(app.screen)}
        assert "Merge Iraq with Iran" in commands
        commands["Merge Iraq with Iran"].callback()
        await settle(app, pilot)
        cmp = app.screen.comparison
        assert _entity(cmp, "Iraq") is _entity(cmp, "Iran")
        assert app.screen.sidebar.query_one("#entities").marked is None
