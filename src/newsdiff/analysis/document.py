"""One analysed article: its sentences and entity mentions, found once.

:func:`analyse` is the only place the pipeline splits an article into sentences and finds
its mentions; figures, attribution, alias resolution and claims read the resulting
:class:`AnalysedArticle` instead of the raw text again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Sequence

from newsdiff.analysis.mentions import find_mentions
from newsdiff.analysis.sentences import split_sentences
from newsdiff.corpus.articles import Article
from newsdiff.records import RawMention


class PatternHits:
    """The matches of one pattern over a whole text, found in one linear pass and then
    looked up by position, so a rule that asks "is there a year in this figure's clause?"
    for thousands of figures (a scraped table) costs a bisection each, not a regex scan of
    the figure's window each. The text is scanned lazily, block by block, only as far as
    it is asked about (figures stop early in a table of numbers); the matches are those
    one ``finditer`` over the whole text finds."""

    __slots__ = ("pattern", "text", "matches", "starts", "scanned")

    #: scanned at a time; a match may run this far past its block (patterns are short)
    BLOCK = 1 << 16
    MARGIN = 2048

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern, self.text = pattern, text
        self.matches: list[re.Match[str]] = []
        self.starts: list[int] = []
        self.scanned = 0  # every match starting before this offset is recorded

    def _scan_to(self, pos: int) -> None:
        size = len(self.text)
        while self.scanned < min(pos, size):
            block_end = min(size, self.scanned + self.BLOCK)
            resume = block_end
            for m in self.pattern.finditer(self.text, self.scanned, min(size, block_end + self.MARGIN)):
                if m.start() >= block_end:
                    break
                self.matches.append(m)
                self.starts.append(m.start())
                resume = max(block_end, m.end())
            self.scanned = resume

    def first(self, start: int, end: int) -> re.Match[str] | None:
        """The first match lying wholly inside ``[start, end)``."""
        self._scan_to(end)
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.starts) and self.starts[i] < end:
            if self.matches[i].end() <= end:
                return self.matches[i]
            i += 1
        return None


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
            found = self.cache[pattern] = PatternHits(pattern, self.text)
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
