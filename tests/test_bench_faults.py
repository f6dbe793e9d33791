"""bench/faults.py --quick: the fault campaign runs the real command and exits 0."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

FAULTS = Path(__file__).resolve().parent.parent / "bench" / "faults.py"


@pytest.mark.faults
def test_faults_quick_campaign_passes() -> None:
    run = subprocess.run(
        [sys.executable, str(FAULTS), "--quick"],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300,
    )
    header = r"^category\s*\|\s*cases\s*\|\s*passed\s*\|\s*worst \(time ratio or note\)$"
    assert re.search(header, run.stdout, re.MULTILINE), run.stdout + run.stderr
    assert run.returncode == 0, run.stdout
