"""The file cache: unchanged files (by their stat) are not read again; anything else is."""

from __future__ import annotations

import json
import os
from pathlib import Path

from newsdiff.corpus.articles import Article, load_corpus
from newsdiff.corpus.file_cache import CACHE_NAME, FileCache
from newsdiff.corpus.loading import file_cache_for


def _pile(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("Quake in Oita\n\nA quake struck Oita on Monday.", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"text": "Floods in Leeds.", "title": "Leeds"}\n'
                                    '{"text": "Snow in Oslo.", "title": "Oslo"}\n', encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00\x01 not text")


def _load(folder: Path, index: Path, reread: bool = False, max_bytes: int = 5_000_000):
    cache = file_cache_for(index, reread=reread)
    result = load_corpus([folder], max_bytes=max_bytes, cache=cache)
    cache.save()
    return result


def test_unchanged_files_come_from_the_cache_and_read_their_text_when_asked(tmp_path):
    _pile(tmp_path / "news")
    first = _load(tmp_path / "news", tmp_path / "ix")
    assert (tmp_path / "ix" / CACHE_NAME).exists()
    second = _load(tmp_path / "news", tmp_path / "ix")
    assert [type(a) is Article for a in second.articles] == [False, False, False]
    assert [a.id for a in second.articles] == [a.id for a in first.articles] == ["a", "b-1", "b-2"]
    assert [a.text for a in second.articles] == [a.text for a in first.articles]
    assert second.articles == first.articles  # a cached article equals the one read
    assert second.warnings == first.warnings and "binary" in second.warnings[0]


def test_a_changed_new_or_deleted_file_is_seen(tmp_path):
    news = tmp_path / "news"
    _pile(news)
    _load(news, tmp_path / "ix")
    (news / "a.txt").write_text("Quake in Oita\n\nA second quake struck Oita.", encoding="utf-8")
    (news / "d.md").write_text("Fire in Turku\n\nA fire broke out.", encoding="utf-8")
    (news / "b.jsonl").unlink()
    again = _load(news, tmp_path / "ix")
    by_id = {a.id: a for a in again.articles}
    assert sorted(by_id) == ["a", "d"]
    assert type(by_id["a"]) is Article and "second quake" in by_id["a"].text
    kept = json.loads((tmp_path / "ix" / CACHE_NAME).read_text(encoding="utf-8"))["files"]
    assert not any(name.endswith("b.jsonl") for name in kept)  # a file gone leaves the cache


def test_a_different_size_limit_is_a_miss(tmp_path):
    _pile(tmp_path / "news")
    _load(tmp_path / "news", tmp_path / "ix")
    small = _load(tmp_path / "news", tmp_path / "ix", max_bytes=30)
    assert [a.id for a in small.articles] == []
    assert any("limit" in w for w in small.warnings)


def test_reread_ignores_the_cache(tmp_path):
    _pile(tmp_path / "news")
    _load(tmp_path / "news", tmp_path / "ix")
    again = _load(tmp_path / "news", tmp_path / "ix", reread=True)
    assert all(type(a) is Article for a in again.articles)


def test_a_corrupt_or_tampered_cache_is_ignored_or_cleaned(tmp_path):
    news = tmp_path / "news"
    _pile(news)
    _load(news, tmp_path / "ix")
    where = tmp_path / "ix" / CACHE_NAME
    data = json.loads(where.read_text(encoding="utf-8"))
    entry = data["files"][str(news / "a.txt")]
    entry["articles"][0]["title"] = "\x1b[31mred\x1b]0;owned\x07"
    entry["articles"][0]["id"] = "a\u202e"
    data["files"][str(news / "b.jsonl")]["articles"] = [{"id": 5}]
    where.write_text(json.dumps(data), encoding="utf-8")
    loaded = _load(news, tmp_path / "ix")
    a = next(x for x in loaded.articles if x.path.endswith("a.txt"))
    assert "\x1b" not in a.title and "\x07" not in a.title and "\u202e" not in a.id
    assert {x.id for x in loaded.articles if x.path.endswith("b.jsonl")} == {"b-1", "b-2"}
    for garbage in (b"\x00\xff not json", b"[]", b'{"format": 1, "files": 3}'):
        where.write_bytes(garbage)
        assert [x.id for x in _load(news, tmp_path / "ix").articles] == ["a", "b-1", "b-2"]
    assert FileCache.load(tmp_path / "missing" / CACHE_NAME, "v").entries == {}


def test_a_cached_file_that_vanished_gives_no_text_and_no_error(tmp_path):
    _pile(tmp_path / "news")
    _load(tmp_path / "news", tmp_path / "ix")
    lazy = _load(tmp_path / "news", tmp_path / "ix").articles[0]
    os.unlink(lazy.path)
    assert lazy.text == ""


def test_search_sees_an_edit_made_after_the_last_run(run_newsdiff, tmp_path):
    news = tmp_path / "news"
    _pile(news)
    ix = tmp_path / "ix"
    first = run_newsdiff("search", str(news), "Oita", "--index", str(ix))
    assert first.returncode == 0 and "Quake in Oita" in first.stdout
    assert run_newsdiff("search", str(news), "tsunami", "--index", str(ix)).returncode == 1
    (news / "a.txt").write_text("Quake in Oita\n\nA tsunami warning followed.", encoding="utf-8")
    after = run_newsdiff("search", str(news), "tsunami", "--index", str(ix))
    assert after.returncode == 0 and "Quake in Oita" in after.stdout
    verified = run_newsdiff("index", str(news), "--index", str(ix), "--verify")
    assert verified.returncode == 0 and "unchanged 3" in verified.stdout


def test_a_file_name_the_file_system_cannot_decode_is_cached_and_found_again(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    odd = os.fsencode(news) + b"/caf\xe9.txt"
    with open(odd, "wb") as f:
        f.write(b"Cafe closes\n\nThe cafe closed on Monday.")
    first = _load(news, tmp_path / "ix")
    assert len(first.articles) == 1
    second = _load(news, tmp_path / "ix")
    assert type(second.articles[0]) is not Article and second.articles[0].text == first.articles[0].text


def test_the_articles_of_one_file_read_it_once_for_all(tmp_path):
    from newsdiff.corpus import articles as loader

    news = tmp_path / "news"
    news.mkdir()
    (news / "feed.jsonl").write_text("".join(f'{{"text": "Item {n} text."}}\n' for n in range(50)),
                                     encoding="utf-8")
    _load(news, tmp_path / "ix")
    lazy = _load(news, tmp_path / "ix").articles
    loader._file_texts.cache_clear()
    assert [a.text for a in lazy] == [f"Item {n} text." for n in range(50)]
    assert loader._file_texts.cache_info().misses == 1
