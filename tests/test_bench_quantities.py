"""bench/bench_quantities.py: its scoring, on a tiny event folder, without quantulum3."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_quantities.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_quantities", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


A = (
    "Gunmen kill 12 people in Baghdad market\n"
    "Gunmen killed 12 people at a market in Baghdad on Tuesday, police said.\n"
    "The attack also wounded 30 others.\n"
)
B = (
    "Baghdad market attack leaves 12 dead\n"
    "At least 12 people were killed and 30 wounded when gunmen opened fire in a crowded "
    "Baghdad market on Tuesday, officials said.\n"
)


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(doc: str, text: str, needle: str, nth: int = 0) -> dict:
    s, e = _at(text, needle, nth)
    return {"doc": doc, "start": s, "end": e, "text": needle}


def _event(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    quantities = [
        {"id": "killed", "kind": "count", "verdict": "agree", "mentions": [
            _mention("a.txt", A, "12"), _mention("a.txt", A, "12", 1),
            _mention("b.txt", B, "12"), _mention("b.txt", B, "12", 1)]},
        {"id": "wounded", "kind": "count", "verdict": "agree", "mentions": [
            _mention("a.txt", A, "30"), _mention("b.txt", B, "30")]},
        # Not a number: no figure of either tool can overlap it (the "missed" branch).
        {"id": "city", "kind": "other", "verdict": "agree", "mentions": [
            _mention("a.txt", A, "police"), _mention("b.txt", B, "officials")]},
    ]
    (folder / "quantities.yaml").write_text(
        yaml.safe_dump({"event": folder.name, "quantities": quantities}), encoding="utf-8")
    return folder


def test_counts_found_mentions_per_kind(bench, tmp_path: Path) -> None:
    event = _event(tmp_path / "t05_test")
    res = bench.count_found([event], peer=False, repeat=1)
    nd = res["newsdiff"]
    assert res["events"] == ["t05_test"] and res["articles"] == 2
    assert res["quantulum3"] is None
    assert (nd.n_found, nd.n_total) == (6, 8)
    assert nd.total["count"] == 6 and nd.found["count"] == 6
    assert nd.total["other"] == 2 and nd.found.get("other", 0) == 0
    assert nd.total["age"] == 0  # every standard kind has a row, gold or not
    assert nd.words == len(A.split()) + len(B.split())
    # the folder of folders and the splits select the same event (topic 5 is develop)
    assert bench.count_found([tmp_path], split="develop", peer=False, repeat=1)["events"] == ["t05_test"]
    assert bench.count_found([tmp_path], split="held-out", peer=False, repeat=1)["events"] == []


def test_overlap_is_half_open(bench) -> None:
    gold = [bench.GoldMention("a.txt", 10, 12, "count", "12"),
            bench.GoldMention("a.txt", 20, 22, "money", "$5"),
            bench.GoldMention("b.txt", 10, 12, "count", "12")]
    result = bench.ToolResult()
    bench.score(gold, {"a.txt": [(12, 20), (21, 30)], "b.txt": [(0, 11)]}, result)
    # (12, 20) touches both gold spans without overlapping; (21, 30) and (0, 11) overlap
    assert result.found == {"money": 1, "count": 1}
    assert result.total == {"count": 2, "money": 1}


def test_main_without_peer_prints_table_and_json(bench, tmp_path: Path, capsys) -> None:
    event = _event(tmp_path / "t02_test")
    assert bench.main(["--dirs", str(event), "--no-peer", "--repeat", "1", "--json"]) == 0
    out = capsys.readouterr().out
    assert "quantulum3 skipped (--no-peer)" in out
    assert "\ntotal " in out and "6/8" in out
    data = json.loads(out.strip().splitlines()[-1])
    assert data["newsdiff"]["found"] == 6 and data["newsdiff"]["total"] == 8
    assert data["newsdiff"]["by_kind"]["other"] == {"found": 0, "total": 2}
    assert data["quantulum3"] is None


def test_missing_peer_is_one_line_not_a_crash(bench, tmp_path: Path, monkeypatch) -> None:
    event = _event(tmp_path / "t12_test")
    monkeypatch.setitem(sys.modules, "quantulum3", None)  # as if not installed
    res = bench.count_found([event], peer=True, repeat=1)
    assert res["quantulum3"] is None
    assert res["peer_note"].startswith("quantulum3 not installed;")
    assert (res["newsdiff"].n_found, res["newsdiff"].n_total) == (6, 8)
