"""The analysis memo: each article's text analysed once per process, within bounds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsdiff.analysis import memo
from newsdiff.comparison.compare import compare_articles
from newsdiff.corpus.articles import Article, load_corpus, text_sha256


def article(id: str, text: str, title: str = "t") -> Article:
    return Article(id=id, path=f"{id}.txt", title=title, text=text, sha256=text_sha256(text))


def test_a_text_is_analysed_once_and_a_changed_text_again():
    memo.clear()
    a = article("a", "Iran sent 150 troops to Baghdad on Friday.")
    doc, figures = memo.analysed(a)
    again, figures_again = memo.analysed(a)
    assert again is doc and figures_again is figures
    assert [f.text for f in figures] == ["150 troops"]
    changed = replace(a, text="Iran sent 2,000 troops to Baghdad on Friday.")
    doc2, figures2 = memo.analysed(changed)
    assert doc2 is not doc and [f.text for f in figures2] == ["2,000 troops"]


def test_the_record_names_the_article_it_was_asked_for():
    memo.clear()
    a = article("a", "Iran sent 150 troops to Baghdad.", title="old")
    memo.analysed(a)
    renamed = replace(a, title="new")
    doc, _ = memo.analysed(renamed)
    assert doc.article is renamed and doc.article.title == "new"


def test_the_memo_is_bounded_in_entries_and_characters(monkeypatch):
    memo.clear()
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    for n in range(10):
        memo.analysed(article(f"a{n}", f"Iran sent {n + 1} troops to Baghdad."))
    assert len(memo._memo) == 3
    monkeypatch.setattr(memo, "MAX_CHARS", 100)
    memo.analysed(article("long", "Iran sent 7 troops. " * 4))  # 80 characters
    assert memo._chars <= 100
    memo.analysed(article("huge", "x " * 200))  # bigger than the bound: analysed, not kept
    assert ("huge", "x " * 200) not in memo._memo
    memo.clear()


def test_a_comparison_from_the_memo_is_the_comparison_computed_afresh():
    articles = load_corpus([Path(__file__).resolve().parent.parent / "seeds"]).articles
    memo.clear()
    fresh = compare_articles(articles)
    warm = compare_articles(articles)
    assert [(c.id, c.verdict, [f.text for f in c.values]) for c in warm.claims] == \
        [(c.id, c.verdict, [f.text for f in c.values]) for c in fresh.claims]
    assert [(e.id, len(e.mentions)) for e in warm.entities] == [(e.id, len(e.mentions)) for e in fresh.entities]
