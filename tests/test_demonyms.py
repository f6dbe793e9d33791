"""Countries and their demonyms: the hand list first, every other country from
countryinfo, and nothing ambiguous or malformed taken from it."""

from __future__ import annotations

import pytest

from newsdiff.lexicon.demonyms import COUNTRY_OF, DEMONYM_OF, country_key, demonym


@pytest.mark.parametrize("surface, country", [
    ("Iranian", "iran"), ("Iranians", "iran"), ("Iran's", "iran"), ("Americans", "united states"),
    ("British", "united kingdom"), ("Sri Lankan", "sri lanka"), ("Emirati", "united arab emirates"),
    ("Ghanaians", "ghana"), ("Ivorian", "ivory coast"), ("the Bahamas", "bahamas"),
])
def test_country_of_a_name_or_demonym(surface, country):
    assert country_key(surface) == country


def test_demonyms_read_back_and_ambiguous_or_listed_ones_are_left_out():
    assert demonym("ghana") == "Ghanaian" and demonym("iran") == "Iranian"
    assert demonym("sri lanka") == "Sri Lankan"
    assert "dominican" not in COUNTRY_OF  # Dominica's and the Dominican Republic's
    assert not any("," in d or "/" in d for d in DEMONYM_OF.values())
    assert "djibouti" not in COUNTRY_OF  # a demonym that is the country's name is no demonym
    assert country_key("Lakers") is None
