"""Fault campaign: run the real ``newsdiff`` command in subprocesses against hostile inputs
and print one table (category | cases | passed | worst), then every failing case with a
one-line reason. Exit 1 when any case failed, 0 otherwise.

    python bench/faults.py [--quick] [--only CATEGORY[,CATEGORY]] [--jobs N] [--keep]

Categories (``--only`` takes the name or the number):

1. ``texts``    pathological texts for every rule family (mentions/names, aliases, figures
               and numbers, units, claims alignment, sentences): each ``newsdiff compare
               FILE`` is timed against a normal article of the same byte length (real
               articles from ../shared/dev/ecbplus concatenated). Pass: time ratio ≤ 3.0
               (runs under 1.0 s pass whatever the ratio: process start dominates) and peak
               RSS ≤ 500 MB; the 5 MB cases (default mode only, default --max-bytes): ≤ 30 s
               and ≤ 500 MB.
2. ``inputs``   bad files next to good ones. Pass: exit 0 or 2, no traceback, every stderr
               line starts with "newsdiff: ", and the good articles still load.
3. ``queries``  bad ``newsdiff search`` queries. Pass: no traceback, exit 0, 1 or 2 (1 is
               the documented "no hits"), done in ≤ 30 s.
4. ``yaml``     hostile comparison files, read by ``compare -o FILE`` and by the app's reader
               (``tui.engine.read_notes``, what ``newsdiff --out FILE`` calls first). Pass:
               no traceback, ≤ 5 s, and a file that cannot be read is not overwritten
               (unless ``--force``).
5. ``terminal`` escape sequences, C1, bidi and zero-width characters in every printed field.
               Pass: no ESC byte, no C1 character, no bidi control in stdout or stderr (a
               zero-width space is reported, not failed).
6. ``index``    damage to the index in the folder the CLI picks by default. Pass: no
               traceback and a search gives the same hit count as a fresh index.
7. ``kill``     ``kill -9`` during ``newsdiff index`` and during ``compare -o``. Pass: the
               next run gives the right results, the old output is intact or wholly new, and
               no temp file is left after the next run.

Every case has its own temporary folder (XDG_CACHE_HOME, XDG_CONFIG_HOME and TMPDIR point
into it, so indexes never land in the real cache). Categories 1 and 7 run one case at a
time (they time things); the others run ``--jobs`` cases at once. Many cases are expected
to fail until the faults they probe are fixed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import ctypes
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "dev" / "ecbplus"
SEEDS = REPO / "seeds"

RATIO_LIMIT = 3.0
TIME_FLOOR = 1.0  # seconds: a run this fast passes whatever its ratio
RSS_LIMIT_MB = 500
BIG_SIZE = 5_000_000  # the default --max-bytes: a file this size must still be analysed
BIG_LIMIT_S = 30.0
YAML_LIMIT_S = 5.0
QUERY_LIMIT_S = 30.0
HEAD_BYTES = 1 << 20  # of a text case's comparison, only the start (the articles) is read

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --------------------------------------------------------------------------- running newsdiff


def newsdiff_command() -> list[str]:
    """The installed ``newsdiff`` beside this Python (the venv's), else on PATH, else -m."""
    beside = Path(sys.executable).parent / "newsdiff"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("newsdiff")
    return [found] if found else [sys.executable, "-m", "newsdiff"]


NEWSDIFF = newsdiff_command()


def _gnu_time() -> str | None:
    """GNU time, when it is there: it reports its child's own peak RSS. (A child of this
    script inherits this script's peak RSS as its own floor across fork and exec, so
    ``wait4``'s or RUSAGE_CHILDREN's ru_maxrss would over-count once this process is big.)"""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    try:
        with tempfile.NamedTemporaryFile("r") as fh:
            probe = subprocess.run([path, "-q", "-f", "%M", "-o", fh.name, "true"], capture_output=True, timeout=10)
            return path if probe.returncode == 0 and fh.read().strip().isdigit() else None
    except (OSError, subprocess.SubprocessError):
        return None


GNU_TIME = _gnu_time()


@dataclass
class Run:
    """One finished (or killed) process."""

    argv: list
    rc: int
    out: bytes
    err: bytes
    seconds: float
    rss_mb: float
    timed_out: bool = False

    @property
    def stdout(self) -> str:
        return self.out.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8", "replace")

    def traceback(self) -> str | None:
        """The exception line of a Python traceback on stderr, or None."""
        if b"Traceback (most recent call last)" not in self.err:
            return None
        lines = [ln for ln in self.stderr.splitlines() if ln.strip()]
        tail = next((ln for ln in reversed(lines) if not ln.startswith(" ")), lines[-1])
        return "traceback: " + tail.strip()

    def stray_stderr(self) -> list[str]:
        """stderr lines that are neither empty nor one of newsdiff's ``newsdiff: `` lines."""
        return [ln for ln in self.stderr.split("\n") if ln.strip() and not ln.startswith("newsdiff: ")]

    def first_err_line(self) -> str:
        return next((ln for ln in self.stderr.splitlines() if ln.strip()), "")


def _drop_file_permission_override() -> None:
    """preexec_fn: take CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH out of the bounding set, so
    that a process run as root is held to file modes (a read-only folder stays read-only)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP


class Ctx:
    """One case's world: its own folder, environment and process runner."""

    def __init__(self, root: Path, name: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=_slug(name) + "-", dir=root))
        self.env = dict(os.environ)
        self.env.update({
            "XDG_CACHE_HOME": str(self.dir / ".cache"),
            "XDG_CONFIG_HOME": str(self.dir / ".config"),
            "TMPDIR": str(self.dir / ".tmp"),
            "COLUMNS": "200",
        })
        self.env.setdefault("PYTHONIOENCODING", "utf-8")
        (self.dir / ".tmp").mkdir()
        self._n = 0

    def path(self, *parts: str) -> Path:
        return self.dir.joinpath(*parts)

    def popen(self, args: Iterable, *, cwd: Path | None = None, env: dict | None = None,
              readonly: bool = False, python: bool = False, measure: bool = True):
        """Start newsdiff (or ``python -c ...`` when ``python``); output goes to files.
        ``measure``: through GNU time for the peak RSS. Runs that are killed on purpose
        go without it, so that this script reaps newsdiff itself (a zombie's pid still
        counts as running, which would keep its temp files from looking stale)."""
        self._n += 1
        argv = ([sys.executable] if python else list(NEWSDIFF)) + [
            a if isinstance(a, (str, bytes)) else os.fspath(a) for a in args
        ]
        out = open(self.dir / f".run{self._n}.out", "w+b")
        err = open(self.dir / f".run{self._n}.err", "w+b")
        rss_file = self.dir / f".run{self._n}.rss"
        launch = [GNU_TIME, "-q", "-f", "%M", "-o", str(rss_file), *argv] if GNU_TIME and measure else argv
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        preexec = _drop_file_permission_override if (readonly and os.geteuid() == 0) else None
        proc = subprocess.Popen(
            launch, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd or self.dir,
            env=full_env, start_new_session=True, preexec_fn=preexec,
        )
        proc.rss_file = rss_file  # type: ignore[attr-defined]
        return proc, out, err, argv

    def finish(self, proc, out, err, argv, started: float, timeout: float,
               max_out: int | None = None) -> Run:
        """Wait for ``proc`` (killing its group after ``timeout`` s) and collect it; only
        the first ``max_out`` bytes of stdout are kept when given."""
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss_kb = usage.ru_maxrss  # KB on Linux; an upper bound (see _gnu_time)
        try:
            rss_kb = int(proc.rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        out.seek(0)
        err.seek(0)
        run = Run(argv, proc.returncode, out.read(max_out if max_out else -1), err.read(),
                  seconds, rss_kb / 1024, killed.is_set())
        out.close()
        err.close()
        return run

    def run(self, *args, timeout: float = 60.0, cwd: Path | None = None, env: dict | None = None,
            readonly: bool = False, python: bool = False, max_out: int | None = None) -> Run:
        started = time.perf_counter()
        proc, out, err, argv = self.popen(args, cwd=cwd, env=env, readonly=readonly, python=python)
        return self.finish(proc, out, err, argv, started, timeout, max_out)


# --------------------------------------------------------------------------- outcomes


@dataclass
class Outcome:
    category: str
    name: str
    passed: bool
    reason: str = ""  # why it failed (one line)
    note: str = ""  # what was measured
    ratio: float | None = None
    seconds: float | None = None
    kinds: set = field(default_factory=set)  # terminal: which kinds of control leaked


_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
_ZERO_WIDTH = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}


