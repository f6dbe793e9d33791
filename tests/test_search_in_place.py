"""Reading a segment's files in place (newsdiff.search.in_place): ViewFile behaves as
BytesIO does for every read a Whoosh reader makes, and a real index on disk opened with
it gives the same results as with Whoosh's own copying constructor, without copying."""

from __future__ import annotations

import io
import pickle
import random

import pytest
from whoosh.filedb import structfile

from newsdiff.search import in_place
from newsdiff.search.index import CorpusIndex


def _data() -> bytes:
    rng = random.Random(7)
    lines = [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 700))) for _ in range(40)]
    return b"\n".join(lines) + pickle.dumps({"a": [1, 2, 3], "b": "c" * 300}, protocol=2) + b"tail"


def test_view_file_reads_as_bytesio_does_through_random_operations():
    data = _data()
    ours, theirs = in_place.ViewFile(memoryview(data)), io.BytesIO(data)
    rng = random.Random(3)
    for _ in range(3000):
        op = rng.randrange(6)
        if op == 0:
            n = rng.choice([-1, None, 0, 1, 5, 300, 5000])
            assert ours.read(n) == theirs.read(n)
        elif op == 1:
            n = rng.choice([-1, None, 0, 1, 10, 400])
            assert ours.readline(n) == theirs.readline(n)
        elif op == 2:
            pos = rng.randrange(len(data) + 50)
            assert ours.seek(pos) == theirs.seek(pos)
        elif op == 3:
            off = rng.randrange(-20, 20)
            if theirs.tell() + off >= 0:
                assert ours.seek(off, io.SEEK_CUR) == theirs.seek(off, io.SEEK_CUR)
        elif op == 4:
            off = -rng.randrange(len(data))
            assert ours.seek(off, io.SEEK_END) == theirs.seek(off, io.SEEK_END)
        assert ours.tell() == theirs.tell()


def test_view_file_lines_pickles_and_refusals():
    data = b"one\ntwo\n\nthree"
    assert list(in_place.ViewFile(memoryview(data))) == list(io.BytesIO(data))
    payload = {"x": list(range(100)), "y": "z" * 1000}
    for protocol in (0, 2, pickle.HIGHEST_PROTOCOL):
        f = in_place.ViewFile(memoryview(b"junk" + pickle.dumps(payload, protocol=protocol)))
        f.seek(4)
        assert pickle.load(f) == payload
    f = in_place.ViewFile(memoryview(data))
    with pytest.raises(io.UnsupportedOperation):
        f.write(b"x")
    with pytest.raises(ValueError):
        f.seek(-1)
    assert f.read(0) == b"" and f.tell() == 0


def test_buffer_file_over_a_memoryview_does_not_copy_it_and_bytes_still_work():
    assert in_place.install()
    big = bytearray(b"x" * 1_000_000)
    f = structfile.BufferFile(memoryview(big), name="v")
    assert isinstance(f.file, in_place.ViewFile)
    big[10] = ord("y")  # the file reads the buffer itself, not a copy of it
    f.seek(10)
    assert f.read(1) == b"y" and f.get(10, 2) == b"yx"
    g = structfile.BufferFile(b"abc\ndef", name="b")
    assert isinstance(g.file, io.BytesIO) and g.readline() == b"abc\n"


def test_a_real_index_searches_the_same_with_and_without_copying(seed_articles, tmp_path):
    queries = ["troops", '"Quds Force"', "revolution*", "Suleimeni~", "troops OR iraq", "title:iran"]
    with CorpusIndex.open(tmp_path / "ix", seed_articles) as ix:
        ours = {q: [(h.article_id, round(h.score, 6), h.spans) for h in ix.search(q)] for q in queries}
        files = [t._tindex.dbfile.file for r in [ix._searcher.reader()]
                 for t in [seg._terms for seg, _ in r.leaf_readers()]]
    assert any(isinstance(f, in_place.ViewFile) for f in files)
    in_place.uninstall()
    try:
        with CorpusIndex.open(tmp_path / "ix", seed_articles) as ix:
            theirs = {q: [(h.article_id, round(h.score, 6), h.spans) for h in ix.search(q)] for q in queries}
    finally:
        assert in_place.install()
    assert ours == theirs and all(ours[q] for q in ("troops", '"Quds Force"', "revolution*"))
