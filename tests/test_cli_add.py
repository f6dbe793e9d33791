"""``newsdiff add URL...`` as a real command against a loopback HTTP server (no internet):
the saved pages of tests/fixtures/html/ served as they would be by a site, and every way
a fetch goes wrong (redirect loop, 404, 500, a PDF, 50 MB declared, an endless stream, a
server that hangs, a page without an article) as one error line each."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

import pytest
import yaml

from newsdiff.cli.add import SLUG_MAX, make_slug, web_url
from newsdiff.corpus.articles import load_corpus, split_front_matter

HTML = Path(__file__).parent / "fixtures" / "html"
EXPECTED = yaml.safe_load((HTML / "expected.yaml").read_text(encoding="utf-8"))["articles"]
HARBOUR, DELTA = "harbour-courier-bridge.html", "delta-dispatch-bridge.html"
#: The story pages served under /many/N (cycled), for the 20-page test.
STORIES = [HARBOUR, DELTA, "ledger-tram-paywall.html", "gazette-cafe-cp1252.htm", "story.html"]
ENV = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
CHUNK = b"<p>" + b"x" * (64 * 1024 - 3)


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str | None = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, declared: int | None) -> None:
        """Bytes in 64 KB chunks, slowly, until the client hangs up (or 50 MB)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declared is not None:
            self.send_header("Content-Length", str(declared))
        self.end_headers()
        sent = 0
        try:
            while sent < 50 * 1024 * 1024 and not self.server.release.is_set():
                self.wfile.write(CHUNK)
                sent += len(CHUNK)
                time.sleep(0.01)
        except OSError:  # the client stopped reading: what we want
            pass
        self.server.streamed[self.path] = sent

    def do_GET(self) -> None:  # noqa: N802
        self.server.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        page = lambda name: (HTML / name).read_bytes()  # noqa: E731
        if path == "/news/harbour-bridge":
            self._send(200, page(HARBOUR))
        elif path == "/2025/delta-bridge":
            self._send(200, page(DELTA), "application/xhtml+xml")
        elif path == "/old-link":
            self._send(301, headers={"Location": "/2025/delta-bridge"})
        elif path == "/loop-a":
            self._send(301, headers={"Location": "/loop-b"})
        elif path == "/loop-b":
            self._send(302, headers={"Location": f"http://127.0.0.1:{self.server.server_port}/loop-a"})
        elif path.startswith("/chain/"):  # /chain/N redirects to N+1, up to /chain/10: a page
            n = int(path.rsplit("/", 1)[1])
            if n < 10:
                self._send(307 if n % 2 else 308, headers={"Location": f"/chain/{n + 1}"})
            else:
                self._send(200, page(DELTA))
        elif path == "/missing":
            self._send(404, b"<h1>Not found</h1>")
        elif path == "/broken":
            self._send(500, b"<h1>Internal error</h1>")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4\n" + b"0" * 1000, "application/pdf")
        elif path == "/huge":
            self._stream(declared=50 * 1024 * 1024)
        elif path == "/endless":
            self._stream(declared=None)
        elif path == "/hang":
            self.server.release.wait(10)
            try:
                self._send(200, page(HARBOUR))
            except OSError:
                pass
        elif path == "/section":
            self._send(200, page("section-index.html"))
        elif path == "/gone":
            self._send(200, page("not-found-404.html"))
        elif path.startswith("/many/"):
            n = int(path.rsplit("/", 1)[1])
            body = page(STORIES[n % len(STORIES)])
            charset = "windows-1252" if STORIES[n % len(STORIES)].endswith(".htm") else "utf-8"
            if n % 2:
                self._send(200, gzip.compress(body), f"text/html; charset={charset}",
                           {"Content-Encoding": "gzip"})
            else:
                self._send(200, body, f"text/html; charset={charset}")
        else:
            self._send(404, b"no such page")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    release: threading.Event
    agents: list[str]
    streamed: dict[str, int]


