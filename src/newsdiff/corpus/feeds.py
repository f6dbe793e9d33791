"""Read RSS and Atom feeds (``.rss``, ``.atom``, and feeds saved as ``.xml``): one
:class:`~newsdiff.corpus.formats.Record` per item that carries an article's text.

An item is an article when it carries full content (``content:encoded``, Atom
``<content>``), else a summary long enough to be one (:data:`MIN_SUMMARY_CHARS` of text once
its HTML is plain text). Items with only a link or a short teaser are not articles: one
note line per feed names how many there are and their first links (save those pages
to read them). A feed with no such item, and a file that is no feed at all, raise
:class:`~newsdiff.corpus.formats.FormatError`.

Item HTML becomes plain text here (:func:`html_to_text`, the standard library's
``html.parser``): paragraphs separated by blank lines, scripts and styles dropped, entities
decoded, including the double-escaped ones feeds are prone to ("&amp;#8217;"), and the C1
control characters a feed declared ISO-8859-1 but written in cp1252 decodes to are read as
cp1252, as browsers do.

May import only :mod:`newsdiff.corpus` and :mod:`newsdiff.lexicon` (and feedparser, imported
when a feed is read).
"""

from __future__ import annotations

import html
import io
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from newsdiff.corpus.formats import FormatError, Record

#: A summary (no full content) is an article from this many characters of plain text.
MIN_SUMMARY_CHARS = 400
#: Links named in the note on the items that are not articles.
NOTE_URLS = 5

# --------------------------------------------------------------------------- HTML -> text

