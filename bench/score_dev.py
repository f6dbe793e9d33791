"""Score newsdiff's entity linking and event grouping on the dev set (ECB+ events).

Usage: python bench/score_dev.py [DEV_DIR] [--lost] [--topics 5,16,18,21]
(default: ../shared/dev relative to the repo; ``--topics`` scores entity links on those
ECB+ topics only, for a develop / held-out split)

``--lost`` also prints the lost gold links grouped by cause (a gold mention with no
predicted mention, or two matched mentions in different predicted entities), to find
general rules worth adding; it never changes the scores.

Entity links (per event folder, summed over folders):
  * gold mentions scored = "named" mentions inside the annotated sentences: mentions of
    type HUMAN_PART_PER / HUMAN_PART_ORG / HUMAN_PART_GPE / LOC_* whose first word starts
    with a capital letter and is not a pronoun or determiner ("Hugh Jackman", "Navy",
    "Gulf of Aden"; not "the Gulf of Aden", "The Philadelphia 76ers", "He", "host").
    This definition reproduces the issue's reference baselines (0.71 / 0.86).
  * gold link = two such mentions in different articles of the same gold chain.
  * predicted link = both gold mentions matched to a predicted mention (exact span, or a
    predicted mention that overlaps the gold span and contains its head: the last token
    starting with a capital letter, else with a digit) and both in the same predicted entity.
  * precision / recall / F1 over the pairwise links; coverage = share of scored gold
    mentions matched to some predicted mention.
  Baselines in the same run: link two gold mentions when their texts are identical, or
  when their last words are identical (both case-sensitive, possessive 's removed).

A stricter row set counts only proper names: named mentions with a capitalised word whose
lower-case form never occurs in the article (drops headline-case "Woman", "Driver", "Host").

Event grouping: every dev article in one pile, B-cubed precision / recall / F1 against the
event folders; then small piles: each event's folder alone (it should stay one event) and
each topic's two look-alike events as one pile (they should come apart).
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdiff.analysis.aliases import resolve_entities  # noqa: E402
from newsdiff.corpus.articles import load_corpus  # noqa: E402
from newsdiff.comparison.events import group_events  # noqa: E402
from newsdiff.lexicon.gazetteer import ROLE_NOUNS  # noqa: E402
from newsdiff.analysis.mentions import find_mentions  # noqa: E402

NAMED_TYPES = ("HUMAN_PART_PER", "HUMAN_PART_ORG", "HUMAN_PART_GPE")
NOT_NAMES = frozenset(
    "the a an he she it i we you they his her its their our my your him them us me "
    "this that these those who which what".split()
)
_TOKEN = re.compile(r"[^\s]+")


def is_named(mention: dict, type_: str) -> bool:
    if not (type_ in NAMED_TYPES or type_.startswith("LOC_")):
        return False
    words = mention["text"].split()
    first = words[0].strip("\"'`()[],.;:") if words else ""
    base = re.split(r"['’]", first)[0]  # I'm, We've -> I, We
    return bool(first) and first[0].isupper() and base.lower() not in NOT_NAMES


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def gold_head(text: str, start: int) -> tuple[int, int] | None:
    """Span of the last token starting with an upper-case letter (else with a digit)."""
    upper = digit = None
    for m in _TOKEN.finditer(text):
        lead = m.group(0).lstrip("\"'`([")
        if lead and lead[0].isupper():
            upper = (start + m.start(), start + m.end())
        elif lead and lead[0].isdigit():
            digit = (start + m.start(), start + m.end())
    return upper or digit


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class LinkScore:
    def __init__(self) -> None:
        self.tp = self.pred = self.gold = 0
        self.covered = self.total = 0

    def add(self, gold: list[tuple[str, str]], pred: list[str | None],
            lost: Callable[[int, int], None] | None = None) -> None:
        """gold: (doc, chain) per mention; pred: predicted cluster (None = unmatched);
        ``lost(i, j)`` is called for every gold link the prediction misses."""
        self.total += len(gold)
        self.covered += sum(1 for p in pred if p is not None)
        n = len(gold)
        for i in range(n):
            for j in range(i + 1, n):
                if gold[i][0] == gold[j][0]:
                    continue
                g = gold[i][1] == gold[j][1]
                p = pred[i] is not None and pred[i] == pred[j]
                self.gold += g
                self.pred += p
                self.tp += g and p
                if g and not p and lost is not None:
                    lost(i, j)

    def row(self, name: str) -> str:
        p, r, f = prf(self.tp, self.pred, self.gold)
        cov = self.covered / self.total if self.total else 0.0
        return f"{name:<28} {p:>6.3f} {r:>6.3f} {f:>6.3f} {cov:>8.3f} {self.gold:>7}"


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+")


def is_proper(mention: dict, text: str) -> bool:
    """Stricter: a named mention whose capitalised words are not common nouns of the
    article (their lower-case form never occurs in it): drops headline-case "Woman",
    "Driver", "Host", "Police"."""
    lower = set(_LOWER_WORD.findall(text))
    caps = [w.strip("\"'`()[],.;:") for w in mention["text"].split()]
    caps = [re.split(r"['’]", w)[0] for w in caps if w[:1].isupper()]
    return any(w.lower() not in lower for w in caps)


def gold_mentions(gold: dict, texts: dict[str, str] | None = None) -> list[dict]:
    spans = {a["file"]: a["annotated_sentences"] for a in gold["articles"]}
    out = []
    for chain in gold["entities"]:
        for m in chain["mentions"]:
            inside = any(s <= m["start"] and m["end"] <= e for s, e in spans.get(m["doc"], []))
            if inside and is_named(m, chain["type"]):
                if texts is None or is_proper(m, texts[m["doc"]]):
                    out.append({**m, "chain": chain["id"]})
    return out


def match(gm: dict, predicted: list[tuple[int, int, str]]) -> str | None:
    """The predicted entity of the mention matching a gold mention, or None."""
    s, e = gm["start"], gm["end"]
    for ps, pe, ent in predicted:
        if ps == s and pe == e:
            return ent
    head = gold_head(gm["text"], s)
    best, best_overlap = None, 0
    for ps, pe, ent in predicted:
        overlap = min(pe, e) - max(ps, s)
        if overlap <= 0:
            continue
        if head is not None and not (ps < head[1] and head[0] < pe):
            continue
        if overlap > best_overlap:
            best, best_overlap = ent, overlap
    return best


def score_links(dev: Path, strict: bool = False, losses: Counter | None = None,
                topics: frozenset[str] | None = None) -> tuple[LinkScore, LinkScore, LinkScore, float, int]:
    """Link scores of newsdiff and the two baselines; ``losses`` (if given) counts the
    gold links newsdiff misses by (event, cause, mention text, mention text)."""
    ours, same_text, same_last = LinkScore(), LinkScore(), LinkScore()
    seconds = 0.0
    words = 0
    for folder in sorted(p for p in dev.iterdir() if (p / "gold.yaml").is_file()):
        if topics is not None and _topic(folder.name) not in topics:
            continue
        gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
        files = [folder / a["file"] for a in gold["articles"]]
        articles = load_corpus(files).articles
        by_file = {Path(a.path).name: a for a in articles}
        t0 = time.perf_counter()
        mentions = {a.id: find_mentions(a.text) for a in articles}
        entities = resolve_entities(articles, mentions)
        seconds += time.perf_counter() - t0
        words += sum(len(a.text.split()) for a in articles)
        per_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for ent in entities:
            for m in ent.mentions:
                per_doc[m.article].append((m.start, m.end, ent.id))
        gms = gold_mentions(gold, {name: a.text for name, a in by_file.items()} if strict else None)
        gold_keys = [(gm["doc"], gm["chain"]) for gm in gms]
        pred = [match(gm, per_doc.get(by_file[gm["doc"]].id, [])) for gm in gms]
        def lost(i: int, j: int) -> None:
            a, b = sorted((gms[i]["text"], gms[j]["text"]))
            if pred[i] is None or pred[j] is None:
                missed = [gms[k]["text"] for k in (i, j) if pred[k] is None]
                losses[(folder.name, "no predicted mention", " | ".join(missed), "")] += 1
            else:
                roles = sum(_strip_possessive(t).lower() in ROLE_NOUNS for t in (a, b))
                cause = ("different entities" if roles != 1 else "role noun vs a name")
                losses[(folder.name, cause, a, b)] += 1

        ours.add(gold_keys, pred, lost if losses is not None else None)
        same_text.add(gold_keys, [_strip_possessive(gm["text"]) for gm in gms])
        same_last.add(gold_keys, [_strip_possessive(gm["text"].split()[-1]) for gm in gms])
    return ours, same_text, same_last, seconds, words


def _topic(folder_name: str) -> str:
    """The ECB+ topic of an event folder: "t05_ecbplus" -> "5"."""
    match = re.match(r"t0*(\d+)_", folder_name)
    return match.group(1) if match else folder_name


def bcubed(clusters: Iterable[Iterable[str]], gold_of: Callable[[str], str]) -> tuple[float, float, float]:
    pred_of: dict[str, int] = {}
    for n, members in enumerate(clusters):
        for m in members:
            pred_of[m] = n
    items = list(pred_of)
    p_sum = r_sum = 0.0
    for x in items:
        same_pred = [y for y in items if pred_of[y] == pred_of[x]]
        same_gold = [y for y in items if gold_of(y) == gold_of(x)]
        both = sum(1 for y in same_pred if gold_of(y) == gold_of(x))
        p_sum += both / len(same_pred)
        r_sum += both / len(same_gold)
    p, r = p_sum / len(items), r_sum / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_events(dev: Path) -> tuple[tuple[float, float, float], int, int, float]:
    result = load_corpus([dev])
    articles = result.articles
    gold = {a.id: Path(a.path).parent.name for a in articles}
    t0 = time.perf_counter()
    events = group_events(articles)
    seconds = time.perf_counter() - t0
    scores = bcubed((e.article_ids for e in events), gold.__getitem__)
    return scores, len(articles), len(events), seconds


def score_small_piles(dev: Path) -> tuple[int, int, tuple[float, float, float], int]:
    """Grouping where a pile is small: each event's folder alone (how many split), and
    each topic's two look-alike events as one pile (mean B-cubed P, R, F1)."""
    by_topic: dict[str, list[Path]] = defaultdict(list)
    split = folders = 0
    for folder in sorted(p for p in dev.iterdir() if (p / "gold.yaml").is_file()):
        folders += 1
        split += len(group_events(load_corpus([folder]).articles)) > 1
        by_topic[_topic(folder.name)].append(folder)
    scores = []
    for pair in by_topic.values():
        if len(pair) == 2:
            articles = load_corpus(pair).articles
            gold = {a.id: Path(a.path).parent.name for a in articles}
            scores.append(bcubed((e.article_ids for e in group_events(articles)), gold.__getitem__))
    mean = tuple(sum(s[i] for s in scores) / len(scores) if scores else 0.0 for i in range(3))
    return split, folders, mean, len(scores)  # type: ignore[return-value]


