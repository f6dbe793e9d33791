"""Figure detection rules: ages, scores and records, magnitudes, glued units, counts whose
noun is implied or left out, durations. Every sentence here is written for the test."""

from __future__ import annotations

import math

import pytest

from newsdiff.analysis.figures import extract_figures
from newsdiff.corpus.articles import Article, text_sha256
from newsdiff.records import Figure


def figures(text: str) -> list[Figure]:
    a = Article(id="t", path="t.txt", title="t", text=text, sha256=text_sha256(text))
    out = extract_figures(a)
    for f in out:
        assert text[f.start:f.end] == f.text
        assert f.start <= f.value_start < f.value_end <= f.end
        assert f.sentence_start <= f.value_start and f.value_end <= f.sentence_end
        assert f.low <= f.high
    assert [f.start for f in out] == sorted(f.start for f in out)
    return out


def one(text: str) -> Figure:
    out = figures(text)
    assert len(out) == 1, [(f.text, f.kind, f.unit) for f in out]
    return out[0]


def kinds(text: str) -> list[tuple[str, float, str | None]]:
    return [(f.kind, f.value, f.unit) for f in figures(text)]


# --------------------------------------------------------------------------- ages


@pytest.mark.parametrize(
    "text, value, span",
    [
        ("Police named the driver as Maria Gonzales, 52, of Tucson.", 52, "52"),
        ("The coach, Peter Van Dorn III, 61, resigned.", 61, "61"),
        ("Mr. Okafor, 29, was released on bail.", 29, "29"),
        ("The crash killed Dana Whitfield, 19.", 19, "19"),
        ("Police arrested a 43-year-old carpenter on Monday.", 43, "43-year-old"),
        ("The 35-year-old teacher was questioned.", 35, "35-year-old"),
        ("Witnesses saw a 27-year old man running.", 27, "27-year old"),
        ("A thirty-six-year-old nurse was honoured.", 36, "thirty-six-year-old"),
        ("The boy, aged 12, was unhurt.", 12, "12"),
        ("She moved to Ohio at the age of 30.", 30, "30"),
        ("He was 71 years old when he retired.", 71, "71 years old"),
        ("The singer died on Tuesday at 88.", 88, "88"),
    ],
)
def test_ages(text, value, span):
    f = one(text)
    assert (f.kind, f.value, f.unit, f.canonical_unit, f.text) == ("age", value, "years", "years", span)
    assert f.low == f.high == value  # ages are never rounded: 34 and 36 conflict


def test_age_after_a_person_noun_and_in_name_lists():
    assert [(f.kind, f.value) for f in figures("The actress, 32, was not in court.")] == [("age", 32)]
    assert [(f.kind, f.value) for f in figures("Police held Ali, 19 and Omar, 22, overnight.")] == [
        ("age", 19), ("age", 22)]
    assert figures("The car, 12, was old.") == []  # a car has no age this way


def test_age_in_other_scripts_and_phrasings():
    assert [(f.kind, f.value) for f in figures("Police named José Núñez, 45, as the driver.")] == [("age", 45)]
    assert [(f.kind, f.value) for f in figures("Okafor, who is 38, denies it.")] == [("age", 38)]
    assert [(f.kind, f.value) for f in figures("She turned 70 last week.")] == [("age", 70)]
    f = one("The man is 52 years of age.")
    assert (f.kind, f.text) == ("age", "52 years of age")
    assert one("A 33–year–old man was held.").kind == "age"  # en dashes
    assert one("He turned 3 cars over.").kind == "count"
    assert figures("ISIS, 15, fled.") == []  # an acronym is no name with an age


def test_age_by_decade():
    f = one("The victim was in his late 50s.")
    assert (f.kind, f.bound, f.low, f.high, f.text) == ("age", "range", 57, 59.99, "50s")
    f = one("She is in her 30s.")
    assert (f.low, f.high) == (30, 39.99)
    assert figures("Prices fell in the 1990s.") == []


