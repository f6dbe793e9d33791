"""Dataclasses for what the engine computes and keeps: mentions, entities, figures,
claims, events, and user notes (annotations with their text anchors). Offsets are Python string indices into
:attr:`newsdiff.corpus.articles.Article.text`, and every ``text`` equals ``article.text[start:end]``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Sequence

ENTITY_KINDS = ("person", "organization", "group", "place", "nationality", "outlet", "other")
FIGURE_KINDS = (
    "count", "length", "percent", "money", "duration", "age", "score", "magnitude", "date", "other",
)
#: ``conflict``: the articles' values cannot both hold and their frames match strongly;
#: ``update``: they differ because the articles report at different times (a running
#: count, "rose to", "so far"); ``possible``: the values differ but the alignment is weak
#: (shown calmly with its reason, never in the conflict style); ``agree``; ``single``.
VERDICTS = ("conflict", "update", "possible", "agree", "single")
#: A figure's role in its quantity: the whole, a part of it ("$90 million in cash" of a
#: deal), a subset ("three of the rockets"), or a further, other set ("another 500").
FRAME_ROLES = ("total", "part", "subset", "other")
BOUNDS = ("exact", "approx", "at_least", "at_most", "range")


@dataclass(frozen=True)
class RawMention:
    """A named-entity mention found in one article, before aliases are resolved."""

    start: int
    end: int
    text: str
    kind: str = "other"  # one of ENTITY_KINDS (best guess from the finder)


@dataclass(frozen=True)
class Mention:
    """A mention of a resolved entity in one article."""

    article: str
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One real-world entity, with every alias and mention across an event's articles."""

    id: str  # stable slug, unique within a comparison
    name: str  # the fullest name used in the articles
    kind: str  # one of ENTITY_KINDS
    aliases: list[str] = field(default_factory=list)  # other surface forms, sorted
    mentions: list[Mention] = field(default_factory=list)  # sorted by (article, start)

    @property
    def articles(self) -> list[str]:
        """Ids of the articles that mention it, in first-seen order."""
        return list(dict.fromkeys(m.article for m in self.mentions))

    @property
    def shared(self) -> bool:
        return len(self.articles) >= 2


#: A reader's judgement on two names: ``same`` (their entities are one) or ``not-same``
#: (the second name is split off the entity of the first).
JUDGEMENT_VERDICTS = ("same", "not-same")


@dataclass(frozen=True)
class EntityJudgement:
    """A reader's correction of the alias resolver, kept in the comparison file and
    applied on every reload before colouring. Names are surface forms as the articles
    write them ("Felt", "W. Mark Felt"), so a judgement outlives entity ids."""

    verdict: str  # one of JUDGEMENT_VERDICTS
    names: tuple[str, str]


@dataclass(frozen=True)
class Frame:
    """What a figure is about, read from its sentence with general rules of English news.

    Two figures are one quantity only when their frames are compatible: the same class of
    thing, predicate class, holder and scope, in the same role.
    """

    thing: str | None = None  # class of the counted / measured thing: "troops", "people", "points"
    predicate: str | None = None  # class of what happened to it: "killed", "injured", "missing", "sent"
    holder: str | None = None  # whose figure it is: "Smith" (had 20 points), "the company" (paid)
    time: str | None = None  # a time scope other than the event's own: "2009", "last season", "so far"
    place: str | None = None  # a place scope: "in the province", "nationwide"
    role: str = "total"  # one of FRAME_ROLES
    running: bool = False  # a running count ("so far", "rose to", "at least … and rising")
    cues: tuple[str, ...] = ()  # the words each part was read from, for the reader


@dataclass(frozen=True)
class Figure:
    """A number stated in an article, with what it counts or measures."""

    article: str
    start: int  # span of the whole figure phrase, e.g. "at least 150 of Iran's elite troops"
    end: int
    text: str
    value: float  # as written (midpoint for a range; a typical value for "hundreds")
    unit: str | None  # counted noun ("troops") or measure ("km", "miles", "percent", "USD")
    kind: str  # one of FIGURE_KINDS
    canonical: float | None  # value in the canonical unit of its kind (km, count, USD, days...)
    canonical_unit: str | None
    low: float  # interval the figure allows in canonical units, after precision and bound
    high: float
    bound: str = "exact"  # one of BOUNDS
    hedge: str | None = None  # "reportedly", "about", "could amount to"...
    hypothetical: bool = False  # "could amount to as many as 10,000": shown, never a conflict
    attribution: str | None = None  # "the Times of London", "a senior Iraqi official"
    sentence_start: int = 0
    sentence_end: int = 0
    entities: tuple[str, ...] = ()  # surface texts of entity mentions in the sentence
    value_start: int = 0  # span of the number itself, e.g. "150"
    value_end: int = 0
    frame: Frame | None = None  # what it counts, about whom, when (see Frame)
    pair: tuple[float, float] | None = None  # a score or record: "24-17", "a 15-2 record"
    implicit: bool = False  # a count the words imply: "a 16-year-old boy was killed" = 1 killed


@dataclass
class Claim:
    """Figures from different articles about the same quantity, with a verdict."""

    id: str  # stable slug, unique within a comparison
    claim: str  # readable description: "Iranian troops sent to Iraq"
    kind: str
    unit: str | None
    verdict: str  # one of VERDICTS
    values: list[Figure] = field(default_factory=list)
    reason: str = ""  # one line: why this verdict ("150 vs 2,000 troops")
    confidence: float = 1.0  # how sure the alignment is (0-1); below the bar a conflict is "possible"


@dataclass
class Event:
    """A group of articles about the same real-world event."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def event_id(title: str, article_ids: Sequence[str]) -> str:
    """A stable event id: a slug of the title and a short hash of the sorted member ids."""
    slug = _SLUG_RE.sub("-", title.casefold()).strip("-")[:40].strip("-") or "event"
    digest = hashlib.sha1("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


# --------------------------------------------------------------------------- notes

@dataclass(frozen=True)
class TextTarget:
    """A range of one article's text, anchored by quote and by position."""

    article: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    sha256: str


@dataclass
class Annotation:
    """A note with a tag on a figure claim, an entity, or a text range."""

    id: str
    created: str
    tag: str
    note: str
    target_type: str  # one of TARGET_TYPES
    target_id: str | None = None  # claim id or entity id (figure/entity targets)
    text: TextTarget | None = None  # where it points in the text (always for "text")
    orphaned: bool = False
    anchored_by: str = "position"  # position | quote | fuzzy | id | none (how it was placed)
    extra: dict = field(default_factory=dict)  # fields from a newer minor format, kept as is


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace(
        "+00:00", "Z"
    )
