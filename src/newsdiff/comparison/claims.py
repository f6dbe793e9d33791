"""Align the figures of an event's articles into claims and give each a verdict.

Two figures from different articles state the same quantity when they have the same kind,
a compatible unit (synonyms of one class such as troops/forces/soldiers count as one; a
measure must share its canonical unit, so pounds are never compared with dollars) and
overlapping key entities in their sentences. Similarity weighs shared entities by how
specific they are to the event (an entity in every sentence counts for little) and by how
near the number they are, plus shared words of the figure phrase (and of the sentence,
when the article texts are given). Figures are grouped by average-linkage clustering; a
group never holds two different values from the same article (one actual and one
hypothetical value per article at most).

Verdicts: ``conflict`` when two articles' intervals ``[low, high]`` (precision, bound and
unit conversion applied) cannot overlap; ``agree`` otherwise; ``single`` when one article
states it. Hypothetical figures ("could amount to as many as 10,000") are shown but never
make a conflict.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from newsdiff.analysis.attribution import REPORTING_VERBS
from newsdiff.lexicon.demonyms import country_key, demonym
from newsdiff.analysis.numbers import format_value, vague_amount
from newsdiff.records import Claim, Figure
from newsdiff.analysis.units import singular, unit_key

#: Minimum similarity for two figures (or clusters, on average) to be one claim.
MIN_SIMILARITY = 0.15
#: Weight of entity overlap, word overlap and an identical counted noun in the similarity.
ENTITY_WEIGHT = 0.6
WORD_WEIGHT = 0.4
SAME_NOUN_BONUS = 0.15
#: How fast an entity's weight falls with its rank in distance from the number.
NEARNESS_DECAY = 0.35
#: Pairs of figures one shared entity may link; beyond it the entity is not used to link.
MAX_PAIRS_PER_ENTITY = 250_000
_VERDICT_ORDER = {"conflict": 0, "agree": 1, "single": 2}
_UNALIGNED_KINDS = frozenset({"date"})

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOPWORDS = frozenset(
    """
    a an the of to in on at for from with by as and or but is are was were be been being
    has have had will would could can may might should must do does did this that these
    those there here it its their his her they them he she we our you who which what when
    where while than then so not no also more most some any all each other into over about
    after before since until said says told according reported reportedly who whom
    such just only very up out off new
    """.split()
)
_CAPITAL_RE = re.compile(r"\bthe\s+(?:\w+\s+)?(?:capital|capital city)\b", re.IGNORECASE)
_DIRECTION_RE = re.compile(
    r"\b((?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern|ward|wards)?)\s+of\s+(.+)$",
    re.IGNORECASE,
)
_IRREGULAR_VERBS = {
    "send": "sent", "sends": "sent", "sending": "sent", "sent": "sent",
    "deploy": "deployed", "deploys": "deployed", "deploying": "deployed",
    "kill": "killed", "kills": "killed", "killing": "killed",
    "take": "taken", "took": "taken", "taking": "taken",
    "lose": "lost", "lost": "lost", "losing": "lost",
    "hold": "held", "held": "held", "holding": "held",
    "seize": "seized", "seizing": "seized", "mobilise": "mobilised", "mobilize": "mobilized",
    "flee": "fled", "fled": "fled", "fleeing": "fled",
    "leave": "left", "left": "left", "leaving": "left",
    "arrive": "arrived", "arriving": "arrived",
}
_VERB_SKIP = frozenset(
    "a an the team of group total contingent force unit reportedly has have had already "
    "also some about around nearly almost at least more than up to as many much been being "
    "just recently now".split()
)
_PLACE_AFTER = re.compile(
    r"^\s+(to|into|in|inside)\s+(?:the\s+)?((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,2})"
)
_VERB_AFTER = re.compile(
    r"^\s+(?:(?:have|has|had|were|was|are|is|reportedly|already|also)\s+)*(?:been\s+)?"
    r"([a-z]+ed|sent|taken|held|fled|left|lost)\b"
)


@dataclass
class _Item:
    """One figure with the features alignment uses."""

    index: int
    figure: Figure
    key: str | None  # unit comparison key; None: never aligned
    noun: str | None  # singular counted noun, for the exact-noun bonus
    entities: dict[str, float] = field(default_factory=dict)  # key -> nearness weight
    words: set[str] = field(default_factory=set)
    sentence: str = ""
    origin: set[str] = field(default_factory=set)  # a distance's starting place
    person: str | None = None  # the person nearest the figure in its sentence (entity key)
    other: bool = False  # "three other rifles", "another 500": a further subset, not the total


def _fallback_key(surface: str) -> str:
    """A mention's surface as a comparison key: casefolded, possessive stripped, singular;
    countries and their demonyms share one key ("Iranian" = "Iran")."""
    country = country_key(surface)
    if country:
        return "country:" + country
    low = surface.casefold().strip()
    for prefix in ("the ",):
        if low.startswith(prefix):
            low = low[len(prefix):]
    low = re.sub(r"['’]s$", "", low)
    words = low.split()
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words)


def _short_ids(articles: Sequence[str]) -> dict[str, str]:
    """Article ids as shown in reasons: "000" for "000_1e331f...", when unambiguous."""
    short = {a: a.split("_", 1)[0] for a in articles}
    if len(set(short.values())) != len(short) or any(not s for s in short.values()):
        return {a: a for a in articles}
    return short


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug or "claim"


# "other", "another", "additional", "more": a count of a further subset ("three other
# rifles", "another 500 had entered"), never the same quantity as a plain count.
_OTHER_RE = re.compile(r"\b(?:other|additional|further|remaining)\b|\bmore\b(?!\s+than\b)", re.IGNORECASE)
_OTHER_BEFORE_RE = re.compile(r"\b(?:another|an additional|a further|the other|the remaining)\s+$", re.IGNORECASE)
#: Measures written in different units whose values are this far apart are different
#: quantities, not one quantity misreported (three days / 12 years).
SCALE_GAP = 30.0


def _different_scales(a: Figure, b: Figure) -> bool:
    if a.kind not in ("duration", "length") or a.unit == b.unit:
        return False
    x, y = a.canonical, b.canonical
    if not x or not y or x <= 0 or y <= 0:
        return False
    return max(x, y) / min(x, y) > SCALE_GAP


class _Aligner:
    """The features of one event's figures and the similarity between them."""

    def __init__(
        self,
        figures: Sequence[Figure],
        entity_of: Callable[[str, str], str | None] | None,
        event_city: str | None,
        texts: Mapping[str, str] | None,
        kind_of: Callable[[str, str], str | None] | None = None,
    ) -> None:
        self.entity_of = entity_of
        self.kind_of = kind_of
        self.event_city = event_city
        self.texts = texts or {}
        self.items = [self._item(i, f) for i, f in enumerate(figures)]
        n = len(self.items) or 1
        ent_df: Counter[str] = Counter(k for it in self.items for k in it.entities)
        word_df: Counter[str] = Counter(w for it in self.items for w in it.words)
        self.ent_idf = {k: math.log((n + 1) / (df + 0.5)) for k, df in ent_df.items()}
        self.word_idf = {k: math.log((n + 1) / (df + 0.5)) for k, df in word_df.items()}
        self.ent_norm = [self._norm(it.entities, self.ent_idf) for it in self.items]
        self.word_norm = [
            self._norm(dict.fromkeys(it.words, 1.0), self.word_idf) for it in self.items
        ]

    # ----------------------------------------------------------------- features

    def _keys(self, article: str, surface: str) -> list[str]:
        keys = []
        if self.entity_of is not None:
            try:
                resolved = self.entity_of(article, surface)
            except Exception:  # a resolver's trouble must not stop the comparison
                resolved = None
            if resolved:
                keys.append("id:" + str(resolved))
        keys.append(_fallback_key(surface))
        return keys

    def _kind(self, article: str, surface: str) -> str | None:
        try:
            return self.kind_of(article, surface) if self.kind_of is not None else None
        except Exception:  # a resolver's trouble must not stop the comparison
            return None

    def _item(self, index: int, f: Figure) -> _Item:
        if f.kind in _UNALIGNED_KINDS or not f.unit:
            key = None
        elif f.kind == "count":
            key = "count:" + (unit_key(f.unit) or "")
        else:
            key = f"{f.kind}:{f.canonical_unit}"
        # the exact-noun bonus is for common nouns ("troops"), not names ("Quds Force")
        noun = (
            singular(f.unit)
            if f.kind == "count" and f.unit and re.search(rf"\b{re.escape(f.unit)}\b", f.text)
            else None
        )
        text = self.texts.get(f.article)
        sentence = ""
        if text is not None and 0 <= f.sentence_start <= f.sentence_end <= len(text):
            sentence = text[f.sentence_start:f.sentence_end]
        entities: dict[str, float] = {}
        for rank, surface in enumerate(f.entities):
            weight = 1.0 / (1.0 + NEARNESS_DECAY * rank)
            for k in self._keys(f.article, surface):
                entities[k] = max(entities.get(k, 0.0), weight)
        if self.event_city and (_CAPITAL_RE.search(f.text) or _CAPITAL_RE.search(sentence)):
            for k in self._keys(f.article, self.event_city):
                entities.setdefault(k, 0.8)
        origin: set[str] = set()
        if f.kind == "length":
            start = next((e for e in f.entities if e not in f.text), None)
            if start:
                origin = set(self._keys(f.article, start))
        words = {singular(w) for w in _WORD_RE.findall(f.text + " " + sentence)}
        words = {w for w in words if w not in _STOPWORDS and len(w) > 2}
        person = None
        if self.kind_of is not None:
            for surface in f.entities:  # nearest first
                if self._kind(f.article, surface) == "person":
                    person = self._keys(f.article, surface)[0]
                    break
        lead = ""
        if text is not None:
            lead = text[max(f.sentence_start, f.start - 24):f.start]
        other = f.kind == "count" and bool(_OTHER_RE.search(f.text) or _OTHER_BEFORE_RE.search(lead))
        return _Item(index, f, key, noun, entities, words, sentence, origin, person, other)

    @staticmethod
    def _norm(weights: Mapping[str, float], idf: Mapping[str, float]) -> float:
        return math.sqrt(sum((w * idf.get(k, 0.0)) ** 2 for k, w in weights.items())) or 1.0

    def similarity(self, a: _Item, b: _Item) -> float:
        """How likely two figures state the same quantity (0 when they cannot)."""
        if a.key is None or a.key != b.key or a.figure.article == b.figure.article:
            return 0.0
        shared = a.entities.keys() & b.entities.keys()
        if not shared:
            return 0.0
        if a.origin and b.origin and not (a.origin & b.origin):
            return 0.0  # distances from different places
        if a.person and b.person and a.person != b.person and a.person not in b.entities \
                and b.person not in a.entities:
            return 0.0  # "Miller averaged 15.5 points" / "Iguodala scored 5 points"
        if a.other != b.other:
            return 0.0  # "three other rifles" is not the count "seven rifles" states
        if _different_scales(a.figure, b.figure):
            return 0.0  # "three days" and "12 years" are not one duration misreported
        ent = sum(
            a.entities[k] * b.entities[k] * self.ent_idf.get(k, 0.0) ** 2 for k in shared
        ) / min(self.ent_norm[a.index], self.ent_norm[b.index]) ** 2
        ent = min(ent, 1.0)
        common = a.words & b.words
        word = sum(self.word_idf.get(w, 0.0) ** 2 for w in common) / (
            self.word_norm[a.index] * self.word_norm[b.index]
        )
        score = ENTITY_WEIGHT * ent + WORD_WEIGHT * word
        if a.noun and a.noun == b.noun:
            score += SAME_NOUN_BONUS
        return score


