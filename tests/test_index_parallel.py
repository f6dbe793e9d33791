"""The fast index build (newsdiff.search.building) makes the same index as Whoosh's own
single-process writer: the same corpus built both ways on disk has the same stored fields,
field lengths, term lists and postings (document numbers, weights, positions, character
offsets, term statistics), and for a one-segment build the same bytes in every part of
the segment; with worker processes, with runs spilled to disk, and after updates and
merges."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index, writing
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.compound import CompoundStorage

from newsdiff.corpus.articles import Article, load_corpus
from newsdiff.search import building
from newsdiff.search import index as search_index
from newsdiff.search.frequencies import FrequencyFile
from newsdiff.search.index import INDEX_NAME, CorpusIndex, _document, _read_state, make_schema

WORDS = ("troops", "troop", "Suleimani", "Baghdad", "the", "of", "and", "a", "is", "Quds",
         "Force", "3.141", "U.S.", "e.g.", "co-operation", "under_score", "Ünïcödé", "İstanbul",
         "STRASSE", "straße", "北京", "😀", "x", "I", "running", "ran", "2014", "1,000",
         "officials", "said", "résumé", "naïve", "Prime", "Minister", "*", "a*b")


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """``n`` small articles mixing stop words, one-letter words, numbers with dots, accents,
    CJK and emoji; some start with stop words (positions are renumbered after them)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 160))]
        if i % 3 == 0:
            words = ["The", "of", "a"] + words
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        front = f"---\ntitle: {title!r}\nsource: {rng.choice(['Reuters', 'BBC News', 'AP'])}\n"
        front += f"published: 2014-0{1 + i % 9}-1{i % 10}\n---\n" if i % 4 else "---\n"
        (folder / f"a{i:03d}.md").write_text(front + " ".join(words) + "\n", encoding="utf-8")
    return folder


def load(folder: Path) -> list[Article]:
    return load_corpus([folder]).articles


def whoosh_build(index_dir: Path, articles: list[Article]) -> None:
    """Whoosh's own writer, one process, as the index was built before."""
    index_dir.mkdir(parents=True)
    ix = whoosh_index.create_in(str(index_dir), make_schema(), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=search_index.BUILD_LIMIT_MB,
                       codec=W3Codec(blocklimit=search_index.POSTINGS_BLOCK))
    for article in articles:
        writer.add_document(**_document(article))
    writer.commit(mergetype=writing.CLEAR)
    ix.close()


def content(index_dir: Path) -> dict[str, Any]:
    """Everything a reader sees: stored fields and lengths per document, every term with
    its postings and statistics."""
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    with ix.reader() as reader:
        docs = range(reader.doc_count_all())
        indexed = sorted(reader.indexed_field_names())
        out: dict[str, Any] = {
            "stored": [reader.stored_fields(d) for d in docs],
            "lengths": {f: [reader.doc_field_length(d, f) for d in docs] for f in indexed},
            "field_lengths": {f: reader.field_length(f) for f in indexed},
            "terms": list(reader.all_terms()),
        }
        postings = {}
        for fieldname, term in out["terms"]:
            m = reader.postings(fieldname, term)
            found = []
            while m.is_active():
                found.append((m.id(), m.weight(), m.value()))
                m.next()
            info = reader.term_info(fieldname, term)
            postings[fieldname, term] = (found, info.weight(), info.doc_frequency(),
                                         info.min_length(), info.max_length(), info.max_weight(),
                                         info.min_id(), info.max_id())
        out["postings"] = postings
    ix.close()
    return out


def same_segment(index_dir: Path, reference: Path) -> bool:
    """The segment's parts are the reference's byte for byte, plus a frequency file (which
    Whoosh's writer does not write) holding the reference's body postings exactly."""
    ours = segment_parts(index_dir)
    frequencies = FrequencyFile(ours.pop("SEG.ndf"))
    if ours != segment_parts(reference):
        return False
    body = {term: [(d, w) for d, w, _v in found]
            for (fieldname, term), (found, *_stats) in content(reference)["postings"].items() if fieldname == "body"}
    assert frequencies.count == len(body) > 20
    return all([(d, w) for d, w in zip(*frequencies.find(term))] == found for term, found in body.items())


def segment_parts(index_dir: Path) -> dict[str, bytes]:
    """The bytes of each part of the index's only segment (named without the segment's
    random id)."""
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    (segment,) = ix._read_toc().segments
    parts = {}
    compound = CompoundStorage(ix.storage.open_file(segment.make_filename(".seg")), use_mmap=False)
    for name in compound.list():
        parts[name.replace(segment.segment_id(), "SEG")] = compound.open_file(name).read()
    ix.close()
    return parts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("parallel") / "corpus", 90)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("reference") / "ix"
    whoosh_build(index_dir, load(corpus))
    return index_dir


@pytest.fixture
def pool_used(monkeypatch) -> list[bool]:
    """Whether each worker pool closed had worker processes do some of the work."""
    used: list[bool] = []
    close = building.WorkerPool.close

    def spy(self: building.WorkerPool) -> None:
        used.append(self.parallel)
        close(self)

    monkeypatch.setattr(building.WorkerPool, "close", spy)
    return used


