"""Feeds (RSS, Atom, ``.xml``) and web archives (WARC) load as articles: one per item with
full text, one per captured HTML page; everything else is one warning line, never a
traceback."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.corpus import formats
from newsdiff.corpus.articles import load_corpus

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"


def by_url(articles):
    return {a.url: a for a in articles}


# --------------------------------------------------------------------------- feeds


def test_rss_items_with_full_content_become_articles():
    path = FEEDS / "northgate-gazette.rss"
    result = load_corpus([path])
    assert [a.id for a in result.articles] == [
        "northgate-gazette-item-1", "northgate-gazette-item-2", "northgate-gazette-item-3"]
    first = by_url(result.articles)["https://northgate-gazette.example/coast/storm-elin-port-kessel"]
    assert first.title == "Storm Elin shuts Port Kessel as 40,000 homes lose power"
    assert first.source == "Northgate Gazette – Coast"
    assert first.published == "2024-03-05T14:30+00:00"
    # paragraphs are blank-line separated; the script is gone, the entities decoded
    assert first.text.startswith("Port Kessel closed to all shipping on Tuesday afternoon")
    assert "\n\nThe harbour master, Tomas Berg, said" in first.text
    assert "“We cannot bring ferries in safely in these conditions,” he said." in first.text
    assert "trackArticle" not in first.text and "<" not in first.text
    third = result.articles[2]
    assert third.published == "2024-03-06T08:12+00:00"  # +0100 given, UTC kept
    assert "St Olaf’s church" in result.articles[1].text


def test_rss_link_only_items_are_one_warning_line():
    path = FEEDS / "northgate-gazette.rss"
    warnings = load_corpus([path]).warnings
    assert len(warnings) == 1
    line = warnings[0]
    assert line.startswith(f"{path}: 3 items carry only a link or a short summary (save those pages to read them): ")
    for slug in ("elin-live", "elin-pictures", "marholm-lifeboat"):
        assert f"https://northgate-gazette.example/coast/{slug}" in line
    assert "\n" not in line


def test_link_only_note_names_at_most_five_links(tmp_path: Path):
    items = "".join(f"<item><title>T{n}</title><link>https://x.example/{n}</link></item>" for n in range(12))
    full = "<p>" + "Storm Elin closed Port Kessel on Tuesday. " * 20 + "</p>"
    feed = (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>X</title><item><title>Full</title><link>https://x.example/full</link>"
            f"<content:encoded><![CDATA[{full}]]></content:encoded></item>{items}</channel></rss>")
    (tmp_path / "x.rss").write_text(feed, encoding="utf-8")
    result = load_corpus([tmp_path / "x.rss"])
    assert len(result.articles) == 1 and result.articles[0].id == "x-item-1"
    (line,) = result.warnings
    assert "12 items carry only a link (save those pages to read them): " in line
    assert line.count("https://x.example/") == 5 and line.endswith(", …")


def test_summary_long_enough_is_an_article_short_one_is_not(tmp_path: Path):
    long = "Storm Elin closed Port Kessel on Tuesday and 40,000 homes lost power. " * 6
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>S</title>'
            f"<item><title>Long</title><link>https://s.example/1</link><description>{long}</description></item>"
            f"<item><title>Short</title><link>https://s.example/2</link><description>{long[:300]}</description></item>"
            "</channel></rss>")
    (tmp_path / "s.xml").write_text(feed, encoding="utf-8")
    result = load_corpus([tmp_path / "s.xml"])
    assert [a.url for a in result.articles] == ["https://s.example/1"]
    assert result.warnings == [f"{tmp_path / 's.xml'}: 1 item carries only a link or a short summary "
                               "(save those pages to read them): https://s.example/2"]


def test_atom_feed_with_full_content():
    result = load_corpus([FEEDS / "coastal-wire.atom"])
    first, second = result.articles
    assert first.title == "Storm Elin: Port Kessel closed, 42,000 without power"  # type="html" title
    assert first.source == "Coastal Wire"
    assert first.url == "https://coastal-wire.example/2024/03/05/storm-elin"
    assert first.published == "2024-03-05T14:10+00:00"  # 15:10+01:00
    assert first.text.count("\n\n") == 3
    assert second.published == "2024-03-06T09:30+00:00"  # updated, no published
    assert "down from a peak of 42,000 on Tuesday.\nMost of them" in second.text  # <br/>
    assert len(result.warnings) == 1 and "https://coastal-wire.example/2024/03/06/weather" in result.warnings[0]


def test_latin1_feed_with_entity_quirks():
    path = FEEDS / "latin1-quirks.rss"
    assert b'encoding="ISO-8859-1"' in path.read_bytes()[:60]
    result = load_corpus([path])
    (article,) = result.articles
    assert article.title == "Storm Elin: the café that kept the lights on & the coffee hot"
    assert article.source == "Kessel Café Chronicle"
    assert article.published == "2024-03-06T00:00+00:00"
    text = article.text
    # latin-1 letters, cp1252 quotes in a feed declared ISO-8859-1, entities escaped twice
    assert "its owner, Renée Dahl," in text and "Jon Skår" in text
    assert "“We had the generator, so we had coffee,” Ms Dahl said. “It’s what you do.”" in text
    assert "sent bread – the café served" in text
    assert "“It felt like the whole street was here,”" in text
    assert "&" not in text and not any(0x80 <= ord(c) < 0xA0 for c in text)
    assert text.count("\n\n") == 2
    assert len(result.warnings) == 1 and "dock-street" in result.warnings[0]


def test_malformed_feed_keeps_its_items_with_one_warning():
    path = FEEDS / "malformed.rss"
    result = load_corpus([path])
    assert [a.title for a in result.articles] == ["Storm Elin closes Port Kessel", "Rest centres open in Kessel & Marholm"]
    assert all(a.source == "Estuary Times" for a in result.articles)
    assert result.articles[1].text.startswith("Two rest centres opened in Kessel on Tuesday night")
    assert result.warnings == [f"{path}: not well-formed XML (line 7, column 17: undefined entity); read leniently"]


def test_xml_that_is_no_feed_is_one_warning(tmp_path: Path):
    result = load_corpus([FEEDS / "sitemap.xml"])
    assert result.articles == []
    assert result.warnings == [f"{FEEDS / 'sitemap.xml'}: skipped: not an RSS or Atom feed"]
    svg = tmp_path / "logo.xml"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/><text>Hi</text></svg>')
    html = tmp_path / "page.rss"
    html.write_text("<html><body><p>Not a feed at all</p></body></html>")
    result = load_corpus([svg, html])
    assert result.warnings == [f"{svg}: skipped: not an RSS or Atom feed", f"{html}: skipped: not an RSS or Atom feed"]


def test_feed_without_article_items_is_one_warning(tmp_path: Path):
    feed = tmp_path / "links.rss"
    feed.write_text('<rss version="2.0"><channel><title>L</title>'
                    "<item><title>A</title><link>https://l.example/a</link></item></channel></rss>")
    empty = tmp_path / "empty.atom"
    empty.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>E</title></feed>')
    result = load_corpus([feed, empty])
    assert result.articles == []
    assert result.warnings == [
        f"{feed}: skipped: no item carries an article's text: 1 item carries only a link "
        "(save those pages to read them): https://l.example/a",
        f"{empty}: skipped: the feed has no items",
    ]


def test_feeds_in_a_folder_load_beside_other_files(tmp_path: Path):
    folder = tmp_path / "pile"
    folder.mkdir()
    for name in ("northgate-gazette.rss", "coastal-wire.atom", "sitemap.xml"):
        (folder / name).write_bytes((FEEDS / name).read_bytes())
    (folder / "note.txt").write_text("Storm Elin closed Port Kessel on Tuesday.\n")
    result = load_corpus([folder])
    assert len(result.articles) == 6
    assert sum("skipped: not an RSS or Atom feed" in w for w in result.warnings) == 1


def test_compare_a_feed_lists_its_full_content_items(run_newsdiff, tmp_path: Path):
    proc = run_newsdiff("compare", FEEDS / "northgate-gazette.rss")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    data = yaml.safe_load(proc.stdout)
    articles = data["articles"]
    assert [a["id"] for a in articles] == [
        "northgate-gazette-item-1", "northgate-gazette-item-2", "northgate-gazette-item-3"]
    assert {a["source"] for a in articles} == {"Northgate Gazette – Coast"}
    assert articles[0]["title"] == "Storm Elin shuts Port Kessel as 40,000 homes lose power"
    assert articles[0]["published"] == "2024-03-05T14:30+00:00"
    (line,) = proc.stderr.splitlines()
    assert line.startswith("newsdiff: warning: ") and "3 items carry only a link" in line


# --------------------------------------------------------------------------- WARC

_NAV = """
<header><div class="logo">Harbour Courier</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
"""
_FOOTER = """
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Ten best beaches of the coast</a></li>
<li><a href="/b">Harbour festival dates announced</a></li><li><a href="/c">Local team wins cup</a></li></ul></aside>
<footer><p>© 2024 Harbour Courier Ltd. All rights reserved.</p><p><a href="/privacy">Privacy</a> |
<a href="/terms">Terms</a> | <a href="/contact">Contact us</a></p></footer>
"""

PAGE_ONE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Storm Elin shuts Port Kessel | Harbour Courier</title>
<meta property="og:site_name" content="Harbour Courier">
<meta property="og:title" content="Storm Elin shuts Port Kessel as 40,000 homes lose power">
<meta property="article:published_time" content="2024-03-05T14:30:00+00:00">
</head><body>{_NAV}
<main><article>
<h1>Storm Elin shuts Port Kessel as 40,000 homes lose power</h1>
<p class="byline">By Mara Lindqvist</p>
<p>Port Kessel closed to all shipping on Tuesday afternoon as Storm Elin brought gusts of up to 120 km/h
to the northern coast, and about 40,000 homes in the region lost power.</p>
<p>The harbour master, Tomas Berg, said the closure would last at least 24 hours. "We cannot bring ferries
in safely in these conditions," he said. Three ferry crossings to the islands were cancelled.</p>
<p>Coastline Energy said crews would work through the night. The company expected most customers to be
reconnected by Wednesday evening, but warned that fallen trees were blocking several rural roads.</p>
<p>The national weather service kept an amber wind warning in place until 06:00 on Wednesday and said a
second band of rain could bring flooding to low-lying parts of the Kessel estuary.</p>
</article></main>{_FOOTER}
</body></html>"""

