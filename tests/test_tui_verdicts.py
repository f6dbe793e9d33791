"""The reader sees why: each verdict (conflict, update, possible, agree, single) has its own
style in the panes and its own mark and word in the Figures list, conflicts first; a
hypothetical value never looks like a conflicting one; the claim detail shows, per
article, the value as written, its sentence and its frame, with untrusted text literal."""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

import pytest  # noqa: E402

from newsdiff.comparison.compare import Comparison, event_for  # noqa: E402
from newsdiff.corpus.articles import Article, text_sha256  # noqa: E402
from newsdiff.corpus.paths import themes_dir  # noqa: E402
from newsdiff.records import Claim, Figure, Frame  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402
from tui.sidebar import VERDICT_MARKS  # noqa: E402
from tui.themes import DEFAULT_STYLES, load_themes, parse_theme  # noqa: E402

EVIL = "Officials said [b]markup[/b] \x1b[31m and 300 people died in the province, a ministry said."
TEXTS = {
    "a": ("Iran sent 150 troops to Baghdad, the Times said. The toll so far is 12 dead.\n"
          + "Filler line.\n" * 20
          + "The force could amount to as many as 10,000 troops. Five towns fell.\n"),
    "b": "Iran has sent 2,000 troops to Baghdad. The toll rose to 30 dead. Some 40 people died. Five towns fell.\n",
    "c": EVIL + "\nNothing else here.\n",
}


def _article(aid: str) -> Article:
    text = TEXTS[aid]
    return Article(id=aid, path=f"/x/{aid}.txt", title=f"Article {aid}", text=text,
                   sha256=text_sha256(text), source=f"Source {aid.upper()}")


def _figure(aid: str, number: str, unit: str, *, after: str = "", **extra) -> Figure:
    """The figure ``number unit`` in article ``aid`` (the first one after ``after``)."""
    text = TEXTS[aid]
    start = text.index(number, text.index(after) if after else 0)
    phrase_end = start + len(number) + 1 + len(unit)
    value = {"Five": 5.0}.get(number) or float(number.replace(",", ""))
    stop, line = text.rfind(". ", 0, start), text.rfind("\n", 0, start)
    sentence_start = max(stop + 2 if stop != -1 else 0, line + 1)
    sentence_end = text.index(".", phrase_end) + 1
    return Figure(article=aid, start=start, end=phrase_end, text=text[start:phrase_end], value=value,
                  unit=unit, kind="count", canonical=value, canonical_unit="count", low=value, high=value,
                  value_start=start, value_end=start + len(number),
                  sentence_start=sentence_start, sentence_end=sentence_end, **extra)


def verdict_comparison() -> Comparison:
    """One claim of each verdict, listed in the wrong order (the sidebar sorts them)."""
    articles = [_article(a) for a in "abc"]
    sent = Frame(thing="troops", predicate="sent", holder="Iran", place="to Baghdad")
    conflict = Claim("troops", "Iranian troops sent", "count", "troops", "conflict", [
        _figure("a", "150", "troops", frame=sent),
        _figure("b", "2,000", "troops", frame=sent),
        _figure("a", "10,000", "troops", hypothetical=True, hedge="could amount to", bound="at_most",
                frame=Frame(thing="troops")),
    ], "150 vs 2,000 troops; 10,000 hypothetical", confidence=0.93)
    toll = Frame(thing="people", predicate="killed", time="so far", running=True)
    update = Claim("toll", "death toll", "count", "dead", "update", [
        _figure("a", "12", "dead", frame=toll), _figure("b", "30", "dead", frame=toll),
    ], "12 rose to 30 dead: reported at different times", confidence=0.8)
    possible = Claim("deaths", "people who died", "count", "people", "possible", [
        _figure("b", "40", "people", frame=Frame(thing="people", predicate="died")),
        _figure("c", "300", "people", attribution="[i]a ministry[/i]",
                frame=Frame(thing="people", predicate="died", holder="[b]Officials[/b]", time="2023",
                            place="in the province", role="subset")),
    ], "40 vs 300 people, but the places differ", confidence=0.41)
    agree = Claim("towns", "towns that fell", "count", "towns", "agree", [
        _figure("a", "Five", "towns"), _figure("b", "Five", "towns"),
    ], "5 and 5 towns", confidence=0.9)
    single = Claim("only-c", "nothing", "count", "else", "single", [], "only c")
    return Comparison(event=event_for(articles), articles=articles, entities=[],
                      claims=[single, agree, possible, update, conflict])


