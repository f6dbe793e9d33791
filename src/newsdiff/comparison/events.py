"""Group a pile of articles into events (articles about the same real-world happening).

Each article becomes a TF-IDF vector over its content words, its entity names (the
mentions analysis found when given, else :func:`quick_mentions`: runs of capitalised
words, ten times faster than the mention finder; weighted up) and its distinctive numbers.
Candidate pairs come from an inverted index of each article's few most distinctive terms,
skipping terms too common to tell events apart, so the work grows with the pile and not
with its square; each candidate is scored by the cosine of the two whole vectors, and
articles are merged by average-link agglomerative clustering while the best average
similarity stays above a threshold. Two articles each about a person
(the surname they name most, clearly) whom the other never names count as unrelated:
reports of one event name its protagonist. Pure Python, deterministic and
independent of input order; every article ends up in exactly one event.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from array import array
from itertools import count as counter, islice, repeat
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from newsdiff.lexicon import gazetteer as gz
from newsdiff.analysis.aliases import normalise
from newsdiff.analysis.linked import linked_groups
from newsdiff.corpus.articles import Article
from newsdiff.records import Event, RawMention, event_id

#: Average cosine similarity two groups need to be merged.
THRESHOLD = 0.20
#: Weight of an entity name and of a number relative to a content word.
ENTITY_WEIGHT = 3.0
NUMBER_WEIGHT = 1.5
#: Terms kept per article (highest TF-IDF first): bounds the cost on big piles.
TOP_TERMS = 120
#: A pile is a sample of a larger stream of news: a word that every article of a small
#: pile uses ("pirates" in a folder of one attack's coverage) is still a distinctive word
#: of the news at large. Document frequencies are counted as if the pile sat among this
#: many articles that share none of its words, so one event's folder, grouped alone,
#: is not split by the words all its reports share; in a large pile it changes nothing.
BACKGROUND = 50
#: A word only one article of the pile uses cannot link it to another, but it is still
#: part of what the article says: it counts in the article's length (the vector's norm)
#: at this share of its weight. Two articles that share a few common words but each say
#: much else are then not one story, even in a pile of five where those few words are
#: all the vectors would otherwise hold. (0: the words are left out, as before.)
SINGLETON_SHARE = 0.5
#: Text looked at per article (characters): enough for the lead, bounded for huge files.
MAX_CHARS = 20_000

#: An article's TF-IDF vector, unit length: its terms, strongest first (ties by term), and
#: their weights; two compact sequences rather than a dict (a third of the memory).
Vector = tuple[tuple[str, ...], array]
#: ``progress(step, done, total)``, as :func:`iter_events` calls it.
Progress = Callable[[str, int, int], None]
#: Articles (or, scoring a large group, 40 times as many pairs) between two progress calls.
PROGRESS_EVERY = 500


_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_NUMBER_RE = re.compile(r"\d[\d,.:/-]*\d|\d")
_STOP = gz.COMMON_WORDS | frozenset(
    "said says also would could told year years week time people like just one two new "
    "percent including after before that with from have been were they their there "
    "about which will into more than over when what where while other some".split()
)


def _mentions_of(article: Article, mentions: Mapping[str, Sequence[RawMention]] | None) -> Sequence[RawMention]:
    """The mentions of an article's head: those given, or found here when not given or
    when the article is longer than the head read."""
    given = (mentions or {}).get(article.id)
    if given is None or len(article.text) > MAX_CHARS:
        return quick_mentions(article.text[:MAX_CHARS])
    return given


# Runs of capitalised words ("Mark Felt", "Times of London", "al-Maliki"): names, roughly.
_CAPITAL_RUN = re.compile(r"(?<![\w.’'-])[A-Z][a-z][\w’'-]*(?:\s+(?:al-|bin\s+|of\s+(?:the\s+)?)?[A-Z][a-z][\w’'-]*)*")


def quick_mentions(text: str) -> list[RawMention]:
    """Names as runs of capitalised words, ten times faster than the mention finder and
    enough to group articles: a run of two words or more with no place, nationality or
    organisation word reads as a person (for the protagonist rule); sentence-initial
    common words are dropped."""
    out = []
    for m in _CAPITAL_RUN.finditer(text):
        words = m.group(0).split()
        start = m.start()
        while len(words) > 1 and words[0].lower() in gz.COMMON_WORDS:  # "The Iranian ..."
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        low = [w.lower() for w in words]
        if len(words) == 1 and (low[0] in gz.COMMON_WORDS or low[0] in gz.COMMON_NOUNS):
            continue
        personal = len(words) >= 2 and not any(
            w in gz.PLACES or w in gz.NATIONALITIES or w in gz.ORG_HEADS or w in gz.GROUP_WORDS
            or w in gz.PLACE_HEADS or w in gz.COMMON_WORDS or w in ("of", "the") for w in low)
        out.append(RawMention(start, m.end(), text[start:m.end()], "person" if personal else "other"))
    return out


def _features(article: Article, mentions: Sequence[RawMention]) -> Counter:
    """The article's terms; ``mentions`` are those of its head (see :func:`_mentions_of`).
    Words and numbers are counted in C (``Counter`` over ``findall``), then filtered once
    per distinct word: the same counts as adding them one by one."""
    text = article.text[:MAX_CHARS]
    feats: Counter = Counter()
    words = Counter(_WORD_RE.findall(text.lower()))
    words.update(_WORD_RE.findall(article.title.lower()))
    for w, count in words.items():
        if w not in _STOP:
            feats["w:" + w] = float(count)
    for m in mentions:
        key = normalise(m.text)
        if key and key not in gz.DIRECTIONS:
            feats["e:" + key] += ENTITY_WEIGHT
            parts = key.split()
            if len(parts) > 1:  # a surname also links "Maurice Cheeks" to "Cheeks"
                feats["e:" + parts[-1]] += ENTITY_WEIGHT / 2
    for n, count in Counter(_NUMBER_RE.findall(text)).items():
        if len(n.replace(",", "").strip(".")) >= 2 or "-" in n or ":" in n or "/" in n:
            feats["n:" + n.replace(",", "")] += NUMBER_WEIGHT * count
    return feats


#: A protagonist is named at least this often, and this many times as often as anyone else.
PROTAGONIST_MENTIONS = 3
PROTAGONIST_LEAD = 1.5


def _protagonist(mentions: Sequence[RawMention]) -> tuple[str | None, frozenset[str]]:
    """The person an article is about — the surname it names most, clearly more often
    than any other — and every surname it names. Reports of one event name its
    protagonist; two articles each about a person the other never names are two events
    (the deaths of two Watergate figures, the firings of two coaches of one team)."""
    full = [normalise(m.text).split() for m in mentions if m.kind == "person"]
    surnames = {parts[-1] for parts in full if len(parts) >= 2}
    counts: Counter = Counter()
    for m in mentions:
        parts = normalise(m.text).split()
        if parts and parts[-1] in surnames and (m.kind == "person" or len(parts) == 1):
            counts[parts[-1]] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < PROTAGONIST_MENTIONS:
        return None, frozenset(surnames)
    if len(ranked) > 1 and ranked[0][1] < PROTAGONIST_LEAD * ranked[1][1]:
        return None, frozenset(surnames)
    return ranked[0][0], frozenset(counts)


def _vectors(feature_rows: Iterable[Counter], progress: Progress | None = None) -> list[Vector]:
    """TF-IDF vectors of the articles whose features ``feature_rows`` yields (one
    :func:`_features` counter each, consumed as they come).

    Memory stays near the vectors' own: each article's features are kept only as two
    compact arrays (term numbers, counts; the counts are small multiples of 0.5, exact in
    single precision) and every term's string exists once, shared by the vectors. Each
    term's idf is computed once for the pile, and the top terms are picked by sorting
    ``(-weight, term)`` tuples (compared in C, no key function)."""
    # a new term gets the next number as it is first looked up, all in C
    vocab: defaultdict[str, int] = defaultdict(counter().__next__)
    number = vocab.__getitem__
    rows: list[tuple[array, array]] = []
    for f in feature_rows:
        rows.append((array("i", map(number, f)), array("f", f.values())))
    terms = list(vocab)  # term number -> its one string
    del vocab
    df: Counter = Counter()
    for ids, _ in rows:
        df.update(ids)
    n = len(rows)
    log = math.log
    # a term no other article has cannot link anything: it is not kept in the vector, but
    # it still counts in the article's norm (SINGLETON_SHARE)
    idf = {t: log((1 + n + BACKGROUND) / (1 + count)) + 1.0 for t, count in df.items() if count >= 2}
    lone_weight = ((log((1 + n + BACKGROUND) / 2) + 1.0) * SINGLETON_SHARE) ** 2
    del df
    damp: dict[float, float] = {}  # 1 + log(tf), by tf (a few small values)
    vecs: list[Vector] = []
    for k, (ids, tfs) in enumerate(rows):
        if progress is not None and k % PROGRESS_EVERY == 0:
            progress("weighing", k, n)
        rows[k] = None  # type: ignore[call-overload]  # each row freed once used
        ranked = []
        alone = 0.0
        for t, tf in zip(ids, tfs):
            if tf >= 1:
                scale = damp.get(tf)
                if scale is None:
                    scale = damp[tf] = 1.0 + log(tf)
            else:
                scale = tf
            weight = idf.get(t)
            if weight is None:
                alone += scale * scale
                continue
            ranked.append((-(scale * weight), terms[t]))
        ranked.sort()
        top = ranked[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for w, _ in top) + alone * lone_weight) or 1.0
        vecs.append((tuple(t for _, t in top), array("d", [-w / norm for w, _ in top])))
    return vecs


#: Candidate pairs come from each article's most distinctive terms (highest TF-IDF):
#: two reports of one event share their names and rare words, not only common ones.
KEY_TERMS = 24
#: A key term shared by more articles than this is too common to propose pairs (it still
#: counts in the similarity of pairs proposed by rarer terms): the work stays linear in
#: the pile for a fixed event size, never quadratic.
MAX_POSTINGS = 400
#: A candidate pair is scored in full only when its shared key terms alone give this much
#: similarity.
KEY_FLOOR = 0.03


#: Articles linked (through candidate pairs) into a group at most this large have every
#: pair sharing a term scored, as a full comparison would: only a larger group (a big
#: pile's common topic) relies on the candidate pairs alone.
EXACT_GROUP = 1000


def _similarities(vecs: list[Vector]) -> dict[tuple[int, int], float]:
    """Cosine similarities of the pairs of articles that may be one event's: those of
    :func:`_components`, all together."""
    sims: dict[tuple[int, int], float] = {}
    for _, part in _components(vecs):
        sims.update(part)
    return sims


def _components(vecs: list[Vector], progress: Progress | None = None, threshold: float | None = None,
                ) -> Iterator[tuple[list[int], dict[tuple[int, int], float]]]:
    """The groups of articles candidate pairs link (in the order of their first member),
    each with the cosine similarities of its pairs that may be one event's.

    Candidate pairs share a key term (see :func:`_candidate_pairs`); within a group of at
    most :data:`EXACT_GROUP` articles every pair that shares any term is scored (weak
    links inside an event weigh in the average-link clustering); in a larger group only
    the candidate pairs are (see :func:`_big_group_similarities`; ``threshold``: the
    clustering's, which lets it leave out pairs that cannot change the clusters). No pair
    links two groups, so each is clustered on its own. The work grows with the pile, not
    with its square, as long as groups stay bounded."""
    left, right = _candidate_pairs(vecs, progress)
    groups = linked_groups(range(len(vecs)), zip(left, right))
    first_of = {i: members[0] for members in groups if len(members) > EXACT_GROUP for i in members}
    big: dict[int, dict[tuple[int, int], float]] | None = None  # every large group's, at once
    for members in groups:
        if len(members) == 1:
            yield members, {}
        elif len(members) <= EXACT_GROUP:
            yield members, _all_similarities(vecs, members)
        else:
            if big is None:  # one pass over the pairs, however many large groups
                big = _big_group_similarities(vecs, left, right, first_of, threshold, progress)
            yield members, big.pop(members[0], {})


def _big_group_similarities(vecs: list[Vector], left: array, right: array, first_of: dict[int, int],
                            threshold: float | None, progress: Progress | None,
                            ) -> dict[int, dict[tuple[int, int], float]]:
    """The similarities of the candidate pairs ``(left[k], right[k])`` of the large linked
    groups, by each group's first member (``first_of``: the first of each large group's
    members).

    With ``threshold``, a pair is kept only when each of its two articles has some pair
    at ``threshold`` or above: an article without one stays alone whatever the others do
    (its average with any cluster is below the threshold), so its pairs change nothing
    in the average-link clustering, nor in a cluster's most central article. In a big
    pile that is most pairs: they are held in arrays (16 bytes each) until then."""
    lefts, rights, scores = array("i"), array("i"), array("d")
    best: dict[int, float] = {}
    weights_of: dict[str, float] = {}
    last = -1
    total = len(left)
    for k, i in enumerate(left):
        if progress is not None and k % (40 * PROGRESS_EVERY) == 0:
            progress("scoring", k, total)
        if i not in first_of:
            continue
        j = right[k]
        if i != last:  # an article's pairs come together: its weights by term once
            weights_of, last = dict(zip(*vecs[i])), i
        terms, weights = vecs[j]
        at = terms.index
        # the shared terms found in C; then j's weight of each (few) by its place
        sim = sum([weights_of[t] * weights[at(t)] for t in weights_of.keys() & terms])
        lefts.append(i)
        rights.append(j)
        scores.append(sim)
        if sim > best.get(i, -1.0):
            best[i] = sim
        if sim > best.get(j, -1.0):
            best[j] = sim
    out: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    for i, j, sim in zip(lefts, rights, scores):
        if threshold is None or (best[i] >= threshold and best[j] >= threshold):
            out[first_of[i]][(i, j)] = sim
    return out


def _all_similarities(vecs: list[Vector], members: list[int]) -> dict[tuple[int, int], float]:
    """Cosine similarities of every pair of ``members`` that shares a term."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i in members:
        for t, w in zip(*vecs[i]):
            postings[t].append((i, w))
    sims: dict[tuple[int, int], float] = defaultdict(float)
    for plist in postings.values():
        for a in range(len(plist)):
            i, wi = plist[a]
            for j, wj in plist[a + 1:]:
                sims[(i, j) if i < j else (j, i)] += wi * wj
    return sims