PAGE_TWO = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="iso-8859-1">
<title>Ferries resume as Port Kessel reopens</title>
</head><body>{_NAV}
<div id="content"><div class="story">
<h1>Ferries resume as Port Kessel reopens after Storm Elin</h1>
<p>Port Kessel reopened on Wednesday morning and the first ferry to the islands left at 08:40, a day after
Storm Elin forced the harbour to close. The caf\xe9 on the quay opened early for the first passengers.</p>
<p>Harbour master Tomas Berg said the harbour wall had been inspected overnight and no serious damage was
found. Two fishing boats were damaged at their moorings, and one was towed to the boatyard.</p>
<p>Coastline Energy said 12,000 homes were still without power, most of them in villages along the
estuary. The company said it hoped to reconnect everyone by Thursday.</p>
<p>The amber wind warning was lifted at 06:00. The two rest centres in Kessel closed after the last
families returned home.</p>
</div></div>{_FOOTER}
</body></html>"""

PAGE_ONE_URL = "https://harbour-courier.example/news/storm-elin-port-kessel"
PAGE_TWO_URL = "https://www.kessel-post.example/news/ferries-resume"  # no date in it


def response_record(url: str, status: str, content_type: str, body: bytes, date: str, *,
                    gz: bool = False, extra=()) -> bytes:
    """One WARC response record, as written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    http = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


