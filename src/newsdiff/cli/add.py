"""``newsdiff add URL... [--to DIR]``: fetch web pages and save each one's article into a
folder, then index the folder the way ``newsdiff index DIR`` does.

Each page is fetched with the standard library (http and https only; a ``User-Agent``
naming newsdiff; at most :data:`MAX_REDIRECTS` redirects; ``--timeout`` is the socket
timeout of every connect and read and also the whole fetch's deadline, checked between
chunks; reading stops past ``--max-bytes``, gzip bodies included; only ``text/html`` and
``application/xhtml+xml`` are taken). Its article is extracted by
:mod:`newsdiff.corpus.html_pages` and written as ``DIR/SLUG.md`` with YAML front matter
(``title``, ``source``, ``url``: the final URL after redirects, ``published``, ``fetched``:
UTC to the second); the raw page is kept as ``DIR/.raw/SLUG.html`` (a hidden folder, which
the loader passes over, so a story is not loaded twice). SLUG comes from the site and the
URL's path: ASCII, lower case, at most :data:`SLUG_MAX` characters, and never the name of
an existing file (``-2``, ``-3``, ...). A page whose URL (asked for, or final) is already the
``url`` of a ``.md`` article directly in DIR is not added again ("already in DIR").

Every bad URL is one ``newsdiff: error:`` line, and the others still go through; a summary
line ends the run on stderr. Exit code: 0 when every page is in DIR (added or already
there), 1 when some failed but not all, 2 when none is (or on a bad option); an index that
could not be updated makes a 0 a 1. Indexing loads DIR with the default ``--max-bytes`` of
the loader, as ``newsdiff index DIR`` does (the option here limits downloads).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import re
import sys
import time
import unicodedata
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, unquote_plus, urljoin, urlsplit, urlunsplit

import yaml

from newsdiff import __version__, cli
from newsdiff.corpus.articles import DEFAULT_MAX_BYTES, split_front_matter
from newsdiff.corpus.formats import FormatError
from newsdiff.corpus.textsafe import clean_field, clean_name
from newsdiff.atomic import SaveError, atomic_write_bytes, atomic_write_text

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 15.0
SLUG_MAX = 60
RAW_FOLDER = ".raw"
USER_AGENT = f"newsdiff/{__version__} (news reader; Python-urllib)"
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cgi)$", re.IGNORECASE)
#: What browsers read instead of what a header declares (as html_pages does for <meta>).
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252"}


class FetchError(Exception):
    """A URL that could not be added; ``str()`` is the one-line reason."""


class _AlreadyThere(Exception):
    """The page is already an article of DIR; ``args[0]`` is its file name."""


@dataclass
class Page:
    url: str  # the final URL, after redirects
    data: bytes
    charset: str | None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="+", metavar="URL", help="http or https addresses of pages")
    parser.add_argument("--to", type=Path, default=Path("news"), metavar="DIR",
                        help="folder to save the articles in (default: news/ in the current "
                        "folder; created if missing). It is indexed afterwards, so not your home folder")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"give up on a page after this long (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"fail a page larger than N bytes (default {DEFAULT_MAX_BYTES:,})")
    parser.add_argument("--index", type=Path, metavar="DIR",
                        help="index folder (default: the one 'newsdiff index DIR' uses)")
    parser.add_argument("--no-index", action="store_true", help="do not index DIR afterwards")


# --------------------------------------------------------------------------- fetching


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError, for :func:`fetch` to follow and count."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def web_url(url: str) -> str:
    """``url`` as http.client can send it (IDNA host, non-ASCII path percent-encoded);
    FetchError unless it is an http or https address with a host."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        if parts.scheme.lower() not in ("http", "https") or not host:
            raise FetchError("not a web address (http or https only)")
        netloc = parts.netloc
        if not netloc.isascii():
            port = f":{parts.port}" if parts.port else ""
            netloc = host.encode("idna").decode("ascii") + port
        safe = "/%:@!$&'()*+,;=?~[]"
        return urlunsplit((parts.scheme.lower(), netloc, quote(parts.path, safe=safe),
                           quote(parts.query, safe=safe), ""))
    except (ValueError, UnicodeError):
        raise FetchError("not a valid web address") from None


