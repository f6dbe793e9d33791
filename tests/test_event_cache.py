"""The events of a pile, kept beside its index: reused only for the very same pile."""

from __future__ import annotations

import json
from dataclasses import replace

from newsdiff.comparison.event_cache import CACHE_NAME, grouped_events
from newsdiff.comparison.events import group_events
from newsdiff.corpus.articles import text_sha256


def test_the_same_pile_reuses_its_events_and_a_changed_one_is_regrouped(tmp_path, seed_articles):
    first = grouped_events(seed_articles, tmp_path)
    assert first == group_events(seed_articles)
    assert (tmp_path / CACHE_NAME).exists()
    data = json.loads((tmp_path / CACHE_NAME).read_text(encoding="utf-8"))
    data["events"][0]["title"] = "Remembered \x1b[2Jtitle"  # what a reuse would show
    (tmp_path / CACHE_NAME).write_text(json.dumps(data), encoding="utf-8")
    again = grouped_events(seed_articles, tmp_path)
    assert again[0].title.startswith("Remembered") and "\x1b" not in again[0].title  # reused, cleaned
    assert [e.article_ids for e in again] == [e.article_ids for e in first]
    changed = [replace(seed_articles[0], text="Other text.", sha256=text_sha256("Other text."))] + seed_articles[1:]
    regrouped = grouped_events(changed, tmp_path)
    assert all("\x1b" not in e.title and not e.title.startswith("Remembered") for e in regrouped)


def test_a_cache_that_does_not_hold_the_pile_exactly_is_not_used(tmp_path, seed_articles):
    grouped_events(seed_articles, tmp_path)
    where = tmp_path / CACHE_NAME
    data = json.loads(where.read_text(encoding="utf-8"))
    ids = [a.id for a in seed_articles]
    for events in ([{"title": "t", "articles": ids[:1]}],  # articles missing
                   [{"title": "t", "articles": ids + ids[:1]}],  # one twice
                   [{"title": "t", "articles": ids + ["ghost"]}],  # one not in the pile
                   "nonsense"):
        where.write_text(json.dumps({**data, "events": events}), encoding="utf-8")
        assert grouped_events(seed_articles, tmp_path) == group_events(seed_articles)
    where.write_bytes(b"\xff\x00")
    assert grouped_events(seed_articles, tmp_path) == group_events(seed_articles)


def test_events_command_twice_gives_the_same_groups(run_newsdiff, seeds_dir):
    first = run_newsdiff("events", str(seeds_dir), "--format", "yaml")
    second = run_newsdiff("events", str(seeds_dir), "--format", "yaml")
    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout


def test_articles_packed_for_the_grouping_child_come_back_equal(tmp_path, seed_corpus):
    """What the grouping child is sent (columns of plain values): articles rebuilt from
    the file cache come back unread and read the same text from their files; others
    come back with their text."""
    import pickle

    from newsdiff.comparison.grouping_process import pack, unpack
    from newsdiff.corpus.articles import _LazyArticle
    from newsdiff.corpus.loading import file_cache_for, load_articles

    def unread(a) -> bool:
        return type(a) is _LazyArticle and a.__dict__["_text"] is None

    cache = file_cache_for(tmp_path / "ix")
    fresh = load_articles([seed_corpus], cache=cache)
    cache.save()
    cached = load_articles([seed_corpus], cache=file_cache_for(tmp_path / "ix"))
    assert all(map(unread, cached)) and not any(map(unread, fresh))
    again = load_articles([seed_corpus], cache=file_cache_for(tmp_path / "ix"))
    for articles in (fresh, cached, fresh[:1] + again[1:]):
        expected = list(map(unread, articles))
        back = unpack(pickle.loads(pickle.dumps(pack(articles))))
        assert list(map(unread, back)) == expected
        assert back == articles and [a.text for a in back] == [a.text for a in articles]
    assert expected == [False, True, True, True]  # the last pile mixed read and unread articles


def test_events_command_keeps_its_grouping_in_the_index_folder_given(run_newsdiff, seed_corpus, tmp_path):
    """`newsdiff events PILE --index DIR` keeps the grouping where the app opened with
    `--index DIR` looks for it, and nowhere else."""
    from newsdiff.corpus.articles import load_corpus
    from tui import engine

    where = tmp_path / "my-index"
    done = run_newsdiff("events", str(seed_corpus), "--index", str(where), "--format", "yaml")
    assert done.returncode == 0, done.stderr
    assert (where / CACHE_NAME).is_file()
    assert not list((tmp_path / ".cache").rglob(CACHE_NAME))
    articles = load_corpus([seed_corpus]).articles
    kept = engine.cached_events(articles, where)
    assert kept is not None and [e.article_ids for e in kept] == [e.article_ids for e in group_events(articles)]
