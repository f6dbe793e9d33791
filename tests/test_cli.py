"""The real ``newsdiff`` command: help, version, and one-line errors with exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def newsdiff(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsdiff", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd, stdin=subprocess.DEVNULL,
    )


def test_help_lists_subcommands():
    proc = newsdiff("--help")
    assert proc.returncode == 0
    for word in ("index", "search", "compare", "events", "--theme", "--out"):
        assert word in proc.stdout


def test_version():
    proc = newsdiff("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("newsdiff ")


def test_missing_path_is_one_line_exit_2(tmp_path: Path):
    for args in (["compare", str(tmp_path / "nope")], ["events", str(tmp_path / "nope")]):
        proc = newsdiff(*args)
        assert proc.returncode == 2
        assert proc.stderr.strip().count("\n") == 0 and "no such file" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_folder_with_only_bad_files_is_exit_2_with_warnings(tmp_path: Path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.md").write_bytes(b"")
    proc = newsdiff("compare", str(tmp_path))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 3 and lines[-1].startswith("newsdiff: error: no articles")
    assert all(line.startswith("newsdiff: warning:") for line in lines[:2])


def test_unwritable_output_is_one_line_exit_2(tmp_path: Path):
    proc = newsdiff("compare", "-o", str(tmp_path / "no-dir" / "out.yaml"))
    assert proc.returncode == 2 and "could not save" in proc.stderr
    assert "Traceback" not in proc.stderr
