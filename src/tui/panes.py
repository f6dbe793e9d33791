"""The article pane: one article's full text on the Line API (a ScrollView that wraps the
text into offset-keeping lines on resize and draws one cached Strip per visible line),
with entity / figure / search highlights layered from character spans, a cursor line, a
visual (line-range) selection made with ``v`` and a character-range selection made with
the mouse (drag; double-click takes a word, triple-click the sentence).
The text is never parsed as markup."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from newsdiff.corpus.articles import Article
from newsdiff.corpus.textsafe import clean_field, clean_name
from tui import engine
from tui.plain_render import draws_plain
from tui.scroll_column import GRAB, PAGE_UP, BarCell, bar_cells, bar_style
from tui.highlights import FIGURE_LAYERS, FIGURE_PRIORITY, LAYER_RANK, Mark, match_marks
from tui.wrapping import line_of_offset, wrap_offsets


def word_span(text: str, offset: int) -> tuple[int, int]:
    """The word around ``offset`` (letters and digits, joined by inner ' - . , such as
    "al-Shams", "U.S.", "2,000"); an empty range off a word."""
    def inner(i: int) -> bool:
        return 0 < i < len(text) - 1 and text[i] in "-'’.," and text[i - 1].isalnum() and text[i + 1].isalnum()

    if not (0 <= offset < len(text)) or not (text[offset].isalnum() or inner(offset)):
        return offset, offset
    start = end = offset
    while start > 0 and (text[start - 1].isalnum() or inner(start - 1)):
        start -= 1
    while end < len(text) and (text[end].isalnum() or inner(end)):
        end += 1
    return start, end


_MAX_LINES = 4000  # drawn lines kept per cache: a few screens of every pane


@dataclass(frozen=True)
class _LineMark:
    start: int
    end: int
    rank: int
    style: RichStyle


class ArticlePane(ScrollView, can_focus=True):
    """Scrolls one article's text; highlights come from ``set_marks`` / ``set_matches``."""

    ALLOW_SELECT = False  # the pane selects by character offsets itself (mouse drag, ``v``)

    COMPONENT_CLASSES = {
        "article-pane--cursor",
        "article-pane--cursor-blurred",
        "article-pane--selection",
    }
    DEFAULT_CSS = """
    ArticlePane { overflow-y: scroll; overflow-x: hidden; scrollbar-size-vertical: 0; scrollbar-visibility: hidden; }
    ArticlePane > .article-pane--cursor { background: $accent 25%; }
    ArticlePane > .article-pane--cursor-blurred { background: $foreground 8%; }
    ArticlePane > .article-pane--selection { background: $primary 35%; }
    """
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("v", "visual", "Select lines", id="pane.visual"),
    ]

    cursor_line: reactive[int] = reactive(0, always_update=False, repaint=False)

    class CursorMoved(Message):
        """The cursor line changed: ``start``/``end`` are its character range."""

        def __init__(self, pane: "ArticlePane", start: int, end: int) -> None:
            super().__init__()
            self.pane = pane
            self.start = start
            self.end = end

    def __init__(self, article: Article, index: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.index = index  # position among the comparison's panes (0-based)
        self._text = article.text.replace("\t", " ")
        self._lines: list[tuple[int, int]] = [(0, 0)]
        self._line_starts: list[int] = [0]
        self._wrap_width = 0
        self._marks: list[Mark] = []  # entity + figure marks from the comparison, by start
        self._mark_starts: list[int] = []  # their starts, for marks_in's binary search
        self._longest_mark = 0
        self._matches: list[Mark] = []  # search matches
        self._notes: list[Mark] = []  # text ranges that carry a note
        self._focus_key: str = ""  # selected entity / claim id: its marks get the focus style
        self._style_of: dict[tuple[str, int], str] = {}
        self._line_marks: list[list[_LineMark]] = [[]]
        self._strips: dict[tuple, Strip] = {}
        self._base_style: RichStyle | None = None
        self._bar_cache: tuple[tuple, list[BarCell]] | None = None
        self._bar_hover = False
        self._bar_grab: tuple[int, float] | None = None  # thumb held: (screen row, top line) at the press
        self._filtered: dict[tuple, Strip] = {}  # render_lines' rows: the same lines, filtered
        self._filtered_for: tuple = ()
        self.visual_anchor: int | None = None
        self.char_selection: tuple[int, int] | None = None  # mouse selection, [start, end)
        self._drag_anchor: int | None = None
        self._pending_offset: int | None = None  # a jump asked for while hidden / not laid out

    # ------------------------------------------------------------------ data in
    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._mark_starts = [m.start for m in self._marks]
        self._longest_mark = max((m.end - m.start for m in self._marks), default=0)
        self._restyle()

    def set_matches(self, spans: list[tuple[int, int]]) -> None:
        self._matches = match_marks(spans)
        self._restyle()

    def set_notes(self, marks: list[Mark]) -> None:
        if marks != self._notes:
            self._notes = list(marks)
            self._restyle()

    def set_focus_key(self, key: str) -> None:
        if key != self._focus_key:
            self._focus_key = key
            self._restyle()

    def restyle(self) -> None:
        """Recompute styles (after a theme change)."""
        self._restyle()

    @property
    def matches(self) -> list[Mark]:
        return list(self._matches)

    @property
    def marks(self) -> list[Mark]:
        return list(self._marks)

    # ------------------------------------------------------------------ styles
    def _spec(self):
        return self.app.theme_spec  # type: ignore[attr-defined]

    def _all_styled(self) -> list[tuple[Mark, str, int]]:
        """Every mark with its style string and drawing rank (later = on top)."""
        spec = self._spec()
        out: list[tuple[Mark, str, int]] = []
        for mark in self._marks:
            out.append((mark, spec.style_for(mark.kind, mark.colour), LAYER_RANK[mark.kind]))
            if self._focus_key and mark.key == self._focus_key:
                out.append((mark, spec.style_for("focus"), LAYER_RANK["focus"]))
        for mark in self._notes:
            out.append((mark, spec.style_for("note"), LAYER_RANK["note"]))
        for mark in self._matches:
            out.append((mark, spec.style_for("match"), LAYER_RANK["match"]))
        return out

    def highlight_spans(self) -> list[tuple[int, int, str]]:
        """``(start, end, style)`` of every highlight drawn, bottom layer first (for tests
        and for anyone asking what the pane shows)."""
        return [
            (m.start, m.end, style)
            for m, style, rank in sorted(self._all_styled(), key=lambda t: (t[2], t[0].start))
        ]

    def spans_with_style(self, style: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e, st in self.highlight_spans() if st == style]

    def _restyle(self) -> None:
        parse_cache: dict[str, RichStyle] = {}

        def parse(style: str) -> RichStyle:
            if style not in parse_cache:
                try:
                    parse_cache[style] = RichStyle.parse(style)
                except Exception:
                    parse_cache[style] = RichStyle.null()
            return parse_cache[style]

        per_line: list[list[_LineMark]] = [[] for _ in self._lines]
        starts = self._line_starts
        n_lines = len(self._lines)
        for mark, style, rank in self._all_styled():
            line = line_of_offset(starts, mark.start)
            lm = _LineMark(mark.start, mark.end, rank, parse(style))
            while line < n_lines:
                per_line[line].append(lm)
                line += 1
                if line >= n_lines or starts[line] >= mark.end:
                    break
        for lst in per_line:
            lst.sort(key=lambda m: m.rank)
        self._line_marks = per_line
        self._forget_lines()
        self._base_style = None
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _text_width(self) -> int:
        """Cells of text in a line: the pane's width less its scroll bar's cell."""
        width = self.size.width
        return width - 1 if width > 1 else max(1, width)

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()
        if self._pending_offset is not None and self.size.width > 0:
            offset, self._pending_offset = self._pending_offset, None
            self.call_after_refresh(self.jump_to_offset, offset)

    def _rewrap(self) -> None:
        width = self._text_width()
        if width == self._wrap_width:
            return
        anchor = self.cursor_offset()
        self._wrap_width = width
        self._lines = wrap_offsets(self._text, width) or [(0, 0)]
        self._line_starts = [s for s, _ in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self._restyle()
        self.cursor_line = line_of_offset(self._line_starts, anchor)
        if self.visual_anchor is not None:
            self.visual_anchor = min(self.visual_anchor, len(self._lines) - 1)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_range(self, line: int) -> tuple[int, int]:
        return self._lines[max(0, min(line, len(self._lines) - 1))]

    def line_of(self, offset: int) -> int:
        return line_of_offset(self._line_starts, offset)

    def cursor_offset(self) -> int:
        if not self._lines or self.cursor_line >= len(self._lines):
            return 0
        return self._lines[self.cursor_line][0]

    def line_visible(self, line: int) -> bool:
        top = round(self.scroll_y)
        return top <= line < top + self.scrollable_content_region.height

    def visible_text(self) -> str:
        """The text of the lines on screen now."""
        top = round(self.scroll_y)
        rows = self._lines[top : top + self.scrollable_content_region.height]
        return "\n".join(self._text[s:e] for s, e in rows)

    # ------------------------------------------------------------------ drawing
    def _base(self) -> RichStyle:
        """The pane's own style (background, text colour), computed once per restyle."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._bar_cache = None
        self._forget_lines()

    def _forget_lines(self) -> None:
        """Drop every drawn line (styles, cursor, selection or theme changed)."""
        self._strips.clear()
        self._filtered.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows in ``crop``. Where Textual's styling pass would only copy the lines
        (``draws_plain``), each row is a strip kept per drawn line (its text, cursor,
        selection and scroll-bar cell) with the app's line filters already applied, so
        a scroll reuses every line drawn before and a new line costs one ``Strip``;
        else Textual's pass over :meth:`render_line`."""
        if not draws_plain(self):
            return super().render_lines(crop)
        width = self.size.width
        background = self.background_colors[1]
        filters = tuple(self.get_line_filters())
        if self._filtered_for != (filters, background):
            self._filtered.clear()
            self._filtered_for = (filters, background)
        cache = self._filtered
        bar = self._bar()
        rows = []
        for y in crop.line_range:
            key = self._line_key(y, width, bar)
            strip = cache.get(key)
            if strip is None:
                segments = self._line_segments(key)
                for line_filter in filters:
                    segments = line_filter.apply(segments, background)
                strip = Strip(segments, width)
                if len(cache) > _MAX_LINES:
                    cache.clear()
                cache[key] = strip
            rows.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            rows = [strip.crop(x1, x2) for strip in rows]
        return rows

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        key = self._line_key(y, width, self._bar())
        strip = self._strips.get(key)
        if strip is None:
            strip = Strip(self._line_segments(key), width)
            if len(self._strips) > _MAX_LINES:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _line_key(self, y: int, width: int, bar: list[BarCell]) -> tuple:
        """What row ``y`` shows, as a key of the line caches: the text line, whether the
        cursor / selection is on it, the text width, the pane's width and the row's
        scroll-bar cell."""
        index = round(self.scroll_y) + y
        text_width = self._wrap_width or self._text_width()
        cell = bar[y].segment if 0 <= y < len(bar) and width > text_width else None
        if index >= len(self._lines):
            return (-1, False, False, False, None, text_width, width, cell)
        cursor = index == self.cursor_line
        return (index, cursor, cursor and self.has_focus, self._selected(index), self._selected_chars(index),
                text_width, width, cell)

    def _line_segments(self, key: tuple) -> list[Segment]:
        """The segments of the row ``key`` names: its text with its highlights on the
        pane's style over ``text_width`` cells, then its scroll-bar cell."""
        index, cursor, focused, selected, chars, text_width, width, cell = key
        base = self._base()
        if index < 0:
            segments = [Segment(" " * text_width, base)]
        else:
            if selected:
                base = base + self.get_component_rich_style("article-pane--selection")
            elif cursor:
                name = "article-pane--cursor" if focused else "article-pane--cursor-blurred"
                base = base + self.get_component_rich_style(name)
            extra = None
            if chars is not None:
                style = self.get_component_rich_style("article-pane--selection", partial=True)
                extra = _LineMark(chars[0], chars[1], 1 << 30, style)
            segments = self._text_segments(index, base, text_width, extra)
        if cell is not None:
            segments.append(cell)
            segments.extend([Segment(" " * (width - text_width - 1), base)] if width > text_width + 1 else [])
        elif width > text_width:
            segments.append(Segment(" " * (width - text_width), base))
        elif width < text_width:
            segments = list(Strip(segments, text_width).crop(0, width))
        return segments

    # ------------------------------------------------------------------ scroll bar
    def _bar(self) -> list[BarCell]:
        """The scroll bar's cells, one per row (see ``scroll_column``), in the colours a
        Textual ``ScrollBar`` takes from the pane's styles: held, hovered or plain."""
        height = self.size.height
        styles = self.styles
        if self._bar_grab is not None:
            back, bar = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self._bar_hover:
            back, bar = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            back, bar = styles.scrollbar_background, styles.scrollbar_color
        thumb = self.screen.styles.scrollbar_color.a != 0
        key = (height, len(self._lines), int(self.scroll_y * 8), back, bar, thumb)
        if self._bar_cache is None or self._bar_cache[0] != key:
            style = bar_style(back, bar, self.background_colors[0])
            self._bar_cache = (key, bar_cells(height, len(self._lines), self.scroll_y, style, thumb=thumb))
        return self._bar_cache[1]

    def _on_bar(self, x: int) -> bool:
        """Whether content column ``x`` is the scroll bar's."""
        return self.size.width > self._text_width() and x >= self._text_width()

    def _bar_press(self, y: int, screen_y: int) -> None:
        """A press on the bar: hold the thumb, or page towards the press."""
        bar = self._bar()
        action = bar[y].action if 0 <= y < len(bar) else PAGE_UP
        if action == GRAB:
            self._bar_grab = (screen_y, self.scroll_y)
            self.capture_mouse()
            self.refresh()
        elif action == PAGE_UP:
            self.scroll_page_up(animate=False)
        else:
            self.scroll_page_down(animate=False)

    def _bar_drag(self, screen_y: int) -> None:
        """The held thumb follows the pointer: a row of bar is lines / height lines."""
        grabbed_y, grabbed_top = self._bar_grab  # type: ignore[misc]
        height = max(1, self.size.height)
        lines = max(1, len(self._lines))
        self.scroll_to(y=grabbed_top + (screen_y - grabbed_y) * lines / height, animate=False, immediate=True)

    def _set_bar_hover(self, hover: bool) -> None:
        if hover != self._bar_hover:
            self._bar_hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        self._set_bar_hover(False)

    def _text_segments(self, index: int, base: RichStyle, width: int, extra: _LineMark | None = None) -> list[Segment]:
        """Line ``index``'s text with its highlights, exactly ``width`` cells."""
        start, end = self._lines[index]
        text = self._text
        marks = self._line_marks[index] if index < len(self._line_marks) else []
        if extra is not None:
            marks = [*marks, extra]  # drawn last: on top
        line = text[start:end]
        cells = len(line) if line.isascii() else cell_len(line)
        if not marks:
            segments = [Segment(line, base)]
        else:
            points = {start, end}
            for m in marks:
                if start < m.start < end:
                    points.add(m.start)
                if start < m.end < end:
                    points.add(m.end)
            cuts = sorted(points)
            segments = []
            for a, b in zip(cuts, cuts[1:]):
                style = base
                for m in marks:
                    if m.start <= a and m.end >= b:
                        style = style + m.style
                segments.append(Segment(text[a:b], style))
        if cells < width:
            segments.append(Segment(" " * (width - cells), base))
        elif cells > width:  # trailing spaces past the edge
            segments = list(Strip(segments, cells).crop(0, width))
        return segments

    def _selected(self, line: int) -> bool:
        if self.visual_anchor is None:
            return False
        lo, hi = sorted((self.visual_anchor, self.cursor_line))
        return lo <= line <= hi

    def _selected_chars(self, line: int) -> tuple[int, int] | None:
        """The part of ``line`` inside the mouse selection, as character offsets."""
        if self.char_selection is None:
            return None
        start, end = self._lines[line]
        a, b = max(start, self.char_selection[0]), min(end, self.char_selection[1])
        return (a, b) if a < b else None

    @property
    def has_selection(self) -> bool:
        """True when the user chose a range (``v`` lines or a mouse drag)."""
        return self.visual_anchor is not None or self.char_selection is not None

    def selection_range(self) -> tuple[int, int]:
        """Character range of the selection (mouse range, else ``v`` lines), else of the
        cursor line; surrounding white space trimmed."""
        if self.char_selection is not None:
            start, end = self.char_selection
        else:
            if self.visual_anchor is None:
                lo = hi = self.cursor_line
            else:
                lo, hi = sorted((self.visual_anchor, self.cursor_line))
            start, end = self._lines[lo][0], self._lines[hi][1]
        return engine.trimmed_span(self.article.text, start, end)

    def invalidate(self) -> None:
        self._forget_lines()
        self.refresh()

    def on_focus(self) -> None:
        self._forget_lines()
        self.refresh()

    def on_blur(self) -> None:
        self._forget_lines()
        self.refresh()

    # ------------------------------------------------------------------ cursor
    def watch_cursor_line(self, old: int, new: int) -> None:
        if self.visual_anchor is not None:
            self.refresh()
        else:
            self._refresh_line(old)
            self._refresh_line(new)
        start, end = self.line_range(new)
        self.post_message(self.CursorMoved(self, start, end))

    def _refresh_line(self, line: int) -> None:
        """Repaint text line ``line`` if it is on screen (``ScrollView.refresh_line``
        takes a line of the text, not a row of the pane)."""
        if 0 <= line - round(self.scroll_y) < self.size.height:
            self.refresh_line(line)

    def move_cursor(self, line: int, *, center: bool = False) -> None:
        line = max(0, min(line, len(self._lines) - 1))
        self.cursor_line = line
        region = Region(0, line, 1, 1)
        if center:
            self.scroll_to_region(region, center=True, animate=False, immediate=True, force=True)
        elif not self.line_visible(line):
            self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def jump_to_offset(self, offset: int) -> None:
        """Put the cursor on the line holding ``offset`` and centre it. A pane that is not
        on screen (another window of panes, or not laid out yet) does it when shown."""
        if self.size.width == 0 or self._wrap_width == 0:
            self._pending_offset = offset
            return
        self._pending_offset = None
        self.move_cursor(self.line_of(offset), center=True)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = round(new)
        if self.cursor_line < top:
            self.cursor_line = min(top, len(self._lines) - 1)
        elif self.cursor_line >= top + height:
            self.cursor_line = max(0, top + height - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_line + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_line - 1)

    def action_page_down(self) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + page, animate=False, immediate=True)
        self.move_cursor(self.cursor_line + page)

    def action_page_up(self) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y - page, animate=False, immediate=True)
        self.move_cursor(self.cursor_line - page)

    def action_top(self) -> None:
        self.move_cursor(0)

    def action_bottom(self) -> None:
        self.move_cursor(len(self._lines) - 1)

    class SelectionChanged(Message):
        """A selection was opened or dropped (the status bar shows the mode)."""

        def __init__(self, pane: "ArticlePane") -> None:
            super().__init__()
            self.pane = pane

    def action_visual(self) -> None:
        self.visual_anchor = None if self.visual_anchor is not None else self.cursor_line
        self._forget_lines()
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    def clear_visual(self) -> None:
        """Drop any selection (``v`` lines or mouse range)."""
        if self.has_selection:
            self.visual_anchor = None
            self.char_selection = None
            self._forget_lines()
            self.refresh()
            self.post_message(self.SelectionChanged(self))

    def select_chars(self, start: int, end: int) -> None:
        """Select ``[start, end)`` of the article text (what a mouse drag does)."""
        start, end = max(0, min(start, end)), min(len(self._text), max(start, end))
        self.visual_anchor = None
        self.char_selection = (start, end) if end > start else None
        self._forget_lines()
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    # ------------------------------------------------------------------ mouse
    def offset_at(self, x: int, y: int) -> int:
        """The character offset drawn at content cell ``(x, y)`` (clamped to the text)."""
        line = max(0, min(round(self.scroll_y) + y, len(self._lines) - 1))
        start, end = self._lines[line]
        if x <= 0:
            return start
        cells = 0
        for i in range(start, end):
            cells += cell_len(self._text[i])
            if cells > x:
                return i
        return end

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if self._on_bar(offset.x):
            self._bar_press(offset.y, event.screen_y)
            event.stop()
            return
        self.clear_visual()
        self._drag_anchor = self.offset_at(offset.x, offset.y)
        self.move_cursor(round(self.scroll_y) + offset.y)
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._bar_grab is not None and self.app.mouse_captured is self:
            self._bar_drag(event.screen_y)
            return
        if self.app.mouse_captured is None:
            offset = event.get_content_offset(self)
            self._set_bar_hover(offset is not None and self._on_bar(offset.x))
        if self._drag_anchor is None or self.app.mouse_captured is not self:
            return
        offset = event.get_content_offset_capture(self)
        height = max(1, self.scrollable_content_region.height)
        if offset.y < 0:  # dragging above or below the pane scrolls it
            self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)
        elif offset.y >= height:
            self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)
        y = max(0, min(offset.y, height - 1))
        here = self.offset_at(offset.x, y)
        anchor = self._drag_anchor
        # The character under the pointer is included, as terminals select.
        self.select_chars(anchor, here + 1) if here >= anchor else self.select_chars(here, anchor)
        self.move_cursor(round(self.scroll_y) + y)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._bar_grab is not None:
            self._bar_grab = None
            if self.app.mouse_captured is self:
                self.release_mouse()
            self.refresh()
        if self._drag_anchor is not None:
            self._drag_anchor = None
            if self.app.mouse_captured is self:
                self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._on_bar(offset.x):
            return
        here = self.offset_at(offset.x, offset.y)
        if event.chain == 2:
            self.select_chars(*word_span(self._text, here))
        elif event.chain >= 3:
            self.select_chars(*engine.sentence_span(self.article.text, here, here + 1))

    # ------------------------------------------------------------------ navigation
    def mark_offsets(self, key: str) -> list[int]:
        return sorted(m.start for m in self._marks if m.key == key)

    def marks_in(self, start: int, end: int) -> list[Mark]:
        """The marks overlapping ``[start, end)``, by start (a binary search: it runs on
        every cursor move of every linked pane)."""
        first = bisect_left(self._mark_starts, start - self._longest_mark)
        last = bisect_left(self._mark_starts, end)
        return [m for m in self._marks[first:last] if m.end > start]

    def nearest_mark(self, kind: str, offset: int) -> Mark | None:
        candidates = [m for m in self._marks if m.kind == kind]
        if not candidates:
            return None
        return min(candidates, key=lambda m: (0 if m.start <= offset < m.end else 1, abs(m.start - offset)))

    def entity_at_cursor(self) -> Mark | None:
        """``e``: the first shared entity on the cursor line, else the nearest one."""
        start, end = self.line_range(self.cursor_line)
        on_line = [m for m in self.marks_in(start, end) if m.kind == "entity"]
        return on_line[0] if on_line else self.nearest_mark("entity", self.cursor_offset())

    def figure_at_cursor(self) -> Mark | None:
        """``f``: the compared figure on the cursor line (conflicts first), else the nearest."""
        start, end = self.line_range(self.cursor_line)
        on_line = [m for m in self.marks_in(start, end) if m.kind in FIGURE_PRIORITY]
        if on_line:
            return min(on_line, key=lambda m: (FIGURE_PRIORITY[m.kind], m.start))
        near = [self.nearest_mark(k, self.cursor_offset()) for k in FIGURE_LAYERS]
        near = [m for m in near if m is not None]
        return min(near, key=lambda m: abs(m.start - self.cursor_offset())) if near else None

    def next_offset(self, offsets: list[int], forward: bool, wrap: bool = True) -> int | None:
        """The first of ``offsets`` after (before) the cursor line, wrapping around (or
        None at the end when not ``wrap``)."""
        if not offsets:
            return None
        line_start, line_end = self.line_range(self.cursor_line)
        if forward:
            i = bisect_left(offsets, line_end)
            return offsets[i] if i < len(offsets) else (offsets[0] if wrap else None)
        i = bisect_right(offsets, line_start - 1)
        return offsets[i - 1] if i > 0 else (offsets[-1] if wrap else None)


