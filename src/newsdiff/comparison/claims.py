"""Align the figures of an event's articles into claims and give each a verdict.

Two figures from different articles state the same quantity when they have the same kind,
a compatible unit (synonyms of one class such as troops/forces/soldiers count as one; a
measure must share its canonical unit, so pounds are never compared with dollars) and
compatible frames (:mod:`newsdiff.analysis.frames`): the same role (a subset "three of
the rockets" or a part "$90 million in cash" is never the total), no two different
predicate classes (killed is never missing), no two different holders (Smith's points
are not Jones's), no two different time or place scopes ("last season", "in the
province"). Candidates share a named entity, the same predicate of the same thing, the
same holder, or the same value of the same thing. Similarity weighs shared entities by
how specific they are to the event and how near the number they are, plus shared words
of the sentence and bonuses for a shared predicate, holder and value. Figures are grouped
by a mix of average and single linkage; a group never holds two different values from the
same article (one actual and one hypothetical value per article at most).

Verdicts: ``conflict`` when two articles' intervals ``[low, high]`` (precision, bound and
unit conversion applied) cannot overlap **and** the pair is aligned with confidence
:data:`CONFLICT_CONFIDENCE` (a shared predicate class, a shared holder, the same words;
never when a time or place scope is stated on one side only); ``update`` when the values
differ because the articles report at different times (a running count, a casualty count
that grew between dated reports, an age a year later); ``possible`` when the values
differ but the alignment is weaker (shown calmly with the reason); ``agree`` otherwise;
``single`` when one article states it. Hypothetical figures ("could amount to as many as
10,000") are shown but never make a conflict. Each claim carries its confidence.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Mapping, Sequence

from newsdiff.analysis.attribution import REPORTING_VERBS
from newsdiff.lexicon.demonyms import country_key, demonym
from newsdiff.analysis.numbers import format_value, vague_amount
from newsdiff.analysis.figures import open_ends, written_bound
from newsdiff.analysis.frames import THING_CLASSES, neighbour_bounds, thing_class
from newsdiff.records import Claim, Figure, Frame
from newsdiff.analysis.units import singular, unit_key

#: Share of the strongest figure pair between two clusters that counts as their linkage
#: when it beats the average (a mix of average and single linkage).
STRONG_PAIR_SHARE = 0.5
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
#: Bonus to the similarity for the same predicate class ("killed" = "dead"), for the same
#: weak predicate (a verb outside the lexicon), and for the same holder.
PREDICATE_BONUS = 0.3
WEAK_PREDICATE_BONUS = 0.15
HOLDER_BONUS = 0.2
#: How much of a figure's sentence either side of it alignment reads (characters).
SENTENCE_WINDOW = 240
#: An article's lead: the sentences starting in its first characters.
LEAD_CHARS = 400
#: Bonus for the same value of the same thing: one event's articles stating "two sons" or
#: "a 15-year veteran" most likely state one quantity, named or not (such figures are
#: candidates for alignment even with no shared name, as are figures of one thing with
#: the same predicate class: "12 people were killed" / "12 dead").
VALUE_BONUS = 0.2
#: A claim whose values cannot hold together is a ``conflict`` only at this confidence;
#: below it, a ``possible`` conflict, shown calmly with its reason.
CONFLICT_CONFIDENCE = 0.7
#: A claim's confidence is read from at most this many of its figure pairs (bounded work).
MAX_CONFIDENCE_PAIRS = 200
#: The most confidence a differing pair of incompatible frames lends its claim.
INCOMPATIBLE_CAP = 0.5
#: The most confidence a pair gets when only one of them states a time or place scope.
ONE_SIDED_SCOPE_CAP = 0.6
#: Ages that differ by at most this many years, in articles dated that far apart, are an
#: update (the person had a birthday), not a conflict.
AGE_UPDATE_YEARS = 3
_VERDICT_ORDER = {"conflict": 0, "update": 1, "possible": 2, "agree": 3, "single": 4}
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
    frame: Frame = field(default_factory=Frame)
    holder: str | None = None  # the frame's holder as an entity key
    time: str | None = None  # the frame's time scope, the event's own year removed
    links: set[str] = field(default_factory=set)  # same value / same predicate of one thing
    place_name: str | None = None  # a named place right after it: "to Iraq", "in Iraq"
    lead: bool = False  # in the first LEAD_CHARS of its article
    window_start: int = 0  # where ``sentence`` (a window of the figure's sentence) starts
    model: str | None = None  # a model the counted noun names: "AK-47 rifles" -> "ak47"


def _features(it: _Item) -> tuple:
    """Everything :meth:`_Aligner.similarity` reads of a figure, as a hashable value (its
    article and position left out)."""
    f = it.figure
    return (
        it.key, it.noun, frozenset(it.entities.items()), frozenset(it.words),
        frozenset(it.origin), it.person, it.frame, it.holder, it.time, frozenset(it.links),
        it.place_name, it.lead, it.model, f.kind, f.unit, f.value, f.canonical, f.canonical_unit,
        f.low, f.high, f.bound, f.pair, f.hypothetical, f.implicit, f.text,
    )


#: A model designation modifying a counted noun: "AK-47", "AK 47", "F-16", "M16", "T-72".
_MODEL_RE = re.compile(r"(?<![\w-])([A-Z]{1,4})[- ]?(\d{1,4})([A-Z]?)(?![\w-])")


#: The noun a measure written as an adjective qualifies: "a 10-metre dhow", "the
#: 10-metre-long boat", "a 2-ton bomb".
_MEASURED_NOUN = re.compile(r"(?:-(?:long|high|tall|wide|deep|thick|heavy))?[ \t\u00a0]+([a-z]{3,})\b")
_NOT_MEASURED = frozenset(
    "long high tall wide deep thick heavy away from off of in on at to and or but the a an "
    "that which who with by for into onto per each apart".split()
)


def _measured_noun(f: Figure, text: str | None) -> str | None:
    """The noun a hyphenated measure qualifies ("a 10-metre dhow": ``dhow``), if any."""
    if text is None or not re.search(r"\d-[A-Za-z]|[A-Za-z]-[A-Za-z]", f.text):
        return None
    m = _MEASURED_NOUN.match(text, f.end)
    if not m or m.group(1) in _NOT_MEASURED:
        return None
    return singular(m.group(1))


def _model_of(f: Figure) -> str | None:
    """The model a count's noun names ("seven AK-47 assault rifles": ``ak47``), if any."""
    phrase = f.text[max(0, f.value_end - f.start):]
    m = _MODEL_RE.search(phrase)
    return (m.group(1) + m.group(2) + m.group(3)).lower() if m else None


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


