r"""Fragmentation: the share of pairs of actors that no chain of ties joins (Borgatti 2006)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from clusternet.metrics.adjacency import partner_matrix

__all__ = ["fragmentation", "fragmentation_without_each"]


def fragmentation(G: nx.Graph[str]) -> float:
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
    _, component = csgraph.connected_components(partner_matrix(G, self_loops=False), directed=False)
    reachable_pairs: int = sum(size * (size - 1) for size in np.bincount(component).tolist())
    return 1 - reachable_pairs / (n * (n - 1))


def fragmentation_without_each(G: nx.Graph[str]) -> pd.DataFrame:
    r"""Return, for every actor, the fragmentation of the network left when it is removed.

    Borgatti's key-player question [1]_: how far does the cluster hang on this actor? For each
    actor $v$ the network without $v$ (and its ties) has fragmentation

    .. math::

        F_{-v} = 1 - \frac{\sum_k s_k (s_k - 1)}{(n - 1)(n - 2)}

    over its weak components, exactly as :func:`fragmentation` computes it on that network.
    Removing an actor only splits its own component, into the pieces that hang on it; one
    depth-first search finds them for every actor at once (Hopcroft and Tarjan's articulation
    points [2]_), so the whole table takes time linear in actors plus ties instead of one
    recomputation per actor.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors (direction, weights and self-loops ignored); isolates are nodes.

    Returns
    -------
    pandas.DataFrame
        Indexed by node in the order of ``G``: ``fragmentation`` ($F_{-v}$; NaN when fewer than
        two actors remain), ``largest_component`` (actors in the largest weak component left)
        and ``articulation`` (True when removing the actor splits its component).

    Examples
    --------
    >>> import networkx as nx
    >>> table = fragmentation_without_each(nx.path_graph(["a", "b", "c"]))
    >>> table["fragmentation"].tolist(), table["articulation"].tolist()
    ([0.0, 1.0, 0.0], [False, True, False])

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.
    .. [2] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372-378.
    """
    nodes = list(G)
    n = len(nodes)
    partners = partner_matrix(G, self_loops=False)
    _, component = csgraph.connected_components(partners, directed=False)
    sizes: list[int] = np.bincount(component, minlength=1).tolist() if n else []
    reachable = sum(size * (size - 1) for size in sizes)
    ranked = sorted(sizes, reverse=True) + [0, 0]
    unique_largest = ranked[0] != ranked[1]
    left = n - 1
    pieces = _pieces_on_removal(partners.indptr.tolist(), partners.indices.tolist(), n)
    split_pairs, split_actors, split_largest, split_pieces = np.array(pieces, dtype=np.int64).reshape(n, 4).T
    own_size = np.array(sizes, dtype=np.int64)[component]
    rest = own_size - 1 - split_actors  # the piece that keeps the actor's DFS parent, if any
    pairs = reachable - own_size * (own_size - 1) + split_pairs + rest * (rest - 1)
    other_largest = np.where((own_size == ranked[0]) & unique_largest, ranked[1], ranked[0])
    return pd.DataFrame(
        {
            "fragmentation": 1 - pairs / (left * (left - 1)) if left >= 2 else np.full(n, np.nan),
            "largest_component": np.maximum(np.maximum(other_largest, split_largest), rest),
            "articulation": split_pieces + (rest > 0) >= 2,
        },
        index=pd.Index(nodes),
    )


def _pieces_on_removal(indptr: list[int], indices: list[int], n: int) -> list[tuple[int, int, int, int]]:
    """For each node, the pieces of its component that hang on it alone (split off when it goes).

    Returns per node (sum of s (s - 1), sum of s, largest s, number of pieces) over those pieces:
    the subtrees of its depth-first-search children c with low(c) >= disc(node). The rest of its
    component (the part holding its parent) is what remains besides them.
    """
    disc, low, size, parent = [-1] * n, [0] * n, [1] * n, [-1] * n
    pieces = [[0, 0, 0, 0] for _ in range(n)]
    clock = 0
    for root in range(n):
        if disc[root] >= 0:
            continue
        disc[root] = low[root] = clock
        clock += 1
        stack = [[root, indptr[root]]]
        while stack:
            frame = stack[-1]
            node, at = frame
            if at < indptr[node + 1]:
                frame[1] = at + 1
                partner = indices[at]
                if disc[partner] < 0:
                    parent[partner] = node
                    disc[partner] = low[partner] = clock
                    clock += 1
                    stack.append([partner, indptr[partner]])
                elif partner != parent[node] and disc[partner] < low[node]:
                    low[node] = disc[partner]
                continue
            stack.pop()
            above = parent[node]
            if above < 0:
                continue
            size[above] += size[node]
            if low[node] < low[above]:
                low[above] = low[node]
            if low[node] >= disc[above]:
                piece = pieces[above]
                piece[0] += size[node] * (size[node] - 1)
                piece[1] += size[node]
                piece[2] = max(piece[2], size[node])
                piece[3] += 1
    return [(pairs, actors, largest, count) for pairs, actors, largest, count in pieces]
