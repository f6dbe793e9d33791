"""Benchmark the comparison engine: ``compare`` on the seeds (warm), on a 20-article event,
and the cold ``newsdiff compare`` process; YAML dump and reload of the result.

    python bench/bench_compare.py [--runs N]

Targets (claims issue): seeds ≤ 50 ms warm; 20-article event ≤ 0.5 s; 200-article event ≤ 3 s.
"Warm": imports, lexicons and each article's analysis record (:mod:`newsdiff.analysis.memo`,
as when the app compares again after a merge) are ready; the "afresh" rows empty the memo
before each run, so every article is analysed again (a first comparison).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from newsdiff.analysis import memo
from newsdiff.corpus.articles import load_corpus, text_sha256
from newsdiff.comparison.compare import compare_articles
from newsdiff.store.comparison_yaml import dump_comparison, load_comparison_file, save_comparison

REPO = Path(__file__).resolve().parent.parent


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def twenty_articles(count: int = 20):
    """``count`` articles about one event: the seeds, each repeated with light deterministic edits."""
    seeds = load_corpus([REPO / "seeds"]).articles
    out = []
    for n in range(count):
        base = seeds[n % len(seeds)]
        text = base.text.replace("Baghdad", "Baghdad" if n % 2 else "the Iraqi capital Baghdad")
        text = f"Update {n}: wire copy.\n\n" + text
        out.append(replace(base, id=f"{base.id}-{n}", text=text, sha256=text_sha256(text)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    seeds = load_corpus([REPO / "seeds"]).articles
    twenty = twenty_articles()
    compare_articles(seeds)  # warm imports and caches
    rows = []

    def row(name: str, samples: list[float], target: str) -> None:
        p50 = statistics.median(samples)
        p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]
        rows.append((name, f"{p50:.1f}", f"{p95:.1f}", target))

    def afresh(articles):
        # each article analysed again: the analysis memo emptied first (a first comparison)
        return lambda: (memo.clear(), compare_articles(articles))

    row("compare seeds (4 articles), warm", timed(lambda: compare_articles(seeds), args.runs), "≤ 50 ms")
    row("  same, each article analysed afresh", timed(afresh(seeds), args.runs), "")
    row("compare 20-article event, warm", timed(lambda: compare_articles(twenty), max(5, args.runs // 3)), "≤ 500 ms")
    row("  same, afresh", timed(afresh(twenty), max(5, args.runs // 3)), "")
    two_hundred = twenty_articles(200)
    compare_articles(two_hundred)
    row("compare 200-article event, warm", timed(lambda: compare_articles(two_hundred), 3), "≤ 3,000 ms")
    row("  same, afresh", timed(afresh(two_hundred), 3), "")
    cmp = compare_articles(seeds)
    row("dump seeds comparison to YAML", timed(lambda: dump_comparison(cmp), args.runs), "")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "newsdiff.yaml"
        save_comparison(cmp, path)
        row("save (atomic, fsync) + reload YAML", timed(lambda: (save_comparison(cmp, path), load_comparison_file(path)), args.runs), "")
    cold = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "newsdiff", "compare", str(REPO / "seeds")],
            check=True, capture_output=True,
        ),
        5,
    )
    row("cold process: newsdiff compare seeds", cold, "")
    words = sum(len(a.text.split()) for a in twenty)
    print(f"compare benchmark — {len(seeds)} seed articles; 20-article event of {words:,} words")
    header = ("case", "p50 ms", "p95 ms", "target")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(4)]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