_SKIPPED = frozenset(
    "script style noscript template head title iframe object embed svg math canvas audio video "
    "select button".split()
)
_BLOCKS = frozenset(
    "p div section article header footer aside nav main h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "blockquote pre table thead tbody tfoot tr figure figcaption hr address details summary "
    "form fieldset center".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _TextParser(HTMLParser):
    """Collects text as paragraphs (a block element ends one) of lines (``<br>`` ends one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._lines: list[str] = []
        self._chunks: list[str] = []
        self._skip: list[str] = []  # open elements whose text is dropped
        self._pre = 0

    def _end_line(self) -> None:
        raw = "".join(self._chunks)
        line = " ".join(raw.split()) if not self._pre else raw.rstrip()
        self._chunks = []
        if line or (self._pre and self._lines):
            self._lines.append(line)

    def _end_paragraph(self) -> None:
        self._end_line()
        while self._lines and not self._lines[-1].strip():
            self._lines.pop()
        if self._lines:
            self.paragraphs.append("\n".join(self._lines))
        self._lines = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if self._skip:
            return
        if tag == "br":
            self._end_line()
        elif tag in _BLOCKS:
            self._end_paragraph()
            if tag == "pre":
                self._pre += 1
        elif tag in ("td", "th"):
            self._chunks.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            elif tag in self._skip:  # an unclosed element inside: close up to it
                del self._skip[self._skip.index(tag):]
            return
        if tag in _BLOCKS:
            if tag == "pre":
                self._end_paragraph()
                self._pre = max(0, self._pre - 1)
            else:
                self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            for n, part in enumerate(data.split("\n")):
                if n:
                    self._end_line()
                self._chunks.append(part)
        else:
            self._chunks.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()


# A feed declared ISO-8859-1 but written in cp1252 decodes its quotes and dashes to C1
# controls (U+0080..U+009F); read them as cp1252, as browsers do (the five bytes cp1252
# leaves undefined stay as they are).
_C1_AS_CP1252 = {
    c: ch for c in range(0x80, 0xA0)
    if (ch := bytes([c]).decode("cp1252", errors="ignore"))
}
# An entity left in the text: the feed escaped its HTML twice ("&amp;#8217;").
_LEFT_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def _fix_text(text: str) -> str:
    text = text.translate(_C1_AS_CP1252)
    if "&" in text:
        text = _LEFT_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text.replace("\xa0", " ")


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by blank lines, the lines of
    one paragraph (``<br>``) by a newline, runs of spaces made one; entities decoded."""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; a backstop all the same
        pass
    return _fix_text("\n\n".join(parser.paragraphs)).strip()


def plain_text(value: str) -> str:
    """Text given as plain text: paragraphs (blank-line separated) kept, spaces made one."""
    paragraphs = re.split(r"\n\s*\n", value.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for para in paragraphs:
        lines = [" ".join(line.split()) for line in para.split("\n")]
        para = "\n".join(line for line in lines if line)
        if para:
            out.append(para)
    return _fix_text("\n\n".join(out)).strip()


def _detail_text(value: str | None, kind: str | None) -> str:
    if not value:
        return ""
    if kind and "html" not in kind and "xml" not in kind:
        return plain_text(value)
    return html_to_text(value)


def _one_line(value: str | None, kind: str | None = None) -> str | None:
    text = " ".join(_detail_text(value, kind).split())
    return text or None


# --------------------------------------------------------------------------- items

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")


def _iso_date(entry) -> str | None:
    """``published_parsed`` (else ``updated_parsed``) in ISO 8601, UTC: the date, and the
    minutes when the feed gave a time."""
    for parsed, raw in (("published_parsed", "published"), ("updated_parsed", "updated")):
        st = entry.get(parsed)
        if not st:
            continue
        try:
            if not 1 <= st.tm_year <= 9999:
                continue
            if _HAS_TIME.search(entry.get(raw) or ""):
                return time.strftime("%Y-%m-%dT%H:%M+00:00", st)
            return time.strftime("%Y-%m-%d", st)
        except (AttributeError, ValueError, TypeError, OverflowError):
            continue
    return None


def _item_text(entry) -> str:
    """The article text of an item, or "" when it carries none: its full content (the
    longest, when it has several), or its summary when that is longer (a teaser in
    ``content:encoded``) or, without content, long enough (:data:`MIN_SUMMARY_CHARS`)."""
    best = ""
    for content in entry.get("content") or []:
        text = _detail_text(content.get("value"), content.get("type"))
        if len(text) > len(best):
            best = text
    detail = entry.get("summary_detail") or {}
    summary = _detail_text(entry.get("summary"), detail.get("type", "text/html"))
    if best and len(best) >= len(summary):
        return best
    return summary if best or len(summary) >= MIN_SUMMARY_CHARS else ""


def _link(entry) -> str | None:
    link = entry.get("link")
    if isinstance(link, str) and link.strip():
        return " ".join(link.split())
    return None


def _source(feed) -> str | None:
    title = _one_line(feed.get("title"), (feed.get("title_detail") or {}).get("type"))
    if title:
        return title
    link = feed.get("link")
    host = urlsplit(link).hostname if isinstance(link, str) else None
    return host.removeprefix("www.") if host else None


def _not_articles_line(count: int, urls: list[str], any_summary: bool) -> str:
    what = "a link or a short summary" if any_summary else "a link"
    items = "1 item carries" if count == 1 else f"{count:,} items carry"
    line = f"{items} only {what} (save those pages to read them)"
    if urls:
        shown = ", ".join(urls[:NOTE_URLS]) + (", …" if len(urls) > NOTE_URLS else "")
        line += f": {shown}"
    return line


def _xml_problem(parsed) -> str | None:
    """A one-line account of the feed's XML error, or None when it is well formed (an
    encoding that was declared one way and read another is not an error here)."""
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    name = type(exc).__name__
    if name in ("CharacterEncodingOverride", "NonXMLContentType"):
        return None
    message = " ".join(str(exc).split()) or name
    message = re.sub(r"^<unknown>:(\d+):(\d+):", r"line \1, column \2:", message)
    return message[:160]


def _parse(data: bytes):
    import feedparser

    try:
        # a stream: bytes handed to feedparser as such could be taken for a path or a URL
        return feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # feedparser must never stop a load
        raise FormatError(f"cannot parse the feed ({type(exc).__name__})") from None


def read(path: Path, data: bytes) -> list[Record]:
    """The articles of a feed file; see the module docstring."""
    parsed = _parse(data)
    feed = parsed.get("feed") or {}
    entries = parsed.get("entries") or []
    if not entries and not feed.get("title") and (parsed.get("bozo") or not parsed.get("version")):
        raise FormatError("not an RSS or Atom feed")
    if not entries:
        raise FormatError("the feed has no items")
    source = _source(feed)
    records: list[Record] = []
    others: list[str] = []
    other_count = 0
    any_summary = False
    for n, entry in enumerate(entries, 1):
        text = _item_text(entry)
        if not text:
            other_count += 1
            any_summary = any_summary or bool((entry.get("summary") or "").strip())
            if (link := _link(entry)) is not None:
                others.append(link)
            continue
        records.append(Record(
            text=text,
            title=_one_line(entry.get("title"), (entry.get("title_detail") or {}).get("type")),
            source=source,
            url=_link(entry),
            published=_iso_date(entry),
            key=f"item-{n}",
        ))
    notes = []
    problem = _xml_problem(parsed)
    if problem:
        notes.append(f"not well-formed XML ({problem}); read leniently")
    if other_count:
        notes.append(_not_articles_line(other_count, others, any_summary))
    if not records:
        raise FormatError("no item carries an article's text: " + notes[-1])
    records[0].notes.extend(notes)
    return records
