"""The article loader: formats, titles, ids, encodings, unsafe characters and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdiff.corpus.articles import CorpusError, derive_title, load_corpus, text_sha256
from newsdiff.corpus.textsafe import clean_text

REPO = Path(__file__).resolve().parent.parent
SEED_IDS = [
    "000_1e331f4947049066",
    "001_f3fb3571b5492621",
    "002_0be6cc156e819297",
    "003_9c71f4318ca86941",
]


def test_seeds_load_with_ids_titles_and_hashes():
    result = load_corpus([REPO / "seeds"])
    assert result.warnings == []
    assert [a.id for a in result.articles] == SEED_IDS
    by_id = {a.id: a for a in result.articles}
    assert by_id["003_9c71f4318ca86941"].title == (
        "Iranian Troops In Iraq As ISIS Threatens To Overrun Baghdad"
    )
    # First line is a full sentence: the title is that sentence, shortened.
    assert by_id["000_1e331f4947049066"].title.startswith("Iran is sending special forces to Iraq")
    # forum boilerplate, photo captions and credit lines are skipped
    assert by_id["001_f3fb3571b5492621"].title.startswith("Iran's elite Revolutionary Guards have been deployed")
    assert by_id["002_0be6cc156e819297"].title.startswith("Iran has sent 2,000 advance troops to Iraq")
    for a in result.articles:
        assert a.encoding == "utf-8"
        assert a.sha256 == text_sha256(a.text)
        assert "150" in a.text or "2,000" in a.text or "Revolutionary" in a.text


def test_title_rules():
    assert derive_title("Troops Cross Border\n\nBody text here.", "x") == "Troops Cross Border"
    long_sentence = "Iran sent troops. " + "More words follow here and here. " * 3
    assert derive_title(long_sentence, "x") == "Iran sent troops."
    assert derive_title("   \n  ", "fallback") == "fallback"
    shortened = derive_title("word " * 60 + ".", "x")
    assert shortened.endswith("…") and len(shortened) <= 90
    # datelines, labels and user names above the headline are skipped
    body = "\nThe navy said on Thursday that it had stopped an attack on several ships.\n"
    assert derive_title("Updated: November 11, 2011 20:09 IST\nNavy foils pirate attack" + body, "x") == (
        "Navy foils pirate attack")
    assert derive_title("8 / 2 / 13 at 1:30 PM\n5 Thoughts on the Oscar Host" + body, "x") == "5 Thoughts on the Oscar Host"
    assert derive_title("OrionHunter\nELITE MEMBER\n- Joined\nIran Sends Troops" + body, "x") == "Iran Sends Troops"
    assert derive_title("Obama Wins\nBody text.", "x") == "Obama Wins"  # a short headline stays
    # a photo caption (it ends with its credit) is not a headline: the first sentence is used
    caption = ("baghdad police\nPolicemen climb onto a roof AFP\n"
               "Militants advanced on the capital on Friday. Officials said more.")
    assert derive_title(caption, "x") == "Militants advanced on the capital on Friday."
    credited = ("Forces gather on the outskirts of the province.\nPhotograph: Reuters\n"
                "Iran has sent troops to Iraq, an official said. More follows.")
    assert derive_title(credited, "x") == "Iran has sent troops to Iraq, an official said."


def test_json_jsonl_and_front_matter(tmp_path: Path):
    (tmp_path / "one.json").write_text(
        json.dumps({"text": "Body of one.", "title": "One", "source": "Wire", "url": "http://x"})
    )
    (tmp_path / "many.json").write_text(json.dumps([{"text": "First."}, {"text": "Second."}]))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": "Line one text.", "published": "2014-06-13"})
        + "\n\n{not json}\n"
        + json.dumps({"title": "no text"})
        + "\n"
        + json.dumps({"text": "Line five text."})
        + "\n"
    )
    (tmp_path / "fm.md").write_text(
        "---\ntitle: Front Title\nsource: The Guardian\npublished: 2014-06-13\n---\nBody starts here.\n"
    )
    result = load_corpus([tmp_path])
    by_id = {a.id: a for a in result.articles}
    assert set(by_id) == {"one", "many-1", "many-2", "feed-1", "feed-5", "fm"}
    assert by_id["one"].title == "One" and by_id["one"].source == "Wire"
    assert by_id["feed-1"].published == "2014-06-13"
    fm = by_id["fm"]
    assert (fm.title, fm.source, fm.published) == ("Front Title", "The Guardian", "2014-06-13")
    assert fm.text == "Body starts here.\n"  # front matter is not article text
    assert any("line 3" in w and "invalid JSON" in w for w in result.warnings)
    assert any("line 4" in w and '"text"' in w for w in result.warnings)


def test_malformed_front_matter_is_kept_as_text(tmp_path: Path):
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    result = load_corpus([tmp_path])
    assert len(result.articles) == 1
    assert result.articles[0].text.startswith("---")
    assert len(result.warnings) == 1 and "front matter" in result.warnings[0]


def test_bad_files_are_skipped_with_one_line_each(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Iran sent 150 troops to Iraq.")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t ")
    (tmp_path / "huge.txt").write_text("word " * 3000)
    (tmp_path / "ignored.yaml").write_text("a: 1")
    result = load_corpus([tmp_path], max_bytes=10_000)
    assert [a.id for a in result.articles] == ["good"]
    assert len(result.warnings) == 4
    joined = "\n".join(result.warnings)
    assert "binary" in joined and "empty file" in joined and "empty article" in joined
    assert "limit" in joined
    assert all("\n" not in w for w in result.warnings)


def test_latin1_cp1252_and_utf16_and_bom(tmp_path: Path):
    (tmp_path / "latin.txt").write_bytes("Tehran’s café — naïve Sóley said “no”.".encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes("\ufeffBOM text here.".encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes("UTF-16 article text.".encode("utf-16"))
    result = load_corpus([tmp_path])
    by_id = {a.id: a for a in result.articles}
    assert by_id["bom"].text == "BOM text here." and by_id["bom"].encoding == "utf-8-sig"
    assert by_id["wide"].text == "UTF-16 article text."
    latin = by_id["latin"]
    assert "café" in latin.text and latin.encoding != "utf-8"
    assert any("latin.txt" in w and "decoded as" in w for w in result.warnings)


def test_control_characters_become_placeholders_one_for_one(tmp_path: Path):
    raw = "Red \x1b[31mALERT\x1b[0m [bold red]x[/] [link=http://e]y\x07\x9b2J\x7f\r\nend\rlast"
    (tmp_path / "evil.txt").write_bytes(raw.encode("utf-8"))
    article = load_corpus([tmp_path]).articles[0]
    text = article.text
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\x7f" not in text
    assert "\r" not in text
    assert "\u241b[31mALERT" in text  # ESC -> visible SYMBOL FOR ESCAPE
    assert "[bold red]x[/] [link=http://e]" in text  # markup stays literal text
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n")
    assert len(text) == len(normalised)  # one-for-one: offsets stay valid
    assert text == clean_text(raw)
    for i, ch in enumerate(normalised):
        if ch.isprintable() or ch in "\n\t":
            assert text[i] == ch


def test_clashing_stems_get_folder_prefix_and_duplicates_load_once(tmp_path: Path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story from {folder}.")
    hidden = tmp_path / ".cache"
    hidden.mkdir()
    (hidden / "x.txt").write_text("hidden")
    result = load_corpus([tmp_path, tmp_path / "a" / "story.txt"])
    assert sorted(a.id for a in result.articles) == ["a/story", "b/story"]


def test_missing_path_is_an_error(tmp_path: Path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus([tmp_path / "nope"])
