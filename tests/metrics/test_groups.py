"""E-I index overall and by group, on small graphs with hand-counted internal and external ties."""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusternet.metrics.groups import ei_by_group, ei_index

FIRMS_AND_INSTITUTIONS = {"f1": "firm", "f2": "firm", "f3": "firm", "i1": "institution", "i2": "institution"}


def firms_and_institutions():
    """Firms f1, f2, f3 and institutions i1, i2.

    Arcs: f1->f2, f2->f1, f2->f3 (3 internal to firms), i1->i2 (1 internal to institutions),
    f3->i1, i2->f1 (2 external).
    """
    return nx.DiGraph([("f1", "f2"), ("f2", "f1"), ("f2", "f3"), ("i1", "i2"), ("f3", "i1"), ("i2", "f1")])


def test_ei_index_of_two_groups_counts_arcs():
    # E = 2, I = 4
    assert ei_index(firms_and_institutions(), FIRMS_AND_INSTITUTIONS) == pytest.approx((2 - 4) / 6)


def test_ei_by_group_counts_arcs_in_either_direction():
    table = ei_by_group(firms_and_institutions(), FIRMS_AND_INSTITUTIONS)
    expected = pd.DataFrame(
        {"actors": [3, 2], "internal": [3, 1], "external": [2, 2], "ei_index": [-1 / 5, 1 / 3]},
        index=pd.Index(["firm", "institution"], name="group", dtype=object),
    )
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert table["internal"].sum() == 4
    assert table["external"].sum() == 2 * 2


def test_undirected_ties_count_once():
    G = firms_and_institutions().to_undirected()
    # edges f1-f2, f2-f3, i1-i2 internal; f3-i1, i2-f1 external
    assert ei_index(G, FIRMS_AND_INSTITUTIONS) == pytest.approx((2 - 3) / 5)
    table = ei_by_group(G, FIRMS_AND_INSTITUTIONS)
    assert table.loc["firm", "internal"] == 2
    assert table.loc["firm", "external"] == 2
    assert table.loc["firm", "ei_index"] == 0.0


def test_all_ties_inside_groups_give_minus_one():
    G = nx.Graph([("f1", "f2"), ("i1", "i2")])
    assert ei_index(G, FIRMS_AND_INSTITUTIONS) == -1.0
    assert list(ei_by_group(G, FIRMS_AND_INSTITUTIONS)["ei_index"]) == [-1.0, -1.0]


def test_all_ties_across_groups_give_plus_one():
    G = nx.DiGraph([("f1", "i1"), ("i2", "f2"), ("f3", "i1")])
    assert ei_index(G, FIRMS_AND_INSTITUTIONS) == 1.0
    assert list(ei_by_group(G, FIRMS_AND_INSTITUTIONS)["ei_index"]) == [1.0, 1.0]


def test_no_ties_give_nan():
    G = nx.Graph()
    G.add_nodes_from(FIRMS_AND_INSTITUTIONS)
    assert math.isnan(ei_index(G, FIRMS_AND_INSTITUTIONS))
    table = ei_by_group(G, FIRMS_AND_INSTITUTIONS)
    assert list(table["actors"]) == [3, 2]
    assert list(table["internal"]) == [0, 0]
    assert table["ei_index"].isna().all()


def test_graph_without_actors_gives_empty_table():
    table = ei_by_group(nx.DiGraph(), {})
    assert table.empty
    assert list(table.columns) == ["actors", "internal", "external", "ei_index"]
    assert math.isnan(ei_index(nx.DiGraph(), {}))


def test_missing_labels_form_the_unknown_group():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    groups = {"a": "firm", "b": "firm", "c": None, "d": np.nan}  # e is absent from the mapping
    table = ei_by_group(G, groups)
    assert list(table.index) == ["firm", "unknown"]
    assert table.loc["unknown", "actors"] == 3
    assert table.loc["unknown", "internal"] == 2
    assert table.loc["unknown", "external"] == 1
    assert ei_index(G, groups) == pytest.approx((1 - 3) / 4)


def test_groups_may_be_a_series_of_numbers():
    G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    department = pd.Series({1: 10, 2: 2, 3: 2, 4: 10})
    table = ei_by_group(G, department)
    assert list(table.index) == [2, 10]
    assert list(table["internal"]) == [1, 0]
    assert list(table["external"]) == [2, 2]


def test_self_loops_are_ignored():
    G = nx.DiGraph([("f1", "f1"), ("f1", "i1")])
    assert ei_index(G, FIRMS_AND_INSTITUTIONS) == 1.0
