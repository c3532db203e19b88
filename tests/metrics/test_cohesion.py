"""Cohesion measures on small graphs with hand-computed values, and on Knoke's information network."""

import math

import networkx as nx
import pytest

from clusternet.metrics.cohesion import (
    cohesion_measures,
    components,
    degree_centralization,
    density,
    isolates,
    largest_component_share,
    mean_degree,
    reciprocity,
)
from tests.datasets import load_graph

KEYS = [
    "actors",
    "ties",
    "density",
    "reciprocity",
    "components",
    "isolates",
    "largest_component_share",
    "mean_degree",
    "degree_centralization",
]


def assert_measures(G, expected):
    measures = cohesion_measures(G)
    assert list(measures) == KEYS
    for key, value in expected.items():
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(measures[key]), key
        else:
            assert measures[key] == pytest.approx(value), key


def two_triangles_joined_by_a_broker():
    """Triangles a-b-c and d-e-f, with broker x tied to c and d."""
    return nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"), ("c", "x"), ("x", "d")])


def test_undirected_path_of_four():
    # degrees 1, 2, 2, 1: centralisation (1 + 0 + 0 + 1) / (3 * 2)
    assert_measures(
        nx.path_graph(4),
        {
            "actors": 4,
            "ties": 3,
            "density": 0.5,
            "reciprocity": math.nan,
            "components": 1,
            "isolates": 0,
            "largest_component_share": 1.0,
            "mean_degree": 1.5,
            "degree_centralization": 1 / 3,
        },
    )


def test_directed_path_of_four_has_no_reciprocated_arc():
    assert_measures(
        nx.DiGraph([(0, 1), (1, 2), (2, 3)]),
        {
            "actors": 4,
            "ties": 3,
            "density": 0.25,
            "reciprocity": 0.0,
            "components": 1,
            "isolates": 0,
            "largest_component_share": 1.0,
            "mean_degree": 1.5,
            "degree_centralization": 1 / 3,
        },
    )


def test_star_of_five_is_fully_centralised():
    assert_measures(
        nx.star_graph(4),
        {
            "actors": 5,
            "ties": 4,
            "density": 0.4,
            "components": 1,
            "isolates": 0,
            "largest_component_share": 1.0,
            "mean_degree": 1.6,
            "degree_centralization": 1.0,
        },
    )


def test_directed_star_reads_partners_in_either_direction():
    leaves_name_the_hub = nx.DiGraph([(leaf, 0) for leaf in range(1, 5)])
    assert_measures(
        leaves_name_the_hub,
        {
            "actors": 5,
            "ties": 4,
            "density": 0.2,
            "reciprocity": 0.0,
            "components": 1,
            "mean_degree": 1.6,
            "degree_centralization": 1.0,
        },
    )


def test_two_triangles_joined_by_a_broker():
    # degrees a2 b2 c3 d3 e2 f2 x2: sum 16; centralisation (1+1+0+0+1+1+1) / (6 * 5)
    assert_measures(
        two_triangles_joined_by_a_broker(),
        {
            "actors": 7,
            "ties": 8,
            "density": 8 / 21,
            "components": 1,
            "isolates": 0,
            "largest_component_share": 1.0,
            "mean_degree": 16 / 7,
            "degree_centralization": 5 / 30,
        },
    )


def test_an_isolate_counts_as_actor_component_and_isolate():
    G = two_triangles_joined_by_a_broker()
    G.add_node("lonely")
    # the isolate adds 3 to the centralisation sum and one actor to n
    assert_measures(
        G,
        {
            "actors": 8,
            "ties": 8,
            "density": 8 / 28,
            "components": 2,
            "isolates": 1,
            "largest_component_share": 7 / 8,
            "mean_degree": 2.0,
            "degree_centralization": 8 / 42,
        },
    )


def test_triangle_with_a_pendant():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "p")])
    # degrees 2, 2, 3, 1: centralisation (1 + 1 + 0 + 2) / (3 * 2)
    assert_measures(
        G,
        {
            "actors": 4,
            "ties": 4,
            "density": 4 / 6,
            "components": 1,
            "isolates": 0,
            "largest_component_share": 1.0,
            "mean_degree": 2.0,
            "degree_centralization": 4 / 6,
        },
    )


