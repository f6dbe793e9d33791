"""Colour themes from YAML: each file defines a Textual theme (primary, background, ...),
the entity palette (at least 10 colours) and the highlight styles: one per claim verdict
(conflict, update, possible, agree), hypothetical values, search matches, notes, focus.
A file may leave any style out (an older theme without ``possible`` / ``update`` /
``hypothetical`` still loads): the defaults here fill it in.

Bundled themes live in ``themes/``; user themes in ``user_themes_dir()`` (a user file with
the same name replaces the bundled one). A bad file is reported in one line and skipped.
Files are read with ``yaml.safe_load`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml
from rich.style import Style as RichStyle

DEFAULT_THEME = "dark"
MIN_PALETTE = 10
COLOR_FIELDS = (
    "primary", "secondary", "accent", "warning", "error", "success",
    "foreground", "background", "surface", "panel", "boost",
)
STYLE_FIELDS = ("conflict", "update", "possible", "agree", "hypothetical", "match", "focus", "entity",
                "entity_quiet", "note")
DEFAULT_STYLES = {
    "conflict": "bold white on #b00020",
    # Readable on dark and light backgrounds alike (for a user theme that lacks them):
    "update": "bold black on #56b4e9",  # values that changed over time (Okabe-Ito sky blue)
    "possible": "italic #8a8a8a",  # a weak match: calm grey, never the conflict colour
    "agree": "bold black on #7fbf7f",
    "hypothetical": "italic #9467bd",  # "could amount to 10,000": a figure nobody states as fact
    "match": "bold black on #ffd700",
    "focus": "reverse",
    "note": "underline",  # text that carries a note
    "entity": "bold {color}",  # {color} is replaced by the entity's palette colour
    # shared entities past the ten that matter most: one style for all, no colour
    "entity_quiet": "bold",
}
FALLBACK_DARK_PALETTE = [
    "#5fafff", "#ffaf5f", "#87d75f", "#ff87d7", "#d7d75f",
    "#5fd7d7", "#af87ff", "#ff8787", "#87afaf", "#d7af87",
]
FALLBACK_LIGHT_PALETTE = [
    "#0055aa", "#b35900", "#2e7d32", "#ad1457", "#6a1b9a",
    "#00838f", "#8d6e00", "#c62828", "#283593", "#4e342e",
]


class ThemeError(Exception):
    """A theme file that cannot be used; ``str()`` is one line."""


@dataclass
class ThemeSpec:
    """A newsdiff theme: the Textual colours plus the highlight palette and styles."""

    name: str
    dark: bool
    colors: dict[str, str]
    palette: list[str]
    styles: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STYLES))
    description: str = ""
    source: Path | None = None

    def entity_style(self, index: int) -> str:
        colour = self.palette[index % len(self.palette)]
        return self.styles["entity"].replace("{color}", colour)

    def style_for(self, kind: str, colour: int = -1) -> str:
        """The style string for a highlight layer (see tui.highlights.LAYERS); an entity
        with a negative colour (highlights.QUIET) takes the quiet style."""
        if kind == "entity":
            return self.entity_style(colour) if colour >= 0 else self.styles["entity_quiet"]
        return self.styles[kind]

    def textual_theme(self):
        from textual.theme import Theme

        return Theme(name=self.name, dark=self.dark, **self.colors)


def _check_colour(value: object, where: str) -> str:
    from textual.color import Color, ColorParseError

    if not isinstance(value, str):
        raise ThemeError(f"{where}: colour must be a string, not {type(value).__name__}")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(f"{where}: not a colour: {value!r}") from None
    return value


def _check_style(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{where}: style must be a string")
    try:
        RichStyle.parse(value.replace("{color}", "#808080"))
    except Exception as exc:  # rich raises StyleSyntaxError / ColorParseError
        raise ThemeError(f"{where}: bad style {value!r} ({exc})") from None
    return value


def parse_theme(data: object, name: str, source: Path | None = None) -> ThemeSpec:
    """Validate a theme mapping (as read from YAML) into a ThemeSpec; raises ThemeError."""
    if not isinstance(data, dict):
        raise ThemeError("not a mapping")
    name = str(data.get("name") or name).strip()
    if not name:
        raise ThemeError("empty name")
    colors_in = data.get("colors")
    if not isinstance(colors_in, dict) or "primary" not in colors_in:
        raise ThemeError("'colors' must be a mapping with at least 'primary'")
    colors: dict[str, str] = {}
    for key, value in colors_in.items():
        if key not in COLOR_FIELDS:
            raise ThemeError(f"colors.{key}: unknown colour name (known: {', '.join(COLOR_FIELDS)})")
        colors[key] = _check_colour(value, f"colors.{key}")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError("'dark' must be true or false")
    palette_in = data.get("entity_palette")
    if not isinstance(palette_in, list) or len(palette_in) < MIN_PALETTE:
        raise ThemeError(f"'entity_palette' must list at least {MIN_PALETTE} colours")
    palette = [_check_colour(c, f"entity_palette[{i}]") for i, c in enumerate(palette_in)]
    styles = dict(DEFAULT_STYLES)
    styles_in = data.get("styles") or {}
    if not isinstance(styles_in, dict):
        raise ThemeError("'styles' must be a mapping")
    for key, value in styles_in.items():
        if key not in STYLE_FIELDS:
            raise ThemeError(f"styles.{key}: unknown style (known: {', '.join(STYLE_FIELDS)})")
        styles[key] = _check_style(value, f"styles.{key}")
    return ThemeSpec(
        name=name, dark=dark, colors=colors, palette=palette, styles=styles,
        description=str(data.get("description") or ""), source=source,
    )


def _refuse_aliases(text: str) -> None:
    """A theme has no use for YAML anchors and aliases, and nested ones expand to
    gigabytes ("billion laughs"): refuse them from the parser's events, before loading."""
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ThemeError("uses a YAML anchor or alias, which a theme never needs")


