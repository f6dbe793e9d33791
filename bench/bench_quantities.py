"""Cross-article quantity mentions found: newsdiff vs quantulum3, side by side; prints a table.

    .venv/bin/python bench/bench_quantities.py [--dirs DIR ...] [--split develop|held-out|all]
                                               [--repeat R] [--no-peer] [--peer-whole] [--json]

Gold: every mention of ``quantities.yaml`` in each event folder (default: every folder of
``../shared/dev/ecbplus`` relative to the repo; see ``../shared/dev/README.md``), i.e. the
hand-labelled numbers of every quantity that two or more articles of the event state.
A gold mention [start, end) of file ``doc`` counts as found by a tool when one span the
tool reports in that article overlaps it (``s < end and start < e``).

* newsdiff: ``compare_articles(load_corpus([event_dir]).articles)``, the span
  [start, end) of every figure of every claim (``claim.values``); article ids map to files
  by the basename of ``Article.path``.
* quantulum3 (``pip install -e '.[bench]'``): ``quantulum3.parser.parse`` and each
  Quantity's ``.span``. It runs once per line, offsets shifted by the line's start: the
  dev text is one sentence per line, and parse's documented examples are sentences.
  Without scikit-learn (not a dependency of quantulum3) it disambiguates units by
  testing words of its training set against the *whole* text it was given, once per
  ambiguous unit, so one call on a whole article costs ~2x more for the same spans
  (measured on the 186 dev articles: identical 2,102 spans, 10 s vs 23 s).
  ``--peer-whole`` runs it on whole articles instead. quantulum3 warns at import when
  scikit-learn is missing (the warning is caught and reported in one line); with it
  installed, it loads the classifier it ships. Network connections are refused while
  it is imported and run, so nothing can be downloaded.

Speed: words (``str.split``) of all articles divided by the best of ``--repeat`` runs over
all selected events (load_corpus excluded for both; newsdiff's time is the whole
``compare_articles``: entities, figures and claims, not figure spans alone). Each tool is
first called once on one sentence, timed apart as its one-time setup (quantulum3 loads
its units and builds its regex then: ~5 s). Only recall is scored; the number of spans
each tool reported is printed beside it (quantulum3 reports every number, years too).

Splits: develop = topics 5, 16, 18, 21; held-out = topics 2, 6, 12, 28 (topic = the number
after ``t`` in the folder name, e.g. ``t05_ecbplus``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import socket
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsdiff.comparison.compare import compare_articles  # noqa: E402
from newsdiff.corpus.articles import Article, load_corpus, text_sha256  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "dev" / "ecbplus"
KINDS = ("count", "money", "percent", "length", "duration", "age", "score", "magnitude", "other")
SPLITS = {"develop": frozenset({5, 16, 18, 21}), "held-out": frozenset({2, 6, 12, 28})}
_TOPIC = re.compile(r"^t(\d+)")

Spans = dict[str, list[tuple[int, int]]]  # file name -> [start, end) spans


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    kind: str
    text: str


@dataclass
class EventData:
    folder: Path
    articles: list[Article]
    gold: list[GoldMention]

    @property
    def words(self) -> int:
        return sum(len(a.text.split()) for a in self.articles)


@dataclass
class ToolResult:
    found: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    words: int = 0
    seconds: float = 0.0  # best of the runs, over all events
    setup: float = 0.0  # the untimed-for-speed warm-up call
    spans: int = 0  # spans the tool reported in all articles (recall only is scored)

    @property
    def n_found(self) -> int:
        return sum(self.found.values())

    @property
    def n_total(self) -> int:
        return sum(self.total.values())

    def as_dict(self) -> dict:
        return {
            "found": self.n_found,
            "total": self.n_total,
            "share": round(self.n_found / self.n_total, 4) if self.n_total else None,
            "by_kind": {k: {"found": self.found.get(k, 0), "total": self.total[k]}
                        for k in self.total},
            "spans_reported": self.spans,
            "words": self.words,
            "seconds": round(self.seconds, 4),
            "setup_seconds": round(self.setup, 4),
            "words_per_second": round(self.words / self.seconds) if self.seconds else None,
        }


# --------------------------------------------------------------------------- data


def topic_of(folder: Path) -> int | None:
    m = _TOPIC.match(folder.name)
    return int(m.group(1)) if m else None


def select_dirs(dirs: Sequence[Path], split: str = "all") -> list[Path]:
    """Event folders (those holding a quantities.yaml) under or among ``dirs``, in the split."""
    out: list[Path] = []
    for d in dirs:
        d = Path(d)
        if (d / "quantities.yaml").is_file():
            out.append(d)
        elif d.is_dir():
            out.extend(sorted(p for p in d.iterdir() if (p / "quantities.yaml").is_file()))
    if split != "all":
        out = [p for p in out if topic_of(p) in SPLITS[split]]
    return out


def load_event(folder: Path) -> EventData:
    articles = load_corpus([folder]).articles
    data = yaml.safe_load((folder / "quantities.yaml").read_text(encoding="utf-8")) or {}
    gold = [
        GoldMention(m["doc"], int(m["start"]), int(m["end"]), str(q.get("kind") or "other"),
                    str(m.get("text", "")))
        for q in data.get("quantities") or []
        for m in q.get("mentions") or []
    ]
    names = {Path(a.path).name for a in articles}
    for g in gold:
        if g.doc not in names:
            raise SystemExit(f"bench_quantities: {folder}: gold mention in unknown file {g.doc}")
    return EventData(folder, articles, gold)


# --------------------------------------------------------------------------- tools


WARM_UP = "Gunmen killed 12 people and wounded 30 in Baghdad on Tuesday, police said."


def _newsdiff_warm_up() -> None:
    compare_articles([Article(id="warm-up", path="warm-up.txt", title="warm-up", text=WARM_UP,
                              sha256=text_sha256(WARM_UP))])


def newsdiff_spans(event: EventData) -> Spans:
    """[start, end) of every figure of every claim of the event's comparison, per file."""
    name_of = {a.id: Path(a.path).name for a in event.articles}
    spans: Spans = {}
    for claim in compare_articles(event.articles).claims:
        for f in claim.values:
            spans.setdefault(name_of[f.article], []).append((f.start, f.end))
    return spans


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """Refuse every outgoing socket connection (a peer must not download anything)."""

    def refuse(self, *args, **kwargs):
        raise OSError("bench_quantities: network access refused during the peer run")

    saved = socket.socket.connect, socket.socket.connect_ex
    socket.socket.connect = socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = saved  # type: ignore[method-assign]


