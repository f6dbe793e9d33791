"""Event grouping, and the ``newsdiff events`` command run for real."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import yaml

from newsdiff.corpus.articles import Article, load_corpus, text_sha256
from newsdiff.comparison.events import group_events

QUAKE = [
    "A magnitude 7.1 earthquake struck Kumamoto in southern Japan on Saturday, killing 41 "
    "people. The Japan Meteorological Agency said aftershocks hit Kumamoto and Oita.",
    "Rescuers in Kumamoto searched collapsed homes after the magnitude 7.1 earthquake. "
    "Prime Minister Shinzo Abe said 41 people died in Kumamoto prefecture, Japan.",
    "The Kumamoto earthquake of magnitude 7.1 left 41 dead, the Japan Meteorological Agency "
    "said, as aftershocks rattled Oita and Kumamoto on Sunday.",
]
FINAL = [
    "Real Madrid beat Atletico Madrid on penalties in the Champions League final in Milan. "
    "Cristiano Ronaldo scored the winning penalty at San Siro.",
    "Cristiano Ronaldo converted the decisive penalty as Real Madrid won the Champions "
    "League final against Atletico Madrid at San Siro in Milan.",
]


def as_vector(weights: dict[str, float]):
    """A grouping vector (terms strongest first, ties by term; their weights) from a dict."""
    from array import array

    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(t for t, _ in ranked), array("d", [w for _, w in ranked])


def write(tmp_path: Path, texts: list[str], prefix: str) -> None:
    for n, text in enumerate(texts):
        (tmp_path / f"{prefix}{n}.txt").write_text(text, encoding="utf-8")


def test_seeds_are_one_event(seed_articles):
    events = group_events(seed_articles)
    assert len(events) == 1
    assert sorted(events[0].article_ids) == sorted(a.id for a in seed_articles)
    assert events[0].title in {a.title for a in seed_articles}


def test_event_title_prefers_a_real_headline(seed_articles):
    (event,) = group_events(seed_articles)
    # 000/001 have titles cut from a first sentence ("…"), 002 a caption sentence ending
    # with a full stop; 003 has a real headline
    assert event.title == "Iranian Troops In Iraq As ISIS Threatens To Overrun Baghdad"
    assert event.id.startswith("iranian-troops-in-iraq")


def test_two_different_events_are_two_groups(tmp_path):
    write(tmp_path, QUAKE, "quake")
    write(tmp_path, FINAL, "final")
    articles = load_corpus([tmp_path]).articles
    events = group_events(articles)
    groups = sorted(sorted(e.article_ids) for e in events)
    assert groups == [["final0", "final1"], ["quake0", "quake1", "quake2"]]
    ids = [e.id for e in events]
    assert len(set(ids)) == len(ids)


def test_deterministic_and_independent_of_order(tmp_path, seed_articles):
    write(tmp_path, QUAKE + FINAL, "x")
    articles = load_corpus([tmp_path]).articles + seed_articles
    first = group_events(articles)
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    assert group_events(shuffled) == first
    assert group_events(articles) == first


def test_no_article_lost_or_duplicated(tmp_path, seed_articles):
    write(tmp_path, QUAKE + FINAL + ["x", "   ...   ", "1,2,3"], "y")
    articles = load_corpus([tmp_path]).articles + seed_articles
    events = group_events(articles)
    ids = [aid for e in events for aid in e.article_ids]
    assert sorted(ids) == sorted(a.id for a in articles)


def test_single_and_no_article(seed_articles):
    one = group_events(seed_articles[:1])
    assert len(one) == 1 and one[0].article_ids == [seed_articles[0].id]
    assert group_events([]) == []


def test_replicated_articles_group_with_their_copies(seed_articles):
    copies = [replace(a, id=f"{a.id}-copy{n}") for a in seed_articles for n in range(3)]
    events = group_events(copies)
    assert sum(len(e.article_ids) for e in events) == 12
    assert len(events) == 1


def test_events_command_text(run_newsdiff, seeds_dir):
    result = run_newsdiff("events", seeds_dir)
    assert result.returncode == 0, result.stderr
    assert "4 articles" in result.stdout
    for path in sorted(seeds_dir.glob("*.txt")):
        assert path.stem in result.stdout


def test_events_command_yaml_with_bundled_seeds(run_newsdiff, tmp_path):
    write(tmp_path, QUAKE, "quake")
    write(tmp_path, FINAL, "final")
    result = run_newsdiff("events", tmp_path, "--format", "yaml")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert [len(e["articles"]) for e in data["events"]] == [3, 2]
    assert set(data["events"][0]) == {"id", "title", "articles"}
    default = yaml.safe_load(run_newsdiff("events", "--format", "yaml").stdout)
    assert len(default["events"]) == 1 and len(default["events"][0]["articles"]) == 4


def test_events_command_titles_are_not_markup(run_newsdiff, tmp_path):
    (tmp_path / "m.md").write_text("---\ntitle: '[bold red]Boom[/] \\e'\n---\nIran sent troops.\n")
    result = run_newsdiff("events", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[bold red]Boom[/]" in result.stdout


def test_events_command_without_articles_exits_2(run_newsdiff, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_newsdiff("events", empty)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    missing = run_newsdiff("events", tmp_path / "nope")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def _obituary(name: str, surname: str) -> str:
    return (f"{name} Dies at 91\n\n{name}, a figure of the Watergate scandal who worked for "
            f"President Richard Nixon, died on Thursday, his family said. {surname} was 91. "
            f"{surname} had testified before the Senate committee on Watergate in 1973. "
            f"Nixon resigned in 1974. {surname} later lived quietly in California, where "
            f"{surname} wrote a memoir about the Watergate years and the Nixon White House.\n")


def test_reports_about_two_people_who_never_name_each_other_are_two_events(tmp_path):
    """Obituaries of two Watergate figures share every word but the protagonist."""
    for n in range(3):
        (tmp_path / f"felt{n}.txt").write_text(_obituary("Mark Felt", "Felt"), encoding="utf-8")
        (tmp_path / f"larue{n}.txt").write_text(_obituary("Fred LaRue", "LaRue") + f" Copy {n}.", encoding="utf-8")
    events = group_events(load_corpus([tmp_path]).articles)
    groups = sorted(sorted(e.article_ids) for e in events)
    assert len(groups) == 2
    assert all(len({i[:4] for i in g}) == 1 for g in groups)


def test_a_protagonist_named_in_the_other_report_keeps_them_together(tmp_path):
    (tmp_path / "a.txt").write_text(_obituary("Mark Felt", "Felt"), encoding="utf-8")
    other = _obituary("Fred LaRue", "LaRue") + " LaRue worked with Mark Felt. Felt was the source."
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    assert len(group_events(load_corpus([tmp_path]).articles)) == 1


def test_quick_mentions_read_names_as_runs_of_capitals():
    from newsdiff.comparison.events import quick_mentions

    found = {m.text: m.kind for m in quick_mentions(
        "The Iranian Revolutionary Guard sent troops, the Times of London said. Mark Felt spoke. "
        "Police said Nouri al-Maliki met them in Baghdad.")}
    assert found["Mark Felt"] == "person" and found["Nouri al-Maliki"] == "person"
    assert found["Iranian Revolutionary Guard"] == "other" and found["Times of London"] == "other"
    assert "The" not in found and "Police" not in found and found["Baghdad"] == "other"


def test_a_term_every_article_has_proposes_no_pairs():
    # 500 unrelated notes that all mention one word: the word is too common to propose a
    # pair (the work stays linear), and nothing groups through it
    from newsdiff.comparison import events as ev
    rng = random.Random(7)
    letters = "bcdfghjklmnpqrstvwz"
    vecs = []
    for n in range(ev.MAX_POSTINGS + 100):
        own = {f"w:{''.join(rng.choice(letters) for _ in range(8))}": 1.0 for _ in range(5)}
        own["w:weather"] = 1.0
        norm = sum(w * w for w in own.values()) ** 0.5
        vecs.append(as_vector({t: w / norm for t, w in own.items()}))
    assert ev._similarities(vecs) == {}


def test_one_event_is_found_inside_a_large_pile_of_others(tmp_path):
    rng = random.Random(11)
    letters = "bcdfghjklmnpqrstvwz"
    for n in range(300):
        words = " ".join("".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(3))
                         for _ in range(60))
        (tmp_path / f"noise{n:03d}.txt").write_text(f"Note {n}\n\n{words}.", encoding="utf-8")
    write(tmp_path, QUAKE, "quake")
    events = group_events(load_corpus([tmp_path]).articles)
    quake = next(e for e in events if any(a.startswith("quake") for a in e.article_ids))
    assert sorted(quake.article_ids) == ["quake0", "quake1", "quake2"]


def test_articles_linked_into_a_small_group_have_every_shared_term_scored():
    # a-b and b-c share distinctive terms; a and c share only a weak common word, which
    # still counts in their similarity (as a full comparison would score it)
    from newsdiff.comparison import events as ev

    def unit(weights: dict[str, float]) -> dict[str, float]:
        norm = sum(w * w for w in weights.values()) ** 0.5
        return {t: w / norm for t, w in weights.items()}

    a = unit({"e:kumamoto": 5.0, "e:oita": 4.0, "w:rain": 0.3} | {f"w:a{k}": 3.0 for k in range(30)})
    b = unit({"e:kumamoto": 5.0, "e:oita": 4.0, "e:abe": 4.0})
    c = unit({"e:abe": 5.0, "w:rain": 0.3} | {f"w:c{k}": 3.0 for k in range(30)})
    vecs = [as_vector(v) for v in (a, b, c)]
    assert (0, 2) not in set(zip(*ev._candidate_pairs(vecs)))
    sims = ev._similarities(vecs)
    assert sims[(0, 2)] > 0 and sims[(0, 1)] > sims[(0, 2)]


def test_events_come_a_linked_group_at_a_time_and_add_up_to_the_whole_grouping(tmp_path):
    """iter_events: each batch is final when given; all batches are group_events' events."""
    from newsdiff.comparison.events import iter_events

    write(tmp_path, QUAKE, "quake")
    write(tmp_path, FINAL, "final")
    rng = random.Random(3)
    for n in range(40):
        words = " ".join("".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
                         for _ in range(40))
        (tmp_path / f"noise{n:02d}.txt").write_text(f"Note {n}\n\n{words}.", encoding="utf-8")
    articles = load_corpus([tmp_path]).articles
    heard: list[tuple[str, int, int]] = []
    batches = list(iter_events(articles, progress=lambda *step: heard.append(step)))
    whole = group_events(articles)
    flat = sorted((e for batch in batches for e in batch), key=lambda e: (-len(e.article_ids), e.id))
    assert flat == whole
    assert len(batches) > 2  # the two events and the noise come separately
    assert sorted(a for batch in batches for e in batch for a in e.article_ids) == sorted(a.id for a in articles)
    steps = [s for s, _, _ in heard]
    assert steps[0] == "reading" and steps[-1] == "grouping" and steps.index("grouping") > steps.count("reading") - 1
    grouping = [done for s, done, _ in heard if s == "grouping"]
    assert grouping == sorted(grouping) and grouping[-1] == len(articles)
    assert all(total == len(articles) for _, _, total in heard)


