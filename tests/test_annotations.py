"""W3C-style anchoring of notes and their re-anchoring on edited articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdiff.store.annotations import anchor_text, new_annotation, reanchor
from newsdiff.corpus.articles import Article, text_sha256


def article(text: str, id_: str = "a1") -> Article:
    return Article(id=id_, path=f"/tmp/{id_}.txt", title="t", text=text, sha256=text_sha256(text))


BASE = (
    "Iran has sent 2,000 advance troops to Iraq in the past 48 hours. "
    "Officials said the troops would defend Baghdad. Later the troops moved north."
)


def note_on(a: Article, quote: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = a.text.index(quote, start + 1)
    target = anchor_text(a, start, start + len(quote))
    return new_annotation("conflict", "check this", target_type="text", text=target)


def test_anchor_records_quote_context_and_position():
    a = article(BASE)
    n = note_on(a, "2,000 advance troops")
    t = n.text
    assert a.text[t.start : t.end] == t.exact == "2,000 advance troops"
    assert t.prefix.endswith("Iran has sent ") and t.suffix.startswith(" to Iraq")
    assert t.sha256 == a.sha256 and n.id.startswith("note-") and n.created.endswith("Z")


def test_unchanged_article_keeps_position():
    a = article(BASE)
    [placed] = reanchor([note_on(a, "troops", 1)], [a])
    assert not placed.orphaned and placed.anchored_by == "position"
    assert placed.text.start == BASE.index("troops would")


def test_inserted_text_shifts_note_by_quote():
    a = article(BASE)
    n = note_on(a, "2,000 advance troops")
    edited = article("UPDATE: corrected figures below.\n" + BASE)
    [placed] = reanchor([n], [edited])
    assert placed.anchored_by == "quote" and not placed.orphaned
    assert edited.text[placed.text.start : placed.text.end] == "2,000 advance troops"
    assert placed.text.sha256 == edited.sha256


def test_repeated_quote_is_disambiguated_by_context():
    a = article(BASE)
    n = note_on(a, "the troops", 1)  # "Later the troops moved north"
    edited = article(BASE.replace("Iran has sent", "Tehran has reportedly sent"))
    [placed] = reanchor([n], [edited])
    assert placed.anchored_by == "quote"
    assert edited.text[placed.text.end :].startswith(" moved north")


def test_reworded_quote_is_found_fuzzily():
    a = article(BASE)
    n = note_on(a, "Officials said the troops would defend Baghdad.")
    edited = article(BASE.replace("Officials said the troops would", "Officials said that troops will"))
    [placed] = reanchor([n], [edited])
    assert placed.anchored_by == "fuzzy" and not placed.orphaned
    assert "troops will defend Baghdad" in edited.text[placed.text.start : placed.text.end]


def test_unplaceable_note_is_kept_as_orphaned():
    a = article(BASE)
    n = note_on(a, "2,000 advance troops")
    rewritten = article("A completely different story about football results in Madrid.")
    missing_article = replace(n, id="note-other", text=replace(n.text, article="gone"))
    placed = reanchor([n, missing_article], [rewritten])
    assert [p.orphaned for p in placed] == [True, True]
    assert [p.note for p in placed] == ["check this", "check this"]  # never dropped
    assert placed[0].text.exact == "2,000 advance troops"  # the quote is kept for the user


def test_figure_and_entity_notes_follow_their_ids():
    a = article(BASE)
    fig = new_annotation(
        "conflict", "150 vs 2,000", target_type="figure", target_id="iranian-troops",
        text=anchor_text(a, 14, 19),
    )
    ent = new_annotation("verified", "same group", target_type="entity", target_id="isis")
    placed = reanchor([fig, ent], [a], known_ids={"iranian-troops"})
    assert placed[0].anchored_by == "id" and not placed[0].orphaned
    assert placed[1].orphaned  # id gone and no text anchor: kept, shown as orphaned


def test_new_annotation_validates_targets():
    with pytest.raises(ValueError):
        new_annotation("x", "y", target_type="text")
    with pytest.raises(ValueError):
        new_annotation("x", "y", target_type="figure")
    with pytest.raises(ValueError):
        new_annotation("x", "y", target_type="banana", target_id="z")
