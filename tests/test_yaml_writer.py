"""The fast comparison writer writes exactly PyYAML's bytes, or hands the section back."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.comparison.compare import compare_articles
from newsdiff.corpus.articles import load_corpus
from newsdiff.corpus.paths import seeds_dir
from newsdiff.store import comparison_yaml as cy
from newsdiff.store.yaml_writer import FastWriter, Unsupported


def _writer() -> FastWriter:
    return FastWriter(cy._pyyaml, (cy._Flow,), (cy._FlowList,))


def test_seeds_comparison_is_written_byte_for_byte_as_pyyaml_writes_it():
    cmp = compare_articles(load_corpus([seeds_dir()]).articles)
    data = cy.comparison_to_dict(cmp)
    assert cy.dump_comparison(cmp) == cy._pyyaml(data)
    # and the fast path really wrote the bulk (no silent fallback)
    for key in cy._BULK_SECTIONS:
        assert _writer().section(key, data[key]) == cy._pyyaml({key: data[key]})


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(max_size=40),
    st.sampled_from(["yes", "No", "on", "OFF", "null", "~", "", "1e5", "0x1F", "12:30", "- a",
                     "a: b", "a #b", "[x]", "{y}", "'q'", '"d"', "Café", "x, y", "* star", "& amp"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(
    st.sampled_from(["id", "text", "unit", "canonical_unit", "value"]),
    st.one_of(scalars,
              st.lists(scalars, max_size=3).map(cy._FlowList),
              st.lists(st.dictionaries(st.sampled_from(["article", "start", "text"]), scalars,
                                       max_size=3).map(cy._Flow), max_size=3)),
    min_size=1, max_size=5), max_size=4))
def test_any_records_are_written_as_pyyaml_writes_them_or_refused(records):
    try:
        fast = _writer().section("figures", records)
    except Unsupported:
        return  # the caller lets PyYAML write this section
    assert fast == cy._pyyaml({"figures": records})
    assert yaml.safe_load(fast) == {"figures": records or []}


def test_multi_line_and_huge_strings_are_left_to_pyyaml():
    with pytest.raises(Unsupported):
        _writer().section("figures", [{"text": "two\nlines"}])
    with pytest.raises(Unsupported):
        _writer().section("figures", [{"text": "x " * 20_000}])
