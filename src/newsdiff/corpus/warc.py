"""Read web archives (``.warc``, ``.warc.gz``): one
:class:`~newsdiff.corpus.formats.Record` per HTML page the archive captured.

A page is a ``response`` record with HTTP status 200 and an HTML Content-Type. It is read
as a saved page is (:func:`newsdiff.corpus.html_pages.read`: the main text without
navigation, boilerplate and comments; title; site name; the page's date), its HTTP
charset first. Its source is the site's name, else the host; its url the WARC-Target-URI;
its published date the page's own, else the capture date (WARC-Date, to the minute, UTC;
one note line says how many pages that is). HTML pages that hold no article (a section
front, an error page served with 200) are named in one note line; every other record
(requests, metadata, redirects, errors, images) is passed over silently.

An archive cut short or damaged stops at the damage: the pages before it are kept, and
one note line says where it stopped. A file that is no WARC at all raises
:class:`~newsdiff.corpus.formats.FormatError`. Each page's body is read up to
:data:`MAX_PAGE_BYTES` (decompressed), no further; warcio's own warnings (it writes them
to stderr) are kept off the terminal.

May import only :mod:`newsdiff.corpus` and :mod:`newsdiff.lexicon` (and warcio, imported
when an archive is read; the saved-page reader brings trafilatura)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

from newsdiff.corpus.formats import FormatError, Record

#: The most of one page's (decompressed) body read; a larger page is skipped with a note.
MAX_PAGE_BYTES = 5_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _capture_date(value: str | None) -> str | None:
    """The WARC-Date (``2024-03-05T14:30:07Z``) as ISO 8601 to the minute, UTC
    (``2024-03-05T14:30+00:00``, the form the saved-page reader gives)."""
    m = re.match(r"(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d))?", (value or "").strip())
    if not m:
        return None
    return f"{m.group(1)}T{m.group(2)}+00:00" if m.group(2) else m.group(1)


#: Charsets browsers read as another (the WHATWG encoding standard), as the saved-page
#: reader does for a declared one.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "latin-1": "cp1252",
                    "latin1": "cp1252", "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _as_served(body: bytes, content_type: str) -> bytes:
    """The page in UTF-8 when its HTTP Content-Type names a charset Python knows (it wins
    over a ``<meta charset>``, as in a browser; a BOM wins over both), else as it came,
    for the saved-page reader to decode."""
    m = _CHARSET.search(content_type)
    if not m or body.startswith(_BOMS):
        return body
    declared = m.group(1).lower()
    try:
        return body.decode(_CHARSET_ALIASES.get(declared, declared), errors="replace").encode("utf-8")
    except LookupError:
        return body


def _page(path: Path, body: bytes, content_type: str) -> Record | None:
    """The article of one captured page, read as a saved page is
    (:func:`newsdiff.corpus.html_pages.read`: main text, title, site name, page date), or
    None when it holds none (an index of links, an error page)."""
    from newsdiff.corpus import html_pages  # trafilatura: imported only when a page is read

    try:
        found = html_pages.read(path, _as_served(body, content_type))
    except FormatError:
        return None
    return found[0] if found else None


def _is_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in _HTML_TYPES


def _cut_short(record) -> bool:
    """Whether the archive ended before the record's Content-Length did."""
    from warcio.limitreader import LimitReader

    stream = record.raw_stream
    return isinstance(stream, LimitReader) and stream.limit > 0


def _bad_header(record) -> str | None:
    """Why a record cannot be a WARC record of a sound archive, or None."""
    if record.format != "warc":
        return "no WARC/1.x header line"
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not length.isdigit():
        return "no valid Content-Length"
    return None


def _reason(exc: BaseException) -> str:
    """One short printable line for a warcio error (its messages quote the bytes it
    could not read, which may be binary)."""
    text = " ".join(str(exc).split())
    if text.startswith(("Invalid WARC record", "Unknown archive format")):
        return "no WARC record where one should start"
    text = "".join(c for c in text.split(". ")[0] if c.isprintable() and ord(c) < 0x7F)[:80].strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _kept(count: int) -> str:
    return "kept no page before it" if not count else (
        "kept the page before it" if count == 1 else f"kept the {count} pages before it")


