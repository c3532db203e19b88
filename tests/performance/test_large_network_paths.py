"""The fast paths that large networks take give the answers of the slow paths they replace."""

import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusternet.metrics.adjacency import arc_matrix, partner_matrix
from clusternet.metrics.centrality import betweenness
from clusternet.metrics.fragmentation import fragmentation, fragmentation_without_each


def random_graph(seed, directed):
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(rng.randint(2, 30), rng.choice([0.05, 0.1, 0.25]), seed=seed, directed=directed)
    graph = nx.relabel_nodes(graph, {node: f"actor {node}" for node in graph})
    graph.add_node("isolate")
    return graph


@pytest.mark.parametrize("directed", [True, False])
def test_exact_betweenness_agrees_with_networkx(directed):
    for seed in range(20):
        graph = random_graph(seed, directed)
        expected = pd.Series(nx.betweenness_centrality(graph, normalized=False))
        table = betweenness(graph)
        assert table["betweenness"].to_numpy() == pytest.approx(expected[list(graph)].to_numpy(), abs=1e-9)
        assert not table["betweenness_approximate"].any()


def test_as_many_pivots_as_actors_is_exact_betweenness():
    graph = random_graph(3, directed=True)
    table = betweenness(graph, max_exact_actors=0, pivots=graph.number_of_nodes())
    assert not table["betweenness_approximate"].any()
    assert table.equals(betweenness(graph))


def test_sampled_betweenness_is_flagged_seeded_and_close_on_a_clustered_network():
    graph = nx.connected_caveman_graph(20, 8)  # 160 actors in 20 cliques joined in a ring
    exact = betweenness(graph)
    estimate = betweenness(graph, max_exact_actors=100, pivots=80, seed=1)
    assert estimate["betweenness_approximate"].all()
    assert estimate.equals(betweenness(graph, max_exact_actors=100, pivots=80, seed=1))
    top = exact["betweenness"].nlargest(20).index
    relative = (estimate.loc[top, "betweenness"] - exact.loc[top, "betweenness"]).abs() / exact.loc[top, "betweenness"]
    assert relative.mean() < 0.15


def test_arc_and_partner_matrices_follow_the_node_order():
    graph = nx.DiGraph([("b", "a"), ("a", "c"), ("c", "c")])  # nodes b, a, c
    graph.add_node("d")
    assert arc_matrix(graph).toarray().tolist() == [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 0], [0, 0, 0, 0]]
    assert arc_matrix(graph, self_loops=False).toarray()[2, 2] == 0
    assert partner_matrix(graph, self_loops=False).toarray().tolist() == [
        [0, 1, 0, 0],
        [1, 0, 1, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
    ]


@pytest.mark.parametrize("directed", [True, False])
def test_fragmentation_without_each_actor_matches_removing_it(directed):
    for seed in range(40):
        graph = random_graph(seed, directed)
        table = fragmentation_without_each(graph)
        articulation = set(nx.articulation_points(graph.to_undirected()))
        for actor in graph:
            rest = graph.copy()
            rest.remove_node(actor)
            expected = fragmentation(rest)
            got = table.loc[actor, "fragmentation"]
            assert (math.isnan(expected) and math.isnan(got)) or got == expected
            pieces = nx.weakly_connected_components(rest) if directed else nx.connected_components(rest)
            assert table.loc[actor, "largest_component"] == max((len(piece) for piece in pieces), default=0)
            assert table.loc[actor, "articulation"] == (actor in articulation)


def test_removing_the_middle_of_a_path_cuts_it_in_two():
    table = fragmentation_without_each(nx.path_graph(["a", "b", "c", "d", "e"]))
    # without c: {a, b} and {d, e}, 1 - (2 + 2) / (4 * 3)
    assert table.loc["c", "fragmentation"] == pytest.approx(2 / 3)
    assert table.loc["c", "largest_component"] == 2
    assert table["articulation"].tolist() == [False, True, True, True, False]
    assert table.loc["a", "fragmentation"] == 0.0


def test_an_empty_network_has_no_rows():
    assert fragmentation_without_each(nx.Graph()).empty
    assert np.isnan(fragmentation_without_each(nx.Graph([("a", "b")])).loc["a", "fragmentation"])


def test_cells_are_read_once_per_distinct_value_and_type():
    from clusternet.survey.cells import as_id, read_each

    calls = []

    def reader(cell):
        calls.append(cell)
        return as_id(cell)

    cells = ["7", 7, 7.0, True, "7", " 7 ", 7, None, None]
    assert read_each(cells, reader) == [as_id(cell) for cell in cells]
    assert len(calls) == 6  # "7", 7, 7.0, True, " 7 ", None: a number, its text and a boolean differ
