"""Untrusted text is never markup: an article (and title, entity names, notes) full of
Textual/Rich markup and escape sequences renders literally and crashes nothing."""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from newsdiff.corpus.articles import load_corpus  # noqa: E402
from newsdiff.comparison.compare import Comparison, event_for  # noqa: E402
from newsdiff.records import Entity, Mention  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402

EVIL = (
    "[bold red]Breaking[/] news [link=https://evil.example]click[/link] and [/] stray "
    "closers [@click=app.quit]quit[/] $accent \x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J end.\n\n"
    "Second paragraph with [b]more[/b] markup and [i]italics[/i] [reverse]x[/reverse].\n"
)


async def test_markup_and_escapes_render_literally(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "evil.md").write_text("---\ntitle: \"[bold]Title[/bold] [link=x]y[/link]\"\nsource: \"[red]src[/]\"\n---\n" + EVIL, encoding="utf-8")
    (folder / "plain.txt").write_text("A plain article about [b]Breaking[/b] things.\n", encoding="utf-8")
    articles = load_corpus([folder]).articles
    evil = next(a for a in articles if a.id == "evil")
    assert "\x1b" not in evil.text and "\x9b" not in evil.text  # the loader replaced them
    name = "[bold red]Breaking[/]"
    entity = Entity("breaking", name, "other", ["[b]Breaking[/b]"], [
        Mention(a.id, a.text.find("Breaking"), a.text.find("Breaking") + 8, "Breaking") for a in articles
    ])
    cmp = Comparison(event=event_for(articles), articles=articles, entities=[entity], claims=[])
    app = make_app(articles, out_path=tmp_path / "n.yaml", comparison=cmp, index_dir=tmp_path / "ix")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        pane = next(screen.pane(i) for i in range(2) if screen.pane(i).article.id == "evil")
        shown = pane.visible_text()
        for literal in ("[bold red]Breaking[/]", "[link=https://evil.example]click[/link]", "[@click=app.quit]quit[/]", "$accent", "[b]more[/b]"):
            assert literal in shown
        drawn = "".join(seg.text for y in range(3) for seg in pane.render_line(y))
        assert "[bold red]" in drawn and "\x1b" not in drawn
        header = screen.query_one(f"#col-{pane.index} .pane-header")
        assert "[bold]Title[/bold] [link=x]y[/link]" in str(header.render())
        assert "[red]src[/]" in str(header.render())
        assert name in str(screen.sidebar.query_one("#entities").get_option_at_index(0).prompt)
        # a note whose text is markup, and a search for a markup-looking word
        pane.focus()
        pane.move_cursor(0)
        await pilot.press("a")
        await pilot.press(*"[bold]x[/]", "enter")
        assert app.notes[-1].note == "[bold]x[/]"
        assert "[bold]x[/]" in str(screen.sidebar.query_one("#notes").get_option_at_index(0).prompt)
        await pilot.press("slash", *"Breaking", "enter")
        await settle(app, pilot)
        assert pane.matches
        svg = app.export_screenshot()
        assert "Breaking" in svg
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
    assert app.return_code in (None, 0)