def main(argv: list[str]) -> int:
    show_lost = "--lost" in argv
    topics: frozenset[str] | None = None
    if "--topics" in argv:
        at = argv.index("--topics")
        topics = frozenset(t.strip() for t in argv[at + 1].split(",") if t.strip())
        argv = argv[:at] + argv[at + 2:]
    argv = [a for a in argv if a != "--lost"]
    dev = Path(argv[0]) if argv else REPO.parent / "shared" / "dev"
    if (dev / "ecbplus").is_dir():
        dev = dev / "ecbplus"
    if not dev.is_dir():
        print(f"score_dev: no such folder: {dev}", file=sys.stderr)
        return 2
    losses: Counter | None = Counter() if show_lost else None
    ours, same_text, same_last, seconds, words = score_links(dev, losses=losses, topics=topics)
    print(f"Cross-article entity links on named gold mentions ({dev})")
    print(f"{'system':<28} {'P':>6} {'R':>6} {'F1':>6} {'coverage':>8} {'gold':>7}")
    print(ours.row("newsdiff (own detection)"))
    print(same_text.row("baseline: identical text"))
    print(same_last.row("baseline: identical last word"))
    print(f"extraction + resolution: {words:,} words in {seconds:.3f} s "
          f"({words / seconds if seconds else 0:,.0f} words/s)")
    ours, same_text, same_last, _, _ = score_links(dev, strict=True, topics=topics)
    print()
    print("Same, proper names only (capitalised words that are not common nouns of the article)")
    print(f"{'system':<28} {'P':>6} {'R':>6} {'F1':>6} {'coverage':>8} {'gold':>7}")
    print(ours.row("newsdiff (own detection)"))
    print(same_text.row("baseline: identical text"))
    print(same_last.row("baseline: identical last word"))
    (p, r, f), n_articles, n_events, secs = score_events(dev)
    print()
    print(f"Event grouping: {n_articles} articles -> {n_events} groups in {secs:.2f} s")
    print(f"{'B-cubed':<28} {'P':>6} {'R':>6} {'F1':>6}")
    print(f"{'newsdiff group_events':<28} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    split, folders, (p, r, f), pairs = score_small_piles(dev)
    print(f"{'one event per pile':<28} {split} of {folders} folders split into several events")
    print(f"{'two look-alike events':<28} {p:>6.3f} {r:>6.3f} {f:>6.3f}  (mean of {pairs} topics)")
    if losses:
        print()
        by_cause: Counter = Counter()
        for (_, cause, _, _), n in losses.items():
            by_cause[cause] += n
        print(f"Lost gold links: {sum(losses.values())} ("
              + ", ".join(f"{c}: {n}" for c, n in by_cause.most_common()) + "); most frequent first")
        for (event, cause, a, b), n in losses.most_common(60):
            print(f"{n:>5}  {event:<14} {cause:<22} {a!r}" + (f" / {b!r}" if b else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
