"""The corpus index (newsdiff.search.index) on a real Whoosh index in tmp_path, over real files:
search results and offsets, incremental updates, damage recovery, locking, refresh."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from newsdiff.corpus.articles import Article, load_corpus
from newsdiff.search.index import INDEX_NAME, CorpusIndex, IndexLockedError, NewsdiffIndexError
from newsdiff.search.query import QueryError

SEED_IDS = {
    "000_1e331f4947049066",
    "001_f3fb3571b5492621",
    "002_0be6cc156e819297",
    "003_9c71f4318ca86941",
}


def copy_seeds(seeds_dir: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for src in sorted(seeds_dir.iterdir()):
        if src.suffix == ".txt":
            (dest / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return dest


def load(folder: Path) -> list[Article]:
    return load_corpus([folder]).articles


def index_files_state(index_dir: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size)
            for p in index_dir.iterdir() if p.is_file()}


def generation(index_dir: Path) -> int:
    return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME).latest_generation()


@pytest.fixture
def corpus(tmp_path, seeds_dir) -> Path:
    return copy_seeds(seeds_dir, tmp_path / "corpus")


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "ix"


# --------------------------------------------------------------------------- searching


def test_troops_finds_every_seed_with_spans_on_forms_of_troop(seed_articles, index_dir):
    with CorpusIndex.open(index_dir, seed_articles) as ix:
        assert ix.report.added == 4 and not ix.report.recovered
        hits = ix.search("troops")
        assert {h.article_id for h in hits} == SEED_IDS
        texts = {a.id: a.text for a in seed_articles}
        for hit in hits:
            text = texts[hit.article_id]
            words = [text[s:e] for s, e in hit.spans]
            assert words and all(w.lower() in ("troop", "troops") for w in words)
            assert len(words) == text.lower().count("troop")  # every match, whole article
            assert hit.spans == sorted(hit.spans)
            assert "\n" not in hit.snippet and any(w in hit.snippet for w in words)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_phrase_query_spans_are_phrase_occurrences(seed_articles, index_dir):
    with CorpusIndex.open(index_dir, seed_articles) as ix:
        hits = ix.search('"Quds Force"')
        assert {h.article_id for h in hits} == {
            "001_f3fb3571b5492621", "002_0be6cc156e819297", "003_9c71f4318ca86941"}
        for hit in hits:
            text = ix.article(hit.article_id).text
            assert {text[s:e] for s, e in hit.spans} <= {"Quds Force", "Quds Forces"}


def test_fuzzy_query_finds_suleimani(seed_articles, index_dir):
    with CorpusIndex.open(index_dir, seed_articles) as ix:
        hits = ix.search("Suleimeni~")
        assert {h.article_id for h in hits} == {"002_0be6cc156e819297", "003_9c71f4318ca86941"}
        for hit in hits:
            text = ix.article(hit.article_id).text
            assert {text[s:e] for s, e in hit.spans} == {"Suleimani"}


def test_title_field_query(seed_articles, index_dir):
    with CorpusIndex.open(index_dir, seed_articles) as ix:
        hits = ix.search("title:iran")
        titled = {a.id for a in seed_articles if re.search(r"\biran\b", a.title.lower())}
        assert titled and {h.article_id for h in hits} == titled
        assert all("iran" in h.title.lower() for h in hits)
        hit = hits[0]
        text = ix.article(hit.article_id).text
        assert [text[s:e] for s, e in hit.spans] == ["Iran"]  # inside the title line only


def test_match_spans_and_limit(seed_articles, index_dir):
    with CorpusIndex.open(index_dir, seed_articles) as ix:
        spans = ix.match_spans("Revolution*", "002_0be6cc156e819297")
        text = ix.article("002_0be6cc156e819297").text
        assert spans and all(text[s:e].lower().startswith("revolution") for s, e in spans)
        assert len(ix.search("troops", limit=2)) == 2
        assert len(ix.search("troops", limit=None)) == 4
        with pytest.raises(QueryError):
            ix.search("AND OR (")
        with pytest.raises(QueryError):
            ix.match_spans("*", "002_0be6cc156e819297")


def test_long_article_gets_its_span_near_the_end(tmp_path, index_dir):
    folder = tmp_path / "long"
    folder.mkdir()
    rng = random.Random(7)
    words = ["council", "river", "market", "weather", "report", "échange", "東京"]
    body = " ".join(rng.choice(words) for _ in range(8000))
    (folder / "long.txt").write_text(body + "\nAt the very end the troops withdrew.\n", encoding="utf-8")
    (folder / "short.txt").write_text("A short note about markets.\n", encoding="utf-8")
    articles = load(folder)
    long_text = next(a.text for a in articles if a.id == "long")
    assert len(long_text) > 40_000
    with CorpusIndex.open(index_dir, articles) as ix:
        hits = ix.search("troops")
        assert [h.article_id for h in hits] == ["long"]
        (start, end), = hits[0].spans
        assert long_text[start:end] == "troops" and start > 40_000
        assert "troops" in hits[0].snippet


# --------------------------------------------------------------------------- incremental


def test_edit_one_file_reindexes_only_it(corpus, index_dir):
    CorpusIndex.open(index_dir, load(corpus)).close()
    target = corpus / "001_f3fb3571b5492621.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nA zeppelin was sighted.\n", encoding="utf-8")
    with CorpusIndex.open(index_dir, load(corpus)) as ix:
        r = ix.report
        assert (r.added, r.updated, r.deleted, r.unchanged, r.rebuilt) == (0, 1, 0, 3, False)
        assert [h.article_id for h in ix.search("zeppelin")] == ["001_f3fb3571b5492621"]
        assert len(ix.search("troops")) == 4  # the old version is gone, not duplicated
        assert ix.doc_count() == 4


def test_front_matter_edit_reindexes_the_metadata(tmp_path, index_dir):
    folder = tmp_path / "fm"
    folder.mkdir()
    body = "Iran sent troops to Iraq, officials said.\n"
    page = folder / "story.md"
    page.write_text("---\ntitle: First headline\nsource: Wire\n---\n" + body, encoding="utf-8")
    with CorpusIndex.open(index_dir, load(folder)) as ix:
        assert [h.title for h in ix.search("troops")] == ["First headline"]
    # same text, new title and source: the index must follow
    page.write_text("---\ntitle: Second headline\nsource: Agency\n---\n" + body, encoding="utf-8")
    with CorpusIndex.open(index_dir, load(folder)) as ix:
        assert (ix.report.updated, ix.report.unchanged) == (1, 0)
        assert [h.title for h in ix.search("troops")] == ["Second headline"]
        assert [h.article_id for h in ix.search("source:agency")] == ["story"]
        assert ix.search("source:wire") == []
    with CorpusIndex.open(index_dir, load(folder)) as ix:  # and then it is unchanged
        assert (ix.report.updated, ix.report.unchanged) == (0, 1)


def test_moved_file_with_same_id_is_updated(corpus, index_dir):
    CorpusIndex.open(index_dir, load(corpus)).close()
    (corpus / "sub").mkdir()
    os.rename(corpus / "003_9c71f4318ca86941.txt", corpus / "sub" / "003_9c71f4318ca86941.txt")
    with CorpusIndex.open(index_dir, load(corpus)) as ix:
        assert (ix.report.updated, ix.report.unchanged) == (1, 3)
        hit = next(h for h in ix.search("troops") if h.article_id == "003_9c71f4318ca86941")
        assert Path(hit.path).parent.name == "sub"


def test_a_pile_named_another_way_is_not_indexed_again(corpus, index_dir, monkeypatch):
    """The same files named relatively, absolutely or with "./" are the same documents:
    only a path that names another file updates them."""
    monkeypatch.chdir(corpus.parent)
    CorpusIndex.open(index_dir, load(Path(corpus.name))).close()
    gen = generation(index_dir)
    for named in (corpus.resolve(), Path(".") / corpus.name):
        with CorpusIndex.open(index_dir, load(named)) as ix:
            assert (ix.report.updated, ix.report.unchanged, ix.report.changed) == (0, 4, False)
    assert generation(index_dir) == gen
    monkeypatch.chdir(corpus)  # from elsewhere the stored relative paths name other files
    with CorpusIndex.open(index_dir, load(corpus.resolve())) as ix:
        assert (ix.report.updated, ix.report.unchanged) == (4, 0)
        assert all(Path(h.path).is_file() for h in ix.search("troops"))


def test_deleted_and_added_files(corpus, index_dir):
    CorpusIndex.open(index_dir, load(corpus)).close()
    (corpus / "000_1e331f4947049066.txt").unlink()
    (corpus / "new.md").write_text("---\ntitle: Zeppelin news\nsource: Example Wire\n---\nTroops and a zeppelin.\n", encoding="utf-8")
    with CorpusIndex.open(index_dir, load(corpus)) as ix:
        r = ix.report
        assert (r.added, r.updated, r.deleted, r.unchanged) == (1, 0, 1, 3)
        ids = {h.article_id for h in ix.search("troops")}
        assert "000_1e331f4947049066" not in ids and "new" in ids
        assert [h.article_id for h in ix.search("source:example title:zeppelin")] == ["new"]


def test_unchanged_corpus_reopens_without_a_commit(corpus, index_dir):
    CorpusIndex.open(index_dir, load(corpus)).close()
    before, gen = index_files_state(index_dir), generation(index_dir)
    with CorpusIndex.open(index_dir, load(corpus)) as ix:
        assert (ix.report.unchanged, ix.report.changed) == (4, False)
        assert len(ix.search("troops")) == 4
    assert generation(index_dir) == gen
    assert index_files_state(index_dir) == before


def test_rebuild_forces_a_full_rebuild(corpus, index_dir):
    CorpusIndex.open(index_dir, load(corpus)).close()
    with CorpusIndex.open(index_dir, load(corpus), rebuild=True) as ix:
        assert ix.report.rebuilt and ix.report.added == 4
        assert ix.doc_count() == 4
        assert len(ix.search("troops")) == 4


def test_progress_is_reported_while_indexing(seed_articles, index_dir):
    calls: list[tuple[int, int]] = []
    CorpusIndex.open(index_dir, seed_articles, progress=lambda d, t: calls.append((d, t))).close()
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


# --------------------------------------------------------------------------- refresh


def test_searcher_renewed_after_merges_never_duplicates_hits(corpus, index_dir):
    """Regression for Whoosh's Searcher.refresh() returning duplicated documents after a
    commit that merged segments: an index opened earlier must see each article once."""
    reader_ix = CorpusIndex.open(index_dir, load(corpus))
    assert len(reader_ix.search("troops")) == 4
    writer_ix = CorpusIndex.open(index_dir, load(corpus))
    target = corpus / "002_0be6cc156e819297.txt"
    original = target.read_text(encoding="utf-8")
    for n in range(12):  # enough small commits for Whoosh to merge segments
        target.write_text(original + f"\nedit number {n}\n", encoding="utf-8")
        assert writer_ix.sync(load(corpus)).updated == 1
        ids = [h.article_id for h in reader_ix.search("troops", limit=None)]
        assert sorted(ids) == sorted(SEED_IDS), f"after commit {n}: {ids}"
        assert reader_ix.doc_count() == 4
    segments = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)._segments()
    assert len(segments) < 12  # merges did happen
    reader_ix.close()
    writer_ix.close()


# --------------------------------------------------------------------------- damage


def _truncate_all(index_dir: Path) -> None:
    for p in index_dir.iterdir():
        if p.is_file() and p.name != "README.md" and not p.name.endswith("WRITELOCK"):
            data = p.read_bytes()
            p.write_bytes(data[: len(data) // 2])


def _garble_segments(index_dir: Path) -> None:
    rng = random.Random(3)
    for p in index_dir.glob("*.seg"):
        size = p.stat().st_size
        p.write_bytes(bytes(rng.randrange(256) for _ in range(size)))


def _garble_toc(index_dir: Path) -> None:
    for p in index_dir.glob("_MAIN_*.toc"):
        p.write_bytes(b"not a table of contents" * 10)


def _delete_toc(index_dir: Path) -> None:
    for p in index_dir.glob("_MAIN_*.toc"):
        p.unlink()


def _delete_segments(index_dir: Path) -> None:
    for p in index_dir.glob("*.seg"):
        p.unlink()


@pytest.mark.parametrize(
    "damage", [_truncate_all, _garble_segments, _garble_toc, _delete_toc, _delete_segments],
    ids=["truncated", "garbled-segments", "garbled-toc", "missing-toc", "deleted-segments"],
)
def test_damaged_index_is_moved_aside_and_rebuilt(corpus, tmp_path, damage):
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / "README.md").write_text("keep me\n")
    CorpusIndex.open(index_dir, load(corpus)).close()
    damage(index_dir)
    with CorpusIndex.open(index_dir, load(corpus)) as ix:
        message = ix.report.recovered
        assert message and "\n" not in message and "damaged" in message and "moved" in message
        assert ix.report.rebuilt and ix.report.added == 4
        assert {h.article_id for h in ix.search("troops")} == SEED_IDS
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("ix.corrupt-")]
    assert len(aside) == 1 and any(aside[0].iterdir())
    assert str(aside[0]) in message
    assert (index_dir / "README.md").read_text() == "keep me\n"  # only index files moved
    with CorpusIndex.open(index_dir, load(corpus)) as again:  # and now it is healthy
        assert again.report.recovered is None and again.report.unchanged == 4


def test_an_empty_folder_is_a_fresh_index_not_a_recovery(seed_articles, tmp_path):
    (tmp_path / "ix").mkdir()
    with CorpusIndex.open(tmp_path / "ix", seed_articles) as ix:
        assert ix.report.recovered is None and ix.report.added == 4


def test_unusable_index_folder_is_a_clear_error(seed_articles, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(NewsdiffIndexError) as info:
        CorpusIndex.open(blocker / "ix", seed_articles)
    assert "cannot create index folder" in str(info.value)


# --------------------------------------------------------------------------- locking


def test_second_writer_times_out_while_readers_keep_working(corpus, index_dir, hold_index_lock):
    reader = CorpusIndex.open(index_dir, load(corpus))
    target = corpus / "000_1e331f4947049066.txt"
    with hold_index_lock(index_dir):
        target.write_text(target.read_text(encoding="utf-8") + "\nzeppelin\n", encoding="utf-8")
        with pytest.raises(IndexLockedError) as info:
            CorpusIndex.open(index_dir, load(corpus), lock_timeout=0.5)
        message = str(info.value)
        assert "another newsdiff process" in message and "0.5" in message and "\n" not in message
        assert len(reader.search("troops")) == 4  # the open reader still searches
        target.write_text(target.read_text(encoding="utf-8").replace("\nzeppelin\n", ""), encoding="utf-8")
        with CorpusIndex.open(index_dir, load(corpus), lock_timeout=0.5) as unchanged:
            assert unchanged.report.unchanged == 4  # an unchanged corpus needs no lock
    target.write_text(target.read_text(encoding="utf-8") + "\nzeppelin\n", encoding="utf-8")
    with CorpusIndex.open(index_dir, load(corpus), lock_timeout=0.5) as ix:
        assert ix.report.updated == 1
        assert [h.article_id for h in ix.search("zeppelin")] == ["000_1e331f4947049066"]
    reader.close()


def test_damaged_index_held_by_a_writer_is_left_alone(corpus, index_dir, hold_index_lock):
    CorpusIndex.open(index_dir, load(corpus)).close()
    with hold_index_lock(index_dir):
        _garble_toc(index_dir)
        with pytest.raises(IndexLockedError):
            CorpusIndex.open(index_dir, load(corpus), lock_timeout=0.3)
        assert list(index_dir.glob("_MAIN_*.toc"))  # nothing was moved
    with CorpusIndex.open(index_dir, load(corpus), lock_timeout=0.3) as ix:
        assert ix.report.recovered and len(ix.search("troops")) == 4


# --------------------------------------------------------------------------- fast ranking


def _random_corpus(folder: Path, articles: int = 120, words: int = 150, seed: int = 11) -> None:
    """Pseudo-words from a small alphabet (so fuzzy neighbours and shared prefixes abound),
    stop words, and a few real names and phrases."""
    rng = random.Random(seed)
    vocab = sorted({"".join(rng.choice("bdgkmnrstaeiou") for _ in range(rng.randint(2, 8)))
                    for _ in range(400)})
    vocab += ["the", "of", "and", "a", "Quds", "Force", "forces", "Suleimani", "Suleiman", "revolution",
              "Revolutionary", "Guards", "troops", "troop"]
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        body = rng.choices(vocab, k=words)
        (folder / f"a{n:03d}.txt").write_text(" ".join(body) + ".\n", encoding="utf-8")
    # overlapping phrase occurrences ("force force" twice, sharing a word)
    (folder / "overlap.txt").write_text("The Force forces Force, then quiet.\n", encoding="utf-8")


def _whoosh_ranking(ix: CorpusIndex, q, limit):
    """Whoosh's own ranking of ``q``. A prefix or fuzzy term is run as the OR of the terms
    Whoosh expands it to, scored: Whoosh does that itself in segments of more than 5,000
    documents or for two terms, but scores every hit 1.0 in smaller segments; the fast
    path always sums the terms' BM25F scores (see newsdiff.search.ranking)."""
    from whoosh import query as wq
    from whoosh.query.compound import DefaultOr

    searcher = ix._fresh_searcher()
    if isinstance(q, (wq.Prefix, wq.FuzzyTerm)):
        q = DefaultOr([wq.Term("body", w) for w in sorted(_whoosh_expansion(ix, q))])
    return [(hit.docnum, hit.score) for hit in searcher.search(q, limit=limit)]