# --------------------------------------------------------------------------- clustering


def _slot(f: Figure) -> tuple[str, bool]:
    return (f.article, f.hypothetical)


def _can_merge(a: list[_Item], b: list[_Item]) -> bool:
    """A cluster holds at most one value per article (one actual, one hypothetical)."""
    values: dict[tuple[str, bool], float] = {}
    for it in a + b:
        slot = _slot(it.figure)
        v = it.figure.canonical if it.figure.canonical is not None else it.figure.value
        if slot in values and not math.isclose(values[slot], v, rel_tol=1e-9, abs_tol=1e-12):
            return False
        values[slot] = v
    return True


def _cluster(aligner: _Aligner, items: list[_Item]) -> list[list[_Item]]:
    """Average-linkage clustering of figures that share a unit key.

    Only pairs that share an entity are ever scored (found through an inverted index), and
    clusters keep the sum of their cross similarities, so the work grows with the number
    of linked pairs rather than with the cube of the figures.
    """
    by_entity: dict[str, list[int]] = defaultdict(list)
    for pos, it in enumerate(items):
        for k in it.entities:
            by_entity[k].append(pos)
    sims: dict[tuple[int, int], float] = {}
    for members in by_entity.values():
        per_article: dict[str, list[int]] = defaultdict(list)
        for pos in members:
            per_article[items[pos].figure.article].append(pos)
        groups = list(per_article.values())
        sizes = [len(g) for g in groups]
        cross = (sum(sizes) ** 2 - sum(n * n for n in sizes)) // 2
        if cross > MAX_PAIRS_PER_ENTITY:
            continue  # an entity this common cannot tell quantities apart anyway
        for g_i, group in enumerate(groups):
            for other in groups[g_i + 1:]:
                for x in group:
                    for y in other:
                        key = (x, y) if x < y else (y, x)
                        if key not in sims:
                            sims[key] = aligner.similarity(items[key[0]], items[key[1]])
    clusters: dict[int, list[_Item]] = {pos: [it] for pos, it in enumerate(items)}
    articles: dict[int, Counter[str]] = {
        pos: Counter([it.figure.article]) for pos, it in enumerate(items)
    }
    # adjacency: cluster -> {neighbour: sum of the figure similarities between them}
    adj: dict[int, dict[int, float]] = defaultdict(dict)
    for (x, y), total in sims.items():
        if total > 0:
            adj[x][y] = adj[y][x] = total
    version: dict[int, int] = defaultdict(int)

    def cross_pairs(x: int, y: int) -> int:
        total = len(clusters[x]) * len(clusters[y])
        return total - sum(n * articles[y][a] for a, n in articles[x].items())

    heap: list[tuple[float, int, int, int, int]] = []

    def push(x: int, y: int) -> None:
        if y < x:
            x, y = y, x
        n = cross_pairs(x, y)
        score = adj[x][y] / n if n else 0.0
        if score >= MIN_SIMILARITY:
            heapq.heappush(heap, (-score, x, y, version[x], version[y]))

    for x in list(adj):
        for y in adj[x]:
            if x < y:
                push(x, y)
    # Best pair first (ties: smallest cluster numbers); an entry is stale once either
    # cluster changed. A pair that cannot merge never can (clusters only grow).
    while heap:
        _, x, y, vx, vy = heapq.heappop(heap)
        if x not in clusters or y not in clusters or version[x] != vx or version[y] != vy:
            continue
        if not _can_merge(clusters[x], clusters[y]):
            continue
        clusters[x].extend(clusters.pop(y))
        articles[x].update(articles.pop(y))
        version[x] += 1
        for z, total in adj.pop(y).items():
            del adj[z][y]
            if z != x:
                adj[x][z] = adj[z][x] = adj[x].get(z, 0.0) + total
        for z in adj[x]:
            push(x, z)
    return list(clusters.values())


