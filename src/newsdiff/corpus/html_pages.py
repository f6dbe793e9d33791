"""The reader of saved web pages (``.html``, ``.htm``; also "Save page as… complete", whose
``Page_files/`` folder the loader never enters): one :class:`Record` per page, or
:class:`FormatError` for a page without an article (an error page, an index of links, a
page that is all script, junk).

* Text: the main text as trafilatura finds it, favouring precision (no comments, no
  tables, no links, no images), so navigation, cookie banners, "Related stories",
  comments, share buttons, ads and footers are left out; each paragraph, heading or list
  of the story is one block and blocks are separated by a blank line. A heading at the
  top that repeats the title is dropped (the app shows the title above the text), and so
  are short leftover lines that are boilerplate everywhere ("Advertisement", "Share this:",
  "Subscribe to continue reading", ...).
* Title, outlet and URL: trafilatura's metadata (JSON-LD, OpenGraph, ``<meta>``,
  ``<title>``); the outlet falls back on ``og:site_name``, the URL on ``og:url``,
  ``<link rel=canonical>`` and the ``<!-- saved from url=... -->`` comment browsers write.
  An author is found too, but an article has no field for one, so it is not kept.
* Published: htmldate's ``find_date`` (``original_date=True``: the first publication,
  not the last update) as ``YYYY-MM-DD``, first from the page's markup alone and only
  then from its text as well; a date that extensive search alone found and that is a
  1 January is taken for a bare year (a copyright line) and dropped. When the page's
  metadata gives the time of that publication (JSON-LD ``datePublished``,
  ``article:published_time``, ``<time datetime>``, ...), it is kept to the minute with its
  offset: ``2025-03-14T09:42+01:00``.
* Decoding: BOM, else UTF-8, else the charset the page declares (``<meta charset>`` or
  ``http-equiv``; latin-1 and ASCII read as windows-1252, as browsers do), else
  trafilatura's own detection.

Any failure inside is reported as one :class:`FormatError` line; nothing else escapes.

May import only the standard library, trafilatura, htmldate and
:mod:`newsdiff.corpus.formats`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import htmldate
import trafilatura
from trafilatura.utils import load_html

from newsdiff.corpus.formats import FormatError, Record

NO_ARTICLE = "no article text found in the page"
#: Fewer words of prose than this (paragraphs and quotes; not headings or lists) is not
#: an article: a 404 page, a section front of links, a "please enable JavaScript" page.
MIN_PROSE_WORDS = 20
#: ... and one paragraph at least must be a sentence's worth.
MIN_PARAGRAPH_WORDS = 8
#: An error page ("404 - Page not found") is rejected unless it has this much prose.
ERROR_PAGE_MAX_WORDS = 150

_EXTRACT_OPTIONS = dict(
    favor_precision=True,
    include_comments=False,
    include_tables=False,
    include_links=False,
    include_images=False,
    include_formatting=False,
    with_metadata=True,
    deduplicate=False,
)

# --------------------------------------------------------------------------- decoding

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: What browsers read instead of what is declared (the WHATWG encoding standard).
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "l1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252"}


def _decode(data: bytes) -> tuple[str | bytes, list[str]]:
    """The page as text when its encoding is known (BOM, valid UTF-8, a declared charset),
    else the bytes, for trafilatura to detect; and notes for the loader."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return data, []
    declared = match.group(1).decode("ascii", "replace").lower()
    name = _CHARSET_ALIASES.get(declared, declared)
    if name.startswith(("utf-16", "utf-32", "utf16", "utf32")):
        name = "utf-8"  # bytes that can be searched for "<meta" are not UTF-16
    try:
        codecs.lookup(name)
    except LookupError:
        return data, [f"declares an unknown charset {declared!r}; its encoding was guessed"]
    return data.decode(name, errors="replace"), []


# --------------------------------------------------------------------------- text

_SPACES = re.compile(r"[^\S\n]+")
_BLOCKS = frozenset({"p", "head", "quote", "list", "code", "table", "div", "item"})
#: Short lines trafilatura can leave in that are boilerplate on every site.
_BOILERPLATE_LINE = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|share(?: this(?: (?:story|article))?)?:?"
    r"|(?:click to )?share on \w+|read more|related(?: stories| articles)?|most (?:read|popular)"
    r"|(?:subscribe|sign in|log in|register) to (?:continue|read)(?: reading)?.*"
    r"|already a (?:subscriber|member)\?.*|this (?:article|story|content) is (?:for|available to) subscribers.*"
    r"|(?:accept|manage) (?:all )?cookies.*|comments?(?: \(\d+\))?|leave a (?:reply|comment)"
    r"|sign up (?:to|for) (?:our|the) .*newsletter.*|skip to (?:main )?content)$",
    re.IGNORECASE,
)


