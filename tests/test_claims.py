"""Aligning figures across articles into claims with verdicts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdiff.corpus.articles import Article, load_corpus, text_sha256
from newsdiff.comparison.claims import align_claims
from newsdiff.analysis.figures import extract_figures
from newsdiff.records import Claim, Figure, RawMention

REPO = Path(__file__).resolve().parent.parent
NAMES = [
    "Iran", "Iraq", "Iranian", "Iraqi", "Baghdad", "Samarra", "Tehran", "Mosul", "Quds Force",
    "Quds Forces", "Revolutionary Guard", "Revolutionary Guards", "ISIS", "Isis", "Diyala",
    "Jalula", "Sadiyah", "Khanaqin", "Times of London", "Guardian", "FOX News", "Tikrit",
    "Syria", "Damascus", "Kabul", "Afghanistan", "Iran’s", "Iraq’s", "Iran's",
]
_NAME_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, NAMES), key=len, reverse=True)) + r")\b")


def mentions(text: str) -> list[RawMention]:
    return [RawMention(m.start(), m.end(), m.group()) for m in _NAME_RE.finditer(text)]


def figs(id: str, text: str) -> list[Figure]:
    a = Article(id=id, path=f"{id}.txt", title=id, text=text, sha256=text_sha256(text))
    return extract_figures(a, mentions(text))


def claims_of(*texts: str, **kwargs) -> list[Claim]:
    out: list[Figure] = []
    for n, text in enumerate(texts):
        out.extend(figs(f"{n:03d}_x", text))
    return align_claims(out, **kwargs)


def only(claims: list[Claim], verdict: str) -> list[Claim]:
    return [c for c in claims if c.verdict == verdict]


# --------------------------------------------------------------------------- verdicts


def test_troop_counts_conflict():
    claims = claims_of(
        "Iran has sent 150 troops to Iraq.",
        "Iran has sent 2,000 troops to Iraq.",
    )
    assert len(claims) == 1
    c = claims[0]
    assert (c.verdict, c.kind, c.unit) == ("conflict", "count", "troops")
    assert c.reason == "150 (000) vs 2,000 (001) troops; same predicate: sent, same holder: Iran"
    assert [f.value for f in c.values] == [150, 2000]
    assert c.confidence >= 0.7


def test_distance_with_conversions_agrees():
    claims = claims_of(
        "Fighting raged near Samarra - a city 110km (68 miles) north of Baghdad.",
        "Militias went to Samarra, 70 miles (110km) north of Baghdad.",
    )
    assert len(claims) == 1
    c = claims[0]
    assert (c.verdict, c.kind, c.unit) == ("agree", "length", "km")
    assert c.claim == "Samarra distance north of Baghdad"
    assert "110 km (000)" in c.reason and "70 miles (001)" in c.reason


def test_different_exact_numbers_in_one_unit_do_not_agree():
    # read as written, 70 and 72 miles differ (a trailing zero is not taken as rounding
    # within one unit; across units it is, see the conversions below)
    close = claims_of("Samarra is 70 miles from Baghdad.", "Samarra is 72 miles from Baghdad.")
    assert [c.verdict for c in close] == ["conflict"]
    assert close[0].reason.endswith("different exact numbers in one unit")
    weak = claims_of("Samarra is 70 miles from Baghdad.", "Officials drove 72 miles from Baghdad.")
    assert [c.verdict for c in weak] in (["possible"], ["single", "single"])
    if weak[0].verdict == "possible":
        assert weak[0].reason.endswith("the values differ unless one was rounded")
    same = claims_of("Samarra is 70 miles from Baghdad.", "Samarra is 70 miles from Baghdad.")
    assert [c.verdict for c in same] == ["agree"]
    far = claims_of("Samarra is 70 miles from Baghdad.", "Samarra is 90 miles from Baghdad.")
    assert [c.verdict for c in far] == ["conflict"]


def test_lower_bound_is_compatible_with_a_larger_value():
    claims = claims_of("At least 150 Iranian troops are in Iraq.", "Iran has 2,000 troops in Iraq.")
    assert [c.verdict for c in claims] == ["agree"]


def test_upper_bound_conflicts_only_when_exceeded():
    ok = claims_of("Up to 3,000 Iranian troops are in Iraq.", "Iran has 2,000 troops in Iraq.")
    assert [c.verdict for c in ok] == ["agree"]
    bad = claims_of("Up to 1,000 Iranian troops are in Iraq.", "Iran has 2,000 troops in Iraq.")
    assert [c.verdict for c in bad] == ["conflict"]


def test_strict_bounds_on_one_number_cannot_both_hold():
    # "nearly 300" is below 300 and "more than 300" above it: they meet at a point that
    # neither holds, and the reason shows the words that disagree
    claims = claims_of("The blast in Baghdad killed nearly 300 people.",
                       "The blast in Baghdad killed more than 300 people.")
    assert [c.verdict for c in claims] == ["conflict"]
    assert claims[0].reason.startswith("nearly 300 (000) vs more than 300 (001) people")
    inclusive = claims_of("The blast in Baghdad killed up to 300 people.",
                          "The blast in Baghdad killed at least 300 people.")
    assert [c.verdict for c in inclusive] == ["agree"]  # both hold at exactly 300
    point = claims_of("The blast in Baghdad killed 300 people.",
                      "The blast in Baghdad killed more than 300 people.")
    assert [c.verdict for c in point] == ["agree"]  # a round 300 may be 310
    assert point[0].reason.startswith("300 (000, 001) people")  # bound words only when they disagree


def test_a_conflict_of_many_values_names_the_two_that_decide_it():
    claims = claims_of("The blast in Baghdad killed 12 people.", "The blast in Baghdad killed 14 people.",
                       "The blast in Baghdad killed 100 people.")
    assert [c.verdict for c in claims] == ["conflict"]
    values, why = claims[0].reason.split("; ", 1)
    assert values == "12 (000) vs 14 (001) vs 100 (002) people"
    pair, evidence = why.split(" cannot both hold: ")
    assert len(pair.split(" vs ")) == 2 and set(pair.split(" vs ")) <= {"12 (000)", "14 (001)", "100 (002)"}
    assert evidence == "same predicate: killed"
    two = claims_of("The blast in Baghdad killed 12 people.", "The blast in Baghdad killed 100 people.")
    assert two[0].reason == "12 (000) vs 100 (001) people; same predicate: killed"  # no need to name them


def test_a_bound_has_no_rounding_slack_on_its_bounded_side():
    over = claims_of("Up to 2,000 Iranian troops are in Iraq.", "Iran has 2,100 troops in Iraq.")
    assert [c.verdict for c in over] == ["conflict"]
    under = claims_of("More than 2,000 Iranian troops are in Iraq.", "Iran has 1,900 troops in Iraq.")
    assert [c.verdict for c in under] == ["conflict"]


def test_the_most_confident_disagreeing_pair_decides():
    # "nearly $80 million" disagrees with "$82 million" only through a loose match (a time
    # scope in one article); the two exact sums disagree through a close one: a conflict
    claims = claims_of(
        "Iran paid $80 million for the oil.",
        "Last year Iran paid nearly $80 million for the oil.",
        "Iran paid $82 million for the oil.",
    )
    money = [c for c in claims if c.kind == "money"]
    assert [c.verdict for c in money] == ["conflict"]


def test_military_synonyms_align():
    claims = claims_of("Iran sent 150 soldiers to Iraq.", "Iran sent 2,000 fighters to Iraq.")
    assert [c.verdict for c in claims] == ["conflict"]
    assert claims[0].unit in ("soldiers", "fighters")


def test_different_counted_nouns_stay_apart():
    claims = claims_of("Iran sent two battalions to Iraq.", "Iran sent 2,000 troops to Iraq.")
    assert sorted(c.verdict for c in claims) == ["single", "single"]


def test_unrelated_figures_stay_single():
    claims = claims_of(
        "Iran sent 150 troops to Iraq.",
        "Kabul sent 2,000 troops to Afghanistan.",
    )
    assert [c.verdict for c in claims] == ["single", "single"]
    assert all(c.reason.startswith("only ") for c in claims)


def test_hypothetical_never_makes_a_conflict():
    claims = claims_of(
        "Iran has sent 150 troops to Iraq.",
        "The offer could amount to as many as 10,000 Iranian troops in Iraq.",
    )
    assert len(claims) == 1
    assert claims[0].verdict == "agree"
    assert "10,000 (001) hypothetical" in claims[0].reason


def test_currency_conversions_are_not_conflicts():
    claims = claims_of(
        "Iraq paid £1m ($1.6m) to Iran.",
        "Iraq paid $1.6m to Iran.",
        "Iraq paid £1m to Iran for fuel.",
    )
    assert not only(claims, "conflict")
    units = {c.unit for c in claims}
    assert units == {"GBP", "USD"}


def test_one_article_never_holds_two_values_of_a_claim():
    claims = claims_of(
        "Iran sent 2,000 troops to Iraq, and 1,500 troops crossed into Iraq from Iran.",
        "Iran sent 2,000 troops to Iraq.",
    )
    for c in claims:
        per_article: dict[str, set[float]] = {}
        for f in c.values:
            per_article.setdefault(f.article, set()).add(f.value)
        assert all(len(v) == 1 for v in per_article.values())
    assert [c.verdict for c in claims].count("agree") == 1


def test_event_city_stands_for_the_capital():
    a = "Militants were 70 miles north of the capital."
    b = "Militants were 110km north of Baghdad."
    assert [c.verdict for c in claims_of(a, b)] == ["single", "single"]
    assert [c.verdict for c in claims_of(a, b, event_city="Baghdad")] == ["agree"]


def test_entity_of_resolves_aliases():
    a = "Tehran sent 150 troops to Damascus."
    b = "Iran sent 2,000 troops to Syria."
    assert [c.verdict for c in claims_of(a, b)] == ["single", "single"]
    resolved = {"Tehran": "iran", "Iran": "iran", "Damascus": "syria", "Syria": "syria"}
    claims = claims_of(a, b, entity_of=lambda article, surface: resolved.get(surface))
    assert [c.verdict for c in claims] == ["conflict"]


def test_entity_of_failure_falls_back_to_surface_forms():
    def broken(article: str, surface: str) -> str | None:
        raise RuntimeError("resolver down")

    claims = claims_of("Iran sent 150 troops to Iraq.", "Iran sent 2,000 troops to Iraq.",
                       entity_of=broken)
    assert [c.verdict for c in claims] == ["conflict"]


def test_ids_are_unique_stable_slugs():
    texts = [
        "Iran sent two battalions to Iraq.", "Iran sent two battalions to Iraq.",
        "Iran sent three battalions to Iraq and 40 troops to Iraq.",
    ]
    first = claims_of(*texts)
    again = claims_of(*texts)
    ids = [c.id for c in first]
    assert len(ids) == len(set(ids))
    assert ids == [c.id for c in again]
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)


def test_no_figures_no_claims():
    assert align_claims([]) == []


def test_claims_are_ordered_conflicts_first():
    claims = claims_of(
        "Iran sent 150 troops to Iraq. Tikrit is 85 percent Sunni.",
        "Iran sent 2,000 troops to Iraq.",
    )
    assert [c.verdict for c in claims] == ["conflict", "single"]


# --------------------------------------------------------------------------- seeds


def _seed_claims(use_texts: bool, finder=None) -> list[Claim]:
    articles = load_corpus([REPO / "seeds"]).articles
    figures: list[Figure] = []
    for a in articles:
        figures.extend(extract_figures(a, (finder or mentions)(a.text)))
    texts = {a.id: a.text for a in articles} if use_texts else None
    return align_claims(figures, event_city="Baghdad", texts=texts)


def _check_seed_claims(claims: list[Claim]) -> None:
    troops = [c for c in claims if c.verdict == "conflict" and c.unit == "troops"]
    assert len(troops) == 1
    t = troops[0]
    actual = {(f.article[:3], f.value) for f in t.values if not f.hypothetical}
    assert actual == {("000", 150), ("003", 150), ("002", 2000)}
    assert t.reason.startswith("150 (000, 003) vs 2,000 (002) troops")
    distance = [c for c in claims if c.kind == "length" and c.verdict != "single"]
    assert len(distance) == 1
    d = distance[0]
    assert d.verdict == "agree"
    assert {f.article[:3] for f in d.values} == {"001", "002"}
    assert "Samarra" in d.claim and "Baghdad" in d.claim
    # everything else stands alone: no other conflicts in the seeds
    assert [c.verdict for c in claims].count("conflict") == 1
    assert len({c.id for c in claims}) == len(claims)


@pytest.mark.parametrize("use_texts", [False, True])
def test_seed_claims(use_texts):
    claims = _seed_claims(use_texts)
    _check_seed_claims(claims)
    if use_texts:
        troops = next(c for c in claims if c.verdict == "conflict")
        assert troops.claim == "Iranian troops sent to Iraq"
        assert troops.id == "iranian-troops-sent-to-iraq"


def test_seed_claims_with_the_real_mention_finder():
    mentions_mod = pytest.importorskip("newsdiff.analysis.mentions")
    _check_seed_claims(_seed_claims(True, mentions_mod.find_mentions))


def test_nationality_of_the_source_is_not_the_nationality_of_the_count():
    texts = {
        "000_x": "The Iraqi official said 1,500 basiji forces had crossed the border into Iraq.",
        "001_x": "Some 1,500 Iranian forces crossed into Iraq, officials said.",
    }
    figures = [f for id, text in texts.items() for f in figs(id, text)]
    claims = align_claims(figures, texts=texts)
    assert len(claims) == 1 and claims[0].verdict == "agree"
    assert claims[0].claim.startswith("Iranian forces")  # not "Iraqi": that was the source
    alone = align_claims(figs("000_x", texts["000_x"]), texts={"000_x": texts["000_x"]})
    assert not alone[0].claim.startswith("Iraqi")


def test_a_count_of_other_items_is_not_the_total():
    claims = claims_of(
        "Navy commandos seized seven AK-47 rifles from the Iraq boat.",
        "Commandos seized two machine guns and three other rifles from the Iraq boat.",
        "Commandos seized seven rifles from the Iraq boat.",
    )
    assert not only(claims, "conflict")
    rifles = [c for c in claims if c.unit == "rifles" and c.verdict == "agree"]
    assert len(rifles) == 1 and {f.value for f in rifles[0].values} == {7}


def test_more_than_is_a_bound_not_another_subset():
    claims = claims_of(
        "Iran has sent more than 150 troops to Iraq.",
        "Iran has sent 100 troops to Iraq.",
    )
    assert [c.verdict for c in claims] == ["conflict"]


def test_durations_in_different_units_far_apart_are_different_quantities():
    claims = claims_of(
        "The Iraq talks lasted three days, Iran said.",
        "The Iraq talks went on for 12 years, Iran said.",
    )
    assert not only(claims, "conflict")
    same_unit = claims_of("Iran talks in Iraq lasted eight years.", "Iran talks in Iraq lasted 86 years.")
    assert [c.verdict for c in same_unit] == ["conflict"]
    assert same_unit[0].reason.startswith("8 (000) vs 86 (001) years")  # as written, not in days


def test_figures_about_two_different_people_stay_apart():
    texts = {"000_x": "Miller scored 20 points in Iraq.", "001_x": "Iguodala scored 12 points in Iraq."}
    people = {"Miller", "Iguodala"}

    def run(kind_of):
        figures = [f for id, text in texts.items() for f in extract_figures(
            Article(id=id, path=f"{id}.txt", title=id, text=text, sha256=text_sha256(text)),
            [RawMention(m.start(), m.end(), m.group())
             for m in re.finditer(r"Miller|Iguodala|Iraq", text)])]
        return align_claims(figures, texts=texts, kind_of=kind_of)

    # the frames' holders (who scored) differ: apart even without the resolver's kinds
    assert sorted(c.verdict for c in run(None)) == ["single", "single"]
    kinds = run(lambda article, surface: "person" if surface in people else "place")
    assert sorted(c.verdict for c in kinds) == ["single", "single"]


def test_wire_copies_start_as_one_cluster_and_change_nothing(monkeypatch):
    """Thirty outlets running one wire story: its identical figures start as one cluster
    (one figure per article), and the claims are those the figure-by-figure clustering
    finds."""
    import newsdiff.comparison.claims as claims_module

    wire = ("Iran sent 150 troops to Iraq on Friday, officials in Baghdad said. "
            "Samarra is 70 miles north of Baghdad.")
    other = "Iran sent 2,000 troops to Iraq, a Baghdad official said."
    figures: list[Figure] = []
    for n in range(30):
        figures.extend(figs(f"{n:03d}_wire", wire))
    figures.extend(figs("900_other", other))
    fast = align_claims(figures)
    monkeypatch.setattr(claims_module, "_units", lambda aligner, items: [[p] for p in range(len(items))])
    slow = align_claims(figures)
    assert [(c.id, c.verdict, sorted((f.article, f.start) for f in c.values)) for c in fast] == \
        [(c.id, c.verdict, sorted((f.article, f.start) for f in c.values)) for c in slow]
    troops = next(c for c in fast if c.kind == "count")
    assert troops.verdict == "conflict" and len({f.article for f in troops.values}) == 31


def test_a_claim_of_thousands_of_copies_is_judged_on_its_distinct_values():
    """One sentence repeated 3,000 times against another article: one claim, judged as the
    two values it holds (and quickly: the verdict reads distinct values, not every pair)."""
    many = figs("000_copies", "Iran sent 150 troops to Iraq, officials in Baghdad said. " * 3000)
    other = figs("001_other", "Iran sent 2,000 troops to Iraq, officials in Baghdad said.")
    claims = [c for c in align_claims(many + other) if c.kind == "count"]
    assert len(claims) == 1
    assert claims[0].verdict == "conflict"
    assert len(claims[0].values) == 3001


def test_one_holder_doing_two_things_is_not_one_quantity():
    # the same subject, different verbs: "spotted five" and "intercepted three" differ
    claims = claims_of(
        "The Iraq frigate spotted five boats near the coast on Monday.",
        "The Iraq frigate intercepted three boats near the coast on Monday.",
    )
    assert not only(claims, "conflict")


def test_a_model_is_counted_across_nouns_and_kept_from_other_models():
    claims = claims_of(
        "Iraq police seized seven AK-47 rifles from the Baghdad warehouse on Monday.",
        "Iraq police seized 12 AK 47 guns from the Baghdad warehouse on Monday.",
    )
    model = [c for c in claims if {f.value for f in c.values} == {7, 12}]
    assert model and model[0].verdict == "conflict"
    claims = claims_of(
        "Iraq police seized seven AK-47 rifles from the Baghdad warehouse.",
        "Iraq police seized four M16 rifles from the Baghdad warehouse.",
    )
    assert all(len({f.value for f in c.values}) == 1 for c in claims)


def test_a_models_count_against_an_unqualified_count_is_only_possible():
    # "seven AK-47 rifles" may be part of "nine rifles": never a sure conflict
    claims = claims_of(
        "Iraq police seized seven AK-47 rifles from the Baghdad warehouse on Monday.",
        "Iraq police seized nine rifles from the Baghdad warehouse on Monday.",
    )
    assert not only(claims, "conflict")


def test_an_item_listed_after_including_counts_its_noun():
    claims = claims_of(
        "Iraq police seized a cache of arms, including seven grenades, in Baghdad.",
        "Iraq police seized seven grenades in Baghdad on Monday.",
    )
    grenades = [c for c in claims if c.unit == "grenades"]
    assert len(grenades) == 1 and grenades[0].verdict == "agree"


def test_two_sizes_of_one_named_thing_are_one_quantity():
    # a measure written as an adjective qualifies its noun: both report the dhow's length
    texts = {"000_x": "The navy seized a 10-metre dhow off the coast on Monday.",
             "001_x": "The navy seized a 33-foot dhow off the coast on Monday."}
    out = [f for id, text in texts.items() for f in figs(id, text)]
    claims = align_claims(out, texts=texts)
    assert len(claims) == 1 and claims[0].verdict == "agree"


def test_sentences_pairing_the_same_two_quantities_state_the_same_facts():
    # each sentence says what is done to two things, and the same two: the barges held
    # here are the barges held there, so a dozen against at least 15 is a conflict
    def barges(first: str, second: str) -> list[Claim]:
        texts = {"000_x": first, "001_x": second}
        out = [f for id, text in texts.items() for f in figs(id, text)]
        return [c for c in align_claims(out, texts=texts) if c.unit == "barges"]

    paired = barges("Rebels holding about a dozen barges and nearly 200 sailors were seen at dawn.",
                    "They still hold at least 15 barges and about 200 sailors, officials say.")
    assert len(paired) == 1 and paired[0].verdict == "conflict"
    assert "beside the same other figure" in paired[0].reason
    # the same counts stated alone, in other words and with no shared name: not aligned
    alone = barges("Rebels holding about a dozen barges were seen at dawn.",
                   "They still hold at least 15 barges, officials say.")
    assert [c.verdict for c in alone] == ["single", "single"]