# --------------------------------------------------------------------------- wording


def _value_label(f: Figure, with_unit: bool) -> str:
    written = f.text[f.value_start - f.start:f.value_end - f.start]
    label = written.lower() if vague_amount(written) else format_value(f.value)
    if with_unit and f.unit:
        label += f" {f.unit}" if f.unit != "percent" else "%"
    return label


def _groups(figs: Sequence[Figure], short: Mapping[str, str], with_unit: bool) -> list[str]:
    by_label: dict[str, list[str]] = {}
    order: dict[str, float] = {}
    for f in sorted(figs, key=lambda f: (f.canonical if f.canonical is not None else f.value)):
        label = _value_label(f, with_unit)
        ids = by_label.setdefault(label, [])
        if short[f.article] not in ids:
            ids.append(short[f.article])
        order.setdefault(label, f.canonical if f.canonical is not None else f.value)
    return [f"{label} ({', '.join(sorted(ids))})" for label, ids in by_label.items()]


def _claim_unit(figs: Sequence[Figure]) -> str | None:
    if figs[0].kind == "count":
        units = Counter(f.unit for f in figs if f.unit and not f.hypothetical) or Counter(
            f.unit for f in figs if f.unit
        )
        return units.most_common(1)[0][0] if units else None
    return figs[0].canonical_unit or figs[0].unit


