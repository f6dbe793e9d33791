"""The sidebar: tabs for Entities (the colour legend), Figures (claims and the selected
claim in full), Search results and Notes. Every row is built as Content from engine
records — text only ever goes in as plain strings or ``(text, style)`` pairs, never as
markup — so article text and notes are shown literally, with control characters replaced
by visible placeholders.

The Figures list writes each claim's verdict as a mark and a word (not only a colour),
conflicts first; the claim detail says, per article, what was written, in which sentence,
and what the engine read it as counting (its frame), so a conflict can be judged at once.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from newsdiff.corpus.textsafe import clean_name, replace_controls

TAB_IDS = {"entities": "tab-entities", "figures": "tab-figures", "search": "tab-search", "notes": "tab-notes"}


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def entity_prompt(entity, style: str | None, article_numbers: dict[str, int], quiet: bool = False) -> Content:
    """``██ Name  kind · in 1 2 4 · 7×`` then ``aka …`` (aliases) on a second line; a
    shared entity without a colour of its own (``quiet``) has ``░░`` in the quiet style."""
    swatch = (("░░ " if quiet else "██ "), style) if style else ("   ", "")
    where = " ".join(str(article_numbers[a]) for a in entity.articles if a in article_numbers)
    head = Content.assemble(
        swatch, (entity.name, "bold"),
        (f"  {entity.kind} · in {where} · {len(entity.mentions)}×", "$text-muted"),
    )
    aliases = [a for a in entity.aliases if a != entity.name]
    if aliases:
        head = Content.assemble(head, "\n   ", ("aka " + ", ".join(aliases), "italic $text-muted"))
    return head


#: A mark per verdict, so the list reads without colour: ≠ the values cannot both hold,
#: → they changed between reports, ? they differ but may not be the same quantity.
VERDICT_MARKS = {"conflict": "≠", "update": "→", "possible": "?", "agree": "=", "single": "·"}
#: The order of the Figures list: what needs the reader's judgement first.
VERDICT_ORDER = ("conflict", "update", "possible", "agree", "single")
_VERDICT_RANK = {v: i for i, v in enumerate(VERDICT_ORDER)}
SENTENCE_CHARS = 140  # the sentence excerpt in the claim detail: about four sidebar lines
LABEL_CHARS = 32  # an article's label after "[n] ", so it stays on one sidebar line


def _safe(text: object) -> str:
    """One line of untrusted text, with control, bidi and zero-width characters shown as
    placeholders (:func:`newsdiff.corpus.textsafe.replace_controls`)."""
    return " ".join(replace_controls(str(text)).split())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def verdict_badge(verdict: str) -> str:
    """`` ≠ CONFLICT `` — the verdict as a mark and a word."""
    return f" {VERDICT_MARKS.get(verdict, '•')} {verdict.upper()} "


def sorted_claims(claims: Sequence) -> list:
    """Conflicts first, then updates, possible matches, agreements, single figures (stable)."""
    return sorted(claims, key=lambda c: _VERDICT_RANK.get(c.verdict, len(VERDICT_ORDER)))


def claim_prompt(claim, verdict_style: str, article_numbers: dict[str, int]) -> Content:
    def value(f) -> str:
        shown = _safe(f.text) if len(f.text) <= 24 else _num(f.value)
        where = str(article_numbers.get(f.article, "?")) + (", hypothetical" if f.hypothetical else "")
        return f"{shown} ({where})"

    return Content.assemble(
        (verdict_badge(claim.verdict), verdict_style), " ", (_safe(claim.claim), "bold"),
        "\n   ", (" · ".join(value(f) for f in claim.values), "$text-muted"),
    )


def article_label(article) -> str:
    """``000 · Source · Title`` — the id's short form the reasons use ("000" for
    "000_1e331f..."), the source when known, the title."""
    parts = [article.id.split("_", 1)[0] or article.id]
    if getattr(article, "source", None):
        parts.append(article.source)
    if article.title:
        parts.append(article.title)
    return _safe(" · ".join(parts))


def frame_line(frame) -> str:
    """``thing · predicate · holder · scope`` (scope: time and place), only the parts that
    are set, then the role when it is not the whole and "running count"."""
    if frame is None:
        return ""
    scope = ", ".join(p for p in (frame.time, frame.place) if p)
    parts = [p for p in (frame.thing, frame.predicate, frame.holder, scope) if p]
    line = " · ".join(_safe(p) for p in parts)
    extra = [f"role: {frame.role}"] if frame.role != "total" else []
    extra += ["running count"] if frame.running else []
    if extra:
        line += (" " if line else "") + "(" + ", ".join(extra) + ")"
    return line


def sentence_excerpt(text: str, span: tuple[int, int], figure: tuple[int, int],
                     limit: int = SENTENCE_CHARS) -> tuple[str, str, str]:
    """The sentence ``span`` of ``text`` as (before, figure, after), cut at words to about
    ``limit`` characters around the figure, with "…" where it was cut."""
    s, e = span
    fs, fe = max(s, min(figure[0], e)), max(s, min(figure[1], e))
    if e - s > limit:
        room = max(0, limit - (fe - fs))
        start = max(s, fs - room // 2)
        end = min(e, max(fe, start + limit))
        start = max(s, min(start, end - limit, fs))
        if start > s:
            space = text.find(" ", start, fs)
            start = space + 1 if space != -1 else start
        if end < e:
            space = text.rfind(" ", fe, end)
            end = space if space != -1 else end
        s0, e0 = start, end
    else:
        s0, e0 = s, e
    before = ("…" if s0 > s else "") + _safe(text[s0:fs]).lstrip()
    after = _safe(text[fe:e0]).rstrip() + ("…" if e0 < e else "")
    if text[fs - 1 : fs].isspace() and before and not before.endswith(" "):
        before += " "
    if text[fe : fe + 1].isspace() and after and not after.startswith(" "):
        after = " " + after
    return before, _cut(_safe(text[fs:fe]), limit), after


def _interval(low: float, high: float) -> str:
    """What the figure allows, in canonical units: "145–155", "≥ 150", "≤ 10,050"."""
    if low == high:
        return ""
    if high == float("inf"):
        return "" if low == float("-inf") else f"≥ {_num(low)}"
    if low == float("-inf"):
        return f"≤ {_num(high)}"
    return f"{_num(low)}–{_num(high)}"


def _sentence_span(text: str, f) -> tuple[int, int]:
    if 0 <= f.sentence_start < f.sentence_end <= len(text):
        return f.sentence_start, f.sentence_end
    from tui import engine  # figures built without sentence spans: the engine's splitter

    return engine.sentence_span(text, f.start, f.end)


def claim_detail(claim, style_of: Callable[[str], str], articles: Mapping[str, object],
                 numbers: dict[str, int], labels: Mapping[str, str] | None = None) -> Content:
    """Everything about one claim, to judge it at a glance: the verdict, the confidence of
    the alignment and why; then per value the article's label, the value as written, the
    sentence it came from, its frame, and the value converted with bounds, hedge, source.

    ``style_of(key)`` gives a theme style: a verdict's, or ``"hypothetical"``.
    """
    parts: list = [
        (verdict_badge(claim.verdict), style_of(claim.verdict)), " ", (_safe(claim.claim), "bold"), "\n",
        ("confidence ", "$text-muted"), (f"{claim.confidence:.2f}", "bold"), "\n",
    ]
    if claim.reason:
        parts += [(_safe(claim.reason), "italic"), "\n"]
    for f in claim.values:
        article = articles.get(f.article)
        n = numbers.get(f.article, "?")
        label = (labels or {}).get(f.article) or (article_label(article) if article is not None else _safe(f.article))
        parts += ["\n", (f"[{n}] ", "bold $accent"), (_cut(label, LABEL_CHARS), "$text-muted"), "\n"]
        parts += ["  “", (_safe(f.text), "bold"), "”"]
        if f.hypothetical:
            parts += [" ", (" hypothetical ", style_of("hypothetical"))]
        if f.implicit:
            parts += [" ", ("implied", "italic $text-muted")]
        parts.append("\n")
        text = getattr(article, "text", None)
        if text:
            before, figure, after = sentence_excerpt(text, _sentence_span(text, f), (f.start, f.end))
            parts += ["  ", ("│ ", "$text-muted"), (before, "italic"), (figure, "bold italic"), (after, "italic"), "\n"]
        frame = frame_line(f.frame)
        if frame:
            parts += ["  ", ("frame ", "$text-muted"), frame, "\n"]
        shown = f"{_num(f.pair[0])}–{_num(f.pair[1])}" if f.pair is not None else _num(f.value)
        value = f"  value {shown}" + (f" {_safe(f.unit)}" if f.unit else "")
        converted = f.canonical is not None and f.canonical_unit and (
            f.canonical != f.value or f.canonical_unit not in (f.unit, "count")
        )
        if converted:
            value += f" = {_num(f.canonical)} {_safe(f.canonical_unit)}"
        value += f" · {f.bound.replace('_', ' ')}"
        interval = _interval(f.low, f.high)
        if interval:
            value += f", {interval}"
        parts += [value, "\n"]
        if f.hedge:
            parts += ["  hedged ", (f"“{_safe(f.hedge)}”", "italic"), "\n"]
        if f.attribution:
            parts += ["  according to ", (_safe(f.attribution), "italic"), "\n"]
    return Content.assemble(*parts)


def note_prompt(note, target_label: str) -> Content:
    flag = (" ORPHANED ", "bold $error reverse") if note.orphaned else ("", "")
    text = _safe(note.note)  # notes, tags and labels come from a YAML file: untrusted
    if len(text) > 200:
        text = text[:199] + "…"
    return Content.assemble(
        flag, (" " if note.orphaned else "") , (f"[{_safe(note.tag)}]", "bold $accent"), " ", text,
        "\n   ", (_safe(target_label), "italic $text-muted"),
    )


def hit_prompt(hit, number: int | None, label: str = "") -> Content:
    where = (f"[{number}] " if number else "") + (f"{_safe(label)} · " if label else "")
    snippet = _safe(getattr(hit, "snippet", "") or "")
    return Content.assemble(
        (where, "bold $accent"), (_safe(hit.title), "bold"), (f"  {hit.score:.2f}", "$text-muted"),
        "\n   ", (snippet[:160], "$text-muted"),
    )


class VimOptionList(OptionList):
    """An OptionList that also moves with the keys people already know: j / k, g / G."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class NotesList(VimOptionList):
    """The Notes tab's list: enter jumps to the target, e edits, d deletes. Editing and
    deleting are asked for with :class:`EditNote` / :class:`DeleteNote` (the highlighted
    note's id, None when there is none): the screen's notes do them."""

    BINDINGS = [
        Binding("e", "edit_note", "Edit note", id="notes.edit"),
        Binding("d,delete", "delete_note", "Delete note", id="notes.delete"),
    ]

    class EditNote(Message):
        def __init__(self, note_id: str | None) -> None:
            super().__init__()
            self.note_id = note_id

    class DeleteNote(Message):
        def __init__(self, note_id: str | None) -> None:
            super().__init__()
            self.note_id = note_id

    def _highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def action_edit_note(self) -> None:
        self.post_message(self.EditNote(self._highlighted_id()))

    def action_delete_note(self) -> None:
        self.post_message(self.DeleteNote(self._highlighted_id()))


