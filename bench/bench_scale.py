"""Benchmark newsdiff at scale (10,000 to 100,000 articles), each step as the real command.

    python bench/bench_scale.py [--articles N] [--words W] [--mode synthetic|events]
                                [--keep DIR] [--skip STEP[,STEP]] [--timeout S] [--seed S]

Corpus (``--mode``):

* ``synthetic`` (default): ``bench_index.generate_corpus`` (Zipf pseudo-words, a few names
  and phrases from the seeds), ``--words`` per article (default 600). Events are rare
  here: nearly every article is its own event.
* ``events``: real-looking events. Real article texts (the seeds and the ECB+ dev
  articles, ``--sources``) are the stories; each story is written as k noisy copies
  (k drawn uniformly from 1..30): sentence order lightly shuffled, some sentences dropped,
  numbers perturbed, names and words swapped from a pool, a headline and an outlet in
  front matter. The true event of a copy is its source's folder (an ECB+ subtopic holds
  articles of one real event; the seeds are one event) in the round the source was drawn
  in: sources are drawn in a shuffled order, round after round; round 0 keeps the real
  texts, and each later round gives every folder new names (half real names from the other
  sources, half made-up) and swaps about 60% of its content words for other real words,
  the same way in all its articles, so each round is a new set of events. Files are
  ``evNNNNN_CC.txt`` (story, copy); ``truth.json`` beside the corpus holds each one's true
  event, and the ``events`` row scores the grouping against it (pairwise precision/recall).
  ``--words W`` stretches a story to W words with sentences of other articles of the same
  ECB+ topic and cuts it there (default: the real length, ~350 words). Deterministic
  with ``--seed``.

Commands are timed as installed: newsdiff's modules are compiled first when they have no
bytecode (``bench/installed.py``). Steps (``--skip`` takes these names), each a separate process with its wall time and its
own peak RSS, from GNU ``/usr/bin/time -f %M`` wrapped around the command (without it,
``os.wait4``'s figure, which cannot go below this process's RSS: Linux carries a child's
pre-exec peak, a copy of ours, over the exec, so ``RUSAGE_CHILDREN`` deltas are no better;
``RUSAGE_CHILDREN`` also only keeps the largest child so far):

* ``build``: ``newsdiff index CORPUS --index DIR`` into an empty folder;
* ``reopen``: the same command again, nothing changed;
* ``update``: 1% of the files changed (a line appended; restored at the end), then
  ``newsdiff index`` again;
* ``warm``: one process opens the index through ``CorpusIndex`` as bench_index.py does and
  times each query form (term, phrase, prefix, fuzzy; ``--runs`` runs, p50/p95);
  ``grep``: bench_index.py's two grep peers per form, side by side (ratio = the faster
  grep's median / our p50);
* ``search``: a cold ``newsdiff search CORPUS troops --json`` process (median of
  ``--search-runs``);
* ``events``: ``newsdiff events CORPUS``;
* ``app``: ``newsdiff CORPUS`` in a pseudo-terminal on the built index, from spawn to the
  first painted screen (the event list when there are several events), through
  bench_tui.py's hook ($NEWSDIFF_FIRST_PAINT_FILE: the app writes the time and exits).
  Twice: first with no events kept in the index folder (the app groups the pile in its
  worker: the time to the list on screen, and to the list holding the final events,
  $NEWSDIFF_GROUPED_FILE), then again with the events it kept.

A step that runs past ``--timeout`` is killed (its process group) and prints
"> T s (timed out)"; steps that need its result are then skipped. Targets (from the scale
issue) are printed beside the rows: at N <= 10,000 the 10k targets (and a 100k-only target
as an upper bound), above 10,000 the 100k ones; "@10k"/"@100k" says which.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import bench_index  # noqa: E402  (generate_corpus, QUERIES, run_grep, grep_label, percentile)
import installed  # noqa: E402  (the commands timed with their bytecode, as pip install leaves them)

STEPS = ("build", "reopen", "update", "warm", "grep", "search", "events", "app")
DEFAULT_SOURCES = [ROOT / "seeds", Path("/work/shared/dev/ecbplus")]
OUTLETS = ["Reuters", "Associated Press", "AFP", "BBC News", "The Guardian", "Al Jazeera",
           "The New York Times", "The Washington Post", "CNN", "Bloomberg", "NPR", "Fox News",
           "The Times of London", "Le Monde", "Deutsche Welle", "The Independent", "Sky News",
           "Los Angeles Times", "The Telegraph", "ABC News", "CBS News", "Xinhua", "Euronews"]


# ------------------------------------------------------------------------ processes
@dataclass
class Run:
    argv: list[str]
    wall: float  # seconds from spawn to exit (or to the kill)
    peak_mb: float | None  # the command's own peak RSS (None: not known)
    rc: int | None
    timed_out: bool
    stdout: str = ""
    stderr: str = ""
    paint: float | None = None  # pty runs: seconds from spawn to the first paint
    grouped: float | None = None  # pty runs with wait_grouped: seconds to the final events

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.rc is not None


def newsdiff_cmd() -> list[str]:
    """The real ``newsdiff`` entry point of this interpreter's environment."""
    script = Path(sys.executable).parent / "newsdiff"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsdiff"]