def test_age_lists_and_shared_year_old():
    text = "She leaves two daughters, ages 9 and 14, and a son, age 3."
    assert [(k, v) for k, v, _ in kinds(text)] == [("count", 2), ("age", 9), ("age", 14), ("age", 3)]
    text = "Three brothers, ages 4, 7 and 11, were rescued."
    assert [v for k, v, _ in kinds(text) if k == "age"] == [4, 7, 11]
    text = "The 6- and 9-year-old cousins were found safe."
    assert [(f.kind, f.value, f.text) for f in figures(text)] == [("age", 6, "6"), ("age", 9, "9-year-old")]


def test_age_in_months():
    f = one("A 14-month-old girl was found.")
    assert (f.kind, f.unit, f.canonical_unit) == ("age", "months", "years")
    assert f.canonical == pytest.approx(14 / 12)


@pytest.mark.parametrize(
    "text",
    [
        "In Denver, 40 were hurt.",  # a place, then a count without a noun
        "On Monday, 12, the court sat.",  # a weekday is no name
        "However, 55 of them stayed.",  # "of them" with no earlier noun
        "Vol. 3, 14 pages",
    ],
)
def test_not_ages(text):
    assert all(f.kind != "age" for f in figures(text))


def test_veteran_is_a_duration_not_an_age():
    f = one("A 22-year veteran of the force, she retired.")
    assert (f.kind, f.value, f.unit, f.text) == ("duration", 22, "years", "22-year")
    f = one("He is a 9-year company veteran.")
    assert f.kind == "duration"


# --------------------------------------------------------------------------- scores


@pytest.mark.parametrize(
    "text, pair, unit",
    [
        ("It was a 101-94 loss in overtime.", (101, 94), "score"),
        ("The Hawks won 3-1 on Sunday.", (3, 1), "score"),
        ("They finished with a 12-4 record.", (12, 4), "record"),
        ("The team is 6-11 on the season.", (6, 11), "record"),
        ("Their coach went 310-288 in Denver.", (310, 288), "record"),
        ("He compiled a 45-50 mark in Denver.", (45, 50), "record"),
        ("The Owls (14-9) play on Friday.", (14, 9), "record"),
        ("After a 2-7 start, the club rallied.", (2, 7), "record"),
        ("They are just 3-6 in their last nine.", (3, 6), "record"),
        ("The final score was 31-24.", (31, 24), "score"),
        ("The Falcons lost to Miami 17-20 on Sunday.", (17, 20), "score"),
    ],
)
def test_scores_and_records(text, pair, unit):
    f = one(text)
    assert (f.kind, f.pair, f.value, f.unit, f.canonical_unit) == ("score", pair, pair[0], unit, unit)
    assert f.value_start < f.value_end and "-" in text[f.value_start:f.value_end]


@pytest.mark.parametrize(
    "text",
    [
        "The 2011-12 season was long.",  # a season
        "Call 555-0199 or 555-0123-44.",  # phone numbers
        "It happened after 9/11.",
        "Open 24-7 all year.",  # an idiom
    ],
)
def test_not_scores(text):
    assert all(f.kind != "score" for f in figures(text))


def test_range_of_a_counted_noun_stays_a_range():
    f = one("Rebels seized 30-40 trucks.")
    assert (f.kind, f.bound, f.pair) == ("count", "range", None)
    f = one("Rain fell over 10-15 km.")
    assert (f.kind, f.bound) == ("length", "range")


# --------------------------------------------------------------------------- magnitudes


@pytest.mark.parametrize(
    "text, value",
    [
        ("A magnitude 7.2 earthquake hit the coast.", 7.2),
        ("The 5.8-magnitude quake was felt inland.", 5.8),
        ("A magnitude-6.4 tremor followed.", 6.4),
        ("The quake measured 6.9 on the Richter scale.", 6.9),
        ("A 4.7 aftershock rattled the town.", 4.7),
        ("It had a magnitude of 5.5.", 5.5),
    ],
)
def test_magnitudes(text, value):
    f = one(text)
    assert (f.kind, f.value, f.unit, f.canonical_unit) == ("magnitude", value, "magnitude", "magnitude")
    assert f.low < value < f.high


