"""Highlighting: shared entities in one colour per entity in every pane (the Entities list
is the legend), conflict/agree figure styles, drawn strips, theme switches, and the seeds'
named cases through the real engine (the ISIS alias group; 150 vs 2,000 troops; the
hypothetical 10,000 in its own style)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.style import Style as RichStyle

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from newsdiff.corpus.articles import Article, text_sha256  # noqa: E402
from newsdiff.comparison.compare import Comparison, event_for  # noqa: E402
from newsdiff.records import Claim, Entity, Figure, Mention  # noqa: E402
from tui.harness import make_app, settle  # noqa: E402
from tui.highlights import MARKED_VERDICTS, entity_colours  # noqa: E402

TEXTS = {
    "a": "ISIS fighters advanced.\n\nIran sent 150 troops to Baghdad, the Times said.\n" + "Filler line.\n" * 40,
    "b": "The Islamic State of Iraq and al-Shams (ISIS) took Tikrit.\n" + "More filler.\n" * 30 + "Iran has sent 2,000 troops to Baghdad.",
    "c": "Baghdad is calm. Nothing about the group here.\nIran sent 150 troops, Fox said.",
}


def _article(aid: str) -> Article:
    text = TEXTS[aid]
    return Article(id=aid, path=f"/x/{aid}.txt", title=f"Article {aid}", text=text, sha256=text_sha256(text), source=f"Source {aid.upper()}")


def _mentions(aid: str, surface: str) -> list[Mention]:
    text, out, pos = TEXTS[aid], [], TEXTS[aid].find(surface)
    while pos != -1:
        out.append(Mention(aid, pos, pos + len(surface), surface))
        pos = text.find(surface, pos + 1)
    return out


def _figure(aid: str, number: str) -> Figure:
    text = TEXTS[aid]
    start = text.find(number)
    value = float(number.replace(",", ""))
    return Figure(article=aid, start=start, end=start + len(number) + 7, text=text[start:start + len(number) + 7],
                  value=value, unit="troops", kind="count", canonical=value, canonical_unit="troops",
                  low=value, high=value, value_start=start, value_end=start + len(number))


def fixture_comparison() -> Comparison:
    articles = [_article(a) for a in "abc"]
    isis = Entity("isis", "Islamic State of Iraq and al-Shams", "group", ["ISIS"],
                  sorted(_mentions("a", "ISIS") + _mentions("b", "ISIS") + _mentions("b", "Islamic State of Iraq and al-Shams"),
                         key=lambda m: (m.article, m.start)))
    baghdad = Entity("baghdad", "Baghdad", "place", [], _mentions("a", "Baghdad") + _mentions("b", "Baghdad") + _mentions("c", "Baghdad"))
    tikrit = Entity("tikrit", "Tikrit", "place", [], _mentions("b", "Tikrit"))
    troops = Claim("iranian-troops", "Iranian troops sent to Iraq", "count", "troops", "conflict",
                   [_figure("a", "150"), _figure("b", "2,000"), _figure("c", "150")], "150 vs 2,000 troops")
    agree = Claim("calm", "agreeing figure", "count", "troops", "agree", [_figure("a", "150"), _figure("c", "150")], "150 = 150")
    return Comparison(event=event_for(articles), articles=articles, entities=[isis, baghdad, tikrit], claims=[troops, agree])


def _texts(pane, spans):
    return {pane.article.text[s:e] for s, e in spans}


async def test_entity_colours_same_in_every_pane_and_legend(tmp_path):
    cmp = fixture_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        spec = app.theme_spec
        colours = entity_colours(cmp.entities)
        isis_style, baghdad_style = spec.entity_style(colours["isis"]), spec.entity_style(colours["baghdad"])
        assert isis_style != baghdad_style
        a, b, c = (screen.pane(i) for i in range(3))
        assert _texts(a, a.spans_with_style(isis_style)) == {"ISIS"}
        assert _texts(b, b.spans_with_style(isis_style)) == {"ISIS", "Islamic State of Iraq and al-Shams"}
        assert c.spans_with_style(isis_style) == []
        for pane in (a, b, c):
            assert _texts(pane, pane.spans_with_style(baghdad_style)) == {"Baghdad"}
        # Tikrit is in one article only: not highlighted
        assert all("Tikrit" not in b.article.text[s:e] for s, e, _ in b.highlight_spans())
        # the drawn strip carries the palette colour on the entity's cells
        line = a.line_of(a.article.text.find("ISIS"))
        strip = a._text_segments(line, RichStyle(), 80)
        seg = next(s for s in strip if s.text == "ISIS")
        isis_colour = spec.palette[colours["isis"]].lower()
        assert seg.style.color.name.lower() == isis_colour or seg.style.color.triplet.hex == isis_colour
        # the Entities list is the legend: shared first, one row each
        entities = screen.sidebar.query_one("#entities")
        assert [entities.get_option_at_index(i).id for i in range(entities.option_count)] == ["isis", "baghdad", "tikrit"]
        assert "██" in str(entities.get_option_at_index(0).prompt)


async def test_conflict_and_agree_styles_and_theme_switch(tmp_path):
    cmp = fixture_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        conflict = app.theme_spec.styles["conflict"]
        a, b = screen.pane(0), screen.pane(1)
        assert _texts(a, a.spans_with_style(conflict)) == {"150"}
        assert _texts(b, b.spans_with_style(conflict)) == {"2,000"}
        assert _texts(a, a.spans_with_style(app.theme_spec.styles["agree"])) == {"150"}
        isis = entity_colours(cmp.entities)["isis"]
        dark_isis = app.theme_spec.entity_style(isis)
        app.theme = "high-contrast"
        await pilot.pause()
        spec = app.theme_spec
        assert spec.name == "high-contrast" and spec.entity_style(isis) != dark_isis
        assert _texts(a, a.spans_with_style(spec.entity_style(isis))) == {"ISIS"}
        assert _texts(b, b.spans_with_style(spec.styles["conflict"])) == {"2,000"}
        assert a.spans_with_style(dark_isis) == []
        app.theme = "nord"  # a Textual theme without a newsdiff file still highlights
        await pilot.pause()
        assert a.spans_with_style(app.theme_spec.entity_style(isis))


async def test_cursor_on_a_value_shows_the_whole_claim(tmp_path):
    cmp = fixture_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        a = screen.pane(0)
        a.move_cursor(a.line_of(a.article.text.find("150")))
        await pilot.pause()
        detail = str(screen.sidebar.query_one("#claim-detail").render())
        assert "CONFLICT" in detail and "150 vs 2,000 troops" in detail
        assert "[1] Source A" in detail and "[2] Source B" in detail and "2,000" in detail


async def test_selecting_a_claim_scrolls_each_pane_to_its_value(tmp_path):
    cmp = fixture_comparison()
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(160, 20)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        b = screen.pane(1)
        assert b.scroll_y == 0
        screen.select_claim("iranian-troops")
        await pilot.pause()
        line = b.line_of(b.article.text.find("2,000"))
        assert b.scroll_y > 0 and b.line_visible(line) and b.cursor_line == line
        assert screen.sidebar.active_tab == "figures"


# ----------------------------------------------------------------------------- real engine


@pytest.fixture(scope="module")
def seeds_comparison():
    from newsdiff.corpus.articles import load_corpus
    from newsdiff.comparison.compare import compare_articles
    from newsdiff.corpus.paths import seeds_dir

    articles = load_corpus([seeds_dir()]).articles
    return compare_articles(articles)


async def test_seeds_isis_alias_group_one_colour_in_all_four_panes(tmp_path, seeds_comparison):
    cmp = seeds_comparison
    isis = next(e for e in cmp.entities if "ISIS" in [e.name, *e.aliases])
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        panes = [screen.pane(i) for i in range(4)]
        mention_spans = {(m.article, m.start, m.end) for m in isis.mentions}
        styles, surfaces = set(), set()
        for pane in panes:
            mine = [(s, e, st) for s, e, st in pane.highlight_spans() if (pane.article.id, s, e) in mention_spans]
            assert mine, f"no ISIS mention highlighted in {pane.article.id}"
            styles |= {st for _, _, st in mine}
            surfaces |= {pane.article.text[s:e] for s, e, _ in mine}
        assert len(styles) == 1  # one colour, the same in every pane
        assert len(surfaces) >= 2  # under different aliases (ISIS, ISIL, Isis, Islamic State of ...)
        other = {st for e in cmp.shared_entities if e.id != isis.id for st in [app.theme_spec.entity_style(list(cmp.shared_entities).index(e))]}
        assert styles.isdisjoint(other) or len(cmp.shared_entities) > len(app.theme_spec.palette)


async def test_seeds_150_and_2000_carry_the_conflict_style(tmp_path, seeds_comparison):
    cmp = seeds_comparison
    app = make_app(cmp.articles, out_path=tmp_path / "n.yaml", comparison=cmp)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        conflict = app.theme_spec.styles["conflict"]
        texts = set()
        for i in range(4):
            pane = app.screen.pane(i)
            texts |= {pane.article.text[s:e] for s, e in pane.spans_with_style(conflict)}
        assert any("150" in t for t in texts), texts
        assert any("2,000" in t for t in texts), texts
        # "could amount to as many as 10,000": hypothetical, never drawn like the conflict
        assert not any("10,000" in t for t in texts), texts
        hypothetical = app.theme_spec.styles["hypothetical"]
        drawn = {app.screen.pane(i).article.text[s:e] for i in range(4)
                 for s, e in app.screen.pane(i).spans_with_style(hypothetical)}
        compared = [f for c in cmp.claims if c.verdict in MARKED_VERDICTS for f in c.values if f.hypothetical]
        assert {f.text[f.value_start - f.start:f.value_end - f.start] for f in compared} == drawn