#: Measures written in different units whose values are this far apart are different
#: quantities, not one quantity misreported (three days / 12 years).
SCALE_GAP = 10.0


def _different_scales(a: Figure, b: Figure) -> bool:
    if a.kind not in ("duration", "length") or a.unit == b.unit:
        return False
    x, y = a.canonical, b.canonical
    if not x or not y or x <= 0 or y <= 0:
        return False
    return max(x, y) / min(x, y) > SCALE_GAP



_YEAR_RE = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,.])")
_MONTH_NAME_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
#: A year named in at least this share of an event's articles is the event's own time,
#: not a background scope ("in 2014" in most reports of a 2014 event).
EVENT_YEAR_SHARE = 0.4
_PEOPLE_THINGS = frozenset({"people", "troops", "police", "insurgents", "crew", "passengers"})
_RUNNING_PREDICATES = frozenset({"killed", "injured", "missing", "arrested", "evacuated", "rescued"})


def _event_times(texts: Mapping[str, str]) -> frozenset[str]:
    """The years and month names (lower case) the event's own articles keep naming."""
    if not texts:
        return frozenset()
    seen: Counter[str] = Counter()
    for text in texts.values():
        seen.update(set(_YEAR_RE.findall(text)) | {m.lower() for m in _MONTH_NAME_RE.findall(text)})
    need = max(2, math.ceil(EVENT_YEAR_SHARE * len(texts)))
    return frozenset(y for y, n in seen.items() if n >= need)


def _listed_in_total(a: _Item, b: _Item) -> bool:
    """Whether one figure is an item listed after "including" and the other a total of
    the same specific noun: "a cache including seven AK-47s" counts all the AK-47s as
    surely as "seized seven AK-47s" does; only the cache is larger."""
    roles = {a.frame.role, b.frame.role}
    if roles != {"subset", "total"}:
        return False
    sub = a if a.frame.role == "subset" else b
    return "including" in sub.frame.cues and a.noun is not None and a.noun == b.noun


def frames_compatible(a: _Item, b: _Item) -> bool:
    """Whether two figures' frames may state one quantity: the same role; the same class
    of thing; no two different predicate classes ("killed" is never "missing"); the same
    time scope when both have one; the same place scope when both have one; and for an
    age, the same person."""
    fa, fb = a.frame, b.frame
    if fa.role != fb.role and not _listed_in_total(a, b):
        # "three of the rockets" is a subset of "eight rockets", "$90m in cash" a part of a
        # price, "three other rifles" / "another 500" a further set, not the total
        return False
    if a.model and b.model and a.model != b.model:
        return False  # "seven AK-47s" / "two M16s": two models, two counts
    if a.figure.kind != "count" and fa.thing and fb.thing and fa.thing != fb.thing:
        return False  # "10 km deep" is a depth, "40 km from the town" a distance
    pa, pb = fa.predicate, fb.predicate
    if pa and pb and pa != pb and not pa.startswith("~") and not pb.startswith("~"):
        return False  # soldiers killed vs soldiers injured
    if a.time and b.time and a.time != b.time:
        return False  # "last season" vs "in 2004"
    if fa.place and fb.place and fa.place != fb.place:
        return False  # "in the province" vs "across the region"
    if a.figure.kind == "age" and a.holder and b.holder and a.holder != b.holder:
        return False  # an age is one person's
    if a.figure.kind == "age" and a.figure.value != b.figure.value and not (a.holder and a.holder == b.holder):
        return False  # "35" and "a 27-year-old": two ages of unnamed people are two people
    if a.figure.pair and b.figure.pair and a.figure.pair != b.figure.pair:
        strong = pa and pa == pb and not pa.startswith("~")
        if not (strong or (a.holder and a.holder == b.holder)):
            return False  # a season's record and a career's: two scores of one team differ by period
    return True


#: Most figures of one sentence that link as parallel statements (see _link_parallels).
PARALLEL_MAX = 4
#: Bonus to the similarity and to the confidence for sentences pairing the same two
#: quantities.
PARALLEL_BONUS = 0.25

#: Share of the similarity left when only one of two counts names a model ("AK-47").
ONE_MODEL_SHARE = 0.5
#: A measure or sum of a specific kind (a deal, a fine, a height, a weight) that one holder
#: has is one quantity, more surely than one of a count's broad classes ("people").
SAME_THING_BONUS = 0.15