def test_two_actors_naming_each_other():
    assert_measures(
        nx.DiGraph([("a", "b"), ("b", "a")]),
        {
            "actors": 2,
            "ties": 2,
            "density": 1.0,
            "reciprocity": 1.0,
            "components": 1,
            "isolates": 0,
            "largest_component_share": 1.0,
            "mean_degree": 1.0,
            "degree_centralization": math.nan,
        },
    )


def test_two_actors_with_a_one_way_tie():
    assert_measures(
        nx.DiGraph([("a", "b")]),
        {
            "actors": 2,
            "ties": 1,
            "density": 0.5,
            "reciprocity": 0.0,
            "components": 1,
            "isolates": 0,
            "largest_component_share": 1.0,
            "mean_degree": 1.0,
            "degree_centralization": math.nan,
        },
    )


@pytest.mark.parametrize("graph_class", [nx.DiGraph, nx.Graph])
def test_graph_without_actors(graph_class):
    assert_measures(
        graph_class(),
        {
            "actors": 0,
            "ties": 0,
            "density": math.nan,
            "reciprocity": math.nan,
            "components": 0,
            "isolates": 0,
            "largest_component_share": math.nan,
            "mean_degree": math.nan,
            "degree_centralization": math.nan,
        },
    )


def test_actors_without_ties():
    G = nx.DiGraph()
    G.add_nodes_from(["a", "b", "c"])
    assert_measures(
        G,
        {
            "actors": 3,
            "ties": 0,
            "density": 0.0,
            "reciprocity": math.nan,
            "components": 3,
            "isolates": 3,
            "largest_component_share": 1 / 3,
            "mean_degree": 0.0,
            "degree_centralization": 0.0,
        },
    )


def test_one_actor_has_no_density():
    G = nx.Graph()
    G.add_node("a")
    assert math.isnan(density(G))
    assert components(G) == 1
    assert largest_component_share(G) == 1.0


def test_reciprocity_is_undefined_for_undirected_ties():
    assert math.isnan(reciprocity(nx.Graph([("a", "b"), ("b", "c")])))


def test_reciprocity_counts_each_arc_of_a_mutual_pair():
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")])
    assert reciprocity(G) == pytest.approx(2 / 3)


def test_self_loops_are_not_ties():
    G = nx.DiGraph([("a", "a"), ("a", "b"), ("b", "b")])
    G.add_node("c")
    c = nx.DiGraph([("c", "c")])
    assert cohesion_measures(G)["ties"] == 1
    assert density(G) == pytest.approx(1 / 6)
    assert reciprocity(G) == 0.0
    assert mean_degree(G) == pytest.approx(2 / 3)
    assert isolates(G) == 1
    assert isolates(c) == 1


def test_mutual_pair_is_one_partner():
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")])
    assert mean_degree(G) == pytest.approx(4 / 3)
    assert degree_centralization(G) == pytest.approx(1.0)


def test_multigraph_counts_parallel_edges_once():
    G = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a")])
    assert cohesion_measures(G)["ties"] == 2
    assert density(G) == 1.0
    assert reciprocity(G) == 1.0


def test_centralisation_of_complete_graph_is_zero():
    assert degree_centralization(nx.complete_graph(5)) == 0.0


@pytest.fixture
def knoke_information():
    return load_graph("knoke_info")


def test_knoke_information_density_matches_the_literature(knoke_information):
    assert density(knoke_information) == pytest.approx(49 / 90)
    assert round(density(knoke_information), 4) == 0.5444


def test_knoke_information_agrees_with_networkx(knoke_information):
    G = knoke_information
    undirected = G.to_undirected()
    degrees = [d for _, d in undirected.degree()]
    freeman = sum(max(degrees) - d for d in degrees) / ((len(G) - 1) * (len(G) - 2))
    assert reciprocity(G) == pytest.approx(nx.overall_reciprocity(G))
    assert density(G) == pytest.approx(nx.density(G))
    assert components(G) == nx.number_weakly_connected_components(G) == 1
    assert mean_degree(G) == pytest.approx(2 * undirected.number_of_edges() / len(G))
    assert degree_centralization(G) == pytest.approx(freeman)
