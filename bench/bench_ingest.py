"""Saved web pages: how much of the story newsdiff keeps and how much boilerplate it drops,
against a naive extractor, and how fast pages load; prints a table.

    .venv/bin/python bench/bench_ingest.py [--fixtures DIR] [--copies N] [--repeat R]

Gold: ``expected.yaml`` of the fixtures folder (default ``tests/fixtures/html``): for each
article page, its story's paragraphs and strings of its boilerplate (navigation, cookie
banner, related stories, comments, share buttons, ads, footer, scripts).

* kept: characters of the expected paragraphs found in the extracted text, as a share of
  all their characters (a paragraph counts whole or not at all; runs of whitespace are
  one space on both sides, so a paragraph wrapped over lines still counts).
* dropped: characters of the boilerplate strings *absent* from the extracted text, as a
  share of all their characters.
* newsdiff: ``load_corpus([page]).articles[0].text`` (the HTML reader,
  ``newsdiff.corpus.html_pages``: trafilatura, favouring precision).
* naive (the peer): every text node of the page (stdlib ``html.parser``) but those inside
  ``<script>``, ``<style>``, ``<noscript>`` and ``<template>``, a line per block element;
  the bytes decoded as the loader decodes a ``.txt`` (UTF-8, else windows-1252; bytes
  with NULs as UTF-8 with replacement characters).

Speed: a temporary folder of ``--copies`` pages (default 200) made from every page of the
fixtures folder (articles, and the error, index, script-only and junk pages too), each copy
changed slightly (its number added to its first paragraph), loaded by one
``load_corpus([folder])``; the best of ``--repeat`` runs (default 3), in pages per second,
against the target of 50 pages/s. The first load of one page (importing trafilatura and
htmldate, about 0.5 s) is timed apart as one-time setup. The peer's speed is the same
folder read and parsed by the naive extractor.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdiff.corpus.articles import decode_bytes, load_corpus  # noqa: E402

DEFAULT_FIXTURES = REPO / "tests" / "fixtures" / "html"
TARGET_PAGES_PER_S = 50.0

_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


class _NaiveText(HTMLParser):
    """All text of a page but scripts and styles; a line break at each block element."""

    SKIP = {"script", "style", "noscript", "template"}
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section",
             "article", "header", "footer", "nav", "aside", "figure", "figcaption", "form", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def naive_text(data: bytes) -> str:
    try:
        text, _ = decode_bytes(data)
    except Exception:  # the loader skips binary files (NUL bytes); the peer reads them anyway
        text = data.decode("utf-8", errors="replace")
    parser = _NaiveText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def newsdiff_text(path: Path) -> str:
    result = load_corpus([path])
    return result.articles[0].text if result.articles else ""


def score(text: str, paragraphs: list[str], boilerplate: list[str]) -> tuple[float, float]:
    """(kept, dropped) shares of characters."""
    flat = _squash(text)
    want = sum(len(p) for p in paragraphs)
    kept = sum(len(p) for p in paragraphs if _squash(p) in flat)
    junk = sum(len(b) for b in boilerplate)
    dropped = sum(len(b) for b in boilerplate if _squash(b) not in flat)
    return kept / want if want else 1.0, dropped / junk if junk else 1.0


def make_copies(fixtures: Path, folder: Path, copies: int) -> int:
    pages = sorted(p for p in fixtures.iterdir() if p.suffix.lower() in (".html", ".htm") and p.is_file())
    for n in range(copies):
        page = pages[n % len(pages)]
        data = page.read_bytes()
        data = data.replace(b"</p>", f" [{n}]</p>".encode("ascii"), 1) if b"</p>" in data else data + f"<!-- {n} -->".encode()
        (folder / f"{n:04d}-{page.name}").write_bytes(data)
    return copies


def best_of(repeat: int, run) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - start)
    return best, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    expected = yaml.safe_load((args.fixtures / "expected.yaml").read_text(encoding="utf-8"))["articles"]

    first = args.fixtures / sorted(expected)[0]
    start = time.perf_counter()
    newsdiff_text(first)
    setup = time.perf_counter() - start

    rows = []
    totals = {"nd": [0.0, 0.0], "naive": [0.0, 0.0]}
    weights = [0, 0]
    for name in sorted(expected):
        want = expected[name]
        path = args.fixtures / name
        nd = score(newsdiff_text(path), want["paragraphs"], want["boilerplate"])
        nv = score(naive_text(path.read_bytes()), want["paragraphs"], want["boilerplate"])
        story = sum(len(p) for p in want["paragraphs"])
        junk = sum(len(b) for b in want["boilerplate"])
        rows.append((name, story, junk, nd, nv))
        weights[0] += story
        weights[1] += junk
        for key, (kept, dropped) in (("nd", nd), ("naive", nv)):
            totals[key][0] += kept * story
            totals[key][1] += dropped * junk

    width = max(len(r[0]) for r in rows + [("all (by characters)",)])
    print(f"{'page':<{width}}  {'story ch':>8}  {'boiler ch':>9}  {'newsdiff kept':>13}  {'dropped':>7}  "
          f"{'naive kept':>10}  {'dropped':>7}")
    print("-" * (width + 68))
    for name, story, junk, (nk, nd_), (vk, vd) in rows:
        print(f"{name:<{width}}  {story:>8,}  {junk:>9,}  {nk:>13.1%}  {nd_:>7.1%}  {vk:>10.1%}  {vd:>7.1%}")
    print("-" * (width + 68))
    nd_k, nd_d = (t / w for t, w in zip(totals["nd"], weights))
    nv_k, nv_d = (t / w for t, w in zip(totals["naive"], weights))
    print(f"{'all (by characters)':<{width}}  {weights[0]:>8,}  {weights[1]:>9,}  {nd_k:>13.1%}  {nd_d:>7.1%}  "
          f"{nv_k:>10.1%}  {nv_d:>7.1%}")
    print()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = make_copies(args.fixtures, folder, args.copies)
        elapsed, result = best_of(args.repeat, lambda: load_corpus([folder]))
        files = sorted(folder.iterdir())
        naive_elapsed, _ = best_of(args.repeat, lambda: [naive_text(p.read_bytes()) for p in files])
    speed = pages / elapsed
    print(f"speed: {pages} pages ({len(result.articles)} articles, {len(result.warnings)} skipped with a warning), "
          f"best of {args.repeat}")
    print(f"  newsdiff load_corpus: {elapsed:.2f} s = {speed:,.0f} pages/s "
          f"(one-time setup, first page: {setup:.2f} s)")
    print(f"  naive extractor:      {naive_elapsed:.2f} s = {pages / naive_elapsed:,.0f} pages/s")
    print(f"target: >= {TARGET_PAGES_PER_S:.0f} pages/s: {'met' if speed >= TARGET_PAGES_PER_S else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