def pair_confidence(aligner: "_Aligner", a: _Item, b: _Item) -> float:
    """How sure it is that two aligned figures state one quantity (0-1).

    Strong evidence: the same predicate class ("killed" = "died"), the same holder
    ("Smith" scored; "Ann Lee", 43), the same starting place of a distance, and
    sentences that say the same thing in the same words (shared names and rare words).
    A little: the same weak predicate (a verb outside the lexicon), the same named place
    ("in Iraq"), both figures in their articles' leads (news states its central figures
    in the first sentences). Against: two different weak predicates; and a time or place
    scope that only one of them has ("the 2009 quake killed 12" beside today's toll)
    caps the confidence below the conflict bar.
    """
    fa, fb = a.frame, b.frame
    conf = 0.3
    if a.lead and b.lead:
        conf += 0.1  # both in their article's lead, where news states its central figures
    if fa.predicate and fa.predicate == fb.predicate:
        conf += 0.15 if fa.predicate.startswith("~") else 0.35
    elif fa.predicate and fb.predicate:
        conf -= 0.15  # two different verbs outside the lexicon
    acts_differ = bool(fa.predicate and fb.predicate and fa.predicate != fb.predicate)
    if a.holder and a.holder == b.holder and not acts_differ:
        # one holder doing two different things ("the warship spotted five boats" /
        # "the warship intercepted three boats") states two quantities, not one
        conf += 0.25
        if fa.thing and fa.thing == fb.thing and a.figure.kind != "count":
            conf += SAME_THING_BONUS  # one person's weight, one player's contract: one quantity
    elif a.origin and a.origin & b.origin:
        conf += 0.25  # the same distance's starting point: "Samarra ... from Baghdad"
    if a.place_name and a.place_name == b.place_name:
        conf += 0.1
    if _parallel(a, b):
        conf += PARALLEL_BONUS  # "holding a dozen ships and 300 crew" / "hold 14 ships and 300 crew"
    conf += 0.35 * min(1.0, aligner.text_similarity(a, b))
    if a.figure.kind == "age" and not (a.holder and a.holder == b.holder):
        conf = min(conf, ONE_SIDED_SCOPE_CAP)  # "a 36-year-old driver": whose age is not said
    if bool(a.model) != bool(b.model):
        # "seven AK-47 rifles" / "nine assault rifles": the model's count may be part of all
        conf = min(conf, ONE_SIDED_SCOPE_CAP)
    if bool(a.time) != bool(b.time) or bool(fa.place) != bool(fb.place):
        # "the 2009 quake killed 12" beside today's toll; "52 killed across the region"
        # beside "40 killed": one scope stated, the other not, is never a sure conflict
        conf = min(conf, ONE_SIDED_SCOPE_CAP)
    return max(0.0, min(1.0, conf))


def _is_update(a: _Item, b: _Item, dates: Mapping[str, _dt.date | None]) -> str | None:
    """Whether two values that cannot both hold differ because the articles report at
    different times: ``"update"`` for a running count ("rose to", "so far"), a casualty
    or arrest count in articles of different days whose later value is the larger, or an
    age a year or two older in an article dated that much later; ``"maybe"`` for an age
    gap of a few years when the articles' dates are not known; else None."""
    fa, fb = a.figure, b.figure
    da, db = dates.get(fa.article), dates.get(fb.article)
    if fa.kind == "age":
        diff = fb.value - fa.value
        if abs(diff) > AGE_UPDATE_YEARS:
            return None
        if not (da and db):
            return "maybe"  # a person's age changes: without dates, never a sure conflict
        gap_years = (db - da).days / 365.25
        if diff * gap_years > 0 and abs(abs(diff) - abs(gap_years)) <= 1.5:
            return "update"
        return None
    if fa.kind != "count":
        return None
    if a.frame.running or b.frame.running:
        return "update"
    if a.frame.predicate in _RUNNING_PREDICATES and a.frame.thing in _PEOPLE_THINGS and da and db and da != db:
        later, earlier = (fb, fa) if db > da else (fa, fb)
        return "update" if later.low >= earlier.low else None
    return None


def _link_parallels(items: Sequence[_Item]) -> None:
    """Link figures whose sentences pair the same two quantities: "pirates holding about a
    dozen ships and nearly 300 crewmen" and "they still hold at least 14 vessels and more
    than 300 crew members" each state what is done (the predicate) to two things, and the
    same two; such sentences state the same facts. Each figure with a predicate gets one
    link per other thing with a predicate in its sentence (a sentence of at most
    :data:`PARALLEL_MAX` figures: a list or a table pairs everything with everything)."""
    by_sentence: dict[tuple[str, int], list[_Item]] = defaultdict(list)
    for it in items:
        if it.key is not None and it.frame.predicate and not it.figure.hypothetical:
            by_sentence[(it.figure.article, it.figure.sentence_start)].append(it)
    for members in by_sentence.values():
        if not 2 <= len(members) <= PARALLEL_MAX:
            continue
        for it in members:
            for other in members:
                if other.key != it.key:
                    it.links.add(f"parallel:{it.key}:{it.frame.predicate}:{other.key}:{other.frame.predicate}")