def _candidate_pairs(vecs: list[Vector], progress: Progress | None = None) -> tuple[array, array]:
    """The pairs ``(i, j)``, ``i < j``, of articles that share a key term (one of each
    one's :data:`KEY_TERMS` most distinctive terms, held by at most :data:`MAX_POSTINGS`
    articles) whose key terms alone give :data:`KEY_FLOOR` of similarity (so their whole
    similarity is at least that: weights are positive): as two arrays, the ``i`` and the
    ``j`` of each pair (8 bytes a pair; a big pile has tens of millions), ``i``'s together."""
    keys: list[list[tuple[str, float, int]]] = []  # (term, weight, place in its postings)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, (terms, weights) in enumerate(vecs):
        mine = []
        for w, t in heapq.nlargest(KEY_TERMS, zip(weights, terms)):  # ties: the larger term
            plist = postings[t]
            mine.append((t, w, len(plist)))
            plist.append((i, w))
        keys.append(mine)
    usable = {t for t, plist in postings.items() if 2 <= len(plist) <= MAX_POSTINGS}
    lefts, rights = array("i"), array("i")
    # one article at a time against those after it: memory holds one article's
    # candidates, never every candidate pair's partial sums
    for i, mine in enumerate(keys):
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress("linking", i, len(keys))
        partial: dict[int, float] = defaultdict(float)
        for t, wi, place in mine:
            if t in usable:
                for j, wj in islice(postings[t], place + 1, None):
                    partial[j] += wi * wj
        # one shared mid-frequency word is not a report of the same event
        found = [j for j, key_sim in partial.items() if key_sim >= KEY_FLOOR]
        lefts.extend(repeat(i, len(found)))
        rights.extend(found)
    return lefts, rights