def _conflicts(figs: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    actual = [f for f in figs if not f.hypothetical]
    out = []
    for x in range(len(actual)):
        for y in range(x + 1, len(actual)):
            a, b = actual[x], actual[y]
            if a.article == b.article:
                continue
            tol = 1e-9 * max(1.0, abs(a.high), abs(b.high)) if math.isfinite(a.high + b.high) else 0
            if a.high + tol < b.low or b.high + tol < a.low:
                out.append((a, b))
    return out


def _reason(verdict: str, figs: Sequence[Figure], unit: str | None, short: Mapping[str, str]) -> str:
    actual = [f for f in figs if not f.hypothetical]
    hypothetical = [f for f in figs if f.hypothetical]
    mixed = len({f.unit for f in figs}) > 1 and figs[0].kind != "count"
    if not mixed and figs[0].kind != "count" and figs[0].unit:
        unit = figs[0].unit  # the values are shown as written: "8 vs 86 years", not days
    suffix = "" if mixed or not unit else (" %" if unit == "percent" else f" {unit}")
    suffix = suffix.replace(" %", "%")
    parts: list[str] = []
    if verdict == "conflict":
        parts.append(" vs ".join(_groups(actual, short, mixed)) + suffix)
    elif verdict == "agree":
        listed = " and ".join(_groups(actual or figs, short, mixed)) + suffix
        if len(actual) >= 2:
            lo = max(f.low for f in actual)
            hi = min(f.high for f in actual)
            span = f"{format_value(round(lo, 2))}–{format_value(round(hi, 2))}"
            cu = actual[0].canonical_unit
            span += f" {cu}" if cu and cu not in ("count",) else ""
            parts.append(f"{listed}: consistent within stated precision ({span})")
        else:
            parts.append(f"{listed}: no other article states it as fact")
    else:
        articles = sorted({short[f.article] for f in figs})
        labels = dict.fromkeys(_value_label(f, True) for f in (actual or figs))
        parts.append(f"only {', '.join(articles)} states it: {' / '.join(labels)}")
    if hypothetical and verdict != "single":
        parts.append(" and ".join(_groups(hypothetical, short, mixed)) + " hypothetical")
    elif hypothetical and actual == []:
        parts[-1] += " (hypothetical)"
    return "; ".join(parts)


def _vote(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


_REPORTING = re.compile(rf"\b(?:{REPORTING_VERBS}|tells|according to)\b(?:\s+that\b)?", re.IGNORECASE)


def _demonym_for(it: _Item) -> str | None:
    f = it.figure
    for w in re.findall(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?", f.text):
        c = country_key(w) or country_key(w.split()[0])
        if c:
            return demonym(c)
    if it.sentence:
        before = it.sentence[: max(0, f.start - f.sentence_start)]
        # "The Iraqi official said 1,500 forces ...": a nationality before the reporting
        # verb describes the source, not what is counted.
        spoken = list(_REPORTING.finditer(before))
        if spoken:
            before = before[spoken[-1].end():]
        for surface in f.entities:
            c = country_key(surface)
            if c and surface in before and not re.search(
                rf"\b(?:to|into|in|inside|across)\s+(?:the\s+)?(?:[a-z]+\s+)?{re.escape(surface)}", before
            ):
                return demonym(c)
    return None


def _verb_for(it: _Item) -> str | None:
    if not it.sentence:
        return None
    f = it.figure
    before = it.sentence[: max(0, f.start - f.sentence_start)]
    for w in reversed(before.split()[-6:]):
        low = w.lower().strip(",.;:“”\"'")
        if low in _VERB_SKIP:
            continue
        if low in _IRREGULAR_VERBS:
            return _IRREGULAR_VERBS[low]
        if low.endswith("ed") and len(low) > 4:
            return low
        break
    after = it.sentence[max(0, f.end - f.sentence_start):]
    m = _VERB_AFTER.match(after)
    if m:
        return _IRREGULAR_VERBS.get(m.group(1), m.group(1))
    return None


def _place_for(it: _Item) -> str | None:
    if not it.sentence:
        return None
    f = it.figure
    after = it.sentence[max(0, f.end - f.sentence_start):]
    m = _PLACE_AFTER.match(after)
    if m and (m.group(2) in f.entities or country_key(m.group(2))):
        prep = "to" if m.group(1) in ("to", "into") else "in"
        return f"{prep} {m.group(2)}"
    return None


def _top_entities(items: Sequence[_Item], limit: int = 2) -> list[str]:
    """The surfaces of the entities most shared among the items, most shared first."""
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    score: Counter[str] = Counter()
    for it in items:
        seen = set()
        for rank, surface in enumerate(it.figure.entities[:6]):
            k = _fallback_key(surface)
            if k in seen:
                continue
            seen.add(k)
            by_key[k][re.sub(r"['’]s$", "", surface)] += 1
            score[k] += 1.0 / (1 + rank)
    keys = [k for k, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))]
    return [by_key[k].most_common(1)[0][0] for k in keys[:limit]]


def _describe(items: Sequence[_Item], unit: str | None, event_city: str | None) -> str:
    figs = [it.figure for it in items]
    kind = figs[0].kind
    if kind == "length":
        for it in items:
            m = _DIRECTION_RE.search(it.figure.text)
            if m and it.figure.entities:
                target = m.group(2).strip()
                if _CAPITAL_RE.search(target) and event_city:
                    target = event_city
                origin = next(
                    (e for e in it.figure.entities if e not in target and e not in m.group(2)),
                    None,
                )
                if origin:
                    return f"{origin} distance {m.group(1).lower()} of {target}"
    if kind == "count" and unit:
        nationality = None if country_key(unit) else _vote([_demonym_for(it) for it in items])
        verb = _vote([_verb_for(it) for it in items])
        place = _vote([_place_for(it) for it in items])
        if nationality and place and nationality == demonym(country_key(place.split(" ", 1)[1]) or ""):
            place = None
        if verb or place:
            return " ".join(p for p in (nationality, unit, verb, place) if p)
        if nationality:
            others = [e for e in _top_entities(items, 3) if demonym(country_key(e) or "") != nationality]
            return f"{nationality} {unit}" + (f" — {', '.join(others[:2])}" if others else "")
    label = unit or kind
    if kind == "percent":
        label = "percent"
    elif kind == "duration":
        label = f"duration ({figs[0].unit})"
    elif kind == "money":
        label = f"amount ({figs[0].canonical_unit})"
    elif kind == "length":
        label = "distance"
    top = _top_entities(items)
    return f"{label} — {', '.join(top)}" if top else label


# --------------------------------------------------------------------------- API


def align_claims(
    figures: Sequence[Figure],
    entity_of: Callable[[str, str], str | None] | None = None,
    event_city: str | None = None,
    texts: Mapping[str, str] | None = None,
    kind_of: Callable[[str, str], str | None] | None = None,
) -> list[Claim]:
    """Group ``figures`` into claims with verdicts: conflicts first, then agreements,
    then figures only one article states.

    ``entity_of(article_id, surface)`` maps a mention to a resolved entity id; ``event_city``
    lets "the capital" stand for that city; ``texts`` (article id -> text), when given,
    lets sentence words inform alignment and the claim's wording ("sent to Iraq");
    ``kind_of(article_id, surface)`` gives a mention's entity kind, so figures about two
    different people ("Miller averaged 15.5 points", "Iguodala scored 5") stay apart.
    """
    aligner = _Aligner(figures, entity_of, event_city, texts, kind_of)
    by_key: dict[str | None, list[_Item]] = defaultdict(list)
    for it in aligner.items:
        by_key[it.key].append(it)
    clusters: list[list[_Item]] = []
    for key, items in by_key.items():
        if key is None:
            clusters.extend([it] for it in items)
        else:
            clusters.extend(_cluster(aligner, items))
    short = _short_ids(sorted({f.article for f in figures}))
    drafts: list[tuple[tuple, Claim]] = []
    for cluster in clusters:
        cluster.sort(key=lambda it: (it.figure.article, it.figure.start))
        figs = [it.figure for it in cluster]
        articles = {f.article for f in figs}
        if len(articles) < 2:
            verdict = "single"
        elif _conflicts(figs):
            verdict = "conflict"
        else:
            verdict = "agree"
        unit = _claim_unit(figs)
        description = _describe(cluster, unit, event_city)
        if any(f.hypothetical for f in figs) and all(f.hypothetical for f in figs):
            description += " (hypothetical)"
        claim = Claim(
            id="",
            claim=description,
            kind=figs[0].kind,
            unit=unit,
            verdict=verdict,
            values=figs,
            reason=_reason(verdict, figs, unit, short),
        )
        order = (_VERDICT_ORDER[verdict], -len(articles), figs[0].article, figs[0].start)
        drafts.append((order, claim))
    drafts.sort(key=lambda d: d[0])
    used: set[str] = set()
    next_suffix: dict[str, int] = {}
    out: list[Claim] = []
    for _, claim in drafts:
        base = _slug(claim.claim)
        candidate, n = base, next_suffix.get(base, 2)
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        next_suffix[base] = n
        used.add(candidate)
        claim.id = candidate
        out.append(claim)
    return out