class PaneColumn(Vertical):
    """A pane with its header (number, title, source)."""

    DEFAULT_CSS = """
    PaneColumn { width: 1fr; min-width: 20; border: round $panel-lighten-2; padding: 0 0 0 1; }
    PaneColumn:focus-within { border: round $accent; }
    PaneColumn > .pane-header { height: 2; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    PaneColumn > ArticlePane { height: 1fr; }
    """

    def __init__(self, article: Article, index: int, label: str = "", label_is_title: bool = False) -> None:
        super().__init__(id=f"col-{index}")
        self.article = article
        self.index = index
        self.label = label
        self.label_is_title = label_is_title  # then the header's second line is the file name
        self.copy_of = ""  # "copy of 3": a wire copy of another pane's article
        self.pane = ArticlePane(article, index, id=f"pane-{index}")

    def set_copy_of(self, note: str) -> None:
        """Say in the header that this article is a wire copy ("copy of 3"), or not."""
        if note != self.copy_of:
            self.copy_of = note
            if self.is_mounted:
                self.query_one(".pane-header", Static).update(self._header())

    def compose(self):
        yield Static(self._header(), classes="pane-header", markup=False)
        yield self.pane

    def _header(self) -> Content:
        # the header: the pane's number and the article's label (its outlet, the one name
        # every view uses) with its date, then the title; all cleaned
        article = self.article
        label = self.label or clean_field(article.source) or clean_name(article.path.rsplit("/", 1)[-1])
        who = Content.assemble((f"{self.index + 1} ", "bold $accent"), (label, "bold $foreground"))
        if article.published:
            who = Content.assemble(who, (f" · {clean_field(article.published) or ''}", "$text-muted"))
        if self.copy_of:
            who = Content.assemble(who, (f" · {self.copy_of}", "italic $warning"))
        # the second line: the title, or the file name when the label already is the title
        second = clean_field(article.title) or ""
        if not self.label or self.label_is_title:
            second = clean_name(article.path.rsplit("/", 1)[-1])
        return Content.assemble(who, "\n", (second, "italic"))
