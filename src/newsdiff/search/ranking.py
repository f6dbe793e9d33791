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

A top k (a search with a limit, as every search from the app or the command line is) is
ranked without decoding most of the postings:

* from the segments' frequency files (:mod:`.frequencies`: each term's articles and
  term frequencies as flat arrays), every article scored, as numpy arrays once a query
  has more than :data:`NUMPY_FROM` postings; only the hits' blocks are decoded, for
  their match offsets (and a phrase's candidates, for adjacency, in rank order);
* in a segment written without one (an index built by an older release), by block-max
  pruning (:mod:`.blocks`): blocks decoded in descending order of their score bound,
  until no block left can reach the k-th score.

Both give exactly the first k of the full ranking (a test compares them). At 100,000
articles a term, phrase, prefix or fuzzy query takes 3-10 ms at p95, where decoding
every posting took 30-110 ms.

Anything else (boolean combinations, other fields, boosts, sloppy phrases, wildcards)
gets ``None`` and is left to Whoosh. Nothing is kept between queries except what
describes the index itself (vocabulary, field lengths, deletions), never results.
"""

from __future__ import annotations

import heapq
from operator import neg
from bisect import bisect_left, bisect_right
from itertools import repeat
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length
from whoosh.formats import Characters
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.support.levenshtein import levenshtein

from newsdiff.search.blocks import Block, postings as _postings, term_blocks
from newsdiff.search.frequencies import FrequencyFile, open_for as open_frequencies
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
    frequencies: FrequencyFile | None = None
    array_lengths: object = None  # the body lengths as a numpy array, made when first used
    array_deleted: object = None  # the deleted documents as a numpy array, likewise


class Ranker:
    """Ranks simple body queries for one (top-level) Whoosh searcher. Make a new one with
    each new searcher."""

    def __init__(self, searcher) -> None:
        self._searcher = searcher
        self._segments: list[_Segment] | None = None
        self._vocab: list[str] | None = None
        self._by_length: dict[int, tuple[list[str], str]] | None = None
        self.usable = isinstance(searcher.weighting, BM25F) and BODY in searcher.schema
        #: rank a top k from the segments' frequency files when they all have one
        #: (tests turn it off to check the block-pruning path against it)
        self.use_frequencies = True

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
                segs.append(_Segment(sub, reader, offset, deleted, frequencies=open_frequencies(reader)))
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
            if limit is not None and limit > 0:
                return self._top_k(list(q.words), limit, phrase=True)
            return self._phrase(list(q.words), limit)
        else:
            return None
        if limit is not None and limit > 0:
            return self._top_k(words, limit, phrase=False)
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

    def _term_scores(self, seg: _Segment, btext: bytes, ids: list[int], weights: Sequence[float],
                     scorer=None, lengths: Sequence | None = None) -> list[float]:
        """The BM25F score of term ``btext`` in each of the segment's documents ``ids``
        (whose term frequencies are ``weights``); ``scorer`` is the term's scorer in
        that segment, made when not given; ``lengths`` the field lengths by document number,
        the segment's own when not given."""
        if lengths is None:
            lengths = self._lengths(seg, BODY)
        if scorer is None:
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
            values = []
            for w in bwords:
                ids, _, vals = postings_of[n][w]
                values.append(vals[bisect_left(ids, d)])
            spans = _phrase_match(values, segments[n].reader.schema[BODY].format, chars)
            if spans is None:
                continue
            found.append(RankedHit(docnum, -negscore, spans if chars else None))
            if limit is not None and len(found) >= limit:
                break
        return found


    # ------------------------------------------------------------------ top k, frequency files

    def _top_k(self, words: list[str], limit: int, phrase: bool) -> list[RankedHit]:
        """The best ``limit`` hits of the phrase or the OR of ``words``: from the frequency
        files when every segment has one, else by block-max pruning."""
        if self.use_frequencies and all(seg.frequencies is not None for seg in self.segments()):
            if phrase:
                return self._phrase_from_frequencies(words, limit)
            return self._or_from_frequencies(words, limit)
        return self._pruned(words, limit, phrase)

    def _or_from_frequencies(self, words: list[str], limit: int) -> list[RankedHit]:
        """The best ``limit`` hits of the OR of ``words``, every article scored from the
        segments' frequency files (summed in term order, as :meth:`_union` sums them);
        match offsets read from Whoosh's blocks for those hits only."""
        bwords = [w.encode("utf-8") for w in words]
        segments = self.segments()
        columns_of: list[list[tuple[bytes, tuple[memoryview, memoryview]]]] = []
        for seg in segments:
            found = ((w, seg.frequencies.find(w)) for w in bwords)
            columns_of.append([(w, f) for w, f in found if f is not None])
        vectors = sum(len(f[0]) for columns in columns_of for _w, f in columns) >= NUMPY_FROM
        best: list[tuple[float, int]] = []  # (score, -document number)
        for seg, columns in zip(segments, columns_of):
            if not columns:
                continue
            if vectors:
                top = self._best_with_numpy(seg, columns, limit)
            else:
                top = self._best(seg, columns, limit)
            best.extend((score, -(d + seg.offset)) for score, d in top)
        hits = [RankedHit(-negdoc, score) for score, negdoc in heapq.nlargest(limit, best)]
        if self._has_chars():  # offsets from the blocks holding the hits, read once a term
            placed = []  # (hit, segment number, segment document, terms it holds)
            for hit in hits:
                seg = self._segment_of(hit.docnum)
                n, d = segments.index(seg), hit.docnum - seg.offset
                placed.append((hit, n, d, [w for w, (ids, _tfs) in columns_of[n] if _holds(ids, d)]))
            last: dict[tuple[int, bytes], int] = {}  # the headers are read up to the last hit
            for _hit, n, d, held in placed:
                for w in held:
                    last[n, w] = max(d, last.get((n, w), d))
            read = {(n, w): self._term_blocks(segments[n], w, until=d) for (n, w), d in last.items()}
            for hit, n, d, held in placed:
                terms = [read[n, w] for w in held]
                hit.spans = _block_spans(segments[n], d, [tb for tb in terms if tb is not None])
        return hits

    def _best(self, seg: _Segment, columns: list, limit: int) -> list[tuple[float, int]]:
        """The segment's best ``limit`` live articles for the terms' postings ``columns``:
        ``(score, segment document)``, best first, ties by document number."""
        if len(columns) == 1:
            w, (ids, tfs) = columns[0]
            keyed = zip(self._term_scores(seg, w, ids, tfs), map(neg, ids))
        else:
            acc: dict[int, float] = {}
            get = acc.get
            for w, (ids, tfs) in columns:
                for d, sc in zip(ids, self._term_scores(seg, w, ids, tfs)):
                    acc[d] = get(d, 0.0) + sc
            keyed = zip(acc.values(), map(neg, acc))
        deleted = seg.deleted
        # the best limit that are not deleted are among the best limit + deleted
        top = [key for key in heapq.nlargest(limit + len(deleted), keyed) if -key[1] not in deleted]
        return [(score, -negdoc) for score, negdoc in top[:limit]]

    def _best_with_numpy(self, seg: _Segment, columns: list, limit: int) -> list[tuple[float, int]]:
        """:meth:`_best`, each term's postings scored as arrays (the same operations in
        the same order, so the same floats)."""
        np = _numpy()
        if len(columns) == 1:
            w, (ids, tfs) = columns[0]
            docs = np.frombuffer(ids, dtype=np.uint32).astype(np.int64)
            scores = self._array_scores(seg, w, docs, np.frombuffer(tfs, dtype=np.float32))
        else:
            count = seg.reader.doc_count_all()
            acc, present = np.zeros(count), np.zeros(count, dtype=bool)
            for w, (ids, tfs) in columns:
                d = np.frombuffer(ids, dtype=np.uint32).astype(np.int64)
                acc[d] += self._array_scores(seg, w, d, np.frombuffer(tfs, dtype=np.float32))
                present[d] = True
            docs = np.flatnonzero(present)
            scores = acc[docs]
        if seg.deleted:
            live = ~np.isin(docs, self._array_deleted(seg))
            docs, scores = docs[live], scores[live]
        return _array_top(np, scores, docs, limit)

    def _array_lengths(self, seg: _Segment):
        if seg.array_lengths is None:
            np = _numpy()
            seg.array_lengths = np.array([0.0 if x is None else x for x in self._lengths(seg, BODY)],
                                         dtype=np.float64)
        return seg.array_lengths

    def _array_deleted(self, seg: _Segment):
        if seg.array_deleted is None:
            np = _numpy()
            seg.array_deleted = np.fromiter(seg.deleted, dtype=np.int64, count=len(seg.deleted))
        return seg.array_deleted

    def _array_scores(self, seg: _Segment, btext: bytes, docs, tfs):
        """:meth:`_term_scores` on arrays: ``docs`` (int64) and ``tfs`` (float32)."""
        np = _numpy()
        scorer = self._scorer(seg, BODY, btext)
        tf = tfs.astype(np.float64)
        if type(scorer) is BM25FScorer:  # operation for operation as _term_scores
            idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            k1_plus_1, one_minus_b = k1 + 1, 1 - b
            lengths = self._array_lengths(seg)[docs]
            return idf * ((tf * k1_plus_1) / (tf + k1 * (one_minus_b + b * lengths / avgfl)))
        return np.array(self._term_scores(seg, btext, docs.tolist(), tf.tolist(), scorer), dtype=np.float64)

    def _phrase_from_frequencies(self, words: list[str], limit: int) -> list[RankedHit]:
        """The best ``limit`` articles with the phrase: those holding every word scored
        from the frequency files (as :meth:`_phrase` scores them), then checked for
        adjacency in rank order, decoding Whoosh's blocks only for those checked."""
        bwords = [w.encode("utf-8") for w in words]
        distinct = list(dict.fromkeys(bwords))
        segments = self.segments()
        found_of = []
        for seg in segments:
            found = {w: seg.frequencies.find(w) for w in distinct}
            found_of.append(None if any(f is None for f in found.values()) else found)
        postings = sum(len(f[0]) for found in found_of if found for f in found.values())
        if postings >= NUMPY_FROM:
            ranked = self._phrase_ranked_with_numpy(bwords, distinct, found_of)
        else:
            ranked = self._phrase_ranked(bwords, distinct, found_of)
        chars = self._has_chars()
        blocks_of: dict[tuple[int, bytes], _TermBlocks] = {}
        found_hits: list[RankedHit] = []
        for negscore, docnum, n, d in ranked:
            values = []
            for w in bwords:
                tb = blocks_of.get((n, w))
                if tb is None:
                    tb = blocks_of[(n, w)] = self._term_blocks(segments[n], w)
                values.append(tb.within(d, d)[2][0])
            spans = _phrase_match(values, segments[n].reader.schema[BODY].format, chars)
            if spans is None:
                continue
            found_hits.append(RankedHit(docnum, -negscore, spans if chars else None))
            if len(found_hits) >= limit:
                break
        return found_hits

    def _phrase_ranked(self, bwords: list[bytes], distinct: list[bytes], found_of: list
                       ) -> list[tuple[float, int, int, int]]:
        """``(-score, document, segment, segment document)`` of every live article holding
        all the words, best first, ties by document number."""
        ranked: list[tuple[float, int, int, int]] = []
        for n, (seg, found) in enumerate(zip(self.segments(), found_of)):
            if found is None:
                continue
            by_size = sorted(found.values(), key=lambda f: len(f[0]))
            common = set(by_size[0][0])
            for ids, _tfs in by_size[1:]:
                common.intersection_update(ids)
            common -= seg.deleted
            if not common:
                continue
            docs = sorted(common)
            tfs_of = {w: _tfs_at(*found[w], docs) for w in distinct}
            columns = [self._term_scores(seg, w, docs, tfs_of[w]) for w in bwords]
            offset = seg.offset
            ranked.extend(zip([-total for total in _tree_sum(columns)],
                              [d + offset for d in docs] if offset else docs, repeat(n), docs))
        ranked.sort()
        return ranked

    def _phrase_ranked_with_numpy(self, bwords: list[bytes], distinct: list[bytes], found_of: list):
        """:meth:`_phrase_ranked` on arrays; yields its tuples lazily, best first."""
        np = _numpy()
        negs, docnums, segs, locals_ = [], [], [], []
        for n, (seg, found) in enumerate(zip(self.segments(), found_of)):
            if found is None:
                continue
            ids_of = {w: np.frombuffer(found[w][0], dtype=np.uint32) for w in distinct}
            common = None
            for w in sorted(distinct, key=lambda w: len(ids_of[w])):
                common = ids_of[w] if common is None else np.intersect1d(common, ids_of[w], assume_unique=True)
            docs = common.astype(np.int64)
            if seg.deleted and len(docs):
                docs = docs[~np.isin(docs, self._array_deleted(seg))]
            if not len(docs):
                continue
            column_of = {}
            for w in distinct:
                tfs = np.frombuffer(found[w][1], dtype=np.float32)[np.searchsorted(ids_of[w], docs)]
                column_of[w] = self._array_scores(seg, w, docs, tfs)
            negs.append(-_tree_sum([column_of[w] for w in bwords]))
            docnums.append(docs + seg.offset)
            segs.append(np.full(len(docs), n))
            locals_.append(docs)
        if not negs:
            return
        neg, docnum, seg_n, local = (np.concatenate(parts) for parts in (negs, docnums, segs, locals_))
        for i in np.lexsort((docnum, neg)).tolist():
            yield float(neg[i]), int(docnum[i]), int(seg_n[i]), int(local[i])

    # ------------------------------------------------------------------ top k, pruned

    def _term_blocks(self, seg: _Segment, btext: bytes, until: int | None = None) -> "_TermBlocks | None":
        blocks = term_blocks(seg.reader, BODY, btext, until)
        if not blocks:
            return None
        return _TermBlocks(self, seg, btext, blocks)

    def _pruned(self, words: list[str], limit: int, phrase: bool) -> list[RankedHit]:
        """The best ``limit`` hits of the OR of ``words`` (a term, or a prefix's or fuzzy
        term's expansion), or of the phrase ``words``: the same hits, scores and order as
        scoring every article, decoding only the postings blocks that can still place an
        article in the top ``limit`` (see :mod:`.blocks`).

        The document numbers of a segment are cut into intervals at every block's last
        document, so each term has at most one block over an interval, and an
        interval's bound is the sum of those blocks' bounds (a phrase's intervals are
        those where every word has a block). Intervals are taken in descending order of
        bound. Each one's articles are scored exactly, and a phrase's are checked for
        adjacency when their score would enter the top. The search stops when the next
        bound is below the ``limit``-th score found: no article left can reach it."""
        bwords = [w.encode("utf-8") for w in words]
        distinct = list(dict.fromkeys(bwords))
        weight_of = {w: bwords.count(w) if phrase else 1 for w in distinct}
        chars = self._has_chars()
        segments = self.segments()
        terms_of: list[dict[bytes, _TermBlocks]] = []
        intervals: list[tuple[float, int, int, int]] = []  # (-bound, segment, lo, hi)
        for n, seg in enumerate(segments):
            terms: dict[bytes, _TermBlocks] = {}
            for w in distinct:
                found = self._term_blocks(seg, w)
                if found is not None:
                    terms[w] = found
                elif phrase:
                    terms = {}  # a word missing from this segment: no phrase here
                    break
            terms_of.append(terms)
            if terms:
                intervals.extend(_intervals(n, terms, weight_of, len(distinct) if phrase else 1))
        if not intervals:
            return []
        intervals.sort()  # largest bound first
        slack = 1e-7 * max(1.0, -intervals[0][0])  # rounding in bounds and sums
        heap: list[tuple[float, int]] = []  # the best so far: (score, -document number)
        phrase_spans: dict[int, list[Span]] = {}
        for negbound, n, lo, hi in intervals:
            if len(heap) >= limit and -negbound + slack < heap[0][0]:
                break
            seg = segments[n]
            kth = heap[0][0] if len(heap) >= limit else None
            columns = _narrowed(terms_of[n], distinct, weight_of, lo, hi, phrase, kth, slack)
            if columns is None:
                continue
            if phrase:
                self._phrase_candidates(seg, bwords, dict(columns), limit, heap, phrase_spans, chars)
            else:
                _or_candidates(seg, columns, limit, heap)
        ranked = sorted(heap, reverse=True)
        hits = [RankedHit(-negdoc, score) for score, negdoc in ranked]
        if chars:
            for hit in hits:
                if phrase:
                    hit.spans = phrase_spans[hit.docnum]
                else:
                    seg = self._segment_of(hit.docnum)
                    terms = terms_of[segments.index(seg)]
                    hit.spans = _block_spans(seg, hit.docnum - seg.offset, terms.values())
        return hits

    def _phrase_candidates(self, seg: _Segment, bwords: list[bytes], columns: dict,
                           limit: int, heap: list, phrase_spans: dict, chars: bool) -> None:
        """Score the articles of one interval holding every word of the phrase; those
        whose score would enter the top are checked for adjacency and kept if they
        match."""
        first, *others = columns.values()
        common = set(first[0])
        for ids, _scores, _values in others:
            common.intersection_update(ids)
        common -= seg.deleted
        if not common:
            return
        docs = sorted(common)
        index = {w: dict(zip(ids, range(len(ids)))) for w, (ids, _s, _v) in columns.items()}
        totals = _tree_sum([[columns[w][1][index[w][d]] for d in docs] for w in bwords])
        fmt = seg.reader.schema[BODY].format
        offset = seg.offset
        for d, total in zip(docs, totals):
            key = (total, -(d + offset))
            if len(heap) >= limit and key <= heap[0]:
                continue
            spans = _phrase_match([columns[w][2][index[w][d]] for w in bwords], fmt, chars)
            if spans is None:
                continue
            if len(heap) >= limit:
                _evicted, negdoc = heapq.heapreplace(heap, key)
                phrase_spans.pop(-negdoc, None)
            else:
                heapq.heappush(heap, key)
            phrase_spans[d + offset] = spans


class _TermBlocks:
    """One term's blocks in one segment, each scored when first decoded."""

    __slots__ = ("ranker", "seg", "btext", "blocks", "his", "scorer", "_scored", "_bound")

    def __init__(self, ranker: Ranker, seg: _Segment, btext: bytes, blocks: list[Block]) -> None:
        self.ranker, self.seg, self.btext, self.blocks = ranker, seg, btext, blocks
        self.his = [b.hi for b in blocks]
        self.scorer = ranker._scorer(seg, BODY, btext)
        self._scored: dict[int, tuple[list[int], list[float], Sequence]] = {}
        self._bound: list[float] | None = None

    @property
    def bound(self) -> list[float]:
        if self._bound is None:
            self._bound = self._bounds()
        return self._bound

    def _bounds(self) -> list[float]:
        """Per block, a score no article in it exceeds: BM25 at the block's largest term
        frequency and shortest field length, or the best exact score where the block
        came decoded or the scorer is not the BM25F one whose shape is known."""
        scorer = self.scorer
        out = []
        for j, block in enumerate(self.blocks):
            if block.min_length is None or type(scorer) is not BM25FScorer:
                out.append(max(self.scored(j)[1], default=0.0))
            else:
                out.append(self.ranker._term_scores(self.seg, self.btext, [0], [block.top_weight], scorer,
                                                    lengths=[block.min_length])[0])
        return out

    def scored(self, j: int) -> tuple[list[int], list[float], Sequence]:
        found = self._scored.get(j)
        if found is None:
            ids, weights, values = self.blocks[j].decode()
            scores = self.ranker._term_scores(self.seg, self.btext, ids, weights, self.scorer)
            found = self._scored[j] = (ids, scores, values)
        return found

    def block_at(self, lo: int, hi: int) -> int | None:
        """The block over articles ``lo`` to ``hi`` (which no block's end splits), or None."""
        j = bisect_left(self.his, hi)
        if j == len(self.blocks) or self.blocks[j].lo > hi:
            return None
        return j

    def within(self, lo: int, hi: int) -> tuple[list[int], list[float], Sequence] | None:
        """This term's articles from ``lo`` to ``hi`` (which no block's end splits): ids,
        scores, values; None when the term has none there."""
        j = self.block_at(lo, hi)
        if j is None:
            return None
        ids, scores, values = self.scored(j)
        a, b = bisect_left(ids, lo), bisect_right(ids, hi)
        if a == b:
            return None
        return ids[a:b], scores[a:b], values[a:b]


def _intervals(n: int, terms: dict[bytes, _TermBlocks], weight_of: dict[bytes, int],
               needed: int) -> list[tuple[float, int, int, int]]:
    """Segment ``n``'s document numbers cut at every block's last document, as
    ``(-bound, n, lo, hi)`` for each interval that ``needed`` or more terms cover."""
    cuts = sorted({hi for tb in terms.values() for hi in tb.his})
    size = len(cuts) + 1
    bound_diff, cover_diff = [0.0] * size, [0] * size
    for w, tb in terms.items():
        weight = weight_of[w]
        for block, bound in zip(tb.blocks, tb.bound):
            first, last = bisect_left(cuts, block.lo), bisect_left(cuts, block.hi)
            bound_diff[first] += weight * bound
            bound_diff[last + 1] -= weight * bound
            cover_diff[first] += 1
            cover_diff[last + 1] -= 1
    out = []
    bound, cover, lo = 0.0, 0, 0
    for i, hi in enumerate(cuts):
        bound += bound_diff[i]
        cover += cover_diff[i]
        if cover >= needed:
            out.append((-bound, n, lo, hi))
        lo = hi + 1
    return out


def _narrowed(terms: dict[bytes, _TermBlocks], distinct: list[bytes], weight_of: dict[bytes, int],
              lo: int, hi: int, phrase: bool, kth: float | None, slack: float) -> list | None:
    """The terms' postings in articles ``lo`` to ``hi`` (``[(term, (ids, scores, values))]``
    in ``distinct`` order), kept only for the articles that can still score ``kth`` or
    more; None when none can (or a phrase word is missing).

    The terms' blocks are decoded in descending order of bound. After each, an article's
    best possible score is its exact sum so far plus the bounds of the blocks not yet
    decoded, and articles below ``kth`` are dropped. Once every article is dropped and
    none absent from the decoded terms could reach ``kth``, the other blocks are left
    encoded. With ``kth`` None (the top is not full yet) everything is kept."""
    present = []
    for w in distinct:
        tb = terms.get(w)
        j = tb.block_at(lo, hi) if tb is not None else None
        if j is not None:
            present.append((w, tb, j))
        elif phrase:
            return None
    if kth is not None:
        rest = sum(weight_of[w] * tb.bound[j] for w, tb, j in present)
        cand: dict[int, float] = {}
        first = True
        for w, tb, j in sorted(present, key=lambda entry: -weight_of[entry[0]] * entry[1].bound[entry[2]]):
            weight = weight_of[w]
            unseen_can_reach = first if phrase else rest + slack >= kth
            rest -= weight * tb.bound[j]
            column = tb.within(lo, hi)
            ids, scores = (column[0], column[1]) if column is not None else ((), ())
            if phrase:
                if first:
                    cand = {d: weight * sc for d, sc in zip(ids, scores)}
                else:
                    cand = {d: cand[d] + weight * sc for d, sc in zip(ids, scores) if d in cand}
            else:
                get = cand.get
                for d, sc in zip(ids, scores):
                    had = get(d)
                    if had is not None:
                        cand[d] = had + sc
                    elif unseen_can_reach:
                        cand[d] = sc
            first = False
            floor = kth - rest - slack
            cand = {d: total for d, total in cand.items() if total >= floor}
            if not cand and (phrase or rest + slack < kth):
                return None
        keep = cand.keys()
    out = []
    for w, tb, _j in present:
        column = tb.within(lo, hi)
        if column is None:
            if phrase:
                return None
            continue
        if kth is not None:
            ids, scores, values = column
            picked = [i for i, d in enumerate(ids) if d in keep]
            if not picked:
                if phrase:
                    return None
                continue
            column = ([ids[i] for i in picked], [scores[i] for i in picked], [values[i] for i in picked])
        out.append((w, column))
    return out or None


def _or_candidates(seg: _Segment, columns: list, limit: int, heap: list) -> None:
    """Score one interval's articles as the OR of the terms (summed in term order, as
    the full ranking sums them) and keep the best ``limit`` in ``heap``."""
    acc: dict[int, float] = {}
    get = acc.get
    for _w, (ids, scores, _values) in columns:
        for d, sc in zip(ids, scores):
            acc[d] = get(d, 0.0) + sc
    deleted, offset = seg.deleted, seg.offset
    for d, score in acc.items():
        if d in deleted:
            continue
        key = (score, -(d + offset))
        if len(heap) < limit:
            heapq.heappush(heap, key)
        elif key > heap[0]:
            heapq.heapreplace(heap, key)


#: Postings in a query from which scoring them as numpy arrays pays for importing numpy
#: (55 ms, which a cold ``newsdiff search`` on 10,000 articles would pay for most terms).
NUMPY_FROM = 5_000


def _numpy():
    import numpy

    return numpy


def _array_top(np, scores, docs, limit: int) -> list[tuple[float, int]]:
    """The best ``limit`` of ``scores`` (by ``docs``): ``(score, doc)``, best first, ties
    by document number, as :func:`_top` orders them."""
    n = len(scores)
    if n > limit:
        kth = np.partition(scores, n - limit)[n - limit]
        chosen = np.flatnonzero(scores >= kth)  # every tie with the limit-th too
        scores, docs = scores[chosen], docs[chosen]
    order = np.lexsort((docs, -scores))[:limit]
    return list(zip(scores[order].tolist(), docs[order].tolist()))


def _tfs_at(ids: Sequence[int], tfs: Sequence[float], docs: list[int]) -> list[float]:
    """The frequencies of sorted ``docs``, all among the sorted ``ids``: by binary search
    when they are few, through a dict when they are many."""
    if len(docs) * 8 < len(ids):
        return [tfs[bisect_left(ids, d)] for d in docs]
    return list(map(dict(zip(ids, tfs)).__getitem__, docs))


def _holds(ids: Sequence[int], d: int) -> bool:
    i = bisect_left(ids, d)
    return i < len(ids) and ids[i] == d


def _block_spans(seg: _Segment, d: int, terms: Iterable[_TermBlocks]) -> list[Span]:
    """Every occurrence in segment document ``d`` of the terms, from their decoded blocks."""
    decode = seg.reader.schema[BODY].format.decode_characters
    spans: list[Span] = []
    for tb in terms:
        column = tb.within(d, d)
        if column is not None:
            spans.extend((start, end) for _pos, start, end in decode(column[2][0]))
    return merge_spans(spans)


def _phrase_match(values: list, fmt, chars: bool) -> list[Span] | None:
    """Where the phrase's words, whose encoded values in one article are ``values`` (one
    per word of the phrase, in order), stand at consecutive positions: the merged
    character spans of every occurrence (empty when the format has no offsets; one
    occurrence then proves the match), or None when they never do."""
    decode = fmt.decode_characters if chars else fmt.decode_positions
    per_word = []
    for value in values:
        decoded = decode(value)
        per_word.append({p[0]: p for p in decoded} if chars else dict.fromkeys(decoded))
    first, rest = per_word[0], per_word[1:]
    matched = False
    spans: list[Span] = []
    for p, occurrence in first.items():
        if all(p + i in later for i, later in enumerate(rest, 1)):
            matched = True
            if not chars:
                break
            spans.append((occurrence[1], rest[-1][p + len(rest)][2]))
    if not matched:
        return None
    return merge_spans(spans)


def _tree_sum(columns: list[list[float]]) -> list[float]:
    """Element-wise sums added in the order of Whoosh's phrase matcher (a balanced binary
    tree of intersections, ``a + (b + c)`` for three words), so totals are bit-identical."""
    if len(columns) == 1:
        return columns[0]
    half = len(columns) // 2
    left, right = _tree_sum(columns[:half]), _tree_sum(columns[half:])
    if not isinstance(left, list):  # numpy arrays: element-wise, the same additions
        return left + right
    return [a + b for a, b in zip(left, right)]


def _top(scores: dict[int, float], limit: int | None) -> list[tuple[int, float]]:
    """Best first; equal scores in document order, as Whoosh's collector breaks ties."""
    keyed = list(zip(scores.values(), [-d for d in scores]))  # (score, -docnum)
    if limit is None or limit >= len(keyed):
        keyed.sort(reverse=True)
    else:
        keyed = heapq.nlargest(limit, keyed)
    return [(-negdoc, score) for score, negdoc in keyed]
