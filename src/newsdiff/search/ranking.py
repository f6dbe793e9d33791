"""Fast ranking of the common single-part queries on the article body — a term, a phrase,
a prefix (``revolution*``) or a fuzzy term (``Suleimeni~``) — with Whoosh's own scores.

Whoosh ranks these by walking matcher objects posting by posting (2-15 µs per matching
article), expands a fuzzy term with a Levenshtein automaton built for every query, and
checks phrase positions in every article that holds all the words. :class:`Ranker` gets
the same answer with less work:

* postings are read a block at a time, and each article is scored with the BM25F scorer
  object Whoosh itself uses (``weighting.scorer(...)._score(tf, length)``), so scores and
  order (score descending, then document number, as Whoosh's collector breaks ties) are
  those of ``Searcher.search``;
* a phrase's score is the sum of its words' scores whatever their positions, so the
  articles holding every word are scored first and positions are then checked in rank
  order, only until ``limit`` articles have the words next to each other;
* prefixes and fuzzy terms are expanded from the searcher's sorted body vocabulary (read
  once per searcher, i.e. once per index version): a prefix with ``bisect``; a fuzzy term
  by the pigeonhole principle (with ``k`` edits, one of ``k + 1`` pieces of the word
  survives intact, found with ``str.find`` among the vocabulary words of each possible
  length) and then the exact Levenshtein test of Whoosh's automaton. Prefix and fuzzy
  hits are scored by the sum of the expanded terms' BM25F scores, as Whoosh does for
  segments of more than 5,000 documents (in smaller ones it gives every hit 1.0).

Anything else (boolean combinations, other fields, boosts, sloppy phrases, wildcards)
gets ``None`` and is left to Whoosh. Nothing is kept between queries except what
describes the index itself (vocabulary, field lengths, deletions), never results.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from dataclasses import dataclass, field
from typing import Iterable

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length
from whoosh.formats import Characters
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.support.levenshtein import levenshtein

from newsdiff.search.query import merge_spans

BODY = "body"

Span = tuple[int, int]


_BYTE_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]


def _column_lengths(reader, fieldname: str) -> list | None:
    """Every document's ``reader.doc_field_length(d, fieldname, 1)``, read as one block
    of the segment's lengths column (a byte per document) instead of one call per
    document (10 ms per 10,000 documents the first query pays). None when the reader is
    not the kind this knows (then ask document by document)."""
    try:
        perdoc = reader._perdoc
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        count = reader.doc_count_all()
        if column is None:
            return [1] * count  # no lengths column: every document gets the default
        if type(column) is not NumericColumn.Reader or column._fixedlen != 1 or column._typecode != "B":
            return None
        raw = column._dbfile.get(column._basepos, min(column._count, count))
    except AttributeError:
        return None
    lengths = [_BYTE_LENGTHS[b] for b in raw]
    lengths.extend([None] * (count - len(lengths)))  # past the column: its default byte, 0
    return lengths


@dataclass
class RankedHit:
    """One hit: top-level document number, Whoosh's score, and the body matches as
    character offsets into the indexed text, read from the index (None when the index
    stores no offsets: the caller then finds them in the text)."""

    docnum: int
    score: float
    spans: list[Span] | None = None


@dataclass
class _Segment:
    searcher: object  # a leaf whoosh Searcher
    reader: object
    offset: int
    deleted: frozenset[int]
    lengths: dict[str, list[float]] = field(default_factory=dict)


def _raw_matcher(reader, fieldname: str, btext: bytes):
    """The segment's postings matcher for a term, deleted documents included (callers
    drop them), or None when the segment lacks the term. One term lookup, and none of
    the deletion filter's eager read of the first block."""
    terms = getattr(reader, "_terms", None)
    if terms is not None and hasattr(terms, "matcher"):  # a whoosh SegmentReader
        try:
            return terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        except TermNotFound:
            return None
    if (fieldname, btext) not in reader:
        return None
    m = reader.postings(fieldname, btext)
    return m.child if isinstance(m, FilterMatcher) else m


_NO_POSTINGS: tuple[list[int], list[float], list] = ([], [], [])


