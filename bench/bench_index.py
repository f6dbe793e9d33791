"""Benchmark the full-text index on a synthetic corpus and compare queries with grep.

    python bench/bench_index.py [--articles N] [--words W] [--runs R] [--keep DIR]

Generates a deterministic corpus (seeded random; ~600 words per article drawn from a
Zipf-distributed vocabulary of pseudo-words plus English stop words and a few names and
phrases from the seed articles) into a temporary folder, then prints one table: full
build, index size, re-open with nothing changed, the checksum check (as on open, as
``newsdiff index --verify``, and sampled, for comparison), update of 1% of the files, the
first query after opening (it reads the vocabulary), warm query p50/p95 (term, phrase, prefix,
fuzzy: ``CorpusIndex.search`` with its default limit of 10, match offsets and snippets
included; nothing is cached between queries but the index's own vocabulary and field
lengths), a cold ``newsdiff search`` process, and grep over the same files.

The grep peer, per query, in the same run: two commands, each run once to warm the page
cache and then ``--grep-runs`` times (median). One is the closest equivalent grep can do
(whole words, case-insensitive, the word forms the stemmer folds together, a fuzzy term
as the alternation of every one-edit variant); the other is a plain substring search,
which is faster and looser. The ratio is taken against the faster of the two, and both
find the same files as newsdiff here, give or take a phrase across a line break or a
stop word (grep reads lines; newsdiff skips stop words inside phrases).

Targets: full build of 10,000 articles <= 90 s; unchanged re-open <= 1 s; warm p95 <=
20 ms and >= 10x faster than grep.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsdiff.corpus.articles import load_corpus
from newsdiff.search.index import FULL_CHECK_BYTES, CorpusIndex, verify_index

STOP_WORDS = ("the of and to a in that is for on with as was by at from it be has said "
              "have are an its were this but not which who had been would will they").split()
NAMES = ["Suleimani", "Baghdad", "Tehran", "Mosul", "Rouhani", "Maliki", "Quds", "Iraq",
         "Iran", "troops", "Revolutionary", "revolution", "Guards", "forces", "soldiers"]
PHRASES = ["Quds Force", "Revolutionary Guards", "Prime Minister", "special forces"]



def one_edit_variants(word: str) -> str:
    """An extended regex for every word at Levenshtein distance <= 1 from ``word``."""
    variants = {word}
    for i in range(len(word) + 1):
        variants.add(word[:i] + "." + word[i:])  # insertion
    for i in range(len(word)):
        variants.add(word[:i] + word[i + 1:])  # deletion
        variants.add(word[:i] + "." + word[i + 1:])  # substitution
    return "|".join(sorted(variants))


#: (label, newsdiff query, [(grep arguments with the pattern), ...]): the equivalent
#: whole-word grep first, then a plain substring grep.
QUERIES = [
    ("term", "troops", [["-rliwE", "troops?"], ["-rli", "troop"]]),
    ("phrase", '"Quds Force"', [["-rliwE", r"quds\s+forc(e|es|ed|ing)"], ["-rli", "quds force"]]),
    ("prefix", "revolution*", [["-rliw", r"revolut\w*"], ["-rli", "revolut"]]),
    ("fuzzy", "Suleimeni~", [["-rliwE", one_edit_variants("suleimeni")], ["-rliE", "sul.?e.?im.?.?ni"]]),
]


def run_grep(args: list[str], corpus: Path, runs: int) -> tuple[float, int]:
    """Median milliseconds of ``grep args corpus`` after one warm-up run, and the number
    of files it listed."""
    cmd = ["grep", *args, str(corpus)]
    subprocess.run(cmd, capture_output=True)  # warm the page cache
    times, found = [], 0
    for _ in range(runs):
        t, proc = timed(subprocess.run, cmd, capture_output=True, text=True)
        times.append(t * 1000)
        found = len(proc.stdout.splitlines())
    return statistics.median(times), found


def grep_label(args: list[str]) -> str:
    pattern = args[-1] if len(args[-1]) <= 32 else f"<{args[-1].count('|') + 1} one-edit variants>"
    return f"grep {' '.join(args[:-1])} '{pattern}'"


def make_vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    consonants, vowels = "bcdfghklmnprstvwz", "aeiou"
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choices([1, 2, 3, 4], weights=[3, 5, 3, 1])[0]
        words.add("".join(rng.choice(consonants) + rng.choice(vowels)
                          + (rng.choice(consonants) if rng.random() < 0.3 else "")
                          for _ in range(syllables)))
    return sorted(words, key=lambda w: (len(w), w))  # frequent words are the short ones


def generate_corpus(folder: Path, articles: int, words: int, seed: int = 2014) -> None:
    rng = random.Random(seed)
    vocab = list(STOP_WORDS) + make_vocabulary(rng)
    cum = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))))
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        body = rng.choices(vocab, cum_weights=cum, k=words)
        for _ in range(rng.randrange(0, 6)):
            body[rng.randrange(words)] = rng.choice(NAMES)
        if rng.random() < 0.2:
            body[rng.randrange(words)] = rng.choice(PHRASES)
        sentences = [" ".join(body[i:i + 15]).capitalize() + "." for i in range(0, words, 15)]
        paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
        title = " ".join(w.capitalize() for w in body[:6])
        (folder / f"article_{n:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n",
                                                      encoding="utf-8")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--runs", type=int, default=50, help="warm runs per query")
    parser.add_argument("--grep-runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="use this folder (kept) instead of a temp one")
    args = parser.parse_args(argv)

    base = args.keep or Path(tempfile.mkdtemp(prefix="newsdiff-bench-"))
    corpus, ix_dir = base / "corpus", base / "index"
    rows: list[tuple[str, str, str]] = []
    try:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(ix_dir, ignore_errors=True)
        gen_s, _ = timed(generate_corpus, corpus, args.articles, args.words)
        size_mb = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        load_s, loaded = timed(load_corpus, [corpus])
        articles = loaded.articles
        n = len(articles)
        rows.append(("corpus", f"{n:,} articles, {size_mb:.1f} MB",
                     f"generated {gen_s:.1f} s; load_corpus {load_s:.2f} s"))

        build_s, ix = timed(CorpusIndex.open, ix_dir, articles, rebuild=True)
        ix.close()
        rows.append(("full build", f"{build_s:.1f} s", f"{n / build_s:.0f} articles/s (target <= 90 s at 10k)"))
        ix_mb = sum(p.stat().st_size for p in ix_dir.iterdir() if p.is_file()) / 1e6
        rows.append(("index size", f"{ix_mb:.1f} MB", f"{ix_mb / size_mb:.1f}x the article files"))

        reopen_s, ix = timed(CorpusIndex.open, ix_dir, articles)
        assert not ix.report.changed, ix.report
        ix.close()
        rows.append(("re-open, nothing changed", f"{reopen_s * 1000:.0f} ms",
                     "no writer, no commit, checksums checked (target <= 1 s)"))
        for label, full, note in [
            ("checksum check on open", None,
             f"sizes + sha256 (whole files up to {FULL_CHECK_BYTES >> 20} MB in all, else sampled)"),
            ("checksum check, --verify", True, "sizes + sha256 of every byte"),
            ("checksum check, sampled", False, "sizes + sha256 of 64 blocks of 4 KB per file"),
        ]:
            times = []
            for _ in range(7):
                t, checks = timed(verify_index, ix_dir, full)
                assert all(c.status == "ok" for c in checks), checks
                times.append(t * 1000)
            rows.append((label, f"{statistics.median(times):.1f} ms",
                         f"median of 7, warm cache; {note}"))

        changed = sorted(corpus.iterdir())[:: 100]
        for path in changed:
            path.write_text(path.read_text(encoding="utf-8") + "\nAn update about troops.\n", encoding="utf-8")
        articles = load_corpus([corpus]).articles
        update_s, ix = timed(CorpusIndex.open, ix_dir, articles)
        assert ix.report.updated == len(changed), ix.report
        rows.append(("update 1% of files", f"{update_s:.2f} s", f"{ix.report.updated} re-indexed, {ix.report.unchanged:,} unchanged"))
        first_s, _ = timed(ix.search, "revolution*")
        rows.append(("first query after opening", f"{first_s * 1000:.0f} ms",
                     "revolution*: reads the vocabulary, field lengths, deletions once"))

        for label, query, greps in QUERIES:
            found = len(ix.search(query, limit=None))
            times = []
            for _ in range(args.runs):
                t, _ = timed(ix.search, query)
                times.append(t * 1000)
            p50, p95 = statistics.median(times), percentile(times, 95)
            peers = [(run_grep(g, corpus, args.grep_runs), g) for g in greps]
            (best_ms, _), _ = min(peers, key=lambda peer: peer[0][0])
            rows.append((f"warm {label}: {query}", f"p50 {p50:.1f} ms / p95 {p95:.1f} ms",
                         f"{found} hits; {best_ms / p50:.1f}x the faster grep"))
            for (ms, files), g in peers:
                rows.append(("", "", f"  {grep_label(g)}: {ms:.0f} ms, {files} files"))
        ix.close()

        cold = []
        for _ in range(3):
            t, proc = timed(subprocess.run,
                            [sys.executable, "-m", "newsdiff", "search", str(corpus), "troops",
                             "--json", "--index", str(ix_dir)], capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr
            cold.append(t)
        rows.append(("cold `newsdiff search` process", f"{statistics.median(cold):.2f} s",
                     f"median of 3; includes loading all {n:,} files"))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)

    width = [max(len(r[i]) for r in rows) for i in range(3)]
    head = ("measure", "result", "notes")
    width = [max(w, len(h)) for w, h in zip(width, head)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, width)))
    print("-+-".join("-" * w for w in width))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, width)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
