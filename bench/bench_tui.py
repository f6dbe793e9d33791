"""Speed and memory of the terminal app. Prints a table.

1. Cold start: the real ``newsdiff`` command on the seeds in a pseudo-terminal, from
   process start to the first painted screen ($NEWSDIFF_FIRST_PAINT_FILE makes the app
   write the time of its first paint and exit), with the pile's index folder written by
   a first run (timed alone). Measured as installed: ``pip install .`` leaves every module's
   bytecode on disk, so when the source tree has none (an editable install run with
   $PYTHONDONTWRITEBYTECODE) the bench times that form too, then compiles the modules
   and times again. Peer: a minimal Textual app (one Static) measured the same way in the
   same run. Target <= 1.0 s.
2. Key press to repaint with 6 panes of 20,000-word articles (generated, with dense
   shared-entity highlights, linked scrolling on so all 6 panes move): the scroll action
   plus drawing every visible line of every pane (the work of one repaint), and the Pilot's
   press-to-idle time next to a trivial app's (peer). Target <= 50 ms.
3. One event of 200 articles (the seeds repeated, each with a line of its own): the app
   alone, from its start to the comparison's first paint (target <= 1.0 s), and the whole
   command's cold start, which groups the 200 articles into events first.
4. Memory: peak RSS of a process that loads 1,000 generated articles, groups them and runs
   the app (headless) to its first screen. Target <= 300 MB.

Run: /work/venv/bin/python bench/bench_tui.py
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import installed  # noqa: E402  (time the app with its bytecode, as pip install leaves it)

PY = sys.executable
WORDS = ("the of and to in a is that for on was with as by at from its were has have been militants forces "
         "government officials said city troops border report security capital region army week").split()
NAMES = ["Baghdad", "Tehran", "Mosul", "Tikrit", "Rouhani", "Maliki", "ISIS", "Quds Force", "Suleimani",
         "Revolutionary Guard", "Samarra", "Diyala", "Kirkuk", "Erbil", "Washington", "Obama"]

MINIMAL_APP = """
import os, time, sys
from pathlib import Path
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        Path(os.environ["NEWSDIFF_FIRST_PAINT_FILE"]).write_text(f"{time.time():.6f}")
        self.exit()
