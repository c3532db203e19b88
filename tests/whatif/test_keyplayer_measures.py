"""Borgatti's key-player measures: F, DF and reach on hand-worked graphs, and against networkx on the classics."""

import math

import networkx as nx
import pytest

from clusternet.metrics.fragmentation import fragmentation
from clusternet.metrics.keyplayer import (
    distance_weighted_fragmentation,
    distance_weighted_reach,
    distances_from,
    institution_reach,
    reach,
)
from clusternet.metrics.linkages import firm_institution_linkage
from tests.datasets import load_graph

CLASSICS = ["padgett_marriage", "padgett_business", "krackhardt_advice", "krackhardt_friendship", "lazega_cowork",
            "knoke_info", "borgatti1997_example"]  # fmt: skip


def one_step(*_):
    """A weight function for networkx: every tie is one step, whatever its weight."""
    return 1


def networkx_fragmentation(graph):
    ties = graph.to_undirected()
    n = ties.number_of_nodes()
    return 1 - sum(len(part) * (len(part) - 1) for part in nx.connected_components(ties)) / (n * (n - 1))


def networkx_distance_weighted_fragmentation(graph):
    ties = nx.Graph(graph.to_undirected())
    ties.remove_edges_from(nx.selfloop_edges(ties))
    n = ties.number_of_nodes()
    closeness = sum(
        1 / steps for _, lengths in nx.all_pairs_shortest_path_length(ties) for steps in lengths.values() if steps
    )
    return 1 - closeness / (n * (n - 1))


def networkx_reach(graph, members, targets, steps):
    lengths = nx.multi_source_dijkstra_path_length(graph.to_undirected(), set(members), weight=one_step)
    return sum(lengths.get(target, math.inf) <= steps for target in targets) / len(targets)


def test_distance_weighted_fragmentation_of_a_star_a_complete_graph_and_no_tie():
    # hub-leaf pairs 1 step apart, leaf pairs 2: 1 - 2 (3 + 3/2) / (4 * 3)
    assert distance_weighted_fragmentation(nx.star_graph(3)) == pytest.approx(0.25)
    assert distance_weighted_fragmentation(nx.complete_graph(5)) == 0.0
    empty = nx.Graph()
    empty.add_nodes_from("abc")
    assert distance_weighted_fragmentation(empty) == 1.0
    assert math.isnan(distance_weighted_fragmentation(nx.path_graph(1)))


def test_distance_weighted_fragmentation_reads_one_way_reports_as_ties():
    assert distance_weighted_fragmentation(nx.DiGraph([("a", "b"), ("c", "b")])) == pytest.approx(1 / 6)


def test_reach_within_m_steps_and_its_distance_weighted_reach_on_a_path():
    path = nx.path_graph(["a", "b", "c", "d", "e"])
    targets = ["a", "b", "c", "d", "e"]
    assert reach(path, ["b"], targets, steps=1) == pytest.approx(3 / 5)  # a, b itself, c
    assert reach(path, ["b", "e"], targets, steps=1) == 1.0
    # a 1, b (a member) 1, c 1, d 1/2, e 1/3
    assert distance_weighted_reach(path, ["b"], targets) == pytest.approx((1 + 1 + 1 + 1 / 2 + 1 / 3) / 5)
    assert distances_from(path, ["b"], limit=1).tolist() == [1.0, 0.0, 1.0, math.inf, math.inf]


def test_a_target_no_chain_joins_is_not_reached():
    graph = nx.Graph([("a", "b")])
    graph.add_node("c")
    assert reach(graph, ["a"], ["b", "c"], steps=5) == 0.5
    assert distance_weighted_reach(graph, ["a"], ["b", "c"]) == 0.5
    assert math.isnan(reach(graph, ["a"], [], steps=1))


def test_reach_of_institutions_within_one_step_is_the_firm_institution_linkage():
    graph = load_graph("padgett_marriage", directed=False)
    kinds = {node: ("ngo" if position % 4 == 0 else "firm") for position, node in enumerate(graph)}
    nx.set_node_attributes(graph, kinds, "type")
    assert institution_reach(graph, 1) == pytest.approx(firm_institution_linkage(graph))
    assert institution_reach(graph, 2) >= institution_reach(graph, 1)


@pytest.mark.parametrize("name", CLASSICS)
def test_fragmentation_and_distance_weighted_fragmentation_agree_with_networkx(name):
    graph = load_graph(name)
    assert fragmentation(graph) == pytest.approx(networkx_fragmentation(graph), abs=1e-12)
    assert distance_weighted_fragmentation(graph) == pytest.approx(networkx_distance_weighted_fragmentation(graph))


@pytest.mark.parametrize("name", CLASSICS)
def test_reach_agrees_with_networkx(name):
    graph = load_graph(name)
    nodes = list(graph)
    members, targets = nodes[:2], nodes[len(nodes) // 2 :]
    for steps in (1, 2, 3):
        assert reach(graph, members, targets, steps) == pytest.approx(networkx_reach(graph, members, targets, steps))
    lengths = nx.multi_source_dijkstra_path_length(graph.to_undirected(), set(members), weight=one_step)
    expected = sum(1 / max(1, lengths[t]) if t in lengths else 0 for t in targets) / len(targets)
    assert distance_weighted_reach(graph, members, targets) == pytest.approx(expected)


def test_padgett_marriage_without_the_medici():
    """The Medici hold the marriage network together: without them it falls into pieces."""
    graph = load_graph("padgett_marriage", directed=False)
    before = fragmentation(graph)  # Pucci is an isolate
    assert before == pytest.approx(1 - 15 * 14 / (16 * 15))
    graph.remove_node("Medici")
    # pieces of 11 families, of 2 (Pazzi, Salviati), and Acciaiuoli and Pucci alone
    assert fragmentation(graph) == pytest.approx(1 - (11 * 10 + 2 * 1) / (15 * 14))
