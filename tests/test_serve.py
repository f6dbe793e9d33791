"""``newsdiff serve``: the real command serves the app through textual-serve; a browser
session (its page, then its websocket, as textual-serve's ``textual.js`` opens it) gets the
app's first screen."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import seed_world_cache

#: how long the server and the app in it may take to come up
STARTUP_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / ".cache")
    env["XDG_CONFIG_HOME"] = str(tmp_path / ".config")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    seed_world_cache(tmp_path / ".cache")
    return env


def _get_page(url: str, proc: subprocess.Popen, deadline: float) -> str:
    """The page at ``url`` once the server answers (it fails the test if it exits)."""
    while True:
        assert proc.poll() is None, f"newsdiff serve exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                assert response.status == 200
                return response.read().decode("utf-8")
        except OSError:
            assert time.monotonic() < deadline, f"no page at {url} within {STARTUP_SECONDS} s"
            time.sleep(0.2)


async def _first_screen(ws_url: str, want: bytes, deadline: float) -> bytes:
    """Open the session's websocket as textual.js does (size in the query, then a resize
    message) and collect the terminal output until ``want`` arrives."""
    import aiohttp

    data = b""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"{ws_url}?width=120&height=40") as ws:
            await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
            while want not in data and time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=1)
                except asyncio.TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    data += message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    break  # closed: the app exited
    return data


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the server and the app processes it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(timeout=10)


def test_serve_shows_the_app_over_the_websocket(tmp_path: Path, seeds_dir: Path):
    # a folder name the shell would split or expand: the app command must be quoted
    corpus = tmp_path / "news $HOME 'x'"
    shutil.copytree(seeds_dir, corpus)
    port = free_port()
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsdiff", "serve", str(corpus), "--port", str(port),
             "--index", str(tmp_path / "ix"), "--out", str(tmp_path / "notes.yaml")],
            cwd=tmp_path, env=_env(tmp_path), stdin=subprocess.DEVNULL,
            stdout=stdout, stderr=stderr, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        page = _get_page(f"http://127.0.0.1:{port}/", proc, deadline)
        assert "textual" in page.lower()
        [ws_url] = re.findall(r'data-session-websocket-url="([^"]+)"', page)
        assert ws_url == f"ws://127.0.0.1:{port}/ws"

        screen = asyncio.run(_first_screen(ws_url, b"Iranian Troops", deadline))
        assert b"\x1b[" in screen  # terminal output, escape sequences and all
        assert b"Iranian Troops" in screen, screen[-2000:]  # the first seed's headline

        proc.send_signal(signal.SIGINT)  # ctrl+c: a clean stop
        assert proc.wait(timeout=15) == 0
        lines = err.read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"serving newsdiff on http://127.0.0.1:{port} (ctrl+c stops)"
        assert "Traceback" not in err.read_text(encoding="utf-8") + out.read_text(encoding="utf-8")
    finally:
        _kill_group(proc)


def test_serve_errors_are_one_line_before_anything_is_served(run_newsdiff, tmp_path: Path):
    missing = run_newsdiff("serve", tmp_path / "nope", "--port", str(free_port()))
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        f"newsdiff: error: no such file or directory: {tmp_path / 'nope'}"
    ]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = run_newsdiff("serve", "--port", str(port))
    assert busy.returncode == 2
    [line] = busy.stderr.splitlines()
    assert line.startswith(f"newsdiff: error: cannot serve on 127.0.0.1:{port}: ")
    bad_port = run_newsdiff("serve", "--port", "70000")
    assert bad_port.returncode == 2
    assert bad_port.stderr.splitlines() == ["newsdiff: error: --port must be 1 to 65535, not 70000"]


def test_serve_is_listed_and_the_engine_imports_no_web_server_until_run():
    proc = subprocess.run([sys.executable, "-m", "newsdiff", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert "newsdiff serve:" in proc.stdout
    code = ("import sys, newsdiff.cli.serve\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui', 'textual_serve', 'aiohttp'))\n"
            "print(bad); raise SystemExit(1 if bad else 0)\n")
    check = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
