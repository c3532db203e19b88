r"""Borgatti's key-player measures: how far apart actors are, and how far a set of actors reaches.

Fragmentation $F$, the share of pairs that no chain of ties joins, is in
:mod:`clusternet.metrics.fragmentation`; this module holds the measures that also count how many
steps a chain takes: the distance-weighted fragmentation $DF$ of a whole network (the measure of
Borgatti's KPP-Neg, which actors, taken away, leave the others furthest apart), and the reach of a
set of actors (KPP-Pos, who lies within $m$ steps of it, and how close). All read the undirected
tie graph: a tie reported in either direction is one step. The search for the key players
themselves is :mod:`clusternet.whatif.keyplayers`.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
import numpy as np
import numpy.typing as npt

from clusternet.metrics.adjacency import partner_matrix
from clusternet.metrics.igraph_view import to_igraph
from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES

__all__ = [
    "distance_weighted_fragmentation",
    "distance_weighted_reach",
    "distances_from",
    "institution_reach",
    "reach",
]


def distance_weighted_fragmentation(G: nx.Graph[str], sources: Collection[str] | None = None) -> float:
    r"""Return Borgatti's distance-weighted fragmentation: 1 minus the mean closeness of all pairs.

    .. math::

        DF = 1 - \frac{2 \sum_{i > j} 1 / d_{ij}}{n (n - 1)}

    where $d_{ij}$ is the number of steps of the shortest chain of ties between actors $i$ and $j$
    and $1 / d_{ij} = 0$ when no chain joins them [1]_. $DF$ is 0 when every actor is tied to every
    other, 1 when nobody has a tie, and unlike fragmentation $F$ it rises when a network stays in
    one piece but its actors drift apart (a broker removed, a long detour left). It is the measure
    of Borgatti's key-player problem KPP-Neg: which few actors, taken away, leave the others
    furthest apart.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors; isolates are nodes.
    sources : collection of actors, optional
        A sample of the actors to estimate $DF$ from on a large network: the sum over $i$ then runs
        over these actors only and is scaled by $n$ over their number, as sampled betweenness is
        (Brandes and Pich 2007), an unbiased estimate when they are drawn at random. Sources that
        are not actors of ``G`` are ignored. None (the default) computes it from every actor: a
        breadth-first search from each, about 0.75 s at 5,000 actors and 20,000 ties.

    Returns
    -------
    float
        Between 0 and 1; NaN when there are fewer than two actors.

    Notes
    -----
    Conventions, as for :func:`~clusternet.metrics.fragmentation.fragmentation`:

    * **Direction** is ignored: an arc either way is one step, so a chain of one-way reports joins
      its ends (survey partners often forget to report each other).
    * **Isolates** are at infinite distance from everyone: they add 0 to the sum and raise $DF$.
    * **Weights**, parallel edges and self-loops are ignored: every tie is one step.

    Examples
    --------
    In the path a - b - c two pairs are one step apart and one pair two steps:
    $1 - 2 (1 + 1 + 1/2) / (3 \cdot 2) = 1/6$.

    >>> import networkx as nx
    >>> round(distance_weighted_fragmentation(nx.path_graph(["a", "b", "c"])), 4)
    0.1667
    >>> distance_weighted_fragmentation(nx.complete_graph(4))
    0.0

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.
    .. [2] Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.
    """
    n = G.number_of_nodes()
    if n < 2:
        return float("nan")
    ties = to_igraph(G, directed=False)
    if sources is None:
        closeness_sum = float(np.sum(ties.harmonic_centrality(normalized=False)))
    else:
        position = {node: at for at, node in enumerate(G)}
        rows = sorted(position[node] for node in set(sources) if node in position)
        if not rows:
            return float("nan")
        closeness_sum = float(np.sum(ties.harmonic_centrality(vertices=rows, normalized=False))) * n / len(rows)
    return 1 - closeness_sum / (n * (n - 1))


def reach(G: nx.Graph[str], members: Collection[str], targets: Collection[str], steps: int = 1) -> float:
    r"""Return the share of ``targets`` within ``steps`` steps of at least one of ``members``.

    .. math::

        R_m(S) = \frac{|\{t \in T : \min_{s \in S} d_{st} \le m\}|}{|T|}

    Borgatti's m-reach of a set $S$ (KPP-Pos) [1]_, as a share of the targets $T$ (the cluster's
    firms, say): who a few trained local brokers, or the seeds of an information campaign, can
    pass something to through at most $m$ partners. Conventions: the undirected tie graph (a tie
    reported either way is one step); a target that is itself a member is reached (0 steps);
    members and targets that are not actors of ``G`` are ignored. NaN without targets.

    Examples
    --------
    In the path a - b - c - d, b reaches a and c in one step, and d in two:

    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> reach(path, ["b"], ["a", "c", "d"], steps=1), reach(path, ["b"], ["a", "c", "d"], steps=2)
    (0.6666666666666666, 1.0)

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.
    """
    position = {node: at for at, node in enumerate(G)}
    target_rows = [position[node] for node in targets if node in position]
    if not target_rows:
        return float("nan")
    return float((distances_from(G, members, steps)[target_rows] <= steps).mean())


def distance_weighted_reach(G: nx.Graph[str], members: Collection[str], targets: Collection[str]) -> float:
    r"""Return Borgatti's distance-weighted reach of ``members`` over ``targets``: their mean closeness to the set.

    .. math::

        DR(S) = \frac{1}{|T|} \sum_{t \in T} \frac{1}{\max(1, d_{St})}

    where $d_{St} = \min_{s \in S} d_{st}$ is the number of steps from the nearest member of the set
    $S$ to the target $t$, and $1 / d_{St} = 0$ when no chain of ties joins them [1]_: 1 when every
    target is a partner of a member, 1/2 when all are two steps away. It tells apart two sets
    that reach as many targets within $m$ steps (:func:`reach`) by how close the others are.
    Conventions as for :func:`reach`: the undirected tie graph; a target that is itself a member
    counts 1, as if one step away (so that DR stays between 0 and 1); members and targets that
    are not actors of ``G`` are ignored; NaN without targets.

    Examples
    --------
    In the path a - b - c - d, b is one step from a and c and two from d: (1 + 1 + 1/2) / 3.

    >>> import networkx as nx
    >>> round(distance_weighted_reach(nx.path_graph(["a", "b", "c", "d"]), ["b"], ["a", "c", "d"]), 4)
    0.8333

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.
    """
    position = {node: at for at, node in enumerate(G)}
    target_rows = [position[node] for node in targets if node in position]
    if not target_rows:
        return float("nan")
    steps = distances_from(G, members)[target_rows]
    return float((1.0 / np.maximum(steps, 1.0)).mean())


def institution_reach(G: nx.Graph[str], steps: int = 1) -> float:
    """Return the share of the firms within ``steps`` steps of a support institution.

    :func:`reach` of the actors whose ``type`` is a support institution (association, government,
    NGO, university, training, BDS, finance, other) over the firms. Within one step it is
    :func:`clusternet.metrics.linkages.firm_institution_linkage`, the core outcome of institutional
    strengthening (UNIDO 2013); within two it also counts the firms a partner can bring to an
    institution. NaN when there are no firms.

    >>> import networkx as nx
    >>> G = nx.Graph([("bank", "f1"), ("f1", "f2")])
    >>> G.add_node("f3")
    >>> nx.set_node_attributes(G, {"bank": "finance", "f1": "firm", "f2": "firm", "f3": "firm"}, "type")
    >>> round(institution_reach(G, 1), 4), round(institution_reach(G, 2), 4)
    (0.3333, 0.6667)

    Reference: UNIDO (2013). *The UNIDO Approach to Cluster Development*. Vienna: UNIDO.
    """
    types = nx.get_node_attributes(G, "type")
    institutions = [node for node, kind in types.items() if kind in INSTITUTION_TYPES]
    firms = [node for node, kind in types.items() if kind in FIRM_TYPES]
    return reach(G, institutions, firms, steps)


def distances_from(G: nx.Graph[str], members: Collection[str], limit: int | None = None) -> npt.NDArray[np.float64]:
    """The fewest steps from any of ``members`` to each actor, in the order of ``G`` (0 for a member).

    On the undirected tie graph; ``inf`` for an actor no chain of ties joins to a member, and for
    every actor further than ``limit`` steps when a limit is given (the search stops there).

    >>> import networkx as nx
    >>> distances_from(nx.path_graph(["a", "b", "c", "d"]), ["b"]).tolist()
    [1.0, 0.0, 1.0, 2.0]
    """
    position = {node: at for at, node in enumerate(G)}
    partners = partner_matrix(G, self_loops=False)
    distance = np.full(G.number_of_nodes(), np.inf)
    frontier = np.zeros(G.number_of_nodes(), dtype=bool)
    frontier[[position[node] for node in members if node in position]] = True
    step = 0
    while frontier.any() and (limit is None or step <= limit):
        distance[frontier] = step
        frontier = (partners @ frontier.astype(np.int64) > 0) & np.isinf(distance)
        step += 1
    return distance
