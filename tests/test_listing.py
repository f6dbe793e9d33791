"""The pile's listing (newsdiff.corpus.listing) and the search that trusts it: a cold
``newsdiff search`` on an unchanged pile stats the files and opens the index as is, and
every change to the pile, the paths, the limit, the readers or the index sends it the
full way. Real files, a real index on disk, the real command in a subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsdiff import __version__
from newsdiff.corpus.articles import article_in_file, iter_article_files, iter_article_names, load_corpus
from newsdiff.corpus.file_cache import reader_version
from newsdiff.corpus.listing import LISTING_NAME, current_files, unchanged
from newsdiff.corpus.loading import file_cache_for
from newsdiff.search.index import CorpusIndex

VERSION = reader_version(__version__)
LIMIT = 10_000_000


@pytest.fixture
def corpus(seed_corpus) -> Path:
    return seed_corpus


def _index(corpus: Path, ix_dir: Path, max_bytes: int = LIMIT) -> list:
    """What ``newsdiff index`` does: load with the cache, sync, save cache and listing."""
    cache = file_cache_for(ix_dir)
    articles = load_corpus([corpus], max_bytes=max_bytes, cache=cache).articles
    with CorpusIndex.open(ix_dir, articles) as ix:
        cache.save()
        assert cache.save_listing(ix.identity())
        return ix.identity()


def _as_is(ix_dir: Path, identity):
    return CorpusIndex.open_as_is(ix_dir, identity, lambda p, sha, aid: article_in_file(p, sha, aid, LIMIT))


# --------------------------------------------------------------------------- the walk


def _reference_order(folder: Path) -> list[str]:
    """What the loader's order means, computed the slow, obvious way: every supported,
    non-hidden file under the folder (not inside a saved page's folder), sorted as Paths."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not d.endswith("_files")]
        found += [Path(root) / f for f in files if not f.startswith(".") and f.endswith((".txt", ".html"))]
    return [str(p) for p in sorted(found, key=lambda p: p.parts)]


@pytest.mark.parametrize("form", ["relative", "dot", "trailing", "absolute"])
def test_names_are_the_loaders_own_in_its_order_however_the_folder_is_given(tmp_path, monkeypatch, form):
    top = tmp_path / "pile"
    for rel in ["a.txt", "a/b.txt", "a/c/d.txt", "a-b.txt", "a.b/x.txt", "B.txt", "_1.txt", "z/y.txt",
                ".hidden.txt", ".h/x.txt", "page_files/x.html", "b.html", "c.bin", "a/c/ä.txt"]:
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text("Title\n\nSome text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path if form != "dot" else top)
    given = {"relative": Path("pile"), "dot": Path("."), "trailing": Path("pile/"),
             "absolute": top}[form]
    names = list(iter_article_names([given]))
    assert names == [str(p) for p in iter_article_files([given])]
    assert all(str(Path(n)) == n for n in names)  # each in a Path's normal form
    assert names == _reference_order(given if form != "dot" else Path("."))
    base = str(given) + "/" if form != "dot" else ""
    assert [n.removeprefix(base) for n in names] == [  # a folder's files in its place, by parts
        "B.txt", "_1.txt", "a/b.txt", "a/c/d.txt", "a/c/ä.txt", "a-b.txt", "a.b/x.txt", "a.txt", "b.html", "z/y.txt"]


def test_current_files_lists_stats_and_refuses_what_a_stat_cannot_vouch_for(tmp_path):
    top = tmp_path / "pile"
    top.mkdir()
    (top / "one.txt").write_text("One\n\ntext\n", encoding="utf-8")
    files = current_files([top])
    st = (top / "one.txt").stat()
    assert files == [[str(top / "one.txt"), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]]
    (top / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert current_files([top]) is None  # a broken link is reported by the load, not listed


# --------------------------------------------------------------------------- unchanged or not


def test_an_unchanged_pile_is_recognised_and_searched_as_is(corpus, tmp_path):
    ix_dir = tmp_path / "ix"
    identity = _index(corpus, ix_dir)
    seen = unchanged(ix_dir, [corpus], LIMIT, VERSION)
    assert seen is not None and seen.index == identity and seen.warnings == []
    with CorpusIndex.open(ix_dir, load_corpus([corpus]).articles) as full:
        expected = [(h.article_id, h.path, h.title, h.score, h.snippet, h.spans) for h in full.search("troops")]
    ix = _as_is(ix_dir, seen.index)
    assert ix is not None
    with ix:
        got = [(h.article_id, h.path, h.title, h.score, h.snippet, h.spans) for h in ix.search("troops")]
        assert ix.report.unchanged == 4 and not ix.report.changed
        assert sorted(ix.articles) == sorted(a for a, *_ in expected)
    assert got == expected and len(got) == 4


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename", "touch"])
def test_any_change_to_the_files_is_a_miss(corpus, tmp_path, change):
    ix_dir = tmp_path / "ix"
    _index(corpus, ix_dir)
    first = sorted(corpus.iterdir())[0]
    if change == "edit":
        first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    elif change == "add":
        (corpus / "new.txt").write_text("New\n\nA new article.\n", encoding="utf-8")
    elif change == "remove":
        first.unlink()
    elif change == "rename":
        first.rename(corpus / "renamed.txt")
    else:
        st = first.stat()
        os.utime(first, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert unchanged(ix_dir, [corpus], LIMIT, VERSION) is None


def test_other_paths_limit_readers_or_a_bad_listing_are_misses(corpus, tmp_path, monkeypatch):
    ix_dir = tmp_path / "ix"
    _index(corpus, ix_dir)
    assert unchanged(ix_dir, [corpus], LIMIT, VERSION) is not None
    monkeypatch.chdir(tmp_path)
    assert unchanged(ix_dir, [Path("corpus")], LIMIT, VERSION) is None  # named another way
    assert unchanged(ix_dir, [corpus], LIMIT - 1, VERSION) is None
    assert unchanged(ix_dir, [corpus], LIMIT, "another-version") is None
    listing = ix_dir / LISTING_NAME
    data = json.loads(listing.read_text())
    for bad in ["{", "[]", json.dumps(dict(data, files="x")), json.dumps(dict(data, warnings=[1])),
                json.dumps(dict(data, index=None)), "\x00\xff"]:
        listing.write_bytes(bad.encode("utf-8", "surrogateescape"))
        assert unchanged(ix_dir, [corpus], LIMIT, VERSION) is None


def test_the_index_changed_since_is_not_opened_as_is(corpus, tmp_path):
    ix_dir = tmp_path / "ix"
    identity = _index(corpus, ix_dir)
    articles = load_corpus([corpus]).articles
    with CorpusIndex.open(ix_dir, articles[:2]):  # another command synced another pile
        pass
    assert _as_is(ix_dir, identity) is None
    with CorpusIndex.open(ix_dir, articles, rebuild=True) as ix:  # rebuilt: numbers restart, names do not
        assert ix.identity() != identity
    assert _as_is(ix_dir, identity) is None


def test_a_damaged_index_is_left_to_the_full_open_which_repairs_it(corpus, tmp_path):
    ix_dir = tmp_path / "ix"
    identity = _index(corpus, ix_dir)
    seg = next(ix_dir.glob("*.seg"))
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0xFF
    seg.write_bytes(bytes(data))
    assert _as_is(ix_dir, identity) is None


def test_skipped_files_are_reported_again_and_cleaned(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "evil\x1b[31m.txt").write_bytes(b"")
    ix_dir = tmp_path / "ix"
    _index(corpus, ix_dir)
    seen = unchanged(ix_dir, [corpus], LIMIT, VERSION)
    assert seen is not None and len(seen.warnings) == 2
    assert all("empty" in w or "evil" in w for w in seen.warnings)
    assert not any("\x1b" in w for w in seen.warnings)


def test_a_pile_with_a_file_it_cannot_stat_keeps_no_listing(corpus, tmp_path):
    ix_dir = tmp_path / "ix"
    _index(corpus, ix_dir)
    (corpus / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    cache = file_cache_for(ix_dir)
    articles = load_corpus([corpus], max_bytes=LIMIT, cache=cache).articles
    with CorpusIndex.open(ix_dir, articles) as ix:
        assert not cache.save_listing(ix.identity())
    assert not (ix_dir / LISTING_NAME).exists()


# --------------------------------------------------------------------------- the command


def test_the_command_searches_as_is_then_sees_an_edit(run_newsdiff, corpus, tmp_path):
    ix = tmp_path / "ix"
    (corpus / "empty.txt").write_bytes(b"")
    first = run_newsdiff("search", corpus, "troops", "--json", "--index", ix)
    assert first.returncode == 0, first.stderr
    assert (ix / LISTING_NAME).exists() and "empty.txt" in first.stderr
    listing_written = (ix / LISTING_NAME).stat().st_mtime_ns
    again = run_newsdiff("search", corpus, "troops", "--json", "--index", ix)
    assert again.stdout == first.stdout and again.stderr == first.stderr  # the warning again
    assert (ix / LISTING_NAME).stat().st_mtime_ns == listing_written  # as is: nothing written
    target = next(corpus.glob("000_*.txt"))
    target.write_text(target.read_text(encoding="utf-8") + "\nZanzibarite marchers.\n", encoding="utf-8")
    edited = run_newsdiff("search", corpus, "zanzibarite", "--json", "--index", ix)
    assert edited.returncode == 0, edited.stderr
    hit = json.loads(edited.stdout.splitlines()[0])
    assert hit["article"] == target.stem and hit["snippet"].count("Zanzibarite") == 1
    assert (ix / LISTING_NAME).stat().st_mtime_ns != listing_written
