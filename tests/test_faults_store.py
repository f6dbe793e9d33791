"""Faults around the comparison file and the corpus loader ("nothing lost", issue 13):
notes kept by ``compare -o``, files newsdiff cannot read never overwritten, YAML alias
bombs refused, deep JSON and unreadable entries skipped with one warning, cp1252 text,
stale temp files of a killed save, a full or read-only disk.

Each break was seen at the command line, so these run the real ``newsdiff`` command in a
subprocess on real files wherever they can."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import seed_world_cache
import yaml

from newsdiff.comparison.compare import compare_articles
from newsdiff.corpus.articles import decode_bytes, load_corpus
from newsdiff.store.annotations import anchor_text, new_annotation
from newsdiff.atomic import atomic_write_text, remove_stale_temps
from newsdiff.store.comparison_yaml import (
    ComparisonFileError,
    load_comparison_file,
    save_comparison,
)

pytestmark = pytest.mark.faults

A_TEXT = (
    "Iran sends 150 troops to Iraq\n\n"
    "Iran has sent 150 Revolutionary Guard troops to Iraq, the Times of London reported. "
    "Officials in Baghdad denied that Iranian forces were in the country. "
    "The Quds Force commander was seen near Samarra."
)
B_TEXT = (
    "Iran deploys 2,000 troops in Iraq\n\n"
    "Iran has sent 2,000 troops to Iraq, the Guardian reported. "
    "The Islamic State of Iraq and the Levant took Mosul last week."
)


def newsdiff(*args: str | os.PathLike, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command, in a subprocess, with text output."""
    seed_world_cache(cwd / ".cache")
    env = dict(os.environ, XDG_CACHE_HOME=str(cwd / ".cache"), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "newsdiff", *map(str, args)], cwd=cwd, env=env,
        capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def one_line(stderr: str, kind: str = "error") -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"newsdiff: {kind}: ") and "Traceback" not in stderr
    return lines[0]


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(A_TEXT)
    (corpus / "b.txt").write_text(B_TEXT)
    return corpus


def save_notes_as_the_app_does(corpus: Path, out: Path) -> None:
    """Write ``out`` with four notes through the app's own save path (the store's
    anchoring and ``save_comparison``, as ``tui.engine`` calls them)."""
    articles = load_corpus([corpus]).articles
    cmp = compare_articles(articles)
    a = next(x for x in articles if x.id == "a")
    b = next(x for x in articles if x.id == "b")
    quote = "Officials in Baghdad denied"
    start = a.text.index(quote)
    entity = cmp.entities[0]
    doomed = b.text.index("took Mosul last week")
    notes = [
        new_annotation("conflict", "Times only?", target_type="text",
                       text=anchor_text(a, start, start + len(quote))),
        new_annotation("agree", "same group", target_type="entity", target_id=entity.id),
        new_annotation("unverified", "which week?", target_type="text",
                       text=anchor_text(b, doomed, doomed + len("took Mosul last week"))),
        new_annotation("verified", "gone article", target_type="text",
                       text=replace(anchor_text(a, 0, 4), article="removed-article")),
    ]
    save_comparison(replace(cmp, annotations=notes), out)


# --------------------------------------------------------------------------- 1. compare -o