def _texts(pane, spans) -> set[str]:
    return {pane.article.text[s:e] for s, e in spans}


def _styled(app, key: str) -> dict[str, set[str]]:
    """Article id -> texts drawn with the theme's ``key`` style."""
    style = app.theme_spec.styles[key]
    panes = [app.screen.pane(i) for i in range(3)]
    return {p.article.id: t for p in panes if (t := _texts(p, p.spans_with_style(style)))}


async def test_each_verdict_and_hypothetical_values_have_their_own_style(tmp_path):
    cmp = verdict_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(app, pilot)
        for theme in ("dark", "light", "high-contrast"):
            app.theme = theme
            await pilot.pause()
            styles = app.theme_spec.styles
            assert len({styles[k] for k in ("conflict", "update", "possible", "agree", "hypothetical")}) == 5
            assert _styled(app, "conflict") == {"a": {"150"}, "b": {"2,000"}}  # not the 10,000
            assert _styled(app, "hypothetical") == {"a": {"10,000"}}
            assert _styled(app, "update") == {"a": {"12"}, "b": {"30"}}
            assert _styled(app, "possible") == {"b": {"40"}, "c": {"300"}}
            assert _styled(app, "agree") == {"a": {"Five"}, "b": {"Five"}}


async def test_figures_list_writes_the_verdicts_conflicts_first(tmp_path):
    cmp = verdict_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(app, pilot)
        claims = app.screen.sidebar.query_one("#claims")
        rows = [claims.get_option_at_index(i) for i in range(claims.option_count)]
        assert [r.id for r in rows] == ["troops", "toll", "deaths", "towns", "only-c"]
        heads = [str(r.prompt).splitlines()[0] for r in rows]
        assert heads == [
            " ≠ CONFLICT  Iranian troops sent", " → UPDATE  death toll", " ? POSSIBLE  people who died",
            " = AGREE  towns that fell", " · SINGLE  nothing",
        ]
        assert "10,000 troops (1, hypothetical)" in str(rows[0].prompt)
        # the word sits in the verdict's style: possible never in the conflict one
        styles = app.theme_spec.styles
        badge = next(s for s in rows[2].prompt.spans if s.start == 0)
        assert badge.style == styles["possible"] != styles["conflict"]
        assert set(VERDICT_MARKS) == {"conflict", "update", "possible", "agree", "single"}


