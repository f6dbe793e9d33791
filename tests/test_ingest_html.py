"""Saved web pages (``.html``, ``.htm``) load as articles: the story's text without the
page's boilerplate, with title, outlet, URL and publication date; pages without an
article are one warning line each; the folder a browser saves beside a page is never
loaded; no HTML, however broken, stops a load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.corpus import formats
from newsdiff.corpus.articles import load_corpus
from newsdiff.corpus.formats import FormatError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
ARTICLES: dict[str, dict] = EXPECTED["articles"]
SKIPPED: dict[str, str] = EXPECTED["skipped"]
assert all(isinstance(s, str) for a in ARTICLES.values() for s in a["paragraphs"] + a["boilerplate"])


@pytest.fixture(scope="module")
def loaded():
    result = load_corpus([FIXTURES])
    by_file = {Path(a.path).name: a for a in result.articles}
    return result, by_file


def test_every_article_page_loads_and_nothing_else(loaded):
    result, by_file = loaded
    assert sorted(by_file) == sorted(ARTICLES)
    assert len(result.articles) == len(ARTICLES)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_metadata(loaded, name):
    article = loaded[1][name]
    want = ARTICLES[name]
    assert article.title == want["title"]
    assert article.source == want["source"]
    assert article.url == want["url"]
    assert article.published == want["published"]


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_story_paragraphs_are_kept_as_paragraphs(loaded, name):
    article = loaded[1][name]
    blocks = article.text.split("\n\n")
    for paragraph in ARTICLES[name]["paragraphs"]:
        assert paragraph in blocks, f"{name}: missing or merged paragraph {paragraph[:60]!r}"
    # in the page's order
    positions = [blocks.index(p) for p in ARTICLES[name]["paragraphs"]]
    assert positions == sorted(positions)
    # the title is the header's, not the text's first line again
    assert blocks[0] != article.title


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_no_boilerplate(loaded, name):
    text = loaded[1][name].text
    for junk in ARTICLES[name]["boilerplate"]:
        assert junk not in text, f"{name}: boilerplate {junk!r} kept"


def test_windows_1252_page_declaring_its_charset():
    article = load_corpus([FIXTURES / "gazette-cafe-cp1252.htm"]).articles[0]
    assert "Café" in article.title and "Liège" in article.source
    assert "cafés" in article.text and "€6,000" in article.text and "“It feels like déjà vu" in article.text
    assert "Ã" not in article.text and "\ufffd" not in article.text


def test_declared_charset_wins_over_guessing():
    """A short latin-1 page (its declaration says iso-8859-1; browsers read windows-1252)
    whose bytes alone a detector could read as something else."""
    from newsdiff.corpus import html_pages

    body = ("<p>Le caf\u00e9 de la gare a ferm\u00e9 ses portes apr\u00e8s quarante ans, a annonc\u00e9 "
            "son propri\u00e9taire, qui part \u00e0 la retraite \u00e0 l\u2019\u00e2ge de soixante-dix ans.</p>") * 2
    page = ('<html><head><meta charset="iso-8859-1"><title>Caf\u00e9 ferm\u00e9</title></head>'
            f"<body><article>{body}</article></body></html>").encode("cp1252")
    [record] = html_pages.read(Path("page.html"), page)
    assert "caf\u00e9 de la gare" in record.text and "l\u2019\u00e2ge" in record.text
    assert record.title == "Caf\u00e9 ferm\u00e9"


def test_pages_without_an_article_are_one_warning_each(loaded):
    result, _ = loaded
    for name in SKIPPED:
        lines = [w for w in result.warnings if Path(w.split(": ", 1)[0]).name == name]
        assert len(lines) == 1, (name, result.warnings)
        line = lines[0]
        assert "\n" not in line and "Traceback" not in line
        assert line.endswith("skipped: no article text found in the page"), line
    assert len(result.warnings) == len(SKIPPED), result.warnings


def test_saved_page_folder_adds_nothing(loaded, tmp_path):
    result, _ = loaded
    assert not any("story_files" in a.path for a in result.articles)
    assert not any("story_files" in w for w in result.warnings)
    # the folder holds an .html page that would load on its own
    assert load_corpus([FIXTURES / "story_files" / "saved_resource.html"]).articles
    # and with the page beside it, only the page loads
    shutil.copy(FIXTURES / "story.html", tmp_path / "story.html")
    shutil.copytree(FIXTURES / "story_files", tmp_path / "story_files")
    only = load_corpus([tmp_path])
    assert [Path(a.path).name for a in only.articles] == ["story.html"] and not only.warnings


def test_reader_is_registered_without_importing_trafilatura():
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsdiff.corpus import articles, formats\n"
        "assert formats.handles(Path('a.HTML')) and formats.handles(Path('b.htm'))\n"
        "assert formats.READERS['.html'] == 'newsdiff.corpus.html_pages:read'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'htmldate')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_reader_failures_are_one_line_format_errors():
    from newsdiff.corpus import html_pages

    for data in (b"", b"\x00" * 100, b"<html>", "<p>\u00e9</p>".encode("utf-16-le"),
                 b"<html><body>" + b"<div>" * 5000 + b"deep" + b"</div>" * 5000 + b"</body></html>"):
        with pytest.raises(FormatError) as caught:
            html_pages.read(Path("x.html"), data)
        assert "\n" not in str(caught.value)


_TAGS = st.sampled_from(["html", "head", "body", "title", "meta", "script", "style", "p", "div", "article",
                         "main", "nav", "footer", "table", "td", "ul", "li", "a", "h1", "time", "noscript",
                         "!--", "![CDATA[", "?xml", "!DOCTYPE html", "svg", "template", "iframe"])
_ATTRS = st.sampled_from(["", ' charset="utf-8"', ' charset="bogus-42"', ' http-equiv="Content-Type" content="text/html; charset=utf-16"',
                          ' property="og:title" content="x"', ' datetime="2025-13-45T99:99"', ' class="content"',
                          ' type="application/ld+json"', ' href="\x00"', ' id="main'])
_PROSE = ("The council said on Friday that the bridge would stay closed while engineers inspected "
          "the damaged pier, and that traffic would be diverted through the tunnel. ")
_PIECE = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", _TAGS, _ATTRS),
    st.builds(lambda t: f"</{t}>", _TAGS),
    st.text(max_size=80),
    st.sampled_from(["<", ">", "&", "&#0;", "&#x110000;", "&nbsp;", "\u202e", "\x1b[2J", "<p>" + _PROSE * 2,
                     '{"datePublished": "2025-01-01T10:00"}', "<lb/>", "</p></p></p>"]),
)
_START = st.sampled_from(["", "<!DOCTYPE html><html><body>", "<html><head><title>T</title></head><body><article>"])


def _load_one(data: bytes, ending: str):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"junk{ending}").write_bytes(data)
        result = load_corpus([folder])
    assert len(result.articles) + len(result.warnings) >= 1
    for line in result.warnings:
        assert "\n" not in line and "Traceback" not in line
    for article in result.articles:
        assert article.text.strip()
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=_START, pieces=st.lists(_PIECE, max_size=60), raw=st.binary(max_size=300),
       encoding=st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"]), ending=st.sampled_from([".html", ".htm"]))
def test_junk_html_never_raises(start, pieces, raw, encoding, ending):
    markup = (start + "".join(pieces)).encode(encoding, errors="replace")
    middle = len(markup) // 2
    _load_one(markup[:middle] + raw + markup[middle:], ending)


_PAGES = [(FIXTURES / name).read_bytes() for name in sorted(ARTICLES)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.sampled_from(_PAGES), cut=st.floats(0, 1), raw=st.binary(max_size=200), drop=st.integers(0, 400))
def test_damaged_pages_never_raise(page, cut, raw, drop):
    """A real page cut short, with junk bytes spliced in and a run of bytes dropped."""
    at = int(len(page) * cut)
    _load_one(page[:at] + raw + page[at + drop:], ".html")


def test_compare_two_pages_of_one_event(run_newsdiff, tmp_path):
    folder = tmp_path / "bridge"
    folder.mkdir()
    names = ["harbour-courier-bridge.html", "delta-dispatch-bridge.html"]
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    proc = run_newsdiff("compare", folder)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    doc = yaml.safe_load(proc.stdout)
    got = {Path(a["path"]).name: a for a in doc["articles"]}
    assert sorted(got) == sorted(names)
    for name in names:
        assert got[name]["title"] == ARTICLES[name]["title"]
        assert got[name]["source"] == ARTICLES[name]["source"]
        assert got[name]["published"] == ARTICLES[name]["published"]
