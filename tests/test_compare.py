"""The comparison engine end to end on the seeds, through the API and the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from newsdiff.corpus.articles import load_corpus
from newsdiff.comparison.compare import compare_articles
from newsdiff.store.comparison_yaml import SCHEMA_PATH, dump_comparison, load_comparison_file

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(SCHEMA_PATH.read_text())


@pytest.fixture(scope="module")
def seeds_comparison():
    return compare_articles(load_corpus([REPO / "seeds"]).articles)


def _entity_with(cmp, surface: str):
    found = [e for e in cmp.entities if any(m.text == surface for m in e.mentions)]
    assert len(found) == 1, f"{surface!r} is in {len(found)} entities"
    return found[0]


def test_isis_aliases_are_one_shared_entity(seeds_comparison):
    cmp = seeds_comparison
    isis = _entity_with(cmp, "ISIS")
    surfaces = {m.text for m in isis.mentions}
    assert {"ISIS", "ISIL", "Isis"} <= surfaces
    assert any(s.startswith("Islamic State of Iraq and") for s in surfaces)
    assert len(isis.articles) == 4 and isis.kind == "group"
    for other in ("ISIL", "Isis"):
        assert _entity_with(cmp, other) is isis


@pytest.mark.parametrize("surname", ["Rouhani", "Maliki", "Suleimani"])
def test_surnames_merge_with_full_names(seeds_comparison, surname):
    entity = _entity_with(seeds_comparison, surname)
    assert any(len(m.text.split()) > 1 for m in entity.mentions), entity
    assert entity.kind == "person"


def test_troop_numbers_conflict_and_samarra_distance_agrees(seeds_comparison):
    cmp = seeds_comparison
    troops = [
        c for c in cmp.claims
        if c.verdict == "conflict" and {f.value for f in c.values} >= {150, 2000}
    ]
    assert len(troops) == 1
    by_article = {}
    for f in troops[0].values:
        by_article.setdefault(f.value, set()).add(f.article[:3])
    assert by_article[150] >= {"000", "003"} and by_article[2000] == {"002"}
    distance = [c for c in cmp.claims if c.kind == "length" and c.verdict == "agree"]
    assert any({f.article[:3] for f in c.values} == {"001", "002"} for c in distance)


def test_every_span_matches_its_text(seeds_comparison):
    cmp = seeds_comparison
    text = {a.id: a.text for a in cmp.articles}
    for e in cmp.entities:
        for m in e.mentions:
            assert text[m.article][m.start : m.end] == m.text
    for c in cmp.claims:
        for f in c.values:
            assert text[f.article][f.start : f.end] == f.text
    assert len({e.id for e in cmp.entities}) == len(cmp.entities)
    assert len({c.id for c in cmp.claims}) == len(cmp.claims)
    shared = [e.shared for e in cmp.entities]
    assert shared == sorted(shared, reverse=True)  # shared entities first


def test_compare_command_writes_schema_valid_yaml(tmp_path: Path):
    out = tmp_path / "cmp.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "newsdiff", "compare", str(REPO / "seeds"), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "in conflict" in proc.stderr
    data = yaml.safe_load(out.read_text())
    jsonschema.validate(data, SCHEMA)
    assert len(data["articles"]) == 4
    assert load_comparison_file(out).annotations == []
    stdout = subprocess.run(
        [sys.executable, "-m", "newsdiff", "compare", str(REPO / "seeds")],
        capture_output=True, text=True, timeout=120,
    )
    assert stdout.returncode == 0
    again = yaml.safe_load(stdout.stdout)
    jsonschema.validate(again, SCHEMA)
    assert again["figures"] == data["figures"] and again["entities"] == data["entities"]


def test_compare_survives_hostile_input(tmp_path: Path):
    (tmp_path / "caps.txt").write_text("IRAN SENDS 150 TROOPS (AT LEAST [UNBALANCED\n" * 50)
    (tmp_path / "nums.txt").write_text("Numbers like 1,2,3 and 10.000.000 and 1.2.3.4 appear.")
    (tmp_path / "plain.txt").write_text("nothing named here at all, just lower case words.")
    # About 1 MB: mostly prose, with a figure every hundred sentences.
    prose = "Officials in Baghdad said talks with the Iraqi Army went on late. " * 99
    figure = "The Iraqi Army said 2,000 troops moved 70 miles north of Baghdad on Monday. "
    (tmp_path / "big.txt").write_text((prose + figure) * 150)
    cmp = compare_articles(load_corpus([tmp_path]).articles)
    data = yaml.load(dump_comparison(cmp), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    jsonschema.validate(data, SCHEMA)
    assert len(cmp.articles) == 4
    text = {a.id: a.text for a in cmp.articles}
    for c in cmp.claims:
        for f in c.values:
            assert text[f.article][f.start : f.end] == f.text


def test_single_article_is_a_comparison_of_one(tmp_path: Path):
    (tmp_path / "one.txt").write_text("Iran sent 150 troops to Baghdad, Iraq, officials said.")
    cmp = compare_articles(load_corpus([tmp_path]).articles)
    assert all(c.verdict == "single" for c in cmp.claims)
    assert all(not e.shared for e in cmp.entities)


def test_compare_and_events_name_the_seeds_event_alike(seeds_comparison):
    from newsdiff.comparison.events import group_events

    [event] = group_events(seeds_comparison.articles)
    assert seeds_comparison.event.id == event.id and seeds_comparison.event.title == event.title