def warc_records(*, gz: bool = False) -> list[bytes]:
    """The records of a small crawl, each as written (a gzip member each when ``gz``):
    1 warcinfo, 2 an HTML page (200), 3 its request, 4 a 404 page, 5 a PNG, 6 a 301
    redirect, 7 a second HTML page (200, Latin-1, no date of its own)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def write(make) -> bytes:
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(make(writer))
        return out.getvalue()

    request = StatusAndHeaders("GET /news/storm-elin-port-kessel HTTP/1.1",
                               [("Host", "harbour-courier.example")], is_http_request=True)
    return [
        write(lambda w: w.create_warcinfo_record("crawl.warc", {"software": "test", "format": "WARC"})),
        response_record(PAGE_ONE_URL, "200 OK", "text/html; charset=utf-8", PAGE_ONE.encode("utf-8"),
                        "2024-03-05T18:02:11Z", gz=gz),
        write(lambda w: w.create_warc_record(PAGE_ONE_URL, "request", http_headers=request)),
        response_record("https://harbour-courier.example/news/missing", "404 Not Found", "text/html",
                        b"<html><body><h1>Page not found</h1><p>Sorry, we could not find that story.</p></body></html>",
                        "2024-03-05T18:02:12Z", gz=gz),
        response_record("https://harbour-courier.example/img/elin.png", "200 OK", "image/png",
                        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "2024-03-05T18:02:13Z", gz=gz),
        response_record("https://kessel-post.example/ferries", "301 Moved Permanently", "text/html",
                        b"<html><body>Moved</body></html>", "2024-03-06T10:00:00Z", gz=gz,
                        extra=[("Location", PAGE_TWO_URL)]),
        response_record(PAGE_TWO_URL, "200 OK", "text/html; charset=ISO-8859-1", PAGE_TWO.encode("latin-1"),
                        "2024-03-06T10:00:01Z", gz=gz),
    ]


def write_warc(path: Path, *, gz: bool = False) -> Path:
    path.write_bytes(b"".join(warc_records(gz=gz)))
    return path


def test_warc_html_pages_become_articles(tmp_path: Path):
    path = write_warc(tmp_path / "crawl.warc")
    result = load_corpus([path])
    assert [a.url for a in result.articles] == [PAGE_ONE_URL, PAGE_TWO_URL]
    one, two = result.articles
    assert one.id == "crawl-record-2" and two.id == "crawl-record-7"
    assert one.title == "Storm Elin shuts Port Kessel as 40,000 homes lose power"
    assert one.source == "Harbour Courier"
    assert one.published == "2024-03-05T14:30+00:00"  # the page's own date and time
    assert one.text.startswith("Port Kessel closed to all shipping on Tuesday afternoon")
    assert "\n\nThe harbour master, Tomas Berg, said" in one.text
    for boilerplate in ("Subscribe", "cookies", "Most read", "All rights reserved", "Privacy"):
        assert boilerplate not in one.text
    assert two.title.startswith("Ferries resume as Port Kessel reopens")
    assert two.source == "kessel-post.example"  # no site name: the host
    assert two.published == "2024-03-06T10:00+00:00"  # no date of its own: the capture date
    assert "The café on the quay" in two.text
    assert "Page not found" not in one.text + two.text
    assert result.warnings == [f"{path}: 1 page has no date of its own: published is the capture date (WARC-Date)"]


def test_warc_html_pages_without_an_article_are_one_note(tmp_path: Path):
    front = (f"<html><head><title>News | Harbour Courier</title></head><body>{_NAV}<main><ul>"
             + "".join(f'<li><a href="/news/{n}">Story {n}</a></li>' for n in range(20))
             + f"</ul></main>{_FOOTER}</body></html>").encode()
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(warc_records()) + response_record(
        "https://harbour-courier.example/news", "200 OK", "text/html", front, "2024-03-06T11:00:00Z"))
    result = load_corpus([path])
    assert [a.url for a in result.articles] == [PAGE_ONE_URL, PAGE_TWO_URL]
    assert result.warnings == [f"{path}: 1 HTML page holds no article text (record-8)",
                               f"{path}: 1 page has no date of its own: published is the capture date (WARC-Date)"]


def test_warc_gz_reads_the_same(tmp_path: Path):
    plain = load_corpus([write_warc(tmp_path / "crawl.warc")])
    packed_path = write_warc(tmp_path / "crawl.warc.gz", gz=True)
    assert packed_path.read_bytes()[:2] == b"\x1f\x8b"
    packed = load_corpus([packed_path])
    assert [(a.id, a.title, a.text, a.url, a.published) for a in packed.articles] == [
        (a.id, a.title, a.text, a.url, a.published) for a in plain.articles]
    assert len(packed.warnings) == 1


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("cut", [900, 40])
def test_truncated_warc_keeps_the_pages_before_the_damage(tmp_path: Path, gz: bool, cut: int):
    whole = b"".join(warc_records(gz=gz))
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(whole[:-cut])  # into the last page
    result = load_corpus([path])
    assert [a.url for a in result.articles] == [PAGE_ONE_URL]
    (page,) = load_corpus([write_warc(tmp_path / path.name.replace("cut", "whole"), gz=gz)]).articles[:1]
    assert result.articles[0].text == page.text
    (line,) = result.warnings
    assert line in (f"{path}: archive cut short in record 7; kept the page before it",
                    f"{path}: archive damaged in record 7 (no valid Content-Length); kept the page before it",
                    ) or line.startswith(f"{path}: archive cut short after record 6 ("), line
    assert line.endswith("; kept the page before it")


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_damaged_in_the_middle_stops_there(tmp_path: Path, gz: bool):
    records = warc_records(gz=gz)
    path = tmp_path / ("bad.warc.gz" if gz else "bad.warc")
    damaged = records[3][: len(records[3]) // 2] + b"garbage, not a record\r\n\r\n"
    path.write_bytes(b"".join(records[:3]) + damaged + b"".join(records[4:]))
    result = load_corpus([path])
    assert [a.url for a in result.articles] == [PAGE_ONE_URL]
    (line,) = result.warnings
    assert line.startswith((f"{path}: archive damaged after record 3 (", f"{path}: archive damaged in record 4 (",
                            f"{path}: archive cut short in record 4")), line
    assert line.endswith("; kept the page before it") and "\n" not in line


def test_files_that_are_no_warc_are_one_warning_each(tmp_path: Path):
    text = tmp_path / "notes.warc"
    text.write_text("These are my notes, not an archive.\n")
    gz = tmp_path / "text.warc.gz"
    gz.write_bytes(gzip.compress(b"Just some text in a gzip file.\n"))
    records = warc_records()
    no_pages = tmp_path / "images.warc"
    no_pages.write_bytes(b"".join(records[i] for i in (0, 2, 3, 4, 5)))  # no 200 HTML page
    result = load_corpus([text, gz, no_pages])
    assert result.articles == []
    assert len(result.warnings) == 3
    assert result.warnings[0].startswith(f"{text}: skipped: not a WARC file (")
    assert result.warnings[1].startswith(f"{gz}: skipped: not a WARC file (")
    assert result.warnings[2] == (f"{no_pages}: skipped: no HTML page in the archive: "
                                  "5 records, none an HTML page (status 200)")
    assert all("\n" not in w for w in result.warnings)


def test_readers_are_registered():
    for name, module in (("a.rss", "feeds"), ("a.atom", "feeds"), ("a.XML", "feeds"),
                         ("a.warc", "warc"), ("a.warc.gz", "warc")):
        assert formats.handles(Path(name))
        assert formats.reader_for(Path(name)).__module__ == f"newsdiff.corpus.{module}"


def test_readers_import_their_libraries_only_when_used():
    """Loading the corpus imports no feed or archive library; reading a feed imports
    feedparser but not trafilatura (only WARC pages need it)."""
    code = (
        "import sys\n"
        "from newsdiff.corpus.articles import load_corpus\n"
        "heavy = ('feedparser', 'warcio', 'trafilatura', 'htmldate')\n"
        "loaded = lambda: sorted({m.split('.')[0] for m in sys.modules} & set(heavy))\n"
        "print(loaded())\n"
        f"assert load_corpus([{str(FEEDS / 'coastal-wire.atom')!r}]).articles\n"
        "print(loaded())\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["[]", "['feedparser']"]


# --------------------------------------------------------------------------- fuzz


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(min_size=1, max_size=2000),
    st.builds(lambda head, tail: head + tail,
              st.sampled_from([b'<?xml version="1.0"?><rss version="2.0"><channel><item>',
                               b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
                               b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n",
                               b"\x1f\x8b\x08\x00\x00\x00\x00\x00"]),
              st.binary(max_size=600)),
), name=st.sampled_from(["x.rss", "x.warc", "x.atom", "x.xml", "x.warc.gz"]))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes, name: str):
    path = tmp_path / name
    path.write_bytes(data)
    result = load_corpus([path])
    assert all("\n" not in w for w in result.warnings)
    assert result.articles or result.warnings
