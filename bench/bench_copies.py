"""Wire-copy detection: the bottom-k sketch with candidate checks (newsdiff) against the
exact all-pairs containment it approximates, side by side in the same run. Prints a table.

Usage: python bench/bench_copies.py [DEV_DIR] [--copies N]
  The pile: every dev article (ECB+, default ../shared/dev/ecbplus) plus N (default 200)
  synthetic wire copies of random dev articles (a new first line, the last sentence cut).
  Reports time, pairs found, and the pairs the sketch misses or adds against exact
  containment >= CONTAINMENT.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdiff.analysis.copies import CONTAINMENT, MIN_SHINGLES, containment, find_copies, shingles  # noqa: E402
from newsdiff.corpus.articles import Article, load_corpus, text_sha256  # noqa: E402


def exact_pairs(articles: list[Article]) -> set[tuple[str, str]]:
    sets = {a.id: shingles(a.text) for a in articles}
    ids = [a.id for a in articles if len(sets[a.id]) >= MIN_SHINGLES]
    return {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if containment(sets[a], sets[b]) >= CONTAINMENT}


def groups_to_pairs(copies: dict[str, str], articles: list[Article]) -> set[tuple[str, str]]:
    order = {a.id: n for n, a in enumerate(articles)}
    members: dict[str, set[str]] = {}
    for copy, original in copies.items():
        members.setdefault(original, {original}).add(copy)
    pairs = set()
    for group in members.values():
        g = sorted(group, key=order.__getitem__)
        pairs |= {(a, b) for i, a in enumerate(g) for b in g[i + 1:]}
    return pairs


def main(argv: list[str]) -> int:
    n_copies = int(argv[argv.index("--copies") + 1]) if "--copies" in argv else 200
    rest = [a for a in argv if not a.startswith("--") and not a.isdigit()]
    dev = Path(rest[0]) if rest else REPO.parent / "shared" / "dev" / "ecbplus"
    articles = load_corpus([dev]).articles
    rng = random.Random(1)
    for n in range(n_copies):
        src = rng.choice(articles[:186])
        text = f"Republished {n}\n" + src.text.rsplit(".", 2)[0] + "."
        articles.append(Article(id=f"copy-{n}", path=f"copy-{n}.txt", title=f"copy {n}", text=text,
                                sha256=text_sha256(text)))
    t0 = time.perf_counter()
    copies = find_copies(articles)
    t_sketch = time.perf_counter() - t0
    t0 = time.perf_counter()
    exact = exact_pairs(articles)
    t_exact = time.perf_counter() - t0
    found = groups_to_pairs(copies, articles)
    # the sketch's groups are transitive: count only the direct pairs exact containment knows
    missed = {p for p in exact if p not in found and (p[1], p[0]) not in found}
    print(f"pile: {len(articles)} articles ({n_copies} synthetic copies)")
    print(f"{'method':<40} {'seconds':>8} {'pairs':>7} {'missed':>7}")
    print(f"{'newsdiff: bottom-k sketch + checks':<40} {t_sketch:>8.3f} {len(found):>7} {len(missed):>7}")
    print(f"{'peer: exact containment, all pairs':<40} {t_exact:>8.3f} {len(exact):>7} {'-':>7}")
    print(f"ratio exact / sketch: {t_exact / t_sketch:.1f}x the time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
