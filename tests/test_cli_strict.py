"""The command line says what it did not do: a search with no query, a missing argument,
and a compare of a pile holding several events, run as real commands in a subprocess."""

from __future__ import annotations

from pathlib import Path

import yaml

FLOOD = {
    "flood1": (
        "Floods swamp Tewkesbury as River Severn bursts its banks",
        "The River Severn burst its banks in Tewkesbury on Tuesday, flooding 300 homes and "
        "forcing the evacuation of the town centre. Gloucestershire Fire and Rescue said crews "
        "rescued 45 people from flooded houses. The Environment Agency issued a severe flood "
        "warning for Tewkesbury and said the river peaked at 5.2 metres.",
    ),
    "flood2": (
        "Hundreds of homes flooded in Tewkesbury",
        "Around 300 homes in Tewkesbury were flooded after the River Severn rose to 5.2 metres "
        "overnight, the Environment Agency said. Gloucestershire Fire and Rescue rescued dozens "
        "of residents by boat, and the town centre was evacuated. A severe flood warning "
        "remains in place for the Severn at Tewkesbury.",
    ),
    "flood3": (
        "Tewkesbury evacuated as Severn flood peaks",
        "Residents of Tewkesbury were evacuated on Tuesday as the River Severn flood peaked at "
        "5.3 metres, according to the Environment Agency. Gloucestershire Fire and Rescue said "
        "45 people were rescued and about 280 homes flooded in the town. Sandbags were handed "
        "out in Tewkesbury as the severe flood warning stayed in force.",
    ),
    "flood4": (
        "Severn flood: Tewkesbury cut off",
        "Tewkesbury was cut off on Tuesday after the River Severn flooded roads into the town, "
        "the Environment Agency said, with the river at 5.2 metres. Gloucestershire Fire and "
        "Rescue said 300 homes had flooded and 45 people were rescued from the town centre.",
    ),
}
TRANSFER = {
    "transfer1": (
        "Arsenal sign striker Lukas Brandt from Borussia Dortmund",
        "Arsenal have signed the striker Lukas Brandt from Borussia Dortmund for a fee of 65 "
        "million euros, the club announced on Friday. Brandt, 24, signed a five-year contract "
        "at the Emirates Stadium. Mikel Arteta said Brandt would strengthen the Arsenal attack.",
    ),
    "transfer2": (
        "Brandt completes move to Arsenal",
        "Lukas Brandt has completed his transfer from Borussia Dortmund to Arsenal for 65 "
        "million euros. The German striker, 24, agreed a five-year deal, and Arsenal manager "
        "Mikel Arteta welcomed Brandt to the Emirates Stadium on Friday.",
    ),
    "transfer3": (
        "Dortmund sell Lukas Brandt to Arsenal",
        "Borussia Dortmund confirmed on Friday that Lukas Brandt has joined Arsenal in a "
        "transfer worth 60 million euros plus add-ons. Brandt signed a five-year contract with "
        "Arsenal, where Mikel Arteta has long wanted a new striker.",
    ),
}


def _write_pile(folder: Path, *events: dict[str, tuple[str, str]]) -> Path:
    folder.mkdir()
    for event in events:
        for name, (title, body) in event.items():
            (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


def _article_ids(yaml_text: str) -> list[str]:
    return [a["id"] for a in yaml.safe_load(yaml_text)["articles"]]


# --------------------------------------------------------------------------- search: no query


def test_search_with_only_a_path_is_an_error_not_a_search(run_newsdiff, seeds_dir, tmp_path):
    (tmp_path / "troops").mkdir()  # a folder named like a word of the articles
    for args in ([seeds_dir], [f"{seeds_dir}/"], [seeds_dir, seeds_dir], [seeds_dir, "troops"]):
        proc = run_newsdiff("search", *args, "--index", tmp_path / "ix")
        assert proc.returncode == 2, proc.stderr
        [line] = proc.stderr.splitlines()
        assert line.startswith("newsdiff: error: no query given: the last argument, ")
        assert "is a path; usage: newsdiff search [PATH...] QUERY" in line
        assert proc.stdout == ""
    assert not (tmp_path / "ix").exists()  # refused before anything was loaded or indexed
    # quoted, the word is searched for, as the error line suggests
    quoted = run_newsdiff("search", seeds_dir, '"troops"', "--index", tmp_path / "ix")
    assert quoted.returncode == 0, quoted.stderr
    assert "001_f3fb3571b5492621" in quoted.stdout


def test_search_whose_query_names_no_file_still_searches(run_newsdiff, seeds_dir, tmp_path):
    proc = run_newsdiff("search", seeds_dir, "troops", "--json", "--index", tmp_path / "ix")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 4


# --------------------------------------------------------------------------- missing arguments


def test_missing_required_argument_is_one_error_line(run_newsdiff):
    cases = {
        ("search",): "the following arguments are required: [PATH...] QUERY; usage: newsdiff search ",
        ("compare", "--same", "onlyone"): "argument --same: expected 2 arguments; usage: newsdiff compare ",
        ("compare", "--not-same"): "argument --not-same: expected 2 arguments; usage: newsdiff compare ",
        ("index", "--index"): "argument --index: expected one argument; usage: newsdiff index ",
        ("--bogus",): "unrecognized arguments: --bogus; usage: newsdiff ",
    }
    for args, expected in cases.items():
        proc = run_newsdiff(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        [line] = proc.stderr.splitlines()  # one line: no usage block above it
        assert line.startswith(f"newsdiff: error: {expected}"), (args, line)
        assert proc.stdout == "" and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- compare: events


def test_compare_of_several_events_compares_the_largest_and_says_so(run_newsdiff, tmp_path):
    pile = _write_pile(tmp_path / "pile", FLOOD, TRANSFER)
    proc = run_newsdiff("compare", pile)
    assert proc.returncode == 0, proc.stderr
    title = yaml.safe_load(proc.stdout)["event"]["title"]
    assert title in {texts[0] for texts in FLOOD.values()}  # named after one of its reports
    assert proc.stderr.splitlines() == [
        "newsdiff: warning: 2 events in these articles; comparing the largest, "
        f"'{title}' (4 articles); --all compares them all as one"
    ]
    assert _article_ids(proc.stdout) == sorted(FLOOD)

    everything = run_newsdiff("compare", pile, "--all")
    assert everything.returncode == 0 and everything.stderr == ""
    assert _article_ids(everything.stdout) == sorted(FLOOD) + sorted(TRANSFER)


def test_compare_to_a_file_counts_only_the_largest_event(run_newsdiff, tmp_path):
    pile = _write_pile(tmp_path / "pile", FLOOD, TRANSFER)
    out = tmp_path / "out.yaml"
    proc = run_newsdiff("compare", pile, "-o", out)
    assert proc.returncode == 0, proc.stderr
    warning, wrote = proc.stderr.splitlines()
    assert warning.startswith("newsdiff: warning: 2 events in these articles")
    assert wrote.startswith(f"wrote {out}: 4 articles,")
    assert _article_ids(out.read_text(encoding="utf-8")) == sorted(FLOOD)


def test_compare_of_one_event_warns_of_nothing(run_newsdiff, seeds_dir, tmp_path):
    proc = run_newsdiff("compare", seeds_dir)
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert len(_article_ids(proc.stdout)) == 4
    single = run_newsdiff("compare", _write_pile(tmp_path / "one", TRANSFER))
    assert single.returncode == 0 and single.stderr == ""
    assert _article_ids(single.stdout) == sorted(TRANSFER)
