r"""Whole-network cohesion: density, reciprocity, components, isolates, degree and centralisation.

Every measure takes the graph that :func:`clusternet.graph.build_graph` returns: a ``DiGraph`` of
reported ties (an arc ``u -> v`` when ``u`` named ``v``) or a ``Graph`` of ``any`` or
``confirmed`` ties, with every actor of the survey as a node, isolates included. Shared
conventions:

* **Ties** are distinct pairs: an arc is an ordered pair, an edge an unordered one. Parallel
  edges of a multigraph count once, edge attributes (weights, trust) are ignored and self-loops
  are ignored (an actor naming itself is not a tie).
* **Partners** of an actor are the other actors it is tied to in either direction, so a
  reciprocated pair of arcs is one partner.
* **Too few actors.** A ratio whose denominator is zero (density with fewer than two actors,
  shares and means over no actors, centralisation with fewer than three) is NaN, never 0: an
  empty survey is not a perfectly sparse one.

Every function runs in time linear in actors plus ties; no $n \times n$ array is built.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.sparse import csgraph

from clusternet.metrics.adjacency import ArcMatrix, arc_matrix, partner_matrix

__all__ = [
    "cohesion_measures",
    "components",
    "degree_centralization",
    "density",
    "isolates",
    "largest_component_share",
    "mean_degree",
    "reciprocity",
]


def density(G: nx.Graph[str]) -> float:
    r"""Return the share of possible ties that are present.

    .. math::

        \text{density} = \frac{m}{n (n - 1)} \;\text{(DiGraph)}, \qquad
        \text{density} = \frac{m}{n (n - 1) / 2} \;\text{(Graph)},

    with $n$ actors and $m$ ties: arcs (ordered pairs) in a directed graph, edges (unordered
    pairs) in an undirected one [1]_.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes.

    Returns
    -------
    float
        Between 0 and 1; NaN when there are fewer than two actors.

    Notes
    -----
    Isolates count in $n$: they lower the density, as they should, since a tie to them was
    possible. Self-loops and parallel edges are ignored. This is the ``density`` of
    ``network.csv`` (arcs over $n(n-1)$ for reported ties).

    Examples
    --------
    >>> import networkx as nx
    >>> density(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")]))
    0.25
    >>> density(nx.Graph([("a", "b"), ("b", "c"), ("c", "d")]))
    0.5

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications.* Cambridge University Press, chapter 4.
    """
    return _density(G, _tie_count(G))


def _density(G: nx.Graph[str], ties: int) -> float:
    n = G.number_of_nodes()
    if n < 2:
        return float("nan")
    possible = n * (n - 1) if G.is_directed() else n * (n - 1) / 2
    return ties / possible


def reciprocity(G: nx.Graph[str]) -> float:
    r"""Return the share of arcs whose reverse arc also exists.

    .. math::

        \text{reciprocity} = \frac{|\{(u, v) \in A : (v, u) \in A\}|}{|A|}

    over the set $A$ of arcs without self-loops: a mutual pair contributes two reciprocated arcs,
    a one-way tie one unreciprocated arc. This is the arc-based ("overall") reciprocity of
    networkx and of ``network.csv``; the dyad-based variant, mutual pairs over tied pairs, is
    lower (it equals $r / (2 - r)$ for arc reciprocity $r$) [1]_ [2]_.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Reported ties.

    Returns
    -------
    float
        Between 0 and 1; NaN when there are no arcs, and NaN for an undirected graph.

    Notes
    -----
    **Undirected graphs give NaN**, not 1. An undirected graph has lost who reported whom: the
    ``any`` graph mixes one-sided and mutual reports, so calling it fully reciprocated would
    mislead, and the ``confirmed`` graph is mutual by construction, so 1 would say nothing.
    Compute reciprocity on the directed graph of reported ties. (networkx raises an error for
    undirected graphs.)

    Examples
    --------
    >>> import networkx as nx
    >>> reciprocity(nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")]))
    0.6666666666666666

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications.* Cambridge University Press, chapter 13.
    .. [2] Garlaschelli, D., & Loffredo, M. I. (2004). Patterns of link reciprocity in directed
       networks. *Physical Review Letters* 93(26), 268701.
    """
    if not G.is_directed():
        return float("nan")
    arcs = arc_matrix(G, self_loops=False)
    reciprocated = arcs.multiply(arcs.T).nnz
    return reciprocated / arcs.nnz if arcs.nnz else float("nan")


def components(G: nx.Graph[str]) -> int:
    r"""Return the number of weak components, each isolate counting as one.

    Two actors are in the same weak component when a chain of ties joins them, whatever the
    direction of each tie [1]_. In an undirected graph these are its connected components.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes.

    Returns
    -------
    int
        0 for a graph without actors.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("c", "b"), ("d", "e")])
    >>> G.add_node("f")
    >>> components(G)
    3

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications.* Cambridge University Press, chapter 4.
    """
    return int(_component_sizes(partner_matrix(G, self_loops=False)).size)


def isolates(G: nx.Graph[str]) -> int:
    r"""Return the number of actors without any partner.

    An isolate neither names nor is named by anyone. An actor whose only tie is a self-loop is
    an isolate here (networkx's ``number_of_isolates`` would not count it).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes.

    Returns
    -------
    int
        0 for a graph without actors.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b")])
    >>> G.add_nodes_from(["c", "d"])
    >>> isolates(G)
    2
    """
    return int(np.count_nonzero(_partner_counts(G) == 0))


def largest_component_share(G: nx.Graph[str]) -> float:
    r"""Return the share of actors in the largest weak component.

    .. math::

        \text{largest\_component\_share} = \max_k |C_k| / n

    over the weak components $C_k$ (see :func:`components`). 1 when every actor can reach every
    other through some chain of ties; $1/n$ when nobody is tied.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes.

    Returns
    -------
    float
        NaN for a graph without actors.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
    >>> largest_component_share(G)
    0.6
    """
    return _largest_share(_component_sizes(partner_matrix(G, self_loops=False)))


def _largest_share(sizes: npt.NDArray[np.int64]) -> float:
    return int(sizes.max()) / int(sizes.sum()) if sizes.size else float("nan")


def mean_degree(G: nx.Graph[str]) -> float:
    r"""Return the mean number of distinct partners per actor.

    .. math::

        \bar d = \frac{1}{n} \sum_i d_i, \qquad d_i = |\{j \ne i : i \to j \text{ or } j \to i\}|

    The partners of an actor are counted in either direction, once each, as the ``degree`` of
    ``actors.csv``: a reciprocated pair of arcs is one partner. In an undirected graph $d_i$ is
    the ordinary degree and $\bar d = 2m/n$.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes and count with $d_i = 0$.

    Returns
    -------
    float
        NaN for a graph without actors.

    Examples
    --------
    >>> import networkx as nx
    >>> mean_degree(nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")]))
    1.3333333333333333

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications.* Cambridge University Press, chapter 4.
    """
    partners = _partner_counts(G)
    return float(partners.mean()) if partners.size else float("nan")


def degree_centralization(G: nx.Graph[str]) -> float:
    r"""Return Freeman's degree centralisation of the undirected tie graph.

    .. math::

        C_D = \frac{\sum_i (d_{\max} - d_i)}{(n - 1)(n - 2)}

    with $d_i$ the number of distinct partners of actor $i$ in either direction (as in
    :func:`mean_degree`) and $d_{\max}$ the largest. The denominator is the largest value the
    numerator can take among graphs of $n$ actors, reached by the star, so $C_D$ runs from 0,
    when every actor has the same number of partners, to 1, when one actor is tied to all others
    and they to nobody else [1]_ [2]_. A value near 1 warns that the cluster hangs on one hub.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes and count with $d_i = 0$.

    Returns
    -------
    float
        NaN with fewer than three actors, where the denominator is 0.

    Notes
    -----
    Direction is dropped: a directed graph is read as its undirected tie graph, an edge wherever
    an arc runs either way. This is Freeman's original, undirected index; in- and
    out-degree centralisations of a directed graph use $(n-1)^2$ as denominator and are not
    computed here. A graph with actors but no ties has $C_D = 0$.

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centralization(nx.star_graph(4))
    1.0
    >>> round(degree_centralization(nx.path_graph(4)), 4)
    0.3333

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification.
       *Social Networks* 1(3), 215-239.
    .. [2] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications.* Cambridge University Press, chapter 5.
    """
    return _centralization(_partner_counts(G))


def _centralization(partners: npt.NDArray[np.int64]) -> float:
    n = partners.size
    if n < 3:
        return float("nan")
    return float((partners.max() - partners).sum() / ((n - 1) * (n - 2)))


def cohesion_measures(G: nx.Graph[str]) -> dict[str, int | float]:
    r"""Return every cohesion measure of ``G`` in one dictionary.

    Keys, in this order: ``actors`` (number of nodes, isolates included), ``ties`` (arcs of a
    directed graph, edges of an undirected one, as in :func:`density`), ``density``,
    ``reciprocity``, ``components``, ``isolates``, ``largest_component_share``,
    ``mean_degree`` and ``degree_centralization``, each as the function of that name computes
    it. Counts are ``int``, the others ``float`` (NaN where undefined).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes.

    Returns
    -------
    dict
        Measure name -> value.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")])
    >>> G.add_node("d")
    >>> measures = cohesion_measures(G)
    >>> measures["ties"], measures["components"], measures["isolates"]
    (3, 2, 1)
    """
    partners = partner_matrix(G, self_loops=False)
    partner_counts = np.diff(partners.indptr).astype(np.int64)
    sizes = _component_sizes(partners)
    ties = _tie_count(G)
    return {
        "actors": G.number_of_nodes(),
        "ties": ties,
        "density": _density(G, ties),
        "reciprocity": reciprocity(G),
        "components": int(sizes.size),
        "isolates": int(np.count_nonzero(partner_counts == 0)),
        "largest_component_share": _largest_share(sizes),
        "mean_degree": float(partner_counts.mean()) if partner_counts.size else float("nan"),
        "degree_centralization": _centralization(partner_counts),
    }


def _tie_count(G: nx.Graph[str]) -> int:
    """Distinct arcs of a directed graph, distinct edges of an undirected one; no self-loops."""
    ends = arc_matrix(G, self_loops=False).nnz
    return ends if G.is_directed() else ends // 2


def _partner_counts(G: nx.Graph[str]) -> npt.NDArray[np.int64]:
    """Distinct partners of every node, in either direction, in the order of ``G``."""
    return np.diff(partner_matrix(G, self_loops=False).indptr).astype(np.int64)


def _component_sizes(partners: ArcMatrix) -> npt.NDArray[np.int64]:
    """Actors in each weak component of the (symmetric) partner matrix; an isolate is one."""
    if partners.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    _, component = csgraph.connected_components(partners, directed=False)
    return np.bincount(component)