def _gnu_time() -> str | None:
    """GNU time, when installed: it forks the command from its own small process, so the
    ``%M`` it reports is the command's peak RSS alone. (``os.wait4`` on our own child, like
    ``RUSAGE_CHILDREN``, cannot go below this benchmark process's RSS at the fork: Linux
    carries the pre-exec peak over to the command.)"""
    path = shutil.which("time", path="/usr/bin:/bin")
    if not path:
        return None
    try:
        ok = subprocess.run([path, "-f", "%M", "-o", os.devnull, "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if ok.returncode == 0 else None


GNU_TIME = _gnu_time()


def _group_members(pgid: int) -> list[int]:
    """Processes of process group ``pgid`` (one this benchmark created)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid:
            out.append(int(entry))
    return out


def _wait(proc: subprocess.Popen, timeout: float, wrapped: bool) -> tuple[float, int | None, bool, float]:
    """Wait for ``proc`` (started in a session of its own) with a deadline. At the deadline
    the command is killed: when ``wrapped`` (GNU time is the leader) every other member of
    the group first, so time still reports the peak, then, 5 s later, the whole group.
    Returns (wait4 peak MB, exit code, timed out, end time)."""
    lock, state = threading.Lock(), {"reaped": False, "killed": False}

    def killpg() -> None:
        with lock:
            if not state["reaped"]:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def kill() -> None:
        with lock:
            if state["reaped"]:
                return
            state["killed"] = True
            victims = [p for p in _group_members(proc.pid) if p != proc.pid] if wrapped else []
            for pid in victims:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if victims:
            later = threading.Timer(5.0, killpg)
            later.daemon = True
            later.start()
        else:
            killpg()

    timer = threading.Timer(timeout, kill)
    timer.daemon = True
    timer.start()
    os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
    end = time.perf_counter()
    timer.cancel()
    try:  # anything the command left behind in its group
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    with lock:
        _, status, usage = os.wait4(proc.pid, 0)
        state["reaped"] = True
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, proc.returncode, state["killed"], end


def _wrap(argv: list[str], memfile: Path) -> list[str]:
    return [GNU_TIME, "-f", "%M", "-o", str(memfile), *argv] if GNU_TIME else argv


def _peak(memfile: Path, fallback: float) -> float | None:
    """The command's peak RSS in MB from GNU time's file (None when it wrote none), else
    the wait4 figure."""
    if not GNU_TIME:
        return fallback
    try:
        lines = [ln for ln in memfile.read_text().split() if ln.isdigit()]
        memfile.unlink()
    except OSError:
        return None
    return int(lines[-1]) / 1024 if lines else None


def run_measured(argv: list[str], timeout: float, env: dict, cwd: Path) -> Run:
    memfile = cwd / f".rss-{os.getpid()}-{time.monotonic_ns()}"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(_wrap(argv, memfile), stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                env=env, cwd=cwd, start_new_session=True)
        peak, rc, timed_out, end = _wait(proc, timeout, bool(GNU_TIME))
        out.seek(0)
        err.seek(0)
        return Run(argv, end - start, _peak(memfile, peak), None if timed_out else rc, timed_out,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


_ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def run_in_pty(argv: list[str], timeout: float, env: dict, cwd: Path,
               cols: int = 160, rows: int = 45, wait_grouped: bool = False) -> Run:
    """bench_tui.py's cold-start measure (a pseudo-terminal, $NEWSDIFF_FIRST_PAINT_FILE),
    with the child's peak RSS and a deadline that kills its process group.
    ``wait_grouped``: the app, grouping in its worker, exits once its list has the final
    events ($NEWSDIFF_GROUPED_FILE), and that time is measured too."""
    stamp = cwd / f"paint-{os.getpid()}-{time.monotonic_ns()}"
    grouped_stamp = cwd / f"grouped-{os.getpid()}-{time.monotonic_ns()}"
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(env, NEWSDIFF_FIRST_PAINT_FILE=str(stamp), TERM="xterm-256color")
    if wait_grouped:
        env["NEWSDIFF_GROUPED_FILE"] = str(grouped_stamp)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    tail = bytearray()

    def drain() -> None:
        try:
            while chunk := os.read(master, 65536):
                tail.extend(chunk)
                del tail[:-16384]
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    t0 = time.time()
    start = time.perf_counter()
    memfile = cwd / f".rss-{os.getpid()}-{time.monotonic_ns()}"
    proc = subprocess.Popen(_wrap(argv, memfile), stdin=slave, stdout=slave, stderr=slave, env=env,
                            cwd=cwd, start_new_session=True)
    os.close(slave)
    try:
        peak, rc, timed_out, end = _wait(proc, timeout, bool(GNU_TIME))
    finally:
        reader.join(timeout=2)
        os.close(master)
    paint = grouped = None
    if stamp.exists():
        paint = float(stamp.read_text()) - t0
        stamp.unlink()
    if grouped_stamp.exists():
        grouped = float(grouped_stamp.read_text()) - t0
        grouped_stamp.unlink()
    screen = _ANSI.sub("", tail.decode("utf-8", "replace"))
    return Run(argv, end - start, _peak(memfile, peak), None if timed_out else rc, timed_out, "",
               screen[-3000:], paint, grouped)


# ------------------------------------------------------------------------ events corpus
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])")
_TOKEN = re.compile(r"[A-Za-z][a-z]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at by for with from as is are was were be been being "
    "has have had do does did will would shall should can could may might must this that "
    "these those it its they them their he she his her him we our you your i not no nor "
    "so than then there here who whom whose which what when where why how all any both "
    "each few more most other some such only own same too very just also into over after "
    "before under about against between through during without within said says".split())


def _sentences(text: str) -> list[str]:
    out = []
    for part in _SENTENCE_END.split(text):
        part = part.strip() if part else ""
        if len(part.split()) >= 3:
            out.append(part)
    return out


@dataclass
class Source:
    topic: str  # the folder: ECB+ subtopics are one real event each
    name: str
    sentences: list[str]


@dataclass
class Pools:
    vocab: frozenset[str]  # lower-case words of every source
    words: list[str]  # content words (>= 4 letters, not function words) to swap in
    names: list[str]  # capitalised words never seen lower-case (names, roughly)
    made_up: list[str]  # pseudo-names
    by_topic: dict[str, list[Source]] = field(default_factory=dict)


def load_sources(folders: list[Path]) -> list[Source]:
    from newsdiff.corpus.articles import load_corpus

    files = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*.txt") if p.is_file())
    out = []
    for article in load_corpus(files).articles:
        sentences = _sentences(article.text)
        if len(sentences) >= 2:
            out.append(Source(Path(article.path).parent.name, Path(article.path).stem, sentences))
    return out


def make_pools(sources: list[Source], rng: random.Random) -> Pools:
    lower, capital = Counter(), Counter()
    for s in sources:
        for sentence in s.sentences:
            for tok in _TOKEN.findall(sentence):
                (capital if tok[0].isupper() else lower)[tok] += 1
    vocab = frozenset(lower)
    names = sorted(t for t in capital if t.lower() not in vocab and len(t) >= 3)
    words = sorted(w for w in lower if len(w) >= 4 and w not in _FUNCTION_WORDS)
    made_up = [w.capitalize() for w in bench_index.make_vocabulary(rng, 20_000) if len(w) >= 5]
    by_topic: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        by_topic[s.topic].append(s)
    return Pools(vocab, words, names, made_up, dict(by_topic))


def _is_name(tok: str, pools: Pools) -> bool:
    return tok[0].isupper() and tok.lower() not in pools.vocab


def _variant(name: str, rng: random.Random) -> str:
    """A one-letter spelling variant (transliterations: Suleimani / Soleimani)."""
    i = rng.randrange(1, len(name))
    op = rng.random()
    if op < 0.4:
        return name[:i] + rng.choice("aeiouy") + name[i + 1:]
    if op < 0.7 and len(name) > 4:
        return name[:i] + name[i + 1:]
    return name[:i] + name[i - 1] + name[i:]


def _perturb_number(match: re.Match, rng: random.Random) -> str:
    raw = match.group(0)
    value = float(raw.replace(",", ""))
    if "." not in raw and 1900 <= value <= 2100:  # a year: keep
        return raw
    if value == 0:
        return raw
    delta = max(1.0, abs(value) * rng.uniform(0.02, 0.2)) * rng.choice((-1, 1))
    new = max(1.0, value + delta)
    if "." in raw:
        digits = len(raw.split(".")[1])
        return f"{new:,.{digits}f}" if "," in raw else f"{new:.{digits}f}"
    return f"{round(new):,}" if "," in raw else str(round(new))


@dataclass
class Rewrite:
    """One fictional event made from a real one: its names and about 60% of its content
    words replaced, the same way in every article of it."""

    names: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)


def story_text(source: Source, pools: Pools, words: int | None, rewrite: Rewrite | None,
               rng: random.Random) -> list[str]:
    """The sentences of one story: the source (stretched with articles of its topic and cut
    to ``words`` when given), rewritten when ``rewrite`` is given."""
    sentences = list(source.sentences)
    if words:
        mates = [s for s in pools.by_topic.get(source.topic, []) if s is not source] or [source]
        k = 0
        while sum(len(x.split()) for x in sentences) < words and k < 50 * len(mates):
            sentences += mates[k % len(mates)].sentences
            k += 1
        out, total = [], 0
        for s in sentences:
            if total >= words:
                break
            out.append(s)
            total += len(s.split())
        sentences = out
    if rewrite is None:
        return sentences

    def swap(m: re.Match) -> str:
        tok = m.group(0)
        if _is_name(tok, pools):
            if tok not in rewrite.names:
                rewrite.names[tok] = rng.choice(pools.names if rng.random() < 0.5 else pools.made_up)
            return rewrite.names[tok]
        low = tok.lower()
        if len(low) < 4 or low in _FUNCTION_WORDS:
            return tok
        if low not in rewrite.words:
            rewrite.words[low] = rng.choice(pools.words) if rng.random() < 0.6 else low
        new = rewrite.words[low]
        return new.capitalize() if tok[0].isupper() else new

    return [_TOKEN.sub(swap, s) for s in sentences]


def noisy_copy(sentences: list[str], pools: Pools, rng: random.Random) -> tuple[str, str]:
    """(headline, body) of one outlet's copy of a story."""
    drop = rng.uniform(0.0, 0.25)
    kept = [s for i, s in enumerate(sentences) if i == 0 or rng.random() >= drop]
    while len(kept) < min(3, len(sentences)):
        extra = rng.choice(sentences)
        if extra not in kept:
            kept.append(extra)
    for i in range(len(kept) - 1):  # light shuffle: some neighbours swap places
        if rng.random() < 0.15:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    if len(kept) > 3 and rng.random() < 0.3:  # one sentence moves further
        kept.insert(rng.randrange(len(kept)), kept.pop(rng.randrange(1, len(kept))))
    own_names = sorted({t for s in kept for t in _TOKEN.findall(s) if _is_name(t, pools)})
    spelling = {n: _variant(n, rng) for n in own_names if len(n) > 3 and rng.random() < 0.1}
    p_num, p_name, p_word = rng.uniform(0.1, 0.4), rng.uniform(0.0, 0.06), rng.uniform(0.0, 0.04)

    def swap(m: re.Match) -> str:
        tok = m.group(0)
        if _is_name(tok, pools):
            if rng.random() < p_name:
                return rng.choice(own_names if rng.random() < 0.5 else pools.names)
            return spelling.get(tok, tok)
        if len(tok) >= 4 and tok.lower() not in _FUNCTION_WORDS and rng.random() < p_word:
            new = rng.choice(pools.words)
            return new.capitalize() if tok[0].isupper() else new
        return tok

    out = []
    for s in kept:
        s = _NUMBER.sub(lambda m: _perturb_number(m, rng) if rng.random() < p_num else m.group(0), s)
        out.append(_TOKEN.sub(swap, s))
    paragraphs, i = [], 0
    while i < len(out):
        n = rng.randint(1, 4)
        paragraphs.append(" ".join(out[i:i + n]))
        i += n
    lead = out[rng.randrange(min(3, len(out)))] if rng.random() < 0.3 else out[0]
    head = lead.split()[: rng.randint(6, 12)]
    headline = re.sub(r"``|''|[\"“”]", "", " ".join(head)).strip().rstrip(",;:.")
    return headline, "\n\n".join(paragraphs)


def generate_events_corpus(folder: Path, articles: int, words: int | None, seed: int,
                           sources_dirs: list[Path]) -> tuple[dict[str, str], int, int]:
    """Write ``articles`` files of real-looking events into ``folder``. Story i is source
    ``i mod S`` (in a shuffled order) in round ``i // S``; the true event of its copies is
    the source's folder (an ECB+ subtopic: articles of one real event; the seeds: one
    event) in that round: round 0 keeps the real texts, each later round rewrites every
    folder's texts with one :class:`Rewrite` per folder. Returns ({article id: true event},
    stories, sources)."""
    rng = random.Random(seed)
    sources = load_sources(sources_dirs)
    if not sources:
        raise SystemExit(f"no source articles in {', '.join(map(str, sources_dirs))}")
    pools = make_pools(sources, rng)
    folder.mkdir(parents=True, exist_ok=True)
    order = list(range(len(sources)))
    rewrites: dict[tuple[str, int], Rewrite] = {}
    truth: dict[str, str] = {}
    written, story = 0, 0
    while written < articles:
        if story % len(sources) == 0:
            rng.shuffle(order)
        source = sources[order[story % len(sources)]]
        rnd = story // len(sources)
        rewrite = rewrites.setdefault((source.topic, rnd), Rewrite()) if rnd else None
        sentences = story_text(source, pools, words, rewrite, rng)
        k = min(rng.randint(1, 30), articles - written)
        for c in range(k):
            headline, body = noisy_copy(sentences, pools, rng)
            meta = yaml.safe_dump({"title": headline, "source": rng.choice(OUTLETS)},
                                  allow_unicode=True, sort_keys=False, width=10_000)
            name = f"ev{story:05d}_{c:02d}"
            (folder / f"{name}.txt").write_text(f"---\n{meta}---\n{body}\n", encoding="utf-8")
            truth[name] = f"{source.topic}/{rnd}"
        written += k
        story += 1
    return truth, story, len(sources)


# ------------------------------------------------------------------------ warm queries
def warm_child(corpus: Path, ix_dir: Path, runs: int) -> int:
    """In a process of its own: open the index as bench_index.py does and time each query
    form; prints one JSON object."""
    from newsdiff.corpus.articles import load_corpus
    from newsdiff.search.index import CorpusIndex

    t = time.perf_counter()
    articles = load_corpus([corpus]).articles
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    ix = CorpusIndex.open(ix_dir, articles)
    open_s = time.perf_counter() - t
    changed = bool(ix.report.changed)
    t = time.perf_counter()
    ix.search("revolution*")
    first_ms = (time.perf_counter() - t) * 1000
    forms = {}
    for label, query, _ in bench_index.QUERIES:
        hits = len(ix.search(query, limit=None))
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            ix.search(query)
            times.append((time.perf_counter() - t) * 1000)
        forms[label] = {"query": query, "hits": hits, "p50": statistics.median(times),
                        "p95": bench_index.percentile(times, 95)}
    ix.close()
    print(json.dumps({"articles": len(articles), "load_s": load_s, "open_s": open_s,
                      "changed": changed, "first_ms": first_ms, "forms": forms}))
    return 0


# ------------------------------------------------------------------------ targets
TARGETS: dict[str, dict[int, tuple[str, object]]] = {
    "build": {10_000: ("<= 30 s", lambda r: r["wall"] <= 30),
              100_000: ("<= 6 min", lambda r: r["wall"] <= 360)},
    "search": {10_000: ("<= 0.35 s", lambda r: r["wall"] <= 0.35)},
    "events": {10_000: ("<= 30 s", lambda r: r["wall"] <= 30),
               100_000: ("<= 5 min, <= 2 GB", lambda r: r["wall"] <= 300 and r["peak"] <= 2048)},
    "query": {10_000: (">= 10x grep", lambda r: r["ratio"] >= 10),
              100_000: ("p95 <= 20 ms, >= 10x grep", lambda r: r["p95"] <= 20 and r["ratio"] >= 10)},
    "app": {1_000: ("<= 2 s", lambda r: r["wall"] <= 2), 10_000: ("<= 10 s", lambda r: r["wall"] <= 10),
            100_000: ("<= 3 s", lambda r: r["wall"] <= 3)},
}


def target_for(step: str, n: int) -> tuple[str, object] | tuple[None, None]:
    """The target printed beside a step at ``n`` articles: the one of the smallest scale
    at or above ``n`` (an upper bound there), else the largest scale's."""
    scales = TARGETS.get(step, {})
    above = [k for k in scales if k >= n]
    scale = min(above) if above else max(scales, default=None)
    if scale is None:
        return None, None
    text, check = scales[scale]
    return f"{text} @{scale // 1000}k", check


# ------------------------------------------------------------------------ table
@dataclass
class Row:
    step: str
    articles: str = ""
    wall: str = ""
    peak: str = ""
    query: str = ""
    grep: str = ""
    target: str = ""
    ok: str = ""
    notes: str = ""


def fmt_s(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"
    return f"{seconds:.0f} s ({seconds / 60:.1f} min)"


def fmt_mb(mb: float | None) -> str:
    if mb is None:
        return "n/a"
    return f"{mb:,.0f} MB" if mb < 2048 else f"{mb / 1024:.2f} GB"


def print_table(rows: list[Row]) -> None:
    head = Row("step", "articles", "wall", "peak RSS", "p50 / p95", "grep (faster) / ratio",
               "target", "ok", "notes")
    cols = list(Row.__dataclass_fields__)
    width = {c: max(len(getattr(r, c)) for r in [head, *rows]) for c in cols}
    line = lambda r: " | ".join(getattr(r, c).ljust(width[c]) for c in cols).rstrip()  # noqa: E731
    print(line(head))
    print("-+-".join("-" * width[c] for c in cols))
    for r in rows:
        print(line(r))


# ------------------------------------------------------------------------ main
def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=None,
                        help="words per article (synthetic: default 600; events: stretch/cut to W)")
    parser.add_argument("--mode", choices=("synthetic", "events"), default="synthetic")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the corpus in")
    parser.add_argument("--skip", default="", help=f"steps to skip, comma-separated: {','.join(STEPS)}")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per step (default 900)")
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--runs", type=int, default=50, help="warm runs per query form")
    parser.add_argument("--grep-runs", type=int, default=5)
    parser.add_argument("--search-runs", type=int, default=3)
    parser.add_argument("--sources", type=Path, action="append",
                        help="folders of real articles for --mode events (default: seeds/ and "
                        "/work/shared/dev/ecbplus)")
    parser.add_argument("--warm-child", nargs=2, type=Path, metavar=("CORPUS", "INDEX"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.warm_child:
        return warm_child(*args.warm_child, args.runs)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s) {', '.join(sorted(unknown))}; steps: {', '.join(STEPS)}")
    words = args.words if args.words or args.mode == "events" else 600
    n_req = args.articles

    base = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="newsdiff-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    corpus, ix_dir, marker = base / "corpus", base / "index", base / "corpus.json"
    truth_file = base / "truth.json"  # events mode: article id -> its true event
    params = {"mode": args.mode, "articles": n_req, "words": words, "seed": args.seed,
              "sources": [str(p) for p in (args.sources or DEFAULT_SOURCES)] if args.mode == "events" else None,
              "format": 1}
    env = dict(os.environ, XDG_CONFIG_HOME=str(base / "xdg-config"), PYTHONIOENCODING="utf-8",
               COLUMNS="200", TEXTUAL_ANIMATIONS="none")
    cmd = newsdiff_cmd()
    # as pip install does: every module's bytecode current (an editable install without it
    # compiles each module at each start; compileall skips those already up to date)
    installed.compile_as_installed()
    rows: list[Row] = []
    failures: list[tuple[str, Run]] = []
    restore: dict[Path, str] = {}
    timeout_s = args.timeout

    def step_run(name: str, argv: list[str], pty: bool = False, **options) -> Run:
        run = (run_in_pty if pty else run_measured)(argv, timeout_s, env, base, **options)
        if run.timed_out or run.rc not in (0, 1) or (pty and run.paint is None):
            failures.append((name, run))
        return run

    def wall_text(run: Run) -> str:
        return f"> {timeout_s:g} s (timed out)" if run.timed_out else fmt_s(run.wall)

    def judge(step: str, n: int, values: dict, run: Run | None = None) -> tuple[str, str]:
        text, check = target_for(step, n)
        if text is None:
            return "", ""
        if run is not None and run.timed_out:
            return text, "NO"
        return text, "yes" if check(values) else "NO"  # type: ignore[operator]

    try:
        # ---------------------------------------------------------------- corpus
        reuse = (marker.exists() and corpus.is_dir() and json.loads(marker.read_text()) == params
                 and (args.mode != "events" or truth_file.exists()))
        t = time.perf_counter()
        note = ""
        if not reuse:
            shutil.rmtree(corpus, ignore_errors=True)
            marker.unlink(missing_ok=True)
            if args.mode == "synthetic":
                bench_index.generate_corpus(corpus, n_req, words, seed=args.seed)
            else:
                truth, stories, used = generate_events_corpus(corpus, n_req, words, args.seed,
                                                              args.sources or DEFAULT_SOURCES)
                truth_file.write_text(json.dumps(truth))
                note = (f"; {stories:,} stories ({len(set(truth.values())):,} true events) "
                        f"from {used} real articles")
            marker.write_text(json.dumps(params))
        gen_s = time.perf_counter() - t
        files = sorted(corpus.iterdir())
        n = len(files)
        size = sum(p.stat().st_size for p in files) / 1e6
        wcount = sum(len(p.read_text(encoding="utf-8").split()) for p in files[:: max(1, n // 500)])
        avg_words = wcount / len(files[:: max(1, n // 500)])
        rows.append(Row(f"corpus ({args.mode})", f"{n:,}", fmt_s(gen_s), "",
                        notes=f"{'reused' if reuse else 'generated'}; {size:.1f} MB, ~{avg_words:.0f} words/article{note}"))

        # ---------------------------------------------------------------- index steps
        index_ok = ix_dir.is_dir() and any(ix_dir.iterdir())
        index_note = ""
        if "build" not in skip:
            shutil.rmtree(ix_dir, ignore_errors=True)
            run = step_run("build", [*cmd, "index", str(corpus), "--index", str(ix_dir)])
            index_ok = run.rc == 0 and not run.timed_out
            target, ok = judge("build", n, {"wall": run.wall}, run)
            rows.append(Row("build: newsdiff index", f"{n:,}", wall_text(run), fmt_mb(run.peak_mb),
                            target=target, ok=ok,
                            notes=(f"{n / run.wall:.0f} articles/s; index {dir_mb(ix_dir):.0f} MB "
                                   f"({dir_mb(ix_dir) / size:.1f}x the files)") if index_ok
                            else "killed at the deadline (peak RSS so far)" if run.timed_out
                            else f"failed (exit {run.rc}), see below"))
            if not index_ok:
                index_note = "build did not finish"
        elif not index_ok:
            index_note = "build skipped and no index kept"
        else:
            rows.append(Row("build: newsdiff index", f"{n:,}", "skipped", notes="index kept from an earlier run"))

        def skipped_row(name: str, label: str) -> bool:
            if name in skip:
                rows.append(Row(label, wall="skipped"))
                return True
            if index_note:
                rows.append(Row(label, wall="skipped", notes=index_note))
                return True
            return False

        if not skipped_row("reopen", "re-open, nothing changed"):
            run = step_run("reopen", [*cmd, "index", str(corpus), "--index", str(ix_dir)])
            said = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else f"exit {run.rc}"
            own = re.search(r"; ([\d.]+) s$", said)
            rows.append(Row("re-open, nothing changed", f"{n:,}", wall_text(run), fmt_mb(run.peak_mb),
                            notes=("up to date" if said.startswith("up to date") else said)
                            + (f"; the command's own clock {float(own.group(1)):.2f} s" if own else "")))

        if not skipped_row("update", "update 1% of files"):
            changed = files[::100]
            for path in changed:
                text = path.read_text(encoding="utf-8")
                restore[path] = text
                path.write_text(text + "\nAn update about troops.\n", encoding="utf-8")
            run = step_run("update", [*cmd, "index", str(corpus), "--index", str(ix_dir)])
            said = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else f"exit {run.rc}"
            m = re.search(r"updated (\d+)", said)
            rows.append(Row("update 1% of files", f"{len(changed):,} of {n:,}", wall_text(run),
                            fmt_mb(run.peak_mb),
                            notes=f"{m.group(1)} re-indexed" if m and said.startswith("updated") else said))
            if run.timed_out or run.rc != 0:
                index_note = "the update did not finish"

        # ---------------------------------------------------------------- warm queries
        if not skipped_row("warm", "warm queries (one process)"):
            run = step_run("warm", [sys.executable, str(Path(__file__).resolve()), "--runs", str(args.runs),
                                    "--warm-child", str(corpus), str(ix_dir)])
            data = None
            if run.ok and run.rc == 0:
                try:
                    data = json.loads(run.stdout.strip().splitlines()[-1])
                except (ValueError, IndexError):
                    failures.append(("warm", run))
            rows.append(Row("warm queries (one process)", f"{n:,}", wall_text(run), fmt_mb(run.peak_mb),
                            notes=(f"load_corpus {data['load_s']:.1f} s, open {data['open_s']:.2f} s"
                                   f"{' (it changed!)' if data['changed'] else ''}, first query "
                                   f"{data['first_ms']:.0f} ms; {args.runs} runs per form") if data
                            else f"failed (exit {run.rc})"))
            for label, query, greps in bench_index.QUERIES:
                if data is None:
                    break
                form = data["forms"][label]
                grep_text, ratio, ok, target = "skipped", None, "", ""
                grep_notes = []
                if "grep" not in skip:
                    peers = [(bench_index.run_grep(g, corpus, args.grep_runs), g) for g in greps]
                    (best_ms, _), best = min(peers, key=lambda p: p[0][0])
                    ratio = best_ms / form["p50"] if form["p50"] else math.inf
                    grep_text = f"{best_ms:.0f} ms / {ratio:.1f}x"
                    grep_notes = [f"{bench_index.grep_label(g)} {ms:.0f} ms, {files_} files"
                                  for (ms, files_), g in peers]
                    target, ok = judge("query", n, {"p95": form["p95"], "ratio": ratio})
                rows.append(Row(f"  {label}: {query}", f"{n:,}", "", "",
                                f"{form['p50']:.1f} / {form['p95']:.1f} ms", grep_text, target, ok,
                                f"{form['hits']:,} hits" + ("; " + "; ".join(grep_notes) if grep_notes else "")))

        # ---------------------------------------------------------------- cold search
        if not skipped_row("search", "cold newsdiff search troops"):
            runs = [step_run("search", [*cmd, "search", str(corpus), "troops", "--json", "--index", str(ix_dir)])
                    for _ in range(max(1, args.search_runs))]
            done = [r for r in runs if r.ok]
            if len(done) == len(runs):
                wall = statistics.median(r.wall for r in runs)
                hits = len(runs[-1].stdout.splitlines())
                target, ok = judge("search", n, {"wall": wall})
                rows.append(Row("cold newsdiff search troops", f"{n:,}", fmt_s(wall),
                                fmt_mb(max((r.peak_mb for r in runs if r.peak_mb is not None), default=None)),
                                target=target, ok=ok,
                                notes=f"median of {len(runs)} ({', '.join(fmt_s(r.wall) for r in runs)}); "
                                      f"{hits} hits shown (--limit 10); exit {runs[-1].rc}"))
            else:
                target, _ = judge("search", n, {"wall": 0})
                bad = next(r for r in runs if not r.ok)
                rows.append(Row("cold newsdiff search troops", f"{n:,}", wall_text(bad), fmt_mb(bad.peak_mb),
                                target=target, ok="NO"))

        # ---------------------------------------------------------------- events
        event_count = None
        if "events" in skip:
            rows.append(Row("newsdiff events", wall="skipped"))
        else:
            run = step_run("events", [*cmd, "events", str(corpus)])
            notes = f"failed (exit {run.rc})" if not run.timed_out else "killed at the deadline (peak RSS so far)"
            if run.ok and run.rc == 0:
                groups = parse_events(run.stdout)
                event_count = len(groups)
                truth = json.loads(truth_file.read_text()) if args.mode == "events" else None
                notes = describe_groups(groups, truth)
            target, ok = judge("events", n, {"wall": run.wall, "peak": math.inf if run.peak_mb is None else run.peak_mb}, run)
            rows.append(Row("newsdiff events", f"{n:,}", wall_text(run), fmt_mb(run.peak_mb),
                            target=target, ok=ok, notes=notes))

        # ---------------------------------------------------------------- app
        if not skipped_row("app", "app: first paint (event list)"):
            app_argv = [*cmd, str(corpus), "--out", str(base / "notes.yaml"), "--index", str(ix_dir)]
            (ix_dir / ".events.json").unlink(missing_ok=True)  # the first opening groups
            first = step_run("app", app_argv, pty=True, wait_grouped=True)
            again = step_run("app", app_argv, pty=True)
            single = event_count == 1
            for run, label, note in (
                (first, "app, first opening: list on screen", "grouping in its worker"),
                (again, "app, opened again: event list", "events kept in the index folder"),
            ):
                if single:
                    label = label.replace("list on screen", "first paint").replace("event list", "first paint")
                target, ok = judge("app", n, {"wall": run.paint if run.paint is not None else math.inf}, run)
                if run.paint is not None:
                    rows.append(Row(label, f"{n:,}", fmt_s(run.paint), fmt_mb(run.peak_mb), target=target, ok=ok,
                                    notes=f"{note}; spawn to first paint in a pty; exited at {fmt_s(run.wall)}"))
                else:
                    rows.append(Row(label, f"{n:,}", wall_text(run) if run.timed_out else "no paint",
                                    fmt_mb(run.peak_mb), target=target, ok="NO",
                                    notes="" if run.timed_out else f"exit {run.rc} before painting, see below"))
                if run is first and not single:
                    done = "not reached" if first.grouped is None else fmt_s(first.grouped)
                    rows.append(Row("app, first opening: final events listed", f"{n:,}", done,
                                    notes="spawn to the list holding every event, in order"))
    finally:
        for path, text in restore.items():  # undo the 1% update (a kept corpus stays reusable)
            path.write_text(text, encoding="utf-8")
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)

    print_table(rows)
    for name, run in failures:
        what = f"timed out after {timeout_s:g} s" if run.timed_out else (
            "no first paint" if run.paint is None and name == "app" else f"exit {run.rc}")
        print(f"\n{name}: {what}: {' '.join(run.argv)}")
        tail = (run.stderr or "").strip().splitlines()[-15:]
        for line in tail:
            print(f"    {line[:200]}")
    return 0


def parse_events(text: str) -> list[list[str]]:
    """The member ids of each event in ``newsdiff events`` text output."""
    groups: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.strip():
            current = None
            continue
        if not line.startswith(" "):
            current = []
            groups.append(current)
        elif line.startswith("  - ") and current is not None:
            current.append(line[4:].split(": ", 1)[0])
    return groups


def describe_groups(groups: list[list[str]], truth: dict[str, str] | None) -> str:
    """Event counts, and with the true events (events mode) the pairwise precision and
    recall of the grouping."""
    sizes = sorted((len(g) for g in groups), reverse=True)
    note = (f"{len(groups):,} events, largest {sizes[0] if sizes else 0}, "
            f"{sum(1 for s in sizes if s == 1):,} singletons")
    if truth is None:
        return note
    pairs = lambda c: c * (c - 1) // 2  # noqa: E731
    cells = Counter((i, truth.get(a, a)) for i, g in enumerate(groups) for a in g)
    true_sizes = Counter(truth.get(a, a) for g in groups for a in g)
    together = sum(pairs(c) for c in cells.values())
    found = sum(pairs(len(g)) for g in groups)
    true = sum(pairs(c) for c in true_sizes.values())
    precision = together / found if found else 1.0
    recall = together / true if true else 1.0
    return (f"{note}; vs {len(true_sizes):,} true events: pairwise precision "
            f"{precision:.2f}, recall {recall:.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
