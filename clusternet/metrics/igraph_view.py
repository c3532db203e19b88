"""The tie graph as igraph sees it, for the computations that networkx makes too slow.

networkx stays the graph model of clusternet (attributes, selections, the map); igraph's C core
only computes what pure Python cannot do fast enough: exact and sampled betweenness and, on large
networks, Louvain communities. Nodes are numbered in the order of the networkx graph, so results
come back as arrays aligned with ``list(graph)``.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from clusternet.metrics.adjacency import tie_ends

if TYPE_CHECKING:
    import igraph as ig


def igraph_module() -> ModuleType:
    """The igraph module, imported without its matplotlib plotting backend when that is safe.

    Importing igraph imports ``matplotlib.pyplot`` for ``igraph.plot`` (0.4-0.6 CPU s, most of a
    command's start-up), which clusternet never calls: it draws with matplotlib itself. When
    matplotlib is not loaded yet and this is the process's only thread (a command, not the app),
    matplotlib is hidden during igraph's import, so igraph falls back to its placeholder for
    plotting; matplotlib itself stays importable afterwards. Otherwise igraph is imported as is.
    """
    if "igraph" in sys.modules or "matplotlib" in sys.modules or threading.active_count() > 1:
        return importlib.import_module("igraph")
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # an import of it now fails: igraph skips plotting
    try:
        return importlib.import_module("igraph")
    finally:
        del sys.modules["matplotlib"]


def to_igraph(graph: nx.Graph[str], directed: bool | None = None) -> ig.Graph:
    """``graph`` as an igraph graph: node ``i`` is the ``i``-th node of ``graph``, one edge per tie.

    Self-loops are left out (no measure here counts them); attributes are not copied. With
    ``directed=False`` a directed graph becomes its undirected tie graph, one edge per pair
    tied in either direction.
    """
    ig = igraph_module()
    source, target = tie_ends(graph)
    ends = np.column_stack([source, target])
    ends = ends[ends[:, 0] != ends[:, 1]]
    is_directed = graph.is_directed() if directed is None else directed
    if graph.is_directed() and not is_directed:
        ends = np.unique(np.sort(ends, axis=1), axis=0)
    return ig.Graph(n=graph.number_of_nodes(), edges=ends, directed=is_directed)