async def test_claim_detail_shows_why_with_untrusted_text_literal(tmp_path):
    cmp = verdict_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        c = screen.pane(2)
        await pilot.press("3")
        c.move_cursor(c.line_of(c.article.text.index("300")))
        await pilot.press("f")
        await pilot.pause()
        assert screen.selected_claim == "deaths" and screen.sidebar.active_tab == "figures"
        detail = screen.sidebar.query_one("#claim-detail")
        content = detail.render()
        lines = content.plain.splitlines()
        assert lines[:3] == [" ? POSSIBLE  people who died", "confidence 0.41", "40 vs 300 people, but the places differ"]
        assert lines[3:] == [
            "",
            "[2] Source B",
            "  “40 people”",
            "  │ Some 40 people died.",
            "  frame people · died",
            "  value 40 people · exact",
            "",
            "[3] Source C",
            "  “300 people”",
            "  │ Officials said [b]markup[/b] ␛[31m and 300 people died in the province, a ministry said.",
            "  frame people · died · [b]Officials[/b] · 2023, in the province (role: subset)",
            "  value 300 people · exact",
            "  according to [i]a ministry[/i]",
        ]
        styles = app.theme_spec.styles
        assert styles["conflict"] not in {s.style for s in content.spans}
        assert next(s for s in content.spans if s.start == 0).style == styles["possible"]
        # drawn on screen: the markup is literal, the escape is a placeholder
        drawn = "".join(seg.text for y in range(detail.size.height) for seg in detail.render_line(y))
        assert "[b]markup[/b]" in drawn and "␛" in drawn and "\x1b" not in drawn
        # the hypothetical value of the conflict is labelled as such, in its own style
        screen.select_claim("troops")
        await pilot.pause()
        content = detail.render()
        assert "confidence 0.93" in content.plain
        assert "  “10,000 troops”  hypothetical \n" in content.plain + "\n"
        hyp = content.plain.index(" hypothetical ")
        assert any(s.start == hyp and s.style == styles["hypothetical"] for s in content.spans)
        assert "  │ The force could amount to as many as 10,000 troops." in content.plain
        assert "  hedged “could amount to”" in content.plain


async def test_update_detail_names_the_running_count(tmp_path):
    cmp = verdict_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        claims = screen.sidebar.query_one("#claims")
        claims.focus()
        claims.highlighted = 1  # the update row
        await pilot.press("enter")
        await pilot.pause()
        plain = screen.sidebar.query_one("#claim-detail").render().plain
        assert plain.startswith(" → UPDATE  death toll\nconfidence 0.80\n12 rose to 30 dead")
        assert plain.count("  frame people · killed · so far (running count)") == 2


def test_a_theme_without_the_new_styles_still_loads(tmp_path):
    old = {
        "name": "old", "colors": {"primary": "#123456"},
        "entity_palette": [f"#{i:02x}3344" for i in range(10)],
        "styles": {"conflict": "bold white on #880000", "agree": "bold green"},
    }
    spec = parse_theme(old, "old")
    for key in ("possible", "update", "hypothetical"):
        assert spec.styles[key] == DEFAULT_STYLES[key] != spec.styles["conflict"]
    specs, warnings = load_themes([themes_dir()])
    assert warnings == []
    for name in ("dark", "light", "high-contrast"):
        styles = specs[name].styles
        assert len({styles[k] for k in ("conflict", "update", "possible", "agree", "hypothetical")}) == 5, name


@pytest.mark.parametrize("style", ["possible", "update", "hypothetical"])
def test_new_styles_can_be_set_and_are_checked(style):
    data = {"name": "x", "colors": {"primary": "#123456"}, "entity_palette": ["#123456"] * 10}
    assert parse_theme({**data, "styles": {style: "italic #999999"}}, "x").styles[style] == "italic #999999"
    from tui.themes import ThemeError

    with pytest.raises(ThemeError, match=f"styles.{style}: bad style"):
        parse_theme({**data, "styles": {style: "italic wobbly"}}, "x")


def test_a_long_sentence_is_cut_at_words_around_its_figure():
    from tui.sidebar import sentence_excerpt

    text = " ".join(f"w{i}" for i in range(100)) + " [b]x[/b]\x1b."
    at = text.index("w50")
    before, figure, after = sentence_excerpt(text, (0, len(text)), (at, at + 3), limit=40)
    assert (before, figure, after) == ("…w46 w47 w48 w49 ", "w50", " w51 w52 w53 w54…")
    at = text.index("w99")
    before, figure, after = sentence_excerpt(text, (0, len(text)), (at, at + 3), limit=40)
    assert before.startswith("…w9") and figure == "w99" and after == " [b]x[/b]␛."
    assert sentence_excerpt("Iran sent 150 troops.", (0, 21), (10, 20)) == ("Iran sent ", "150 troops", ".")
