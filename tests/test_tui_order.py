"""The panes ordered by date (o) on a folder of real article files: oldest first, the
undated last, o again for the original order; the key is in the footer and the palette."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from textual.widgets._footer import FooterKey  # noqa: E402

from tui.commands import binding_commands  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402

STORY = ("Iranian forces crossed into Iraq to help the government in Baghdad halt the militants, "
         "officials said. {outlet} reported that {n} troops had arrived near Samarra.\n")

FILES = {
    "a-alpha.md": "---\ntitle: Alpha report\nsource: Alpha\npublished: 2014-06-14\n---\n",
    "b-bravo.md": "---\ntitle: Bravo report\nsource: Bravo\n---\n",  # undated
    "c-charlie.md": "---\ntitle: Charlie report\nsource: Charlie\n---\nBAGHDAD, June 12 (Reuters) - ",
    "d-delta.md": "---\ntitle: Delta report\nsource: Delta\npublished: 2014-06-13T09:00:00+00:00\n---\n",
}


def write_pile(folder: Path) -> Path:
    """Four articles on disk: published on the 14th, undated, a yearless dateline of the
    12th (its year from a full date in the text), published on the 13th at 09:00."""
    folder.mkdir()
    for n, (name, head) in enumerate(FILES.items()):
        outlet = name.split("-")[1].title()
        body = STORY.format(outlet=outlet, n=150 * (n + 1)) * 3
        if name.startswith("c-"):
            body += "The militants took Mosul on June 10, 2014.\n"
        (folder / name).write_text(head + body, encoding="utf-8")
    return folder


def shown_ids(screen) -> list[str]:
    """The ids of the panes on screen, left to right as the DOM holds them."""
    return [col.article.id for col in screen.query("PaneColumn") if not col.has_class("-hidden")]


async def test_o_orders_the_panes_by_date_and_back(tmp_path):
    pile = write_pile(tmp_path / "pile")
    app = make_app(paths=[pile], out_path=tmp_path / "n.yaml", index_dir=tmp_path / "ix")
    async with app.run_test(size=(100, 30)) as pilot:  # two panes fit
        await settle(app, pilot)
        screen = app.screen
        original = ["a-alpha", "b-bravo", "c-charlie", "d-delta"]
        assert screen.pane_order == original and shown_ids(screen) == original[:2]
        footer = {key.description for key in screen.query(FooterKey)}
        assert "Order by date" in footer
        palette = {command.title for command in binding_commands(screen)}
        assert "Order by date" in palette

        await pilot.press("o")
        await pilot.pause()
        assert screen.by_date
        assert screen.pane_order == ["c-charlie", "d-delta", "a-alpha", "b-bravo"]
        assert shown_ids(screen) == ["c-charlie", "d-delta"]  # the oldest two in view
        assert screen.pane_indicator() == "panes 3–4 of 4 · by date"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert shown_ids(screen) == ["a-alpha", "b-bravo"]  # the undated one last
        mounted = [col.article.id for col in screen.query("PaneColumn")]
        assert mounted == screen.pane_order  # the columns stand in that order

        await pilot.press("o")
        await pilot.pause()
        assert not screen.by_date and screen.pane_order == original
        assert [col.article.id for col in screen.query("PaneColumn")] == original
        assert shown_ids(screen) == original[:2]
        assert app.focused is not None and getattr(app.focused, "index", None) in (0, 1)
