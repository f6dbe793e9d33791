"""The comparison YAML format: schema-valid, diff-friendly, round-trips, refuses bad files,
and never loses the old file when a save fails."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from newsdiff.store.annotations import anchor_text, new_annotation
from newsdiff.corpus.articles import Article, text_sha256
from newsdiff.store.atomic import SaveError, atomic_write_text
from newsdiff.comparison.compare import Comparison, event_for
from newsdiff.store.comparison_yaml import (
    SCHEMA_PATH,
    ComparisonFileError,
    default_output_path,
    dump_comparison,
    load_comparison_file,
    save_comparison,
)
from newsdiff.records import Claim, Entity, Figure, Mention

TEXT = "Iran sent 150 troops, the Times of London reported. ISIL [bold]x[/] \u241b[2J said no."


def sample_comparison(tmp_path: Path) -> Comparison:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    art = Article(id="a", path=str(path), title="Iran [red]sends[/] troops", text=TEXT, sha256=text_sha256(TEXT))
    fig = Figure(
        article="a", start=10, end=20, text=TEXT[10:20], value=150, unit="troops", kind="count",
        canonical=150, canonical_unit="troops", low=145, high=155, attribution="the Times of London",
    )
    claim = Claim(id="iranian-troops", claim="Iranian troops sent", kind="count", unit="troops",
                  verdict="single", values=[fig], reason="only a")
    isil = Entity(id="islamic-state", name="ISIL", kind="group", aliases=[],
                  mentions=[Mention("a", TEXT.index("ISIL"), TEXT.index("ISIL") + 4, "ISIL")])
    cmp = Comparison(event=event_for([art]), articles=[art], entities=[isil], claims=[claim])
    cmp.annotations.append(
        new_annotation("unverified", "Times only: 150?\nsecond line [b]", target_type="text",
                       text=anchor_text(art, 10, 20))
    )
    cmp.annotations.append(new_annotation("conflict", "", target_type="figure", target_id="iranian-troops"))
    return cmp


def test_dump_is_schema_valid_and_offsets_hold(tmp_path: Path):
    cmp = sample_comparison(tmp_path)
    data = yaml.safe_load(dump_comparison(cmp, base=tmp_path))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    assert data["newsdiff"] == 1 and data["articles"][0]["path"] == "a.txt"
    value = data["figures"][0]["values"][0]
    assert TEXT[value["start"] : value["end"]] == value["text"]
    assert value["value"] == 150 and isinstance(value["value"], int)
    mention = data["entities"][0]["mentions"][0]
    assert TEXT[mention["start"] : mention["end"]] == mention["text"] == "ISIL"


def test_each_mention_and_value_is_one_line(tmp_path: Path):
    text = dump_comparison(sample_comparison(tmp_path))
    assert "- {article: a, start: 10, end: 20, text: 150 troops" in text
    assert any(line.strip().startswith("- {type: TextQuoteSelector") for line in text.splitlines())


def test_save_and_reload_round_trip(tmp_path: Path):
    cmp = sample_comparison(tmp_path)
    out = tmp_path / "newsdiff.yaml"
    save_comparison(cmp, out)
    loaded = load_comparison_file(out)
    assert loaded.version == 1 and loaded.event["id"] == cmp.event.id
    assert [a.note for a in loaded.annotations] == [a.note for a in cmp.annotations]
    first = loaded.annotations[0]
    assert first.text == cmp.annotations[0].text and first.tag == "unverified"
    assert loaded.annotations[1].target_type == "figure"
    assert loaded.annotations[1].target_id == "iranian-troops"
    # Saving again what was loaded gives the same bytes: clean diffs.
    cmp.annotations = loaded.annotations
    again = tmp_path / "again.yaml"
    save_comparison(cmp, again)
    assert again.read_text() == out.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("newsdiff: 1\nannotations: [unclosed\n", "not valid YAML at line"),
        ("- just\n- a list\n", "not a newsdiff comparison file"),
        ("newsdiff: 2\nannotations: []\n", "newer newsdiff (format 2)"),
        ("newsdiff: 1\nannotations: [{id: x, target: {type: text}}]\n", "needs selectors"),
        ("newsdiff: 1\nannotations: {a: 1}\n", "must be a list"),
        ("newsdiff: !!python/object:os.system ls\n", "not valid YAML"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, content: str, message: str):
    path = tmp_path / "newsdiff.yaml"
    path.write_text(content)
    with pytest.raises(ComparisonFileError) as info:
        load_comparison_file(path)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert path.read_text() == content  # never touched


def test_full_disk_during_save_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "newsdiff.yaml"
    out.write_text("old contents\n")

    def no_space(fd: int) -> None:  # the system edge: the disk fills while flushing
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(SaveError) as info:
        save_comparison(sample_comparison(tmp_path), out)
    assert "No space left on device" in str(info.value) and str(out) in str(info.value)
    assert out.read_text() == "old contents\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".newsdiff")] == []


def test_unwritable_folder_fails_cleanly(tmp_path: Path):
    with pytest.raises(SaveError, match="could not save"):
        atomic_write_text(tmp_path / "missing-dir" / "x.yaml", "x")


def test_default_output_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x")
    assert default_output_path([corpus]) == corpus.resolve() / "newsdiff.yaml"
    assert default_output_path([corpus / "a.txt"]) == corpus.resolve() / "newsdiff.yaml"
    monkeypatch.chdir(tmp_path)
    if os.geteuid() != 0:  # root can write anywhere; the read-only case needs a normal user
        corpus.chmod(0o555)
        try:
            assert default_output_path([corpus]) == tmp_path / "newsdiff.yaml"
        finally:
            corpus.chmod(0o755)