def test_magnitude_needs_its_word():
    assert figures("The index rose 4.7 points.")[0].kind == "count"
    assert all(f.kind != "magnitude" for f in figures("A magnitude 12 storm of protest."))


# --------------------------------------------------------------------------- glued units


def test_glued_and_hyphenated_measures():
    assert kinds("The convoy drove 240km in a day.") == [("length", 240, "km")]
    f = one("The 220,000-square-foot plant closed.")
    assert (f.kind, f.value, f.unit, f.canonical_unit) == ("other", 220_000, "sq ft", "sq km")
    f = one("A 9,400-square-metre hall opened.")
    assert (f.unit, f.canonical) == ("sq m", pytest.approx(0.0094))
    f = one("Police found a .45-caliber pistol.")
    assert (f.value, f.unit, f.text) == (0.45, "caliber", ".45-caliber")
    assert one("He owned a 20-gauge shotgun.").unit == "gauge"
    f = one("She drank a 1.5-liter bottle.")
    assert (f.unit, f.canonical_unit) == ("litres", "litres")


def test_heights():
    f = one("The suspect is 6-foot-2.")
    assert (f.kind, f.unit, f.value, f.text) == ("length", "feet", pytest.approx(6 + 2 / 12), "6-foot-2")
    out = figures("He is described as 5-foot-10, 170 pounds.")
    assert [(f.kind, f.unit) for f in out] == [("length", "feet"), ("other", "pounds")]
    out = figures("She is 5-foot-4,120 pounds.")  # a comma's space lost
    assert [(f.text, f.value) for f in out] == [("5-foot-4", pytest.approx(5 + 4 / 12)), ("120 pounds", 120)]
    f = one("He stands 6 feet 1 inch tall.")
    assert f.value == pytest.approx(6 + 1 / 12) and f.text == "6 feet 1 inch"


def test_money_glued_and_spaced():
    f = one("He signed for $7.25MM.")
    assert (f.kind, f.value, f.unit) == ("money", 7_250_000, "USD")
    out = figures("The fee was $3. 5MM in all.")  # a space after the point, as in rebuilt text
    assert [(f.kind, f.value, f.text) for f in out] == [("money", 3_500_000, "$3. 5MM")]
    assert one("It cost €4 million.").value == 4e6
    assert one("Sales were $8 mln.").value == 8e6
    assert one("The budget is Rs 300 crore.").value == 3e9
    assert one("He was paid $.75 a page.").value == 0.75
    f = one("Costs ran to millions of dollars.")
    assert (f.kind, f.unit, f.bound) == ("money", "USD", "approx")


