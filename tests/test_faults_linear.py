"""Linear-time analysis: the bounds that keep pathological inputs from hanging compare.

Times are measured by ``bench/faults.py`` (as ratios to normal articles); these tests pin
the mechanisms: pattern hits scanned a sentence at a time equal one full scan, figure reading stops (and says so)
in a table of numbers, and a line without a capital letter is not searched for names.
"""

from __future__ import annotations

import random
import re

import pytest

from newsdiff.analysis import document as document_module
from newsdiff.analysis import figures as figures_module
from newsdiff.analysis import numbers as numbers_module
from newsdiff.analysis.document import PatternHits, analyse, segment_bounds
from newsdiff.analysis.frames import _PLACE_SCOPE, _YEAR
from newsdiff.analysis.mentions import find_mentions
from newsdiff.comparison.compare import compare_articles
from newsdiff.corpus.articles import Article, text_sha256

pytestmark = pytest.mark.faults


def _article(text: str, id: str = "a") -> Article:
    return Article(id=id, path=f"{id}.txt", title=id, text=text, sha256=text_sha256(text))


@pytest.mark.parametrize("pattern", [_YEAR, _PLACE_SCOPE, re.compile(r"ab+a")])
def test_segment_scan_finds_what_one_full_scan_finds(monkeypatch, pattern):
    monkeypatch.setattr(PatternHits, "BLOCK", 37)  # long sentences cut into many pieces
    rng = random.Random(3)
    words = ["in the", "province", "2009", "1999-2000", "across the", "region", "abbba", "aba",
             "nationwide", "x", ",", "$2010", "state", "2011."]
    text = " ".join(rng.choice(words) for _ in range(3000))
    # sentence starts after some of the full stops, as the splitter gives them
    starts = [m.end() + 1 for m in re.finditer(r"\.", text) if rng.random() < 0.5]
    hits = PatternHits(pattern, text, segment_bounds(len(text), starts, PatternHits.BLOCK))
    full = list(pattern.finditer(text))
    queries = [(s, min(len(text), s + rng.randint(0, 300))) for s in range(0, len(text), 97)]
    rng.shuffle(queries)  # figures of different sentences ask in any order
    bounds = hits.bounds

    def runs_over_a_bound(m: re.Match[str]) -> bool:
        """``m`` starts inside a full-scan match that runs from one segment into the next
        (as "2000" in "1999-2000" cut after "19"): the one case a segment scan differs."""
        return any(f.start() < b <= m.start() < f.end() for f in full for b in bounds)

    for start, end in queries:
        want = next((m for m in full if start <= m.start() and m.end() <= end), None)
        got = hits.first(start, end)
        if (got and got.span()) != (want and want.span()):
            assert got and runs_over_a_bound(got) and (not want or got.start() < want.start())
    # each segment was scanned once, and only the segments asked about
    assert len(hits.segments) < len(hits.bounds)


def test_a_sentence_without_a_question_is_never_scanned():
    text = "Nothing here. " * 50 + "The toll in 2009 was 12. " + "Nothing here. " * 50
    starts = [m.start() for m in re.finditer(r"\S[^.]*\.", text)]
    hits = PatternHits(_YEAR, text, segment_bounds(len(text), starts, PatternHits.BLOCK))
    year = text.index("2009")
    assert hits.first(year - 3, year + 12).group(1) == "2009"
    assert len(hits.segments) == 1


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


@pytest.mark.parametrize("name", ["WORDS_SCAN", "VAGUE_SCAN", "OTHER_WORDS_SCAN", "HALF_SCAN", "TIMES_WORDS_SCAN"])
def test_a_word_scan_finds_what_its_pattern_finds(name):
    scan = getattr(numbers_module, name)
    rng = random.Random(7)
    words = ["one", "One", "someone", "often", "ten", "TWENTY", "twenty-five", "hundred", "a", "A",
             "an", "Iran", "a couple", "A pair", "of", "half", "Half", "halftime", "a half", "dozen",
             "single", "twice", "THRICE", "hundreds", "tens", "thousands", "scores", "people",
             "and", ",", "-", "mile", "\u00a0", "  "]
    text = " ".join(rng.choice(words) for _ in range(4000))
    found = [m.span() for m in scan.finditer(text)]
    assert found and found == [m.span() for m in scan.pattern.finditer(text)]
    # openings every few characters (a pathological text): the pattern reads the text itself
    dense = (" ".join(o.strip() for o in scan.openings) + " mile of ") * 200
    assert len(dense) // scan.DENSE + 64 < sum(dense.lower().count(w) for w in scan.openings)
    assert [m.span() for m in scan.finditer(dense)] == [m.span() for m in scan.pattern.finditer(dense)]
    # a letter whose lower case is longer shifts offsets: the pattern then reads the text itself
    odd = "İstanbul: " + text[:400]
    assert len(odd.lower()) != len(odd)
    assert [m.span() for m in scan.finditer(odd)] == [m.span() for m in scan.pattern.finditer(odd)]
