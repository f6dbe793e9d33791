"""Command palette entries (ctrl+p): every action of the current screen under its binding's
description, one entry per colour theme, and the entity judgements: split each name off
its entity, and merge the entity marked with m into any other."""

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


#: Entities offered for judgements in the palette (the most named first): keeps it short.
MAX_JUDGEMENT_ENTRIES = 200


def judgement_commands(screen) -> Iterable[SystemCommand]:
    """Palette entries to correct the alias resolver on the current comparison: "Split
    NAME off ENTITY" for every other name of a shared entity, and, once an entity is
    marked for merging (m in the Entities tab), "Merge MARKED with ENTITY"."""
    from textual.markup import escape

    from newsdiff.corpus.textsafe import clean_name

    def shown(name: str) -> str:  # the palette reads titles as markup: names never are
        return escape(clean_name(name))

    cmp = getattr(screen, "comparison", None)
    if cmp is None:
        return
    try:
        entities_list = screen.sidebar.query_one("#entities")
    except Exception:
        return
    shared = [e for e in cmp.entities if e.shared][:MAX_JUDGEMENT_ENTRIES]
    for entity in shared:
        for alias in entity.aliases:
            if alias != entity.name:
                yield SystemCommand(
                    f"Split {shown(alias)} off {shown(entity.name)}",
                    "its mentions become an entity of their own (kept in the comparison file)",
                    partial(screen.app.add_judgement, "not-same", (entity.name, alias)),
                )
    marked = next((e for e in cmp.entities if e.id == getattr(entities_list, "marked", None)), None)
    if marked is not None:
        for entity in shared:
            if entity is not marked:
                yield SystemCommand(
                    f"Merge {shown(marked.name)} with {shown(entity.name)}",
                    "one entity from now on (kept in the comparison file)",
                    partial(_merge, entities_list, screen.app, marked.name, entity.name),
                )


def _merge(entities_list, app, a: str, b: str) -> None:
    entities_list.marked = None
    app.add_judgement("same", (a, b))
