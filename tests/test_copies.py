"""Wire copies: one agency story republished is detected and marked, so it does not read
as independent confirmation; rewrites and different stories are not copies."""

from __future__ import annotations

from pathlib import Path

import yaml

from newsdiff.analysis.copies import containment, find_copies, shingles, sketch_estimate
from newsdiff.corpus.articles import load_corpus

WIRE = (
    "BAGHDAD (Reuters) - Iran has sent 2,000 troops to Iraq to help the government fight Sunni "
    "militants who have seized several northern cities, two Iraqi officials said on Saturday. "
    "The officials said the troops crossed the border at Mandali on Friday and were heading "
    "to Baghdad and the holy cities of Najaf and Kerbala. A spokesman for the Iranian foreign "
    "ministry denied the report. Washington has said it is weighing its options, including "
    "air strikes, but has ruled out sending ground troops back to Iraq. The militants captured "
    "Mosul, the country's second city, on Tuesday and have since moved south toward the capital."
)
OTHER = (
    "Heavy rain flooded the river town of Elmsworth on Sunday, forcing 300 families from their "
    "homes as the water rose over the main street. Emergency crews used boats to reach "
    "residents trapped on upper floors, and the mayor said the town hall would stay open as a "
    "shelter through the week. Forecasters expect more rain on Tuesday, and the regional "
    "council has asked people living near the river to prepare to leave if the levee fails."
)


def _pile(tmp_path: Path) -> Path:
    folder = tmp_path / "pile"
    folder.mkdir()
    (folder / "a_wire.md").write_text("---\ntitle: Iran sends troops\nsource: Reuters\npublished: 2014-06-14\n---\n" + WIRE)
    # republished with a new headline, a cut last sentence and a line of its own
    cut = WIRE.rsplit(" The militants", 1)[0]
    (folder / "b_outlet.md").write_text("---\ntitle: Iranian troops reported in Iraq\nsource: Daily Planet\n"
                                        "published: 2014-06-15\n---\n" + cut + " Our reporter adds context.")
    (folder / "c_flood.md").write_text("---\ntitle: Flood\nsource: Elmsworth Echo\n---\n" + OTHER)
    return folder


def test_a_republished_story_is_a_copy_of_the_first_published(tmp_path):
    articles = load_corpus([_pile(tmp_path)]).articles
    copies = find_copies(articles)
    assert copies == {"b_outlet": "a_wire"}


def test_containment_and_the_sketch_estimate():
    a, b, c = shingles(WIRE), shingles(WIRE.rsplit(" The militants", 1)[0]), shingles(OTHER)
    assert containment(a, b) == 1.0 and containment(a, c) == 0.0
    import heapq

    sa, sb = heapq.nsmallest(64, a), heapq.nsmallest(64, b)
    assert abs(sketch_estimate(sa, sb) - len(a & b) / len(a | b)) < 0.2
    assert containment(set(), a) == 0.0 and shingles("too short") == set()


def test_the_comparison_file_records_copy_of(run_newsdiff, tmp_path):
    proc = run_newsdiff("compare", _pile(tmp_path), "--all")
    assert proc.returncode == 0, proc.stderr
    articles = {a["id"]: a for a in yaml.safe_load(proc.stdout)["articles"]}
    assert articles["b_outlet"]["copy_of"] == "a_wire" and "copy_of" not in articles["a_wire"]


async def test_the_pane_header_says_copy_of(tmp_path):
    from tui import engine
    from tui.harness import make_app, settle

    articles = load_corpus([_pile(tmp_path)]).articles
    app = make_app(articles, out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix",
                   events=[engine.single_event(articles)])
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        headers = [str(h.render()) for h in app.screen.query(".pane-header")]
        assert "copy of 1" in headers[1] and "copy of" not in headers[0]


def test_a_claim_says_how_many_of_its_reports_are_independent(tmp_path):
    from newsdiff.comparison.compare import compare_articles

    articles = load_corpus([_pile(tmp_path)]).articles
    cmp = compare_articles([a for a in articles if a.id != "c_flood"])
    troops = next(c for c in cmp.claims if c.unit == "troops")
    assert "2 reports, 1 independent (the others are wire copies)" in troops.reason