def _parallel(a: _Item, b: _Item) -> bool:
    return any(k.startswith("parallel:") for k in a.links & b.links)


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
        self.event_times = _event_times(self.texts)
        # a figure's sentence window reaches no further than its NEIGHBOURS-th neighbouring
        # figure of the same article (as its frame does): linear in a table of numbers
        self._bounds: dict[int, tuple[int, int]] = {}
        by_article: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(figures):
            by_article[f.article].append(i)
        for article, positions in by_article.items():
            positions.sort(key=lambda i: (figures[i].start, figures[i].end))
            text_length = len(self.texts.get(article, "")) or max(figures[i].end for i in positions)
            for i, b in zip(positions, neighbour_bounds([figures[i] for i in positions], text_length)):
                self._bounds[i] = b
        self.items = [self._item(i, f) for i, f in enumerate(figures)]
        # counts of one model share the key most of them have: "12 AK 47 guns" is counted
        # with "seven AK-47 rifles" (and with "seven rifles", a model left unsaid)
        by_model: dict[str, list[_Item]] = defaultdict(list)
        for it in self.items:
            if it.model:
                by_model[it.model].append(it)
        for members in by_model.values():
            key = Counter(it.key for it in members).most_common(1)[0][0]
            for it in members:
                it.key = key
        _link_parallels(self.items)
        n = len(self.items) or 1
        ent_df: Counter[str] = Counter(k for it in self.items for k in it.entities)
        word_df: Counter[str] = Counter(w for it in self.items for w in it.words)
        self.ent_idf = {k: math.log((n + 1) / (df + 0.5)) for k, df in ent_df.items()}
        self.word_idf = {k: math.log((n + 1) / (df + 0.5)) for k, df in word_df.items()}
        self.ent_norm = [self._norm(it.entities, self.ent_idf) for it in self.items]
        # per item: entity weight x idf, and each word's idf squared (the sums' terms)
        self.ent_weighted = [
            {k: w * self.ent_idf.get(k, 0.0) for k, w in it.entities.items()} for it in self.items
        ]
        self.word_idf2 = {w: v * v for w, v in self.word_idf.items()}
        # Figures whose every feature is the same (a wire story run by many outlets) share a
        # signature, and a pair of signatures is scored once: similarity reads features only.
        signatures: dict[tuple, int] = {}
        self.signature = [signatures.setdefault(_features(it), len(signatures)) for it in self.items]
        self._scored: dict[tuple[int, int], float] = {}
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
        frame = f.frame or Frame()
        if f.kind in _UNALIGNED_KINDS or not f.unit:
            key = None
        elif f.kind == "count" or (f.kind == "other" and singular(f.unit.lower()) in THING_CLASSES):
            # a statistic written without its noun ("scoring (15.9)") counts that thing
            key = "count:" + (frame.thing or thing_class(f.unit)[0] or unit_key(f.unit) or "")
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
        window_start = f.sentence_start
        if text is not None and 0 <= f.sentence_start <= f.sentence_end <= len(text):
            # a bounded window of the sentence: a run-on "sentence" of thousands of figures
            # (a scraped table) costs linear time
            lo, hi = self._bounds.get(index, (0, len(text)))
            window_start = max(f.sentence_start, f.start - SENTENCE_WINDOW, min(lo, f.start))
            window_end = min(f.sentence_end, max(f.end, f.value_end) + SENTENCE_WINDOW)
            sentence = text[window_start:min(window_end, max(hi, f.end, f.value_end))]
        entities: dict[str, float] = {}
        for rank, surface in enumerate(f.entities):
            weight = 1.0 / (1.0 + NEARNESS_DECAY * rank)
            for k in self._keys(f.article, surface):
                entities[k] = max(entities.get(k, 0.0), weight)
        if self.event_city and (_CAPITAL_RE.search(f.text) or _CAPITAL_RE.search(sentence)):
            for k in self._keys(f.article, self.event_city):
                entities.setdefault(k, 0.8)
        origin: set[str] = set()
        measured = _measured_noun(f, text) if key is not None and f.kind in ("length", "other") else None
        if f.kind == "length" and not measured:
            # a distance's starting point is a place named in its sentence (not a person);
            # "a 10-metre dhow" is the size of a thing, from nowhere
            start = next((e for e in f.entities if e not in f.text
                          and self._kind(f.article, e) in (None, "place", "other")), None)
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
        holder = None
        if frame.holder:
            bare = re.sub(r"['’]s$", "", frame.holder)
            holder = _fallback_key(bare) if country_key(bare) else self._keys(f.article, bare)[0]
            if f.kind == "age" and self._kind(f.article, frame.holder) not in (None, "person"):
                holder = None  # "the 29-year-old Hawaiian Gardens gang member": a place has no age
        place_name = None
        if sentence:
            m = _PLACE_AFTER.match(sentence[max(0, f.end - window_start):])
            if m:
                place_name = _fallback_key(m.group(2))
        links: set[str] = set()
        time = frame.time if frame.time not in self.event_times else None
        if key is not None and not f.hypothetical and f.canonical is not None:
            # one event's articles stating the same value of the same thing ("two sons",
            # "a 15-year veteran") most likely state one quantity, named or not
            links.add(f"value:{key}:{_value_key(f)}")
        if measured:
            # "a 10-metre dhow" / "a 24- to 30-foot dhow": one event's measures of one thing
            links.add(f"measures:{key}:{measured}")
        model = _model_of(f) if f.kind == "count" and key is not None else None
        if model:
            links.add("model:" + model)  # one event's counts of one model ("AK-47s") are candidates
        if holder and key is not None:
            links.add(f"holder:{key}:{holder}")  # "Orozco weighs 130 pounds" / "Orozco, 135 pounds"
        if frame.predicate and frame.predicate.startswith("~") and f.kind == "duration" and key is not None:
            # "served four months" / "served 136 days": one event's durations of one verb
            links.add(f"predicate:{key}:{frame.predicate}")
        if frame.predicate and not frame.predicate.startswith("~") and key is not None:
            # what happened to the thing links figures as a shared entity does: within one
            # event, "12 people were killed" and "12 dead" are about the same victims
            links.add(f"predicate:{key}:{frame.predicate}")
        return _Item(index, f, key, noun, entities, words, sentence, origin, person,
                     frame, holder, time, links, place_name, f.sentence_start < LEAD_CHARS,
                     window_start, model)

    @staticmethod
    def _norm(weights: Mapping[str, float], idf: Mapping[str, float]) -> float:
        return math.sqrt(sum((w * idf.get(k, 0.0)) ** 2 for k, w in weights.items())) or 1.0

    def text_similarity(self, a: _Item, b: _Item) -> float:
        """How much the two figures' sentences say in the same names and words (0-1+)."""
        return self._text_score(a, b, a.entities.keys() & b.entities.keys())

    def _text_score(self, a: _Item, b: _Item, shared) -> float:
        ent = 0.0
        if shared:
            wa, wb = self.ent_weighted[a.index], self.ent_weighted[b.index]
            ent = sum(wa[k] * wb[k] for k in shared) / min(self.ent_norm[a.index], self.ent_norm[b.index]) ** 2
        idf2 = self.word_idf2
        common = a.words & b.words
        word = sum(idf2.get(w, 0.0) for w in common) / (self.word_norm[a.index] * self.word_norm[b.index]) if common else 0.0
        return ENTITY_WEIGHT * min(ent, 1.0) + WORD_WEIGHT * word

    def similarity(self, a: _Item, b: _Item) -> float:
        """How likely two figures state the same quantity (0 when they cannot)."""
        if a.figure.article == b.figure.article:
            return 0.0
        return self.feature_similarity(a, b)

    def feature_similarity(self, a: _Item, b: _Item) -> float:
        """:meth:`similarity` as if the two figures were in different articles."""
        if a.key is None or a.key != b.key:
            return 0.0
        pair = (self.signature[a.index], self.signature[b.index])
        score = self._scored.get(pair)
        if score is None:
            score = self._scored[pair] = self._similarity(a, b)
        return score

    def _similarity(self, a: _Item, b: _Item) -> float:
        shared = a.entities.keys() & b.entities.keys()
        linked = a.links & b.links
        if not shared and not linked:
            return 0.0
        if a.origin and b.origin and not (a.origin & b.origin):
            return 0.0  # distances from different places
        if a.person and b.person and a.person != b.person and a.person not in b.entities \
                and b.person not in a.entities and a.figure.canonical != b.figure.canonical:
            return 0.0  # "Miller averaged 15.5 points" / "Iguodala scored 5 points"
        if a.holder and b.holder and a.holder != b.holder and a.holder not in b.entities \
                and b.holder not in a.entities:
            return 0.0  # "Iran sent 150 troops" / "Kabul sent 2,000 troops": whose differs
        if _different_scales(a.figure, b.figure):
            return 0.0  # "three days" and "12 years" are not one duration misreported
        if not frames_compatible(a, b):
            return 0.0
        score = self._text_score(a, b, shared)
        if a.noun and a.noun == b.noun:
            score += SAME_NOUN_BONUS
        if a.model and a.model == b.model:
            score += SAME_NOUN_BONUS  # "seven AK-47 rifles" / "12 AK 47 guns"
        elif bool(a.model) != bool(b.model):
            score *= ONE_MODEL_SHARE  # "seven AK-47 rifles" / "three rifles": maybe others
        fa, fb = a.frame, b.frame
        if fa.predicate and fa.predicate == fb.predicate:
            score += WEAK_PREDICATE_BONUS if fa.predicate.startswith("~") else PREDICATE_BONUS
        if a.holder and a.holder == b.holder:
            score += HOLDER_BONUS
        if any(k.startswith("value:") for k in linked):
            score += VALUE_BONUS
        if any(k.startswith("measures:") for k in linked):
            score += SAME_NOUN_BONUS  # "a 10-metre dhow" / "a 30-foot dhow": one thing's size
        if any(k.startswith("parallel:") for k in linked):
            score += PARALLEL_BONUS  # both sentences pair the same two quantities
        return score


