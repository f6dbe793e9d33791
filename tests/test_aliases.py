"""Alias resolution across articles: the seeds' alias groups and the must-not-merge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff.analysis.aliases import resolve_entities
from newsdiff.corpus.articles import Article, load_corpus
from newsdiff.analysis.mentions import find_mentions


def entities_of(articles):
    return resolve_entities(articles, {a.id: find_mentions(a.text) for a in articles})


def make_articles(tmp_path: Path, *texts: str) -> list[Article]:
    for n, text in enumerate(texts):
        (tmp_path / f"a{n}.txt").write_text(text, encoding="utf-8")
    return load_corpus([tmp_path]).articles


def entity_with(entities, surface: str):
    hits = [e for e in entities if e.name == surface or surface in e.aliases]
    assert len(hits) == 1, (surface, [(e.name, e.aliases) for e in entities if surface in e.name])
    return hits[0]


@pytest.fixture(scope="module")
def seed_entities():
    from tests.conftest import SEEDS_DIR

    return entities_of(load_corpus([SEEDS_DIR]).articles)


def test_isis_forms_are_one_entity(seed_entities):
    isis = entity_with(seed_entities, "ISIS")
    forms = {isis.name, *isis.aliases}
    assert {"ISIS", "ISIL", "Isis", "Islamic State", "Islamic State of Iraq and the Levant",
            "Islamic State of Iraq and al-Shams"} <= forms
    assert isis.kind == "group"
    assert len(isis.articles) == 4


@pytest.mark.parametrize("short, full", [
    ("Rouhani", "Hassan Rouhani"),
    ("Maliki", "Nouri al-Maliki"),
    ("Obama", "Barack Obama"),
    ("Sistani", "Ali al-Sistani"),
    ("Al-Karbalaie", "Abdul-Mahdi al-Karbalaie"),
    ("Suleimani", "Qassem Suleimani"),
])
def test_surnames_merge_with_full_names(seed_entities, short, full):
    ent = entity_with(seed_entities, short)
    assert ent.name == full
    assert ent.kind == "person"
    assert ent.shared


def test_guards_and_quds_force_are_two_entities(seed_entities):
    guard = entity_with(seed_entities, "Revolutionary Guard")
    assert "Revolutionary Guards" in {guard.name, *guard.aliases}
    quds = entity_with(seed_entities, "Quds Force")
    assert "Quds Forces" in {quds.name, *quds.aliases}
    assert guard is not quds


def test_spelling_and_initial_variants(seed_entities):
    tehran = entity_with(seed_entities, "Tehran")
    assert "Teheran" in {tehran.name, *tehran.aliases}
    us = entity_with(seed_entities, "US")
    assert {"U.S.", "United States"} <= {us.name, *us.aliases}
    assert entity_with(seed_entities, "Iran") is not entity_with(seed_entities, "Iraq")
    karbalaie = entity_with(seed_entities, "Karbalaie")
    assert "Kerbala" not in karbalaie.aliases  # the city is not the cleric
    shia = entity_with(seed_entities, "Shia")
    assert shia is entity_with(seed_entities, "Shiite") and shia is not entity_with(seed_entities, "Sunni")


def test_entity_records_are_well_formed(seed_entities, seed_articles):
    order = {a.id: n for n, a in enumerate(seed_articles)}
    texts = {a.id: a.text for a in seed_articles}
    ids = [e.id for e in seed_entities]
    assert len(ids) == len(set(ids))
    for e in seed_entities:
        assert e.aliases == sorted(e.aliases) and e.name not in e.aliases
        keys = [(order[m.article], m.start) for m in e.mentions]
        assert keys == sorted(keys)
        assert all(texts[m.article][m.start:m.end] == m.text for m in e.mentions)


def test_possessive_joins_the_bare_name(tmp_path):
    ents = entities_of(make_articles(tmp_path, "Iran's troops moved.", "Troops from Iran moved."))
    iran = entity_with(ents, "Iran")
    assert len(iran.mentions) == 2 and iran.shared


def test_bush_father_and_son_stay_apart(tmp_path):
    ents = entities_of(make_articles(
        tmp_path,
        "Former President George W. Bush spoke in Texas.",
        "His father, George H. W. Bush, was president before him.",
    ))
    w = entity_with(ents, "George W. Bush")
    hw = entity_with(ents, "George H. W. Bush")
    assert w is not hw


def test_different_first_names_same_surname_stay_apart(tmp_path):
    ents = entities_of(make_articles(
        tmp_path,
        "Hillary Clinton met reporters in Ohio.",
        "Chelsea Clinton met reporters in Ohio.",
    ))
    assert entity_with(ents, "Hillary Clinton") is not entity_with(ents, "Chelsea Clinton")


def test_iran_and_iraq_and_austria_australia_stay_apart(tmp_path):
    ents = entities_of(make_articles(
        tmp_path, "Iran and Austria signed.", "Iraq and Australia signed.",
    ))
    names = {e.name for e in ents}
    assert {"Iran", "Iraq", "Austria", "Australia"} <= names


def test_acronym_defined_in_text_and_middle_name(tmp_path):
    ents = entities_of(make_articles(
        tmp_path,
        "The National Basketball Association (NBA) fined Raj K. Chohan.",
        "The NBA said Raj Chohan would appeal.",
    ))
    nba = entity_with(ents, "NBA")
    assert nba.name == "National Basketball Association"
    assert entity_with(ents, "Raj Chohan") is entity_with(ents, "Raj K. Chohan")


def test_no_mentions_and_single_article(tmp_path):
    arts = make_articles(tmp_path, "nothing named here at all.")
    assert entities_of(arts) == []
    arts = make_articles(tmp_path, "Obama met Putin.")
    assert {e.name for e in entities_of(arts)} >= {"Obama", "Putin"}


def test_nickname_first_names_are_one_person(tmp_path):
    ents = entities_of(make_articles(
        tmp_path,
        "The Sixers hired Maurice Cheeks on Tuesday.",
        "Mo Cheeks will take over. Cheeks played here.",
        "Former President Bill Clinton and William Clinton's wife spoke.",
    ))
    cheeks = entity_with(ents, "Mo Cheeks")
    assert cheeks is entity_with(ents, "Maurice Cheeks") is entity_with(ents, "Cheeks")
    assert cheeks.name == "Maurice Cheeks" and len(cheeks.articles) == 2
    assert entity_with(ents, "Bill Clinton") is entity_with(ents, "William Clinton")


def test_nickname_table_never_joins_unrelated_first_names(tmp_path):
    ents = entities_of(make_articles(
        tmp_path,
        "Mike Smith met reporters in Ohio.",
        "Mark Smith and Bob Smith met reporters in Ohio.",
    ))
    mike, mark, bob = (entity_with(ents, n) for n in ("Mike Smith", "Mark Smith", "Bob Smith"))
    assert len({id(mike), id(mark), id(bob)}) == 3


def test_headline_role_noun_joins_the_person_its_sentences_name(tmp_path):
    """Rule 9: "Host" in a headline is the person the event's host sentences keep naming."""
    articles = make_articles(
        tmp_path,
        "Academy Names New Host\n\nThe academy said Maria Lindqvist will host the awards in March. "
        "Lindqvist hosted the show once before.\n",
        "Maria Lindqvist to host awards again\n\nProducers said Maria Lindqvist is hosting the "
        "ceremony for a second time. Tom Avery was not asked.\n",
        "Host Announced\n\nThe comedian Maria Lindqvist will host the gala, organisers said.\n",
    )
    ents = entities_of(articles)
    host = entity_with(ents, "Host")
    assert host.name == "Maria Lindqvist" and host.kind == "person"
    assert {m.text for m in host.mentions} >= {"Host", "Maria Lindqvist", "Lindqvist"}
    assert "Host" not in entity_with(ents, "Tom Avery").aliases


def test_role_noun_stays_alone_when_its_sentences_name_several_people(tmp_path):
    articles = make_articles(
        tmp_path,
        "Driver Charged In Crash\n\nThe driver hit Anna Berg's car; Anna Berg and Carl Dahl were hurt. "
        "The driver fled past Carl Dahl.\n",
        "Driver Arrested\n\nPolice said the driver struck Anna Berg. The driver told Carl Dahl to run.\n",
    )
    ents = entities_of(articles)
    driver = entity_with(ents, "Driver")
    assert driver.name == "Driver" and {m.text for m in driver.mentions} == {"Driver"}