def printable(text: str, limit: int = 160) -> str:
    """``text`` safe for our own terminal: controls, C1, bidi and zero-width shown escaped."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif (o < 0x20 or 0x7F <= o < 0xA0 or o in _BIDI or o in _ZERO_WIDTH
              or 0xDC80 <= o <= 0xDCFF):
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        else:
            out.append(ch)
    s = "".join(out)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:40] or "case"


def basic_problems(run: Run, codes: Iterable[int] = (0, 2)) -> list[str]:
    """Timeout, a traceback, an unexpected exit code: the faults every category checks."""
    problems = []
    if run.timed_out:
        problems.append(f"killed after {run.seconds:.0f} s (hung or too slow)")
        return problems
    tb = run.traceback()
    if tb:
        problems.append(tb)
    if run.rc not in codes and not tb:
        problems.append(f"exit {run.rc}" + (f": {run.first_err_line()}" if run.first_err_line() and not tb else ""))
    return problems


def verdict(category: str, name: str, problems: list[str], **kw) -> Outcome:
    reason = "; ".join(printable(p, 200) for p in problems)
    return Outcome(category, name, not problems, reason, **kw)


# --------------------------------------------------------------------------- corpus helpers


def dev_texts() -> list[str]:
    """Real article texts (../shared/dev/ecbplus), else the bundled seeds."""
    files = sorted(DEV.glob("*/*.txt")) if DEV.is_dir() else []
    files = files or sorted(SEEDS.glob("*.txt"))
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def dev_files() -> list[Path]:
    files = sorted(DEV.glob("*/*.txt")) if DEV.is_dir() else []
    return files or sorted(SEEDS.glob("*.txt"))


_DEV_CACHE: list[str] = []


def normal_text(size: int) -> str:
    """Real articles concatenated to exactly ``size`` bytes of UTF-8."""
    if not _DEV_CACHE:
        _DEV_CACHE.extend(dev_texts())
    parts, total, n = [], 0, 0
    while total < size:
        t = _DEV_CACHE[n % len(_DEV_CACHE)].strip() + "\n\n"
        parts.append(t)
        total += len(t.encode())
        n += 1
    return fit(("".join(parts)), size)


def fit(text: str, size: int) -> str:
    """``text`` cut (or padded with spaces) to exactly ``size`` bytes of UTF-8."""
    data = text.encode()[:size].decode("utf-8", "ignore")
    return data + " " * (size - len(data.encode()))


def repeat_to(unit: str, size: int) -> str:
    return fit(unit * (size // max(1, len(unit.encode())) + 1), size)


def mixed_files(n: int, word: str = "police") -> list[Path]:
    """``n`` real articles, about half of them containing ``word`` (so searches hit)."""
    files = dev_files()
    if n >= len(files):
        return files
    has = [f for f in files if word in f.read_text(encoding="utf-8", errors="replace").lower()]
    hasnt = [f for f in files if f not in has]
    picked = has[: (n + 1) // 2]
    return sorted(picked + hasnt[: n - len(picked)])


def copy_corpus(dest: Path, files: list[Path]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copyfile(f, dest / f.name)
    return dest


def write_good(folder: Path, n: int = 2) -> list[str]:
    """``n`` real articles as good1.txt..; returns their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = dev_texts()
    ids = []
    for k in range(n):
        (folder / f"good{k + 1}.txt").write_text(texts[k], encoding="utf-8")
        ids.append(f"good{k + 1}")
    return ids


def comparison_ids(run: Run) -> list[str] | None:
    """The article ids in a ``compare`` YAML on stdout, or None when it does not parse."""
    head = run.out.split(b"\nentities:", 1)[0]  # the articles come first; skip the rest
    try:
        data = yaml.load(head, Loader=_LOADER)
        return [a["id"] for a in data["articles"]]
    except Exception:
        return None


def hit_count(run: Run) -> int | None:
    """Hits of ``search --json``: one JSON object per line (None after an error)."""
    if run.rc not in (0, 1) or run.timed_out:
        return None
    n = 0
    for line in run.stdout.splitlines():
        if line.strip():
            json.loads(line)
            n += 1
    return n


# --------------------------------------------------------------------------- 1. texts


_SYLLABLES = ["Zed", "Qux", "Vor", "Bax", "Lim", "Tor", "Kel", "Mar", "Pon", "Rud", "Sef", "Ulm"]


def t_titlecase(size: int) -> str:
    rng = random.Random(1)
    words = []
    total = 0
    while total < size:
        w = rng.choice(_SYLLABLES) + rng.choice(["", "a", "o", "en", "ix"])
        words.append(w)
        total += len(w) + 1
    return fit(" ".join(words), size)


def t_navbar(count: int) -> str:
    labels = ["Home", "World", "Politics", "Business", "Tech", "Science", "Sport", "Culture",
              "Opinion", "Video", "Live", "Weather", "Travel", "Money", "Health", "Style"]
    return " | ".join(f"{labels[i % len(labels)]}{'' if i < len(labels) else i // len(labels)}"
                      for i in range(count)) + "\n"


