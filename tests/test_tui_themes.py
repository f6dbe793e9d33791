"""Theme files: the bundled ones are valid (>= 10 entity colours, styles that parse); a bad
file is skipped with one line; --theme picks one and an unknown name is a one-line error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.corpus.paths import themes_dir
from tui.themes import MIN_PALETTE, ThemeError, load_theme_file, load_themes, parse_theme


def test_bundled_themes_are_complete():
    specs, warnings = load_themes([themes_dir()])
    assert warnings == []
    assert {"dark", "light", "high-contrast"} <= set(specs)
    assert specs["light"].dark is False and specs["dark"].dark is True
    for spec in specs.values():
        assert len(set(c.lower() for c in spec.palette)) >= MIN_PALETTE
        for key in ("conflict", "update", "possible", "agree", "hypothetical", "match"):
            assert spec.styles[key]
        assert spec.source is not None and "possible:" in spec.source.read_text()  # not a default
        theme = spec.textual_theme()
        assert theme.name == spec.name and theme.primary


@pytest.mark.parametrize(
    "body, message",
    [
        ("name: x\ncolors: {primary: '#fff'}\nentity_palette: ['#fff']\n", "at least 10"),
        ("name: x\ncolors: {primary: 'notacolour'}\nentity_palette: []\n", "not a colour"),
        ("name: x\ncolors: {primary: '#fff', sparkle: '#000'}\n", "unknown colour name"),
        ("- just\n- a list\n", "not a mapping"),
        ("name: [unclosed\n", "not valid YAML"),
        ("name: x\ncolors: {primary: '#fff'}\nentity_palette: " + str(["#123456"] * 10) + "\nstyles: {conflict: 'bold wobbly'}\n", "bad style"),
    ],
)
def test_bad_theme_files_are_skipped_with_one_line(tmp_path, body, message):
    (tmp_path / "bad.yaml").write_text(body, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a theme", encoding="utf-8")
    specs, warnings = load_themes([themes_dir(), tmp_path])
    assert "dark" in specs and "x" not in specs
    assert len(warnings) == 1 and message in warnings[0] and "\n" not in warnings[0]
    with pytest.raises(ThemeError):
        load_theme_file(tmp_path / "bad.yaml")


def test_user_theme_overrides_and_adds(tmp_path):
    data = {
        "name": "paper", "dark": False, "colors": {"primary": "#123456", "background": "#ffffff"},
        "entity_palette": [f"#{i:02x}3344" for i in range(10)],
        "styles": {"conflict": "bold white on #880000", "entity": "underline {color}"},
    }
    spec = parse_theme(data, "paper")
    assert spec.entity_style(12) == "underline #023344"  # cycles past the palette
    assert spec.style_for("conflict") == "bold white on #880000"
    assert spec.styles["match"]  # defaults fill what a file leaves out


def _run(args, env_extra=None, cwd=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "newsdiff", *args], capture_output=True, text=True,
                          timeout=60, env=env, cwd=cwd, stdin=subprocess.DEVNULL)


def test_unknown_theme_and_bad_user_theme_from_the_command_line(tmp_path):
    config = tmp_path / "config"
    (config / "newsdiff" / "themes").mkdir(parents=True)
    (config / "newsdiff" / "themes" / "broken.yaml").write_text("name: [", encoding="utf-8")
    result = _run(["--theme", "no-such-theme", "--out", str(tmp_path / "n.yaml")], {"XDG_CONFIG_HOME": str(config)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert any("broken.yaml" in line and "skipped" in line for line in lines)
    assert lines[-1].startswith("newsdiff: error: unknown theme 'no-such-theme'")
    assert "Traceback" not in result.stderr


def test_no_articles_is_a_one_line_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _run([str(empty)])
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("newsdiff: error:")
    assert "Traceback" not in result.stderr


@pytest.mark.faults
def test_a_theme_with_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    import time

    levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    levels += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    (tmp_path / "bomb.yaml").write_text("name: bomb\n" + "\n".join(levels) + "\n")
    started = time.monotonic()
    specs, warnings = load_themes([tmp_path])
    assert time.monotonic() - started < 2
    assert "bomb" not in specs and len(warnings) == 1 and "alias" in warnings[0]