def test_compare_onto_a_notes_file_keeps_and_reanchors_the_notes(tmp_path: Path):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "newsdiff.yaml"
    save_notes_as_the_app_does(corpus, out)
    raw = yaml.safe_load(out.read_text())
    raw["annotations"][0]["reviewer"] = "kim"  # a field of a newer 1.x: kept
    out.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
    # the articles change: text inserted before the first note, the third note's words gone
    (corpus / "a.txt").write_text(A_TEXT.replace("Officials", "UPDATE: corrected. Officials", 1))
    (corpus / "b.txt").write_text(B_TEXT.replace(" took Mosul last week", " advanced"))

    proc = newsdiff("compare", corpus, "-o", out, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().startswith("wrote ") and "4 notes kept (2 orphaned)" in proc.stderr
    notes = {n.note: n for n in load_comparison_file(out).annotations}
    assert set(notes) == {"Times only?", "same group", "which week?", "gone article"}
    moved = notes["Times only?"]
    text_a = load_corpus([corpus / "a.txt"]).articles[0].text
    assert not moved.orphaned and text_a[moved.text.start : moved.text.end] == "Officials in Baghdad denied"
    assert moved.extra == {"reviewer": "kim"}
    assert not notes["same group"].orphaned
    assert notes["which week?"].orphaned and notes["gone article"].orphaned
    assert notes["which week?"].text.exact == "took Mosul last week"  # the quote is kept

    again = newsdiff("compare", corpus, "-o", out, cwd=tmp_path)  # idempotent
    assert again.returncode == 0 and "4 notes kept (2 orphaned)" in again.stderr


BAD_FILES = {
    "malformed": b"newsdiff: '1.1'\nannotations: [\n  - {id: x\n",
    "newer-major": b"newsdiff: 99\nannotations: []\n",
    "python-tag": b"newsdiff: !!python/object/apply:os.system ['echo owned']\n",
    "binary": bytes(range(256)) * 4,
    "not-a-comparison": b"title: my own notes\n- ok\n",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_compare_refuses_a_file_it_cannot_read(tmp_path: Path, kind: str):
    out = tmp_path / "target.yaml"
    out.write_bytes(BAD_FILES[kind])
    proc = newsdiff("compare", "-o", out, cwd=tmp_path)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert str(out.name) in line and "--force" in line
    assert out.read_bytes() == BAD_FILES[kind]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".cache")) == ["target.yaml"]


