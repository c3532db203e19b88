"""Degrees and partner kinds, worked out by hand on small graphs."""

import math

import networkx as nx

from clusternet.metrics.linkages import firm_institution_linkage, linkages


def typed(graph, types):
    nx.set_node_attributes(graph, types, "type")
    return graph


def test_path_counts_in_out_and_distinct_partners():
    table = linkages(nx.DiGraph([("a", "b"), ("b", "c")]))
    assert table.loc["b", ["in_degree", "out_degree", "degree"]].tolist() == [1, 1, 2]
    assert table.loc["a", ["in_degree", "out_degree", "degree"]].tolist() == [0, 1, 1]


def test_mutual_tie_is_one_partner():
    table = linkages(nx.DiGraph([("a", "b"), ("b", "a")]))
    assert table.loc["a", ["in_degree", "out_degree", "degree"]].tolist() == [1, 1, 1]


def test_partner_kinds_and_types():
    graph = typed(
        nx.DiGraph([("f1", "f2"), ("f1", "ngo"), ("bank", "f1"), ("f1", "buyer"), ("f1", "x")]),
        {"f1": "firm", "f2": "firm", "ngo": "ngo", "bank": "finance", "buyer": "buyer", "x": "unknown"},
    )
    graph.add_node("iso", type="firm")
    table = linkages(graph)
    assert table.loc["f1"].to_dict() == {
        "in_degree": 1,
        "out_degree": 4,
        "degree": 5,
        "ties_to_firms": 1,
        "ties_to_institutions": 2,
        "ties_to_market": 1,
        "partner_types": 5,
    }
    assert table.loc["iso"].sum() == 0


def test_undirected_graph_has_equal_degrees():
    table = linkages(nx.star_graph(3))
    assert table.loc[0, ["in_degree", "out_degree", "degree"]].tolist() == [3, 3, 3]


def test_firm_institution_linkage_is_the_share_of_firms_reaching_an_institution():
    graph = typed(
        nx.DiGraph([("f1", "ngo"), ("bank", "f2"), ("f3", "buyer")]),
        {"f1": "firm", "f2": "firm", "f3": "firm", "ngo": "ngo", "bank": "finance", "buyer": "buyer"},
    )
    graph.add_node("f4", type="firm")
    assert firm_institution_linkage(graph) == 0.5
    assert math.isnan(firm_institution_linkage(typed(nx.DiGraph([("n", "m")]), {"n": "ngo", "m": "ngo"})))
