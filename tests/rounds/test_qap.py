"""QAP correlation of two rounds' tie matrices: exact correlations, permutation p-values, degenerate cases."""

import math

import networkx as nx
import numpy as np
import pytest

from clusternet.rounds import qap_correlation
from tests.datasets import load_graph


def off_diagonal(graph, nodes):
    matrix = nx.to_numpy_array(graph, nodelist=nodes, weight=None)
    return matrix[~np.eye(len(nodes), dtype=bool)]


def test_correlation_is_pearson_over_the_off_diagonal_cells_of_krackhardts_networks():
    advice = load_graph("krackhardt_advice")
    friendship = load_graph("krackhardt_friendship")
    nodes = list(advice)
    expected = np.corrcoef(off_diagonal(advice, nodes), off_diagonal(friendship, nodes))[0, 1]
    result = qap_correlation(advice, friendship, permutations=500, seed=1)
    assert result.correlation == pytest.approx(expected, abs=1e-12)
    assert result.actors == 21 and result.permutations == 500
    assert 0 < result.p_value <= 1


def test_a_network_identical_in_both_rounds_beats_every_permutation():
    # a directed path has no symmetry: only the identity maps it onto itself
    path = nx.DiGraph(nx.path_graph(30, create_using=nx.DiGraph))
    result = qap_correlation(path, path.copy(), permutations=200, seed=0)
    assert result.correlation == pytest.approx(1.0)
    assert result.p_value == pytest.approx(1 / 201)


def test_unrelated_networks_are_not_significant():
    first = nx.gnp_random_graph(40, 0.1, seed=1, directed=True)
    second = nx.gnp_random_graph(40, 0.1, seed=2, directed=True)
    assert qap_correlation(first, second, permutations=300, seed=0).p_value > 0.05


def test_undirected_ties_fill_both_cells():
    before = nx.Graph([("a", "b"), ("b", "c")])
    after = nx.Graph([("a", "b"), ("c", "d")])
    before.add_node("d")
    # 12 cells, 4 tied in each, 2 in both: (12 * 2 - 16) / (4 * 8)
    assert qap_correlation(before, after, permutations=0).correlation == pytest.approx(0.25)


def test_empty_or_complete_matrices_have_no_correlation():
    empty = nx.DiGraph()
    empty.add_nodes_from("abc")
    for other in (empty.copy(), nx.complete_graph("abc", nx.DiGraph)):
        result = qap_correlation(nx.DiGraph([("a", "b"), ("b", "c")]), other)
        assert math.isnan(result.correlation) and math.isnan(result.p_value)


def test_graphs_over_different_actors_are_refused():
    with pytest.raises(ValueError, match="same actors"):
        qap_correlation(nx.DiGraph([("a", "b")]), nx.DiGraph([("a", "c")]))
