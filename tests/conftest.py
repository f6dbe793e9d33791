"""Shared test fixtures: the bundled seed articles, and running the real ``newsdiff``
command in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from newsdiff.corpus.articles import Article, load_corpus

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"

RunNewsdiff = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture(autouse=True)
def fresh_analysis_memo():
    """Each test analyses its articles afresh: a test that changes an analysis rule's
    setting (monkeypatch) must not read records analysed under another test's."""
    from newsdiff.analysis import memo

    memo.clear()
    yield
    memo.clear()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A folder of copies of the four seed articles (``tmp_path/corpus``), free to edit."""
    dest = tmp_path / "corpus"
    dest.mkdir()
    for src in sorted(SEEDS_DIR.glob("*.txt")):
        (dest / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def seed_articles() -> list[Article]:
    """The four bundled seed articles, loaded with ``load_corpus``."""
    result = load_corpus([SEEDS_DIR])
    assert len(result.articles) == 4, result.warnings
    return result.articles


def seed_world_cache(cache_home: Path) -> None:
    """Copy the gazetteer cache (``newsdiff.lexicon.world``, built once per machine, about
    1 s) into a test's own cache folder, so each subprocess does not rebuild it."""
    from newsdiff.lexicon import world

    world.world()
    source = world._cache_path()
    if source is None or not source.is_file():
        return
    target = cache_home / "newsdiff" / source.name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


@pytest.fixture
def run_newsdiff(tmp_path: Path) -> RunNewsdiff:
    """``run_newsdiff(*args, cwd=None, input=None, env=None, timeout=120)`` runs
    ``python -m newsdiff *args`` (cwd defaults to ``tmp_path``; the user cache dir points
    into ``tmp_path`` so indexes never land in the real one) and returns the
    CompletedProcess with text stdout/stderr."""

    def run(*args: str | os.PathLike, cwd: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 120
            ) -> subprocess.CompletedProcess[str]:
        full_env = dict(os.environ)
        full_env["XDG_CACHE_HOME"] = str(tmp_path / ".cache")
        seed_world_cache(tmp_path / ".cache")
        full_env["XDG_CONFIG_HOME"] = str(tmp_path / ".config")
        full_env.setdefault("PYTHONIOENCODING", "utf-8")
        full_env["COLUMNS"] = full_env.get("COLUMNS", "200")
        if env:
            full_env.update(env)
        return subprocess.run(
            [sys.executable, "-m", "newsdiff", *map(str, args)],
            cwd=cwd or tmp_path, input=input, env=full_env, capture_output=True,
            text=True, encoding="utf-8", timeout=timeout,
        )

    return run


_LOCK_HOLDER = """
import sys
from whoosh import index
ix = index.open_dir(sys.argv[1], indexname="MAIN")
writer = ix.writer()
print("locked", flush=True)
sys.stdin.read()
writer.cancel()
"""


@pytest.fixture
def hold_index_lock():
    """``with hold_index_lock(index_dir): ...`` keeps the Whoosh write lock of an existing
    index taken by another process (a real second writer) until the block ends."""
    from contextlib import contextmanager

    @contextmanager
    def hold(index_dir: Path):
        proc = subprocess.Popen(
            [sys.executable, "-c", _LOCK_HOLDER, str(index_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
            yield proc
        finally:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait(timeout=30)

    return hold
