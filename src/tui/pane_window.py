"""Which article panes stand side by side when not all fit: the pane window.

Pure state, no widgets (the pane deck, :mod:`tui.pane_deck`, shows what
:meth:`PaneWindow.shown` says):

- ``visible`` panes fit the width; by default a run of them from ``start`` (``[`` / ``]``
  move it);
- pinned panes (``p``) are always among them, in pin order of priority;
- selecting a claim *brings* the panes that state it into view, after the pinned ones,
  until the reader moves the window again — so "150 troops" and "2,000 troops" stand
  side by side even when their articles are panes 1 and 4 of 4;
- the rest of the room holds a run of the other panes from ``start`` (counted among
  them), and the panes are always shown in the window's ``order``: article order, unless
  the reader put them in another (``o``: by date).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PaneWindow:
    count: int  # panes in the comparison
    visible: int = 1  # how many fit
    start: int = 0  # first pane of the run filling the rest of the room
    pinned: list[int] = field(default_factory=list)
    brought: list[int] = field(default_factory=list)  # a selected claim's panes
    order: list[int] = field(default_factory=list)  # the panes left to right; empty: article order

    def sequence(self) -> list[int]:
        """Every pane, left to right: ``order`` when it holds each pane once, else article order."""
        if sorted(self.order) == list(range(self.count)):
            return list(self.order)
        return list(range(self.count))

    def set_order(self, order: list[int] | None) -> None:
        """Show the panes in ``order`` (None: article order), from the first of them."""
        self.order = list(order or [])
        self.start = 0
        self.brought = []

    def fit(self, visible: int) -> None:
        """The width now fits ``visible`` panes (at least one)."""
        self.visible = max(1, min(self.count, visible))
        self.start = max(0, min(self.start, self._max_start()))

    def _fixed(self) -> list[int]:
        """Pinned panes, then a claim's, as many as fit."""
        out: list[int] = []
        for i in self.pinned + self.brought:
            if 0 <= i < self.count and i not in out and len(out) < self.visible:
                out.append(i)
        return out

    def _rest(self, fixed: list[int]) -> tuple[list[int], int]:
        """The other panes, in order, and the room left for them."""
        return [i for i in self.sequence() if i not in fixed], self.visible - len(fixed)

    def _max_start(self) -> int:
        rest, room = self._rest(self._fixed())
        return max(0, len(rest) - room)

    def shown(self) -> list[int]:
        """The panes shown, in order: the fixed ones and a run of the others."""
        fixed = self._fixed()
        rest, room = self._rest(fixed)
        start = max(0, min(self.start, len(rest) - room))
        position = {i: n for n, i in enumerate(self.sequence())}
        return sorted(fixed + rest[start:start + room], key=position.__getitem__)

    def all_shown(self) -> bool:
        return self.visible >= self.count

    def indicator(self) -> str:
        """``panes 1–3 of 4``; ``panes 1, 3, 4 of 4`` when not a run; pins are counted."""
        shown = self.shown()
        if len(shown) == 1:
            text = f"pane {shown[0] + 1} of {self.count}"
        elif shown == list(range(shown[0], shown[-1] + 1)):
            text = f"panes {shown[0] + 1}–{shown[-1] + 1} of {self.count}"
        else:
            text = f"panes {', '.join(str(i + 1) for i in shown)} of {self.count}"
        pins = [i for i in self.pinned if i in shown]
        if pins:
            text += " · pinned " + ", ".join(str(i + 1) for i in pins)
        return text

    def shift(self, delta: int) -> bool:
        """Move the run of unpinned panes by ``delta`` (and let go of a claim's panes);
        False when nothing shown changes."""
        before, had_brought = self.shown(), bool(self.brought)
        self.brought = []
        self.start = max(0, min(self.start + delta, self._max_start()))
        return self.shown() != before or had_brought

    def reveal(self, index: int) -> None:
        """Make pane ``index`` shown (focusing a pane off screen)."""
        if index in self.shown() or not 0 <= index < self.count:
            return
        self.brought = []
        rest, room = self._rest(self._fixed())
        pos = rest.index(index)
        self.start = pos if pos < self.start else max(0, pos - room + 1)

    def bring(self, indices: list[int]) -> None:
        """Show these panes (a selected claim's) after the pinned ones."""
        self.brought = [i for i in dict.fromkeys(indices) if 0 <= i < self.count]

    def toggle_pin(self, index: int) -> bool:
        """Pin or unpin pane ``index``; True when it is pinned now."""
        if index in self.pinned:
            self.pinned.remove(index)
            return False
        self.pinned.append(index)
        return True