def _read_body(response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The body, decompressed when gzip/deflate; FetchError past ``max_bytes`` or the
    deadline. Never holds more than ``max_bytes`` plus one chunk."""
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding: {encoding}")
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding != "identity" else None
    too_big = FetchError(f"larger than the {max_bytes:,}-byte limit (--max-bytes); not read further")
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout:g} s")
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        if inflate is None:
            body += chunk
        else:
            try:
                while chunk and len(body) <= max_bytes:
                    body += inflate.decompress(chunk, max_bytes + 1 - len(body))
                    chunk = inflate.unconsumed_tail
            except zlib.error:
                raise FetchError(f"damaged {encoding} body") from None
        if len(body) > max_bytes:
            raise too_big
    return bytes(body)


def fetch(url: str, timeout: float, max_bytes: int) -> Page:
    """GET ``url``, following up to MAX_REDIRECTS redirects. Raises FetchError (one line)."""
    deadline = time.monotonic() + timeout
    seen = [url]
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"timed out after {timeout:g} s")
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
        try:
            with _OPENER.open(request, timeout=remaining) as response:
                kind = response.headers.get_content_type() if response.headers.get("Content-Type") else None
                if kind not in PAGE_TYPES:
                    raise FetchError(f"not a web page (Content-Type: {kind or 'none'})")
                declared = response.headers.get("Content-Length", "")
                if declared.strip().isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"declares {int(declared):,} bytes, over the {max_bytes:,}-byte "
                                     "limit (--max-bytes); not read")
                data = _read_body(response, max_bytes, deadline, timeout)
                if not data.strip():
                    raise FetchError("empty page")
                return Page(response.geturl(), data, response.headers.get_content_charset())
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.headers else None
            exc.close()
            if exc.code not in _REDIRECT_CODES:
                raise FetchError(f"HTTP {exc.code} {exc.reason}".rstrip()) from None
            if not location:
                raise FetchError(f"HTTP {exc.code} redirect without a Location") from None
            try:
                url = web_url(urljoin(url, location))
            except FetchError as why:
                raise FetchError(f"redirected to {location}: {why}") from None
            if url in seen:
                raise FetchError(f"redirect loop ({' -> '.join(seen[seen.index(url):] + [url])})") from None
            if len(seen) > MAX_REDIRECTS:
                raise FetchError(f"more than {MAX_REDIRECTS} redirects") from None
            seen.append(url)
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise FetchError(f"timed out after {timeout:g} s") from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise FetchError(f"cannot fetch ({text})") from None
        except TimeoutError:
            raise FetchError(f"timed out after {timeout:g} s") from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise FetchError(f"cannot fetch ({text})") from None


# --------------------------------------------------------------------------- saving


def _ascii_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def make_slug(url: str) -> str:
    """``site-last-parts-of-the-path``: ASCII, lower case, at most SLUG_MAX characters; the
    end of the path is kept before its start (it names the story; the start is "news/")."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    try:
        host = host.encode("ascii").decode("idna")  # xn--gazette-lige-6db -> gazette-liège
    except UnicodeError:
        pass
    site = _ascii_slug(host)[: SLUG_MAX // 2].strip("-") or "page"
    segments = [s for s in unquote(parts.path).split("/") if s]
    if segments:
        segments[-1] = _PAGE_SUFFIX.sub("", segments[-1])
    words = [w for w in map(_ascii_slug, segments + [unquote_plus(parts.query)]) if w and w != "index"]
    # numbers before the last part (a date: 2025/03/14) would be cut into fragments
    words = [w for i, w in enumerate(words) if i == len(words) - 1 or not w.replace("-", "").isdigit()]
    budget = SLUG_MAX - len(site) - 1
    tail: list[str] = []
    for word in reversed(words):
        if not tail:
            cut = word[:budget]
            if len(word) > budget and word[budget] != "-" and "-" in cut:
                cut = cut.rsplit("-", 1)[0]  # end on a whole word
            tail.append(cut.strip("-"))
            if len(word) > budget:
                break
        elif len(word) + 1 + len("-".join(tail)) <= budget:
            tail.insert(0, word)
        else:
            break
    return "-".join([site, *tail]).strip("-")[:SLUG_MAX]


def free_slug(folder: Path, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``, ... : the first whose ``.md`` and raw ``.html``
    are both free (nothing is ever overwritten)."""
    n, name = 1, slug
    while (folder / f"{name}.md").exists() or (folder / RAW_FOLDER / f"{name}.html").exists():
        n += 1
        suffix = f"-{n}"
        name = slug[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return name


def known_urls(folder: Path) -> dict[str, str]:
    """``url -> file name`` of the ``.md`` articles directly in ``folder`` (front matter)."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        try:
            with open(path, "rb") as handle:
                head = handle.read(64 * 1024).decode("utf-8", "replace")
        except OSError:
            continue
        if head.startswith("---"):
            url = split_front_matter(head)[0].get("url")
            if url:
                found.setdefault(url, path.name)
    return found


def _page_text(page: Page) -> bytes:
    """The bytes for the reader: re-encoded as UTF-8 when they are not UTF-8 already and
    the Content-Type declares a charset (the header comes before ``<meta>``)."""
    if not page.charset or page.data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return page.data
    try:
        page.data.decode("utf-8")
        return page.data
    except UnicodeDecodeError:
        pass
    try:
        return page.data.decode(_CHARSET_ALIASES.get(page.charset, page.charset), "replace").encode("utf-8")
    except LookupError:
        return page.data


def save(folder: Path, page: Page) -> tuple[Path, str | None]:
    """Extract the article of ``page`` and write ``SLUG.md`` and ``.raw/SLUG.html``;
    returns the ``.md`` path and the title. Raises FormatError or SaveError (one line)."""
    from newsdiff.corpus import html_pages  # trafilatura: imported only when a page came

    slug = free_slug(folder, make_slug(page.url))
    record = html_pages.read(Path(f"{slug}.html"), _page_text(page))[0]
    meta = {
        "title": clean_field(record.title),
        "source": clean_field(record.source) or urlsplit(page.url).hostname,
        "url": page.url,
        "published": clean_field(record.published),
        "fetched": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }
    front = yaml.safe_dump({k: v for k, v in meta.items() if v}, sort_keys=False,
                           allow_unicode=True, width=100_000)
    try:
        (folder / RAW_FOLDER).mkdir(exist_ok=True)
    except OSError as exc:
        raise SaveError(exc.errno, f"could not create {folder / RAW_FOLDER}: {exc.strerror or exc}") from None
    atomic_write_bytes(folder / RAW_FOLDER / f"{slug}.html", page.data)
    target = folder / f"{slug}.md"
    try:
        atomic_write_text(target, f"---\n{front}---\n\n{record.text.strip()}\n")
    except SaveError:
        (folder / RAW_FOLDER / f"{slug}.html").unlink(missing_ok=True)
        raise
    return target, meta["title"]


# --------------------------------------------------------------------------- command


def _index(folder: Path, index: Path | None) -> int | None:
    """Index ``folder`` as ``newsdiff index`` does; the article count, or None after an
    error line."""
    from newsdiff.cli.index import index_dir_for, open_index

    articles = cli.load_articles([folder])
    if articles is None:
        return None
    ix = open_index(index_dir_for(argparse.Namespace(index=index, paths=[folder])), articles,
                    must_update=True)
    if ix is None:
        return None
    with ix:
        return ix.doc_count()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    if args.timeout <= 0 or args.max_bytes <= 0:
        return cli.fail("--timeout and --max-bytes must be more than 0")
    folder: Path = args.to
    try:
        folder.mkdir(parents=True, exist_ok=True)
        known = known_urls(folder)
    except OSError as exc:
        return cli.fail(f"cannot use {folder} as the folder to add to: {exc.strerror or exc}")
    added = already = failed = 0
    for given in args.urls:
        try:
            url = web_url(given)
            if url in known:
                raise _AlreadyThere(known[url])
            page = fetch(url, args.timeout, args.max_bytes)
            if page.url in known:
                raise _AlreadyThere(known[page.url])
            path, title = save(folder, page)
        except _AlreadyThere as exc:
            cli.warn(f"{given}: already in {folder} as {exc.args[0]}; not added again")
            already += 1
            continue
        except (FetchError, FormatError, SaveError) as exc:
            cli.fail(f"{given}: {exc}")
            failed += 1
            continue
        known[page.url] = path.name
        added += 1
        print(clean_name(f"{path}  {title or ''}".rstrip()))
    parts = [f"{already} already there" if already else "", f"{failed} failed" if failed else ""]
    summary = f"added {added} of {_count(len(args.urls), 'page')} to {folder}"
    if any(parts):
        summary += f" ({', '.join(p for p in parts if p)})"
    code = 0 if not failed else 1 if added or already else 2
    if args.no_index:
        summary += "; not indexed (--no-index)"
    elif added or already:
        count = _index(folder, args.index)
        summary += f"; indexed {_count(count, 'article')}" if count is not None else "; not indexed"
        code = max(code, 1) if count is None else code
    print(clean_name(summary), file=sys.stderr)
    return code
