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
from newsdiff.atomic import SaveError, atomic_write_text
from newsdiff.comparison.compare import Comparison, event_for
from newsdiff.store.comparison_yaml import (
    SCHEMA_PATH,
    SCHEMA_PATHS,
    ComparisonFileError,
    default_output_path,
    dump_comparison,
    load_comparison_file,
    save_comparison,
)
from newsdiff import records
from newsdiff.records import Claim, Entity, Figure, Frame, Mention

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
    assert data["newsdiff"] == "1.2" and data["articles"][0]["path"] == "a.txt"
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
        ("newsdiff: '2.1'\nannotations: []\n", "newer newsdiff (format 2.1)"),
        ("newsdiff: 2.0\nannotations: []\n", "newer newsdiff (format 2.0)"),
        ("newsdiff: one\nannotations: []\n", "bad format version 'one'"),
        ("newsdiff: 1\nannotations: [{id: x, target: {type: text}}]\n", "needs selectors"),
        ("newsdiff: 1\nannotations: {a: 1}\n", "must be a list"),
        ("newsdiff: !!python/object:os.system ls\n", "not valid YAML"),
        # what a notes-only read skips is still parsed, and still judged
        ("newsdiff: 1\nfigures: [unclosed\nannotations: []\n", "not valid YAML at line"),
        ("newsdiff: 1\nfigures: [!!python/object:os.system ls]\nannotations: []\n", "not valid YAML"),
        ("newsdiff: 1\nentities: [&a {x: 1}, *a]\nannotations: []\n", "anchor or alias at line 2"),
        ("newsdiff: 1\nannotations: []\n---\nnewsdiff: 1\n", "not valid YAML"),
    ],
)
@pytest.mark.parametrize("notes_only", [False, True])
def test_bad_files_give_one_line_errors(tmp_path: Path, content: str, message: str, notes_only: bool):
    path = tmp_path / "newsdiff.yaml"
    path.write_text(content)
    with pytest.raises(ComparisonFileError) as info:
        load_comparison_file(path, notes_only=notes_only)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert path.read_text() == content  # never touched


def test_a_notes_only_read_builds_the_notes_as_a_whole_read_does(tmp_path: Path):
    cmp = sample_comparison(tmp_path)
    cmp.judgements = [records.EntityJudgement("same", ("ISIL", "Islamic State"))]
    out = tmp_path / "newsdiff.yaml"
    save_comparison(cmp, out)
    whole, notes = load_comparison_file(out), load_comparison_file(out, notes_only=True)
    assert notes.annotations == whole.annotations and len(notes.annotations) == 2
    assert notes.judgements == whole.judgements and len(notes.judgements) == 1
    assert (notes.version, notes.minor, notes.generated, notes.event, notes.articles) == (
        whole.version, whole.minor, whole.generated, whole.event, whole.articles)
    assert whole.claims() and notes.claims() == []  # the claims are not built
    assert set(notes.data) == set(whole.data) - {"entities", "figures"}


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


# ----------------------------------------------------------------------------- format 1.1

FRAMED = "Iran sent 150 troops so far, officials said. Another 2,000 troops may follow. It won 24-17."


