"""End to end: the installed ``newsdiff`` command in a real terminal (tmux): the seeds'
titles appear, a search from the keyboard shows its matches, q quits cleanly."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed; the end-to-end test drives a real terminal through it")


def _command() -> list[str]:
    exe = shutil.which("newsdiff") or os.path.join(os.path.dirname(sys.executable), "newsdiff")
    return [exe] if os.path.exists(exe) else [sys.executable, "-m", "newsdiff"]


class Tmux:
    def __init__(self) -> None:
        self.socket = f"nd-{uuid.uuid4().hex[:8]}"
        self.session = "newsdiff"

    def run(self, *args: str) -> str:
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=20).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)


def start_app(tmp_path, cols: int, rows: int) -> Tmux:
    """The real command in a fixed cols x rows tmux window, whatever the server's
    defaults: size the window first, then start the app in it."""
    tmux = Tmux()
    cmd = " ".join(shlex.quote(c) for c in [*_command(), "--out", str(tmp_path / "n.yaml"), "--index", str(tmp_path / "ix")])
    shell = f"cd {shlex.quote(str(tmp_path))} && unset COLUMNS LINES && TEXTUAL_ANIMATIONS=none {cmd}; echo NEWSDIFF-EXITED:$?; sleep 30"
    tmux.run("-f", "/dev/null", "new-session", "-d", "-s", tmux.session, "-x", str(cols), "-y", str(rows), "cat")
    tmux.run("set-option", "-t", tmux.session, "window-size", "manual")
    tmux.run("resize-window", "-t", tmux.session, "-x", str(cols), "-y", str(rows))
    tmux.run("respawn-pane", "-k", "-t", tmux.session, shell)
    return tmux


def test_newsdiff_in_tmux_search_and_quit(tmp_path):
    tmux = start_app(tmp_path, 120, 40)
    try:
        screen = tmux.wait_for("Iran is sending special")
        assert "panes 1–2 of 4" in screen
        tmux.wait_for("shared entities")  # the comparison is on screen: the app is settled
        tmux.keys("/")
        tmux.wait_for("search (Whoosh syntax")
        tmux.keys("-l", "Suleimani")
        tmux.keys("Enter")
        screen = tmux.wait_for("matches in")
        assert "/Suleimani" in screen  # the status line and the Search tab
        assert "Qassem Suleimani" in screen  # a result's snippet in the sidebar
        tmux.keys("n")  # to the first match: pane 3 comes into view with it
        screen = tmux.wait_for("panes 2–3 of 4")
        assert "Suleimani" in screen
        tmux.keys("q")
        tmux.wait_for("NEWSDIFF-EXITED:0", timeout=15)
    finally:
        tmux.run("kill-server")


def test_newsdiff_at_80x24_shows_the_legend_and_the_conflict_count(tmp_path):
    """A newcomer's first screen in a small terminal says what the colours mean and how
    many conflicts there are; c opens the Conflicts view with each outlet's value."""
    tmux = start_app(tmp_path, 80, 24)
    try:
        screen = tmux.wait_for("≠ 1 conflict")
        lines = screen.splitlines()
        assert lines[0].lstrip().startswith("≠ 1 conflict")  # first on the status line
        legend = next(line for line in lines if "≠ conflict" in line)
        for word in ("→ update", "? possible", "= agree", "hypothetical", "search", "note"):
            assert word in legend, legend
        assert "via Times of London" in screen  # the pane header names the outlet
        tmux.keys("c")
        screen = tmux.wait_for("values that cannot both hold")
        assert "via Guardian" in screen and "2,000" in screen
        tmux.keys("c")  # c closes it too (esc then q would read as alt+q in a terminal)
        deadline = time.monotonic() + 10
        while "values that cannot both hold" in tmux.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        tmux.keys("q")
        tmux.wait_for("NEWSDIFF-EXITED:0", timeout=15)
    finally:
        tmux.run("kill-server")