@pytest.mark.parametrize("workers", [1, 2])
def test_build_is_whooshs_single_process_build(corpus, reference, tmp_path, workers, pool_used):
    index_dir = tmp_path / "ix"
    articles = load(corpus)
    with CorpusIndex.open(index_dir, articles, workers=workers) as ix:
        assert ix.report.added == len(articles) > 80
    assert pool_used == [workers > 1]
    assert content(index_dir) == content(reference)
    assert same_segment(index_dir, reference)


def test_runs_spilled_to_disk_make_the_same_index(corpus, reference, tmp_path, monkeypatch):
    """A pool limit of a few kilobytes: dozens of sorted runs merged by term."""
    runs: list[int] = []
    iter_terms = building.TermPool.iter_terms

    def small(self: building.TermPool):
        runs.append(len(self.runs))
        return iter_terms(self)

    real_init = building.TermPool.__init__

    def tiny(self: building.TermPool, tempstore: Any, limitmb: int = 128) -> None:
        real_init(self, tempstore, limitmb)
        self.limit = 20_000

    monkeypatch.setattr(building.TermPool, "__init__", tiny)
    monkeypatch.setattr(building.TermPool, "iter_terms", small)
    index_dir = tmp_path / "ix"
    CorpusIndex.open(index_dir, load(corpus), workers=2).close()
    assert runs and runs[0] > 5
    assert content(index_dir) == content(reference)
    assert same_segment(index_dir, reference)
    assert not (index_dir / f"{INDEX_NAME}.tmp").exists() or not any((index_dir / f"{INDEX_NAME}.tmp").iterdir())


def test_fast_analysis_is_the_fields_own(corpus):
    """DocumentAnalyzer's one-loop path gives what each field's ``index()`` gives."""
    schema = make_schema()
    analyzer = building.DocumentAnalyzer(schema)
    assert building._fast_field(schema["body"]) is not None
    assert building._fast_field(schema["title"]) is not None
    for article in load(corpus):
        doc = _document(article)
        for fieldname, terms, weights, values, length in analyzer(doc):
            expected = list(schema[fieldname].index(doc[fieldname]))
            assert list(zip(terms, weights, values)) == [(t, w, v) for t, _f, w, v in expected]
            assert length == (sum(f for _t, f, _w, _v in expected) if schema[fieldname].scorable else 0)


def test_updates_and_merges_keep_the_same_content(tmp_path):
    """Several syncs (adds, edits, deletions, enough segments for Whoosh to merge them)
    end with what one build of the final corpus holds, document for document."""
    folder = write_corpus(tmp_path / "corpus", 40, seed=11)
    index_dir = tmp_path / "ix"
    files = sorted(folder.iterdir())
    for step in range(7):
        for path in files[step * 5: step * 5 + 5]:
            path.write_text(path.read_text(encoding="utf-8") + f" edit{step} troops\n", encoding="utf-8")
        if step == 3:
            files[0].unlink()
            files = files[1:]
        with CorpusIndex.open(index_dir, load(folder), workers=2 if step % 2 else 1) as ix:
            assert ix.report.changed
    reference = tmp_path / "reference"
    whoosh_build(reference, load(folder))

    ours, theirs = content(index_dir), content(reference)
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    with ix.reader() as reader:
        live = {reader.stored_fields(d)["id"]: d for d in reader.all_doc_ids()}
        ours_docs = {doc_id: ours["stored"][d] for doc_id, d in live.items()}
        ours_postings = {}
        for key, (found, *_stats) in ours["postings"].items():
            kept = sorted((ours["stored"][d]["id"], w, v) for d, w, v in found if not reader.is_deleted(d))
            if kept:
                ours_postings[key] = kept
    ix.close()
    theirs_docs = {s["id"]: s for s in theirs["stored"]}
    theirs_postings = {key: sorted((theirs["stored"][d]["id"], w, v) for d, w, v in found)
                       for key, (found, *_stats) in theirs["postings"].items()}
    assert ours_docs == theirs_docs
    assert ours_postings == theirs_postings


def test_manifest_state_after_a_sync_is_what_the_index_holds(corpus, tmp_path):
    """The state recorded after a sync (passed in, not read back) matches the stored
    documents, so the next open need not read them."""
    import json

    index_dir = tmp_path / "ix"
    articles = load(corpus)
    CorpusIndex.open(index_dir, articles[:60], workers=1).close()
    with CorpusIndex.open(index_dir, articles[10:], workers=1) as ix:
        assert ix.report.added == len(articles) - 60 and ix.report.deleted == 10
    manifest = json.loads((index_dir / search_index.MANIFEST_NAME).read_bytes())
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    state, generation, duplicates = _read_state(ix)
    ix.close()
    assert manifest["generation"] == generation and not duplicates
    assert {k: tuple(v) for k, v in manifest["state"]["ids"].items()} == state
    assert manifest["state"]["duplicates"] == []
