"""A term's postings in one Whoosh segment, as blocks that are decoded only when asked.

Whoosh 3 writes a postings list as a run of blocks of up to 128 postings. Each block
starts with a small header: its posting count, its largest document number, its largest
term frequency, whether it is compressed, and the shortest and longest field length of
its documents (as Whoosh's length bytes). The pickled ids, frequencies and values
(positions and character offsets) follow. For a term in 15,000 of 100,000 articles,
reading every header takes 0.2 ms and decoding every block 10 ms. The header is enough to
bound the BM25 score of any article in the block (a score grows with the frequency and
shrinks with the field length). So a top-k ranking can decode the blocks in order of
that bound and stop once no undecoded block can reach the k-th score. This is block-max
pruning (Ding & Suel, "Faster top-k document retrieval using block-max indexes", SIGIR
2011). :mod:`.ranking` does it; this module only reads.

:func:`term_blocks` reads the headers through the postings file's ``get`` (a slice of the
segment's memory map), rather than Whoosh's matcher, which unpickles each header with
some twenty small reads. Postings of another shape, such as a rare term's postings
inlined in the term index, come back as one block that is already decoded.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from itertools import accumulate
from typing import Sequence

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

_INT = struct.Struct("!i")
_HEADER_READ = 64  # bytes read for a block header's pickle (a 6-tuple: about 30 bytes)

Decoded = tuple[list[int], Sequence[float], Sequence]


class Block:
    """Postings of one term for documents ``lo`` to ``hi`` (segment document numbers).
    ``top_weight`` is the largest term frequency in the block. ``min_length`` is the
    shortest field length, quantized as the lengths column quantizes it, or None when
    the block came decoded (bound it from its postings)."""

    __slots__ = ("lo", "hi", "top_weight", "min_length", "_file", "_start", "_end",
                 "_compressed", "_count", "_fixed", "_decoded")

    def __init__(self, lo: int, hi: int, top_weight: float, min_length: float | None,
                 decoded: Decoded | None = None) -> None:
        self.lo, self.hi = lo, hi
        self.top_weight, self.min_length = top_weight, min_length
        self._file = None
        self._start = self._end = self._count = 0
        self._compressed = False
        self._fixed: int | None = None
        self._decoded = decoded

    def decode(self) -> Decoded:
        """Document numbers, term frequencies and encoded values, as Whoosh's matcher
        de-minifies them (``W3LeafMatcher._read_ids/_read_weights/_read_values``)."""
        if self._decoded is None:
            raw = self._file.get(self._start, self._end - self._start)
            if self._compressed:
                raw = zlib.decompress(raw)
            ids, weights, values = pickle.loads(raw)
            count, fixed = self._count, self._fixed
            if weights is None:
                weights = [1.0] * count
            elif isinstance(weights, float):
                weights = [weights] * count
            if fixed == 0:
                values = (None,) * count
            elif fixed is not None and fixed > 0:
                values = tuple(values[i:i + fixed] for i in range(0, len(values), fixed))
            self._decoded = (list(accumulate(ids)), weights, values)
        return self._decoded


def raw_matcher(reader, fieldname: str, btext: bytes):
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


NO_POSTINGS: Decoded = ([], [], [])


def postings(reader, fieldname: str, btext: bytes, values: bool = False) -> Decoded:
    """Document numbers, weights (term frequencies) and, if asked, the encoded values
    (positions and offsets) of a term in one segment, deleted documents included
    (callers drop them); empty lists when the segment lacks the term."""
    m = raw_matcher(reader, fieldname, btext)
    if m is None:
        return NO_POSTINGS
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


_DOUBLE = struct.Struct(">d")
_INT_SIZES = {0x4B: 1, 0x4D: 2}  # pickle's BININT1, BININT2 (unsigned, little-endian)


def _parse_header(raw: bytes) -> tuple[tuple, int] | None:
    """The header tuple and its length in bytes, read from the shape Whoosh's pickle of
    it takes (protocol 2: ``(``, six small ints or floats, ``t``, a memo put, ``.``);
    None for any other shape (then the pickle module reads it)."""
    if raw[:3] != b"\x80\x02(":
        return None
    at, items = 3, []
    for _ in range(6):
        op = raw[at]
        size = _INT_SIZES.get(op)
        if size is not None:
            items.append(int.from_bytes(raw[at + 1:at + 1 + size], "little"))
            at += 1 + size
        elif op == 0x4A:  # BININT, signed 4 bytes
            items.append(int.from_bytes(raw[at + 1:at + 5], "little", signed=True))
            at += 5
        elif op == 0x47:  # BINFLOAT, big-endian double
            items.append(_DOUBLE.unpack_from(raw, at + 1)[0])
            at += 9
        else:
            return None
    if raw[at:at + 1] != b"t":
        return None
    at += 1
    if raw[at:at + 1] == b"q":  # BINPUT
        at += 2
    elif raw[at:at + 1] == b"r":  # LONG_BINPUT
        at += 5
    if raw[at:at + 1] != b".":
        return None
    return tuple(items), at + 1


def _header(postfile, at: int, length: int) -> tuple[tuple, int]:
    """The pickled header tuple starting at ``at`` and where the block's data starts."""
    raw = postfile.get(at, min(_HEADER_READ, length))
    try:
        parsed = _parse_header(raw)
    except (IndexError, struct.error):
        parsed = None
    if parsed is not None:
        return parsed[0], at + parsed[1]
    for size in (_HEADER_READ, length):
        chunk = io.BytesIO(postfile.get(at, size))
        try:
            info = pickle.load(chunk)
        except (EOFError, pickle.UnpicklingError):
            continue  # longer than the first read: read the whole block
        return info, at + chunk.tell()
    raise ValueError(f"unreadable postings block header at {at}")


def term_blocks(reader, fieldname: str, btext: bytes, until: int | None = None) -> list[Block] | None:
    """The term's blocks in the segment, headers read and data left encoded (only up to
    the block holding document ``until`` when given); None when the segment lacks the
    term. Raises what Whoosh raises for damaged postings."""
    m = raw_matcher(reader, fieldname, btext)
    if m is None:
        return None
    if type(m) is not W3LeafMatcher or m._byteids:
        ids: list[int] = []
        weights: list[float] = []
        values: list = []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            values.append(m.value())
            m.next()
        if not ids:
            return None
        return [Block(ids[0], ids[-1], max(weights), None, (ids, weights, values))]
    postfile, fixed = m._postfile, m._fixedsize
    at = m._baseoffset  # past the tag the matcher checked
    blocks: list[Block] = []
    lo = 0
    while True:
        length, = _INT.unpack(postfile.get(at, 4))
        last = length < 0
        length = abs(length)
        info, data_at = _header(postfile, at + 4, length)
        count, max_id, max_weight, compressed, min_byte, _max_byte = info
        block = Block(lo, max_id, max_weight, byte_to_length(min_byte))
        block._file, block._start, block._end = postfile, data_at, at + 4 + length
        block._compressed, block._count, block._fixed = bool(compressed), count, fixed
        blocks.append(block)
        if last or (until is not None and max_id >= until):
            return blocks
        lo = max_id + 1
        at += 4 + length
