"""Figure extraction and alignment never fail on arbitrary or hostile text."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.corpus.articles import Article, text_sha256
from newsdiff.comparison.claims import align_claims
from newsdiff.analysis.figures import extract_figures
from newsdiff.records import RawMention
from newsdiff.analysis.sentences import split_sentences

_PIECES = st.sampled_from(
    [
        "2,000", "1,2,3", "10.000.000", "1.5", "150-200", "88-72", "(", ")", "[", "]", "$",
        "£1m", "($1.6m)", "110km", "(68 miles)", " miles", " km", " troops", " percent", "%",
        "at least ", "as many as ", "between ", " and ", "could amount to ", "about ",
        "hundreds of ", "two ", "a dozen ", "IRAN", "U.S.", "Gen.", ". ", "\n", "- ", "-",
        "'", "’", "“", "”", "June 11", "1980s", "9" * 400, "0", "00", ".", ",", "  ",
        "Messages\n- 13,818", "AK 47", "F-16", "one-year", "48-hour", "\u00a0", "…",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join),
)


def _article(text: str) -> Article:
    return Article(id="fuzz", path="fuzz.txt", title="fuzz", text=text, sha256=text_sha256(text))


def _check(text: str, mentions=()) -> None:
    a = _article(text)
    figures = extract_figures(a, mentions)
    for f in figures:
        assert text[f.start:f.end] == f.text
        assert f.start <= f.value_start < f.value_end <= f.end
        assert 0 <= f.sentence_start <= f.value_start and f.value_end <= f.sentence_end <= len(text)
        assert not math.isnan(f.low) and not math.isnan(f.high) and f.low <= f.high
        assert f.bound in ("exact", "approx", "at_least", "at_most", "range")
    claims = align_claims(figures, texts={a.id: text}, event_city="X")
    assert sorted(id(f) for c in claims for f in c.values) == sorted(id(f) for f in figures)
    assert len({c.id for c in claims}) == len(claims)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_any_text_gives_valid_spans(text):
    for start, end in split_sentences(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
    _check(text)


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.lists(st.tuples(st.integers(-5, 400), st.integers(0, 50)), max_size=6))
def test_any_mentions_are_tolerated(text, spans):
    mentions = [RawMention(s, s + n, text[max(s, 0):s + n]) for s, n in spans]
    _check(text, mentions)


def test_bad_inputs():
    for text in ["", "no numbers here at all", "1,2,3", "10.000.000", "((((", "))) 5 troops (((",
                 "9" * 5000, "$", "£", "between and", "at least", "-5", "1e308 troops"]:
        _check(text)


def test_huge_numbers_stay_finite_or_infinite_never_nan():
    a = _article("They sent " + "9" * 500 + " troops and 1" + "0" * 200 + " dollars.")
    for f in extract_figures(a):
        assert not math.isnan(f.value)


def test_one_megabyte_article():
    paragraph = (
        "Iran has sent 2,000 advance troops to Iraq in the past 48 hours, a senior Iraqi "
        "official said. Samarra is 70 miles (110km) north of the capital. Hundreds of men "
        "joined; at least 150 of Iran's elite Quds Force could amount to as many as 10,000.\n"
    )
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    a = _article(text)
    figures = extract_figures(a)
    assert len(figures) >= 5 * (len(text) // len(paragraph))
    assert all(text[f.start:f.end] == f.text for f in figures[:: max(1, len(figures) // 500)])
