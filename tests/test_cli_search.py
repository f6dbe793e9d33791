"""``newsdiff index`` and ``newsdiff search`` run as real commands in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdiff.corpus.articles import load_corpus


@pytest.fixture
def corpus(seed_corpus) -> Path:
    return seed_corpus


def test_index_reports_counts_then_nothing_to_do(run_newsdiff, corpus, tmp_path):
    ix = tmp_path / "ix"
    first = run_newsdiff("index", corpus, "--index", ix)
    assert first.returncode == 0, first.stderr
    assert f"index: {ix}" in first.stdout
    assert "added 4, updated 0, deleted 0, unchanged 0; total 4 articles" in first.stdout
    (corpus / "003_9c71f4318ca86941.txt").unlink()
    second = run_newsdiff("index", corpus, "--index", ix)
    assert "added 0, updated 0, deleted 1, unchanged 3; total 3 articles" in second.stdout
    third = run_newsdiff("index", corpus, "--index", ix)
    assert third.stdout.splitlines()[1].startswith("up to date: added 0, updated 0, deleted 0, unchanged 3")
    rebuilt = run_newsdiff("index", corpus, "--index", ix, "--rebuild")
    assert rebuilt.stdout.splitlines()[1].startswith("rebuilt: added 3")


def test_search_json_lists_every_match_offset(run_newsdiff, corpus, tmp_path):
    result = run_newsdiff("search", corpus, "troops", "--json", "--index", tmp_path / "ix")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    texts = {a.id: a.text for a in load_corpus([corpus]).articles}
    for line in lines:
        hit = json.loads(line)
        assert set(hit) == {"article", "path", "title", "score", "snippet", "spans"}
        text = texts[hit["article"]]
        words = [text[s:e] for s, e in hit["spans"]]
        assert words and {w.lower() for w in words} <= {"troop", "troops"}
        assert len(words) == text.lower().count("troop")


def test_search_defaults_to_the_bundled_seeds_and_prints_a_table(run_newsdiff, tmp_path):
    result = run_newsdiff("search", '"Quds Force"', "--index", tmp_path / "ix")
    assert result.returncode == 0, result.stderr
    assert "001_f3fb3571b5492621" in result.stdout and "Quds Force" in result.stdout
    assert "score" in result.stdout


def test_search_prints_markup_in_articles_literally(run_newsdiff, tmp_path):
    folder = tmp_path / "markup"
    folder.mkdir()
    (folder / "m.txt").write_text("The [bold red]troops[/] arrived [link=x]here[/link].\n", encoding="utf-8")
    result = run_newsdiff("search", folder, "troops", "--index", tmp_path / "ix")
    assert result.returncode == 0, result.stderr
    assert "[bold red]" in result.stdout and "[/link]" in result.stdout


def test_search_with_no_hits_exits_1(run_newsdiff, corpus, tmp_path):
    result = run_newsdiff("search", corpus, "zeppelin", "--index", tmp_path / "ix")
    assert result.returncode == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("AND OR (", "nothing searchable in: AND OR ("),
        ('"', "nothing searchable in"),
        ("*", "bare '*'"),
        ("nosuch:x", "unknown field 'nosuch'"),
    ],
)
def test_bad_query_exits_2_with_one_line(run_newsdiff, corpus, tmp_path, query, message):
    result = run_newsdiff("search", corpus, query, "--index", tmp_path / "ix")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsdiff: error: ") and message in lines[0]
    assert not (tmp_path / "ix").exists()  # checked before anything was loaded or built


def test_search_missing_path_exits_2(run_newsdiff, tmp_path):
    result = run_newsdiff("search", tmp_path / "nope", "troops", "--index", tmp_path / "ix")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"newsdiff: error: no such file or directory: {tmp_path / 'nope'}"]


def test_locked_index_exits_2_with_a_clear_message(run_newsdiff, corpus, tmp_path, hold_index_lock):
    ix = tmp_path / "ix"
    assert run_newsdiff("index", corpus, "--index", ix).returncode == 0
    (corpus / "extra.txt").write_text("Troops and a zeppelin.\n", encoding="utf-8")
    with hold_index_lock(ix):
        result = run_newsdiff("search", corpus, "zeppelin", "--index", ix,
                              env={"NEWSDIFF_LOCK_TIMEOUT": "0.3"})
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "being updated by another newsdiff process" in lines[0]


def test_damaged_index_warns_once_and_still_answers(run_newsdiff, corpus, tmp_path):
    ix = tmp_path / "ix"
    assert run_newsdiff("index", corpus, "--index", ix).returncode == 0
    for toc in ix.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    result = run_newsdiff("search", corpus, "troops", "--json", "--index", ix)
    assert result.returncode == 0
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("newsdiff: warning: ")
    assert "damaged" in warnings[0] and ".corrupt-" in warnings[0]
    assert len(result.stdout.splitlines()) == 4


def test_progress_bar_goes_to_stderr_only(run_newsdiff, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        (folder / f"a{n:02d}.txt").write_text(f"Article {n} about troops and rivers.\n", encoding="utf-8")
    result = run_newsdiff("index", folder, "--index", tmp_path / "ix")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("updated: added 60")
    assert len(result.stdout.splitlines()) == 2
