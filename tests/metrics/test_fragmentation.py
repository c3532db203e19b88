"""Borgatti's fragmentation on small graphs with hand-computed values, and on Padgett's marriages."""

import math

import networkx as nx
import pytest

from clusternet.metrics.fragmentation import fragmentation
from tests.datasets import load_graph


def test_one_component_is_not_fragmented():
    assert fragmentation(nx.path_graph(5)) == 0.0


def test_actors_without_ties_are_fully_fragmented():
    G = nx.Graph()
    G.add_nodes_from("abcd")
    assert fragmentation(G) == 1.0


def test_two_triangles_and_an_isolate():
    # components of 3, 3 and 1 actors: 1 - (6 + 6 + 0) / (7 * 6)
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d")])
    G.add_node("g")
    assert fragmentation(G) == pytest.approx(30 / 42)


def test_two_equal_halves_cut_half_the_pairs_and_more():
    # two pairs: 1 - (2 + 2) / (4 * 3) = 2/3 of the ordered pairs cannot reach each other
    assert fragmentation(nx.Graph([("a", "b"), ("c", "d")])) == pytest.approx(2 / 3)


def test_direction_is_ignored_one_way_reports_join_a_pair():
    one_way = nx.DiGraph([("a", "b"), ("c", "b"), ("d", "e")])
    assert fragmentation(one_way) == fragmentation(one_way.to_undirected())
    # weak components of 3 and 2: 1 - (6 + 2) / 20
    assert fragmentation(one_way) == pytest.approx(0.6)


def test_weights_and_self_loops_do_not_count():
    G = nx.Graph([("a", "b", {"weight": 9.0}), ("c", "c")])
    # components {a, b} and {c}: 1 - 2 / 6
    assert fragmentation(G) == pytest.approx(2 / 3)


def test_fewer_than_two_actors_give_nan():
    assert math.isnan(fragmentation(nx.Graph()))
    single = nx.Graph()
    single.add_node("a")
    assert math.isnan(fragmentation(single))


def test_removing_the_only_broker_fragments_a_star():
    star = nx.star_graph(4)
    assert fragmentation(star) == 0.0
    star.remove_node(0)
    assert fragmentation(star) == 1.0


def test_padgett_marriages_one_isolated_family():
    # 16 families; Pucci has no marriage tie, the other 15 form one component: 1 - 15 * 14 / (16 * 15)
    marriages = load_graph("padgett_marriage", directed=False)
    assert marriages.number_of_nodes() == 16
    assert fragmentation(marriages) == pytest.approx(1 - 15 * 14 / (16 * 15))