def read(path: Path, data: bytes) -> list[Record]:
    """The pages of a web archive; see the module docstring."""
    from warcio.archiveiterator import ArchiveIterator

    records: list[Record] = []
    notes: list[str] = []
    undated = 0
    no_text: list[str] = []  # HTML pages with no article in them
    seen = 0  # records read whole
    end = 0  # where the last record read whole ends in ``data``
    # warcio writes its warnings ("Record not followed by newline") to stderr
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            archive = ArchiveIterator(io.BytesIO(data))
        except Exception as exc:
            raise FormatError(f"not a WARC file ({_reason(exc)})") from None
        while True:
            try:
                record = next(archive)
            except StopIteration:
                break
            except Exception as exc:  # warcio raises many kinds at damage
                if not seen:
                    raise FormatError(f"not a WARC file ({_reason(exc)})") from None
                notes.append(f"archive damaged after record {seen} ({_reason(exc)}); {_kept(len(records))}")
                break
            n = seen + 1
            bad = _bad_header(record)
            if bad:
                if not seen:
                    raise FormatError(f"not a WARC file ({bad})")
                notes.append(f"archive damaged in record {n} ({bad}); {_kept(len(records))}")
                break
            page = None
            if _is_page(record):
                try:  # dechunked and decompressed as served
                    body = record.content_stream().read(MAX_PAGE_BYTES + 1)
                except Exception as exc:  # a body that does not decode: this page only
                    notes.append(f"record-{n}: cannot decode the page ({_reason(exc)}), skipped")
                else:
                    if len(body) > MAX_PAGE_BYTES:
                        notes.append(f"record-{n}: page over {MAX_PAGE_BYTES:,} bytes, skipped")
                    else:
                        page = (body, record.http_headers.get_header("Content-Type") or "")
            try:
                archive.read_to_end(record)
            except Exception as exc:
                notes.append(f"archive damaged in record {n} ({_reason(exc)}); {_kept(len(records))}")
                break
            if _cut_short(record):
                notes.append(f"archive cut short in record {n}; {_kept(len(records))}")
                break
            seen = n
            offset, length = archive.member_info or (end, 0)
            end = offset + length
            if page is None:
                continue
            try:
                found = _page(path, *page)
            except Exception as exc:  # the extractor must never stop a load
                notes.append(f"record-{n}: no text extracted ({_reason(exc)})")
                continue
            if found is None or not found.text.strip():
                no_text.append(f"record-{n}")
                continue
            url = _one_line(record.rec_headers.get_header("WARC-Target-URI"))
            published = found.published
            if not published:
                published = _capture_date(record.rec_headers.get_header("WARC-Date"))
                undated += published is not None
            records.append(Record(
                text=found.text,
                title=found.title,
                source=_one_line(found.source) or _host(url),
                url=url or found.url,
                published=published,
                key=f"record-{n}",
                notes=[f"record-{n}: {line}" for line in found.notes],
            ))
    if not notes and data[end:].strip():
        # bytes after the last whole record that make no record: a last record cut short
        # in its headers (or a gzip member cut short)
        if not seen:
            raise FormatError("not a WARC file (no whole record)")
        notes.append(f"archive cut short after record {seen} ({len(data) - end:,} bytes left that make "
                     f"no record); {_kept(len(records))}")
    if not seen and not notes:
        raise FormatError("not a WARC file (no records)")
    if no_text:
        shown = ", ".join(no_text[:5]) + (", …" if len(no_text) > 5 else "")
        pages = "1 HTML page holds" if len(no_text) == 1 else f"{len(no_text):,} HTML pages hold"
        notes.append(f"{pages} no article text ({shown})")
    if undated:
        pages = "1 page has no date of its own" if undated == 1 else f"{undated} pages have no date of their own"
        notes.append(f"{pages}: published is the capture date (WARC-Date)")
    if not records:
        reason = notes[0] if notes else f"{seen} records, none an HTML page (status 200)"
        raise FormatError(f"no HTML page in the archive: {reason}")
    records[0].notes.extend(notes)
    return records
