"""Issue 13, "nothing injected": hostile file names, queries and field names never reach
the terminal raw.

Real files with hostile names are created in ``tmp_path`` and the real ``newsdiff``
command runs in a subprocess (``events``, ``compare``, ``search``, ``index``); its stdout
and stderr bytes must hold no ESC, no C1 control (as a byte or as a UTF-8 character), no
bidi control and no zero-width character, must decode as UTF-8, and a newline in a file
name must not start a second ``newsdiff: error:`` line. One Textual test checks the pane
header; unit tests cover :func:`newsdiff.corpus.textsafe.clean_name`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import seed_world_cache
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.corpus.textsafe import clean_field, clean_name, clean_text

pytestmark = pytest.mark.faults

OSC52 = "\x1b]52;c;SU5KRUNURUQ=\x1b\\"  # writes "INJECTED" into the terminal clipboard
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
FORGED = "newsdiff: error: forged"
BODY = "Officials said 12 people were injured in the fire in Madrid on Monday, police said.\n"

#: File names as bytes (the non-UTF-8 one can only be written that way on Linux).
HOSTILE_NAMES: list[bytes] = [
    f"e_{OSC52}.txt".encode(),
    f"nl\n{FORGED}.txt".encode(),
    f"bidi_{BIDI}x.txt".encode(),
    f"zw_{ZERO_WIDTH}x.txt".encode(),
    "c1_\x9b31m\x85.txt".encode(),  # 8-bit CSI and NEL, as UTF-8 characters
    b"caf\xe9.txt",  # not UTF-8: surrogateescape in Python
]

_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")


def _write(folder: Path, name: bytes, data: str | bytes = BODY) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    raw = data.encode() if isinstance(data, str) else data
    with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
        fh.write(raw)


def hostile_corpus(tmp_path: Path) -> Path:
    """A folder of readable articles with hostile names, plus two that are skipped with a
    warning (empty, binary) whose names carry an escape and a forged error line."""
    folder = tmp_path / "corpus"
    for n, name in enumerate(HOSTILE_NAMES):
        _write(folder, name, BODY.replace("12", str(12 + n)))
    _write(folder, f"empty_{OSC52}.txt".encode(), b"")
    _write(folder, f"bin\n{FORGED}.txt".encode(), b"\x00\x01\x02")
    return folder


def newsdiff_cmd() -> list[str]:
    """The installed ``newsdiff`` script beside this Python, else ``python -m newsdiff``."""
    script = Path(sys.executable).with_name("newsdiff")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsdiff"]


def run(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """Run the real command; stdout and stderr are kept as bytes."""
    env = dict(os.environ)
    seed_world_cache(tmp_path / ".cache")
    env.update(XDG_CACHE_HOME=str(tmp_path / ".cache"), XDG_CONFIG_HOME=str(tmp_path / ".config"),
               PYTHONIOENCODING="utf-8", COLUMNS="200")
    argv = [os.fsencode(a) if isinstance(a, Path) else a for a in args]
    return subprocess.run([*newsdiff_cmd(), *argv], cwd=tmp_path, env=env, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def assert_clean(data: bytes) -> str:
    """Nothing a terminal would interpret: no ESC, no C1 (byte or character), no bidi or
    zero-width character, valid UTF-8, no traceback. Returns the decoded text."""
    assert b"\x1b" not in data
    assert not _C1_BYTES.search(data), _C1_BYTES.search(data)
    text = data.decode("utf-8")  # strict: a lone surrogate could not have been written
    bad = [c for c in text if 0x80 <= ord(c) <= 0x9F or c in BIDI or c in ZERO_WIDTH]
    assert not bad, [hex(ord(c)) for c in bad]
    assert "Traceback" not in text
    return text


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("newsdiff: error:")]


def check(proc: subprocess.CompletedProcess[bytes], returncode: int = 0) -> tuple[str, str]:
    out, err = assert_clean(proc.stdout), assert_clean(proc.stderr)
    assert proc.returncode == returncode, err
    assert len(error_lines(out + err)) == (1 if returncode == 2 else 0), err
    return out, err


# --------------------------------------------------------------------------- commands


def test_events_text_and_yaml(tmp_path: Path):
    corpus = hostile_corpus(tmp_path)
    for fmt in ("text", "yaml"):
        out, err = check(run(tmp_path, "events", corpus, "--format", fmt))
        assert "e_\u241b]52;c;SU5KRUNURUQ=\u241b\\" in out  # shown, with ESC as a picture
        assert "caf\ufffd" in out
        assert err.count("newsdiff: warning:") == 2  # the empty and the binary file


def test_compare_yaml(tmp_path: Path):
    corpus = hostile_corpus(tmp_path)
    out, _ = check(run(tmp_path, "compare", corpus))
    assert out.count("sha256:") == len(HOSTILE_NAMES)


def test_index(tmp_path: Path):
    corpus = hostile_corpus(tmp_path)
    out, _ = check(run(tmp_path, "index", corpus))
    assert f"total {len(HOSTILE_NAMES)} articles" in out


def test_search_table_and_json(tmp_path: Path):
    corpus = hostile_corpus(tmp_path)
    out, _ = check(run(tmp_path, "search", corpus, "madrid"))
    assert "caf\ufffd" in out
    out, _ = check(run(tmp_path, "search", corpus, "madrid", "--json"))
    assert len(out.splitlines()) == len(HOSTILE_NAMES)


def test_search_does_not_echo_escapes_from_the_query(tmp_path: Path):
    corpus = hostile_corpus(tmp_path)
    _, err = check(run(tmp_path, "search", corpus, f"zzzqqq{OSC52}{BIDI}"), returncode=1)
    assert "no articles match: zzzqqq\u241b]52" in err
    # an unknown field: the error quotes the field and the whole query
    _, err = check(run(tmp_path, "search", corpus, f"bogus:madrid {OSC52}\u202e"), returncode=2)
    assert "unknown field 'bogus'" in err
    _, err = check(run(tmp_path, "search", corpus, f"x{OSC52}\n{FORGED}:madrid"), returncode=2)


def test_newline_in_a_name_cannot_forge_an_error_line(tmp_path: Path):
    missing = tmp_path / f"nope{OSC52}\n{FORGED}"
    for command in ("events", "compare", "index"):
        _, err = check(run(tmp_path, command, missing), returncode=2)
        assert err.count("\n") == 1 and "no such file or directory" in err
    # a folder whose only files are skipped: warnings, then exactly one error line
    only_bad = tmp_path / "bad"
    _write(only_bad, f"x\n{FORGED}.txt".encode(), b"")
    _, err = check(run(tmp_path, "events", only_bad), returncode=2)
    assert len(err.splitlines()) == 2


def test_argparse_errors_are_cleaned(tmp_path: Path):
    # argparse quotes unknown options as given (an option with a space would be a PATH)
    forged = f"--bad{OSC52}\nnewsdiff:error:forged"
    for args in ([forged], ["events", forged], ["search", "q", forged]):
        proc = run(tmp_path, *args)
        assert proc.returncode == 2 and not assert_clean(proc.stdout)
        lines = assert_clean(proc.stderr).splitlines()
        assert "error: unrecognized arguments: --bad\u241b]52" in lines[-1], lines


def test_non_utf8_file_name_is_no_traceback(tmp_path: Path):
    corpus = tmp_path / "latin"
    _write(corpus, b"caf\xe9.txt")
    _write(corpus, b"caf\xe8.txt", BODY.replace("12", "13"))
    out, _ = check(run(tmp_path, "events", corpus))
    # both names clean to "caf\ufffd": the ids stay unique (folder, then a counter)
    assert "  - latin/caf\ufffd: " in out and "  - latin/caf\ufffd~2: " in out


# --------------------------------------------------------------------------- the app


async def test_pane_header_shows_no_escape_or_bidi(tmp_path: Path):
    from textual.widgets import Static

    from newsdiff.corpus.articles import Article, load_corpus, text_sha256
    from tui.comparison_screen import ComparisonScreen
    from tui.harness import make_app, settle

    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    folder = tmp_path / "corpus"
    _write(folder, f"e_{OSC52}.txt".encode())
    loaded = load_corpus([folder]).articles
    text = BODY.replace("12", "14")
    # built by hand, past the loader: the header must clean what it shows by itself
    raw = Article(id="raw", path=f"/x/{OSC52}{BIDI}.txt", title=f"Fire {BIDI}{OSC52}", text=text,
                  sha256=text_sha256(text), source=f"src{OSC52}\n{BIDI}", published=f"2024{OSC52}")
    app = make_app([*loaded, raw], out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ComparisonScreen)
        headers = [str(h.content) for h in app.screen.query(".pane-header").results(Static)]
        assert len(headers) == 2
        assert any("e_\u241b]52;c;SU5KRUNURUQ=\u241b\\.txt" in h for h in headers)
        for header in headers:
            assert "\x1b" not in header and not any(c in BIDI for c in header), repr(header)
            assert header.count("\n") == 1  # title line, source line
        assert "\x1b]52" not in app.export_screenshot()


# --------------------------------------------------------------------------- clean_name


@pytest.mark.parametrize("raw, cleaned", [
    (f"e_{OSC52}.txt", "e_\u241b]52;c;SU5KRUNURUQ=\u241b\\.txt"),
    (f"a\n{FORGED}", f"a\u240a{FORGED}"),
    ("a\r\nb\tc", "a\u240d\u240ab\u2409c"),
    ("x\u202ey\u2066z\u200fw", "x\ufffdy\ufffdz\ufffdw"),
    ("a\u200bb\u200cc\u200dd\u2060e\ufeff", "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd"),
    ("c1\x9b\x85", "c1\ufffd\ufffd"),
    ("del\x7f", "del\u2421"),
    ("caf\udce9", "caf\ufffd"),
    ("line\u2028para\u2029", "line\ufffdpara\ufffd"),
    ("Gaza \u2014 Kyiv \u0645\u0635\u0631 \u0928\u092e\u0938\u094d\u0924\u0947", None),  # unchanged
])
def test_clean_name_examples(raw: str, cleaned: str | None):
    assert clean_name(raw) == (raw if cleaned is None else cleaned)


def test_clean_name_takes_bytes_and_paths():
    assert clean_name(b"caf\xe9.txt") == "caf\ufffd.txt"
    assert clean_name(Path(os.fsdecode(b"caf\xe9.txt"))) == "caf\ufffd.txt"
    assert clean_name(Path("a") / "b\x1b") == "a/b\u241b"
    assert clean_name(42) == "42"


def test_text_keeps_joiners_but_not_bidi_or_zwsp():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # mi<ZWNJ>khaham
    assert clean_text(persian) == persian and clean_field(persian) == persian
    assert clean_text("a\u200db") == "a\u200db"
    raw = "x\u202ey\u200bz\ufeff\u2066w\udce9"
    assert clean_text(raw) == "x\ufffdy\ufffdz\ufffd\ufffdw\ufffd"
    assert len(clean_text(raw)) == len(raw)


_NAME_BAD = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=80))  # lone surrogates too
def test_clean_name_is_one_safe_line(raw: str):
    name = clean_name(raw)
    assert len(name) == len(raw)
    assert not any(unicodedata.category(c) in _NAME_BAD for c in name)
    assert name.splitlines() == ([name] if name else [])
    name.encode("utf-8")  # never raises
    assert clean_name(name) == name