def _whoosh_expansion(ix: CorpusIndex, q) -> set[str]:
    """The terms Whoosh's search expands ``q`` to: per segment, as its matcher does (the
    multi-segment reader's own fuzzy expansion uses another distance, Damerau's)."""
    words = set()
    for reader in ix._fresh_searcher().reader().leaf_readers():
        words.update(q._btexts(reader[0]))
    return {w.decode("utf-8") if isinstance(w, bytes) else w for w in words}


def _same_ranking(ours, theirs) -> bool:
    """Same documents in the same order with the same scores. Scores may differ in the
    last bits where three or more expanded terms' scores are added in another order
    (Whoosh's OR tree depends on segment sizes), so documents whose scores tie within
    that rounding may swap places, or trade places at the limit."""
    if len(ours) != len(theirs):
        return False
    close = lambda a, b: abs(a - b) <= 1e-9 * max(1.0, abs(b))  # noqa: E731
    if not all(close(a, b) for (_, a), (_, b) in zip(ours, theirs)):
        return False
    if [d for d, _ in ours] == [d for d, _ in theirs]:
        return True
    last = theirs[-1][1]
    mine, whooshs = dict(ours), dict(theirs)
    for doc in set(mine) ^ set(whooshs):  # only boundary ties may trade places
        if not close(mine.get(doc, whooshs.get(doc)), last):
            return False
    return all(close(mine[d], whooshs[d]) for d in set(mine) & set(whooshs))