# --------------------------------------------------------------------------- clustering


def _slot(f: Figure) -> tuple[str, bool]:
    return (f.article, f.hypothetical)


def _value_key(f: Figure) -> str:
    """A figure's value as a comparable string: both sides of a score ("9-14")."""
    if f.pair:
        return f"{f.pair[0]:.6g}-{f.pair[1]:.6g}"
    v = f.canonical if f.canonical is not None else f.value
    return f"{v:.6g}"


def _can_merge(a: list[_Item], b: list[_Item]) -> bool:
    """A cluster holds at most one value per article (one actual, one hypothetical)."""
    values: dict[tuple[str, bool], str] = {}
    for it in a + b:
        slot = _slot(it.figure)
        v = _value_key(it.figure)
        if slot in values and values[slot] != v:
            return False
        values[slot] = v
    return True


def _units(aligner: _Aligner, items: list[_Item]) -> list[list[int]]:
    """Positions of ``items`` in starting clusters: figures with every feature the same
    start as one cluster when such a pair is similar enough to be merged at all — the same
    sentence of a wire story in many outlets, or one sentence repeated in an article (it
    states its quantity once; a cluster may hold one value of an article several times).
    The others start alone. Each unit is named by its first position, in that order."""
    groups: dict[int, list[int]] = defaultdict(list)
    for pos, it in enumerate(items):
        groups[aligner.signature[it.index]].append(pos)
    units: list[list[int]] = []
    for members in groups.values():
        first = items[members[0]]
        if len(members) == 1 or aligner.feature_similarity(first, first) < MIN_SIMILARITY:
            units.extend([pos] for pos in members)
        else:
            units.append(members)
    return sorted(units)


