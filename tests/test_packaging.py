"""The built wheel carries the seeds, the themes and the format schema, so an installed
``newsdiff`` works from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_bundles_seeds_themes_and_schema(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    [wheel] = list(tmp_path.glob("newsdiff-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert len(seeds) == 4
    for name in seeds:
        assert f"newsdiff/_bundled/seeds/{name}" in names
    themes = sorted(p.name for p in (REPO / "themes").glob("*.yaml"))
    assert len(themes) >= 3
    for name in themes:
        assert f"newsdiff/_bundled/themes/{name}" in names
    for schema in ("comparison-1.schema.json", "comparison-1.1.schema.json", "comparison-1.2.schema.json"):
        assert f"newsdiff/store/schema/{schema}" in names
    assert "tui/__init__.py" in names and "newsdiff/cli/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "newsdiff = newsdiff.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
