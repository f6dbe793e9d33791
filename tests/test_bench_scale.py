"""bench/bench_scale.py: runs end to end on a tiny corpus and prints its table (no timing
asserts), and its events corpus is deterministic."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_scale.py"
ROWS = ("corpus (", "build: newsdiff index", "re-open, nothing changed", "update 1% of files",
        "warm queries (one process)", "  term: troops", '  phrase: "Quds Force"', "  prefix: revolution*",
        "  fuzzy: Suleimeni~", "cold newsdiff search troops", "newsdiff events", "app, first opening", "app, opened again")


@pytest.mark.parametrize("mode", ["synthetic", "events"])
def test_prints_the_table(mode: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--articles", "12", "--mode", mode, "--runs", "3",
         "--grep-runs", "1", "--search-runs", "1", "--timeout", "180", "--keep", str(tmp_path / "k")],
        capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [c.strip() for c in lines[0].split(" | ")][:4] == ["step", "articles", "wall", "peak RSS"]
    steps = [line.split(" | ")[0] for line in lines[2:] if " | " in line]
    for row in ROWS:
        assert any(s.startswith(row) for s in steps), (row, proc.stdout)
    assert "timed out" not in proc.stdout, proc.stdout
    if mode == "events":
        assert "true events" in proc.stdout
    # the kept corpus is reused (and was restored after the 1% update)
    again = subprocess.run(
        [sys.executable, str(BENCH), "--articles", "12", "--mode", mode, "--keep", str(tmp_path / "k"),
         "--skip", "build,reopen,update,warm,grep,search,events,app"],
        capture_output=True, text=True, timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert "reused" in again.stdout, again.stdout


def test_events_corpus_is_deterministic(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_scale", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        runs = []
        for name in ("a", "b"):
            truth, stories, _ = module.generate_events_corpus(tmp_path / name, 60, None, 7, module.DEFAULT_SOURCES)
            files = {p.name: p.read_text(encoding="utf-8") for p in sorted((tmp_path / name).iterdir())}
            runs.append((truth, stories, files))
    finally:
        sys.modules.pop(spec.name, None)
    assert runs[0] == runs[1]
    truth, stories, files = runs[0]
    assert len(files) == 60 and set(truth) == {n[:-4] for n in files}
    assert all(text.startswith("---\ntitle: ") for text in files.values())
