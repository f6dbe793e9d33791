"""What each pane highlights, as character spans into ``Article.text``, taken as they are
from the engine's Comparison (mentions of shared entities, figure values of claims) and
from the search index (match spans). No extraction happens here: only layering.

A figure value is marked with its claim's verdict (conflict, update, possible, agree), or
as ``hypothetical`` when the article does not state it as fact ("could amount to 10,000"),
whatever the verdict: it never looks like a conflicting figure. Values only one article
states (``single``) are not marked."""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

#: Drawing order: later layers are drawn on top of earlier ones.
LAYERS = ("entity", "agree", "possible", "hypothetical", "update", "conflict", "note", "focus", "match")
LAYER_RANK = {name: rank for rank, name in enumerate(LAYERS)}
#: The layers that mark figure values (their key is the claim id), most telling first:
#: the cursor on a line with several shows the first one's claim.
FIGURE_LAYERS = ("conflict", "update", "possible", "agree", "hypothetical")
FIGURE_PRIORITY = {name: rank for rank, name in enumerate(FIGURE_LAYERS)}
#: Verdicts whose values are marked in the panes.
MARKED_VERDICTS = frozenset({"conflict", "update", "possible", "agree"})


@dataclass(frozen=True)
class Mark:
    """One highlighted span of an article."""

    start: int
    end: int
    kind: str  # one of LAYERS
    key: str = ""  # entity id or claim id ("" for search matches)
    colour: int = -1  # entity palette slot, or QUIET (entities only)


#: Entities that get a colour of their own: every theme's palette has at least this many
#: (themes.MIN_PALETTE), so the marks do not depend on the theme.
COLOUR_SLOTS = 10
#: The colour of shared entities past the first COLOUR_SLOTS: one quiet style for all.
QUIET = -2


def entity_weight(entity) -> tuple[int, int]:
    """How much an entity matters to a comparison: articles naming it × its mentions."""
    return (len(entity.articles) * len(entity.mentions), len(entity.mentions))


def _slot_of(key: str) -> int:
    """The colour an entity prefers, from a stable key (its name), never the list order."""
    return zlib.crc32(key.casefold().encode("utf-8", "surrogatepass")) % COLOUR_SLOTS


def entity_colours(entities: Iterable) -> dict[str, int]:
    """The palette slot of every shared entity, or QUIET.

    The COLOUR_SLOTS entities that matter most (:func:`entity_weight`) each get a distinct
    colour; every other shared entity is drawn in the one quiet style. An entity's colour
    comes from its name, so it stays when articles are added and others come and go; two
    leading entities wanting one colour are separated by taking the next free one, the
    heavier entity first. The same slot is used in every pane and in the Entities list
    (the legend).
    """
    shared = [e for e in entities if e.shared]
    ranked = sorted(shared, key=lambda e: (tuple(-w for w in entity_weight(e)), e.name, e.id))
    out: dict[str, int] = {}
    free = [True] * COLOUR_SLOTS
    for entity in ranked[:COLOUR_SLOTS]:
        slot = _slot_of(entity.name)
        while not free[slot]:
            slot = (slot + 1) % COLOUR_SLOTS
        free[slot] = False
        out[entity.id] = slot
    for entity in ranked[COLOUR_SLOTS:]:
        out[entity.id] = QUIET
    return out


def comparison_marks(comparison) -> dict[str, list[Mark]]:
    """Entity and figure marks per article id for a Comparison."""
    marks: dict[str, list[Mark]] = defaultdict(list)
    colours = entity_colours(comparison.entities)
    for entity in comparison.entities:
        index = colours.get(entity.id)
        if index is None:
            continue
        for m in entity.mentions:
            if m.end > m.start:
                marks[m.article].append(Mark(m.start, m.end, "entity", entity.id, index))
    for claim in comparison.claims:
        if claim.verdict not in MARKED_VERDICTS:
            continue
        for fig in claim.values:
            start, end = figure_value_span(fig)
            if end > start:
                kind = "hypothetical" if fig.hypothetical else claim.verdict
                marks[fig.article].append(Mark(start, end, kind, claim.id))
    for article_marks in marks.values():
        article_marks.sort(key=lambda k: (k.start, LAYER_RANK[k.kind]))
    return dict(marks)


def figure_value_span(fig) -> tuple[int, int]:
    """The span of the number itself when the engine gives it, else the whole phrase."""
    if fig.value_end > fig.value_start:
        return fig.value_start, fig.value_end
    return fig.start, fig.end


def note_marks(notes: Iterable, article_id: str) -> list[Mark]:
    """Marks for the placed (not orphaned) notes anchored in ``article_id``'s text."""
    out = [
        Mark(n.text.start, n.text.end, "note", n.id)
        for n in notes
        if not n.orphaned and n.text is not None and n.text.article == article_id
        and n.text.end > n.text.start
    ]
    return sorted(out, key=lambda m: (m.start, m.end))


def match_marks(spans: Iterable[tuple[int, int]]) -> list[Mark]:
    return sorted((Mark(s, e, "match") for s, e in spans if e > s), key=lambda m: (m.start, m.end))
