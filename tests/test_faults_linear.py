"""Linear-time analysis: the bounds that keep pathological inputs from hanging compare.

Times are measured by ``bench/faults.py`` (as ratios to normal articles); these tests pin
the mechanisms: lazy pattern hits equal one full scan, figure reading stops (and says so)
in a table of numbers, and a line without a capital letter is not searched for names.
"""

from __future__ import annotations

import random
import re

import pytest

from newsdiff.analysis import document as document_module
from newsdiff.analysis import figures as figures_module
from newsdiff.analysis.document import PatternHits, analyse
from newsdiff.analysis.frames import _PLACE_SCOPE, _YEAR
from newsdiff.analysis.mentions import find_mentions
from newsdiff.comparison.compare import compare_articles
from newsdiff.corpus.articles import Article, text_sha256

pytestmark = pytest.mark.faults


def _article(text: str, id: str = "a") -> Article:
    return Article(id=id, path=f"{id}.txt", title=id, text=text, sha256=text_sha256(text))


@pytest.mark.parametrize("pattern", [_YEAR, _PLACE_SCOPE, re.compile(r"ab+a")])
def test_lazy_block_scan_finds_what_one_full_scan_finds(monkeypatch, pattern):
    monkeypatch.setattr(PatternHits, "BLOCK", 37)  # many block edges, inside matches too
    rng = random.Random(3)
    words = ["in the", "province", "2009", "1999-2000", "across the", "region", "abbba", "aba",
             "nationwide", "x", ",", "$2010", "state"]
    text = " ".join(rng.choice(words) for _ in range(3000))
    hits = PatternHits(pattern, text)
    for start in range(0, len(text), 211):  # queries in order, as figures ask
        end = min(len(text), start + 300)
        want = next((m for m in pattern.finditer(text) if start <= m.start() and m.end() <= end), None)
        got = hits.first(start, end)
        assert (got and got.span()) == (want and want.span())
    assert [m.span() for m in hits.matches] == [m.span() for m in pattern.finditer(text)][:len(hits.matches)]


def test_figure_reading_stops_in_a_table_of_numbers_and_says_so(monkeypatch):
    monkeypatch.setattr(figures_module, "MAX_FIGURES_PER_ARTICLE", 40)
    monkeypatch.setattr(figures_module, "MAX_NUMBERS_PER_ARTICLE", 200)
    table = "150 troops, " * 1000
    cmp = compare_articles([_article(table)])
    assert sum(len(c.values) for c in cmp.claims) == 40
    assert len(cmp.warnings) == 1 and "table of numbers" in cmp.warnings[0]
    # a text with a few numbers is read whole and warns of nothing
    prose = compare_articles([_article("Iran sent 150 troops to Iraq on Friday. " * 10)])
    assert prose.warnings == []


def test_numbers_past_the_reading_limit_are_not_tokenised(monkeypatch):
    monkeypatch.setattr(figures_module, "MAX_NUMBERS_PER_ARTICLE", 30)
    text = "The 12 boats. " * 100
    end = figures_module.reading_end(text)
    assert end < len(text) and text[:end].count("12") == 30
    figures = figures_module.extract_figures(analyse(_article(text)))
    assert figures and all(f.value_start < end for f in figures)
    assert figures_module.figures_cut_at(text, figures) == end


def test_a_line_without_capitals_holds_no_names_and_costs_no_name_search():
    lower = "150 troops, " * 2000 + "\n"
    prose = "Iran sent the Quds Force to Baghdad, officials said.\n"
    assert find_mentions(lower) == []
    with_lower = find_mentions(lower + prose)
    alone = find_mentions(prose)
    assert [(m.start - len(lower), m.text) for m in with_lower] == [(m.start, m.text) for m in alone]


def test_hits_are_cached_per_article():
    doc = analyse(_article("In 2009, 12 people died in the province."))
    assert doc.hits(_YEAR) is doc.hits(_YEAR)
    assert isinstance(doc.hits(_YEAR), document_module.PatternHits)
