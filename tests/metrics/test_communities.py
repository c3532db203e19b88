"""Louvain communities: numbered by size, seeded, and exact on two joined triangles."""

import math

import networkx as nx
import pytest

from clusternet.metrics.communities import louvain_communities


def test_two_triangles_joined_by_one_tie():
    graph = nx.DiGraph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)])
    communities = louvain_communities(graph)
    assert communities.membership.tolist() == [0, 0, 0, 1, 1, 1]
    assert communities.modularity == pytest.approx(5 / 14)
    assert communities.count == 2


def test_largest_community_is_zero():
    graph = nx.Graph([("s1", "s2"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"), ("b3", "b4"), ("b4", "b1")])
    membership = louvain_communities(graph).membership
    assert membership["b1"] == 0 and membership["s1"] == 1


def test_isolates_are_communities_of_their_own_and_no_ties_give_nan_modularity():
    graph = nx.Graph()
    graph.add_nodes_from(["a", "b"])
    communities = louvain_communities(graph)
    assert communities.membership.tolist() == [0, 1]
    assert math.isnan(communities.modularity)


def test_same_seed_same_partition():
    graph = nx.karate_club_graph()
    assert louvain_communities(graph, seed=3).membership.equals(louvain_communities(graph, seed=3).membership)
