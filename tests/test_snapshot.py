"""The app's opening snapshot (newsdiff.corpus.snapshot): an unchanged pile comes back
exactly as the full load made it, text read lazily from its files; any change to the
pile or the way it is read is a miss; a damaged or tampered snapshot is a miss or is
cleaned, never trusted; and the real app opens an unchanged pile from it."""

from __future__ import annotations

import json
import marshal
import os
from pathlib import Path

import pytest

from newsdiff.corpus.articles import DEFAULT_MAX_BYTES
from newsdiff.corpus.loading import file_cache_for, load_articles
from newsdiff.corpus.snapshot import SNAPSHOT_NAME, open_snapshot, save_snapshot

VERSION = "v-test"


def _pile(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("Iran sent 150 troops.\nThey crossed into Iraq.\n", encoding="utf-8")
    (folder / "b.md").write_text("---\ntitle: Front Title\nsource: Wire\n---\nBody of b.\n", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": "Line one text.", "published": "2014-06-13"}) + "\n{not json}\n"
        + json.dumps({"text": "Line three text.", "title": "Third"}) + "\n", encoding="utf-8")
    (folder / "same.txt").write_text("Iran sent 150 troops.\nThey crossed into Iraq.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def _loaded(folder: Path, index_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES):
    cache = file_cache_for(index_dir)
    skipped: list[str] = []
    articles = load_articles([folder], max_bytes, skipped, cache=cache)
    assert articles and skipped
    return cache, articles, skipped


def _save(index_dir: Path, folder: Path, cache, articles, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    assert save_snapshot(index_dir, version=VERSION, paths=[folder], max_bytes=max_bytes,
                         files=cache.listed, warnings=cache.listed_warnings, articles=articles)


def _fields(articles):
    return [(a.id, a.path, a.title, a.sha256, a.encoding, a.source, a.url, a.published, a.text) for a in articles]


def test_an_unchanged_pile_comes_back_as_the_load_made_it(tmp_path):
    folder, index_dir = _pile(tmp_path / "pile"), tmp_path / "ix"
    cache, articles, skipped = _loaded(folder, index_dir)
    _save(index_dir, folder, cache, articles)
    opened = open_snapshot(index_dir, [folder], DEFAULT_MAX_BYTES, VERSION)
    assert opened is not None
    again, warnings = opened
    assert warnings == skipped
    assert all(a.__dict__["_text"] is None for a in again)  # nothing read yet
    assert _fields(again) == _fields(articles)  # the texts, read from the files now
    assert len({a.id for a in again}) == len(again) == 5  # the two copies keep their own ids


@pytest.mark.parametrize("change", ["touched", "added", "removed", "limit", "version", "paths"])
def test_any_change_to_the_pile_or_its_reading_is_a_miss(tmp_path, change):
    folder, index_dir = _pile(tmp_path / "pile"), tmp_path / "ix"
    cache, articles, _ = _loaded(folder, index_dir)
    _save(index_dir, folder, cache, articles)
    paths, limit, version = [folder], DEFAULT_MAX_BYTES, VERSION
    if change == "touched":
        st = os.stat(folder / "a.txt")
        os.utime(folder / "a.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    elif change == "added":
        (folder / "c.txt").write_text("New.\n", encoding="utf-8")
    elif change == "removed":
        (folder / "b.md").unlink()
    elif change == "limit":
        limit = 100
    elif change == "version":
        version = "v-other"
    else:
        paths = [folder, folder / "a.txt"]
    assert open_snapshot(index_dir, paths, limit, version) is None


def _tampered(tmp_path: Path, edit) -> tuple[Path, Path]:
    folder, index_dir = _pile(tmp_path / "pile"), tmp_path / "ix"
    cache, articles, _ = _loaded(folder, index_dir)
    _save(index_dir, folder, cache, articles)
    target = index_dir / SNAPSHOT_NAME
    data = marshal.loads(target.read_bytes())
    edit(data)
    target.write_bytes(marshal.dumps(data))
    return folder, index_dir


@pytest.mark.parametrize("damage", ["garbage", "truncated", "short column", "duplicate ids", "bad checksum",
                                    "not a string", "negative place", "empty path", "format"])
def test_a_damaged_snapshot_is_a_miss(tmp_path, damage):
    folder, index_dir = _pile(tmp_path / "pile"), tmp_path / "ix"
    cache, articles, _ = _loaded(folder, index_dir)
    _save(index_dir, folder, cache, articles)
    target = index_dir / SNAPSHOT_NAME
    raw = target.read_bytes()
    data = marshal.loads(raw)
    columns = data["columns"]
    if damage == "garbage":
        raw = b"\x00not marshal at all" * 10
    elif damage == "truncated":
        raw = raw[: len(raw) // 2]
    else:
        if damage == "short column":
            columns["title"].pop()
        elif damage == "duplicate ids":
            columns["id"][1] = columns["id"][0]
        elif damage == "bad checksum":
            columns["sha256"][0] = "abc"
        elif damage == "not a string":
            columns["url"][0] = 5
        elif damage == "negative place":
            data["places"][0] = -1
        elif damage == "empty path":
            columns["path"][0] = ""
        else:
            data["format"] = "0"
        raw = marshal.dumps(data)
    target.write_bytes(raw)
    assert open_snapshot(index_dir, [folder], DEFAULT_MAX_BYTES, VERSION) is None


def test_control_characters_in_a_tampered_snapshot_become_placeholders(tmp_path):
    def edit(data):
        data["columns"]["title"][0] = "Evil\x1b[2J title\x07"
        data["columns"]["id"][0] = "id\x1b]52;c;x\x07"
        data["warnings"] = ["bad\x1b[31m line"]

    folder, index_dir = _tampered(tmp_path, edit)
    articles, warnings = open_snapshot(index_dir, [folder], DEFAULT_MAX_BYTES, VERSION)
    assert not any(ch in articles[0].title + articles[0].id + warnings[0] for ch in "\x1b\x07")
    assert len(articles[0].title) == len("Evil\x1b[2J title\x07")  # one placeholder per character


def test_a_file_that_cannot_be_listed_leaves_no_snapshot(tmp_path):
    folder, index_dir = _pile(tmp_path / "pile"), tmp_path / "ix"
    cache, articles, _ = _loaded(folder, index_dir)
    _save(index_dir, folder, cache, articles)
    assert not save_snapshot(index_dir, version=VERSION, paths=[folder], max_bytes=DEFAULT_MAX_BYTES,
                             files=None, warnings=[], articles=articles)
    assert not (index_dir / SNAPSHOT_NAME).exists()


def test_the_app_opens_an_unchanged_pile_from_its_snapshot(run_newsdiff, tmp_path):
    """The real command, three times: a full load writes the snapshot; the same pile
    again opens from it (its file cache removed, and not written again) with the same
    warning line; a touched file takes the full load again."""
    folder, index_dir = _pile(tmp_path / "pile"), tmp_path / "ix"
    painted = tmp_path / "painted"
    env = {"NEWSDIFF_FIRST_PAINT_FILE": str(painted)}

    def run():
        painted.unlink(missing_ok=True)
        proc = run_newsdiff(folder, "--out", tmp_path / "n.yaml", "--index", index_dir, env=env, timeout=90)
        assert proc.returncode == 0 and painted.exists(), proc.stderr
        return proc

    first = run()
    assert (index_dir / SNAPSHOT_NAME).exists() and (index_dir / ".files.json").exists()
    (index_dir / ".files.json").unlink()
    second = run()
    assert not (index_dir / ".files.json").exists()  # the snapshot did the load
    assert [line for line in second.stderr.splitlines() if "binary.txt" in line] == \
           [line for line in first.stderr.splitlines() if "binary.txt" in line] != []
    (folder / "a.txt").write_text("Iran sent 2,000 troops.\n", encoding="utf-8")
    run()
    assert (index_dir / ".files.json").exists()


def test_newsdiff_index_leaves_the_snapshot_the_app_opens(run_newsdiff, tmp_path):
    from newsdiff import __version__
    from newsdiff.corpus.file_cache import reader_version

    folder, index_dir = _pile(tmp_path / "pile"), tmp_path / "ix"
    proc = run_newsdiff("index", folder, "--index", index_dir)
    assert proc.returncode == 0, proc.stderr
    opened = open_snapshot(index_dir, [folder], DEFAULT_MAX_BYTES, reader_version(__version__))
    assert opened is not None
    _cache, articles, skipped = _loaded(folder, tmp_path / "elsewhere")
    assert _fields(opened[0]) == _fields(articles) and opened[1] == skipped
