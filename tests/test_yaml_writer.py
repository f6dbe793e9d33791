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
                     "a: b", "a #b", "[x]", "{y}", "'q'", '"d"', "Café", "x, y", "* star", "& amp",
                     "$1", "$12.5", "(a)", "50%", "a/b", "it's", "a.b.", "only x states it: 1 USD",
                     " lead", "trail ", "a:", "a:b", "?x", "-x", "- x", "x?", "%x", "@x", "a,b",
                     "$", "(", "a'b'", "1 USD", ".5", "+1", "Yes sir", "no", "N", "y", "Null"]),
)


@settings(max_examples=600, deadline=None)
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


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=24),
       st.booleans())
def test_every_printable_ascii_string_is_written_as_pyyaml_writes_it(s, flow):
    record = {"text": cy._FlowList([s])} if flow else {"text": s}
    try:
        fast = _writer().section("figures", [record])
    except Unsupported:
        return
    assert fast == cy._pyyaml({"figures": [record]})