def test_fast_ranking_is_whooshs_ranking(tmp_path):
    """The fast path (newsdiff.search.ranking) must return exactly what Whoosh's own search
    returns, for terms, phrases, prefixes and fuzzy terms, across two segments with
    deleted documents; and the match offsets it reads from the index must be those
    found in the article text."""
    from whoosh import query as wq

    from newsdiff.search.query import parse_query, text_spans

    folder = tmp_path / "corpus"
    _random_corpus(folder)
    CorpusIndex.open(tmp_path / "ix", load(folder)).close()
    for path in sorted(folder.iterdir())[::7]:  # an update: deletions + a second segment
        path.write_text(path.read_text(encoding="utf-8") + " Quds Force of the troops\n", encoding="utf-8")
    rng = random.Random(5)
    with CorpusIndex.open(tmp_path / "ix", load(folder)) as ix:
        assert ix.report.updated > 0
        assert len(ix._fresh_searcher().reader().leaf_readers()) == 2
        texts = [a.text.split() for a in ix.articles.values()]
        queries = ['"Quds Force"', '"force of the troops"', '"Quds Force troops"', "troops",
                   "Revolution*", "Suleimeni~", "Suleimeni~2", "sule~2", "q~", "zzzz~2", "zzz*", '"force force"',
                   '"forces force force"']
        for _ in range(25):
            words = rng.choice(texts)
            i = rng.randrange(len(words) - 3)
            w = words[i].strip(".")
            mutated = w[:1] + w[2:] if len(w) > 3 else w + "a"
            queries += [w, w[:2] + "*", w[:3] + "*", f"{mutated}~", f"{mutated}~2",
                        f'"{words[i]} {words[i + 1]}"', f'"{" ".join(words[i:i + 3])}"'.replace(".", "")]
        searcher = ix._fresh_searcher()
        checked = spans_checked = 0
        for text in queries:
            q = parse_query(text, ix._ix.schema)
            if isinstance(q, wq.Prefix):
                assert set(ix._ranker.expand_prefix(q.text)) == _whoosh_expansion(ix, q), text
            if isinstance(q, wq.FuzzyTerm):
                expanded = ix._ranker.expand_fuzzy(q.text, q.maxdist, q.prefixlength)
                assert set(expanded) == _whoosh_expansion(ix, q), text
            for limit in (None, 10, 3):
                ranked = ix._ranker.rank(q, limit)
                assert ranked is not None, text
                ours = [(hit.docnum, hit.score) for hit in ranked]
                theirs = _whoosh_ranking(ix, q, limit)
                assert _same_ranking(ours, theirs), (text, limit, ours[:5], theirs[:5])
                if isinstance(q, (wq.Term, wq.Phrase)):  # no reordered sums: bit-identical
                    assert ours == theirs, (text, limit)
                checked += bool(theirs)
            for hit in ranked:
                article = ix.article(searcher.stored_fields(hit.docnum)["id"])
                assert hit.spans == text_spans(q, article.text), (text, article.id)
                spans_checked += 1
        assert checked > 100 and spans_checked > 100  # most queries found something
        for compound in ["troops quds", "quds OR troops", "title:quds", '"quds force"~3', "tro*ps"]:
            assert ix._ranker.rank(parse_query(compound, ix._ix.schema), 10) is None  # Whoosh's
        overlap = ix.article("overlap").text
        hit, = [h for h in ix.search('"force force"', limit=None) if h.article_id == "overlap"]
        assert [overlap[s:e] for s, e in hit.spans] == ["Force forces Force"]