def load_theme_file(path: Path) -> ThemeSpec:
    try:
        text = path.read_text(encoding="utf-8")
        _refuse_aliases(text)
        data = yaml.safe_load(text)
    except OSError as exc:
        raise ThemeError(exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise ThemeError("not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise ThemeError("not valid YAML (" + str(exc).splitlines()[0] + ")") from None
    return parse_theme(data, path.stem, path)


def load_themes(folders: Iterable[Path]) -> tuple[dict[str, ThemeSpec], list[str]]:
    """Every ``*.yaml``/``*.yml`` theme in ``folders`` (later folders win), plus one warning
    line per file that was skipped."""
    specs: dict[str, ThemeSpec] = {}
    warnings: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
                continue
            try:
                spec = load_theme_file(path)
            except ThemeError as exc:
                warnings.append(f"theme {path}: skipped: {exc}")
                continue
            specs[spec.name] = spec
    return specs, warnings


def load_all_themes() -> tuple[dict[str, ThemeSpec], list[str]]:
    """Bundled themes, then the user's."""
    from newsdiff.corpus.paths import themes_dir, user_themes_dir

    specs, warnings = load_themes([themes_dir(), user_themes_dir()])
    if DEFAULT_THEME not in specs:  # the bundled folder is missing: keep the app usable
        specs[DEFAULT_THEME] = ThemeSpec(
            name=DEFAULT_THEME, dark=True,
            colors={"primary": "#5fafff", "background": "#1c1c1c"},
            palette=list(FALLBACK_DARK_PALETTE),
        )
    return specs, warnings


def spec_for_textual_theme(name: str, dark: bool, specs: dict[str, ThemeSpec]) -> ThemeSpec:
    """The newsdiff spec for any Textual theme: its own, else a neutral one for its mode."""
    if name in specs:
        return specs[name]
    return ThemeSpec(
        name=name, dark=dark, colors={},
        palette=list(FALLBACK_DARK_PALETTE if dark else FALLBACK_LIGHT_PALETTE),
        styles=dict(DEFAULT_STYLES),
    )
