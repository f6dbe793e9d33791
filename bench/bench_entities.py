"""Speed of entity extraction and event grouping; prints a table.

Usage: python bench/bench_entities.py [DEV_DIR]   (default: ../shared/dev relative to the repo)

* find_mentions + resolve_entities over a big text: the seeds (and the dev articles when
  present) repeated to about 400,000 words, as one article and as 400 articles of one event
  (target: mentions + aliases >= 100,000 words/s);
* group_events on 1,000 articles: the available articles replicated with a small unique
  change each, so nothing is an exact copy (target: <= 10 s).
Peer: a bare regex of capitalised words over the same text, the floor any finder pays.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdiff.analysis.aliases import resolve_entities  # noqa: E402
from newsdiff.corpus.articles import Article, load_corpus, text_sha256  # noqa: E402
from newsdiff.comparison.events import group_events  # noqa: E402
from newsdiff.analysis.mentions import find_mentions  # noqa: E402

TARGET_WORDS = 400_000


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def main(argv: list[str]) -> int:
    dev = Path(argv[0]) if argv else REPO.parent / "shared" / "dev"
    paths = [REPO / "seeds"] + ([dev] if dev.is_dir() else [])
    base = load_corpus(paths).articles
    words_per_round = sum(len(a.text.split()) for a in base)
    rounds = max(1, TARGET_WORDS // words_per_round)
    big_text = "\n\n".join(a.text for a in base) * 1
    big_text = "\n\n".join([big_text] * rounds)
    words = len(big_text.split())
    rows = []

    _, t_regex = timed(lambda t: re.findall(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*", t), big_text)
    rows.append(("peer: capitalised-word regex", f"{words:,} words", t_regex, words / t_regex))

    found, t_find = timed(find_mentions, big_text)
    rows.append(("find_mentions, one big article", f"{words:,} words", t_find, words / t_find))
    one = Article(id="big", path="big.txt", title="big", text=big_text, sha256=text_sha256(big_text))
    ents, t_res = timed(resolve_entities, [one], {"big": found})
    rows.append(("resolve_entities, one big article", f"{len(found):,} mentions", t_res, words / t_res))
    rows.append(("find + resolve, one big article", f"{words:,} words", t_find + t_res,
                 words / (t_find + t_res)))

    many = [replace(a, id=f"{a.id}~{n}") for n in range(rounds) for a in base][:400]
    many_words = sum(len(a.text.split()) for a in many)
    t0 = time.perf_counter()
    mentions = {a.id: find_mentions(a.text) for a in many}
    t_many_find = time.perf_counter() - t0
    _, t_many_res = timed(resolve_entities, many, mentions)
    rows.append((f"find + resolve, {len(many)} articles", f"{many_words:,} words",
                 t_many_find + t_many_res, many_words / (t_many_find + t_many_res)))

    pile = []
    for n in range(1000):
        a = base[n % len(base)]
        text = a.text + f"\nReference {n}: filed by desk {n % 17}."
        pile.append(replace(a, id=f"{a.id}~{n}", text=text, sha256=text_sha256(text)))
    events, t_group = timed(group_events, pile)
    rows.append(("group_events, 1,000 articles", f"{len(events)} events", t_group, 1000 / t_group))
    distinct = [replace(a, id=f"{a.id}") for a in base]
    _, t_small = timed(group_events, distinct)
    rows.append((f"group_events, {len(distinct)} articles", "", t_small, len(distinct) / t_small))

    print(f"{'case':<36} {'size':>18} {'seconds':>8} {'per second':>14}")
    for name, size, secs, rate in rows:
        unit = "articles/s" if name.startswith("group") else "words/s"
        print(f"{name:<36} {size:>18} {secs:>8.3f} {rate:>10,.0f} {unit}")
    print(f"\nratio find_mentions / regex peer: {t_find / t_regex:.1f}x the time")
    ok_find = words / (t_find + t_res) >= 100_000
    ok_group = t_group <= 10
    print(f"targets: mentions + aliases >= 100,000 words/s: {'met' if ok_find else 'MISSED'}; "
          f"1,000-article grouping <= 10 s: {'met' if ok_group else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
