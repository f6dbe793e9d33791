"""Person names by their structure: given names, initials, nicknames, suffixes, titles,
transliterations; and the gazetteer's countries and cities (sentences written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff.analysis import person_names as pn
from newsdiff.lexicon import world
from tests.test_aliases import entities_of, entity_with, make_articles


@pytest.mark.parametrize("key, given, surname, suffix", [
    ("w. mark felt, sr.", ("w", "mark"), "felt", "sr"),
    ("mr. larue", (), "larue", ""),
    ("luis gerardo (jerry) ortiz", ("luis", "gerardo"), "ortiz", ""),
    ("nouri al-maliki", ("nouri",), "maliki", ""),
    ("ike larue iii", ("ike",), "larue", "iii"),
])
def test_parse_reads_the_parts(key, given, surname, suffix):
    name = pn.parse(key)
    assert (name.given, name.surname, name.suffix) == (given, surname, suffix)


@pytest.mark.parametrize("a, b, same", [
    ("w. mark felt", "mark felt", True),           # known by a middle name
    ("william mark felt", "w. mark felt", True),   # an initial for a name
    ("fred larue", "frederick c. larue", True),    # a nickname
    ("frederick c. larue", "frederick cheney larue", True),
    ("jerry ortiz", "luis gerardo (jerry) ortiz", True),
    ("mr. felt", "joan felt", True),               # a surname alone fits every one
    ("george w. bush", "george h. w. bush", False),
    ("w. mark felt sr.", "mark felt jr.", False),
    ("ike parsons larue", "ike larue iii", False),  # written in full, without the suffix
    ("mark felt", "w. mark felt sr.", True),
    ("nick jones", "rob jones", False),
    ("mark felt", "mark smith", False),
    ("j. smith", "mark smith", False),
])
def test_compatible(a, b, same):
    assert pn.compatible(pn.parse(a), pn.parse(b)) is same
    assert pn.compatible(pn.parse(b), pn.parse(a)) is same


def test_full_name_middle_name_and_bare_surname_are_one_person(tmp_path: Path):
    arts = make_articles(
        tmp_path,
        "W. Mark Felt, the FBI official, died on Thursday. Felt was 95.\n",
        "Mark Felt lived in a small town. Felt told his family in 2002.\n",
        "Former official Felt spoke rarely. Mr. Felt was a private man.\n",
    )
    ents = entities_of(arts)
    felt = entity_with(ents, "Mark Felt")
    assert felt.name == "W. Mark Felt" and felt.kind == "person"
    assert {m.article for m in felt.mentions} == {a.id for a in arts}


def test_a_bare_surname_means_the_person_its_article_named_first(tmp_path: Path):
    arts = make_articles(
        tmp_path,
        "Fred LaRue, an aide, died at 75. LaRue was found at a motel. "
        "His brother Ike Parsons LaRue said little.\n",
        "Frederick C. LaRue died. LaRue had pleaded guilty. His son Ike LaRue III spoke.\n",
        "Ike Parsons LaRue, the father, built the firm. LaRue sold it in 1950.\n",
    )
    ents = entities_of(arts)
    fred = entity_with(ents, "Fred LaRue")
    assert fred.name == "Frederick C. LaRue" and "Fred LaRue" in fred.aliases
    by_article = {a.id: [m for m in fred.mentions if m.article == a.id] for a in arts}
    assert len(by_article[arts[0].id]) == 2 and len(by_article[arts[1].id]) == 2
    assert not by_article[arts[2].id]   # there the surname is the father's
    ike = entity_with(ents, "Ike Parsons LaRue")
    assert {m.article for m in ike.mentions} == {arts[0].id, arts[2].id}
    assert entity_with(ents, "Ike LaRue III") is not ike   # a suffix tells them apart


def test_transliterated_surnames_with_the_same_given_name_are_one_person(tmp_path: Path):
    arts = make_articles(
        tmp_path,
        "General Qassem Suleimani arrived on Monday, officials said.\n",
        "Qassem Soleimani, the commander, was seen near the city. Soleimani left.\n",
    )
    ents = entities_of(arts)
    assert entity_with(ents, "Qassem Suleimani") is entity_with(ents, "Soleimani")


def test_different_consonants_are_different_people(tmp_path: Path):
    arts = make_articles(
        tmp_path,
        "John Clinton spoke to reporters on Monday.\n",
        "John Clifton spoke to reporters on Monday.\n",
    )
    ents = entities_of(arts)
    assert entity_with(ents, "John Clinton") is not entity_with(ents, "John Clifton")


def test_official_country_name_is_the_country(tmp_path: Path):
    arts = make_articles(
        tmp_path,
        "The Islamic Republic of Iran denied the report on Sunday.\n",
        "Iran sent advisers, a spokesman said. Iraq asked for help.\n",
    )
    ents = entities_of(arts)
    iran = entity_with(ents, "Iran")
    assert {iran.name, *iran.aliases} == {"Iran", "Islamic Republic of Iran"} and iran.kind == "place"
    assert entity_with(ents, "Iraq") is not iran


def test_a_city_of_two_words_is_a_place_not_a_person(tmp_path: Path):
    arts = make_articles(
        tmp_path,
        "A fire broke out in Santa Rosa on Monday. Santa Rosa officials said 12 homes burned.\n",
        "Residents of Santa Rosa fled the flames, said Maria Lopez.\n",
    )
    ents = entities_of(arts)
    assert entity_with(ents, "Santa Rosa").kind == "place"
    assert entity_with(ents, "Maria Lopez").kind == "person"


def test_gazetteer_knows_countries_and_cities():
    assert world.is_country("islamic republic of iran") and world.is_country("iran")
    assert world.is_city("santa rosa") and world.is_city("kerbala")
    assert not world.is_city("felt") and not world.is_country("korea")  # a short form two countries share


def test_a_corrupt_or_unwritable_gazetteer_cache_is_rebuilt(run_newsdiff, seeds_dir, tmp_path):
    """The real command with a garbage cache file, then with a cache folder that cannot
    be made: the names are rebuilt (the garbage replaced), nothing fails."""
    from newsdiff.lexicon.world import _cache_path

    name = _cache_path().name
    cache = tmp_path / ".cache" / "newsdiff"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / name).write_bytes(b"\x00not json{")
    proc = run_newsdiff("compare", seeds_dir, env={"XDG_CACHE_HOME": str(tmp_path / ".cache")})
    assert proc.returncode == 0 and "Islamic Republic of Iran" in proc.stdout, proc.stderr
    assert (cache / name).read_bytes().startswith(b"{")  # rebuilt in place
    # a cache "folder" that is a file: nothing can be written, the names are built in memory
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    proc = run_newsdiff("compare", seeds_dir, env={"XDG_CACHE_HOME": str(blocked)})
    assert proc.returncode == 0 and "Islamic Republic of Iran" in proc.stdout, proc.stderr