def test_millimetres_and_millions():
    assert one("A 9mm pistol was found.").unit == "mm"
    assert one("The firm raised $9mm.").value == 9e6


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The blast killed one soldier.", 1, "soldier"),
        ("One woman was taken to hospital.", 1, "woman"),
        ("He faces one count of arson.", 1, "count"),
        ("One of the hostages escaped.", 1, "hostages"),
        ("The storm destroyed a single bridge.", 1, "bridge"),
        ("They grabbed a couple of chairs.", 2, "chairs"),
        ("They found a pair of boots.", 2, "boots"),
        ("Another dozen protesters arrived.", 12, "protesters"),
        ("A half dozen boats sank.", 6, "boats"),
        ("Half a million people marched.", 5e5, "people"),
        ("Dozens of homes flooded.", 50, "homes"),
        ("They staged a seven-ship raid.", 7, "ship"),
        ("It was a four-match winning run.", 4, "match"),
        ("She is a six-time champion.", 6, "times"),
        ("It marked a 12-point swing.", 12, "point"),
        ("The 40-member panel voted.", 40, "member"),
        ("He has won the race three times.", 3, "times"),
        ("She has hosted the show twice.", 2, "times"),
        ("Two very tired climbers were found.", 2, "climbers"),
        ("Three small and hungry dogs ran off.", 3, "dogs"),
    ],
)
def test_counts(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (value, unit)
    assert f.kind == "count"


def test_multiples_of_a_limit():
    f = one("Her reading was more than four times the limit.")
    assert (f.kind, f.unit, f.value, f.bound) == ("other", "times", 4, "at_least")
    assert one("It is twice the size of the old one.").kind == "other"


@pytest.mark.parametrize(
    "text",
    [
        "One day he will return.",
        "On the one hand, it works.",
        "One official said talks had stalled.",
        "One of the best teams lost.",
        "One of the country's largest firms",
        "Not one of them said a word.",
        "No one knows why.",
        "They helped one another.",
        "She was a one-time mayor.",
        "One Direction played a concert.",
        "It was the one thing left.",
        "one or two",
    ],
)
def test_one_that_is_not_a_count(text):
    assert figures(text) == []


def test_no_one_hurt_is_a_count_of_nought():
    f = one("No one else was injured.")
    assert (f.value, f.unit, f.kind, f.low, f.high) == (0, "injured", "count", 0, 0)
    assert one("Luckily no one was killed.").unit == "killed"


def test_harm_verbs_imply_people():
    out = figures("Sniper kills 2, injures 5 near market")
    assert [(f.value, f.unit) for f in out] == [(2, "people"), (5, "people")]
    out = figures("The gunman shot four people, killing one, before he fled.")
    assert [(f.value, f.unit) for f in out] == [(4, "people"), (1, "people")]
    f = one("Officers took 31 into custody after the raid.")
    assert (f.value, f.unit) == (31, "people")
    f = one("Troops arrested 12 on Sunday.")
    assert (f.value, f.unit) == (12, "people")


def test_number_glued_to_a_headline_word_before_a_toll():
    out = figures("Mall Shooting Update-3 Dead, 4 Injured")
    assert [(f.value, f.unit) for f in out] == [(3, "dead"), (4, "injured")]
    assert figures("The Su-27 flew past.") == []


def test_parents_of_imply_children():
    f = one("The victim, a father of three, worked nights.")
    assert (f.value, f.unit) == (3, "children")
    f = one("The mother of four died at the scene.")
    assert (f.value, f.unit) == (4, "children")


def test_elided_nouns_take_the_nearest_earlier_noun():
    out = figures("Nine miners were trapped. Four of them were freed on Monday; the other five died.")
    assert [(f.value, f.unit) for f in out] == [(9, "miners"), (4, "miners"), (5, "miners")]
    out = figures("She owns three farms. Her brother runs all three.")
    assert [(f.value, f.unit) for f in out] == [(3, "farms"), (3, "farms")]
    out = figures("He spent 12 seasons in Boston, the first eight as a player.")
    assert [(f.value, f.unit, f.kind) for f in out] == [(12, "seasons", "duration"), (8, "seasons", "duration")]
    out = figures("He coached the club for six years and managed it for four, then left.")
    assert [(f.value, f.unit) for f in out] == [(6, "years"), (4, "years")]
    out = figures("The team won 14 of its last 20 games.")
    assert [(f.value, f.unit) for f in out] == [(14, "games"), (20, "games")]


def test_elided_noun_without_an_earlier_figure_is_dropped():
    assert figures("The remaining three were sent home.") == []
    assert figures("A new law passed. The town voted. Later, the other two signed.") == []
    # a figure three sentences back is too far
    text = "They bought 12 trucks. It rained. It snowed. Then it rained. The other four were sold."
    assert [(f.value, f.unit) for f in figures(text)] == [(12, "trucks")]


def test_elided_money_and_years_are_not_inherited():
    out = figures("It cost $40 million and they lost eight of 10.")
    assert [(f.kind, f.value) for f in out] == [("money", 40e6)]
    out = figures("He had three convictions from 1998 to 2001.")
    assert [(f.value, f.unit) for f in out] == [(3, "convictions")]


def test_levels_and_bracketed_stats():
    f = one("Her blood-alcohol level was .19 at the time.")
    assert (f.kind, f.value, f.unit) == ("other", 0.19, "level")
    out = figures("She leads the league in assists (7.4) and steals (2.1).")
    assert [(f.unit, f.value) for f in out] == [("assists", 7.4), ("steals", 2.1)]
    assert figures("See section (3) and item (4).") == []


def test_implicit_counts():
    out = figures("A 19-year-old student was stabbed to death on Friday.")
    assert [(f.kind, f.unit, f.implicit) for f in out] == [("age", "years", False), ("count", "killed", True)]
    implied = out[1]
    assert (implied.value, implied.text) == (1, "stabbed to death")
    f = one("Police are investigating a double homicide.")
    assert (f.value, f.unit, f.implicit, f.text) == (2, "killed", True, "double homicide")
    f = one("A man was shot and wounded outside a bar.")
    assert (f.value, f.unit, f.implicit) == (1, "wounded", True)
    # "a second guard" is not the only one; a number already says how many
    assert figures("A second guard was shot.") == []
    assert [f.implicit for f in figures("Two men were killed.")] == [False]


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    "text, value, unit, bound",
    [
        ("He served four-plus years as mayor.", 4, "years", "at_least"),
        ("She signed a one-year contract.", 1, "years", "exact"),
        ("They waited three and a half months.", 3.5, "months", "exact"),
        ("They waited 2 1/2 hours.", 2.5, "hours", "exact"),
        ("He quit after just one season.", 1, "seasons", "exact"),
        ("She hid there for a couple of hours.", 2, "hours", "approx"),
        ("The strike lasted two long weeks.", 2, "weeks", "exact"),
        ("It ended after a single turbulent season.", 1, "seasons", "exact"),
        ("They have lived here for 20-odd years.", 20, "years", "approx"),
        ("One year later, he returned.", 1, "years", "exact"),
    ],
)
def test_durations(text, value, unit, bound):
    f = one(text)
    assert (f.kind, f.value, f.unit, f.bound) == ("duration", value, unit, bound)
    if bound == "at_least":
        assert f.high == math.inf


