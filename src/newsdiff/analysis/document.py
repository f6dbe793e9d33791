"""One analysed article: its sentences and entity mentions, found once.

:func:`analyse` is the only place the pipeline splits an article into sentences and finds
its mentions; figures, attribution, alias resolution and claims read the resulting
:class:`AnalysedArticle` instead of the raw text again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from newsdiff.analysis.mentions import find_mentions
from newsdiff.analysis.sentences import split_sentences
from newsdiff.corpus.articles import Article
from newsdiff.records import RawMention


class PatternHits:
    """The matches of one pattern over a text, looked up by position, so a rule that asks
    "is there a year in this figure's clause?" for thousands of figures (a scraped table)
    costs a bisection each, not a regex scan of the figure's window each. The text is cut
    into segments (its sentences, and pieces of at most ``BLOCK`` characters of a longer
    one); a segment is scanned once per pattern, the first time a question touches it, so
    the sentences without a figure are never scanned. A segment's matches are those
    starting in it (a match may run up to ``MARGIN`` characters past its end, which are
    scanned with it), as one ``finditer`` over the text finds them unless a match of the
    segment before runs into it."""

    __slots__ = ("pattern", "text", "bounds", "segments")

    BLOCK = 1 << 12
    #: how far past its segment a match may run: the patterns asked about are short, and a
    #: wider margin would be rescanned for every sentence
    MARGIN = 64

    def __init__(self, pattern: re.Pattern[str], text: str, bounds: Sequence[int]) -> None:
        self.pattern, self.text = pattern, text
        #: segment starts, ascending, the first 0 (as :func:`segment_bounds` builds them)
        self.bounds = bounds
        #: segment index -> (match starts, matches)
        self.segments: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def _segment(self, i: int) -> tuple[list[int], list[re.Match[str]]]:
        found = self.segments.get(i)
        if found is None:
            size = len(self.text)
            a = self.bounds[i]
            b = self.bounds[i + 1] if i + 1 < len(self.bounds) else size
            matches = []
            for m in self.pattern.finditer(self.text, a, min(size, b + self.MARGIN)):
                if m.start() >= b:
                    break
                matches.append(m)
            found = self.segments[i] = ([m.start() for m in matches], matches)
        return found

    def within(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches lying wholly inside ``[start, end)``, in order."""
        if end <= start:
            return
        i = max(0, bisect.bisect_right(self.bounds, start) - 1)
        while i < len(self.bounds) and self.bounds[i] < end:
            starts, matches = self._segment(i)
            j = bisect.bisect_left(starts, start)
            while j < len(starts) and starts[j] < end:
                if matches[j].end() <= end:
                    yield matches[j]
                j += 1
            i += 1

    def first(self, start: int, end: int) -> re.Match[str] | None:
        """The first match lying wholly inside ``[start, end)``."""
        return next(self.within(start, end), None)


def segment_bounds(size: int, starts: Sequence[int], block: int) -> list[int]:
    """Starts of the segments :class:`PatternHits` scans: 0, each sentence start, and every
    ``block`` characters within a longer stretch; linear in the text's sentences and size."""
    bounds: list[int] = []
    edges = [0, *(s for s in starts if 0 < s < size), size]
    for a, b in zip(edges, edges[1:]):
        if b > a:
            bounds.extend(range(a, b, block))
    return bounds or [0]


@dataclass(frozen=True)
class AnalysedArticle:
    """An article with its sentence spans and raw entity mentions (sorted by start)."""

    article: Article
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[RawMention, ...]
    sentence_starts: tuple[int, ...] = field(default=(), repr=False)
    mention_starts: tuple[int, ...] = field(default=(), repr=False)
    #: Per-article results later stages compute once and look up by position (pattern hits,
    #: see :class:`PatternHits`); never compared, hashed or shown.
    cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence span holding ``offset``, or ``(offset, offset)`` between sentences."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return self.sentences[i]
        return (offset, offset)

    def mentions_between(self, start: int, end: int) -> tuple[RawMention, ...]:
        """The mentions starting in ``[start, end)``, in order (bisection: no scan)."""
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return self.mentions[lo:hi]

    def hits(self, pattern: re.Pattern[str]) -> PatternHits:
        """Every match of ``pattern`` in the text, found once per article."""
        found = self.cache.get(pattern)
        if found is None:
            bounds = self.cache.get(segment_bounds)
            if bounds is None:  # the same segments for every pattern
                bounds = self.cache[segment_bounds] = segment_bounds(
                    len(self.text), self.sentence_starts, PatternHits.BLOCK
                )
            found = self.cache[pattern] = PatternHits(pattern, self.text, bounds)
        return found

    def sentence_index(self, offset: int) -> int:
        """Index of the last sentence starting at or before ``offset`` (0 before the first)."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)


def analyse(article: Article, mentions: Sequence[RawMention] | None = None) -> AnalysedArticle:
    """Split ``article`` into sentences and find its mentions (or take ``mentions`` given)."""
    text = article.text
    sentences = tuple(split_sentences(text))
    found = find_mentions(text) if mentions is None else mentions
    ordered = sorted(
        (m for m in found if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, m.end)
    )
    return AnalysedArticle(
        article=article,
        sentences=sentences,
        mentions=tuple(ordered),
        sentence_starts=tuple(s for s, _ in sentences),
        mention_starts=tuple(m.start for m in ordered),
    )
