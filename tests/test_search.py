"""Query parsing and checking, match offsets and snippets (newsdiff.search.query), on real text
with the real Whoosh analyzer and parser."""

from __future__ import annotations

import random
import re

import pytest
from whoosh import query as wq

from newsdiff.search.index import body_analyzer, make_schema
from newsdiff.search.query import (
    QueryError,
    make_snippet,
    match_spans,
    merge_spans,
    parse_query,
    snippet_with_spans,
    spans_for_tokens,
    text_spans,
    tokenize,
    tokenize_stemmed,
)

SCHEMA = make_schema()
ANALYZER = body_analyzer()


def spans_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_seeds_load_with_the_file_stems_as_ids(seed_articles):
    assert [a.id for a in seed_articles] == [
        "000_1e331f4947049066",
        "001_f3fb3571b5492621",
        "002_0be6cc156e819297",
        "003_9c71f4318ca86941",
    ]
    assert all(a.text and len(a.sha256) == 64 for a in seed_articles)


def test_terms_are_stemmed_and_case_insensitive():
    text = "Troops arrived. The troop left; TROOPS stayed. Trooper? No."
    q = parse_query("troop", SCHEMA)
    assert spans_text(text, match_spans(q, text, ANALYZER)) == ["Troops", "troop", "TROOPS"]


def test_default_conjunction_is_and():
    q = parse_query("iran troops", SCHEMA)
    assert isinstance(q, wq.And)


def test_phrase_spans_are_the_phrase_occurrences_only():
    text = "The Quds Force arrived. Force was used; Quds is a name. Quds  Forces again."
    q = parse_query('"Quds Force"', SCHEMA)
    assert spans_text(text, match_spans(q, text, ANALYZER)) == ["Quds Force", "Quds  Forces"]


def test_phrase_across_a_stop_word_matches_like_the_index_does():
    # Stop words are dropped and positions renumbered, in the index as here, so any stop
    # word may stand in the gap: both are phrase matches, "London" alone is not.
    text = "the Times of London reported; times in London differ; London"
    q = parse_query('"Times of London"', SCHEMA)
    assert spans_text(text, match_spans(q, text, ANALYZER)) == ["Times of London", "times in London"]


def test_unclosed_quote_is_read_as_a_phrase():
    text = "elite Quds Force troops; a force of Quds"
    q = parse_query('"Quds Force', SCHEMA)
    assert isinstance(q, wq.Phrase)
    assert spans_text(text, match_spans(q, text, ANALYZER)) == ["Quds Force"]


def test_fuzzy_finds_and_highlights_the_near_spelling():
    text = "Major General Qassem Suleimani, head of the Quds Force; Suleiman is another name."
    q = parse_query("Suleimeni~", SCHEMA)
    assert spans_text(text, match_spans(q, text, ANALYZER)) == ["Suleimani"]
    q2 = parse_query("Suleimeni~2", SCHEMA)
    assert "Suleiman" in spans_text(text, match_spans(q2, text, ANALYZER))


def test_fuzzy_distance_is_capped_at_two():
    q = parse_query("iran~9", SCHEMA)
    fuzzy = [n for n in q.leaves() if isinstance(n, wq.FuzzyTerm)] or [q]
    assert all(n.maxdist == 2 for n in fuzzy)


def test_prefix_highlights_every_word_with_the_prefix():
    text = "Revolutionary Guards; the revolution; a revolt; REVOLUTIONARIES marched"
    q = parse_query("Revolution*", SCHEMA)
    assert spans_text(text, match_spans(q, text, ANALYZER)) == [
        "Revolutionary", "revolution", "REVOLUTIONARIES"
    ]


def test_negated_terms_are_not_highlighted():
    text = "Iran sent troops to Iraq"
    q = parse_query("troops NOT syria", SCHEMA)
    assert spans_text(text, match_spans(q, text, ANALYZER)) == ["troops"]
    q2 = parse_query("troops AND NOT iran", SCHEMA)
    assert spans_text(text, match_spans(q2, text, ANALYZER)) == ["troops"]


def test_field_queries_parse_to_their_field():
    q = parse_query("title:Iran", SCHEMA)
    assert isinstance(q, wq.Term) and (q.fieldname, q.text) == ("title", "iran")
    q = parse_query("source:reuters troops", SCHEMA)
    assert {(n.fieldname, n.text) for n in q.leaves()} == {("source", "reuters"), ("body", "troop")}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("AND OR (", "nothing searchable in: AND OR ("),
        ('"', "nothing searchable in"),
        ("the of", "nothing searchable in"),
        ("NOT iran", "nothing searchable in"),
        ("   ", "empty query"),
        ("*", "bare '*'"),
        ("troops OR *", "bare '*'"),
        ("nosuch:x", "unknown field 'nosuch'"),
        ("id:abc", "unknown field 'id'"),
    ],
)
def test_bad_queries_raise_one_line_errors(query, message):
    with pytest.raises(QueryError) as info:
        parse_query(query, SCHEMA)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    if "unknown field" in message:
        assert "known fields: body, title, source" in str(info.value)


