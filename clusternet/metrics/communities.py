"""Communities: groups of actors more tied among themselves than to the rest (Louvain)."""

from __future__ import annotations

import random
from dataclasses import dataclass

import networkx as nx
import pandas as pd
from community import community_louvain

from clusternet.metrics.igraph_view import to_igraph

PYTHON_LOUVAIN_MAX_ACTORS = 5000
"""Largest network whose communities python-louvain finds (about 1 s at 5,000 actors). It is pure
Python and grows faster than the network: about 6 s at 20,000 actors and 20 s at 50,000. Above
this size igraph's ``community_multilevel``, the same Louvain algorithm in C, takes over (0.04 s
at 5,000 actors); its random order differs, so a partition there is as good but not the one
python-louvain would give for the same seed."""


@dataclass(frozen=True)
class Communities:
    """The community of each actor (0 the largest) and the partition's modularity."""

    membership: pd.Series[int]
    modularity: float

    @property
    def count(self) -> int:
        return int(self.membership.nunique())


def louvain_communities(graph: nx.Graph[str], seed: int = 0) -> Communities:
    r"""Louvain communities of the undirected tie graph, numbered by size.

    Louvain (Blondel et al. 2008) greedily merges actors into groups to maximise modularity

    .. math:: Q = \frac{1}{2m} \sum_{ij} \left(A_{ij} - \frac{k_i k_j}{2m}\right) \delta(c_i, c_j)

    Conventions: a tie in either direction is one undirected, unweighted tie (python-louvain
    rejects directed graphs, and a broker reads communities as who works with whom). The result
    depends on the order of random moves: ``seed`` fixes it, and another seed may give a slightly
    different partition of near-equal modularity. Above ``PYTHON_LOUVAIN_MAX_ACTORS`` actors
    igraph's implementation of the same algorithm is used, for speed. Communities are renumbered 0
    for the largest, ties broken by the first member in actor order; an isolate is a community of
    its own. With no ties at all modularity is NaN.

    Example: two triangles joined by one tie form communities {0, 1, 2} and {3, 4, 5},
    modularity 5/14 = 0.357.

    References:
    1. Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
       communities in large networks. J. Stat. Mech. P10008.
    2. Newman, M. E. J. (2006). Modularity and community structure in networks. PNAS 103, 8577-8582.
    """
    order = {node: position for position, node in enumerate(graph.nodes)}
    index = pd.Index(list(graph.nodes), name="actor_id")
    if graph.number_of_edges() == 0:
        return Communities(pd.Series(range(len(index)), index=index, name="community"), float("nan"))
    if len(index) > PYTHON_LOUVAIN_MAX_ACTORS:
        partition, modularity = _igraph_louvain(graph, seed)
    else:
        partition, modularity = _python_louvain(graph, seed)
    members: dict[int, list[str]] = {}
    for node, label in partition.items():
        members.setdefault(label, []).append(node)
    ranked = sorted(members.values(), key=lambda group: (-len(group), min(order[node] for node in group)))
    renumbered = {node: number for number, group in enumerate(ranked) for node in group}
    membership = pd.Series(renumbered, name="community").reindex(index)
    return Communities(membership, float(modularity))


def _python_louvain(graph: nx.Graph[str], seed: int) -> tuple[dict[str, int], float]:
    ties: nx.Graph[str] = nx.Graph()  # no attributes: every tie weighs 1
    ties.add_nodes_from(graph.nodes)
    ties.add_edges_from(graph.edges)
    partition = community_louvain.best_partition(ties, random_state=seed)
    return partition, community_louvain.modularity(partition, ties)


def _igraph_louvain(graph: nx.Graph[str], seed: int) -> tuple[dict[str, int], float]:
    """igraph's multilevel Louvain on the undirected tie graph, seeded through igraph's own RNG."""
    import igraph as ig  # only for large networks; see clusternet.metrics.igraph_view

    ties = to_igraph(graph, directed=False)
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = ties.community_multilevel()
    finally:
        ig.set_random_number_generator(random)
    return dict(zip(graph.nodes, clustering.membership)), clustering.modularity