def framed_comparison(tmp_path: Path) -> Comparison:
    """Claims with every verdict 1.1 adds and values with frames, a pair and an implicit count."""
    path = tmp_path / "f.txt"
    path.write_text(FRAMED)
    art = Article(id="f", path=str(path), title="Framed", text=FRAMED, sha256=text_sha256(FRAMED))

    def fig(number: str, kind: str = "count", **extra) -> Figure:
        start = FRAMED.index(number)
        value = float(number.split("-")[0].replace(",", ""))
        return Figure(article="f", start=start, end=start + len(number), text=number, value=value,
                      unit="troops", kind=kind, canonical=value, canonical_unit="count",
                      low=value, high=value, **extra)

    running = Frame(thing="troops", predicate="sent", holder="Iran", time="so far",
                    role="subset", running=True, cues=("sent", "so far"))
    total = Frame(thing="troops", predicate="sent")  # role total, not running: both left out
    update = Claim("troops-sent", "Iranian troops sent", "count", "troops", "update",
                   [fig("150", frame=running), fig("2,000", frame=total, hedge="may")],
                   "150 so far, then 2,000", confidence=0.8666)
    possible = Claim("troops-maybe", "troops (weak match)", "count", "troops", "possible",
                     [fig("2,000", frame=Frame()), fig("150", implicit=True)],
                     "150 vs 2,000 troops, but the holders differ", confidence=0.414)
    score = Claim("score", "final score", "score", "points", "single",
                  [fig("24-17", "score", pair=(24.0, 17.0), frame=Frame(thing="points", holder="It"))], "only f")
    return Comparison(event=event_for([art]), articles=[art], entities=[], claims=[update, possible, score])


def _without_cues(claim: Claim) -> Claim:
    from dataclasses import replace

    values = [replace(f, frame=replace(f.frame, cues=()) if f.frame else None) for f in claim.values]
    return replace(claim, values=values, confidence=round(claim.confidence, 2))


def test_format_1_1_dump_validates_and_round_trips(tmp_path: Path):
    cmp = framed_comparison(tmp_path)
    out = tmp_path / "newsdiff.yaml"
    save_comparison(cmp, out)
    text = out.read_text()
    data = yaml.safe_load(text)
    jsonschema.validate(data, json.loads(SCHEMA_PATHS[(1, 2)].read_text()))
    assert text.startswith("newsdiff: '1.2'\n")
    assert [c["verdict"] for c in data["figures"]] == ["update", "possible", "single"]
    assert [c["confidence"] for c in data["figures"]] == [0.87, 0.41, 1.0]
    # each value stays one line; the frame is a flow mapping of the parts that are set
    assert ("- {article: f, start: 10, end: 13, text: '150', value: 150, unit: troops, canonical: 150, "
            "canonical_unit: count, low: 150, high: 150, bound: exact, hedge: null, hypothetical: false, "
            "attribution: null, frame: {thing: troops, predicate: sent, holder: Iran, time: so far, "
            "role: subset, running: true}}\n") in text
    values = [v for c in data["figures"] for v in c["values"]]
    assert values[1]["frame"] == {"thing": "troops", "predicate": "sent"}
    assert values[2]["frame"] == {} and "implicit" not in values[2] and values[3]["implicit"] is True
    assert "frame" not in values[3] and values[4]["pair"] == [24, 17]
    # reading back gives the same records (cues are not stored), and saving again the same bytes
    loaded = load_comparison_file(out)
    assert (loaded.version, loaded.minor) == (1, 2)
    claims = loaded.claims()
    assert claims == [_without_cues(c) for c in cmp.claims]
    assert claims[0].values[0].frame == Frame("troops", "sent", "Iran", "so far", None, "subset", True)
    again = tmp_path / "again.yaml"
    save_comparison(Comparison(event=cmp.event, articles=cmp.articles, entities=[], claims=claims,
                               generated=cmp.generated), again)
    assert again.read_text() == text


def test_schema_enums_follow_the_records():
    schema = json.loads(SCHEMA_PATH.read_text())
    claim = schema["properties"]["figures"]["items"]["properties"]
    value = claim["values"]["items"]["properties"]
    assert schema["properties"]["newsdiff"] == {"const": "1.2"}
    assert schema["properties"]["judgements"]["items"]["properties"]["verdict"]["enum"] == list(records.JUDGEMENT_VERDICTS)
    assert claim["verdict"]["enum"] == list(records.VERDICTS)
    assert claim["kind"]["enum"] == list(records.FIGURE_KINDS)
    assert value["bound"]["enum"] == list(records.BOUNDS)
    assert value["frame"]["properties"]["role"]["enum"] == list(records.FRAME_ROLES)
    assert schema["properties"]["entities"]["items"]["properties"]["kind"]["enum"] == list(records.ENTITY_KINDS)


