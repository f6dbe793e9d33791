"""Entity judgements: applying merges and splits to resolved entities, keeping them in
the comparison file, the ``newsdiff compare`` options, and the colours of the legend."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsdiff.analysis.judgements import apply_judgements
from newsdiff.comparison.compare import compare_articles
from newsdiff.corpus.articles import load_corpus
from newsdiff.records import Entity, EntityJudgement, Mention
from newsdiff.store.comparison_yaml import ComparisonFileError, load_comparison_file, save_comparison


def _ent(id_, name, *forms, articles=("a", "b")):
    mentions = [Mention(a, n * 10, n * 10 + len(f), f) for a in articles for n, f in enumerate((name, *forms))]
    return Entity(id_, name, "person", sorted(set(forms)), mentions)


def test_same_merges_and_not_same_splits_in_order():
    felt = _ent("w-mark-felt", "W. Mark Felt", "Felt")
    throat = _ent("deep-throat", "Deep Throat")
    out, unapplied = apply_judgements([felt, throat], [EntityJudgement("same", ("Felt", "Deep Throat"))], ["a", "b"])
    assert unapplied == [] and len(out) == 1
    assert out[0].id == "w-mark-felt" and out[0].name == "W. Mark Felt"
    assert set(out[0].aliases) == {"Felt", "Deep Throat"}
    assert [m.article for m in out[0].mentions] == ["a"] * 3 + ["b"] * 3  # article order kept
    # a later split takes the name out again, with its mentions
    out, _ = apply_judgements(out, [EntityJudgement("not-same", ("W. Mark Felt", "deep throat"))], ["a", "b"])
    assert sorted(e.name for e in out) == ["Deep Throat", "W. Mark Felt"]
    split = next(e for e in out if e.name == "Deep Throat")
    assert split.id == "deep-throat" and len(split.mentions) == 2 and split.aliases == []


def test_judgements_that_fit_nothing_are_returned_and_already_true_ones_are_quiet():
    iran, iraq = _ent("iran", "Iran"), _ent("iraq", "Iraq")
    js = [EntityJudgement("same", ("Atlantis", "Iran")), EntityJudgement("not-same", ("Iran", "Iraq"))]
    out, unapplied = apply_judgements([iran, iraq], js, ["a", "b"])
    assert unapplied == [js[0]] and [e.id for e in out] == ["iran", "iraq"]


def test_splitting_the_display_name_renames_what_stays():
    ent = _ent("maliki", "Nouri al-Maliki", "Maliki")
    out, _ = apply_judgements([ent], [EntityJudgement("not-same", ("Maliki", "Nouri al-Maliki"))], ["a", "b"])
    assert sorted(e.name for e in out) == ["Maliki", "Nouri al-Maliki"]
    assert len({e.id for e in out}) == 2


def test_compare_applies_judgements_before_the_figures_and_saves_them(seed_articles, tmp_path: Path):
    judgements = [EntityJudgement("same", ("Iran", "Iraq")), EntityJudgement("same", ("Foo", "Bar"))]
    cmp = compare_articles(seed_articles, judgements=judgements)
    iran = next(e for e in cmp.entities if "Iran" in (e.name, *e.aliases))
    assert "Iraq" in (iran.name, *iran.aliases)
    assert cmp.unapplied == [judgements[1]] and cmp.judgements == judgements
    out = tmp_path / "c.yaml"
    save_comparison(cmp, out)
    assert load_comparison_file(out).judgements == judgements


@pytest.mark.parametrize("bad, message", [
    ("judgements: {a: 1}", "'judgements' must be a list"),
    ("judgements: [x]", "judgement 1 is not a mapping"),
    ("judgements: [{verdict: maybe, names: [a, b]}]", "judgement 1: verdict must be one of same, not-same"),
    ("judgements: [{verdict: same, names: [a]}]", "judgement 1: names must be a list of two names"),
])
def test_a_malformed_judgement_is_one_line(tmp_path: Path, bad, message):
    path = tmp_path / "c.yaml"
    path.write_text(f"newsdiff: '1.2'\n{bad}\n")
    with pytest.raises(ComparisonFileError) as err:
        load_comparison_file(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_newsdiff_compare_same_and_not_same_are_kept_in_the_file(run_newsdiff, seeds_dir, tmp_path: Path):
    out = tmp_path / "c.yaml"
    proc = run_newsdiff("compare", seeds_dir, "-o", out, "--same", "Iran", "Iraq",
                        "--not-same", "Nouri al-Maliki", "Maliki", "--same", "Foo", "Bar")
    assert proc.returncode == 0, proc.stderr
    assert 'judgement same: "Foo" / "Bar" fits no entity of these articles; kept' in proc.stderr
    assert "3 entity judgements" in proc.stderr
    data = yaml.safe_load(out.read_text())
    assert data["judgements"] == [
        {"verdict": "same", "names": ["Iran", "Iraq"]},
        {"verdict": "not-same", "names": ["Nouri al-Maliki", "Maliki"]},
        {"verdict": "same", "names": ["Foo", "Bar"]},
    ]
    names = {e["name"]: e for e in data["entities"]}
    assert "Maliki" in names and "Maliki" not in names["Nouri al-Maliki"]["aliases"]
    # writing again onto the file keeps and applies them; --judgements reads another file
    proc = run_newsdiff("compare", seeds_dir, "-o", out)
    assert proc.returncode == 0 and len(yaml.safe_load(out.read_text())["judgements"]) == 3
    proc = run_newsdiff("compare", seeds_dir, "--judgements", out)
    assert proc.returncode == 0
    streamed = yaml.safe_load(proc.stdout)
    assert len(streamed["judgements"]) == 3
    assert any({"Iran", "Iraq"} <= {e["name"], *e["aliases"]} for e in streamed["entities"])


def test_colours_go_to_the_entities_that_matter_and_stay_when_articles_are_added(tmp_path: Path):
    from tui.highlights import COLOUR_SLOTS, QUIET, entity_colours

    names = [f"Name{chr(65 + i)}" for i in range(14)]
    for n in range(3):
        # every article names all 14; the first names are named more often
        body = " ".join(f"{name} spoke." * (14 - i) for i, name in enumerate(names))
        (tmp_path / f"a{n}.txt").write_text(f"Report {n}\n\n{body}\n", encoding="utf-8")
    articles = load_corpus([tmp_path]).articles
    cmp = compare_articles(articles[:2])
    colours = entity_colours(cmp.entities)
    top = [colours[e.id] for e in cmp.entities if e.name in names[:COLOUR_SLOTS]]
    assert sorted(top) == list(range(COLOUR_SLOTS))  # ten distinct colours
    assert all(colours[e.id] == QUIET for e in cmp.entities if e.name in names[COLOUR_SLOTS:])
    bigger = entity_colours(compare_articles(articles).entities)
    by_name = {e.name: colours[e.id] for e in cmp.entities if e.id in colours}
    by_name_after = {e.name: bigger[e.id] for e in compare_articles(articles).entities if e.id in bigger}
    assert by_name == by_name_after  # a third article changes no colour