def test_top_k_from_frequency_files_or_pruned_blocks_is_the_full_ranking(tmp_path, monkeypatch):
    """Every way of ranking a top k (newsdiff.search.ranking: from the segments' frequency
    files, in Python or with numpy, or decoding Whoosh's blocks in order of their score
    bound) gives exactly the
    first k of the full ranking, scores and match offsets included: on postings of many small blocks, two segments with deletions, for terms,
    phrases (repeated words too), prefixes and fuzzy terms, at limits from 1 to more
    than the hits. For a term in every article but often in only a few, block pruning
    must decode fewer than half of the term's blocks."""
    from newsdiff.search import blocks, index as index_module, ranking
    from newsdiff.search.query import parse_query

    monkeypatch.setattr(index_module, "POSTINGS_BLOCK", 4)
    folder = tmp_path / "corpus"
    _random_corpus(folder, articles=300, words=60, seed=23)
    rng = random.Random(8)
    for n in range(300):  # varied lengths and frequencies, so block bounds differ
        path = folder / f"a{n:03d}.txt"
        extra = " ".join(["Quds Force troops"] * rng.randint(0, 4) + ["said"] * rng.randint(0, 200)
                         + ["zebra"] * (6 if n % 50 == 7 else 1))
        path.write_text(path.read_text(encoding="utf-8") + extra + "\n", encoding="utf-8")
    CorpusIndex.open(tmp_path / "ix", load(folder)).close()
    for path in sorted(folder.iterdir())[::5]:
        path.write_text(path.read_text(encoding="utf-8") + " Force troops Quds Force\n", encoding="utf-8")
    decoded = []
    real_decode = blocks.Block.decode

    def counting_decode(self):
        if self._decoded is None:
            decoded.append(self)
        return real_decode(self)

    monkeypatch.setattr(blocks.Block, "decode", counting_decode)
    with CorpusIndex.open(tmp_path / "ix", load(folder)) as ix:
        assert ix.report.updated > 0 and len(ix._fresh_searcher().reader().leaf_readers()) == 2
        texts = [a.text.split() for a in ix.articles.values()]
        queries = ["troops", "said", '"Quds Force"', '"Force troops Quds"', '"force force"', "revolution*",
                   "t*", "Suleimeni~", "quds~2", "zzzz"]
        for _ in range(30):
            words = rng.choice(texts)
            i = rng.randrange(len(words) - 3)
            w = words[i].strip(".")
            queries += [w, w[:2] + "*", f"{w[:1] + w[2:] if len(w) > 3 else w + 'a'}~",
                        f'"{words[i]} {words[i + 1]}"'.replace(".", "")]
        compared = 0
        for text in queries:
            try:
                q = parse_query(text, ix._ix.schema)
            except QueryError:  # a stop word drawn from the texts
                continue
            full = ix._ranker.rank(q, None)
            for limit in (1, 2, 5, 10, len(full) + 3):
                for way in ("frequencies", "frequencies with numpy", "blocks"):
                    ix._ranker.use_frequencies = way != "blocks"
                    monkeypatch.setattr(ranking, "NUMPY_FROM", 0 if way.endswith("numpy") else 10**9)
                    top = ix._ranker.rank(q, limit)
                    assert [(h.docnum, h.score, h.spans) for h in top] == \
                           [(h.docnum, h.score, h.spans) for h in full[:limit]], (text, limit, way)
                    compared += bool(top)
        assert compared > 600
        assert all(seg.frequencies is not None for seg in ix._ranker.segments())
        ix._ranker.use_frequencies = False
        decoded.clear()
        ix._ranker.rank(parse_query("zebra", ix._ix.schema), 3)
        every = sum(len(blocks.term_blocks(seg.reader, "body", b"zebra")) for seg in ix._ranker.segments())
        assert 0 < len(decoded) < every / 2