def _postings(reader, fieldname: str, btext: bytes, values: bool = False
              ) -> tuple[list[int], list[float], list]:
    """Document numbers, weights (term frequencies) and, if asked, the encoded values
    (positions and offsets) of a term in one segment, deleted documents included
    (callers drop them); empty lists when the segment lacks the term."""
    m = _raw_matcher(reader, fieldname, btext)
    if m is None:
        return _NO_POSTINGS
    ids: list[int] = []
    weights: list[float] = []
    vals: list = []
    if type(m) is W3LeafMatcher and not m._byteids:  # on-disk postings: whole blocks
        while m.is_active():
            m._read_data()
            ids.extend(accumulate(m._data[0]))  # the ids are stored as deltas
            m._read_weights()
            weights.extend(m._weights)
            if values:
                m._read_values()
                vals.extend(m._values)
            m._next_block()
        return ids, weights, vals
    while m.is_active():  # inlined postings of rare terms, or another codec
        ids.append(m.id())
        weights.append(m.weight())
        if values:
            vals.append(m.value())
        m.next()
    return ids, weights, vals


class Ranker:
    """Ranks simple body queries for one (top-level) Whoosh searcher. Make a new one with
    each new searcher."""

    def __init__(self, searcher) -> None:
        self._searcher = searcher
        self._segments: list[_Segment] | None = None
        self._vocab: list[str] | None = None
        self._by_length: dict[int, tuple[list[str], str]] | None = None
        self.usable = isinstance(searcher.weighting, BM25F) and BODY in searcher.schema

    # ------------------------------------------------------------------ per-searcher data

    def segments(self) -> list[_Segment]:
        if self._segments is None:
            segs = []
            for sub, offset in self._searcher.leaf_searchers():
                reader = sub.reader()
                deleted: frozenset[int] = frozenset()
                if reader.has_deletions():
                    deleted = getattr(reader, "deleted_docs_set", None) or frozenset(
                        d for d in range(reader.doc_count_all()) if reader.is_deleted(d))
                segs.append(_Segment(sub, reader, offset, deleted))
            self._segments = segs
        return self._segments

    @staticmethod
    def _lengths(seg: _Segment, fieldname: str) -> list[float]:
        lengths = seg.lengths.get(fieldname)
        if lengths is None:
            reader = seg.reader
            lengths = _column_lengths(reader, fieldname)
            if lengths is None:
                lengths = [reader.doc_field_length(d, fieldname, 1) for d in range(reader.doc_count_all())]
            seg.lengths[fieldname] = lengths
        return lengths

    def vocabulary(self) -> list[str]:
        """Every body term of the index, sorted (deleted documents' terms included, as
        in Whoosh's own expansion)."""
        if self._vocab is None:
            words: set[str] = set()
            for seg in self.segments():
                words.update(w.decode("utf-8") for w in seg.reader.lexicon(BODY))
            self._vocab = sorted(words)
        return self._vocab

    def _length_bucket(self, n: int) -> tuple[list[str], str]:
        """The vocabulary words of ``n`` characters, and the same joined by newlines
        (word ``i`` starts at ``i * (n + 1)``) for ``str.find``."""
        if self._by_length is None:
            buckets: dict[int, list[str]] = {}
            for w in self.vocabulary():
                buckets.setdefault(len(w), []).append(w)
            self._by_length = {k: (ws, "\n".join(ws) + "\n") for k, ws in buckets.items()}
        return self._by_length.get(n, ([], ""))

    # ------------------------------------------------------------------ expansion

    def expand_prefix(self, prefix: str) -> list[str]:
        vocab = self.vocabulary()
        out = []
        for i in range(bisect_left(vocab, prefix), len(vocab)):
            if not vocab[i].startswith(prefix):
                break
            out.append(vocab[i])
        return out

    def expand_fuzzy(self, text: str, maxdist: int, prefixlength: int) -> list[str]:
        """Vocabulary words ``w`` with ``w[:p] == text[:p]`` and Levenshtein distance
        ``(w[p:], text[p:]) <= maxdist`` — what Whoosh's automaton accepts."""
        k, p = max(0, int(maxdist)), max(0, int(prefixlength))
        head, rest = text[:p], text[p:]
        if len(head) < p:  # the text is shorter than the required prefix
            return [text] if text in set(self.expand_prefix(text)) else []
        n = len(rest)
        candidates: set[str] = set()
        pieces = k + 1
        if n < pieces:  # too short to cut into pieces: check every word of a fitting length
            for length in range(max(0, len(text) - k), len(text) + k + 1):
                candidates.update(self._length_bucket(length)[0])
        else:
            bounds = [n * i // pieces for i in range(pieces + 1)]
            for length in range(max(1, len(text) - k), len(text) + k + 1):
                words, joined = self._length_bucket(length)
                if not words:
                    continue
                stride = length + 1
                for i in range(pieces):
                    piece = rest[bounds[i]:bounds[i + 1]]
                    want = p + bounds[i]  # where the piece starts in text
                    at = joined.find(piece)
                    while at != -1:
                        if abs(at % stride - want) <= k:
                            candidates.add(words[at // stride])
                        at = joined.find(piece, at + 1)
        out = []
        for w in candidates:
            if not w.startswith(head) or abs(len(w) - len(text)) > k:
                continue
            if levenshtein(w[p:], rest, k + 1) <= k:
                out.append(w)
        return sorted(out)

    # ------------------------------------------------------------------ ranking

    def rank(self, q: wq.Query, limit: int | None) -> list[RankedHit] | None:
        """The hits of a simple body query, best first, or None when Whoosh should run it."""
        if not self.usable or getattr(q, "fieldname", None) != BODY or q.boost != 1.0:
            return None
        kind = type(q)
        if kind is wq.Term:
            words = [q.text]
        elif kind is wq.Prefix:
            words = self.expand_prefix(q.text)
        elif kind is wq.FuzzyTerm:
            words = self.expand_fuzzy(q.text, q.maxdist, q.prefixlength)
        elif kind is wq.Phrase and q.slop == 1 and len(q.words) >= 2:
            return self._phrase(list(q.words), limit)
        else:
            return None
        scores, occurrences = self._union(words)
        hits = [RankedHit(docnum, score) for docnum, score in _top(scores, limit)]
        if self._has_chars():
            for hit in hits:
                hit.spans = self._term_spans(hit.docnum, occurrences)
        return hits

    def _has_chars(self) -> bool:
        return isinstance(self._searcher.schema[BODY].format, Characters)

    def _segment_of(self, docnum: int) -> _Segment:
        segs = self.segments()
        return segs[bisect_right([seg.offset for seg in segs], docnum) - 1]

    def _term_spans(self, docnum: int, occurrences: list[tuple[_Segment, list[int], list]]
                    ) -> list[Span]:
        """Every occurrence in article ``docnum`` of the terms read by :meth:`_union`."""
        seg = self._segment_of(docnum)
        d = docnum - seg.offset
        decode = seg.reader.schema[BODY].format.decode_characters
        spans: list[Span] = []
        for where, ids, values in occurrences:
            if where is not seg:
                continue
            i = bisect_left(ids, d)
            if i < len(ids) and ids[i] == d:
                spans.extend((start, end) for _pos, start, end in decode(values[i]))
        return merge_spans(spans)

    def _scorer(self, seg: _Segment, fieldname: str, btext: bytes):
        return self._searcher.weighting.scorer(seg.searcher, fieldname, btext)

    def _term_scores(self, seg: _Segment, btext: bytes, ids: list[int], weights: list[float]
                     ) -> list[float]:
        """The BM25F score of term ``btext`` in each of the segment's documents ``ids``
        (whose term frequencies are ``weights``). A score depends only on the term
        frequency and the field length, so each distinct pair is computed once."""
        lengths = self._lengths(seg, BODY)
        scorer = self._scorer(seg, BODY, btext)
        if type(scorer) is BM25FScorer:
            # whoosh.scoring.bm25(idf, tf, fl, avgfl, B, K1) inlined, operation for
            # operation (K1 + 1 and 1 - B are the same floats computed once), so the
            # scores are bit-identical (a test checks it).
            idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            k1_plus_1, one_minus_b = k1 + 1, 1 - b
            return [idf * ((tf * k1_plus_1) / (tf + k1 * (one_minus_b + b * lengths[d] / avgfl)))
                    for d, tf in zip(ids, weights)]
        score = scorer._score
        return [score(tf, lengths[d]) for d, tf in zip(ids, weights)]

    def _union(self, words: Iterable[str]
               ) -> tuple[dict[int, float], list[tuple[_Segment, list[int], list]]]:
        """Document number -> summed BM25F score of ``words`` (an OR, as Whoosh scores
        it), and each term's postings (segment, document numbers, encoded values)."""
        acc: dict[int, float] = {}
        occurrences = []
        btexts = [w.encode("utf-8") for w in words]
        for seg in self.segments():
            reader, offset = seg.reader, seg.offset
            for btext in btexts:
                ids, weights, values = _postings(reader, BODY, btext, values=True)
                if not ids:
                    continue
                occurrences.append((seg, ids, values))
                scores = self._term_scores(seg, btext, ids, weights)
                if offset:
                    ids = [d + offset for d in ids]
                if not acc:
                    acc = dict(zip(ids, scores))
                else:
                    get = acc.get
                    for d, sc in zip(ids, scores):
                        acc[d] = get(d, 0.0) + sc
            for d in seg.deleted:  # deleted documents are in the postings until a merge
                acc.pop(d + offset, None)
        return acc, occurrences

    def _phrase(self, words: list[str], limit: int | None) -> list[RankedHit]:
        """Articles where ``words`` occur at consecutive positions, scored as Whoosh scores
        a phrase (the sum of each word's BM25F score, a repeated word counted each time)."""
        bwords = [w.encode("utf-8") for w in words]
        distinct = list(dict.fromkeys(bwords))
        # (-score, top-level document number, segment index, segment document number)
        ranked: list[tuple[float, int, int, int]] = []
        postings_of: list[dict[bytes, tuple[list, list, list]]] = []
        for n, seg in enumerate(self.segments()):
            postings: dict[bytes, tuple[list, list, list]] = {}
            postings_of.append(postings)
            tfs = {}
            for w in distinct:
                postings[w] = ids, weights, _ = _postings(seg.reader, BODY, w, values=True)
                if not ids:
                    break  # a word missing from this segment: no phrase here
                tfs[w] = dict(zip(ids, weights))
            if len(tfs) < len(distinct):
                continue
            common = tfs[distinct[0]].keys() & tfs[distinct[-1]].keys()
            for w in distinct[1:-1]:
                common &= tfs[w].keys()
            common -= seg.deleted
            if not common:
                continue
            docs = sorted(common)
            columns = [self._term_scores(seg, w, docs, list(map(tfs[w].__getitem__, docs)))
                       for w in bwords]
            offset = seg.offset
            ranked.extend(zip([-total for total in _tree_sum(columns)],
                              [d + offset for d in docs] if offset else docs, repeat(n), docs))
        ranked.sort()  # best first, then by document number
        chars = self._has_chars()
        segments = self.segments()
        found: list[RankedHit] = []
        for negscore, docnum, n, d in ranked:  # positions are decoded only up to limit
            fmt = segments[n].reader.schema[BODY].format
            decode = fmt.decode_characters if chars else fmt.decode_positions
            per_word = []
            for w in bwords:
                ids, _, values = postings_of[n][w]
                decoded = decode(values[bisect_left(ids, d)])
                per_word.append({p[0]: p for p in decoded} if chars else dict.fromkeys(decoded))
            first, rest = per_word[0], per_word[1:]
            matched = False
            spans: list[Span] = []
            for p, occurrence in first.items():
                if all(p + i in later for i, later in enumerate(rest, 1)):
                    matched = True
                    if not chars:
                        break  # one occurrence proves the match; offsets come from the text
                    spans.append((occurrence[1], rest[-1][p + len(rest)][2]))
            if not matched:
                continue
            found.append(RankedHit(docnum, -negscore, merge_spans(spans) if chars else None))
            if limit is not None and len(found) >= limit:
                break
        return found


def _tree_sum(columns: list[list[float]]) -> list[float]:
    """Element-wise sums added in the order of Whoosh's phrase matcher (a balanced binary
    tree of intersections, ``a + (b + c)`` for three words), so totals are bit-identical."""
    if len(columns) == 1:
        return columns[0]
    half = len(columns) // 2
    left, right = _tree_sum(columns[:half]), _tree_sum(columns[half:])
    return [a + b for a, b in zip(left, right)]


def _top(scores: dict[int, float], limit: int | None) -> list[tuple[int, float]]:
    """Best first; equal scores in document order, as Whoosh's collector breaks ties."""
    keyed = list(zip(scores.values(), [-d for d in scores]))  # (score, -docnum)
    if limit is None or limit >= len(keyed):
        keyed.sort(reverse=True)
    else:
        keyed = heapq.nlargest(limit, keyed)
    return [(-negdoc, score) for score, negdoc in keyed]