HAND_WRITTEN_1_0 = """\
newsdiff: 1
generated: '2025-01-02T03:04:05Z'
event: {id: iran-iraq, title: Iran sends troops}
articles:
- {id: a, path: a.txt, title: Iran sends troops, source: null, published: null, sha256: %s, chars: %d}
entities: []
figures:
- id: iranian-troops
  claim: Iranian troops sent
  kind: count
  unit: troops
  verdict: conflict
  reason: 150 vs 2,000 troops
  values:
  - {article: a, start: 10, end: 20, text: 150 troops, value: 150, unit: troops, canonical: 150, canonical_unit: count, low: 145, high: null, bound: at_least, hedge: null, hypothetical: false, attribution: the Times of London}
annotations:
- id: note-1
  created: '2025-01-02T03:05:00Z'
  tag: unverified
  note: |
    Times only: 150?
  target:
    type: figure
    id: iranian-troops
  orphaned: false
"""


def test_hand_written_1_0_file_still_loads_with_its_notes(tmp_path: Path):
    content = HAND_WRITTEN_1_0 % (text_sha256(TEXT), len(TEXT))
    path = tmp_path / "newsdiff.yaml"
    path.write_text(content)
    jsonschema.validate(yaml.safe_load(content), json.loads(SCHEMA_PATHS[(1, 0)].read_text()))
    loaded = load_comparison_file(path)
    assert (loaded.version, loaded.minor) == (1, 0)
    [note] = loaded.annotations
    assert (note.tag, note.note, note.target_type, note.target_id) == ("unverified", "Times only: 150?\n", "figure", "iranian-troops")
    [claim] = loaded.claims()
    assert claim.verdict == "conflict" and claim.confidence == 1.0  # 1.0 had no confidence
    [value] = claim.values
    assert value.frame is None and value.pair is None and not value.implicit
    assert (value.low, value.high, value.bound) == (145, float("inf"), "at_least")  # open end
    assert path.read_text() == content


def test_newer_minor_and_hand_typed_versions_load(tmp_path: Path):
    """Any 1.x loads, as 1.0 did (silently); what a 1.3 adds to a note is kept on it."""
    path = tmp_path / "newsdiff.yaml"
    note = "{id: n, created: x, tag: t, note: '', target: {type: entity, id: e}, colour: blue}"
    for written, minor in (("'1.3'", 3), ("'1.2'", 2), ("1.1", 1), ("'1'", 0), ("1", 0)):
        path.write_text(f"newsdiff: {written}\nfigures: [{{id: c, verdict: retracted, values: []}}]\n"
                        f"annotations: [{note}]\n")
        loaded = load_comparison_file(path)
        assert (loaded.version, loaded.minor) == (1, minor), written
        assert loaded.annotations[0].extra == {"colour": "blue"}
        assert loaded.claims()[0].verdict == "retracted"  # a newer verdict is kept as written


def test_bad_claims_give_one_line_errors(tmp_path: Path):
    path = tmp_path / "newsdiff.yaml"
    for figures, message in (
        ("[{id: x, values: [{start: 3, end: 1, value: 1}]}]", "figure claim 1, value 1: bad start/end"),
        ("[{id: x, values: [{start: 0, end: 1, value: 1, frame: {role: most}}]}]", "unknown frame role 'most'"),
        ("[{id: x, values: [{start: 0, end: 1, value: 1, pair: [1]}]}]", "pair must be two numbers"),
        ("[{id: x, confidence: high, values: []}]", "confidence must be a number"),
    ):
        path.write_text(f"newsdiff: '1.1'\nfigures: {figures}\n")
        loaded = load_comparison_file(path)  # the notes load even when a claim is broken
        with pytest.raises(ComparisonFileError) as info:
            loaded.claims()
        assert message in str(info.value) and "\n" not in str(info.value)
