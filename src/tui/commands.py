"""Command palette entries (ctrl+p): every action of the current screen under its binding's
description, and one entry per colour theme."""

from __future__ import annotations

from functools import partial
from typing import Iterable

from textual.app import SystemCommand


def binding_commands(screen) -> Iterable[SystemCommand]:
    """A palette entry for every described binding of ``screen`` and its focused widget."""
    seen: set[str] = set()
    sources = [screen]
    focused = screen.focused
    if focused is not None:
        sources.append(focused)

    pane = getattr(screen, "focused_pane", None)
    if pane is not None and pane is not focused:
        sources.append(pane)
    for node in sources:
        for binding in getattr(node, "BINDINGS", []):
            if isinstance(binding, tuple) or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"key: {binding.key.split(',')[0]}",
                partial(_schedule, node, binding.action),
            )


def _schedule(node, action: str) -> None:
    """Run ``action`` on ``node`` once the palette has closed."""
    node.call_later(node.run_action, action)


def theme_commands(app) -> Iterable[SystemCommand]:
    for name in sorted(app.newsdiff_themes):
        spec = app.newsdiff_themes[name]
        yield SystemCommand(
            f"Theme: {name}",
            spec.description or "switch the colour theme (highlights included)",
            partial(setattr, app, "theme", name),
        )