def _cluster(aligner: _Aligner, items: list[_Item]) -> list[list[_Item]]:
    """Clustering of figures that share a unit key: average linkage, or half the strongest
    figure pair between two clusters when that is more (see :data:`STRONG_PAIR_SHARE`).

    Only pairs that share an entity or a link (same value, same predicate, same holder of
    one thing) are ever scored, found through an inverted index; clusters keep the sum
    and the maximum of their cross similarities, so the work grows with the number of
    linked pairs rather than with the cube of the figures. Identical figures start as one
    cluster (:func:`_units`), so a story copied by a hundred outlets costs one figure's
    pairs, not ten thousand.
    """
    units = _units(aligner, items)
    clusters: dict[int, list[_Item]] = {u[0]: [items[pos] for pos in u] for u in units}
    articles: dict[int, Counter[str]] = {
        u[0]: Counter(items[pos].figure.article for pos in u) for u in units
    }

    def cross_pairs(x: int, y: int) -> int:
        total = len(clusters[x]) * len(clusters[y])
        small, large = (articles[x], articles[y]) if len(articles[x]) <= len(articles[y]) else (articles[y], articles[x])
        return total - sum(n * large[a] for a, n in small.items() if a in large)

    by_entity: dict[str, list[int]] = defaultdict(list)
    for u in units:
        rep = items[u[0]]  # every member has the same entities and links
        for k in rep.entities:
            by_entity[k].append(u[0])
        for k in rep.links:
            by_entity[k].append(u[0])
    # adjacency: cluster -> {neighbour: sum of the figure similarities between them}
    adj: dict[int, dict[int, float]] = defaultdict(dict)
    best: dict[int, dict[int, float]] = defaultdict(dict)  # the strongest figure pair
    scored: set[tuple[int, int]] = set()
    for members in by_entity.values():
        per_article: Counter[str] = Counter()
        for x in members:
            per_article.update(articles[x])
        figures = sum(per_article.values())
        cross = (figures ** 2 - sum(n * n for n in per_article.values())) // 2
        if cross > MAX_PAIRS_PER_ENTITY:
            continue  # an entity this common cannot tell quantities apart anyway
        # only pairs with figures of two different articles are ever compared: a unit of
        # one article meets units of the others; a unit spanning articles meets all
        by_article: dict[str, list[int]] = defaultdict(list)
        spanning: list[int] = []
        for x in members:
            if len(articles[x]) == 1:
                by_article[next(iter(articles[x]))].append(x)
            else:
                spanning.append(x)
        groups = list(by_article.values())
        pairs = [(x, y) for g_i, group in enumerate(groups) for other in groups[g_i + 1:]
                 for x in group for y in other]
        rank = {x: i for i, x in enumerate(spanning)}
        pairs += [(x, y) for x in spanning for y in members if rank.get(y, len(rank)) > rank[x]]
        for x, y in pairs:
            key = (x, y) if x < y else (y, x)
            if key in scored:
                continue
            scored.add(key)
            n = cross_pairs(x, y)
            if not n:
                continue
            s = aligner.feature_similarity(clusters[key[0]][0], clusters[key[1]][0])
            if s > 0:
                adj[x][y] = adj[y][x] = s * n
                best[x][y] = best[y][x] = s
    version: dict[int, int] = defaultdict(int)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(x: int, y: int) -> None:
        if y < x:
            x, y = y, x
        n = cross_pairs(x, y)
        score = adj[x][y] / n if n else 0.0
        # a strongly matched pair (same predicate, same words) carries half its weight even
        # when the clusters' other members say less: "married two weeks ago" / "wed three
        # weeks before" join though one article names no predicate
        score = max(score, STRONG_PAIR_SHARE * best[x][y])
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
        for z, strongest in best.pop(y).items():
            del best[z][y]
            if z != x:
                best[x][z] = best[z][x] = max(best[x].get(z, 0.0), strongest)
        for z, total in adj.pop(y).items():
            del adj[z][y]
            if z != x:
                adj[x][z] = adj[z][x] = adj[x].get(z, 0.0) + total
        for z in adj[x]:
            push(x, z)
    return list(clusters.values())


# --------------------------------------------------------------------------- wording


def _value_label(f: Figure, with_unit: bool, bounded: bool = False) -> str:
    """A value as a reason shows it: "150", "2,000 troops", "a dozen"; ``bounded``: with
    its bound words ("nearly 300", "more than 300")."""
    written = f.text[f.value_start - f.start:f.value_end - f.start]
    label = written.lower() if vague_amount(written) else format_value(f.value)
    if f.pair:
        label = f"{format_value(f.pair[0])}-{format_value(f.pair[1])}"
    bound = written_bound(f) if bounded and f.bound in ("at_least", "at_most") else None
    if bound:
        label = f"{bound} {label}"
    if with_unit and f.unit:
        label += f" {f.unit}" if f.unit != "percent" else "%"
    return label


def _bounds_disagree(figs: Sequence[Figure]) -> bool:
    """Whether values written with one number disagree by their bound words alone
    ("nearly 300" and "more than 300"): then a reason must show those words. Intervals on
    a line all meet when the highest low end is not above the lowest high end."""
    by_label: dict[str, list[Figure]] = defaultdict(list)
    for f in figs:
        by_label[_value_label(f, False)].append(f)
    for group in by_label.values():
        if len(group) < 2:
            continue
        top = max(group, key=lambda f: f.low)
        bottom = min(group, key=lambda f: f.high)
        tol = 1e-9 * max(1.0, abs(top.low))
        if top.low > bottom.high + tol or _touch_outside(bottom, top, tol):
            return True
    return False


def _groups(figs: Sequence[Figure], short: Mapping[str, str], with_unit: bool,
            bounded: bool | None = None) -> list[str]:
    """The values by label, smallest first, each with its outlets: "150 (A, C)".
    ``bounded`` (None: whether :func:`_bounds_disagree` of ``figs``) shows bound words."""
    by_label: dict[str, list[str]] = {}
    if bounded is None:
        bounded = _bounds_disagree(figs)
    for f in sorted(figs, key=lambda f: (f.canonical if f.canonical is not None else f.value)):
        label = _value_label(f, with_unit, bounded)
        ids = by_label.setdefault(label, [])
        if short[f.article] not in ids:
            ids.append(short[f.article])
    return [f"{label} ({', '.join(sorted(ids))})" for label, ids in by_label.items()]


def _claim_unit(figs: Sequence[Figure]) -> str | None:
    if figs[0].kind == "count":
        units = Counter(f.unit for f in figs if f.unit and not f.hypothetical) or Counter(
            f.unit for f in figs if f.unit
        )
        return units.most_common(1)[0][0] if units else None
    return figs[0].canonical_unit or figs[0].unit


