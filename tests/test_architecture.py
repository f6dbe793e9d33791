"""The engine never imports Textual: checked statically (import-linter) and at run time."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import newsdiff

REPO = Path(__file__).resolve().parent.parent


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    proc = subprocess.run([lint, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "The engine never imports Textual KEPT" in proc.stdout
    assert "broken" not in proc.stdout.replace("0 broken", "")
    assert proc.stdout.count(" KEPT") >= 4  # + layers, records at the bottom, no cli <-> tui


def test_only_the_analysed_article_splits_sentences_and_finds_mentions():
    """Every stage reads the one analysed article: the sentence splitter is called in
    ``analysis.document`` only, and mentions are found there (events re-reads only the
    head of an article it was not given mentions for)."""
    engine = REPO / "src" / "newsdiff"
    for path in engine.rglob("*.py"):
        rel = path.relative_to(engine).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel not in ("analysis/document.py", "analysis/sentences.py"):
            assert "split_sentences(" not in text, rel
        if rel not in ("analysis/document.py", "analysis/mentions.py", "comparison/events.py"):
            assert "find_mentions(" not in text, rel


def test_every_package_says_its_job_and_what_it_may_import():
    for init in (REPO / "src" / "newsdiff").glob("*/__init__.py"):
        doc = init.read_text(encoding="utf-8")
        assert doc.startswith('"""') and "import" in doc.split('"""')[1], init


def test_importing_every_engine_module_loads_no_textual():
    modules = [m.name for m in pkgutil.walk_packages(newsdiff.__path__, "newsdiff.")]
    modules = [m for m in modules if m != "newsdiff.__main__"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'tui')))\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(modules) >= 30
