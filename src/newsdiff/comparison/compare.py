"""Compare the articles of one event: resolve shared entities, extract figures, align them
into claims with verdicts. This is the single entry point the CLI and the TUI call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from newsdiff.analysis.document import AnalysedArticle
from newsdiff.corpus.articles import Article
from newsdiff.records import Annotation, Claim, Entity, EntityJudgement, Event, Figure, utc_now

_CAPITAL_CUE = re.compile(r"\bcapital\b", re.IGNORECASE)


@dataclass
class Comparison:
    """Everything newsdiff knows about one event's articles."""

    event: Event
    articles: list[Article]
    entities: list[Entity]
    claims: list[Claim]
    annotations: list[Annotation] = field(default_factory=list)
    generated: str = field(default_factory=utc_now)
    #: one line each about what was left out (an article whose figures were not all read)
    warnings: list[str] = field(default_factory=list)
    #: each article's short label (its outlet, else its title): the one name every view uses
    labels: dict[str, str] = field(default_factory=dict)
    #: wire copies: an article that is mostly another's text -> that original's id
    copies: dict[str, str] = field(default_factory=dict)
    #: the reader's entity judgements, in the order made (applied before anything reads
    #: the entities), and those of them no entity fits any more (kept, listed, not lost)
    judgements: list[EntityJudgement] = field(default_factory=list)
    unapplied: list[EntityJudgement] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    @property
    def shared_entities(self) -> list[Entity]:
        return [e for e in self.entities if e.shared]

    def known_ids(self) -> set[str]:
        """Ids an annotation may target: every claim and entity."""
        return {c.id for c in self.claims} | {e.id for e in self.entities}


def event_for(articles: Sequence[Article], docs: Sequence[AnalysedArticle] = ()) -> Event:
    """The Event holding exactly ``articles``, named as ``newsdiff events`` names it (the
    most central article's title) when they form one event, else after the first article."""
    from newsdiff.comparison.events import event_id, group_events

    ids = [a.id for a in articles]
    mentions = {d.id: d.mentions for d in docs}
    events = group_events(articles, mentions=mentions) if len(articles) > 1 else []
    if len(events) == 1:
        return Event(id=events[0].id, title=events[0].title, article_ids=ids)
    title = articles[0].title if articles else "empty event"
    return Event(id=event_id(title, ids), title=title, article_ids=ids)


def _entity_order(entity: Entity) -> tuple:
    return (-len(entity.articles), -len(entity.mentions), entity.name.casefold(), entity.id)


def _note_copies(claims: Sequence[Claim], copies: dict[str, str]) -> None:
    """Say in a claim's reason when some of the reports stating it are wire copies of one
    story: "3 reports, 2 independent" — so copies do not read as confirmations."""
    if not copies:
        return
    for claim in claims:
        stated = {f.article for f in claim.values}
        if len(stated) < 2:
            continue
        independent = {copies.get(a, a) for a in stated}
        if len(independent) < len(stated):
            note = f"{len(stated)} reports, {len(independent)} independent (the others are wire copies)"
            claim.reason = f"{claim.reason}; {note}" if claim.reason else note


def _event_city(articles: Sequence[Article], entities: Sequence[Entity]) -> str | None:
    """The place most often named in a sentence that also says "capital", if any."""
    text_of = {a.id: a.text for a in articles}
    best: tuple[int, str] | None = None
    for entity in entities:
        if entity.kind != "place":
            continue
        cues = 0
        for m in entity.mentions:
            text = text_of[m.article]
            window = text[max(0, m.start - 60) : m.end + 60]
            if _CAPITAL_CUE.search(window):
                cues += 1
        if cues and (best is None or cues > best[0]):
            best = (cues, entity.name)
    return best[1] if best else None


#: ``progress(step, done, total)``: which step is running and how far it is.
Progress = Callable[[str, int, int], None]


def compare_articles(
    articles: Sequence[Article], event: Event | None = None, progress: Progress | None = None,
    judgements: Sequence[EntityJudgement] = (),
) -> Comparison:
    """Treat ``articles`` as one event and compute its comparison.

    Each article is analysed once (:func:`newsdiff.analysis.memo.analysed`: sentences,
    mentions and figures, kept for texts analysed lately); entities, figures and claims
    all read that record. The reader's
    ``judgements`` (merges and splits of entities) are applied to the resolved entities
    before the figures read them. ``progress`` is told of each article analysed and each
    later step, so a reader of a long article sees the work advance.
    """
    report = progress or (lambda step, done, total: None)
    from newsdiff.analysis.aliases import resolve_entities
    from newsdiff.analysis.dates import article_date
    from newsdiff.analysis.memo import analysed
    from newsdiff.comparison.claims import align_claims
    from newsdiff.analysis.figures import figures_cut_at

    articles = list(articles)
    total = len(articles)
    docs = []
    figures: list[Figure] = []
    warnings: list[str] = []
    for n, a in enumerate(articles):
        report("reading", n, total)
        doc, found = analysed(a)  # sentences, mentions and figures, found once per text
        docs.append(doc)
        cut = figures_cut_at(doc.text, found)
        if cut is not None:
            warnings.append(
                f"{doc.id}: figures were read only up to character {cut:,} of "
                f"{len(doc.text):,} ({len(found):,} figures): the rest reads as a table of numbers"
            )
        figures.extend(found)
    report("matching names", 0, 1)
    from newsdiff.analysis.judgements import apply_judgements

    entities, unapplied = apply_judgements(resolve_entities(docs), judgements, [a.id for a in articles])
    entities.sort(key=_entity_order)
    entity_by_surface: dict[tuple[str, str], str] = {}
    kind_by_surface: dict[tuple[str, str], str] = {}
    for entity in entities:
        for m in entity.mentions:
            entity_by_surface.setdefault((m.article, m.text), entity.id)
            kind_by_surface.setdefault((m.article, m.text), entity.kind)
    report("comparing figures", 0, 1)
    from newsdiff.analysis.copies import find_copies
    from newsdiff.analysis.outlets import unique_labels

    labels = unique_labels(articles)
    claims = align_claims(
        figures,
        entity_of=lambda article_id, surface: entity_by_surface.get((article_id, surface)),
        event_city=_event_city(articles, entities),
        texts={a.id: a.text for a in articles},
        kind_of=lambda article_id, surface: kind_by_surface.get((article_id, surface)),
        dates={a.id: article_date(a) for a in articles},
        labels=labels,
    )
    copies = find_copies(articles)
    _note_copies(claims, copies)
    return Comparison(
        event=event or event_for(articles, docs),
        articles=articles,
        entities=entities,
        claims=claims,
        warnings=warnings,
        judgements=list(judgements),
        unapplied=unapplied,
        labels=labels,
        copies=copies,
    )
