"""The ties of a graph as a sparse 0/1 matrix, for measures computed over arrays instead of loops."""

from __future__ import annotations

import networkx as nx
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

ArcMatrix = sp.csr_array[np.int64, tuple[int, int]]
"""An n x n CSR matrix of 0s and 1s, rows and columns in the order of the graph's nodes."""


def tie_ends(graph: nx.Graph[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Positions (in the order of ``graph``) of the two ends of every edge, in edge order."""
    position = {node: at for at, node in enumerate(graph)}
    ends = np.fromiter(
        (position[node] for tie in graph.edges() for node in tie[:2]), dtype=np.int64, count=2 * graph.number_of_edges()
    ).reshape(-1, 2)
    return ends[:, 0], ends[:, 1]


def arc_matrix(graph: nx.Graph[str], self_loops: bool = True) -> ArcMatrix:
    """The n x n matrix with 1 at (i, j) when i -> j: an arc, or an undirected edge (both cells).

    Rows and columns follow the order of ``graph``; a self-loop is a 1 on the diagonal (none with
    ``self_loops=False``); parallel edges of a multigraph count once. Indices are sorted within rows.
    """
    n = graph.number_of_nodes()
    source, target = tie_ends(graph)
    if not self_loops:
        source, target = source[source != target], target[source != target]
    if not graph.is_directed():
        source, target = np.concatenate([source, target]), np.concatenate([target, source])
    matrix = sp.csr_array((np.ones(source.size, dtype=np.int64), (source, target)), shape=(n, n))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def partner_matrix(graph: nx.Graph[str], self_loops: bool = True) -> ArcMatrix:
    """The symmetric 0/1 matrix of partners: 1 at (i, j) when a tie runs between i and j either way.

    ``self_loops=False`` leaves the diagonal empty.
    """
    arcs = arc_matrix(graph, self_loops)
    partners = (arcs + arcs.T).tocsr()
    partners.data[:] = 1
    partners.sort_indices()
    return partners
