"""The ties of a graph as a sparse 0/1 matrix, and one attribute of its ties as arrays, for measures
computed over arrays instead of loops.

A graph frozen with :func:`networkx.freeze` cannot gain or lose a node or a tie, so its matrices
are found once and kept with it (forgotten when the graph is): the states of a what-if are frozen,
and ten measures of one state that each ask for its ties cost one pass over its edges. The same
holds for the values of a tie attribute (the trust ratings that the trust scores, the trust KPIs
and the gaps all read). What is kept is read-only, so a caller that would write into it fails
instead of changing another measure's input. A graph that is not frozen is read again on every
call, as it may have changed. Freezing does not stop a tie's attributes from being changed in
place: no measure does so, and a graph whose attributes are still to change must not be frozen.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import chain
from operator import itemgetter
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

import networkx as nx
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

ArcMatrix = sp.csr_array[np.int64, tuple[int, int]]
"""An n x n CSR matrix of 0s and 1s, rows and columns in the order of the graph's nodes."""

TieEnds = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]
"""The positions of the two ends of every edge of a graph, in edge order."""

EdgeValues = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.object_]]
"""The edges of a graph that hold a value of one attribute, in edge order: the positions of their
two ends and the values, as the graph holds them (Python objects)."""

Kept = TypeVar("Kept")


class _KeptPerGraph(Generic[Kept]):
    """Values computed once per frozen graph and option (a flag, an attribute's name), made read-only
    by ``seal`` and dropped with the graph (weak keys: a graph is hashed and compared by identity)."""

    def __init__(self, seal: Callable[[Kept], Kept]) -> None:
        self._seal = seal
        self._values: WeakKeyDictionary[nx.Graph[str], dict[Hashable, Kept]] = WeakKeyDictionary()

    def get(self, graph: nx.Graph[str], option: Hashable, compute: Callable[[], Kept]) -> Kept:
        """The value for ``graph`` and ``option``: kept when the graph is frozen, else computed afresh."""
        if not nx.is_frozen(graph):
            return compute()
        by_option = self._values.setdefault(graph, {})
        if option not in by_option:
            by_option[option] = self._seal(compute())
        return by_option[option]


def _read_only_ends(ends: TieEnds) -> TieEnds:
    for array in ends:
        array.flags.writeable = False
    return ends


def _read_only_values(values: EdgeValues) -> EdgeValues:
    for array in values:
        array.flags.writeable = False
    return values


def _read_only(matrix: ArcMatrix) -> ArcMatrix:
    for array in (matrix.data, matrix.indices, matrix.indptr):
        array.flags.writeable = False
    return matrix


_TIE_ENDS = _KeptPerGraph(_read_only_ends)
_ARCS = _KeptPerGraph(_read_only)
_PARTNERS = _KeptPerGraph(_read_only)
_EDGE_VALUES = _KeptPerGraph(_read_only_values)


def tie_ends(graph: nx.Graph[str]) -> TieEnds:
    """Positions (in the order of ``graph``) of the two ends of every edge, in edge order."""
    return _TIE_ENDS.get(graph, False, lambda: _tie_ends(graph))


def edge_values(graph: nx.Graph[str], attribute: str) -> EdgeValues:
    """The edges whose ``attribute`` is set (present and not None), in edge order: the positions (in
    the order of ``graph``) of their two ends, and their values."""
    return _EDGE_VALUES.get(graph, attribute, lambda: _edge_values(graph, attribute))


def arc_matrix(graph: nx.Graph[str], self_loops: bool = True) -> ArcMatrix:
    """The n x n matrix with 1 at (i, j) when i -> j: an arc, or an undirected edge (both cells).

    Rows and columns follow the order of ``graph``; a self-loop is a 1 on the diagonal (none with
    ``self_loops=False``); parallel edges of a multigraph count once. Indices are sorted within rows.
    """
    return _ARCS.get(graph, self_loops, lambda: _arc_matrix(graph, self_loops))


def partner_matrix(graph: nx.Graph[str], self_loops: bool = True) -> ArcMatrix:
    """The symmetric 0/1 matrix of partners: 1 at (i, j) when a tie runs between i and j either way.

    ``self_loops=False`` leaves the diagonal empty.
    """
    return _PARTNERS.get(graph, self_loops, lambda: _partner_matrix(graph, self_loops))


def _tie_ends(graph: nx.Graph[str]) -> TieEnds:
    position = dict(zip(graph, range(graph.number_of_nodes())))
    ends = np.fromiter(
        map(position.__getitem__, chain.from_iterable(graph.edges())), dtype=np.int64, count=2 * graph.number_of_edges()
    ).reshape(-1, 2)
    return ends[:, 0], ends[:, 1]


def _edge_values(graph: nx.Graph[str], attribute: str) -> EdgeValues:
    values = np.fromiter(
        map(itemgetter(2), graph.edges(data=attribute)), dtype=np.object_, count=graph.number_of_edges()
    )
    held = np.fromiter((value is not None for value in values), dtype=bool, count=values.size)
    source, target = tie_ends(graph)
    return source[held], target[held], values[held]


def _arc_matrix(graph: nx.Graph[str], self_loops: bool) -> ArcMatrix:
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


def _partner_matrix(graph: nx.Graph[str], self_loops: bool) -> ArcMatrix:
    arcs = arc_matrix(graph, self_loops)
    partners = (arcs + arcs.T).tocsr()
    partners.data[:] = 1
    partners.sort_indices()
    return partners
