"""Betweenness and prestige: hand values and Padgett's published Medici score."""

import networkx as nx
import pytest

from clusternet.metrics.centrality import betweenness, prestige
from tests.datasets import load_graph


def test_undirected_path_middle_brokers_the_only_pair():
    table = betweenness(nx.path_graph(["a", "b", "c"]))
    assert table["betweenness"].tolist() == [0.0, 1.0, 0.0]
    assert table["betweenness_norm"].tolist() == [0.0, 1.0, 0.0]


def test_directed_path_counts_ordered_pairs():
    table = betweenness(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")]))
    assert table["betweenness"].tolist() == [0.0, 2.0, 2.0, 0.0]
    assert table["betweenness_norm"].tolist() == [0.0, 2 / 6, 2 / 6, 0.0]


def test_mutual_star_centre_brokers_every_ordered_pair():
    star = nx.DiGraph()
    for leaf in "bcde":
        star.add_edges_from([("hub", leaf), (leaf, "hub")])
    table = betweenness(star)
    assert table.loc["hub", "betweenness"] == 12.0
    assert table.loc["hub", "betweenness_norm"] == 1.0


def test_broker_between_two_cliques_and_an_isolate():
    graph = nx.Graph([(1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6), (3, "b"), ("b", 4)])
    graph.add_node("iso")
    table = betweenness(graph)
    assert table.loc["b", "betweenness"] == 9.0
    assert table.loc[3, "betweenness"] == 8.0
    assert table.loc["iso", "betweenness"] == 0.0
    assert table.loc["b", "betweenness_norm"] == pytest.approx(9 / 21)


def test_two_nodes_have_no_betweenness():
    assert betweenness(nx.Graph([("a", "b")]))["betweenness_norm"].tolist() == [0.0, 0.0]


def test_padgett_marriage_betweenness_matches_published_values():
    table = betweenness(load_graph("padgett_marriage", directed=False))
    assert table.loc["Medici", "betweenness"] == pytest.approx(47.5)
    assert table.loc["Guadagni", "betweenness"] == pytest.approx(23.1667, abs=1e-4)
    assert table.loc["Albizzi", "betweenness"] == pytest.approx(19.3333, abs=1e-4)


def test_prestige_is_the_share_who_name_the_actor():
    assert prestige(nx.DiGraph([("a", "c"), ("b", "c"), ("c", "a")])).to_dict() == {"a": 0.5, "c": 1.0, "b": 0.0}
