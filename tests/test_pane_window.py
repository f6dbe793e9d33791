"""The pane window: a run of panes, pinned panes, and a selected claim's panes."""

from __future__ import annotations

from tui.pane_window import PaneWindow


def test_a_run_of_panes_moves_and_reports():
    w = PaneWindow(4)
    w.fit(2)
    assert w.shown() == [0, 1] and w.indicator() == "panes 1–2 of 4"
    assert w.shift(1) and w.shown() == [1, 2]
    assert w.shift(5) and w.shown() == [2, 3]
    assert not w.shift(1)  # at the end: nothing changes
    w.reveal(0)
    assert w.shown() == [0, 1]


def test_pinned_panes_stay_and_a_claim_brings_its_panes():
    w = PaneWindow(4)
    w.fit(3)
    assert w.toggle_pin(0)
    assert w.shown() == [0, 1, 2] and w.indicator() == "panes 1–3 of 4 · pinned 1"
    assert w.shift(1) and w.shown() == [0, 2, 3]  # the pin stays; the run goes on to pane 4
    assert not w.shift(1)
    w.shift(-1)
    w.reveal(3)
    assert w.shown() == [0, 2, 3]
    w.bring([1, 3])  # 150 troops in pane 2, 2,000 in pane 4
    assert {1, 3} <= set(w.shown()) and 0 in w.shown()
    assert w.indicator().startswith("panes 1, 2, 4 of 4")
    assert w.shift(-1)  # moving lets go of the claim's panes
    assert w.brought == []
    assert not w.toggle_pin(0) and w.pinned == []


def test_everything_fits():
    w = PaneWindow(3)
    w.fit(10)
    assert w.all_shown() and w.shown() == [0, 1, 2] and w.indicator() == "panes 1–3 of 3"
    w.fit(1)
    assert w.shown() == [0] and w.indicator() == "pane 1 of 3"


def test_an_order_of_panes_runs_in_that_order_and_pins_still_hold():
    w = PaneWindow(4)
    w.fit(2)
    w.shift(1)
    w.set_order([2, 3, 0, 1])  # by date: starts again from the first of them
    assert w.sequence() == [2, 3, 0, 1] and w.shown() == [2, 3]
    assert w.shift(1) and w.shown() == [3, 0]
    assert w.indicator() == "panes 4, 1 of 4"
    w.toggle_pin(1)
    assert w.shown() == [3, 1]  # the pin and the run, in the order
    w.reveal(2)
    assert w.shown() == [2, 1]
    w.set_order(None)
    assert w.sequence() == [0, 1, 2, 3] and w.shown() == [0, 1]
    w.set_order([0, 0, 1, 2])  # not each pane once: article order
    assert w.sequence() == [0, 1, 2, 3]
