"""Apply a reader's entity judgements (merge two entities, split an alias off) to the
entities the alias resolver found.

A judgement names surface forms, not entity ids, so it holds when the articles change:
``same (A, B)`` joins every entity that has a name or alias A with every one that has B;
``not-same (A, B)`` takes the mentions written B out of the entity that also has A and
makes them an entity of their own (when A and B are already apart, nothing is to do and
the judgement holds). Judgements apply in the order they were made, so a split after a
merge undoes part of it. A judgement naming a form no entity has any more is returned as
unapplied: the caller keeps it and lists it, never drops it.

Imports only :mod:`newsdiff.records` and :mod:`newsdiff.analysis.aliases`.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from newsdiff.analysis.aliases import normalise, unique_slug
from newsdiff.records import Entity, EntityJudgement, Mention


def _forms(entity: Entity) -> set[str]:
    return {normalise(n) for n in (entity.name, *entity.aliases)}


def _rebuild(entity_id: str, kind: str, mentions: list[Mention], order: dict[str, int],
             prefer: str | None = None) -> Entity:
    mentions = sorted(mentions, key=lambda m: (order.get(m.article, len(order)), m.start, m.end))
    surfaces = Counter(m.text for m in mentions)
    if prefer is None or prefer not in surfaces:
        prefer = max(surfaces.items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]
    aliases = sorted(s for s in surfaces if normalise(s) != normalise(prefer))
    aliases = sorted(dict.fromkeys(aliases))
    return Entity(id=entity_id, name=prefer, kind=kind, aliases=aliases, mentions=mentions)


def apply_judgements(entities: Sequence[Entity], judgements: Sequence[EntityJudgement],
                     article_ids: Sequence[str]) -> tuple[list[Entity], list[EntityJudgement]]:
    """The entities with every judgement applied, and the judgements that found no entity
    to apply to (see the module docstring). ``article_ids`` orders the mentions."""
    order = {a: n for n, a in enumerate(article_ids)}
    current = list(entities)
    unapplied: list[EntityJudgement] = []
    for judgement in judgements:
        a, b = (normalise(n) for n in judgement.names)
        with_a = [e for e in current if a in _forms(e)]
        with_b = [e for e in current if b in _forms(e)]
        if not with_a or not with_b or a == b:
            unapplied.append(judgement)
            continue
        if judgement.verdict == "same":
            in_group = {id(e) for e in with_a} | {id(e) for e in with_b}
            group = [e for e in current if id(e) in in_group]
            if len(group) == 1:
                continue  # already one entity
            keep = max(group, key=lambda e: len(e.mentions))  # the first of the largest
            merged = _rebuild(keep.id, keep.kind, [m for e in group for m in e.mentions], order, keep.name)
            first = next(n for n, e in enumerate(current) if id(e) in in_group)
            current = [e for e in current if id(e) not in in_group]
            current.insert(first, merged)
        else:
            in_b = {id(e) for e in with_b}
            both = [e for e in with_a if id(e) in in_b]
            for entity in both:
                leaving = [m for m in entity.mentions if normalise(m.text) == b]
                staying = [m for m in entity.mentions if normalise(m.text) != b]
                if not leaving or not staying:
                    continue
                taken = {e.id for e in current}
                kept = _rebuild(entity.id, entity.kind, staying, order,
                                entity.name if normalise(entity.name) != b else None)
                split = _rebuild(unique_slug(leaving[0].text, taken), entity.kind, leaving, order)
                at = next(n for n, e in enumerate(current) if e is entity)
                current[at:at + 1] = [kept, split]
    return current, unapplied
