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


def test_newsdiff_in_tmux_search_and_quit(tmp_path):
    tmux = Tmux()
    cmd = " ".join(shlex.quote(c) for c in [*_command(), "--out", str(tmp_path / "n.yaml"), "--index", str(tmp_path / "ix")])
    shell = f"cd {shlex.quote(str(tmp_path))} && unset COLUMNS LINES && TEXTUAL_ANIMATIONS=none {cmd}; echo NEWSDIFF-EXITED:$?; sleep 30"
    # A fixed 120x40 window whatever the server's defaults: size it first, then start the app.
    tmux.run("-f", "/dev/null", "new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", "cat")
    tmux.run("set-option", "-t", tmux.session, "window-size", "manual")
    tmux.run("resize-window", "-t", tmux.session, "-x", "120", "-y", "40")
    tmux.run("respawn-pane", "-k", "-t", tmux.session, shell)
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