def test_lengths_with_halves():
    f = one("The farm is about a mile and a half away.")
    assert (f.kind, f.value, f.unit, f.bound) == ("length", 1.5, "miles", "approx")
    f = one("She lived half a mile away.")
    assert (f.value, f.unit) == (0.5, "miles")
    f = one("He walked four and a half miles.")
    assert f.value == 4.5
    f = one("Add 1/2 liter of water.")
    assert (f.value, f.unit) == (0.5, "litres")
    assert figures("Half the town fled.") == []
    assert figures("He won 3/4 of the vote.") == []


# --------------------------------------------------------------------------- exclusions kept


@pytest.mark.parametrize(
    "text",
    [
        "The court met in 2009 and again in 2011.",
        "It happened at 4:30 p.m. on March 3.",
        "She finished 3rd in the 1990s.",
        "He flew an F-16 and a MiG-29.",
        "Covid-19 spread fast.",
        "The top-10 list came out.",
        "He wore the number-23 shirt.",
    ],
)
def test_exclusions(text):
    assert figures(text) == []


# --------------------------------------------------------------------------- ages in obituaries


@pytest.mark.parametrize("text, age", [
    ("Okonkwo was 84.", 84),
    ("She was 67, her daughter said.", 67),
    ("Retired Judge Dies at 88", 88),
    ("The poet, dead at 79, left two novels.", 79),
])
def test_obituary_ages(text, age):
    found = [f for f in figures(text) if f.kind == "age"]
    assert [f.value for f in found] == [age]


@pytest.mark.parametrize("text", ["The score was 5.", "It was 3.", "The toll was 12."])
def test_was_n_after_a_thing_is_not_an_age(text):
    assert not [f for f in figures(text) if f.kind == "age"]


def test_an_address_block_is_not_a_count():
    assert not figures("Police sealed off the 4300 block of Main Street.")
    assert [f.value for f in figures("Police sealed off three blocks of Main Street.")] == [3]
