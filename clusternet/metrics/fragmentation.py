r"""Fragmentation: the share of pairs of actors that no chain of ties joins (Borgatti 2006)."""

import networkx as nx

__all__ = ["fragmentation"]


def fragmentation(G) -> float:
    r"""Return Borgatti's fragmentation: the share of ordered pairs of actors that cannot reach each other.

    .. math::

        F = 1 - \frac{\sum_k s_k (s_k - 1)}{n (n - 1)}

    over the weak components $k$ of the graph, of $s_k$ actors each, with $n$ actors in all [1]_.
    Two actors reach each other when a chain of ties joins them, whatever the direction of each
    tie. $F$ is 0 when every actor can reach every other (one component) and 1 when nobody has a
    tie; it rises as the network breaks into more, and more equal, pieces. Removing an actor and
    recomputing $F$ tells how far the cluster hangs on that actor, the key-player question.

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
    Conventions:

    * **Direction** is ignored: a directed graph is read through its weak components, so an arc
      either way joins a pair. Borgatti's definition on strong reachability would call a chain of
      one-way reports disconnected, which survey data, where one side often forgot to report,
      does not support.
    * **Isolates** are components of one actor: they reach nobody and raise $F$.
    * **Weights**, parallel edges and self-loops are ignored.
    * Counting ordered or unordered pairs gives the same value. This is the unweighted $F$;
      Borgatti's distance-weighted variant, which also counts how far apart reachable actors are,
      is not computed here.

    Runs in time linear in actors plus ties; no $n \times n$ array is built.

    Examples
    --------
    Two triangles and an isolate: $1 - (3 \cdot 2 + 3 \cdot 2 + 0) / (7 \cdot 6) = 30/42$.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d")])
    >>> G.add_node("g")
    >>> round(fragmentation(G), 4)
    0.7143
    >>> fragmentation(nx.DiGraph([("a", "b"), ("c", "b")]))
    0.0

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.
    """
    n = G.number_of_nodes()
    if n < 2:
        return float("nan")
    parts = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    reachable_pairs = sum(len(part) * (len(part) - 1) for part in parts)
    return 1 - reachable_pairs / (n * (n - 1))