def t_apostrophes(size: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return fit("O'" + "'".join(letters[i % 26] for i in range(size // 2)), size)


def t_table(lines: int) -> str:
    return "\n".join(f"Team {chr(65 + i % 20)} {i % 5} - {i % 3} Team {chr(66 + i % 20)}"
                     for i in range(lines)) + "\n"


def t_digits(size: int) -> str:
    return fit(",".join(str(1 + i % 9) for i in range(size // 2 + 1)), size)


def t_dollars(size: int) -> str:
    return fit(" ".join(f"${i}" for i in range(1, size)), size)


def t_percent(size: int) -> str:
    forms = ["{}%", "{}.5%", "{} percent", "{} per cent", "{}-percent", "up {} points"]
    return repeat_to(" ".join(f.format(i) for i, f in enumerate(forms * 4, 3)) + ", ", size)


def t_dates(size: int) -> str:
    months = ["January", "Feb.", "March", "Apr", "May", "June", "July", "Aug.", "September",
              "Oct", "November", "Dec."]
    parts = [f"On {months[i % 12]} {1 + i % 28}, {1990 + i % 35}, and {1 + i % 28} {months[(i + 3) % 12]} "
             f"{2000 + i % 20}, then {1 + i % 12}/{1 + i % 28}/{10 + i % 20}" for i in range(120)]
    return repeat_to(", ".join(parts) + ". ", size)


def t_hyphenated(size: int) -> str:
    return repeat_to("a 5-foot-9, 210-pound, 3-mile-long, 10-year-old, 2.5-metre-high, "
                     "40-tonne, 12-inch, 6-foot-11 and 300-km-wide ", size)


def t_nested_quotes(size: int) -> str:
    opens = ['He said "', "she said '", "they said “", "we said ‘", "« "]
    closes = ['"', "'", "”", "’", " »"]
    depth = size // 24
    text = "".join(opens[i % 5] for i in range(depth)) + "yes" + "".join(
        closes[i % 5] for i in reversed(range(depth)))
    return fit(text, size)


def t_claims_same(size: int) -> dict[str, str]:
    half = size // 2
    return {
        "a.txt": repeat_to("Officials said 150 troops were sent to Baghdad. ", half),
        "b.txt": repeat_to("Officials said 2,000 troops were sent to Baghdad. ", half),
    }


def t_claims_many(size: int) -> dict[str, str]:
    half = size // 2
    a = "".join(f"Police said {i} people were killed in the attack. " for i in range(1, half))
    b = "".join(f"Police said {i + 1} people were killed in the attack. " for i in range(1, half))
    return {"a.txt": fit(a, half), "b.txt": fit(b, half)}


@dataclass
class TextCase:
    family: str
    name: str
    build: Callable[[int], "str | dict[str, str]"]
    size: int  # the argument of build: bytes, or a count where the name says so
    quick: int
    big: bool = False


def text_cases(quick: bool) -> list[TextCase]:
    K = 1000
    cases = [
        TextCase("mentions", "one 8 KB line of Title-Case words", t_titlecase, 8 * K, 2 * K),
        TextCase("mentions", "nav bar: 2,000 capitalised links ' | '", t_navbar, 2000, 200),
        TextCase("mentions", "O'A'B'C'... run, 8 KB", t_apostrophes, 8 * K, 2 * K),
        TextCase("mentions", "50 KB of one word, no spaces", lambda n: repeat_to("Word", n), 50 * K, 5 * K),
        TextCase("mentions", "'Word ' x 10,000", lambda n: "Word " * n, 10_000, 1000),
        TextCase("aliases", "'Bank of the ' x 2,000", lambda n: "Bank of the " * n, 2000, 200),
        TextCase("aliases", "'Alpha ' x 4,000", lambda n: "Alpha " * n, 4000, 400),
        TextCase("figures", "'150 troops, ' to 24 KB", lambda n: repeat_to("150 troops, ", n), 24 * K, 2400),
        TextCase("figures", "50 KB of digits with commas 1,2,3,...", t_digits, 50 * K, 5 * K),
        TextCase("figures", "one line '$1 $2 $3 ...', 20 KB", t_dollars, 20 * K, 2 * K),
        TextCase("figures", "many percentages, 20 KB", t_percent, 20 * K, 2 * K),
        TextCase("figures", "many dates, 20 KB", t_dates, 20 * K, 2 * K),
        TextCase("figures", "results table: 3,000 lines 'Team A 3 - 1 Team B'", t_table, 3000, 300),
        TextCase("units", "'5 km ' x 4,000", lambda n: "5 km " * n, 4000, 400),
        TextCase("units", "hyphenated number-unit compounds, 20 KB", t_hyphenated, 20 * K, 2 * K),
        TextCase("claims", "2 articles: 150 vs 2,000 troops, 24 KB", t_claims_same, 24 * K, 2400),
        TextCase("claims", "2 articles: distinct death tolls, 24 KB", t_claims_many, 24 * K, 2400),
        TextCase("sentences", "'He said. ' x 10,000", lambda n: "He said. " * n, 10_000, 1000),
        TextCase("sentences", "20 KB of '('", lambda n: "(" * n, 20 * K, 2 * K),
        TextCase("sentences", "20 KB of '\"'", lambda n: '"' * n, 20 * K, 2 * K),
        TextCase("sentences", "nested quotes, 20 KB", t_nested_quotes, 20 * K, 2 * K),
    ]
    if quick:
        keep = {"one 8 KB line of Title-Case words", "nav bar: 2,000 capitalised links ' | '",
                "'Bank of the ' x 2,000", "'150 troops, ' to 24 KB", "50 KB of digits with commas 1,2,3,...",
                "'5 km ' x 4,000", "hyphenated number-unit compounds, 20 KB",
                "2 articles: 150 vs 2,000 troops, 24 KB", "'He said. ' x 10,000", "20 KB of '('"}
        cases = [c for c in cases if c.name in keep]
    else:
        cases += [
            TextCase("reference", "5 MB of normal articles", normal_text, BIG_SIZE, 0, big=True),
            TextCase("mentions", "5 MB of Title-Case words", t_titlecase, BIG_SIZE, 0, big=True),
            TextCase("figures", "5 MB of '150 troops, '", lambda n: repeat_to("150 troops, ", n), BIG_SIZE, 0, big=True),
            TextCase("sentences", "5 MB of 'He said. '", lambda n: repeat_to("He said. ", n), BIG_SIZE, 0, big=True),
        ]
    return cases


def _write_inputs(folder: Path, content: "str | dict[str, str]") -> tuple[Path, int, int]:
    """Write a case's text(s); returns (path to give compare, total bytes, number of files)."""
    if isinstance(content, str):
        path = folder / "case.txt"
        path.write_text(content, encoding="utf-8")
        return path, path.stat().st_size, 1
    sub = folder / "case"
    sub.mkdir()
    total = 0
    for name, text in content.items():
        (sub / name).write_text(text, encoding="utf-8")
        total += (sub / name).stat().st_size
    return sub, total, len(content)


class Baselines:
    """Time of ``compare`` on a normal text of a given size (best of two), cached."""

    def __init__(self, root: Path, quick: bool = False) -> None:
        self.root = root
        self.quick = quick
        self.cache: dict[tuple[int, int], Run] = {}
        self.lock = threading.Lock()

    def get(self, size: int, nfiles: int, timeout: float) -> Run:
        with self.lock:
            return self._get(size, nfiles, timeout)

    def _get(self, size: int, nfiles: int, timeout: float) -> Run:
        if self.quick:  # one run per power-of-two bucket: quick runs are under the floor anyway
            size = 1 << max(10, (size - 1).bit_length())
        key = (size, nfiles)
        if key not in self.cache:
            ctx = Ctx(self.root, f"normal-{size}-{nfiles}")
            if nfiles == 1:
                target, _, _ = _write_inputs(ctx.dir, normal_text(size))
            else:
                per = size // nfiles
                target, _, _ = _write_inputs(ctx.dir, {f"n{k}.txt": normal_text(per) for k in range(nfiles)})
            best = None
            for _ in range(1 if size >= BIG_SIZE or self.quick else 2):
                r = ctx.run("compare", target, timeout=timeout, max_out=HEAD_BYTES)
                if best is None or r.seconds < best.seconds:
                    best = r
            self.cache[key] = best
        return self.cache[key]


def run_text_case(root: Path, base: Baselines, tc: TextCase, quick: bool) -> Outcome:
    cat = "1 texts"
    name = f"{tc.family}: {tc.name}" + (" [quick size]" if quick else "")
    if tc.family == "reference":  # the normal text itself: its baseline run is the case
        size, nfiles = tc.size, 1
        normal = run = base.get(size, nfiles, timeout=2 * BIG_LIMIT_S)
    else:
        ctx = Ctx(root, name)
        content = tc.build(tc.quick if quick else tc.size)
        target, size, nfiles = _write_inputs(ctx.dir, content)
        normal = base.get(size, nfiles, timeout=2 * BIG_LIMIT_S if tc.big else 60)
        timeout = 2 * BIG_LIMIT_S if tc.big else max(30.0, 10 * normal.seconds)
        run = ctx.run("compare", target, timeout=timeout, max_out=HEAD_BYTES)
    if not tc.big and not quick and not run.timed_out and run.seconds > TIME_FLOOR and run.seconds > RATIO_LIMIT * normal.seconds:
        again = ctx.run("compare", target, timeout=timeout, max_out=HEAD_BYTES)  # once more, against noise
        if again.seconds < run.seconds:
            run = again
    ratio = run.seconds / max(normal.seconds, 1e-6)
    problems = basic_problems(run, codes=(0,))
    expected = nfiles
    if not run.timed_out and run.rc == 0:
        ids = comparison_ids(run)
        if ids is None or len(ids) != expected:
            problems.append(f"not analysed: {expected} article(s) given, comparison has {ids}")
    if tc.big:
        if run.seconds > BIG_LIMIT_S and not run.timed_out:
            problems.append(f"{run.seconds:.1f} s for a 5 MB file (limit {BIG_LIMIT_S:.0f} s)")
    elif run.seconds > TIME_FLOOR and ratio > RATIO_LIMIT and not run.timed_out:
        problems.append(f"{ratio:.1f}x a normal article of {size:,} bytes "
                        f"({run.seconds:.2f} s vs {normal.seconds:.2f} s)")
    if run.timed_out:
        problems[0] = (f"killed after {run.seconds:.0f} s, still running "
                       f"(normal article of {size:,} bytes: {normal.seconds:.2f} s)")
    if run.rss_mb > RSS_LIMIT_MB:
        problems.append(f"peak RSS {run.rss_mb:.0f} MB > {RSS_LIMIT_MB} MB")
    note = f"{ratio:.1f}x ({run.seconds:.2f} s vs {normal.seconds:.2f} s), {run.rss_mb:.0f} MB, {size:,} B"
    return verdict(cat, name, problems, note=note, ratio=ratio, seconds=run.seconds)


# --------------------------------------------------------------------------- 2. inputs


def input_cases(quick: bool) -> list[tuple[str, Callable[[Ctx], Outcome]]]:
    cat = "2 inputs"

    def case(name: str, make: Callable[[Path], None], *, extra_args=(), direct: Callable[[Path], list] | None = None,
             expect_count: int | None = 2, check=None):
        """``make(folder)`` writes the bad file next to two good articles; the folder is
        loaded by ``events`` and ``compare``; both must behave and keep the good ones."""

        def fn(ctx: Ctx) -> Outcome:
            folder = ctx.path("corpus")
            good = write_good(folder)
            make(folder)
            paths = direct(folder) if direct else [folder]
            problems: list[str] = []
            for command in ("events", "compare"):
                # compare --all: every loaded article is compared (one odd article must not
                # be left out as an event of its own: this case checks loading)
                every = ("--all",) if command == "compare" else ()
                run = ctx.run(command, *paths, *extra_args, *every, timeout=60)
                for p in basic_problems(run):
                    problems.append(f"{command}: {p}")
                stray = run.stray_stderr()
                if stray and not run.traceback():
                    problems.append(f"{command}: stderr line not 'newsdiff: ...': {stray[0]!r}")
                if direct:
                    continue
                if command == "compare" and run.rc == 0:
                    ids = comparison_ids(run) or []
                    missing = [g for g in good if g not in ids]
                    if missing or (expect_count is not None and len(ids) != expect_count):
                        problems.append(f"compare: {len(ids)} articles loaded, expected {expect_count} "
                                        f"(the good ones and any valid one): {ids}")
                elif command == "compare" and run.rc != 0 and not run.traceback():
                    problems.append(f"compare: good articles not loaded (exit {run.rc}: {run.first_err_line()})")
                if check and run.rc == 0 and not run.traceback():
                    problems += [f"{command}: {p}" for p in check(ctx, command, run)]
            return verdict(cat, name, problems)

        return name, fn

    def write(name: str | bytes, data: bytes):
        def make(folder: Path) -> None:
            target = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
            with open(target, "wb") as fh:
                fh.write(data)
        return make

    rng = random.Random(7)
    binary = bytes(rng.randrange(256) for _ in range(20_000))
    no_nul = bytes(rng.choice([b for b in range(1, 256) if b not in (10, 13)]) for _ in range(20_000))
    article = dev_texts()[5].encode()
    deep1k = b'{"text": "x", "nested": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    deep100k = b"[" * 100_000 + b"]" * 100_000

    def dangling(folder: Path) -> None:
        os.symlink(folder / "nowhere.txt", folder / "dangling.txt")

    def fifo(folder: Path) -> None:
        os.mkfifo(folder / "pipe.txt")

    cafe_text = "Café owners protest new tax in Paris\n\nThe owners of the Café de Flore said prices at the café would rise.\n"

    def cafe_check(ctx: Ctx, command: str, run: Run) -> list[str]:
        out = run.stdout
        if command == "events" and "Café" not in out:
            shown = next((ln for ln in out.splitlines() if "cafe" in ln.lower() or "caf" in ln.lower()), "?")
            return [f"latin-1 title not shown as 'Café': {shown.strip()!r}"]
        if command == "compare":
            probs = []
            search = ctx.run("search", ctx.path("corpus"), "prices", "--json", timeout=60)
            snippets = [json.loads(ln)["snippet"] for ln in search.stdout.splitlines() if ln.strip()]
            if not any("café" in s for s in snippets):
                probs.append(f"latin-1 text not decoded as 'café': search snippets {snippets!r}")
            return probs
        return []

    cases = [
        case("empty file", write("empty.txt", b"")),
        case("whitespace-only file", write("blank.txt", b" \n\t\n" * 100)),
        case("binary file (random bytes)", write("random.txt", binary)),
        case("binary file without NUL bytes", write("noisy.txt", no_nul), expect_count=None),
        case("undecodable bytes", write("bad.txt", b"Officials said \x81\x8d\x8f\x90\x9d \xc3\x28 \xff\xfe troops\n" * 50), expect_count=3),
        case("UTF-16 BOM, odd length", write("odd16.txt", b"\xff\xfe" + "Troops sent".encode("utf-16-le") + b"\x00\xd8")),
        case("0-byte .json", write("empty.json", b"")),
        case("JSON nested 1,000 deep", write("deep.json", deep1k), expect_count=None),
        case("JSON nested 100,000 deep", write("deeper.json", deep100k), expect_count=None),
        case("JSON Lines with a bad line and a list line", write("mixed.jsonl", b'{"text": "Troops were sent."}\n[1,2\n"just a string"\n'), expect_count=3),
        case("file above --max-bytes", write("big.txt", article * 20), extra_args=("--max-bytes", "10000")),
        case("dangling symlink in the folder", dangling),
        case("dangling symlink given as PATH", dangling, direct=lambda f: [f / "good1.txt", f / "dangling.txt"]),
        case("FIFO given as PATH", fifo, direct=lambda f: [f / "good1.txt", f / "pipe.txt"]),
        case("file name with a newline", write("new\nline.txt", article), expect_count=3),
        case("file name with ESC", write("esc\x1b[31mred.txt", article), expect_count=3),
        case("file name with non-UTF-8 bytes", write(b"caf\xe9-\xff.txt", article), expect_count=3),
        case("latin-1 'Café' text", write("cafe.txt", cafe_text.encode("latin-1")), check=cafe_check,
             expect_count=3),
        case("malformed front matter", write("fm.md", b"---\ntitle: [unclosed\n---\nTroops were sent to Baghdad.\n"), expect_count=3),
    ]
    if quick:
        keep = {"empty file", "binary file (random bytes)", "JSON nested 1,000 deep",
                "file name with non-UTF-8 bytes", "latin-1 'Café' text"}
        cases = [c for c in cases if c[0] in keep]
    return cases


# --------------------------------------------------------------------------- 3. queries


def query_cases(quick: bool) -> list[tuple[str, Callable[[Ctx], Outcome]]]:
    cat = "3 queries"
    queries = [
        ("unbalanced quote", '"Quds Force'),
        ("lone quote", '"'),
        ("unbalanced open paren", "(Iran AND troops"),
        ("unbalanced close paren", "Iran) OR ("),
        ("'field:' alone", "title:"),
        ("'title:(' alone", "title:("),
        ("unknown field", "nosuchfield:troops"),
        ("10 KB query of words", ("troops Iran Baghdad " * 600)[:10_000]),
        ("10 KB query of ORed prefixes", ("re* OR " * 1500)[:10_000]),
        ("10 KB single term", "x" * 10_000),
        ("'*' alone", "*"),
        ("'*?*?*?*' wildcards", "*?*?*?*"),
        ("control characters", "troops\x01\x02\x7f\x1b[2J\x9b"),
        ("'AND' alone", "AND"),
        ("'NOT' alone", "NOT"),
        ("'OR OR OR'", "OR OR OR"),
        ("'~' alone", "~"),
        ("fuzzy distance 99", "troops~99"),
        ("empty phrase", '""'),
        ("open range", "published:[2014 TO"),
        ("huge boost", "troops^99999999999999999999"),
        ("backslash", "\\"),
        ("empty query", ""),
        ("whitespace query", "   "),
        ("query starting with '-'", "-troops"),
    ]
    if quick:
        keep = {"unbalanced quote", "'field:' alone", "unknown field", "10 KB query of words",
                "control characters"}
        queries = [q for q in queries if q[0] in keep]

    def make(name: str, query: str):
        def fn(ctx: Ctx) -> Outcome:
            corpus = copy_corpus(ctx.path("seeds"), sorted(SEEDS.glob("*")))
            run = ctx.run("search", corpus, query, timeout=QUERY_LIMIT_S * 2)
            problems = basic_problems(run, codes=(0, 1, 2))
            if not run.timed_out and run.seconds > QUERY_LIMIT_S:
                problems.append(f"{run.seconds:.1f} s (limit {QUERY_LIMIT_S:.0f} s)")
            return verdict(cat, name, problems, seconds=run.seconds,
                           note=f"exit {run.rc}, {run.seconds:.2f} s")
        return name, fn

    return [make(n, q) for n, q in queries]


# --------------------------------------------------------------------------- 4. yaml


BILLION_LAUGHS = """newsdiff: '1.1'
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
annotations: *i
"""

APP_READER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from tui.engine import read_notes\n"
    "notes = read_notes(Path(sys.argv[1]))\n"
    "print(len(notes.annotations))\n"
    "if notes.error:\n"
    "    print('newsdiff: warning: ' + notes.error, file=sys.stderr)\n"
)


def yaml_cases(quick: bool) -> list[tuple[str, Callable[[Ctx], Outcome]]]:
    cat = "4 yaml"
    rng = random.Random(11)
    attacks: list[tuple[str, bytes]] = [
        ("alias bomb (billion laughs)", BILLION_LAUGHS.encode()),
        ("!!python/object/apply:os.system",
         b"newsdiff: '1.1'\nannotations: !!python/object/apply:os.system ['touch PWNED']\n"),
        ("malformed YAML", b"newsdiff: '1.1'\nannotations: [unclosed\n  - : : {\n"),
        ("newsdiff: 99", b"newsdiff: 99\nannotations: []\n"),
        ("binary", bytes(rng.randrange(256) for _ in range(4096))),
        ("nested 10,000 deep", b"newsdiff: '1.1'\nannotations: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
        ("a note with a bad selector", b"newsdiff: '1.1'\nannotations:\n- id: n1\n  target: {type: text, selector: 7}\n"),
    ]
    if quick:
        attacks = [a for a in attacks if a[0] in ("alias bomb (billion laughs)", "!!python/object/apply:os.system",
                                                  "newsdiff: 99")]
    cases = []

    def via_compare(name: str, data: bytes):
        def fn(ctx: Ctx) -> Outcome:
            corpus = copy_corpus(ctx.path("seeds"), sorted(SEEDS.glob("*")))
            target = ctx.path("newsdiff.yaml")
            target.write_bytes(data)
            run = ctx.run("compare", corpus, "-o", target, timeout=YAML_LIMIT_S * 4)
            problems = basic_problems(run)
            if not run.timed_out and run.seconds > YAML_LIMIT_S:
                problems.append(f"{run.seconds:.1f} s (limit {YAML_LIMIT_S:.0f} s)")
            after = target.read_bytes() if target.exists() else None
            if after != data:
                problems.append("an unreadable comparison file was overwritten (no --force)"
                                if after is not None else "the comparison file was deleted")
            if ctx.path("PWNED").exists() or (REPO / "PWNED").exists():
                problems.append("os.system ran: PWNED was created")
            return verdict(cat, f"compare -o: {name}", problems, seconds=run.seconds,
                           note=f"{run.seconds:.2f} s")
        return f"compare -o: {name}", fn

    def via_app(name: str, data: bytes):
        def fn(ctx: Ctx) -> Outcome:
            target = ctx.path("newsdiff.yaml")
            target.write_bytes(data)
            run = ctx.run("-c", APP_READER, target, timeout=YAML_LIMIT_S * 4, python=True, cwd=REPO)
            problems = basic_problems(run, codes=(0,))
            if not run.timed_out and run.seconds > YAML_LIMIT_S:
                problems.append(f"{run.seconds:.1f} s (limit {YAML_LIMIT_S:.0f} s)")
            if target.read_bytes() != data:
                problems.append("reading changed the file")
            if ctx.path("PWNED").exists() or (REPO / "PWNED").exists():
                problems.append("os.system ran: PWNED was created")
            return verdict(cat, f"app reader: {name}", problems, seconds=run.seconds,
                           note=f"{run.seconds:.2f} s")
        return f"app reader: {name}", fn

    for name, data in attacks:
        cases.append(via_compare(name, data))
        cases.append(via_app(name, data))

    def force(ctx: Ctx) -> Outcome:
        corpus = copy_corpus(ctx.path("seeds"), sorted(SEEDS.glob("*")))
        target = ctx.path("newsdiff.yaml")
        target.write_bytes(b"newsdiff: '1.1'\nannotations: [unclosed\n")
        run = ctx.run("compare", corpus, "-o", target, "--force", timeout=YAML_LIMIT_S * 4)
        problems = basic_problems(run, codes=(0,))
        try:
            data = yaml.load(target.read_bytes(), Loader=_LOADER)
            if not (isinstance(data, dict) and len(data.get("articles") or []) == 4):
                problems.append("--force did not replace the file with a full comparison")
        except yaml.YAMLError:
            problems.append("--force did not replace the unreadable file")
        return verdict(cat, "compare -o --force replaces an unreadable file", problems)

    def notes_kept(ctx: Ctx) -> Outcome:
        corpus = copy_corpus(ctx.path("seeds"), sorted(SEEDS.glob("*")))
        target = ctx.path("newsdiff.yaml")
        first = ctx.run("compare", corpus, "-o", target, timeout=60)
        problems = basic_problems(first, codes=(0,))
        if not problems:
            _add_note(target)
            run = ctx.run("compare", corpus, "-o", target, timeout=60)
            problems = basic_problems(run, codes=(0,))
            data = yaml.load(target.read_bytes(), Loader=_LOADER)
            notes = [a for a in (data.get("annotations") or []) if a.get("id") == "faults-note-1"]
            if not notes:
                problems.append("compare -o over a file with a note dropped the note")
        return verdict(cat, "compare -o over a file with a note keeps the note", problems)

    def front_matter_bomb(ctx: Ctx) -> Outcome:
        folder = ctx.path("corpus")
        write_good(folder)
        fm = BILLION_LAUGHS.replace("newsdiff: '1.1'\n", "").replace("annotations: *i", "title: *i\nsource: *i")
        (folder / "bomb.md").write_text("---\n" + fm + "---\nTroops were sent to Baghdad.\n", encoding="utf-8")
        run = ctx.run("compare", folder, timeout=YAML_LIMIT_S * 4)
        problems = basic_problems(run)
        if not run.timed_out and run.seconds > YAML_LIMIT_S:
            problems.append(f"{run.seconds:.1f} s (limit {YAML_LIMIT_S:.0f} s)")
        if run.rss_mb > RSS_LIMIT_MB:
            problems.append(f"peak RSS {run.rss_mb:.0f} MB")
        return verdict(cat, "alias bomb in an article's front matter", problems, seconds=run.seconds,
                       note=f"{run.seconds:.2f} s")

    cases += [("compare -o --force", force), ("notes kept", notes_kept)]
    if not quick:
        cases.append(("front matter bomb", front_matter_bomb))
    return cases


def _add_note(path: Path) -> bytes:
    """Add one note (on the first shared entity, else the first article's text) to a
    comparison file; returns the new bytes."""
    data = yaml.load(path.read_bytes(), Loader=_LOADER)
    note = {
        "id": "faults-note-1", "created": "2024-01-01T00:00:00Z", "tag": "verified",
        "note": "checked by bench/faults.py", "orphaned": False,
    }
    if data.get("entities"):
        note["target"] = {"type": "entity", "id": data["entities"][0]["id"]}
    else:
        a = data["articles"][0]
        note["target"] = {"type": "text", "article": a["id"], "sha256": a["sha256"], "selector": [
            {"type": "TextPositionSelector", "start": 0, "end": 5}]}
    data.setdefault("annotations", []).append(note)
    raw = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000).encode()
    path.write_bytes(raw)
    return raw


# --------------------------------------------------------------------------- 5. terminal


PAYLOAD = "\x1b]52;c;SGVsbG8=\x07\x1b[2J\x1b[31m\u009b31m\u202e\u200b"
PAYLOAD_NAME = "\x1b]52;c;SGVsbG8=\x07\x1b[31m\u009b31m\u202e\u200b"  # no '/' in a file name


def leaks(run: Run) -> set[str]:
    """Which kinds of terminal control appear in a run's stdout or stderr."""
    found = set()
    for data in (run.out, run.err):
        if b"\x1b" in data:
            found.add("ESC")
        text = data.decode("utf-8", "surrogateescape")
        for ch in text:
            o = ord(ch)
            if 0x80 <= o <= 0x9F or 0xDC80 <= o <= 0xDC9F:
                found.add("C1")
            elif o in _BIDI:
                found.add("bidi")
            elif o in _ZERO_WIDTH:
                found.add("zero-width")
    return found


def terminal_cases(quick: bool) -> list[tuple[str, Callable[[Ctx], Outcome]]]:
    cat = "5 terminal"
    texts = dev_texts()
    body = next(t for t in texts if "police" in t.lower())

    def corpus_with(ctx: Ctx, field_name: str) -> tuple[Path, str]:
        """A corpus whose ``field_name`` carries the payload; returns (folder, marker)."""
        folder_name = "corpus" + (PAYLOAD_NAME if field_name == "folder name" else "")
        folder = ctx.path(folder_name)
        write_good(folder)
        marker = "MARKQ"
        name = "evil.txt"
        text = body
        if field_name == "file name":
            name = f"{marker}{PAYLOAD_NAME}.txt"
        elif field_name == "title (front matter)":
            text = f"---\ntitle: \"{marker}{_yaml_escape(PAYLOAD)}\"\n---\n" + body
        elif field_name == "source (front matter)":
            text = f"---\nsource: \"{marker}{_yaml_escape(PAYLOAD)}\"\n---\n" + body
        elif field_name == "headline in the text":
            text = f"{marker}{PAYLOAD} Police Officers Report\n\n" + body
        elif field_name == "warning (skipped file's name)":
            (folder / f"{marker}{PAYLOAD_NAME}.txt").write_bytes(b"")
        elif field_name == "folder name":
            marker = "corpus"
        (folder / name).write_text(text, encoding="utf-8")
        return folder, marker

    fields_commands = {
        "file name": ["events", "compare", "search", "search --json"],
        "folder name": ["compare", "index", "search --json"],
        "title (front matter)": ["events", "compare", "search", "search --json"],
        "source (front matter)": ["compare"],
        "headline in the text": ["events", "compare", "search"],
        "warning (skipped file's name)": ["events", "compare", "search", "index"],
    }
    if quick:
        fields_commands = {"file name": ["events"], "title (front matter)": ["compare"],
                           "warning (skipped file's name)": ["index"]}

    def make(field_name: str, command: str):
        def fn(ctx: Ctx) -> Outcome:
            folder, marker = corpus_with(ctx, field_name)
            argv = command.split()
            if argv[0] == "search":
                argv = ["search", folder, "police"] + argv[1:]
            else:
                argv = argv + [folder]
            run = ctx.run(*argv, timeout=60)
            return _terminal_verdict(cat, f"{field_name} -> {command}", run, marker)
        return f"{field_name} -> {command}", fn

    cases = [make(f, c) for f, cmds in fields_commands.items() for c in cmds]

    def query_case(name: str, query: str, json_out: bool, marker: str):
        def fn(ctx: Ctx) -> Outcome:
            folder = ctx.path("corpus")
            write_good(folder)
            run = ctx.run("search", folder, query, *(["--json"] if json_out else []), timeout=60)
            return _terminal_verdict(cat, name, run, marker, need_marker=not json_out)
        return name, fn

    cases.append(query_case("unknown field name -> search", "MARKQ" + PAYLOAD + ":troops", False, "MARKQ"))
    if not quick:
        cases.append(query_case("query with no hits -> search", "zzqqxMARKQ" + PAYLOAD, False, "zzqqxMARKQ"))
        cases.append(query_case("query with no hits -> search --json", "zzqqxMARKQ" + PAYLOAD, True, "zzqqx"))
        cases.append(query_case("matching query -> search", "police" + PAYLOAD, False, "police"))
    return cases


def _yaml_escape(s: str) -> str:
    """``s`` inside a double-quoted YAML scalar (controls as \\x / \\u escapes)."""
    out = []
    for ch in s:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o < 0xA0 or o in _BIDI or o in _ZERO_WIDTH:
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        elif ch in '"\\':
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _terminal_verdict(cat: str, name: str, run: Run, marker: str, need_marker: bool = True) -> Outcome:
    found = leaks(run)
    problems = [] if not run.traceback() else [run.traceback()]
    if run.timed_out:
        problems.append("killed: hung")
    bad = sorted(found - {"zero-width"})
    if bad:
        where = "stdout" if any(k in leaks(Run([], 0, run.out, b"", 0, 0)) for k in bad) else "stderr"
        problems.append(f"{', '.join(bad)} reached {where}")
    if need_marker and not bad and not problems and marker not in run.stdout + run.stderr:
        problems.append(f"the field was not printed (marker {marker!r} missing), exit {run.rc}")
    note = "zero-width kept" if "zero-width" in found else ""
    return verdict(cat, name, problems, note=note, kinds=set(bad))


# --------------------------------------------------------------------------- 6. index


WORD = "police"
COMPOUND = "police OR fire*"


def _index_dir_from(run: Run) -> Path | None:
    m = re.search(r"^index: (.+)$", run.stdout, re.MULTILINE)
    return Path(m.group(1)) if m else None


def _counts(ctx: Ctx, corpus: Path, index: Path | None = None, readonly: bool = False,
            env: dict | None = None, queries: tuple[str, ...] = (WORD, COMPOUND)
            ) -> tuple[dict[str, int | None], list[str]]:
    """Hit counts of each query (``search --json --limit 0``) and any problems."""
    counts, problems, said = {}, [], ""
    for q in queries:
        extra = ["--index", index] if index else []
        run = ctx.run("search", corpus, q, "--json", "--limit", "0", *extra, timeout=120,
                      readonly=readonly, env=env)
        problems += [f"search {q!r}: {p}" for p in basic_problems(run, codes=(0, 1, 2))]
        counts[q] = hit_count(run) if not run.traceback() else None
        said = said or run.first_err_line().replace(str(ctx.dir), "<case>")
        if counts[q] is None and not run.traceback() and not run.timed_out:
            problems.append(f"search {q!r}: exit {run.rc}: {run.first_err_line()}")
    counts["_said"] = said
    return counts, problems


def _compare_counts(got: dict, want: dict, said: str = "") -> list[str]:
    """Mismatched hit counts; ``said`` is what newsdiff printed on stderr about it."""
    out = []
    said = said or got.get("_said", "")
    for q, n in want.items():
        if q == "_said":
            continue
        if got.get(q) is not None and got[q] != n:
            fewer = " (fewer" + (f", after: {said[:110]})" if said else ", silently)") if got[q] < n else ""
            out.append(f"search {q!r}: {got[q]} hits, a fresh index gives {n}{fewer}")
    return out


def _change_corpus(corpus: Path) -> None:
    """Add an article that matches both queries and edit another (a write is now needed)."""
    (corpus / "zz-new-police-report.txt").write_text(
        "Police report fire near the station\n\nPolice said a fire broke out on Tuesday.\n",
        encoding="utf-8")
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nPolice added more details later.\n",
                     encoding="utf-8")


def index_cases(quick: bool) -> list[tuple[str, Callable[[Ctx], Outcome]]]:
    cat = "6 index"
    nfiles = 12 if quick else 30
    queries = (WORD,) if quick else (WORD, COMPOUND)

    def make(name: str, damage: Callable[[Ctx, Path, Path], dict], change: bool = False,
             clear_error_ok: bool = False, stale_ok: bool = False):
        """``clear_error_ok``: a one-line ``newsdiff: error:`` (exit 2) also passes, as the
        README documents for a writer that waits too long for the lock. ``stale_ok``: the
        previous index's hits pass when newsdiff said on stderr that they may be stale (an
        update that cannot be written: the README's documented behaviour); silently fewer
        hits never pass."""
        def fn(ctx: Ctx) -> Outcome:
            corpus = copy_corpus(ctx.path("corpus"), mixed_files(nfiles))
            built = ctx.run("index", corpus, timeout=120)
            problems = basic_problems(built, codes=(0,))
            index = _index_dir_from(built)
            if problems or index is None or not index.is_dir():
                return verdict(cat, name, problems or [f"could not find the index folder: {built.stdout!r}"])
            if change:
                _change_corpus(corpus)
            fresh, fresh_problems = _counts(ctx, corpus, index=ctx.path("fresh-index"), queries=queries)
            if fresh_problems or None in fresh.values() or not fresh[WORD]:
                return verdict(cat, name, ["harness: fresh index: " + ("; ".join(fresh_problems) or f"{fresh}")])
            opts = damage(ctx, corpus, index) or {}
            cleanup = opts.pop("cleanup", None)
            try:
                got, problems = _counts(ctx, corpus, queries=queries, **opts)
            finally:
                _restore_modes(index)
                if cleanup:
                    cleanup()
            mismatches = _compare_counts(got, fresh)
            note = f"{got.get(WORD)}/{fresh[WORD]} hits"
            if stale_ok and mismatches and "may be stale" in got.get("_said", ""):
                mismatches, note = [], f"{note}, said stale: " + got["_said"][:60]
            problems += mismatches
            if clear_error_ok and problems and all(
                    re.search(r": exit 2: newsdiff: error: .+", p) and "traceback" not in p for p in problems):
                said = problems[0].split("newsdiff: error: ", 1)[1].replace(str(ctx.dir), "<case>")
                problems, note = [], "clear error (documented): " + said[:70]
            return verdict(cat, name, problems, note=note)
        return name, fn

    def segs(index: Path) -> list[Path]:
        return sorted(index.glob("MAIN_*.seg"))

    def truncate(ctx, corpus, index):
        for seg in segs(index):
            with open(seg, "r+b") as fh:
                fh.truncate(seg.stat().st_size // 2)

    def overwrite(at: float):
        def damage(ctx, corpus, index):
            for seg in segs(index):
                size = seg.stat().st_size
                with open(seg, "r+b") as fh:
                    fh.seek(int(size * at))
                    fh.write(bytes(random.Random(int(at * 100)).randrange(256) for _ in range(256)))
        return damage

    def delete_toc(ctx, corpus, index):
        for toc in index.glob("_MAIN_*.toc"):
            toc.unlink()

    def empty_toc(ctx, corpus, index):
        for toc in index.glob("_MAIN_*.toc"):
            toc.write_bytes(b"")

    def garbage_newer_toc(ctx, corpus, index):
        (index / "_MAIN_99.toc").write_bytes(os.urandom(2048))

    def delete_segment(ctx, corpus, index):
        for seg in segs(index):
            seg.unlink()

    def stale_lock(ctx, corpus, index):
        (index / "MAIN_WRITELOCK").write_text("12345\n")
        (index / "MAIN.tmp").mkdir(exist_ok=True)
        (index / "MAIN.tmp" / "junk.tmp").write_bytes(os.urandom(1000))

    def readonly(ctx, corpus, index):
        for p in [index, *index.iterdir()]:
            mode = p.stat().st_mode
            p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        return {"readonly": True}

    def held_lock(ctx, corpus, index):
        code = ("import sys, time\nfrom whoosh.filedb.filestore import FileStorage\n"
                "lock = FileStorage(sys.argv[1]).lock('MAIN_WRITELOCK')\n"
                "assert lock.acquire(blocking=False)\nprint('held', flush=True)\ntime.sleep(120)\n")
        holder = subprocess.Popen([sys.executable, "-c", code, str(index)], stdout=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
        holder.stdout.readline()

        def cleanup():
            os.killpg(holder.pid, signal.SIGKILL)
            holder.wait()
        return {"env": {"NEWSDIFF_LOCK_TIMEOUT": "1"}, "cleanup": cleanup}

    cases = [
        make("truncate the segment to half", truncate),
        make("delete the TOC", delete_toc),
        make("read-only index folder, corpus changed", readonly, change=True, stale_ok=True),
    ]
    if not quick:
        cases += [
            make("overwrite 256 bytes at 50% of the segment", overwrite(0.5)),
            make("stale lock file (+ MAIN.tmp), corpus changed", stale_lock, change=True),
            make("overwrite 256 bytes at 10% of the segment", overwrite(0.1)),
            make("overwrite 256 bytes at 90% of the segment", overwrite(0.9)),
            make("TOC emptied to 0 bytes", empty_toc),
            make("garbage newer TOC _MAIN_99.toc", garbage_newer_toc),
            make("segment deleted, TOC kept", delete_segment),
            make("write lock held by a hung process, corpus changed", held_lock, change=True,
                 clear_error_ok=True),
        ]
    return cases


def _restore_modes(folder: Path) -> None:
    for p in [folder, *(folder.rglob("*") if folder.is_dir() else [])]:
        try:
            p.chmod(p.stat().st_mode | stat.S_IWUSR | (stat.S_IXUSR if p.is_dir() else 0))
        except OSError:
            pass


# --------------------------------------------------------------------------- 7. kill


def _index_leftovers(index: Path) -> list[str]:
    """Files in an index folder that no index generation uses: temp folders and files,
    TOC temp files, segments the latest TOC does not list, older TOCs."""
    if not index.is_dir():
        return []
    names = {p.name for p in index.iterdir()}
    left = sorted(n for n in names if n.endswith(".tmp") or re.fullmatch(r"_MAIN_\d+\.toc\..+", n))
    try:
        from whoosh import index as whoosh_index

        ix = whoosh_index.open_dir(str(index), indexname="MAIN")
        segids = {s.segid for s in ix._segments()}
        gen = ix.latest_generation()
        ix.close()
    except Exception as exc:  # an unreadable index shows up in the search counts
        return left + [f"(unreadable: {type(exc).__name__})"]
    for n in names:
        m = re.fullmatch(r"MAIN_([a-z0-9]+)\.\w+", n)
        if m and m.group(1) not in segids and n != "MAIN_WRITELOCK":
            left.append(n)
        t = re.fullmatch(r"_MAIN_(\d+)\.toc", n)
        if t and int(t.group(1)) != gen:
            left.append(n)
    return sorted(set(left))


def _kill_when(ctx: Ctx, args: list, when: "float | Callable[[], bool]", limit: float = 30.0) -> tuple[Run, str]:
    """Start newsdiff, SIGKILL it ``when`` seconds after start (or as soon as ``when()`` is
    true); returns the run and where the kill landed."""
    started = time.perf_counter()
    proc, out, err, argv = ctx.popen(args, measure=False)
    landed = "finished before the kill"
    if isinstance(when, float):
        time.sleep(when)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            landed = f"killed at {when:.2f} s"
    else:
        while proc.poll() is None and time.perf_counter() - started < limit:
            if when():
                os.killpg(proc.pid, signal.SIGKILL)
                landed = f"killed at {time.perf_counter() - started:.2f} s"
                break
            time.sleep(0.0005)
    if proc.returncode is not None:  # poll() reaped it: no rusage to read any more
        out.seek(0)
        err.seek(0)
        run = Run(argv, proc.returncode, out.read(), err.read(), time.perf_counter() - started, 0.0)
        out.close()
        err.close()
        return run, landed
    return ctx.finish(proc, out, err, argv, started, timeout=60), landed


def kill_cases(quick: bool) -> list[tuple[str, Callable[[Ctx], Outcome]]]:
    cat = "7 kill"
    nfiles = 20 if quick else len(dev_files())
    ncompare = 12 if quick else 60
    queries = (WORD,) if quick else (WORD, COMPOUND)

    def index_case(label: str, when_factory):
        name = f"kill -9 during index build: {label}"

        def fn(ctx: Ctx) -> Outcome:
            corpus = copy_corpus(ctx.path("corpus"), mixed_files(nfiles))
            fresh, fresh_problems = _counts(ctx, corpus, index=ctx.path("fresh-index"), queries=queries)
            if fresh_problems or not fresh[WORD]:
                return verdict(cat, name, ["harness: fresh index: " + ("; ".join(fresh_problems) or f"{fresh}")])
            index = Path(ctx.env["XDG_CACHE_HOME"]) / "newsdiff" / "indexes"
            killed, landed = _kill_when(ctx, ["index", corpus], when_factory(index))
            problems = []
            tb = killed.traceback()
            if tb:
                problems.append(f"killed run: {tb}")
            nxt = ctx.run("index", corpus, timeout=120)
            problems += [f"next index run: {p}" for p in basic_problems(nxt, codes=(0,))]
            total = re.search(r"total (\d+) articles", nxt.stdout)
            if nxt.rc == 0 and (not total or int(total.group(1)) != nfiles):
                problems.append(f"next index run: {total.group(0) if total else nxt.stdout.strip()!r}, "
                                f"expected total {nfiles} articles")
            got, search_problems = _counts(ctx, corpus, queries=queries)
            problems += search_problems + _compare_counts(got, fresh)
            folder = _index_dir_from(nxt)
            if folder:
                left = _index_leftovers(folder)
                if left:
                    problems.append(f"left in the index folder after the next run: {left}")
            tmp_left = sorted(p.name for p in Path(ctx.env["TMPDIR"]).iterdir())
            if tmp_left:
                problems.append(f"left in TMPDIR: {tmp_left[:5]}")
            note = f"{landed}; {got.get(WORD)}/{fresh[WORD]} hits" + ("; " + printable(nxt.first_err_line(), 60) if nxt.first_err_line() else "")
            return verdict(cat, name, problems, note=note)
        return name, fn

    def after(seconds: float):
        return lambda index: seconds

    def when_exists(pattern: str):
        def factory(index_root: Path):
            def check() -> bool:
                try:
                    return any(d.glob(pattern) for d in index_root.iterdir())
                except OSError:
                    return False
            return lambda: check() and True
        return factory

    cases = [index_case(f"{s:.2f} s after start", after(s)) for s in ((0.5,) if quick else (0.05, 0.2, 0.5))]
    if not quick:
        cases += [
            index_case("as the writer's MAIN.tmp appears", when_exists("MAIN.tmp")),
            index_case("as the first segment file appears", when_exists("MAIN_*.*")),
            index_case("as the compound .seg appears (commit)", when_exists("MAIN_*.seg")),
        ]

    def compare_case(label: str, when_factory):
        name = f"kill -9 during compare -o onto a file with notes: {label}"

        def fn(ctx: Ctx) -> Outcome:
            corpus = copy_corpus(ctx.path("corpus"), mixed_files(ncompare))
            out_dir = ctx.path("out")
            out_dir.mkdir()
            target = out_dir / "notes.yaml"
            first = ctx.run("compare", corpus, "--all", "-o", target, timeout=120)
            if first.rc != 0:
                return verdict(cat, name, [f"setup compare -o: exit {first.rc}: {first.first_err_line()}"])
            old = _add_note(target)
            reference = ctx.run("compare", corpus, "--all", timeout=120)
            ref = _summary(reference.out)
            killed, landed = _kill_when(ctx, ["compare", corpus, "--all", "-o", target], when_factory(out_dir))
            problems = []
            now = target.read_bytes() if target.exists() else None
            if now is None:
                problems.append("after the kill the output file is gone")
            elif now != old:
                s = _summary(now)
                if s is None or s != ref:
                    problems.append("after the kill the output file is neither the old one nor a whole new one")
            nxt = ctx.run("compare", corpus, "--all", "-o", target, timeout=120)
            problems += [f"next run: {p}" for p in basic_problems(nxt, codes=(0,))]
            if nxt.rc == 0 and _summary(target.read_bytes()) != ref:
                problems.append("next run: the written comparison differs from a clean run's")
            left = sorted(p.name for p in out_dir.iterdir() if p.name != target.name)
            if left:
                problems.append(f"left beside the output after the next run: {left}")
            return verdict(cat, name, problems, note=landed)
        return name, fn

    def temp_appears(folder: Path):
        return lambda: any(p.name.startswith(".notes.yaml.") for p in folder.iterdir())

    if not quick:
        cases += [compare_case(f"{s:.2f} s after start", after(s)) for s in (0.05, 0.2, 0.5)]
    cases.append(compare_case("as the temp file appears", lambda d: temp_appears(d)))
    return cases


def _summary(raw: bytes | None):
    """What must match between two comparisons of one corpus: articles, entities, claims."""
    if raw is None:
        return None
    try:
        data = yaml.load(raw, Loader=_LOADER)
        return (
            [(a["id"], a["sha256"]) for a in data["articles"]],
            [e["id"] for e in data["entities"]],
            [(c["id"], c["verdict"]) for c in data["figures"]],
        )
    except Exception:
        return None


# --------------------------------------------------------------------------- the campaign


CATEGORIES = [
    ("texts", "1 texts"),
    ("inputs", "2 inputs"),
    ("queries", "3 queries"),
    ("yaml", "4 yaml"),
    ("terminal", "5 terminal"),
    ("index", "6 index"),
    ("kill", "7 kill"),
]


def _progress(outcome: Outcome, seconds: float) -> None:
    mark = "ok  " if outcome.passed else "FAIL"
    note = f"; {printable(outcome.note, 90)}" if outcome.note else ""
    print(f"  {mark} {outcome.category}: {printable(outcome.name, 90)} ({seconds:.1f} s{note})",
          file=sys.stderr, flush=True)


def _guarded(category: str, name: str, fn: Callable[[Ctx], Outcome], root: Path) -> Outcome:
    t0 = time.perf_counter()
    try:
        ctx = Ctx(root, name)
        outcome = fn(ctx)
        # paths inside the case's folder are shown relative to it
        outcome.reason = outcome.reason.replace(str(ctx.dir), "<case>")
        outcome.note = outcome.note.replace(str(ctx.dir), "<case>")
    except Exception as exc:  # a fault of this script must show, not stop the campaign
        outcome = Outcome(category, name, False, f"harness error: {type(exc).__name__}: {exc}")
    _progress(outcome, time.perf_counter() - t0)
    return outcome


def run_campaign(selected: list[str], quick: bool, jobs: int, root: Path) -> list[Outcome]:
    outcomes: list[Outcome] = []
    builders = {"inputs": input_cases, "queries": query_cases, "yaml": yaml_cases,
                "terminal": terminal_cases, "index": index_cases}
    labels = dict(CATEGORIES)
    sequential: list[tuple[str, str, Callable]] = []  # timed: one at a time (default mode)
    if "texts" in selected:
        base = Baselines(root, quick)
        for tc in text_cases(quick):
            sequential.append(("1 texts", f"{tc.family}: {tc.name}",
                               lambda ctx, tc=tc: run_text_case(root, base, tc, quick)))
    parallel = [(labels[k], name, fn) for k in selected if k in builders for name, fn in builders[k](quick)]
    late = [("7 kill", name, fn) for name, fn in kill_cases(quick)] if "kill" in selected else []
    if quick:  # everything is small: run it all side by side
        parallel, sequential, late = sequential + parallel + late, [], []
    for cat, name, fn in sequential:
        outcomes.append(_guarded(cat, name, fn, root))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(_guarded, cat, name, fn, root) for cat, name, fn in parallel]
        outcomes += [f.result() for f in futures]
    for cat, name, fn in late:
        outcomes.append(_guarded(cat, name, fn, root))
    order = [c for _, c in CATEGORIES]
    outcomes.sort(key=lambda o: order.index(o.category))  # stable: cases keep their order
    return outcomes


def _worst(cat: str, items: list[Outcome]) -> str:
    if cat == "1 texts":
        ratios = [o for o in items if o.ratio is not None]
        if ratios:
            w = max(ratios, key=lambda o: o.ratio)
            return f"{w.ratio:.1f}x ({w.name.split(': ', 1)[1]})"
    if cat == "5 terminal":
        kinds = sorted(set().union(*(o.kinds for o in items)))
        if kinds:
            return "leaked: " + ", ".join(kinds)
    failed = [o for o in items if not o.passed]
    if failed:
        return printable(failed[0].reason, 60)
    timed = [o for o in items if o.seconds is not None]
    if timed:
        w = max(timed, key=lambda o: o.seconds)
        return f"slowest {w.seconds:.2f} s"
    return "-"


def report(outcomes: list[Outcome], wall: float, quick: bool) -> None:
    rows = []
    for _, cat in CATEGORIES:
        items = [o for o in outcomes if o.category == cat]
        if items:
            rows.append((cat, str(len(items)), str(sum(o.passed for o in items)), _worst(cat, items)))
    total = (str(len(outcomes)), str(sum(o.passed for o in outcomes)))
    rows.append(("all", *total, f"wall time {wall:.0f} s"))
    print(f"fault campaign ({'quick' if quick else 'default'} mode) — newsdiff: {' '.join(NEWSDIFF)}")
    header = ("category", "cases", "passed", "worst (time ratio or note)")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    for r in [header] + rows:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    failed = [o for o in outcomes if not o.passed]
    if failed:
        print(f"\nfailing cases ({len(failed)}):")
        for o in failed:
            print(f"- [{o.category}] {printable(o.name, 100)}: {o.reason}")
    else:
        print("\nno failing cases")


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--quick", action="store_true", help="small sizes only (whole run ≤ 60 s)")
    parser.add_argument("--only", action="append", metavar="CATEGORY",
                        help="run only these categories (name or number; repeat or comma-separate): "
                        + ", ".join(f"{n + 1}={k}" for n, (k, _) in enumerate(CATEGORIES)))
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 2),
                        help="cases run at once in categories 2-6 (default: CPUs, at most 4)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()
    keys = [k for k, _ in CATEGORIES]
    selected = keys
    if args.only:
        selected = []
        for item in ",".join(args.only).split(","):
            item = item.strip().lower()
            if item.isdigit() and 1 <= int(item) <= len(keys):
                item = keys[int(item) - 1]
            if item not in keys:
                parser.error(f"unknown category {item!r} (choose from {', '.join(keys)} or 1-{len(keys)})")
            selected.append(item)
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="newsdiff-faults-"))
    try:
        outcomes = run_campaign(selected, args.quick, args.jobs, root)
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            _restore_modes(root)
            shutil.rmtree(root, ignore_errors=True)
    report(outcomes, time.perf_counter() - started, args.quick)
    return 1 if any(not o.passed for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
