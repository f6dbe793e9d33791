"""An article's label: its source, its site, the outlet its lead credits, else its title."""

from __future__ import annotations

import pytest

from newsdiff.analysis.outlets import article_label, credited_outlet
from newsdiff.corpus.articles import Article


def _article(text: str, **kw) -> Article:
    return Article(id="a", path="a.txt", title=kw.pop("title", "Iran sends troops to help Baghdad halt militants"),
                   text=text, sha256="0" * 64, **kw)


@pytest.mark.parametrize("text, outlet", [
    ("Iran sent special forces, the Times of London reported on Friday.", "Times of London"),
    ("At least 150 troops were sent, according to a report by FOX News.", "FOX News"),
    ("BAGHDAD (Reuters) - Iran has sent 2,000 troops, officials said.", "Reuters"),
    ("A senior official has told the Guardian that troops had arrived.", "Guardian"),
    ("People said they fled the city as the militants arrived.", None),
    ("The times reported by locals varied widely.", None),
    ("Nothing here credits anyone at all.", None),
])
def test_credited_outlet(text, outlet):
    assert credited_outlet(text) == outlet


def test_label_prefers_source_then_site_then_credit_then_title():
    text = "Troops arrived, the Times of London reported."
    assert article_label(_article(text, source="The Guardian")) == "The Guardian"
    assert article_label(_article(text, url="https://www.theguardian.com/world/x")) == "theguardian.com"
    assert article_label(_article(text)) == "via Times of London"
    assert article_label(_article("No credit here.")) == "Iran sends troops to help…"
    assert article_label(_article("x", source="Evil\x1b]52;\x07 Times")).startswith("Evil␛")


def test_seeds_have_labels_a_reader_can_tell_apart(seed_articles):
    labels = [article_label(a) for a in seed_articles]
    assert len(set(labels)) == 4 and "via FOX News" in labels


def test_the_comparison_names_articles_by_label_in_reasons_and_the_file(seed_articles, tmp_path):
    import yaml

    from newsdiff.comparison.compare import compare_articles
    from newsdiff.store.comparison_yaml import save_comparison

    cmp = compare_articles(seed_articles)
    troops = next(c for c in cmp.claims if c.verdict == "conflict")
    assert "(via Guardian)" in troops.reason and "via FOX News" in troops.reason
    out = tmp_path / "c.yaml"
    save_comparison(cmp, out)
    labels = [a["label"] for a in yaml.safe_load(out.read_text())["articles"]]
    assert labels == [cmp.labels[a.id] for a in seed_articles]


def test_labels_are_unique_in_a_pile():
    from newsdiff.analysis.outlets import unique_labels

    arts = [Article(id=f"a{n}", path="x", title="t", text="x", sha256="0" * 64, source="Reuters") for n in range(3)]
    assert list(unique_labels(arts).values()) == ["Reuters", "Reuters (2)", "Reuters (3)"]


async def test_pane_headers_show_the_label(tmp_path):
    from tui.harness import make_app, settle

    app = make_app(out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        headers = [str(h.render()) for h in app.screen.query(".pane-header")]
        assert headers[0].startswith("1 via Times of London") and headers[2].startswith("3 via Guardian")
