"""Regenerate docs/seeds-conflict.svg: the app on the bundled seeds at 160x45 with the
troop-number conflict selected (c, enter), as the README shows it.

Usage: python docs/screenshot.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from tui.harness import make_app, settle  # noqa: E402


async def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(out_path=Path(tmp) / "n.yaml", index_dir=Path(tmp) / "ix")
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("enter")
            await settle(app, pilot)
            app.save_screenshot(filename="seeds-conflict.svg", path=str(REPO / "docs"))
    print(REPO / "docs" / "seeds-conflict.svg")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
