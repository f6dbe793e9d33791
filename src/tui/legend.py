"""The one-line legend under the panes: what each highlight means, each word drawn in its
own theme style, so a newcomer can tell a conflict from a hypothetical value at a glance.

Rebuilt from the theme on every theme change (:meth:`Legend.show`). The marks are those
of the Figures list (≠ → ? =), so the list and the panes read the same way.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

#: (style key, mark, word), in the order the legend shows them: what needs judging first.
LEGEND = (
    ("conflict", "≠", "conflict"),
    ("update", "→", "update"),
    ("possible", "?", "possible"),
    ("agree", "=", "agree"),
    ("hypothetical", "", "hypothetical"),
    ("match", "", "search"),
    ("note", "", "note"),
)


def legend_content(styles: dict[str, str], entity_style: str) -> Content:
    """``≠ conflict  → update  ? possible  = agree  hypothetical  search  note  Name``: each
    item in its style; the last, an entity's (the Entities tab is their legend)."""
    parts: list = []
    for key, mark, word in LEGEND:
        text = f"{mark} {word}" if mark else word
        parts += [(f" {text} ", styles.get(key, "")), " "]
    parts += [(" entity ", entity_style), ("  (Entities tab: colours)", "$text-muted")]
    return Content.assemble(*parts)


class Legend(Static):
    """The legend line; ``show(spec)`` draws it in a newsdiff theme's styles."""

    DEFAULT_CSS = """
    Legend { height: 1; background: $panel; color: $text; }
    """

    def show(self, spec) -> None:
        self.update(legend_content(spec.styles, spec.entity_style(0)))
