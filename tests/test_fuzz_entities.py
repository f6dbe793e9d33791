"""Hypothesis fuzz: arbitrary text never breaks the finder, the resolver or the grouping."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.analysis.aliases import resolve_entities
from newsdiff.corpus.articles import Article, text_sha256
from newsdiff.comparison.events import group_events
from newsdiff.analysis.mentions import find_mentions
from newsdiff.records import ENTITY_KINDS

PIECES = st.sampled_from([
    "Iran", "Iraq", "ISIS", "U.S.", "U.S", "al-", "Al-", "bin", "of", "of the", "and", "The",
    "President", "Grand Ayatollah", "(", ")", "[", "]", "``", "''", "'s", "’s", "-", ".", ",",
    "1,2,3", "150", "\n", "\u241b", "\ufffd", "ELITE MEMBER", "- Joined", "Major General",
    "X", "A.", "W.", "Teheran", "Tehran", "Isis", "ABC", "\t", " ", "  ",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map(" ".join)


def article(n: int, text: str) -> Article:
    return Article(id=f"a{n}", path=f"a{n}.txt", title=text[:30] or "untitled", text=text,
                   sha256=text_sha256(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_find_mentions_spans_always_valid(text):
    found = find_mentions(text)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.kind in ENTITY_KINDS
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_resolution_and_grouping_never_crash(texts):
    arts = [article(n, t) for n, t in enumerate(texts)]
    mentions = {a.id: find_mentions(a.text) for a in arts}
    entities = resolve_entities(arts, mentions)
    assert len({e.id for e in entities}) == len(entities)
    assert sum(len(e.mentions) for e in entities) == sum(len(v) for v in mentions.values())
    by_id = {a.id: a.text for a in arts}
    for e in entities:
        assert e.kind in ENTITY_KINDS
        for m in e.mentions:
            assert by_id[m.article][m.start:m.end] == m.text
    events = group_events(arts)
    assert sorted(aid for e in events for aid in e.article_ids) == sorted(by_id)