def _inline_text(element) -> str:
    """The text of an element, ``<lb/>`` as a line break."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _blocks(body) -> list[tuple[str, str]]:
    """``(kind, text)`` for each block of trafilatura's output tree: ``head``, ``list``
    (one item a line, ``- `` before each) or ``p`` (paragraphs, quotes, code)."""
    out: list[tuple[str, str]] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "list":
            items = [_tidy(_inline_text(item)).replace("\n", " ") for item in element.iter("item")]
            text = "\n".join(f"- {item}" for item in items if item)
            kind = "list"
        elif tag in ("quote", "div") and any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
            out.extend(_blocks(element))
            continue
        elif tag == "table":
            continue
        else:
            text = _tidy(_inline_text(element))
            kind = "head" if tag == "head" else "p"
        if text:
            out.append((kind, text))
    return out


def _same_words(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.casefold()))

    return norm(a) == norm(b)


def _story(body, title: str | None) -> list[tuple[str, str]]:
    blocks = [(k, t) for k, t in _blocks(body) if not (len(t.split()) <= 10 and _BOILERPLATE_LINE.match(t))]
    if blocks and title and blocks[0][0] == "head" and _same_words(blocks[0][1], title):
        blocks = blocks[1:]
    return blocks


# --------------------------------------------------------------------------- metadata

_ERROR_PAGE = re.compile(
    r"^\W*(?:error\W*)?(?:40[0134]|410|50[0-4])\b|\b(?:error|http)\W*(?:40[0134]|410|50[0-4])\b"
    r"|\b(?:page|article|story|content)\b.{0,30}\b(?:not (?:be )?found|cannot be found|could not be found"
    r"|does ?n[o’']t exist|no longer (?:exists|available))\b"
    r"|^\W*(?:page )?not found\W*$|^\W*oops\b",
    re.IGNORECASE,
)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
    "article.published", "article_date_original", "original-publish-date", "cxenseparse:recs:publishtime",
)
_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_ISO_TIME = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$")


def _meta_content(tree, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in wanted:
            content = (meta.get("content") or "").strip()
            if content:
                return content
    return None


def _absolute_url(value: object) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        if re.match(r"https?://[^\s/]+", value, re.IGNORECASE) and not re.search(r"\s", value):
            return value
    return None


def _page_url(document, tree, text: str | bytes) -> str | None:
    url = _absolute_url(getattr(document, "url", None)) or _absolute_url(_meta_content(tree, "og:url"))
    if url:
        return url
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            url = _absolute_url(link.get("href"))
            if url:
                return url
    head = text[:2048] if isinstance(text, str) else text[:2048].decode("latin-1")
    match = _SAVED_FROM.search(head)
    return match.group(1) if match else None


def _published_candidates(tree) -> list[str]:
    found = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_META and meta.get("content"):
            found.append(meta.get("content"))
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            found.extend(_JSONLD_PUBLISHED.findall(script.text or ""))
    for time in tree.iter("time"):
        if time.get("datetime"):
            found.append(time.get("datetime"))
    return found


def _publication_time(tree, day: str) -> str | None:
    """``day`` with the time the metadata gives for it, to the minute, with its offset:
    ``2025-03-14T09:42+01:00``; None when no field gives a time on that day (midnight
    exactly is taken for a date without a time)."""
    for value in _published_candidates(tree):
        match = _ISO_TIME.match(value)
        if not match or match.group(1) != day:
            continue
        hours, minutes, offset = match.group(2), match.group(3), match.group(4) or ""
        if not (int(hours) < 24 and int(minutes) < 60) or (hours, minutes) == ("00", "00"):
            continue
        if len(offset) == 3:
            offset += ":00"
        elif len(offset) == 5:
            offset = f"{offset[:3]}:{offset[3:]}"
        return f"{day}T{hours}:{minutes}{offset}"
    return None


def _published(tree, url: str | None) -> str | None:
    day = htmldate.find_date(tree, original_date=True, extensive_search=False, url=url)
    if not day:
        day = htmldate.find_date(tree, original_date=True, extensive_search=True, url=url)
        if day and day.endswith("-01-01"):  # a bare year: "© 2025" is no publication date
            day = None
    if not day:
        return None
    return _publication_time(tree, day) or day


# --------------------------------------------------------------------------- reader


def _read(data: bytes) -> Record:
    text, notes = _decode(data)
    tree = load_html(text)
    if tree is None:  # a fragment ("<p>...</p>" alone) is rejected as not quite HTML
        tree = load_html(("<html><body>%s</body></html>" if isinstance(text, str) else b"<html><body>%s</body></html>") % text)
    if tree is None:
        raise FormatError("not an HTML page")
    document = trafilatura.bare_extraction(tree, **_EXTRACT_OPTIONS)
    if document is None or getattr(document, "body", None) is None:
        raise FormatError(NO_ARTICLE)
    title = (getattr(document, "title", None) or "").strip() or None
    blocks = _story(document.body, title)
    prose = [t for k, t in blocks if k == "p"]
    words = sum(len(t.split()) for t in prose)
    if words < MIN_PROSE_WORDS or not any(len(t.split()) >= MIN_PARAGRAPH_WORDS for t in prose):
        raise FormatError(NO_ARTICLE)
    heading = next((t for k, t in blocks if k == "head"), "")
    if words < ERROR_PAGE_MAX_WORDS and any(_ERROR_PAGE.search(s) for s in (title or "", heading) if s):
        raise FormatError(NO_ARTICLE)
    source = (getattr(document, "sitename", None) or _meta_content(tree, "og:site_name") or "").strip() or None
    url = _page_url(document, tree, text)
    return Record(
        text="\n\n".join(t for _, t in blocks),
        title=title,
        source=source,
        url=url,
        published=_published(tree, url),
        notes=notes,
    )


def read(path: Path, data: bytes) -> list[Record]:
    """The article of a saved web page, as one record. Raises FormatError (one line) for a
    page without one, or one that cannot be read."""
    try:
        return [_read(data)]
    except FormatError:
        raise
    except Exception as exc:  # trafilatura, htmldate or lxml trouble: one line, no traceback
        reason = " ".join(str(exc).split())[:120]
        raise FormatError(f"cannot read the page ({type(exc).__name__}{': ' + reason if reason else ''})") from None