def _cluster(items: Sequence[int], sims: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering of ``items`` (distinct numbers) over a
    sparse similarity graph between them. A merged cluster is numbered after every item,
    in the order merged, so equal averages are broken the same way whether the items are
    a whole pile or one linked group of it."""
    members: dict[int, list[int]] = {i: [i] for i in items}
    n = max(items, default=-1) + 1
    links: dict[int, dict[int, float]] = defaultdict(dict)  # summed similarities
    for (i, j), s in sims.items():
        links[i][j] = s
        links[j][i] = s
    heap = [(-s, i, j) for (i, j), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    next_id = n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:
            continue  # stale entry
        c = next_id
        next_id += 1
        members[c] = members.pop(a) + members.pop(b)
        la, lb = links.pop(a), links.pop(b)
        merged: dict[int, float] = {}
        for x, s in list(la.items()) + list(lb.items()):
            if x in (a, b):
                continue
            merged[x] = merged.get(x, 0.0) + s
        for x, s in merged.items():
            lx = links[x]
            lx.pop(a, None)
            lx.pop(b, None)
            lx[c] = s
            avg = s / (len(members[c]) * len(members[x]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(c, x), max(c, x)) if c < x else (-avg, x, c))
        links[c] = merged
    return list(members.values())


def headline_like(title: str) -> bool:
    """A title that reads as a headline: not cut short ("…") and not a sentence ("… province.")."""
    title = title.strip()
    return bool(title) and not title.endswith(("…", "...", "."))


def group_events(
    articles: Sequence[Article],
    threshold: float = THRESHOLD,
    mentions: Mapping[str, Sequence[RawMention]] | None = None,
    progress: Progress | None = None,
) -> list[Event]:
    """Group ``articles`` into events; each article is in exactly one event.

    ``mentions`` (article id -> raw mentions, as analysis found them) saves finding them
    again; articles without an entry are read here.

    Deterministic and independent of the order of ``articles``; events come largest
    first (ties by id), article ids in each event sorted.
    """
    events = [e for batch in iter_events(articles, threshold, mentions, progress) for e in batch]
    events.sort(key=lambda e: (-len(e.article_ids), e.id))
    return events


def iter_events(
    articles: Sequence[Article],
    threshold: float = THRESHOLD,
    mentions: Mapping[str, Sequence[RawMention]] | None = None,
    progress: Progress | None = None,
) -> Iterator[list[Event]]:
    """:func:`group_events`' events, a batch as soon as each is final: the events of one
    group of linked articles at a time (no candidate pair links two groups, so each is
    clustered on its own). Nothing comes before every article has been read and the
    candidate pairs found. ``progress(step, done, total)`` hears each step at least
    every :data:`PROGRESS_EVERY` articles: ``reading`` the articles, ``weighing`` their
    terms, ``linking`` candidate pairs (``total``: the distinct texts), ``scoring`` the
    pairs of the large linked groups (``total``: the candidate pairs), and ``grouping``
    as articles reach their events (``total``: the articles). An exception it raises
    stops the grouping (how a caller cancels it)."""
    # one entry per distinct id, in an order that does not depend on the input order
    unique = {a.id: a for a in sorted(articles, key=lambda a: (a.id, a.sha256))}
    arts = [unique[k] for k in sorted(unique)]
    if not arts:
        return
    # identical texts (copies of one wire story) always share an event: cluster one
    # representative per text, so copies never distort the document frequencies
    by_text: dict[str, list[int]] = {}
    for i, a in enumerate(arts):
        by_text.setdefault(a.sha256, []).append(i)
    reps = [members[0] for members in by_text.values()]
    people: list[tuple[str | None, frozenset[str]]] = []

    def features():  # one article at a time: its mentions are dropped once read
        for k, i in enumerate(reps):
            if progress is not None and k % PROGRESS_EVERY == 0:
                progress("reading", k, len(reps))
            head = _mentions_of(arts[i], mentions)
            people.append(_protagonist(head))
            yield _features(arts[i], head)

    vecs = _vectors(features(), progress)
    placed = 0
    for members, rep_sims in _components(vecs, progress, threshold):
        for (i, j) in list(rep_sims):
            (pi, named_i), (pj, named_j) = people[i], people[j]
            if pi and pj and pi != pj and pi not in named_j and pj not in named_i:
                rep_sims[(i, j)] = 0.0  # each about a person the other never names
        clusters = _cluster(members, rep_sims, threshold)
        edges = _edges_within(clusters, rep_sims)
        batch = [_event([k for r in group for k in by_text[arts[reps[r]].sha256]], arts, reps, group_edges)
                 for group, group_edges in zip(clusters, edges)]
        placed += sum(len(e.article_ids) for e in batch)
        yield batch
        if progress is not None:
            progress("grouping", placed, len(arts))


def _edges_within(clusters: list[list[int]], sims: dict[tuple[int, int], float]) -> list[list[tuple[int, int, float]]]:
    """For each cluster, the similarities ``(i, j, sim)`` of its own pairs: each pair
    looked at once, however many clusters there are."""
    cluster_of = {i: k for k, group in enumerate(clusters) for i in group}
    edges: list[list[tuple[int, int, float]]] = [[] for _ in clusters]
    for (i, j), sim in sims.items():
        k = cluster_of[i]
        if cluster_of[j] == k:
            edges[k].append((i, j, sim))
    return edges


def _event(group: list[int], arts: list[Article], reps: list[int],
           edges: list[tuple[int, int, float]]) -> Event:
    """The event of the articles ``group`` (numbers in ``arts``), titled after its most
    central article: the one whose similarities to the others (``edges``, between its
    representatives, numbered in ``reps``) add up highest, a real headline preferred
    over a title cut from a first sentence ("… the capital…", "… province.")."""
    group = sorted(group)  # ``arts`` are in id order
    ids = [arts[i].id for i in group]
    neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for i, j, sim in edges:
        a, b = reps[i], reps[j]
        neighbours[a].append((b, sim))
        neighbours[b].append((a, sim))
    # summed in id order, as a sum over the group's members is (copies are not in
    # ``rep_sims``: a representative stands for them)
    centrality = {i: sum(sim for _, sim in sorted(pairs)) for i, pairs in neighbours.items()}
    central = max(range(len(group)), key=lambda k: (headline_like(arts[group[k]].title),
                                                    centrality.get(group[k], 0.0), -k))
    title = arts[group[central]].title
    return Event(id=event_id(title, ids), title=title, article_ids=ids)
