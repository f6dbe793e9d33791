"""Groups of things linked by pairs."""

from newsdiff.analysis.linked import linked_groups


def test_pairs_link_items_into_groups_in_the_items_order():
    assert linked_groups(list("abcdef"), [("c", "a"), ("e", "f"), ("f", "a")]) == [
        ["a", "c", "e", "f"], ["b"], ["d"]]
    assert linked_groups(range(4), []) == [[0], [1], [2], [3]]
    assert linked_groups([], []) == []


def test_a_long_chain_is_one_group_in_linear_work():
    n = 50_000
    assert linked_groups(range(n), ((i + 1, i) for i in range(n - 1))) == [list(range(n))]