def test_colons_inside_phrases_are_not_fields():
    q = parse_query('"ratio 3:1 agreed"', SCHEMA)
    assert isinstance(q, wq.Phrase)


def test_spans_cover_text_beyond_32k_and_after_wide_characters():
    filler = "Émigrés 東京 😀 reported calmly. " * 2000  # > 60,000 characters
    text = filler + "Finally the troops withdrew."
    assert len(text) > 60_000
    q = parse_query("troops", SCHEMA)
    spans = match_spans(q, text, ANALYZER)
    assert spans_text(text, spans) == ["troops"]
    assert spans[0][0] > 60_000


def test_merge_spans_sorts_and_merges_overlaps():
    assert merge_spans([(10, 14), (0, 3), (2, 5), (10, 14), (20, 21)]) == [(0, 5), (10, 14), (20, 21)]


def test_snippet_is_one_line_around_the_matches_with_mapped_spans():
    text = ("Intro line.\n\n" + "word " * 100 + "the elite   Quds\nForce arrived " + "tail " * 100)
    q = parse_query('"Quds Force"', SCHEMA)
    spans = match_spans(q, text, ANALYZER)
    snippet, local = snippet_with_spans(text, spans, width=80)
    assert "\n" not in snippet and len(snippet) <= 80
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in local] == ["Quds Force"]
    assert make_snippet(text, spans, width=80) == snippet


def test_snippet_without_spans_is_the_start_of_the_text():
    text = "  First words of the article.\nSecond line."
    assert make_snippet(text, []) == "First words of the article. Second line."
    assert re.fullmatch(r"[^\n]*", make_snippet("x" * 500, []))


# --------------------------------------------------------------------------- fast paths

_TRICKY_WORDS = ["Quds", "Force", "forces", "the", "of", "a", "I", "troops", "Troop", "U.S", "u.s.",
                 "x.y.z", "revolution", "Revolutionary", "Suleimani", "Suleiman", "İstanbul", "ΟΔΟΣ",
                 "ß", "東京", "😀", "foo*", "*bar", "2,000", "150", "it's", "co-op", "..", ".",
                 "Émigrés", "th", "the.force", "ﬁre", "running", "happily"]
_TRICKY_SEPARATORS = [" ", "  ", "\n\n", ", ", ". ", "'", "-", ".", "", "—", "...", "*", "\u00a0"]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_TRICKY_WORDS) + rng.choice(_TRICKY_SEPARATORS)
                    for _ in range(rng.randint(0, 25))) for _ in range(count)]


def test_tokenize_stemmed_is_the_body_analyzer(seed_articles):
    """The one-pass tokenizer gives exactly the body analyzer's tokens (stems, renumbered
    positions after dropped stop words, offsets), on the seeds and on awkward text."""
    for text in [a.text for a in seed_articles] + _random_texts(1, 1500):
        fast, whoosh = tokenize_stemmed(text), tokenize(text, ANALYZER)
        assert fast.tokens == whoosh.tokens, text
        assert fast.where == whoosh.where


def test_text_spans_are_the_analyzer_spans(seed_articles):
    """text_spans (stem each distinct word once, read only the tokens phrases need) finds
    exactly what matching the fully analysed text finds, for every kind of query."""
    queries = ['troops', '"Quds Force"', '"quds force"~2', '"the force"', 'revolution*', 'Suleimeni~',
               'Suleimeni~2', 'quds OR troops', 'troops NOT quds', '"force quds force"', '"force force"',
               '"forces troops"~3', 'u.s', 'istanbul', 'οδος', '東京', 'foo*', 'bar', 'fire', 'co-op',
               'th*', 'x.y.z', '"u.s troops"', '2,000', 'émigrés', 'title:quds troops', 'run', 'happi*']
    parsed = [(text, parse_query(text, SCHEMA)) for text in queries]
    checked = 0
    for text in [a.text for a in seed_articles] + _random_texts(2, 400):
        tokens = tokenize(text, ANALYZER)
        for query, q in parsed:
            expected = spans_for_tokens(q, tokens)
            assert text_spans(q, text) == expected, (query, text)
            checked += bool(expected)
    assert checked > 1000
