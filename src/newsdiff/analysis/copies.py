"""Wire copies: articles that are mostly the same text (an agency story republished by
several outlets), so five outlets repeating one report do not read as five confirmations.

Each article's text becomes a set of word 5-shingles (crc32 hashes: deterministic across
runs). A bottom-k sketch (the :data:`SKETCH` smallest hashes) stands for the set: two
articles whose sketches share enough values are candidates, found through an inverted
index over sketch values, so no pile compares all pairs. Candidates are then checked
exactly: the share of the shorter article's shingles found in the longer one
(containment, which a republished story with a cut paragraph or a new headline keeps
high) must reach :data:`CONTAINMENT`; a pair already linked through others is not
checked. Copies form groups (union-find); each group's original is the article
published first, else the longest, else the first given.

Linear in the text (one pass per article) plus the candidate checks. Imports only the
standard library and :mod:`newsdiff.corpus`.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict
from typing import Sequence

from newsdiff.analysis.linked import Links
from newsdiff.corpus.articles import Article

SHINGLE_WORDS = 5
#: The sketch: this many smallest shingle hashes of an article.
SKETCH = 64
#: Sketch values two articles must share to be checked exactly (of SKETCH).
CANDIDATE_SHARED = 8
#: Share of the shorter article's shingles the longer must hold: "mostly the same text".
CONTAINMENT = 0.6
#: An article of fewer shingles is too short to call a copy.
MIN_SHINGLES = 20
#: Sketch values shared by more articles than this say nothing (boilerplate lines).
MAX_POSTINGS = 500

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """The crc32 hashes of the text's word 5-shingles (case-folded)."""
    words = _WORD.findall(text.casefold())
    return {
        zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8", "surrogatepass"))
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    }


def containment(a: set[int], b: set[int]) -> float:
    """|a ∩ b| / the smaller set's size (0 for an empty set)."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0  # the intersection runs in C


def sketch_estimate(a: list[int], b: list[int]) -> float:
    """The Jaccard similarity the two bottom-k sketches estimate (what the candidates
    step trusts; ``bench/bench_copies.py`` sets it against the exact value)."""
    k = min(len(a), len(b))
    if not k:
        return 0.0
    union_bottom = heapq.nsmallest(k, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union_bottom if h in both) / k


def find_copies(articles: Sequence[Article]) -> dict[str, str]:
    """``{copy id: original id}`` for the articles that are copies of another one."""
    order = {a.id: n for n, a in enumerate(articles)}
    sets = {a.id: shingles(a.text) for a in articles}
    sketches = {aid: heapq.nsmallest(SKETCH, s) for aid, s in sets.items() if len(s) >= MIN_SHINGLES}
    postings: dict[int, list[str]] = defaultdict(list)
    for aid, values in sketches.items():
        for h in values:
            postings[h].append(aid)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > MAX_POSTINGS:
            continue
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                shared[(a, b) if order[a] < order[b] else (b, a)] += 1
    article_ids = [a.id for a in articles]
    links = Links(article_ids)
    for (a, b), n in shared.items():
        # a pair already in one group could not change the groups: not checked again
        if n >= CANDIDATE_SHARED and not links.joined(a, b) and containment(sets[a], sets[b]) >= CONTAINMENT:
            links.link(a, b)
    by_id = {a.id: a for a in articles}
    out: dict[str, str] = {}
    for group in links.groups(article_ids):
        if len(group) < 2:
            continue
        members = [by_id[aid] for aid in group]
        original = min(members, key=lambda a: (a.published is None, a.published or "", -len(a.text), order[a.id]))
        for article in members:
            if article is not original:
                out[article.id] = original.id
    return out