@pytest.mark.parametrize("query", ["troops", '"Quds Force"', '"Revolutionary Guard troops"',
                                   "Revolution*", "Suleimeni~", "Suleimeni~2", "irq~", "tro*"])
def test_fast_path_search_matches_whoosh_path_hits_and_spans(seed_articles, index_dir, query):
    """Hits, spans and snippets through CorpusIndex.search are the same whether the fast
    ranker or Whoosh runs the query; so are scores and order for terms and phrases (for
    expansions, Whoosh's scores depend on segment size: see _whoosh_ranking)."""
    with CorpusIndex.open(index_dir, seed_articles) as ix:
        fast = ix.search(query, limit=None)
        ix._ranker.usable = False
        slow = ix.search(query, limit=None)
        assert fast
        by_id = {h.article_id: (h.spans, h.snippet) for h in slow}
        assert {h.article_id: (h.spans, h.snippet) for h in fast} == by_id
        if "*" not in query and "~" not in query:
            assert [(h.article_id, round(h.score, 9)) for h in fast] == \
                   [(h.article_id, round(h.score, 9)) for h in slow]


def test_index_of_an_older_schema_version_is_rebuilt(seed_articles, index_dir):
    """Version 2 stores character offsets: an index written by version 1 is rebuilt on
    open rather than searched with the wrong layout."""
    from whoosh import writing

    from newsdiff.search.index import _document, make_schema

    index_dir.mkdir()
    old = whoosh_index.create_in(str(index_dir), make_schema(), indexname=INDEX_NAME)
    writer = old.writer()
    for article in seed_articles:
        writer.add_document(**{**_document(article), "schema_version": 1})
    writer.commit(mergetype=writing.CLEAR)
    with CorpusIndex.open(index_dir, seed_articles) as ix:
        assert ix.report.rebuilt and ix.report.added == 4
        assert len(ix.search("troops")) == 4