def test_clustering_one_linked_group_alone_gives_what_clustering_the_pile_gives():
    from newsdiff.comparison import events as ev

    # two groups no pair links; equal similarities inside each (ties broken by number);
    # 7 joins 3 and 5 only on average: (0.3 + 0.05) / 2 is under the threshold
    sims = {(0, 1): 0.5, (1, 2): 0.5, (0, 2): 0.5, (3, 5): 0.3, (5, 7): 0.3, (3, 7): 0.05}
    whole = ev._cluster(range(8), sims, 0.2)
    parts = ev._cluster([0, 1, 2], {k: v for k, v in sims.items() if k[0] < 3}, 0.2) \
        + ev._cluster([3, 4, 5, 6, 7], {k: v for k, v in sims.items() if k[0] >= 3}, 0.2)
    assert sorted(map(sorted, whole)) == sorted(map(sorted, parts))
    assert sorted(map(sorted, whole)) == [[0, 1, 2], [3, 5], [4], [6], [7]]


def test_a_large_linked_group_leaves_out_only_pairs_that_cannot_change_its_clusters(tmp_path, monkeypatch):
    """Scored from candidate pairs alone (every group counts as large here), a pair is
    kept only when both its articles have a pair at the threshold: the events are those
    that keeping every pair gives."""
    from newsdiff.comparison import events as ev

    write(tmp_path, QUAKE, "quake")
    write(tmp_path, FINAL, "final")
    rng = random.Random(9)
    pool = ["".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(800)]
    for n in range(30):  # notes sharing a few words of a pool by chance: weak pairs, no event
        words = " ".join(rng.choice(pool) for _ in range(60))
        (tmp_path / f"note{n:02d}.txt").write_text(f"Note {n}\n\n{words}.", encoding="utf-8")
    articles = load_corpus([tmp_path]).articles
    monkeypatch.setattr(ev, "EXACT_GROUP", 2)
    kept_sizes: list[tuple[int, int]] = []
    real = ev._big_group_similarities

    def every_pair(vecs, left, right, first_of, threshold, progress):
        return real(vecs, left, right, first_of, None, progress)

    def counted(vecs, left, right, first_of, threshold, progress):
        lean = real(vecs, left, right, first_of, threshold, progress)
        every = every_pair(vecs, left, right, first_of, threshold, progress)
        kept_sizes.extend((len(lean.get(first, {})), len(pairs)) for first, pairs in every.items())
        return lean

    monkeypatch.setattr(ev, "_big_group_similarities", counted)
    lean = ev.group_events(articles)
    monkeypatch.setattr(ev, "_big_group_similarities", every_pair)
    assert lean == ev.group_events(articles)
    assert kept_sizes and all(k <= n for k, n in kept_sizes) and any(k < n for k, n in kept_sizes)
    assert sorted(next(e for e in lean if "quake0" in e.article_ids).article_ids) == ["quake0", "quake1", "quake2"]


