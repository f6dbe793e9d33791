"""The segment's frequency file (newsdiff.search.frequencies): what is written is read
back; a damaged or foreign file is refused, never misread; a segment without one (an
index built before it existed) is ranked from Whoosh's blocks, with the same hits."""

from __future__ import annotations

import io
from array import array
from pathlib import Path

import pytest

from newsdiff.corpus.articles import load_corpus
from newsdiff.search.frequencies import FrequencyFile, FrequencyFileError, FrequencyWriter


class _Kept(io.BytesIO):
    def close(self) -> None:  # keep the bytes readable after the writer closes it
        self.kept = self.getvalue()
        super().close()


def _written(terms: dict[bytes, list[tuple[int, float]]], doc_count: int = 50) -> bytes:
    out = _Kept()
    writer = FrequencyWriter(out, doc_count)
    for term, postings in sorted(terms.items()):
        writer.add(term, array("I", [d for d, _ in postings]), array("d", [w for _, w in postings]))
    writer.close()
    return out.kept


TERMS = {b"force": [(0, 1.0), (3, 2.0), (9, 1.0)], b"quds": [(3, 4.0)], b"\xc3\xa9t\xc3\xa9": [(1, 1.0)],
         b"a": [(i, float(i % 3 + 1)) for i in range(40)]}


def test_what_is_written_is_read_back():
    ff = FrequencyFile(_written(TERMS))
    assert ff.count == 4 and ff.doc_count == 50
    for term, postings in TERMS.items():
        ids, tfs = ff.find(term)
        assert list(zip(ids, tfs)) == postings
    for missing in (b"", b"b", b"forc", b"forcez", b"zzz"):
        assert ff.find(missing) is None
    empty = FrequencyFile(_written({}))
    assert empty.count == 0 and empty.find(b"a") is None


def test_terms_out_of_order_or_lengths_that_differ_are_refused_when_writing():
    writer = FrequencyWriter(_Kept(), 5)
    writer.add(b"b", array("I", [1]), array("d", [1.0]))
    with pytest.raises(ValueError, match="out of order"):
        writer.add(b"a", array("I", [1]), array("d", [1.0]))
    with pytest.raises(ValueError, match="frequencies"):
        writer.add(b"c", array("I", [1, 2]), array("d", [1.0]))


@pytest.mark.parametrize("damage", ["empty", "magic", "truncated", "footer", "directory", "byte order"])
def test_a_damaged_or_foreign_file_is_refused(damage):
    data = bytearray(_written(TERMS))
    if damage == "empty":
        data = bytearray()
    elif damage == "magic":
        data[:4] = b"JUNK"
    elif damage == "truncated":
        data = data[:-7]
    elif damage == "footer":
        data[-8:] = (2**40).to_bytes(8, "little")
    elif damage == "directory":
        data[-40:-32] = (3).to_bytes(8, "little")  # a term count that does not fit
    elif damage == "byte order":
        data[7:8] = b"B" if data[7:8] == b"L" else b"L"
    with pytest.raises(FrequencyFileError):
        FrequencyFile(bytes(data))


def test_an_index_without_frequency_files_ranks_the_same_from_its_blocks(tmp_path, monkeypatch):
    """Segments written before frequency files existed: searched through block pruning,
    same hits, scores and offsets as a new index."""
    from newsdiff.search import building
    from newsdiff.search.index import CorpusIndex

    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(40):
        words = ["troops", "Quds", "Force"] * (n % 4) + ["crossed", "border", f"w{n}"] * 5
        (folder / f"a{n:02d}.txt").write_text(" ".join(words) + "\n", encoding="utf-8")
    articles = load_corpus([folder]).articles
    with CorpusIndex.open(tmp_path / "new", articles) as ix:
        assert all(seg.frequencies is not None for seg in ix._ranker.segments())
        new = {q: [(h.article_id, h.score, h.spans) for h in ix.search(q)] for q in ("troops", '"Quds Force"', "cross*")}
    monkeypatch.setattr(building, "FREQUENCY_FIELD", "no such field")
    with CorpusIndex.open(tmp_path / "old", articles) as ix:
        assert all(seg.frequencies is None for seg in ix._ranker.segments())
        old = {q: [(h.article_id, h.score, h.spans) for h in ix.search(q)] for q in new}
    assert old == new and all(new.values())
    assert not list(Path(tmp_path / "old").glob("*.ndf"))