class EntitiesList(VimOptionList):
    """The Entities tab (the colour legend). It owns the reader's corrections of the alias
    resolver: m on one entity and m on another says they are one (m again on the first
    lets go); x splits a name off the highlighted entity. Each posts :class:`Judged`."""

    BINDINGS = [
        Binding("m", "merge", "Merge entities", id="entities.merge"),
        Binding("x", "split", "Split a name off", id="entities.split"),
    ]

    class Judged(Message):
        """The reader judged two names: ``verdict`` "same" or "not-same", ``names`` (A, B)."""

        def __init__(self, verdict: str, names: tuple[str, str]) -> None:
            super().__init__()
            self.verdict = verdict
            self.names = names

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.entities: dict[str, object] = {}
        self.marked: str | None = None  # the entity id m was pressed on first

    def _current(self):
        index = self.highlighted
        if index is None:
            return None
        return self.entities.get(self.get_option_at_index(index).id or "")

    def action_merge(self) -> None:
        entity = self._current()
        if entity is None:
            self.app.bell()
            return
        marked = self.entities.get(self.marked or "")
        if marked is None:
            self.marked = entity.id
            self.notify(Content.assemble("Merge ", (entity.name, "bold"),
                                         " with…: press m on the other entity (m here again lets go)"),
                        title="Entities", timeout=6)
        elif marked is entity:
            self.marked = None
            self.notify(Content("Merge cancelled."), title="Entities", timeout=3)
        else:
            self.marked = None
            self.post_message(self.Judged("same", (marked.name, entity.name)))

    def action_split(self) -> None:
        from tui.modals import ChooseAlias

        entity = self._current()
        if entity is None:
            self.app.bell()
            return
        names = [a for a in entity.aliases if a != entity.name]
        if not names:
            self.notify(Content.assemble((entity.name, "bold"), " has no other name to split off."),
                        title="Entities", severity="warning", timeout=4)
            return

        def chosen(alias: str | None) -> None:
            if alias:
                self.post_message(self.Judged("not-same", (entity.name, alias)))

        self.app.push_screen(ChooseAlias(entity.name, names), chosen)