def test_words_every_report_of_a_small_pile_shares_still_tie_it_together():
    """A folder of one event's reports: all of them state the event ("Pirates attacked the
    Gibe in the Gulf of Aden"), two pairs add different details. Within the pile the
    shared words are in every article, yet they are distinctive of the news at large
    (``BACKGROUND``): one event, not two."""
    from newsdiff.comparison import events as ev

    core = "Pirates attacked the Gibe in the Gulf of Aden."
    details = ["helicopter marines boarded skiffs rifles grenades seized ammunition magazines launcher",
               "Ethiopian flagged freighter distress call ministry statement Yemeni Somali nationals detained"]
    texts = [f"Report {i}\n\n{core} {details[i // 2]} {details[i // 2]}" for i in range(4)]
    articles = [Article(id=f"a{i}", path=f"/x/a{i}.txt", title=f"Report {i}", text=t, sha256=text_sha256(t))
                for i, t in enumerate(texts)]
    assert [e.article_ids for e in ev.group_events(articles)] == [["a0", "a1", "a2", "a3"]]
    # a pile where nothing is shared by all keeps its two events apart
    other = "A storm flooded the harbour of Lisbon overnight."
    texts[2:] = [f"Report {i}\n\n{other} {details[1]} {details[1]}" for i in (2, 3)]
    articles = [Article(id=f"a{i}", path=f"/x/a{i}.txt", title=f"Report {i}", text=t, sha256=text_sha256(t))
                for i, t in enumerate(texts)]
    assert sorted(e.article_ids for e in ev.group_events(articles)) == [["a0", "a1"], ["a2", "a3"]]


def test_a_few_common_words_do_not_make_unrelated_stories_one_event():
    """Three unrelated stories that each mention council officials this week: in a pile
    this small those are the only words two of them share, yet each says much else, which
    counts in its length (``SINGLETON_SHARE``): three events."""
    stories = [
        "The Lakers traded their veteran guard to Denver for two draft picks and cap space before "
        "the deadline. Council officials praised the deal this week.",
        "A strong quake shook the northern coast, cracking bridges and cutting power to fishing "
        "villages overnight. This week council officials surveyed damage.",
        "The museum unveiled a restored medieval tapestry depicting hunters, falcons and a burning "
        "castle. Officials from the council attended this week.",
    ]
    articles = [Article(id=f"s{i}", path=f"/x/s{i}.txt", title=t.split(".")[0], text=t, sha256=text_sha256(t))
                for i, t in enumerate(stories)]
    assert sorted(e.article_ids for e in group_events(articles)) == [["s0"], ["s1"], ["s2"]]
