"""``newsdiff add``: how long the real command takes to fetch, save and index 20 pages
from a loopback web server; prints a table.

    .venv/bin/python bench/bench_add.py [--pages N] [--repeat R] [--fixtures DIR]

The pages: the five article pages the ``add`` tests serve (``tests/fixtures/html/``:
two reports of a bridge crash, a paywalled council story, a windows-1252 café review, a
blog-style library story with comments), cycled to ``--pages`` (default 20) and each copy
changed slightly (its number added to its first paragraph), written to a temporary
folder and served by ``http.server`` on 127.0.0.1 in a thread.

Each run is one ``newsdiff add URL... --to DIR --index IX`` subprocess (the venv's
``newsdiff`` entry point, next to ``sys.executable``) into fresh folders, timed from start
to exit (Python's start and imports included: that is what a user waits for); the best
of ``--repeat`` runs (default 3). A second row times ``--no-index`` (fetch and save only),
to show what indexing costs. A run that does not add every page stops the bench.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator, Sequence

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = REPO / "tests" / "fixtures" / "html"
#: The story pages of tests/test_cli_add.py (its 20-page test cycles them too).
STORIES = ["harbour-courier-bridge.html", "delta-dispatch-bridge.html", "ledger-tram-paywall.html",
           "gazette-cafe-cp1252.htm", "story.html"]
TARGET_SECONDS = 5.0
TARGET_PAGES = 20
ENV = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the folder's files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def write_pages(fixtures: Path, folder: Path, count: int) -> list[str]:
    """``count`` pages made from the story fixtures, each numbered; their file names."""
    names = []
    for n in range(count):
        page = fixtures / STORIES[n % len(STORIES)]
        data = page.read_bytes().replace(b"</p>", f" [{n}]</p>".encode("ascii"), 1)
        name = f"{n:02d}-{page.name}"
        (folder / name).write_bytes(data)
        names.append(name)
    return names


class Site:
    """A loopback web server over one folder, in a daemon thread."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/{name}"


def newsdiff_command() -> Path:
    """The venv's ``newsdiff`` entry point, next to the running Python."""
    found = Path(sys.executable).parent / ("newsdiff.exe" if os.name == "nt" else "newsdiff")
    if not found.is_file():
        raise SystemExit(f"bench_add: no newsdiff entry point next to {sys.executable} (pip install -e .)")
    return found


def run_add(urls: Sequence[str], work: Path, extra: Sequence[str]) -> float:
    """One ``newsdiff add`` into fresh folders under ``work``; its wall time in seconds."""
    news, index = work / "news", work / "ix"
    command = [str(newsdiff_command()), "add", *urls, "--to", str(news), "--index", str(index), *extra]
    env = {**os.environ, **ENV}
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=work)
    elapsed = time.perf_counter() - t0
    added = len(list(news.glob("*.md")))
    if done.returncode != 0 or added != len(urls):
        raise SystemExit(f"bench_add: run failed (exit {done.returncode}, {added} of {len(urls)} saved):\n{done.stderr}")
    return elapsed


def fresh_dirs(root: Path, label: str) -> Iterator[Path]:
    """Numbered empty folders under ``root``, one per run."""
    n = 0
    while True:
        n += 1
        path = root / f"{label}-{n}"
        path.mkdir()
        yield path


def best_of(repeat: int, urls: Sequence[str], root: Path, label: str, extra: Sequence[str]) -> list[float]:
    """The wall times of ``repeat`` runs, each into fresh folders."""
    dirs = fresh_dirs(root, label)
    return [run_add(urls, next(dirs), extra) for _ in range(repeat)]


def print_table(rows: list[tuple[str, int, list[float]]]) -> None:
    print(f"| command | pages | wall time, best of {len(rows[0][2])} (all runs) | pages/s | target |")
    print("|---|---|---|---|---|")
    for label, pages, times in rows:
        best = min(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        target = f"{TARGET_PAGES} pages <= {TARGET_SECONDS:g} s" if not label.endswith("--no-index") else "-"
        verdict = (" (met)" if best <= TARGET_SECONDS * pages / TARGET_PAGES else " (missed)") if target != "-" else ""
        print(f"| {label} | {pages} | {best:.2f} s ({runs}) | {pages / best:.1f} | {target}{verdict} |")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=TARGET_PAGES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-add-") as tmp:
        root = Path(tmp)
        site_dir = root / "site"
        site_dir.mkdir()
        names = write_pages(args.fixtures, site_dir, args.pages)
        with Site(site_dir) as site:
            urls = [site.url(name) for name in names]
            rows = [
                ("newsdiff add (fetch, save, index)", args.pages, best_of(args.repeat, urls, root, "full", [])),
                ("newsdiff add --no-index", args.pages, best_of(args.repeat, urls, root, "noindex", ["--no-index"])),
            ]
    print(f"newsdiff add: {args.pages} pages ({len(STORIES)} fixture stories, each copy numbered) "
          f"from a loopback http.server; each run a fresh --to and --index folder")
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