def _conflicts(figs: Sequence[Figure], distinct: bool = True) -> list[tuple[Figure, Figure]]:
    """Pairs of figures of different articles whose values cannot both hold. With
    ``distinct``, figures stating the same interval in one article count once (a claim of
    thousands of copies costs its few distinct values' pairs)."""
    actual = [f for f in figs if not f.hypothetical]
    if distinct:
        first: dict[tuple, Figure] = {}
        for f in actual:
            first.setdefault((f.article, f.low, f.high, f.pair), f)
        actual = list(first.values())
    out = []
    for x in range(len(actual)):
        for y in range(x + 1, len(actual)):
            a, b = actual[x], actual[y]
            if a.article == b.article:
                continue
            if a.pair and b.pair:
                if a.pair != b.pair:
                    out.append((a, b))  # a score or record: both sides must match ("9-14" vs "9-15")
                continue
            tol = 1e-9 * max(1.0, abs(a.high), abs(b.high)) if math.isfinite(a.high + b.high) else 0
            if a.high + tol < b.low or b.high + tol < a.low or _touch_outside(a, b, tol) or _touch_outside(b, a, tol):
                out.append((a, b))
    return out


def _touch_outside(a: Figure, b: Figure, tol: float) -> bool:
    """Whether ``a``'s interval ends where ``b``'s starts, at a point one of them leaves
    out ("nearly 300" and "more than 300" meet at 300, which neither holds)."""
    if not (math.isfinite(a.high) and abs(a.high - b.low) <= tol):
        return False
    return open_ends(a)[1] or open_ends(b)[0]


def _rounded_apart(figs: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """Pairs of articles stating different exact numbers in one unit ("$80 million" and
    "$82 million", "130 pounds" and "135 pounds"). Their intervals overlap only because a
    trailing zero may be a rounded value; read as written, they differ. Values in
    different units (a conversion: "70 miles" and "110 km", where writers round) and
    bounded or approximate values are left to their intervals."""
    by_unit: dict[str, list[Figure]] = defaultdict(list)
    for f in figs:
        if f.bound == "exact" and not f.hypothetical and f.unit:
            by_unit[f.unit.lower()].append(f)
    out: list[tuple[Figure, Figure]] = []
    for group in by_unit.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.article != b.article and not a.pair and not b.pair \
                        and not math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-12):
                    out.append((a, b))
                    if len(out) >= MAX_CONFIDENCE_PAIRS:
                        return out
    return out


def _verdict(aligner: _Aligner, cluster: Sequence[_Item], dates: Mapping[str, _dt.date | None]
             ) -> tuple[str, float, tuple[_Item, _Item] | None]:
    """The verdict of a claim of two or more articles, its confidence, and for a
    ``conflict`` the pair of values that decides it.

    Values that cannot hold together make a ``conflict`` only when the best such pair
    is aligned with confidence :data:`CONFLICT_CONFIDENCE`; an ``update`` when every
    such pair differs because the articles report at different times; else a
    ``possible`` conflict. Agreeing values: ``agree``, with the mean pair confidence.
    """
    by_figure = {id(it.figure): it for it in cluster}
    # figures with the same features in one article (copies) are one figure here: the
    # pairs' confidences and updates read features only
    firsts: dict[tuple[str, int], _Item] = {}
    for it in cluster:
        firsts.setdefault((it.figure.article, aligner.signature[it.index]), it)
    figs = [it.figure for it in firsts.values()]
    # every disagreeing pair counts, by intervals or by exact numbers: the most confident
    # decides ("nearly $80 million" from a weak match, "$80 million" and "$82 million")
    pairs = _conflicts(figs, distinct=False)
    seen = {(id(a), id(b)) for a, b in pairs}
    pairs += [(a, b) for a, b in _rounded_apart(figs) if (id(a), id(b)) not in seen and (id(b), id(a)) not in seen]
    if not pairs:
        actual = [it for it in cluster if not it.figure.hypothetical]
        confs = list(islice((
            pair_confidence(aligner, x, y)
            for i, x in enumerate(actual) for y in actual[i + 1:]
            if x.figure.article != y.figure.article
        ), MAX_CONFIDENCE_PAIRS))
        return "agree", (sum(confs) / len(confs) if confs else 1.0), None
    scored: list[tuple[float, str | None, tuple[_Item, _Item]]] = []  # (confidence, update, pair)
    for fa, fb in pairs[:MAX_CONFIDENCE_PAIRS]:
        a, b = by_figure[id(fa)], by_figure[id(fb)]
        if not frames_compatible(a, b):
            # joined through other members (a "2006" record and a "2007" one): these two
            # are not one quantity, and never make the claim a conflict
            scored.append((min(pair_confidence(aligner, a, b), INCOMPATIBLE_CAP), None, (a, b)))
            continue
        scored.append((pair_confidence(aligner, a, b), _is_update(a, b, dates), (a, b)))
    real = [(c, pair) for c, update, pair in scored if update is None]
    if not real:
        if all(update == "update" for _, update, _ in scored):
            return "update", max(c for c, _, _ in scored), None
        return "possible", min(max(c for c, _, _ in scored), CONFLICT_CONFIDENCE - 0.01), None
    best, decider = max(real, key=lambda r: r[0])  # the first of equally sure pairs
    if best < CONFLICT_CONFIDENCE:
        return "possible", best, None
    return "conflict", best, decider


