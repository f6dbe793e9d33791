"""Faults of the on-disk index, on real Whoosh indexes and the real ``newsdiff`` command:
silent damage caught by the checksum manifest, ``newsdiff index --verify``, indexes
written before checksums, damaged / truncated / zero-length / missing files, a read-only
folder (EROFS and EACCES), a full disk (a small tmpfs) and ``kill -9`` at a few points of
a build. Each ends in at most one stderr line and a working index, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from newsdiff.corpus.file_cache import CACHE_NAME as FILE_CACHE
from newsdiff.corpus.listing import LISTING_NAME
from newsdiff.corpus.snapshot import SNAPSHOT_NAME

from tests.conftest import seed_world_cache

from newsdiff.corpus.articles import Article, load_corpus
from newsdiff.search import index as index_module
from newsdiff.search.index import MANIFEST_NAME, CorpusIndex, verify_index

QUERIES = ["troops", '"Quds Force"', "Revolution*", "Suleimeni~", "Iraq OR Syria", "title:iran",
           "Baghdad", "Maliki", "Guards", "ISIS", "Tehran", "150", "officials"]


def load(folder: Path) -> list[Article]:
    return load_corpus([folder]).articles


def results(index_dir: Path, articles: list[Article]) -> dict[str, list[tuple[str, list]]]:
    with CorpusIndex.open(index_dir, articles) as ix:
        return {q: [(h.article_id, h.spans) for h in ix.search(q, limit=None)] for q in QUERIES}


def newsdiff(tmp_path: Path, *args: object, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """The real command (``python -m newsdiff``), optionally under ``prefix`` (setpriv)."""
    seed_world_cache(tmp_path / ".cache")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".cache"), "COLUMNS": "200",
           "PYTHONIOENCODING": "utf-8", "NEWSDIFF_LOCK_TIMEOUT": "5"}
    return subprocess.run([*prefix, sys.executable, "-m", "newsdiff", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def one_line(stderr: str, kind: str) -> str:
    """The single ``newsdiff: KIND:`` line on stderr (and nothing else: no traceback)."""
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"newsdiff: {kind}: "), stderr
    return lines[0]


def largest_segment(index_dir: Path) -> Path:
    return max(index_dir.glob("MAIN_*.seg"), key=lambda p: p.stat().st_size)


def index_files(index_dir: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in index_dir.iterdir()}


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    dest = tmp_path / "corpus"
    dest.mkdir()
    for src in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(src, dest / src.name)
    return dest


@pytest.fixture
def built(corpus: Path, tmp_path: Path) -> Path:
    """A healthy index of the four seeds, built in-process."""
    CorpusIndex.open(tmp_path / "ix", load(corpus)).close()
    return tmp_path / "ix"


def _mount(*args: str) -> None:
    proc = subprocess.run(["mount", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"mount {' '.join(args)} failed: {proc.stderr.strip()}")


@contextmanager
def read_only_mount(folder: Path) -> Iterator[None]:
    """``folder`` as a read-only bind mount of itself (writes fail with EROFS)."""
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,bind,ro", str(folder))
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


# --------------------------------------------------------------------------- checksums


@pytest.mark.faults
def test_overwritten_bytes_in_a_segment_are_caught_and_rebuilt(corpus, built, tmp_path):
    """The silent-damage break: bytes overwritten inside a segment used to open as
    "up to date" and lose hits. The manifest's checksum catches them on open."""
    articles = load(corpus)
    expected = results(built, articles)
    segment = largest_segment(built)
    with open(segment, "r+b") as handle:
        handle.seek(segment.stat().st_size // 3)
        handle.write(b"\xff" * 512)
    proc = newsdiff(tmp_path, "index", corpus, "--index", built)
    assert proc.returncode == 0, proc.stderr
    line = one_line(proc.stderr, "warning")
    assert f"{segment.name}: checksum mismatch" in line and "moved it to" in line
    assert proc.stdout.splitlines()[1].startswith("rebuilt: added 4")
    aside, = tmp_path.glob("ix.corrupt-*")
    assert (aside / segment.name).is_file() and (aside / MANIFEST_NAME).is_file()  # kept, not deleted
    assert results(built, articles) == expected


@pytest.mark.faults
def test_verify_reports_every_file_and_rebuilds_a_damaged_index(corpus, built, tmp_path):
    proc = newsdiff(tmp_path, "index", corpus, "--index", built, "--verify")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("ok        _MAIN_1.toc") and lines[1].startswith("ok        MAIN_")
    assert lines[2].startswith("verify: 2 ok;") and lines[4].startswith("up to date")
    segment = largest_segment(built)
    with open(segment, "r+b") as handle:
        handle.seek(100)
        handle.write(b"\0" * 16)
    proc = newsdiff(tmp_path, "index", corpus, "--index", built, "--verify")
    assert proc.returncode == 1, proc.stderr
    assert f"DAMAGED   {segment.name}" in proc.stdout and "checksum mismatch" in proc.stdout
    assert "moved it to" in one_line(proc.stderr, "warning")
    assert "rebuilt: added 4" in proc.stdout
    assert all(c.status == "ok" for c in verify_index(built))


@pytest.mark.faults
def test_past_the_full_check_budget_opening_samples_and_verify_hashes_all(corpus, tmp_path, monkeypatch):
    """Opening hashes samples once the files pass FULL_CHECK_BYTES: damage between the
    samples is then found only by a full check (``--verify``, ``verify=True``)."""
    monkeypatch.setattr(index_module, "SAMPLE_BLOCKS", 4)  # the seeds' index is small
    monkeypatch.setattr(index_module, "SAMPLE_BLOCK_BYTES", 1024)
    CorpusIndex.open(tmp_path / "ix", load(corpus)).close()
    segment = largest_segment(tmp_path / "ix")
    between = segment.stat().st_size // 6  # between the first two of 4 samples
    with open(segment, "r+b") as handle:
        handle.seek(between)
        old = handle.read(1)
        handle.seek(between)
        handle.write(bytes([old[0] ^ 0xFF]))
    monkeypatch.setattr(index_module, "FULL_CHECK_BYTES", 0)
    assert [c.status for c in verify_index(tmp_path / "ix", full=None)] == ["ok", "ok"]
    assert [c.status for c in verify_index(tmp_path / "ix")] == ["ok", "damaged"]
    with CorpusIndex.open(tmp_path / "ix", load(corpus), verify=True) as ix:
        assert ix.report.recovered and "checksum mismatch" in ix.report.recovered


@pytest.mark.faults
def test_an_index_written_before_checksums_opens_and_gets_its_manifest(corpus, built, tmp_path):
    (built / MANIFEST_NAME).unlink()  # as every index written before this change
    proc = newsdiff(tmp_path, "index", corpus, "--index", built, "--verify")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert "verify: 2 unchecked" in proc.stdout and "up to date" in proc.stdout
    manifest = json.loads((built / MANIFEST_NAME).read_text())  # written by that open
    assert manifest["generation"] == 1 and len(manifest["files"]) == 2
    assert [c.status for c in verify_index(built)] == ["ok", "ok"]


# --------------------------------------------------------------------------- damaged files


def _zero(paths: list[Path]) -> None:
    for path in paths:
        path.write_bytes(b"")


DAMAGE = {
    "zero-length-segment": lambda d: _zero(list(d.glob("MAIN_*.seg"))),
    "zero-length-toc": lambda d: _zero(list(d.glob("_MAIN_*.toc"))),
    "zero-length-manifest": lambda d: _zero([d / MANIFEST_NAME]),
    "zero-length-all": lambda d: _zero([p for p in d.iterdir() if p.is_file()]),
    "truncated-toc": lambda d: [p.write_bytes(p.read_bytes()[:100]) for p in d.glob("_MAIN_*.toc")],
    "missing-segment": lambda d: [p.unlink() for p in d.glob("MAIN_*.seg")],
    "garbled-manifest": lambda d: (d / MANIFEST_NAME).write_text('{"files": [1, 2'),
}


@pytest.mark.faults
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_files_end_in_one_warning_and_a_rebuilt_index(corpus, built, tmp_path, damage):
    DAMAGE[damage](built)
    proc = newsdiff(tmp_path, "index", corpus, "--index", built)
    assert proc.returncode == 0, proc.stderr
    assert "was damaged" in one_line(proc.stderr, "warning")
    assert "rebuilt: added 4" in proc.stdout
    with CorpusIndex.open(built, load(corpus)) as ix:
        assert ix.report.unchanged == 4 and not ix.report.recovered
        assert len(ix.search("troops")) == 4


# --------------------------------------------------------------------------- read-only


@contextmanager
def _chmod(path: Path, mode: int) -> Iterator[None]:
    old = path.stat().st_mode
    path.chmod(mode)
    try:
        yield
    finally:
        path.chmod(old)


def _read_only(folder: Path, how: str):
    return read_only_mount(folder) if how == "EROFS" else _chmod(folder, 0o555)


def _read_only_prefix(how: str) -> tuple[str, ...]:
    """What to run newsdiff under so that ``how`` is the error it meets: EROFS from a
    read-only mount (needs root); EACCES from the folder's mode, which root ignores
    unless it drops its DAC capabilities (setpriv)."""
    root = os.geteuid() == 0
    if how == "EROFS":
        if not root:
            pytest.skip("a read-only mount needs root")
        return ()
    if not root:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to drop root's DAC override")
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner")


@pytest.mark.faults
@pytest.mark.parametrize("how", ["EROFS", "EACCES"])
def test_read_only_index_is_searched_stale_with_one_warning(corpus, built, tmp_path, how):
    """After the corpus changed, a read-only index folder is searched as it is (one
    warning); ``newsdiff index`` fails in one line; without a usable index (none yet, or
    a damaged one that cannot be moved aside): one error line, exit 2."""
    prefix = _read_only_prefix(how)
    empty = tmp_path / "empty"
    empty.mkdir()
    (corpus / "zeppelin.txt").write_text("Troops watched a zeppelin over Baghdad.\n", encoding="utf-8")
    before = index_files(built)
    with ExitStack() as stack:
        for folder in (built, empty):
            stack.enter_context(_read_only(folder, how))
        proc = newsdiff(tmp_path, "search", corpus, "troops", "--json", "--index", built, prefix=prefix)
        assert proc.returncode == 0, proc.stderr
        line = one_line(proc.stderr, "warning")
        assert "could not update the index" in line and "results may be stale" in line
        assert "zeppelin" not in proc.stdout and len(proc.stdout.splitlines()) == 4  # the old index
        proc = newsdiff(tmp_path, "index", corpus, "--index", built, prefix=prefix)
        assert proc.returncode == 2 and "previous index is unchanged" in one_line(proc.stderr, "error")
        proc = newsdiff(tmp_path, "search", corpus, "troops", "--index", empty, prefix=prefix)
        assert proc.returncode == 2 and "cannot create an index" in one_line(proc.stderr, "error")
    assert index_files(built) == before
    (built / "_MAIN_1.toc").write_bytes(b"garbage")
    with _read_only(built, how):
        proc = newsdiff(tmp_path, "search", corpus, "troops", "--index", built, prefix=prefix)
    assert proc.returncode == 2 and "could not be moved aside" in one_line(proc.stderr, "error")
    assert not list(tmp_path.glob("ix.corrupt-*"))  # no empty or half-copied folder beside it


# --------------------------------------------------------------------------- full disk


@pytest.mark.faults
def test_full_disk_leaves_no_partial_files_and_keeps_the_previous_index(tmp_path, seeds_dir):
    disk = tmp_path / "disk"
    disk.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {proc.stderr.strip()}")
    try:
        # A build that does not fit (the seeds' index needs ~290 KB while it is assembled).
        proc = newsdiff(tmp_path, "index", seeds_dir, "--index", disk / "seeds")
        assert proc.returncode == 2
        assert "No space left on device" in one_line(proc.stderr, "error")
        assert set(index_files(disk / "seeds")) <= {"_MAIN_0.toc", "MAIN_WRITELOCK"}
        # A small index that fits, then an update that does not.
        small = tmp_path / "small"
        small.mkdir()
        (small / "a.txt").write_text("Troops crossed the border.\nIran sent troops, officials said.\n")
        (small / "b.txt").write_text("A quiet market day.\nThe council met about the river.\n")
        proc = newsdiff(tmp_path, "index", small, "--index", disk / "ix")
        assert proc.returncode == 0, proc.stderr
        before = index_files(disk / "ix")
        used = shutil.disk_usage(disk).used
        (small / "c.txt").write_text("".join(p.read_text() for p in sorted(seeds_dir.glob("*.txt"))) * 3)
        proc = newsdiff(tmp_path, "index", small, "--index", disk / "ix")
        assert proc.returncode == 2
        line = one_line(proc.stderr, "error")
        assert "No space left on device" in line and "previous index is unchanged" in line
        assert index_files(disk / "ix") == before  # the failed commit's files are gone
        assert shutil.disk_usage(disk).used <= used
        proc = newsdiff(tmp_path, "search", small, "troops", "--json", "--index", disk / "ix")
        assert proc.returncode == 0
        assert "results may be stale" in one_line(proc.stderr, "warning")
        assert [json.loads(line)["article"] for line in proc.stdout.splitlines()] == ["a"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# --------------------------------------------------------------------------- kill -9

_KILLER = """
import os, signal, sys
from whoosh.filedb.compound import CompoundStorage
import newsdiff.search.index as index
from newsdiff.cli import main

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

point = sys.argv[1]
if point == "adding":  # the third article of the build
    from newsdiff.search import building
    add, calls = building.BuildWriter.add_analyzed, []
    def add_then_die(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            die()
        return add(self, *args, **kwargs)
    building.BuildWriter.add_analyzed = add_then_die
elif point == "assembling":  # the segment's parts written, its compound file half-way
    CompoundStorage.write_dir = staticmethod(die)
elif point == "committed":  # the table of contents written, the manifest not yet
    index._write_manifest = die
main(["index", *sys.argv[2:]])
"""


@pytest.mark.faults
@pytest.mark.parametrize("point", ["adding", "assembling", "committed"])
def test_kill_9_during_a_build_then_one_run_gives_a_working_index(corpus, tmp_path, point):
    """SIGKILL (what ``kill -9`` sends) at three points of a build; the next run needs no
    lock wait (fcntl locks die with their process), leaves no partial files, and ends
    with a healthy, checksummed index."""
    index_dir = tmp_path / "ix"
    articles = load(corpus)
    if point != "adding":  # kill an update of an existing index; "adding" kills the first build
        CorpusIndex.open(index_dir, articles[:2]).close()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".cache")}
    killed = subprocess.run([sys.executable, "-c", _KILLER, point, str(corpus), "--index", str(index_dir)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert killed.returncode == -9, killed.stderr
    proc = newsdiff(tmp_path, "index", corpus, "--index", index_dir)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert len(proc.stderr.splitlines()) <= 1
    assert "total 4 articles" in proc.stdout
    checks = verify_index(index_dir)
    assert checks and all(c.status == "ok" for c in checks), checks
    with CorpusIndex.open(index_dir, articles) as ix:
        assert ix.report.unchanged == 4 and len(ix.search("troops")) == 4
    live = {p.name for p in index_dir.iterdir()}
    # no leftovers: the index's files, its manifest and lock, the corpus's file cache,
    # listing and the app's snapshot
    assert live == {c.name for c in checks} | {MANIFEST_NAME, "MAIN_WRITELOCK", FILE_CACHE, LISTING_NAME,
                                               SNAPSHOT_NAME}


@pytest.mark.faults
async def test_the_app_says_when_it_rebuilt_a_damaged_index(tmp_path):
    """The app searches a damaged index only after moving it aside and rebuilding it, and
    tells the reader so in one notification."""
    import os

    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    from newsdiff.corpus.articles import load_corpus
    from newsdiff.corpus.paths import seeds_dir
    from newsdiff.search.index import CorpusIndex
    from tui.harness import make_app, settle

    ix = tmp_path / "ix"
    CorpusIndex.open(ix, load_corpus([seeds_dir()]).articles).close()
    segment = max((p for p in ix.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    app = make_app(out_path=tmp_path / "n.yaml", index_dir=ix)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Baghdad", "enter")
        await settle(app, pilot)
        notes = [n for n in app._notifications if n.title == "Index"]
        assert len(notes) == 1 and notes[0].severity == "warning"
        assert app.screen.sidebar.query_one("#search-results").option_count >= 2
