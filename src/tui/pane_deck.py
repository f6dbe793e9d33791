"""The row of article panes on the comparison screen, and how it is arranged.

:class:`PaneDeck` (``#panes``) holds every article's column; it mounts a column when it
first comes into view (a 200-article event paints as fast as a 4-article one). It owns
the arrangement: which panes stand in view (the pure rule is
:class:`tui.pane_window.PaneWindow`), the current pane (focused, or focused last),
focusing and moving the window (1-9, ``[`` ``]``), zoom (z), pins (p), the order by date
(o), linked scrolling (l), and moving several panes at once to offsets or to the next
mark of an entity or claim (``.`` ``,``).

It learns the room it has from a callable (the screen knows whether the sidebar is
open) and posts :class:`PaneDeck.Arranged` whenever what the status line says of the
panes may have changed. Its keys are bindings of the screen, which work from the sidebar
too; the screen's actions call these methods."""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterable, Sequence

from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message

from tui import engine
from tui.pane_window import PaneWindow
from tui.panes import ArticlePane, PaneColumn

MIN_PANE_WIDTH = 40


class PaneDeck(Horizontal):
    """The article columns side by side (see the module docstring)."""

    class Arranged(Message):
        """The panes shown, their order, the zoom or the link changed."""

    def __init__(self, columns: Sequence[PaneColumn], available_width: Callable[[], int], **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.panes: list[ArticlePane] = [col.pane for col in self.columns]
        self.available_width = available_width  # the columns the panes may take, now
        self.window = PaneWindow(len(self.columns), visible=len(self.columns))
        self.zoomed = False
        self.linked = False
        self.by_date = False  # o: the panes ordered by published date, oldest first
        self.last = 0  # the pane focused last: the current one while a list has focus
        self._syncing = False
        self._mounted: set[int] = set()
        self._just_mounted = False  # the last layout mounted a column: focus it after a refresh

    def compose(self):
        width = self.app.size.width
        first = max(1, width // MIN_PANE_WIDTH) if width else len(self.columns)
        for col in self.columns[:first]:
            self._mounted.add(col.index)
            yield col

    def on_mount(self) -> None:
        for pane in self.panes:
            self.watch(pane, "scroll_y", partial(self._follow, pane), init=False)

    # ------------------------------------------------------------------ what is shown
    @property
    def current(self) -> ArticlePane:
        """The focused pane, else the one focused last."""
        focused = self.screen.focused
        if isinstance(focused, ArticlePane):
            return focused
        return self.panes[self.last]

    def shown(self) -> list[int]:
        if self.zoomed:
            return [self.last]
        return self.window.shown()

    def indicator(self) -> str:
        if self.zoomed:
            return f"pane {self.last + 1} of {len(self.panes)} (zoomed)"
        return self.window.indicator() + (" · by date" if self.by_date else "")

    def more_off_screen(self) -> bool:
        """Panes are out of view (``[`` ``]`` reach them)."""
        return not self.window.all_shown() and not self.zoomed

    def sequence(self) -> list[int]:
        """The panes' indices as they stand, left to right."""
        return self.window.sequence()

    def lay_out(self) -> None:
        """Fit the panes to the room, mount and show those in view, hide the others."""
        self.window.fit(self.available_width() // MIN_PANE_WIDTH)
        focused_index = self.last
        shown_set = set(self.window.shown())
        self._just_mounted = self._mount_columns([focused_index] if self.zoomed else shown_set)
        for col in self.query(PaneColumn):
            shown = col.index == focused_index if self.zoomed else col.index in shown_set
            col.set_class(not shown, "-hidden")
        if not self.zoomed and focused_index not in shown_set:
            self.last = self.window.shown()[0]
            focused = self.screen.focused
            if isinstance(focused, ArticlePane) or focused is None:
                self.call_after_refresh(self.panes[self.last].focus)
        self.post_message(self.Arranged())

    def _mount_columns(self, indices: Iterable[int]) -> bool:
        """Mount the columns of these panes that are not mounted yet, in the window's
        order; True when any was."""
        position = {i: n for n, i in enumerate(self.window.sequence())}
        missing = sorted((i for i in set(indices) if i not in self._mounted), key=position.__getitem__)
        if not missing:
            return False
        for i in missing:
            after = max((j for j in self._mounted if position[j] < position[i]), key=position.__getitem__, default=None)
            if after is None:
                before = min(self._mounted, key=position.__getitem__, default=None)
                if before is None:
                    self.mount(self.columns[i])
                else:
                    self.mount(self.columns[i], before=self.columns[before])
            else:
                self.mount(self.columns[i], after=self.columns[after])
            self._mounted.add(i)
        return True

    def _arrange_columns(self) -> None:
        """Put the mounted columns in the window's order, left to right."""
        mounted = [self.columns[i] for i in self.window.sequence() if i in self._mounted]
        for before, col in zip(mounted, mounted[1:]):
            self.move_child(col, after=before)

    def on_descendant_focus(self, event) -> None:
        widget = event.widget if hasattr(event, "widget") else None
        if isinstance(widget, ArticlePane):
            self.last = widget.index
            if self.zoomed:
                self.lay_out()

    # ------------------------------------------------------------------ focus and moves
    def focus_index(self, index: int) -> None:
        """Focus pane ``index``, bringing it into view."""
        if not 0 <= index < len(self.panes):
            return
        self.last = index
        if not self.zoomed:
            self.window.reveal(index)
        self.lay_out()
        self._focus(index)

    def _focus(self, index: int) -> None:
        """Focus a pane, after the next refresh when its column was just mounted."""
        if self._just_mounted:
            self.call_after_refresh(self.panes[index].focus)
        else:
            self.panes[index].focus()

    def focus_last(self) -> None:
        self.panes[self.last].focus()

    def focus_number(self, index: int) -> None:
        """1-9: focus that pane; the bell when there is none."""
        if index >= len(self.panes):
            self.app.bell()
            return
        self.focus_index(index)

    def pane_after(self, index: int, step: int) -> int:
        """The pane ``step`` places after pane ``index`` as they stand (round the end)."""
        sequence = self.window.sequence()
        return sequence[(sequence.index(index) + step) % len(sequence)]

    def shift(self, delta: int) -> None:
        """``[`` / ``]``: the next (previous) panes; zoomed, the next (previous) pane."""
        if self.zoomed:
            self.focus_index(self.pane_after(self.last, delta))
            return
        if not self.window.shift(delta):
            self.app.bell()
            return
        shown = self.window.shown()
        target = self.last if self.last in shown else shown[0 if delta < 0 else -1]
        self.last = target
        self.lay_out()
        self._focus(target)

    def bring(self, indices: Sequence[int]) -> None:
        """Bring these panes into view side by side (a claim's values), unless zoomed."""
        if not self.zoomed and not set(indices) <= set(self.window.shown()):
            self.window.bring(sorted(indices))
            self.lay_out()

    def toggle_date_order(self) -> None:
        """Order the panes by the date each article reports from, oldest first (undated
        last); again puts them back in the order they were given."""
        articles = [col.article for col in self.columns]
        self.by_date = not self.by_date
        order, dated = engine.date_order(articles) if self.by_date else (None, 0)
        self.window.set_order(order)
        self._arrange_columns()
        self.lay_out()  # the focused pane stays focused when still in view
        if self.by_date:
            undated = len(articles) - dated
            tail = f"; {undated} without a date last" if undated else ""
            self.notify(Content(f"panes by date, oldest first{tail} (o: original order)"), timeout=3)
        else:
            self.notify(Content("panes in their original order"), timeout=3)

    def toggle_pin(self) -> None:
        """Pin the current pane so it stays in view whatever else is shown (again unpins)."""
        index = self.current.index
        pinned = self.window.toggle_pin(index)
        self.lay_out()
        self.notify(Content(f"pane {index + 1} {'pinned: it stays in view' if pinned else 'unpinned'}"), timeout=3)

    def toggle_zoom(self) -> None:
        self.last = self.current.index
        self.zoomed = not self.zoomed
        self.lay_out()
        self.call_after_refresh(self.panes[self.last].focus)

    # ------------------------------------------------------------------ scrolling together
    def toggle_link(self) -> None:
        """Linked scrolling: the other panes follow the current one, in proportion."""
        self.linked = not self.linked
        self.post_message(self.Arranged())
        if self.linked:
            self._follow(self.current, 0, self.current.scroll_y)

    def _follow(self, source: ArticlePane, old: float, new: float) -> None:
        if not self.linked or self._syncing or source.index != self.current.index:
            return
        ratio = new / source.max_scroll_y if source.max_scroll_y else 0.0
        self._syncing = True
        try:
            for pane in self.panes:
                if pane is not source:
                    pane.scroll_to(y=round(ratio * pane.max_scroll_y), animate=False, immediate=True, force=True)
        finally:
            self._syncing = False

    def jump_all(self, offsets: dict[int, int]) -> None:
        """Move several panes to character offsets without linked scrolling interfering."""
        self._syncing = True
        try:
            for index, offset in offsets.items():
                self.panes[index].jump_to_offset(offset)
        finally:
            self._syncing = False

    def step_mark(self, key: str, forward: bool) -> None:
        """``.`` / ``,``: the next (previous) mark of ``key`` in the current pane; past its
        last, on to the next (previous) pane that has one; else round to the first (last)."""
        pane = self.current
        offset = pane.next_offset(pane.mark_offsets(key), forward, wrap=False)
        if offset is not None:
            pane.jump_to_offset(offset)
            return
        # none left in this pane: on to the next (previous) pane that has one, else round
        for step in range(1, len(self.panes)):
            other = self.panes[self.pane_after(pane.index, step if forward else -step)]
            offsets = sorted(other.mark_offsets(key))
            if offsets:
                self.focus_index(other.index)
                other.jump_to_offset(offsets[0] if forward else offsets[-1])
                self.notify(Content(f"no more in pane {pane.index + 1}: pane {other.index + 1}"), timeout=2)
                return
        offsets = pane.mark_offsets(key)
        if len(offsets) > 1:
            pane.jump_to_offset(offsets[0] if forward else offsets[-1])
            self.notify(Content("back to the first" if forward else "back to the last"), timeout=2)
            return
        self.app.bell()
        self.notify(Content("No other mention: this is the only one."), timeout=2)
