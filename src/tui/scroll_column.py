"""The article pane's scroll bar, drawn as the last cell of each of its lines.

Textual draws a scroll bar as a widget of its own beside the pane. With linked scrolling
every pane's bar moves on every key press, and each bar then costs a pass through
Rich, a pass through Textual's per-line styling, and a cut of every pane line where the
bar overlaps it: together about as much as drawing the panes' text. So the pane hides
Textual's bar (``scrollbar-visibility: hidden``) and puts the bar's cell at the end of
each line it draws; a line already drawn with the same cell is reused.

The cells are Textual's own: :func:`bar_cells` asks ``ScrollBarRender.render_bar`` (the
glyphs, the eighth-cell thumb ends) with the colours a ``ScrollBar`` would take from the
pane's ``scrollbar-*`` styles (plain, hover, held). Each cell says what a press on it
does, as Textual's bar does: ``grab`` (the thumb: drag it), ``scroll_up`` and
``scroll_down`` (the track above and below: a page).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.scrollbar import ScrollBarRender

GRAB, PAGE_UP, PAGE_DOWN = "grab", "scroll_up", "scroll_down"


@dataclass(frozen=True)
class BarCell:
    """One row of the bar: what is drawn there, and what a press there does."""

    segment: Segment
    action: str


def bar_style(back: Color, bar: Color, under: Color) -> RichStyle:
    """The thumb-on-track style a ``ScrollBar`` draws with: a translucent track over
    ``under`` (the pane's background), the thumb over the track."""
    if back.a < 1:
        back = under + back
    return RichStyle.from_color((back + bar).rich_color, back.rich_color)


def bar_cells(height: int, lines: int, top: float, style: RichStyle, *, thumb: bool = True) -> list[BarCell]:
    """The bar's ``height`` cells for a text of ``lines`` lines shown from line ``top``
    (``thumb=False``: a bare track, as Textual draws when the screen hides thumbs)."""
    if height <= 0:
        return []
    position = int(top * 8) / 8  # as ScrollBar.validate_position: eighths of a cell
    window = height if height < lines else 0
    column = ScrollBarRender.render_bar(
        size=height,
        virtual_size=ceil(lines) if thumb else 100,
        window_size=window if thumb else 0,
        position=position if thumb else 0,
        thickness=1,
        vertical=True,
        back_color=style.bgcolor,
        bar_color=style.color,
    ).segments
    cells: list[BarCell] = []
    made: dict[int, BarCell] = {}  # render_bar repeats one Segment object down each run
    for segment in column[:height]:
        cell = made.get(id(segment))
        if cell is None:
            drawn = segment.style
            action = (drawn.meta.get("@mouse.down") if drawn else None) or PAGE_DOWN
            # the press is the pane's to handle: no Textual action in the drawn style
            cell = made[id(segment)] = BarCell(Segment(segment.text, drawn.clear_meta_and_links() if drawn else None), action)
        cells.append(cell)
    cells.extend(BarCell(Segment(" ", style), PAGE_DOWN) for _ in range(height - len(cells)))
    return cells
