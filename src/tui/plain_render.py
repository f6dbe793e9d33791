"""When Textual's per-line styling pass would only copy a widget's lines.

Textual draws every line of a widget through ``StylesCache``: borders, padding, outline,
tint, opacity, hatching, then the app's line filters. For a widget that has none of
those, the pass copies each line into a new ``Strip`` and filters the copy, so nothing
it made is reused when the lines scroll. ``draws_plain`` says when that is the case; the
article pane then hands the compositor its own cached strips, filtered once
per strip, and fall back to Textual's pass otherwise.
"""

from __future__ import annotations

from textual.widget import Widget


def draws_plain(widget: Widget) -> bool:
    """True when Textual's styling pass over ``widget``'s lines is a plain copy."""
    styles = widget.styles
    if widget.BLANK or widget.opacity != 1.0 or styles.text_opacity != 1.0 or styles.tint.a:
        return False
    if any(edge for edge, _ in styles.border) or any(edge for edge, _ in styles.outline):
        return False
    if any(styles.padding) or styles.content_align != ("left", "top"):
        return False
    if styles.has_rule("hatch") and styles.hatch != "none":
        return False
    if widget._border_title is not None or widget._border_subtitle is not None:
        return False
    if widget.text_selection is not None:
        return False
    if widget.auto_links and widget.hover_style._link_id:
        return False
    return widget.content_region.size == widget.region.size

