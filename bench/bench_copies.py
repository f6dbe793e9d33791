"""Wire-copy detection: the bottom-k sketch with candidate checks (newsdiff) against the
exact all-pairs containment it approximates and, when it is installed, ``datasketch``
MinHash, side by side in the same run. Prints a table.

Usage: python bench/bench_copies.py [DEV_DIR] [--copies N]
  The pile: every dev article (ECB+, default ../shared/dev/ecbplus) plus N (default 200)
  synthetic wire copies of random dev articles (a new first line, the last sentence cut).
  Reports time (also per 1,000 articles, scaled from the pile), pairs found, and the
  pairs each method misses or adds against exact containment >= CONTAINMENT.

  datasketch (optional: ``pip install datasketch``; without it the bench prints
  "datasketch not installed" and runs the rest), fed the same crc32 word 5-shingles, with
  MINHASH_PERM permutations made once, and the same exact containment check on its
  candidates:
  * MinHashLSH at Jaccard >= LSH_THRESHOLD (its usual near-duplicate index);
  * MinHashLSHEnsemble at containment >= CONTAINMENT (its index for containment, the
    measure newsdiff checks).
  Pairs are compared after grouping (copies of copies are one group for every method):
  agreement counts the pairs both find, and those only one finds.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdiff.analysis.copies import CONTAINMENT, MIN_SHINGLES, containment, find_copies, shingles  # noqa: E402
from newsdiff.analysis.linked import linked_groups  # noqa: E402
from newsdiff.corpus.articles import Article, load_corpus, text_sha256  # noqa: E402

try:
    import datasketch
except ImportError:  # optional: the bench runs without it
    datasketch = None

#: Permutations of the datasketch MinHash (its default).
MINHASH_PERM = 128
#: Jaccard threshold of the MinHashLSH candidates: low, as newsdiff's candidate step is
#: (a copy with a paragraph cut keeps containment high but loses Jaccard).
LSH_THRESHOLD = 0.3


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


def _group_pairs(found: set[tuple[str, str]], articles: list[Article]) -> set[tuple[str, str]]:
    """The pairs of the groups that checked pairs make (as find_copies groups them)."""
    return {(a, b) for group in linked_groups([a.id for a in articles], found)
            for i, a in enumerate(group) for b in group[i + 1:]}


def _checked(candidates: set[tuple[str, str]], sets: dict[str, set[int]]) -> set[tuple[str, str]]:
    """The candidate pairs whose exact containment reaches CONTAINMENT."""
    return {p for p in candidates if containment(sets[p[0]], sets[p[1]]) >= CONTAINMENT}


def _minhashes(articles: list[Article]) -> tuple[dict[str, set[int]], dict[str, object]]:
    """Each article's shingle set and, for those long enough, its datasketch MinHash
    (the crc32 shingles are its 32-bit hash values; permutations made once)."""
    sets = {a.id: shingles(a.text) for a in articles}
    first = datasketch.MinHash(num_perm=MINHASH_PERM, seed=1)
    perms, scheme = first.permutations, first.scheme
    hashes = {}
    for aid, values in sets.items():
        if len(values) >= MIN_SHINGLES:
            m = datasketch.MinHash(num_perm=MINHASH_PERM, hashfunc=int, permutations=perms, scheme=scheme)
            m.update_batch(list(values))
            hashes[aid] = m
    return sets, hashes


def _ordered(a: str, b: str, order: dict[str, int]) -> tuple[str, str]:
    return (a, b) if order[a] < order[b] else (b, a)


def datasketch_lsh(articles: list[Article]) -> set[tuple[str, str]]:
    """Grouped copy pairs: MinHashLSH candidates (Jaccard), then the exact check."""
    order = {a.id: n for n, a in enumerate(articles)}
    sets, hashes = _minhashes(articles)
    lsh = datasketch.MinHashLSH(threshold=LSH_THRESHOLD, num_perm=MINHASH_PERM)
    for aid, m in hashes.items():
        lsh.insert(aid, m)
    candidates = {_ordered(aid, other, order) for aid, m in hashes.items() for other in lsh.query(m) if other != aid}
    return _group_pairs(_checked(candidates, sets), articles)


def datasketch_ensemble(articles: list[Article]) -> set[tuple[str, str]]:
    """Grouped copy pairs: MinHashLSHEnsemble candidates (containment), then the exact check."""
    order = {a.id: n for n, a in enumerate(articles)}
    sets, hashes = _minhashes(articles)
    ensemble = datasketch.MinHashLSHEnsemble(threshold=CONTAINMENT, num_perm=MINHASH_PERM)
    ensemble.index([(aid, m, len(sets[aid])) for aid, m in hashes.items()])
    candidates = {_ordered(aid, other, order) for aid, m in hashes.items()
                  for other in ensemble.query(m, len(sets[aid])) if other != aid}
    return _group_pairs(_checked(candidates, sets), articles)


def timed(run, articles: list[Article]) -> tuple[float, set[tuple[str, str]]]:
    t0 = time.perf_counter()
    found = run(articles)
    return time.perf_counter() - t0, found


def _row(name: str, seconds: float, n: int, found: set, exact: set | None) -> str:
    per_1000 = seconds / n * 1000
    if exact is None:
        missed = extra = "-"
    else:
        missed = str(sum(1 for p in exact if p not in found and (p[1], p[0]) not in found))
        extra = str(sum(1 for p in found if p not in exact and (p[1], p[0]) not in exact))
    return f"{name:<52} {seconds:>8.3f} {per_1000:>10.3f} {len(found):>7} {missed:>7} {extra:>7}"


def _agreement(ours: set, theirs: set, name: str) -> str:
    both = len(ours & theirs)
    return (f"agreement newsdiff / {name}: {both} pairs found by both, {len(ours - theirs)} only by newsdiff, "
            f"{len(theirs - ours)} only by {name}")


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
    n = len(articles)
    t_sketch, found = timed(lambda arts: groups_to_pairs(find_copies(arts), arts), articles)
    t_exact, exact = timed(exact_pairs, articles)
    # groups are transitive: "missed" counts the direct pairs exact containment knows that
    # a method's groups lack, "extra" the grouped pairs that are no direct pair
    print(f"pile: {n} articles ({n_copies} synthetic copies)")
    print(f"{'method':<52} {'seconds':>8} {'s / 1,000':>10} {'pairs':>7} {'missed':>7} {'extra':>7}")
    print(_row("newsdiff: bottom-k sketch + checks", t_sketch, n, found, exact))
    print(_row("peer: exact containment, all pairs", t_exact, n, exact, None))
    if datasketch is None:
        print("datasketch not installed")
        print(f"ratio exact / sketch: {t_exact / t_sketch:.1f}x the time")
        return 0
    t_lsh, lsh = timed(datasketch_lsh, articles)
    t_ens, ens = timed(datasketch_ensemble, articles)
    print(_row(f"datasketch {datasketch.__version__}: MinHashLSH J>={LSH_THRESHOLD} + checks", t_lsh, n, lsh, exact))
    print(_row(f"datasketch: LSHEnsemble C>={CONTAINMENT} + checks", t_ens, n, ens, exact))
    print(f"ratio exact / sketch: {t_exact / t_sketch:.1f}x the time; datasketch / newsdiff: "
          f"MinHashLSH {t_lsh / t_sketch:.1f}x, LSHEnsemble {t_ens / t_sketch:.1f}x")
    print(_agreement(found, lsh, "MinHashLSH"))
    print(_agreement(found, ens, "LSHEnsemble"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