def load_quantulum() -> tuple[Callable[[str], list] | None, str]:
    """(quantulum3.parser.parse or None, one line saying what was loaded)."""
    with no_network(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            from quantulum3 import classifier, parser
        except ImportError as exc:
            what = ("not installed" if exc.name == "quantulum3"
                    else f"not importable (missing module {exc.name!r})")
            return None, (f"quantulum3 {what}; peer skipped "
                          "(install it with: .venv/bin/pip install -e '.[bench]')")
    from importlib.metadata import version

    mode = ("unit classifier on (the model it ships)" if classifier.USE_CLF
            else "no unit classifier (scikit-learn not installed)")
    if caught:
        first = str(caught[0].message).split(". ")[0].rstrip(".")
        mode += f"; {len(caught)} import warning(s) caught and hidden: {first!r}"
    return parser.parse, f"quantulum3 {version('quantulum3')}, {mode}"


def _quantulum_warm_up(parse: Callable[[str], list]) -> None:
    with no_network():
        parse(WARM_UP)


def quantulum_spans(parse: Callable[[str], list], event: EventData, whole: bool = False) -> Spans:
    spans: Spans = {}
    with no_network():
        for a in event.articles:
            out = spans.setdefault(Path(a.path).name, [])
            if whole:
                out.extend(tuple(q.span) for q in parse(a.text))
                continue
            offset = 0
            for line in a.text.split("\n"):
                if line.strip():
                    out.extend((offset + s, offset + e) for s, e in (q.span for q in parse(line)))
                offset += len(line) + 1
    return spans


# --------------------------------------------------------------------------- scoring


def overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


def score(gold: Sequence[GoldMention], spans: Spans, into: ToolResult) -> None:
    """Add, per kind, the gold mentions found (some span of the same file overlaps)."""
    for g in gold:
        into.total[g.kind] = into.total.get(g.kind, 0) + 1
        if any(overlaps(s, g.start, g.end) for s in spans.get(g.doc, ())):
            into.found[g.kind] = into.found.get(g.kind, 0) + 1


def run_tool(events: Sequence[EventData], spans_of: Callable[[EventData], Spans],
             repeat: int, warm_up: Callable[[], object] | None = None) -> ToolResult:
    """Score one tool on every event; time ``repeat`` full passes and keep the best.

    ``warm_up`` (one call on a sentence, timed apart as ``setup``) pays the one-time costs
    first (loading lexicons, units, building regexes), so even one pass times the work."""
    setup = 0.0
    if warm_up is not None:
        t0 = time.perf_counter()
        warm_up()
        setup = time.perf_counter() - t0
    best = float("inf")
    per_event: list[Spans] = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        per_event = [spans_of(e) for e in events]
        best = min(best, time.perf_counter() - t0)
    result = ToolResult(total={k: 0 for k in KINDS}, words=sum(e.words for e in events),
                        seconds=best, setup=setup, spans=sum(len(v) for s in per_event for v in s.values()))
    for event, spans in zip(events, per_event):
        score(event.gold, spans, result)
    return result


def count_found(dirs: Sequence[Path], split: str = "all", peer: bool = True,
                peer_whole: bool = False, repeat: int = 3) -> dict:
    """Score newsdiff (and quantulum3 unless ``peer`` is false or it is missing).

    Returns {"events": [...], "articles": n, "newsdiff": ToolResult,
    "quantulum3": ToolResult | None, "peer_note": str}.
    """
    folders = select_dirs(dirs, split)
    events = [load_event(f) for f in folders]
    out: dict = {
        "events": [f.name for f in folders],
        "articles": sum(len(e.articles) for e in events),
        "newsdiff": run_tool(events, newsdiff_spans, repeat, warm_up=_newsdiff_warm_up),
        "quantulum3": None,
        "peer_note": "quantulum3 skipped (--no-peer)",
        "peer_unit": "article" if peer_whole else "line",
    }
    if peer:
        parse, note = load_quantulum()
        out["peer_note"] = note
        if parse is not None:
            out["quantulum3"] = run_tool(
                events, lambda e: quantulum_spans(parse, e, whole=peer_whole), repeat,
                warm_up=lambda: _quantulum_warm_up(parse))
    return out


# --------------------------------------------------------------------------- output


def _cell(found: int, total: int) -> tuple[str, str]:
    return f"{found}/{total}", (f"{found / total:.3f}" if total else "-")


def table(res: dict) -> str:
    nd: ToolResult = res["newsdiff"]
    qu: ToolResult | None = res["quantulum3"]
    kinds = list(KINDS) + sorted(k for k in nd.total if k not in KINDS)
    header = ["kind", "gold", "newsdiff", "share"] + (["quantulum3", "share"] if qu else [])
    rows = []
    for k in kinds + ["total"]:
        if k == "total":
            t, f = nd.n_total, nd.n_found
        else:
            t, f = nd.total.get(k, 0), nd.found.get(k, 0)
        row = [k, str(t), *_cell(f, t)]
        if qu:
            qf = qu.n_found if k == "total" else qu.found.get(k, 0)
            row += list(_cell(qf, t))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))

    lines = [line(header), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in rows[:-1]]
    lines += ["  ".join("-" * w for w in widths), line(rows[-1])]
    lines.append("")
    lines.append(f"spans reported (found or not): newsdiff {nd.spans:,}"
                 + (f", quantulum3 {qu.spans:,}" if qu else ""))

    def speed(name: str, r: ToolResult, what: str) -> str:
        wps = r.words / r.seconds if r.seconds else 0.0
        return f"{name:<11} {r.words:,} words in {r.seconds:.2f} s = {wps:,.0f} words/s  ({what})"

    lines.append(speed("newsdiff", nd, "compare_articles per event"))
    if qu:
        lines.append(speed("quantulum3", qu, "parse per " + res["peer_unit"]))
        if qu.seconds and nd.seconds:
            lines.append(f"ratio: newsdiff is {qu.seconds / nd.seconds:.1f}x the speed of quantulum3")
    lines.append(f"one-time setup (first call on one sentence, not in the speed): "
                 f"newsdiff {nd.setup:.2f} s" + (f", quantulum3 {qu.setup:.2f} s" if qu else ""))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dirs", nargs="+", type=Path, default=[DEFAULT_DIR], metavar="DIR",
                        help="event folders, or folders of them (default: %(default)s)")
    parser.add_argument("--split", choices=("all", "develop", "held-out"), default="all")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool (best kept)")
    parser.add_argument("--no-peer", action="store_true", help="skip quantulum3")
    parser.add_argument("--peer-whole", action="store_true",
                        help="run quantulum3 on whole articles instead of per line")
    parser.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    args = parser.parse_args(argv)

    for d in args.dirs:
        if not d.exists():
            print(f"bench_quantities: no such folder: {d}", file=sys.stderr)
            return 2
    res = count_found(args.dirs, args.split, peer=not args.no_peer,
                      peer_whole=args.peer_whole, repeat=args.repeat)
    if not res["events"]:
        print(f"bench_quantities: no event folder with a quantities.yaml in split "
              f"{args.split!r} under {', '.join(map(str, args.dirs))}", file=sys.stderr)
        return 2
    nd = res["newsdiff"]
    print(f"Cross-article quantity mentions found, split {args.split}: {len(res['events'])} events, "
          f"{res['articles']} articles, {nd.n_total} gold mentions; best of {args.repeat}")
    print(res["peer_note"])
    print()
    print(table(res))
    if args.json:
        qu = res["quantulum3"]
        print(json.dumps({
            "split": args.split,
            "events": res["events"],
            "articles": res["articles"],
            "repeat": args.repeat,
            "newsdiff": nd.as_dict(),
            "quantulum3": qu.as_dict() if qu else None,
            "quantulum3_input": res["peer_unit"] if qu else None,
            "peer_note": res["peer_note"],
            "speed_ratio": round(qu.seconds / nd.seconds, 2) if qu and nd.seconds else None,
        }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
