"""A segment's body postings without their positions: every term's document numbers and
term frequencies as two flat arrays, in a file of the segment's own.

Whoosh keeps a posting's positions and character offsets in the same pickled block as
its document number and frequency, so ranking a query decodes all of them. For a term in
15,000 of 100,000 articles that is 10 ms, although a score needs only the frequency and
the field length. The writer (:mod:`.building`) also writes each new segment's body
postings to this file, named like the segment's own files (``<segment id>.ndf``). Whoosh
packs it into the segment's compound file and deletes it with the segment. Read through
the segment's memory map, a term's postings are two views of it (nothing copied).
:mod:`.ranking` scores from them (with numpy for long postings) and decodes Whoosh's
blocks only for the few articles whose match offsets it returns.

Layout (native byte order, named in the magic):

* magic, 8 bytes: ``NDFREQ1`` then ``L`` or ``B``;
* for each term in sorted order: its document numbers (``uint32``), then its
  frequencies (``float32``, as Whoosh stores weights);
* the terms' bytes, concatenated;
* the terms' start offsets in that run (``uint64``, one more than the terms);
* each term's first posting number (``uint64``, one more than the terms);
* footer, 40 bytes: term count, document count, and the file offsets of the three runs
  above (``<QQQQQ``).

A file that is missing or fails a check (:class:`FrequencyFileError`) just means the
ranking reads Whoosh's blocks instead.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left
from typing import BinaryIO

EXTENSION = ".ndf"
MAGIC = b"NDFREQ1" + (b"L" if sys.byteorder == "little" else b"B")
_FOOTER = struct.Struct("<QQQQQ")


class FrequencyFileError(ValueError):
    """The file is not a frequency file of this machine's byte order, or is damaged."""


class FrequencyWriter:
    """Writes terms (in sorted order) and their postings to ``out``; :meth:`close` writes
    the directory and footer. Holds only the terms and their offsets in memory."""

    def __init__(self, out: BinaryIO, doc_count: int) -> None:
        self._out = out
        self._doc_count = doc_count
        self._terms: list[bytes] = []
        self._first = array("Q", [0])
        out.write(MAGIC)

    def add(self, term: bytes, docnums: array, weights: array) -> None:
        if self._terms and term <= self._terms[-1]:
            raise ValueError(f"terms out of order: {term!r} after {self._terms[-1]!r}")
        if len(docnums) != len(weights):
            raise ValueError(f"{len(docnums)} document numbers but {len(weights)} frequencies")
        ids = docnums if docnums.typecode == "I" else array("I", docnums)
        tfs = weights if weights.typecode == "f" else array("f", weights)
        self._out.write(ids.tobytes())
        self._out.write(tfs.tobytes())
        self._terms.append(term)
        self._first.append(self._first[-1] + len(ids))

    def close(self) -> None:
        out = self._out
        terms_at = len(MAGIC) + 8 * self._first[-1]
        starts = array("Q", [0])
        for term in self._terms:
            out.write(term)
            starts.append(starts[-1] + len(term))
        starts_at = terms_at + starts[-1]
        out.write(starts.tobytes())
        first_at = starts_at + len(starts) * 8
        out.write(self._first.tobytes())
        out.write(_FOOTER.pack(len(self._terms), self._doc_count, terms_at, starts_at, first_at))
        out.close()


class FrequencyFile:
    """Reads a frequency file held in ``buf`` (bytes or a memoryview of a segment's map).
    Raises FrequencyFileError when it is not one, or its directory does not add up."""

    def __init__(self, buf) -> None:
        view = memoryview(buf)
        size = len(view)
        if size < len(MAGIC) + _FOOTER.size or bytes(view[:len(MAGIC)]) != MAGIC:
            raise FrequencyFileError("not a frequency file of this byte order")
        count, self.doc_count, terms_at, starts_at, first_at = _FOOTER.unpack(view[size - _FOOTER.size:])
        if not (len(MAGIC) <= terms_at <= starts_at <= first_at
                and starts_at + 8 * (count + 1) == first_at
                and first_at + 8 * (count + 1) == size - _FOOTER.size):
            raise FrequencyFileError("its directory does not fit the file")
        self._starts, self._first = array("Q"), array("Q")
        self._starts.frombytes(view[starts_at:first_at])
        self._first.frombytes(view[first_at:size - _FOOTER.size])
        if self._starts[-1] != starts_at - terms_at or len(MAGIC) + 8 * self._first[-1] != terms_at:
            raise FrequencyFileError("its directory does not fit the file")
        self._view, self._terms_at, self.count = view, terms_at, count

    def _term(self, i: int) -> bytes:
        at = self._terms_at
        return bytes(self._view[at + self._starts[i]:at + self._starts[i + 1]])

    def find(self, term: bytes) -> tuple[memoryview, memoryview] | None:
        """The term's document numbers (ascending) and frequencies, as views of the file
        (``uint32`` and ``float32`` items, nothing copied); None when the segment lacks
        the term."""
        i = bisect_left(range(self.count), term, key=self._term)
        if i == self.count or self._term(i) != term:
            return None
        a, b = self._first[i], self._first[i + 1]
        start = len(MAGIC) + 8 * a
        n = b - a
        view = self._view
        return view[start:start + 4 * n].cast("I"), view[start + 4 * n:start + 8 * n].cast("f")


def open_for(reader) -> FrequencyFile | None:
    """The frequency file of a Whoosh segment reader's segment, or None when it has none
    (written before this file existed, or by Whoosh's own writer) or it is unreadable."""
    try:
        segment, storage = reader.segment(), reader.storage()
        name = segment.make_filename(EXTENSION)
        if not storage.file_exists(name):
            return None
        f = storage.open_file(name)
        buf = getattr(f, "_buf", None)
        if buf is None:  # a real file, not a slice of the segment's map
            try:
                buf = f.read()
            finally:
                f.close()
        found = FrequencyFile(buf)
    except (FrequencyFileError, OSError, AttributeError, struct.error):
        return None
    if found.doc_count != reader.doc_count_all():
        return None
    return found