# --------------------------------------------------------------------------- segments and lengths


def test_updating_every_article_leaves_no_dead_segment(corpus, index_dir):
    with CorpusIndex.open(index_dir, load(corpus)):
        pass
    for f in corpus.iterdir():
        f.write_text(f.read_text(encoding="utf-8") + "\nA line added to each.\n", encoding="utf-8")
    with CorpusIndex.open(index_dir, load(corpus)) as ix:
        assert ix.report.updated == 4
        assert {h.article_id for h in ix.search('"line added"')} == SEED_IDS
    segments = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)._segments()
    assert [(s.doc_count_all(), s.deleted_count()) for s in segments] == [(4, 0)]
    assert len(list(index_dir.glob("*.seg"))) == 1  # the dead one's file is gone too


def test_field_lengths_read_as_a_block_are_whooshs_own(corpus, index_dir):
    from newsdiff.search.ranking import _column_lengths

    with CorpusIndex.open(index_dir, load(corpus)):
        pass
    (corpus / "extra.txt").write_text("Extra\n\nTroops troops troops.\n", encoding="utf-8")
    with CorpusIndex.open(index_dir, load(corpus)):
        pass
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    with ix.reader() as reader:
        for sub, _offset in reader.leaf_readers():
            for field in ("body", "title", "source", "nosuchfield"):
                expected = [sub.doc_field_length(d, field, 1) for d in range(sub.doc_count_all())]
                assert _column_lengths(sub, field) == expected
