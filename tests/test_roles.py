"""Bare role nouns in headlines ("Woman Killed In Crash, Driver Charged"): found as
mentions, linked across articles only with the same noun, never with a named entity."""

from __future__ import annotations

from pathlib import Path

from newsdiff.analysis.aliases import resolve_entities
from newsdiff.corpus.articles import Article, load_corpus
from newsdiff.analysis.mentions import find_mentions


def found(text: str) -> dict[str, str]:
    return {m.text: m.kind for m in find_mentions(text)}


def make_articles(tmp_path: Path, *texts: str) -> list[Article]:
    for n, text in enumerate(texts):
        (tmp_path / f"a{n}.txt").write_text(text, encoding="utf-8")
    return load_corpus([tmp_path]).articles


def entities_of(articles: list[Article]):
    return resolve_entities(articles, {a.id: find_mentions(a.text) for a in articles})


def holders(entities, surface: str):
    return [e for e in entities if any(m.text == surface for m in e.mentions)]


def test_headline_role_nouns_are_mentions_with_a_kind():
    text = ("Woman Killed In Queens Hit-And-Run, Police Arrest Drunk Driver\n"
            "A woman was killed on Friday in Queens, police said.\n")
    kinds = found(text)
    assert kinds["Woman"] == "person"
    assert kinds["Driver"] == "person"  # the head of "Drunk Driver"
    assert kinds["Police"] == "group"
    assert "Killed" not in kinds and "Arrest" not in kinds and "Drunk" not in kinds


def test_a_title_before_a_name_is_not_a_role():
    text = ("Sixers Fire Coach Jim O'Brien, Hire Maurice Cheeks As Head Coach\n"
            "The team said Jim O'Brien was fired and Maurice Cheeks hired.\n")
    head = [m for m in find_mentions(text) if m.end <= text.index("\n")]
    assert [m.text for m in head] == ["Jim O'Brien", "Maurice Cheeks", "Coach"]
    assert head[-1].start > text.index("Head")  # the closing "Head Coach", not the title


def test_verbs_nationality_phrases_and_all_capitals_are_not_roles():
    assert "Host" not in found("Ellen DeGeneres To Host Oscars\nShe said so.\n")
    assert "Troops" not in found("Iranian Troops In Iraq\nTroops were seen.\n")
    assert found("GRANDMOTHER KILLED BY DRUNK DRIVER IN QUEENS") == {}


def test_sentence_case_title_line_but_not_body_sentences():
    text = "Gunman kills 1, wounds 2 at accounting office\nWitnesses said the gunman fled.\n"
    kinds = found(text)
    assert kinds.get("Gunman") == "person"
    assert "Witnesses" not in kinds  # a sentence-initial common noun in the body
    assert "Gunman" not in found("Gunman kills 1 at an office.\nMore later.\n")  # not a title


def test_same_role_links_across_articles_but_never_with_a_name(tmp_path):
    ents = entities_of(make_articles(
        tmp_path,
        "Woman Killed In Hit-And-Run, Driver Charged\nRaj Chohan, 59, died on Friday.\n",
        "Driver Charged In Fatal Hit-And-Run\nThe driver hit Chohan on Friday.\n",
        "Women Protest Outside Court\nThe actor Adam Driver joined them.\n",
    ))
    (driver,) = holders(ents, "Driver")
    assert len(driver.articles) == 2 and driver.kind == "person"
    assert all(m.text == "Driver" for m in driver.mentions)
    (adam,) = holders(ents, "Adam Driver")
    assert adam is not driver
    (woman,) = holders(ents, "Woman")
    assert woman is not holders(ents, "Women")[0]  # one person is not a group
    assert woman is not holders(ents, "Raj Chohan")[0]


def test_a_capitalised_role_word_used_as_a_surname_still_joins_its_person(tmp_path):
    ents = entities_of(make_articles(
        tmp_path,
        "The director Bryan Singer spoke on Friday.\n",
        "The studio said that Singer would return.\n",
    ))
    (singer,) = holders(ents, "Singer")
    assert singer.name == "Bryan Singer"


def test_lead_verbs_and_trailing_titles_are_not_part_of_names():
    assert list(found("PHILADELPHIA 76ERS Fired Jim O'Brien, coach. Named Maurice Cheeks coach."))[1:] == [
        "Jim O'Brien", "Maurice Cheeks"]
    kinds = found("He met the Philadelphia 76ers President on Monday.")
    assert "Philadelphia 76ers" in kinds and not any("President" in t for t in kinds)
    assert "Stephen King" in found("He met the author Stephen King.")