def test_force_keeps_a_bak_copy_then_writes(tmp_path: Path):
    out = tmp_path / "target.yaml"
    out.write_bytes(BAD_FILES["newer-major"])
    (tmp_path / "target.yaml.bak").write_bytes(b"an older backup\n")
    proc = newsdiff("compare", "-o", out, "--force", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "target.yaml.bak.2" in proc.stderr and proc.stderr.count("\n") == 1
    assert (tmp_path / "target.yaml.bak.2").read_bytes() == BAD_FILES["newer-major"]
    assert (tmp_path / "target.yaml.bak").read_bytes() == b"an older backup\n"
    assert load_comparison_file(out).version == 1


def test_compare_onto_a_folder_is_refused(tmp_path: Path):
    (tmp_path / "dir.yaml").mkdir()
    proc = newsdiff("compare", "-o", tmp_path / "dir.yaml", "--force", cwd=tmp_path)
    assert proc.returncode == 2 and "folder" in one_line(proc.stderr)


# --------------------------------------------------------------------------- 2. alias bomb


def alias_bomb() -> str:
    lines = ["newsdiff: '1.1'", "event: {id: e, title: t}", "articles: []", "annotations:",
             "- id: n1", "  tag: t", "  target: {type: entity, id: x}", "  note:"]
    lines.append('  - &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"  - &{name} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
        prev = name
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path):
    bomb = tmp_path / "newsdiff.yaml"
    bomb.write_text(alias_bomb())
    assert len(bomb.read_bytes()) < 600
    started = time.perf_counter()
    with pytest.raises(ComparisonFileError) as info:
        load_comparison_file(bomb)
    assert time.perf_counter() - started < 1.0
    assert "anchor or alias" in str(info.value) and "\n" not in str(info.value)

    from tui import engine  # what the app reads its notes file with before it appears

    notes = engine.read_notes(bomb)
    assert notes.annotations == [] and "anchor or alias" in (notes.error or "")

    proc = newsdiff("compare", "-o", bomb, cwd=tmp_path, timeout=30)
    assert proc.returncode == 2 and "anchor or alias" in one_line(proc.stderr)
    assert bomb.read_text() == alias_bomb()


def test_a_single_alias_is_refused_and_newsdiff_never_writes_one(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("newsdiff: '1.1'\nevent: &e {id: e, title: t}\nother: *e\nannotations: []\n")
    with pytest.raises(ComparisonFileError, match="line 2"):
        load_comparison_file(path)
    # '&' and '*' inside text are not anchors
    articles = load_corpus([make_corpus(tmp_path)]).articles
    cmp = compare_articles(articles)
    shared = {"k": "v"}
    note = new_annotation("AT&T *", "R&D * 2 & more", target_type="entity", target_id="x")
    notes = [replace(note, extra={"meta": shared}), replace(note, id="n2", extra={"meta": shared})]
    save_comparison(replace(cmp, annotations=notes), path)
    assert "&id" not in path.read_text() and "*id" not in path.read_text()
    assert [n.tag for n in load_comparison_file(path).annotations] == ["AT&T *", "AT&T *"]


# --------------------------------------------------------------------------- 3. deep JSON


def test_deep_json_skips_that_file_only(tmp_path: Path):
    corpus = make_corpus(tmp_path)
    (corpus / "deep.json").write_text("[" * 1000 + "]" * 1000)
    (corpus / "deeper.json").write_text('{"text": "x", "title": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (corpus / "lines.jsonl").write_text(
        '{"text": "Iran has sent 150 troops to Iraq, a JSON line said."}\n'
        + '{"a":' * 5000 + "1" + "}" * 5000 + "\n"
    )
    (corpus / "meta.json").write_text(
        '{"text": "Iran has sent troops to Iraq, officials said.", "title": ' + "[" * 900 + "]" * 900 + "}"
    )
    proc = newsdiff("compare", corpus, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    warnings = proc.stderr.strip().splitlines()
    assert len(warnings) == 3 and all(w.startswith("newsdiff: warning: ") for w in warnings)
    assert "deep.json: skipped: invalid JSON (nested too deeply)" in warnings[0]
    assert "deeper.json" in warnings[1] and "lines.jsonl: skipped line 2" in warnings[2]
    ids = [a["id"] for a in yaml.safe_load(proc.stdout)["articles"]]
    assert sorted(ids) == ["a", "b", "lines-1", "meta"]


# --------------------------------------------------------------------------- 4. links, folders


def test_dangling_symlink_gives_one_warning(tmp_path: Path):
    corpus = make_corpus(tmp_path)
    (corpus / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (corpus / "linked").symlink_to(tmp_path, target_is_directory=True)
    (corpus / ".hidden-link.txt").symlink_to(tmp_path / "nothing")
    proc = newsdiff("events", corpus, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    warnings = proc.stderr.strip().splitlines()
    assert len(warnings) == 2, proc.stderr
    assert "gone.txt: skipped: broken symbolic link" in warnings[0]
    assert "linked: skipped: link to a folder, not followed" in warnings[1]
    assert "- a:" in proc.stdout and "- b:" in proc.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder")
def test_unreadable_subfolder_gives_one_warning(tmp_path: Path):
    corpus = make_corpus(tmp_path)
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text("Iran has sent troops, a locked article said.")
    locked.chmod(0)
    try:
        proc = newsdiff("events", corpus, cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 0
    assert "locked: skipped: cannot read folder (Permission denied)" in one_line(proc.stderr, "warning")


def test_unreadable_subfolder_gives_one_warning_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    corpus = make_corpus(tmp_path)
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text("Iran has sent troops, a locked article said.")
    real_scandir = os.scandir

    def scandir(path=".", *args):  # the system edge: the folder refuses to be listed
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_corpus([corpus])
    assert sorted(a.id for a in result.articles) == ["a", "b"]
    assert result.warnings == [f"{locked}: skipped: cannot read folder (Permission denied)"]


# --------------------------------------------------------------------------- 5. encodings


@pytest.mark.parametrize(
    "raw, text",
    [
        (b"Caf\xe9", "Café"),
        (b"The Caf\xe9 said \x93no\x94 to a \x8010 bill.", "The Café said “no” to a €10 bill."),
        ("Tehran’s café — naïve “no”.".encode("cp1252"), "Tehran’s café — naïve “no”."),
        ("Zürich, Ångström, façade".encode("latin-1"), "Zürich, Ångström, façade"),
        (b"undefined \x81 \x8d \x8f \x90 \x9d bytes", "undefined \x81 \x8d \x8f \x90 \x9d bytes"),
    ],
)
def test_non_utf8_western_text_is_cp1252(raw: bytes, text: str):
    assert decode_bytes(raw) == (text, "cp1252")


def test_utf8_bom_and_clearly_other_scripts_keep_their_decoding():
    assert decode_bytes("Café".encode()) == ("Café", "utf-8")
    assert decode_bytes(b"\xef\xbb\xbfCaf\xc3\xa9") == ("Café", "utf-8-sig")
    assert decode_bytes("Café".encode("utf-16")) == ("Café", "utf-16")
    russian = "Москва сообщила, что иранские войска вошли в Ирак. Официальные лица это отрицают."
    assert decode_bytes(russian.encode("cp1251")) == (russian, "cp1251")


def test_cp1252_article_at_the_command_line(tmp_path: Path):
    (tmp_path / "cafe.txt").write_bytes(b"Caf\xe9 owner says \x93no\x94 to \x805 coffee tax\n\nThe story.")
    proc = newsdiff("compare", tmp_path / "cafe.txt", cwd=tmp_path)
    assert proc.returncode == 0
    assert "decoded as cp1252" in one_line(proc.stderr, "warning")
    [article] = yaml.safe_load(proc.stdout)["articles"]
    assert article["title"] == "Café owner says “no” to €5 coffee tax"


# --------------------------------------------------------------------------- 6. killed save

KILLED_SAVE = textwrap.dedent(
    """
    import os, signal, sys
    from newsdiff import atomic
    def killed(src, dst):  # kill -9 between the temp write and the rename
        os.kill(os.getpid(), signal.SIGKILL)
    os.replace = killed
    atomic.atomic_write_text(sys.argv[1], "x" * 550_000)
    """
)


def test_temp_file_of_a_killed_save_is_removed_at_the_next_save(tmp_path: Path):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "newsdiff.yaml"
    assert newsdiff("compare", corpus, "-o", out, cwd=tmp_path).returncode == 0
    before = out.read_bytes()
    proc = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(out)], capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    [temp] = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert temp.name.startswith(".newsdiff.yaml.newsdiff-") and temp.stat().st_size == 550_000
    assert out.read_bytes() == before  # the kill left the old file whole

    again = newsdiff("compare", corpus, "-o", out, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert not temp.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_stale_temps_by_age_and_pid(tmp_path: Path):
    out = tmp_path / "notes.yaml"
    live = os.getpid()  # this test's process: a writer that is still running
    fresh = tmp_path / f".notes.yaml.newsdiff-{live}-abc12345.tmp"
    old = tmp_path / f".notes.yaml.newsdiff-{live}-def67890.tmp"
    legacy = tmp_path / ".notes.yaml.k2j4h5g6.tmp"  # mkstemp's name in earlier versions
    legacy_fresh = tmp_path / ".notes.yaml.a1b2c3d4.tmp"
    other_target = tmp_path / ".other.yaml.newsdiff-1-abc12345.tmp"
    for p in (fresh, old, legacy, legacy_fresh, other_target):
        p.write_text("partial")
    hour_ago = time.time() - 3600
    for p in (old, legacy, other_target):
        os.utime(p, (hour_ago, hour_ago))
    atomic_write_text(out, "saved\n")
    assert out.read_text() == "saved\n"
    assert fresh.exists() and legacy_fresh.exists() and other_target.exists()
    assert not old.exists() and not legacy.exists()
    assert remove_stale_temps(out) == []


# --------------------------------------------------------------------------- 7. full disk


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    """A 64 KiB tmpfs (needs root and mount rights; skipped otherwise)."""
    mount = shutil.which("mount")
    where = tmp_path / "small"
    where.mkdir()
    if mount is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    proc = subprocess.run([mount, "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"mount not permitted: {proc.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_full_disk_and_read_only_keep_the_old_file(tmp_path: Path, small_tmpfs: Path):
    small = tmp_path / "one"
    small.mkdir()
    (small / "a.txt").write_text(A_TEXT)
    out = small_tmpfs / "newsdiff.yaml"
    assert newsdiff("compare", small, "-o", out, cwd=tmp_path).returncode == 0
    before = out.read_bytes()
    filler = small_tmpfs / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk
        while os.write(fd, b"\0" * 1024):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    proc = newsdiff("compare", "-o", out, cwd=tmp_path)  # the seeds: ~40 KB
    assert proc.returncode == 2
    assert "No space left on device" in one_line(proc.stderr) and str(out) in proc.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["filler", "newsdiff.yaml"]

    filler.unlink()
    newer = small_tmpfs / "newer.yaml"
    newer.write_bytes(BAD_FILES["newer-major"])
    subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
    proc = newsdiff("compare", "-o", out, cwd=tmp_path)
    assert proc.returncode == 2 and "Read-only file system" in one_line(proc.stderr)
    assert out.read_bytes() == before
    proc = newsdiff("compare", "-o", newer, "--force", cwd=tmp_path)  # the .bak cannot be made
    line = one_line(proc.stderr)
    assert proc.returncode == 2 and "Read-only file system" in line and "not overwritten" in line
    assert newer.read_bytes() == BAD_FILES["newer-major"]