def _evidence(cluster: Sequence[_Item]) -> str:
    """Why the values are one quantity: the shared predicate and holder."""
    frames = [it.frame for it in cluster if not it.figure.hypothetical]
    preds = {f.predicate for f in frames if f.predicate}
    holders = {it.frame.holder for it in cluster if it.frame.holder}
    said = []
    if len(preds) == 1:
        pred = next(iter(preds)).lstrip("~")
        # the words the articles use, when they are not the class's own name: "seized"
        # and "recovered" rifles are the class "arrested"
        words = sorted({f.cues[0].lower() for f in frames if f.predicate and f.cues
                        and f.cues[0] != "unit" and f.cues[0].lower() != pred})
        said.append(f"same predicate: {pred}" + (f" ({', '.join(words[:3])})" if words else ""))
    if len(holders) == 1:
        said.append("same holder: " + next(iter(holders)))
    parallel: dict[str, set[str]] = defaultdict(set)
    for it in cluster:
        for link in it.links:
            if link.startswith("parallel:"):
                parallel[link].add(it.figure.article)
    if any(len(articles) > 1 for articles in parallel.values()):
        said.append("each stated beside the same other figure")
    return ", ".join(said)


def _weakness(cluster: Sequence[_Item]) -> str:
    """Why a conflict is only possible: what the frames do not share."""
    frames = [it.frame for it in cluster if not it.figure.hypothetical]
    preds = {f.predicate for f in frames}
    out = []
    if None in preds or len(preds) > 1:
        out.append("no shared predicate")
    if len({it.holder for it in cluster}) > 1 or all(it.holder is None for it in cluster):
        out.append("no shared holder")
    if len({it.time for it in cluster}) > 1:
        out.append("a time scope in only some articles")
    if len({f.place for f in frames}) > 1:
        out.append("a place scope in only some articles")
    return "weak match (" + ", ".join(out or ["few shared names"]) + ")"


def _reason(verdict: str, figs: Sequence[Figure], unit: str | None, short: Mapping[str, str],
            cluster: Sequence[_Item] = (), decider: tuple[_Item, _Item] | None = None) -> str:
    """What a claim's card says: its values by outlet, and why. A conflict's evidence
    is that of the pair that decides it (the claim may hold values it does not share)."""
    actual = [f for f in figs if not f.hypothetical]
    hypothetical = [f for f in figs if f.hypothetical]
    mixed = len({f.unit for f in figs}) > 1 and figs[0].kind != "count"
    if not mixed and figs[0].kind != "count" and figs[0].unit:
        unit = figs[0].unit  # the values are shown as written: "8 vs 86 years", not days
    suffix = "" if mixed or not unit else (" %" if unit == "percent" else f" {unit}")
    suffix = suffix.replace(" %", "%")
    parts: list[str] = []
    if verdict == "conflict":
        bounded = _bounds_disagree(actual)
        groups = _groups(actual, short, mixed, bounded)
        parts.append(" vs ".join(groups) + suffix)
        evidence = _evidence(decider or cluster)
        if decider is not None and len(groups) > 2:
            # which two of the values cannot both hold, and what ties those two together
            shown = " vs ".join(_groups([it.figure for it in decider], short, mixed, bounded))
            evidence = f"{shown} cannot both hold" + (f": {evidence}" if evidence else "")
        if evidence:
            parts.append(evidence)
        if not _conflicts(actual):
            parts.append("different exact numbers in one unit")
    elif verdict == "possible":
        parts.append("possible: " + " vs ".join(_groups(actual, short, mixed)) + suffix)
        parts.append(_weakness(cluster))
        if not _conflicts(actual):
            parts.append("the values differ unless one was rounded")
    elif verdict == "update":
        ordered = sorted(actual, key=lambda f: (f.canonical if f.canonical is not None else f.value))
        parts.append("update: " + " then ".join(_groups(ordered, short, mixed)) + suffix)
        parts.append("the articles report at different times"
                     + (" (a running count)" if any(it.frame.running for it in cluster) else ""))
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
        before = it.sentence[: max(0, f.start - it.window_start)]
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
    before = it.sentence[: max(0, f.start - it.window_start)]
    for w in reversed(before.split()[-6:]):
        low = w.lower().strip(",.;:“”\"'")
        if low in _VERB_SKIP:
            continue
        if low in _IRREGULAR_VERBS:
            return _IRREGULAR_VERBS[low]
        if low.endswith("ed") and len(low) > 4:
            return low
        break
    after = it.sentence[max(0, f.end - it.window_start):]
    m = _VERB_AFTER.match(after)
    if m:
        return _IRREGULAR_VERBS.get(m.group(1), m.group(1))
    return None


def _place_for(it: _Item) -> str | None:
    if not it.sentence:
        return None
    f = it.figure
    after = it.sentence[max(0, f.end - it.window_start):]
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
    dates: Mapping[str, _dt.date | None] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[Claim]:
    """Group ``figures`` into claims with verdicts: conflicts first, then updates,
    possible conflicts, agreements, and figures only one article states.

    ``entity_of(article_id, surface)`` maps a mention to a resolved entity id; ``event_city``
    lets "the capital" stand for that city; ``texts`` (article id -> text), when given,
    lets sentence words inform alignment and the claim's wording ("sent to Iraq");
    ``kind_of(article_id, surface)`` gives a mention's entity kind, so figures about two
    different people ("Miller averaged 15.5 points", "Iguodala scored 5") stay apart;
    ``dates`` (article id -> the day it reports from) tells an update from a conflict.
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
    if labels:  # the articles' labels (outlets) name them in reasons, as everywhere else
        short = {a: labels.get(a, s) for a, s in short.items()}
    drafts: list[tuple[tuple, Claim]] = []
    for cluster in clusters:
        cluster.sort(key=lambda it: (it.figure.article, it.figure.start))
        figs = [it.figure for it in cluster]
        articles = {f.article for f in figs}
        confidence, decider = 1.0, None
        if len(articles) < 2:
            verdict = "single"
        else:
            verdict, confidence, decider = _verdict(aligner, cluster, dates or {})
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
            reason=_reason(verdict, figs, unit, short, cluster, decider),
            confidence=math.floor(confidence * 100 + 1e-9) / 100,  # never rounded up to the bar
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