Hello().run()
"""


# --------------------------------------------------------------------------- cold start
def _run_in_pty(argv: list[str], env: dict, cols: int = 160, rows: int = 45, timeout: float = 30) -> float:
    """Seconds from spawning ``argv`` in a pty to the time it wrote to the paint file."""
    with tempfile.TemporaryDirectory() as tmp:
        stamp = Path(tmp) / "paint"
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(env, NEWSDIFF_FIRST_PAINT_FILE=str(stamp), TERM="xterm-256color")
        env.pop("COLUMNS", None)
        env.pop("LINES", None)

        def drain() -> None:
            try:
                while os.read(master, 65536):
                    pass
            except OSError:
                pass

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        t0 = time.time()
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=tmp, start_new_session=True)
        os.close(slave)
        try:
            proc.wait(timeout=timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
            os.close(master)
        if not stamp.exists():
            raise RuntimeError(f"{argv} did not report a first paint (exit {proc.returncode})")
        return float(stamp.read_text()) - t0


def bench_cold_start(runs: int = 5) -> tuple[float, float, float | None, float]:
    """Median seconds to first paint: the app as installed (its modules' bytecode on disk),
    the minimal Textual app, and, when the source tree had no bytecode when the bench
    started, the app compiling its modules on start (else None); then the seconds of the
    pile's first opening, which also groups it and writes its index folder (one run)."""
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    uncompiled = None
    with tempfile.TemporaryDirectory() as tmp:
        argv = [PY, "-m", "newsdiff", "--out", str(Path(tmp) / "n.yaml"), "--index", str(Path(tmp) / "ix")]
        first = _run_in_pty(argv, env)  # the pile's first opening also writes its index folder
        if not installed.has_bytecode():
            uncompiled = statistics.median([_run_in_pty(argv, env) for _ in range(runs)])
        installed.compile_as_installed()  # and bring any stale bytecode up to date
        ours = [_run_in_pty(argv, env) for _ in range(runs)]
    peer = [_run_in_pty([PY, "-c", MINIMAL_APP], env) for _ in range(runs)]
    return statistics.median(ours), statistics.median(peer), uncompiled, first


# --------------------------------------------------------------------------- key press
def _big_articles(n: int = 6, words: int = 20_000):
    from newsdiff.corpus.articles import Article, text_sha256

    rng = random.Random(7)
    out = []
    for i in range(n):
        parts, count = [], 0
        while count < words:
            sentence = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
            sentence.insert(rng.randrange(len(sentence)), rng.choice(NAMES))
            parts.append(" ".join(sentence) + ".")
            count += len(sentence)
            if rng.random() < 0.2:
                parts.append("\n\n")
        text = " ".join(parts)
        out.append(Article(id=f"big{i}", path=f"/gen/big{i}.txt", title=f"Generated article {i}", text=text, sha256=text_sha256(text)))
    return out


def _comparison(articles):
    import re

    from newsdiff.comparison.compare import Comparison, event_for
    from newsdiff.records import Entity, Mention

    entities = []
    for name in NAMES:
        mentions = [Mention(a.id, m.start(), m.end(), name) for a in articles for m in re.finditer(re.escape(name), a.text)]
        entities.append(Entity(name.lower().replace(" ", "-"), name, "other", [], mentions))
    return Comparison(event=event_for(articles), articles=articles, entities=entities, claims=[])


async def _press_times(app, keys: list[str]) -> list[float]:
    times = []
    async with app.run_test(size=(290, 60)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            t = time.perf_counter()
            await pilot.press(key)
            times.append(time.perf_counter() - t)
        app._bench_state = getattr(app.screen, "visible_count", None)
    return times


def bench_keypress() -> dict[str, float]:
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    from textual.app import App
    from textual.geometry import Region
    from textual.widgets import Static

    from tui.harness import make_app

    articles = _big_articles()
    cmp = _comparison(articles)
    marks = sum(len(e.mentions) for e in cmp.entities)
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(articles, out_path=Path(tmp) / "n.yaml", comparison=cmp)

        async def direct() -> list[float]:
            out = []
            async with app.run_test(size=(290, 60)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                screen = app.screen
                assert screen.visible_count == 6, screen.visible_count
                screen.action_toggle_link()
                panes = screen.panes
                first = panes[0]
                first.focus()
                await pilot.pause()
                for i in range(41):
                    t = time.perf_counter()
                    if i % 2:
                        first.action_cursor_down()
                    else:
                        first.action_page_down()
                    for pane in panes:  # what the compositor asks each pane for
                        pane.render_lines(Region(0, 0, pane.size.width, pane.size.height))
                    out.append(time.perf_counter() - t)
            return out[1:]  # the first repaint also warms style caches

        direct_times = asyncio.run(direct())
        app2 = make_app(articles, out_path=Path(tmp) / "n.yaml", comparison=cmp)
        press = asyncio.run(_press_times(app2, ["l"] + ["pagedown", "j"] * 10))[1:]

    class Trivial(App):
        def compose(self):
            yield Static("hello")

    peer = asyncio.run(_press_times(Trivial(), ["j"] * 20))
    return {
        "marks": marks,
        "direct_p50": statistics.median(direct_times),
        "direct_max": max(direct_times),
        "press_p50": statistics.median(press),
        "peer_press_p50": statistics.median(peer),
    }


# --------------------------------------------------------------------------- memory
MEMORY_CHILD = """
import asyncio, os, resource, sys, time
from pathlib import Path
os.environ["TEXTUAL_ANIMATIONS"] = "none"
from newsdiff.corpus.articles import load_corpus
from tui import engine
from tui.harness import make_app
folder = Path(sys.argv[1])
t = time.perf_counter()
articles = load_corpus([folder]).articles
events = engine.group_events(articles)
grouped = time.perf_counter() - t
app = make_app(articles, out_path=folder / "n.yaml", events=events, index_dir=folder / "ix")
async def main():
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return type(app.screen).__name__
name = asyncio.run(main())
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(articles)} {len(events)} {rss:.1f} {grouped:.2f} {name}")
"""


def bench_memory(n: int = 1000) -> tuple[int, int, float, float, str]:
    rng = random.Random(11)
    topics = [[f"Topicname{t}", f"Placename{t}", f"Personname{t}"] for t in range(n // 10)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n):
            names = topics[i % len(topics)]
            sentences = []
            for _ in range(40):
                s = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
                s.insert(rng.randrange(len(s)), rng.choice(names))
                sentences.append(" ".join(s).capitalize() + ".")
            (folder / f"a{i:04d}.txt").write_text(f"{names[0]} news {i}\n\n" + " ".join(sentences), encoding="utf-8")
        out = subprocess.run([PY, "-c", MEMORY_CHILD, str(folder)], capture_output=True, text=True, timeout=600)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-2000:])
        n_articles, n_events, rss, grouped, screen = out.stdout.split()
        return int(n_articles), int(n_events), float(rss), float(grouped), screen


def _big_event(corpus: Path, n: int) -> Path:
    """``n`` articles in ``corpus``: the seeds in turn, each with a line of its own."""
    corpus.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (corpus / f"a{i:04}.txt").write_text(f"{text}\nUpdate {i}: officials said {i} more.\n", encoding="utf-8")
    return corpus


def bench_big_event(n: int = 200, runs: int = 3) -> float:
    """The real command on ``n`` articles of one story (see :func:`_big_event`), from
    process start to the first painted screen. Grouping splits these near-copies into a
    few events, so the screen painted is the event list."""
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _big_event(Path(tmp) / "event", n)
        argv = [PY, "-m", "newsdiff", str(corpus), "--out", str(Path(tmp) / "n.yaml"), "--index", str(Path(tmp) / "ix")]
        _run_in_pty(argv, env)  # warm the OS caches and the index
        return statistics.median(_run_in_pty(argv, env) for _ in range(runs))


def bench_big_event_in_app(n: int = 200, runs: int = 3) -> float:
    """The app alone on one event of ``n`` articles (grouped beforehand): from the App's
    start to the comparison screen's first paint — the part mounting only the panes in
    view speeds up."""
    from newsdiff.corpus.articles import load_corpus
    from tui import engine
    from tui.harness import make_app

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _big_event(Path(tmp) / "event", n)
        articles = load_corpus([corpus]).articles
        events = [engine.single_event(articles)]

        async def once() -> float:
            app = make_app(articles, out_path=Path(tmp) / "n.yaml", index_dir=Path(tmp) / "ix", events=events)
            painted: list[float] = []
            app.note_first_paint = lambda screen: screen.call_after_refresh(  # type: ignore[method-assign]
                lambda: painted.append(time.perf_counter()))
            t0 = time.perf_counter()
            async with app.run_test(size=(200, 50)):
                while not painted:
                    await asyncio.sleep(0.005)
            return painted[0] - t0

        for _ in range(runs):
            times.append(asyncio.run(once()))
    return statistics.median(times)


def main() -> int:
    rows = []
    ours, peer, uncompiled, first = bench_cold_start()
    rows.append(("cold start to first paint (seeds)", f"{ours * 1000:.0f} ms", "<= 1000 ms",
                 f"minimal Textual app {peer * 1000:.0f} ms (x{ours / peer:.2f})", ours <= 1.0))
    if uncompiled is not None:
        rows.append(("same, before its modules were compiled", f"{uncompiled * 1000:.0f} ms", "",
                     "editable install without bytecode: every module compiled at each start", None))
    rows.append(("same, the pile's first opening (one run)", f"{first * 1000:.0f} ms", "",
                 "groups the seeds and writes the index folder's events", None))
    in_app = bench_big_event_in_app()
    rows.append(("app start to first paint, one event of 200 articles", f"{in_app * 1000:.0f} ms", "<= 1000 ms",
                 "only the panes in view are mounted", in_app <= 1.0))
    big = bench_big_event()
    rows.append(("cold start to first paint, same, the whole command", f"{big * 1000:.0f} ms", "",
                 f"x{big / ours:.2f} the seeds'; grouping 200 articles into events comes first", None))
    keys = bench_keypress()
    rows.append((f"scroll + repaint, 6 linked panes x 20k words ({keys['marks']:,} highlights)",
                 f"{keys['direct_p50'] * 1000:.1f} ms (max {keys['direct_max'] * 1000:.1f})", "<= 50 ms", "", keys["direct_max"] <= 0.05))
    rows.append(("Pilot press-to-idle, same app", f"{keys['press_p50'] * 1000:.0f} ms", "",
                 f"trivial app {keys['peer_press_p50'] * 1000:.0f} ms (x{keys['press_p50'] / keys['peer_press_p50']:.2f})", None))
    n, events, rss, grouped, screen = bench_memory()
    rows.append((f"peak RSS, {n} articles loaded ({events} events, {screen})", f"{rss:.0f} MB", "<= 300 MB",
                 f"load+group {grouped:.1f} s", rss <= 300))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':>22}  {'target':>10}  {'ok':>3}  peer / note")
    for name, result, target, note, ok in rows:
        flag = "" if ok is None else ("yes" if ok else "NO")
        print(f"{name:<{width}}  {result:>22}  {target:>10}  {flag:>3}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
