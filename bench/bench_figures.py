"""Benchmark figure extraction and claim alignment; prints a table.

    /work/venv/bin/python bench/bench_figures.py [--words N] [--repeat R]

1. Throughput (words/s) of ``split_sentences`` and ``extract_figures`` (which splits
   sentences itself) over a large text built from the seeds (target: extraction
   >= 200,000 words/s), with and without entity mentions passed in.
2. ``align_claims`` on a 20-article event: the four seeds replicated five times, each copy
   with its numbers deterministically perturbed, so there are real conflicts to find.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdiff.records import VERDICTS
from newsdiff.corpus.articles import Article, load_corpus, text_sha256  # noqa: E402
from newsdiff.comparison.claims import align_claims  # noqa: E402
from newsdiff.analysis.figures import extract_figures  # noqa: E402
from newsdiff.records import RawMention  # noqa: E402
from newsdiff.analysis.sentences import split_sentences  # noqa: E402

_NAMES = re.compile(
    r"\b(Iran|Iraq|Iranian|Iraqi|Baghdad|Samarra|Tehran|Mosul|Quds Forces?|"
    r"Revolutionary Guards?|ISIS|Isis|Diyala|Jalula|Sadiyah|Khanaqin|Guardian|Tikrit)\b"
)


#: issue 9: figure extraction's speed, in words a second
TARGET_WORDS_PER_S = 200_000


def _mentions(text: str) -> list[RawMention]:
    return [RawMention(m.start(), m.end(), m.group()) for m in _NAMES.finditer(text)]


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _perturb(text: str, copy: int) -> str:
    """Scale every digit number by a factor chosen by the copy number (copy 0: as is)."""
    if copy == 0:
        return text
    factor = (1.0, 1.02, 1.5, 0.97, 3.0)[copy % 5]

    def scale(m: re.Match[str]) -> str:
        value = int(m.group().replace(",", ""))
        if 1900 <= value <= 2100:  # years stay years
            return m.group()
        return f"{round(value * factor):,}"

    return re.sub(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", scale, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="size of the large text")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best kept)")
    args = parser.parse_args()

    seeds = load_corpus([REPO / "seeds"]).articles
    corpus = "\n\n".join(a.text for a in seeds)
    corpus_words = len(corpus.split())
    copies = max(1, args.words // corpus_words)
    big = "\n\n".join(_perturb(corpus, n) for n in range(copies))
    words = len(big.split())
    article = Article(id="big", path="big.txt", title="big", text=big, sha256=text_sha256(big))
    mentions = _mentions(big)

    rows: list[tuple[str, str, str, str]] = []
    t = _best(lambda: split_sentences(big), args.repeat)
    rows.append(("split_sentences", f"{words:,} words", f"{t * 1000:,.0f} ms", f"{words / t:,.0f} words/s"))
    t = t_plain = _best(lambda: extract_figures(article), args.repeat)
    n_fig = len(extract_figures(article))
    rows.append(("extract_figures (no mentions)", f"{words:,} words", f"{t * 1000:,.0f} ms",
                 f"{words / t:,.0f} words/s"))
    t = _best(lambda: extract_figures(article, mentions), args.repeat)
    rows.append((f"extract_figures ({len(mentions):,} mentions)", f"{words:,} words",
                 f"{t * 1000:,.0f} ms", f"{words / t:,.0f} words/s"))

    event = []
    for copy in range(5):
        for a in seeds:
            text = _perturb(a.text, copy)
            event.append(Article(id=f"{copy}{a.id}", path=a.path, title=a.title, text=text,
                                 sha256=text_sha256(text)))
    figures = [f for a in event for f in extract_figures(a, _mentions(a.text))]
    texts = {a.id: a.text for a in event}
    for label, kwargs in (("align_claims", {}), ("align_claims (texts)", {"texts": texts})):
        runs = []
        for _ in range(max(3, args.repeat)):
            t0 = time.perf_counter()
            claims = align_claims(figures, event_city="Baghdad", **kwargs)
            runs.append(time.perf_counter() - t0)
        verdicts = {v: sum(c.verdict == v for c in claims) for v in VERDICTS}
        rows.append((
            f"{label}, {len(event)} articles", f"{len(figures)} figures",
            f"{statistics.median(runs) * 1000:,.1f} ms",
            f"{len(claims)} claims (" + ", ".join(f"{n} {v}" for v, n in verdicts.items() if n and v != "single") + ")",
        ))

    widths = [max(len(r[i]) for r in rows + [("step", "input", "time", "rate")]) for i in range(4)]
    header = ("step", "input", "time", "rate")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    rate = words / t_plain
    print(f"\nfigures in the large text: {n_fig:,}; target: extraction >= {TARGET_WORDS_PER_S:,} words/s "
          f"(without mentions): {'met' if rate >= TARGET_WORDS_PER_S else 'MISSED'} ({rate:,.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
