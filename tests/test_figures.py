"""Figure extraction: numbers, units, precision, bounds, hedges, exclusions, spans."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from newsdiff.corpus.articles import Article, load_corpus, text_sha256
from newsdiff.analysis.attribution import find_attribution
from newsdiff.analysis.figures import extract_figures
from newsdiff.analysis.numbers import parse_digits, parse_words
from newsdiff.records import Figure, RawMention
from newsdiff.analysis.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent


def article(text: str, id: str = "a") -> Article:
    return Article(id=id, path=f"{id}.txt", title=id, text=text, sha256=text_sha256(text))


def figures(text: str, mentions=()) -> list[Figure]:
    a = article(text)
    out = extract_figures(a, mentions)
    assert_spans(a, out)
    return out


def one(text: str, mentions=()) -> Figure:
    out = figures(text, mentions)
    assert len(out) == 1, [f.text for f in out]
    return out[0]


def assert_spans(a: Article, out: list[Figure]) -> None:
    for f in out:
        assert a.text[f.start:f.end] == f.text
        assert f.start <= f.value_start < f.value_end <= f.end
        assert f.sentence_start <= f.value_start and f.value_end <= f.sentence_end
        assert f.low <= f.high


def mentions_of(text: str, names: list[str]) -> list[RawMention]:
    pat = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")
    return [RawMention(m.start(), m.end(), m.group()) for m in pat.finditer(text)]


# --------------------------------------------------------------------------- sentences


def test_sentences_respect_abbreviations_and_newlines():
    text = 'Gen. Smith met Dr. Jones in the U.S. capital. He said "it is over." Then he left!\nA headline\n'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Gen. Smith met Dr. Jones in the U.S. capital.",
        'He said "it is over."',
        "Then he left!",
        "A headline",
    ]


def test_sentences_split_after_dotted_abbreviation_before_an_opener():
    text = "Aid came from the U.S. The rest came later."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Aid came from the U.S.", "The rest came later."]


def test_sentences_of_blank_text():
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "raw, value, precision",
    [("2,000", 2000, 50), ("70", 70, 5), ("150", 150, 5), ("68", 68, 0.5), ("1.5", 1.5, 0.05),
     ("10.000.000", 10_000_000, 50), ("110", 110, 5)],
)
def test_digit_values_and_precision(raw, value, precision):
    assert parse_digits(raw) == (value, precision)


@pytest.mark.parametrize(
    "words, value",
    [("two", 2), ("twenty-five", 25), ("a dozen", 12), ("half a dozen", 6),
     ("three hundred and fifty thousand", 350_000), ("one", None)],
)
def test_number_words(words, value):
    assert parse_words(words) == value


def test_digits_with_separators_and_decimals():
    assert one("They sent 2,000 troops.").value == 2000
    assert one("Turnout was 1.5 percent.").value == 1.5
    assert one("The bill was 10.000.000 euros.").value == 10_000_000


def test_list_of_digits_does_not_crash_or_misread():
    assert figures("Steps 1,2,3 were done.") == []


def test_spelled_out_counts():
    f = one("Two battalions of the Quds Forces arrived.")
    assert (f.value, f.unit, f.kind) == (2, "battalions", "count")
    assert one("Three planeloads of Americans were evacuated.").unit == "planeloads"
    assert one("They arrested a dozen men.").value == 12


def test_vague_amounts():
    f = one("Hundreds of young men were flocking to volunteer centres.")
    assert f.unit == "men" and f.bound == "approx"
    assert (f.low, f.high) == (100, 1000)
    assert one("Dozens of people were hurt.").unit == "people"
    assert one("Thousands of soldiers fled.").low == 1000


# --------------------------------------------------------------------------- units


def test_head_noun_skips_adjectives_and_names():
    f = one("Iran sent a team of 150 elite Revolutionary Guard troops to aid Iraq.")
    assert (f.value, f.unit, f.text) == (150, "troops", "150 elite Revolutionary Guard troops")
    assert one("Iran has sent 2,000 advance troops to Iraq.").unit == "troops"
    assert one("as many as 10,000 Iranian ground troops in Iraq").unit == "troops"


def test_partitive_reads_the_group():
    f = one("At least 150 of Iran's elite Quds Force have been mobilized.")
    assert f.unit == "force" and f.bound == "at_least"


def test_length_with_conversion_is_one_figure():
    f = one("Samarra - a city 110km (68 miles) north of Baghdad - held.")
    assert f.text == "110km (68 miles) north of Baghdad"
    assert (f.unit, f.kind, f.canonical_unit) == ("km", "length", "km")
    # 110 km is 105-115 km, 68 miles is 67.5-68.5 miles: the intersection of both
    assert f.low == pytest.approx(67.5 * 1.609344)
    assert f.high == pytest.approx(68.5 * 1.609344)


def test_miles_convert_to_km_with_precision_before_conversion():
    f = one("Jalula is 70 miles from here.")
    assert f.canonical == pytest.approx(70 * 1.609344)
    assert (f.low, f.high) == (pytest.approx(65 * 1.609344), pytest.approx(75 * 1.609344))


def test_percent_money_and_duration():
    assert one("Troops took 85 percent of the city.").kind == "percent"
    assert one("Troops took 85% of the city.").unit == "percent"
    f = one("Iran sent troops in the past 48 hours.")
    assert (f.kind, f.unit, f.canonical, f.canonical_unit) == ("duration", "hours", 2.0, "days")
    m = one("The deal was worth $5 billion.")
    assert (m.kind, m.unit, m.value) == ("money", "USD", 5e9)


def test_currency_conversion_in_brackets_is_one_figure():
    f = one("The fine was £1m ($1.6m) last year.")
    assert f.text == "£1m ($1.6m)"
    assert (f.unit, f.value, f.canonical_unit) == ("GBP", 1e6, "GBP")


def test_another_inherits_the_unit():
    out = figures("1,500 basiji forces crossed, while another 500 had entered the area.")
    assert [(f.value, f.unit) for f in out] == [(1500, "forces"), (500, "forces")]


# --------------------------------------------------------------------------- ranges, bounds


def test_ranges():
    f = one("Between 100 and 200 fighters were killed.")
    # each end keeps its own precision: 100 is ±10 (capped at 10%), 200 is ±20
    assert (f.bound, f.value, f.low, f.high) == ("range", 150, 90, 220)
    g = one("They captured 150-200 fighters.")
    assert (g.bound, g.value, g.low, g.high) == ("range", 175, 145, 220)
    h = one("It cost $5-6bn in all.")
    assert (h.kind, h.bound, h.low, h.high) == ("money", "range", 4.5e9, 6.5e9)


def test_number_words_make_a_range_with_to_or_between():
    f = one("The judge sentenced her to one to three years in prison.")
    assert (f.text, f.bound, f.unit) == ("one to three years", "range", "years")
    g = one("Repairs will take two to three weeks.")
    assert (g.bound, g.low, g.high) == ("range", 14, 21)  # days
    h = one("Between five and ten ferries were cancelled.")
    assert (h.bound, h.low, h.high) == ("range", 5, 10)
    # ends of different scales are not one range: "five to six hundred" is not 5-600
    assert one("Five to six hundred people marched.").bound == "exact"
    # "three to one" (a score, high end first) is no range
    assert all(f.bound != "range" for f in figures("They won three to one on Sunday."))


def test_a_mixed_fraction_may_join_by_a_hyphen_and_space_its_slash():
    for text in ("She served a 4-1/2-month term.", "She served a 4-1 / 2-month term.",
                 "She served 4 1 / 2 months.", "She served 4 1/2 months."):
        f = one(text)
        assert (f.kind, f.value, f.unit) == ("duration", 4.5, "months"), text
    # a score stays a score, also before a slash and another score
    assert one("The Hawks won 4-1 on Sunday.").pair == (4, 1)
    legs = figures("The legs ended 3-1 / 2-0.")
    assert legs[0].pair == (3, 1) and all(f.value != 3.5 for f in legs)


def test_score_is_not_a_range():
    f = one("They lost an 88-72 game.")
    assert (f.kind, f.pair, f.bound) == ("score", (88, 72), "exact")


@pytest.mark.parametrize(
    "phrase, bound, low, high",
    [
        # a bound word's threshold is the number as written, however round it is
        ("at least 150 troops", "at_least", 150, math.inf),
        ("more than 150 troops", "at_least", 150, math.inf),
        ("as many as 10,000 troops", "at_most", 0, 10_000),
        ("up to 10,000 troops", "at_most", 0, 10_000),
        ("about 150 troops", "approx", 150 * 0.9 - 5, 150 * 1.1 + 5),
        ("around 150 troops", "approx", 150 * 0.9 - 5, 150 * 1.1 + 5),
        ("nearly 2,000 troops", "at_most", 1600, 2000),
    ],
)
def test_bounds(phrase, bound, low, high):
    f = one(f"Officials counted {phrase} in the city.")
    assert f.bound == bound
    assert (f.low, f.high) == (pytest.approx(low), pytest.approx(high))
    assert f.text.startswith(phrase.split(" ")[0])


def test_hypothetical_and_hedges():
    f = one("The offer could amount to as many as 10,000 Iranian ground troops in Iraq.")
    assert f.hypothetical and f.hedge == "could amount to" and f.bound == "at_most"
    g = one("Iran has reportedly sent 150 troops.")
    assert g.hedge == "reportedly" and not g.hypothetical
    assert one("An estimated 300 people fled.").hedge == "an estimated"
    assert one("He pledged to send two elite brigades.").hypothetical


# --------------------------------------------------------------------------- exclusions


@pytest.mark.parametrize(
    "text",
    [
        "He fought in the Iran-Iraq War in the 1980s.",
        "The US withdrew at the end of 2011.",
        "Tikrit fell on Wednesday (June 11).",
        "Tikrit fell on 11 June 2014.",
        "The meeting began at 10:30 and ended at 3 pm.",
        "It was the second-largest city and the 2nd attempt.",
        "The G8 met while F-16 jets flew.",
        "The 76ers lost again.",
        "Posted: 08 / 02 / 2013 11:10 am EDT",
        "No numbers at all here.",
    ],
)
def test_not_figures(text):
    assert figures(text) == []


def test_ages_are_ages_not_counts():
    # once excluded outright; now read as ages (see test_figure_detection.py)
    assert [(f.kind, f.value, f.text) for f in figures("The 34-year-old was arrested.")] == [
        ("age", 34, "34-year-old")]
    assert [(f.kind, f.value) for f in figures("He was aged 34 when he died.")] == [("age", 34)]


def test_forum_counters_are_not_figures():
    text = "OrionHunter\nELITE MEMBER\n- Joined\n- May 28, 2011\n- Messages\n- 13,818\n- Reaction score\n- -5\nMessages 13,818\n"
    assert figures(text) == []


def test_numbers_inside_names_from_mentions():
    text = "Resolution 2170 passed while 40 diplomats watched."
    ms = [RawMention(0, 15, "Resolution 2170")]
    out = figures(text, ms)
    assert [f.value for f in out] == [40]


def test_unbalanced_brackets():
    out = figures("Samarra is 110km (68 miles north of Baghdad. Also 70 miles) 3 towns (")
    # no closing bracket: the conversion is not merged, each number stands alone
    assert [(f.value, f.unit) for f in out] == [(110, "km"), (68, "miles"), (70, "miles"), (3, "towns")]


# --------------------------------------------------------------------------- context


def test_entities_are_the_sentence_mentions_nearest_first():
    text = "Iraq is tense. Iran has sent 2,000 advance troops to Iraq, officials told the Guardian. Tehran said nothing."
    ms = mentions_of(text, ["Iran", "Iraq", "Guardian", "Tehran"])
    f = one(text, ms)
    assert f.entities == ("Iran", "Iraq", "Guardian")
    assert text[f.sentence_start:f.sentence_end].startswith("Iran has sent")


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("Iran is sending forces to Iraq, the Times of London reported on Friday.", "the Times of London"),
        ("Iran has sent 2,000 troops to Iraq, a senior Iraqi official has told the Guardian.",
         "a senior Iraqi official (to the Guardian)"),
        ("Troops have crossed the border, according to a report by FOX News.", "FOX News"),
        ("The Iraqi official said 1,500 forces had crossed.", "The Iraqi official"),
        ("Soldiers fled, said the officials, speaking on condition of anonymity.", "the officials"),
        ("He said 40 people died.", None),
    ],
)
def test_attribution(sentence, source):
    assert find_attribution(sentence) == source


def test_figure_carries_attribution():
    f = one("Iran has sent 2,000 advance troops to Iraq, a senior Iraqi official has told the Guardian.")
    assert f.attribution == "a senior Iraqi official (to the Guardian)"


# --------------------------------------------------------------------------- seeds


def _seed_figures() -> dict[str, list[Figure]]:
    articles = load_corpus([REPO / "seeds"]).articles
    assert len(articles) == 4
    out = {}
    for a in articles:
        figs = extract_figures(a)
        assert_spans(a, figs)
        out[a.id[:3]] = figs
    return out


def test_seed_figures():
    seeds = _seed_figures()
    texts = {k: [f.text for f in v] for k, v in seeds.items()}
    assert "150 elite Revolutionary Guard troops" in texts["000"]
    assert "Three planeloads" in texts["000"]
    assert "110km (68 miles) north of Baghdad" in texts["001"]
    assert "two battalions" in texts["001"]
    assert "2,000 advance troops" in texts["002"]
    assert "48 hours" in texts["002"]
    assert "70 miles (110km) north of the capital" in texts["002"]
    assert "at least 150 of Iran’s elite Quds Force" in texts["003"]
    ten = next(f for f in seeds["003"] if f.value == 10_000)
    assert ten.hypothetical and ten.unit == "troops"
    # forum counters, dates and years never become figures
    values = {f.value for figs in seeds.values() for f in figs}
    assert not values & {13_818, 5, 28, 2011, 1980, 11, 12}


def test_a_suspended_hyphen_range_is_a_range():
    # "a 24- to 30-foot boat", "a 10- to 15-minute walk": both ends in the second's unit
    boat = one("The coastguard towed a 24- to 30-foot sailboat into the harbour.")
    assert (boat.text, boat.bound, boat.unit) == ("24- to 30-foot", "range", "feet")
    assert boat.low < 24 * 0.0003048 < 30 * 0.0003048 <= boat.high
    walk = one("It is a 10- to 15-minute walk from the station.")
    assert (walk.bound, walk.unit, walk.value) == ("range", "minutes", 12.5)


@pytest.mark.parametrize(
    "phrase, words, open_low, open_high",
    [
        ("more than 300 crew members", "more than", True, False),
        ("over 300 crew members", "over", True, False),
        ("at least 300 crew members", "at least", False, False),
        ("nearly 300 crew members", "nearly", False, True),
        ("fewer than 300 crew members", "fewer than", False, True),
        ("up to 300 crew members", "up to", False, False),
        ("almost $80 million", "almost", False, True),
        ("about 300 crew members", "about", False, False),
        ("300 crew members", None, False, False),
        ("20-plus crew members", None, False, False),  # "plus" after the number includes it
    ],
)
def test_written_bound_and_which_ends_it_leaves_out(phrase, words, open_low, open_high):
    from newsdiff.analysis.figures import open_ends, written_bound

    f = one(f"Officials counted {phrase} in the city.")
    assert written_bound(f) == words
    assert open_ends(f) == (open_low, open_high)