@pytest.fixture(scope="module")
def site() -> Iterator[Callable[[str], str]]:
    """``site(path)`` -> the server's URL for ``path``."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.release, server.agents, server.streamed = threading.Event(), [], {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = lambda path: f"http://127.0.0.1:{server.server_port}{path}"  # noqa: E731
    url.server = server  # type: ignore[attr-defined]
    try:
        yield url
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def _front(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("---\n")
    return yaml.safe_load(raw.split("---\n", 2)[1])


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("newsdiff: error:")]


def _summary(stderr: str) -> str:
    return stderr.strip().splitlines()[-1]


def test_add_saves_the_articles_with_front_matter_and_indexes_them(run_newsdiff, site, tmp_path):
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    harbour, old_link = site("/news/harbour-bridge"), site("/old-link")
    result = run_newsdiff("add", harbour, old_link, "--to", "news", env=ENV)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and not _errors(result.stderr)
    assert _summary(result.stderr) == "added 2 of 2 pages to news; indexed 2 articles"
    news = tmp_path / "news"
    assert sorted(p.name for p in news.iterdir()) == [
        ".raw", "127-0-0-1-delta-bridge.md", "127-0-0-1-news-harbour-bridge.md"]
    assert len(result.stdout.splitlines()) == 2
    assert EXPECTED[HARBOUR]["title"] in result.stdout

    for md, fixture, url in ((news / "127-0-0-1-news-harbour-bridge.md", HARBOUR, harbour),
                             (news / "127-0-0-1-delta-bridge.md", DELTA, site("/2025/delta-bridge"))):
        front = _front(md)
        want = EXPECTED[fixture]
        assert list(front) == ["title", "source", "url", "published", "fetched"]
        assert (front["title"], front["source"], front["published"]) == (
            want["title"], want["source"], want["published"])
        assert front["url"] == url  # the final URL, after the redirect for /old-link
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", front["fetched"])
        fetched = dt.datetime.fromisoformat(front["fetched"].replace("Z", "+00:00"))
        assert started - dt.timedelta(seconds=1) <= fetched <= dt.datetime.now(dt.timezone.utc)
        text = split_front_matter(md.read_text(encoding="utf-8"))[1]
        for paragraph in want["paragraphs"]:
            assert paragraph in text
        raw = news / ".raw" / md.with_suffix(".html").name
        assert raw.read_bytes() == (HTML / fixture).read_bytes()  # the page as served

    articles = load_corpus([news]).articles  # .raw/ is hidden: one article per story
    assert sorted(a.url for a in articles) == sorted([harbour, site("/2025/delta-bridge")])
    assert all(agent.startswith("newsdiff/") for agent in site.server.agents)

    again = run_newsdiff("index", "news")  # add built the index `newsdiff index` uses
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[1].startswith("up to date: added 0, updated 0, deleted 0, unchanged 2")
    found = run_newsdiff("search", "news", "Brienenoord", "--json")
    assert found.returncode == 0, found.stderr
    assert len(found.stdout.splitlines()) == 2


def test_every_bad_url_is_one_error_line_and_the_good_one_still_goes_through(run_newsdiff, site, tmp_path):
    bad = {
        site("/loop-a"): "redirect loop",
        site("/chain/4"): "more than 5 redirects",
        site("/missing"): "HTTP 404 Not Found",
        site("/broken"): "HTTP 500",
        site("/report.pdf"): "not a web page (Content-Type: application/pdf)",
        site("/huge"): "declares 52,428,800 bytes, over the 200,000-byte limit (--max-bytes)",
        site("/endless"): "larger than the 200,000-byte limit (--max-bytes)",
        site("/hang"): "timed out after 1 s",
        site("/section"): "no article text found in the page",
        site("/gone"): "no article text found in the page",
        "ftp://127.0.0.1/file.html": "not a web address (http or https only)",
        "news/story.html": "not a web address (http or https only)",
        "http://127.0.0.1:1/nothing-listens": "cannot fetch",
    }
    good = [site("/news/harbour-bridge"), site("/chain/5")]  # 5 redirects: the most followed
    started = time.monotonic()
    result = run_newsdiff("add", *bad, *good, "--to", "news", "--timeout", "1", "--max-bytes", "200000",
                          env=ENV, timeout=60)
    assert time.monotonic() - started < 30  # nothing hung, no 50 MB read
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = _errors(result.stderr)
    assert len(errors) == len(bad), result.stderr
    for line, (url, why) in zip(errors, bad.items()):
        assert line.startswith(f"newsdiff: error: {url}: ") and why in line, line
    assert _summary(result.stderr) == "added 2 of 15 pages to news (13 failed); indexed 2 articles"
    saved = sorted((tmp_path / "news").glob("*.md"))
    assert [p.name for p in saved] == ["127-0-0-1-chain-10.md", "127-0-0-1-news-harbour-bridge.md"]
    assert _front(saved[0])["url"] == site("/chain/10")
    assert site.server.streamed.get("/endless", 0) < 10 * 1024 * 1024  # the client hung up early


def test_none_added_is_exit_2_and_nothing_is_indexed(run_newsdiff, site, tmp_path):
    result = run_newsdiff("add", site("/missing"), "--to", "news", "--index", tmp_path / "ix", env=ENV)
    assert result.returncode == 2
    assert len(_errors(result.stderr)) == 1 and "Traceback" not in result.stderr
    assert _summary(result.stderr) == "added 0 of 1 page to news (1 failed)"
    assert not (tmp_path / "ix").exists() and not list((tmp_path / "news").glob("*.md"))


def test_no_index_and_bad_options(run_newsdiff, site, tmp_path):
    result = run_newsdiff("add", site("/news/harbour-bridge"), "--to", "out", "--no-index",
                          "--index", tmp_path / "ix", env=ENV)
    assert result.returncode == 0, result.stderr
    assert _summary(result.stderr) == "added 1 of 1 page to out; not indexed (--no-index)"
    assert not (tmp_path / "ix").exists()
    (tmp_path / "a-file").write_text("x")
    for args in (["--to", "a-file"], ["--timeout", "0"], ["--max-bytes", "-1"]):
        bad = run_newsdiff("add", site("/news/harbour-bridge"), *args, env=ENV)
        assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1, bad.stderr
        assert bad.stderr.startswith("newsdiff: error: ")


def test_a_page_already_in_the_folder_is_not_added_again(run_newsdiff, site, tmp_path):
    first = run_newsdiff("add", site("/news/harbour-bridge"), site("/2025/delta-bridge"), "--to", "news",
                         env=ENV)
    assert first.returncode == 0, first.stderr
    news = tmp_path / "news"
    before = {p: p.read_bytes() for p in news.rglob("*") if p.is_file()}
    # the same URL (known before fetching), and one that redirects to a saved page's URL
    second = run_newsdiff("add", site("/news/harbour-bridge"), site("/old-link"), "--to", "news", env=ENV)
    assert second.returncode == 0, second.stderr
    warnings = [line for line in second.stderr.splitlines() if line.startswith("newsdiff: warning:")]
    assert warnings == [
        f"newsdiff: warning: {site('/news/harbour-bridge')}: already in news as "
        "127-0-0-1-news-harbour-bridge.md; not added again",
        f"newsdiff: warning: {site('/old-link')}: already in news as "
        "127-0-0-1-delta-bridge.md; not added again",
    ]
    assert _summary(second.stderr) == "added 0 of 2 pages to news (2 already there); indexed 2 articles"
    assert {p: p.read_bytes() for p in news.rglob("*") if p.is_file()} == before


def test_an_existing_file_is_never_overwritten(run_newsdiff, site, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    mine = news / "127-0-0-1-news-harbour-bridge.md"
    mine.write_text("My own notes about the bridge, not a saved page.\n", encoding="utf-8")
    result = run_newsdiff("add", site("/news/harbour-bridge"), "--to", "news", env=ENV)
    assert result.returncode == 0, result.stderr
    assert mine.read_text(encoding="utf-8") == "My own notes about the bridge, not a saved page.\n"
    assert _front(news / "127-0-0-1-news-harbour-bridge-2.md")["url"] == site("/news/harbour-bridge")
    assert (news / ".raw" / "127-0-0-1-news-harbour-bridge-2.html").is_file()
    assert _summary(result.stderr).endswith("; indexed 2 articles")


def test_twenty_pages_gzip_and_declared_charsets(run_newsdiff, site, tmp_path):
    urls = [site(f"/many/{n}") for n in range(20)]
    result = run_newsdiff("add", *urls, "--to", "many", env=ENV)
    assert result.returncode == 0, result.stderr
    assert _summary(result.stderr) == "added 20 of 20 pages to many; indexed 20 articles"
    saved = sorted((tmp_path / "many").glob("*.md"))
    assert len(saved) == 20 and len(list((tmp_path / "many" / ".raw").glob("*.html"))) == 20
    by_url = {_front(p)["url"]: _front(p) for p in saved}
    assert set(by_url) == set(urls)
    for n, url in enumerate(urls):
        assert by_url[url]["title"] == EXPECTED[STORIES[n % len(STORIES)]]["title"]


def test_slugs_are_ascii_lower_case_and_short():
    assert make_slug(web_url("http://127.0.0.1:8000/news/harbour-bridge")) == "127-0-0-1-news-harbour-bridge"
    assert make_slug(web_url(EXPECTED[HARBOUR]["url"])) == "harbourcourier-example-container-ship-strikes-rotterdam"
    for url in ("https://Gazette-Liège.example/fr/Café-Terrasse.html?id=3", "https://x.example/",
                "https://www.example.com/" + "Überlänge-" * 40, "http://[::1]:8080/a/b"):
        slug = make_slug(web_url(url))
        assert slug and len(slug) <= SLUG_MAX and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert make_slug(web_url("https://Gazette-Liège.example/fr/Café-Terrasse.html?id=3")) == \
        "gazette-liege-example-fr-cafe-terrasse-id-3"