def judgement_prompt(judgement) -> Content:
    """An unapplied judgement, listed under the entities: never dropped."""
    a, b = (clean_name(n) for n in judgement.names)
    word = "same as" if judgement.verdict == "same" else "not"
    return Content.assemble(("   not applied: ", "$text-muted"), (f"{a} {word} {b}", "italic $text-muted"),
                            (" (no entity has that name now)", "$text-muted"))


class Sidebar(Vertical):
    DEFAULT_CSS = """
    Sidebar { width: 40; border-left: vkey $panel-lighten-2; }
    Sidebar.-hidden { display: none; }
    Sidebar OptionList { height: 1fr; border: none; }
    Sidebar #claims { height: 1fr; }
    Sidebar #claim-detail-scroll { height: 1fr; border-top: hkey $panel-lighten-2; }
    Sidebar #search-status { height: auto; color: $text-muted; }
    Sidebar TabPane { padding: 0; }
    """

    def compose(self):
        with TabbedContent(id="tabs"):
            with TabPane("Entities", id=TAB_IDS["entities"]):
                yield EntitiesList(id="entities", markup=False)
            with TabPane("Figures", id=TAB_IDS["figures"]):
                yield VimOptionList(id="claims", markup=False)
                with VerticalScroll(id="claim-detail-scroll"):
                    yield Static(Content("Select a claim (enter) or put the cursor on a value."),
                                 id="claim-detail", markup=False)
            with TabPane("Search", id=TAB_IDS["search"]):
                yield Static(Content("Press / to search (Whoosh syntax)."), id="search-status", markup=False)
                yield VimOptionList(id="search-results", markup=False)
            with TabPane("Notes", id=TAB_IDS["notes"]):
                yield NotesList(id="notes", markup=False)

    def show_tab(self, name: str) -> None:
        self.query_one("#tabs", TabbedContent).active = TAB_IDS[name]

    def next_tab(self) -> None:
        """``t``: the next tab, round the end."""
        order = ["entities", "figures", "search", "notes"]
        current = self.active_tab or "notes"
        self.show_tab(order[(order.index(current) + 1) % len(order)])

    def highlight(self, list_id: str, option_id: str) -> None:
        """Highlight ``option_id`` in the list ``list_id`` (none when it is not there)."""
        ol = self.query_one(f"#{list_id}", OptionList)
        try:
            index = ol.get_option_index(option_id)
        except Exception:
            index = None
        ol.highlighted = index

    @property
    def active_tab(self) -> str:
        active = self.query_one("#tabs", TabbedContent).active
        return next((k for k, v in TAB_IDS.items() if v == active), "")

    def _fill(self, list_id: str, options: Sequence[Option]) -> None:
        ol = self.query_one(f"#{list_id}", OptionList)
        keep = ol.highlighted
        ol.set_options(options)
        if options:
            ol.highlighted = min(keep or 0, len(options) - 1)

    def show_entities(self, entities, style_of: Callable[[str], tuple[str, bool] | None],
                      numbers: dict[str, int], unapplied: Sequence = ()) -> None:
        """The legend: ``style_of(entity_id)`` is (style, quiet) or None (not highlighted);
        judgements that no entity fits any more are listed last, disabled."""
        self.query_one("#entities", EntitiesList).entities = {e.id: e for e in entities}
        options = []
        for e in entities:
            swatch = style_of(e.id)
            style, quiet = swatch if swatch else (None, False)
            options.append(Option(entity_prompt(e, style, numbers, quiet), id=e.id))
        for n, j in enumerate(unapplied):
            options.append(Option(judgement_prompt(j), id=f"unapplied-{n}", disabled=True))
        self._fill("entities", options)

    def show_comparison(self, cmp, spec, numbers: dict[str, int]) -> None:
        """The Entities tab, each entity with its highlight colour in theme ``spec`` (the
        quiet style for the ones not coloured), and the Figures tab's claims."""
        from tui.highlights import entity_colours

        colours = entity_colours(cmp.entities)

        def swatch(entity_id: str) -> tuple[str, bool] | None:
            index = colours.get(entity_id)
            if index is None:
                return None
            if index < 0:
                return spec.styles["entity_quiet"], True
            return spec.palette[index % len(spec.palette)], False

        self.show_entities(cmp.entities, swatch, numbers, getattr(cmp, "unapplied", ()))
        self.show_claims(cmp.claims, lambda v: spec.styles.get(v, "reverse"), numbers)

    def show_claims(self, claims, verdict_style: Callable[[str], str], numbers: dict[str, int]) -> None:
        self._fill("claims", [
            Option(claim_prompt(c, verdict_style(c.verdict), numbers), id=c.id) for c in sorted_claims(claims)
        ])

    def show_claim_detail(self, content: Content) -> None:
        self.query_one("#claim-detail", Static).update(content)

    def show_search(self, status: Content, hits, numbers: dict[str, int], labels: Mapping[str, str] | None = None) -> None:
        self.query_one("#search-status", Static).update(status)
        self._fill("search-results", [
            Option(hit_prompt(h, numbers.get(h.article_id), (labels or {}).get(h.article_id, "")), id=f"hit-{i}")
            for i, h in enumerate(hits)
        ])

    def show_notes(self, notes, label_of: Callable[[object], str]) -> None:
        self._fill("notes", [Option(note_prompt(n, label_of(n)), id=n.id) for n in notes])
