"""Betweenness and prestige: who lies on the paths between others, and who is sought out."""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
import numpy as np
import pandas as pd

from clusternet.metrics.igraph_view import to_igraph

EXACT_BETWEENNESS_MAX_ACTORS = 5000
"""Largest network whose betweenness is computed exactly: about 1 s at 5,000 actors and 20,000
ties, every real cluster included. Exact betweenness grows with actors times ties (about 25 s at
20,000 actors, 2.5 minutes at 50,000), so above this size it is estimated from
``BETWEENNESS_PIVOTS`` sampled source actors and flagged as approximate."""

BETWEENNESS_PIVOTS = 2000
"""Source actors sampled for the estimate (about 2.5 s at 20,000 actors). Measured error
(docs/performance.md): the ten top brokers' scores within about 5-7 % on average, a rank
correlation of 0.97-0.99 with the exact scores, and each actor's share of pairs brokered within
0.0015."""


def betweenness(
    graph: nx.Graph[str],
    *,
    seed: int = 0,
    max_exact_actors: int = EXACT_BETWEENNESS_MAX_ACTORS,
    pivots: int = BETWEENNESS_PIVOTS,
    sources: Collection[str] | None = None,
) -> pd.DataFrame:
    r"""Freeman betweenness of every actor, raw and normalised, and whether it is estimated.

    .. math:: b_i = \sum_{s \ne i \ne t} \frac{\sigma_{st}(i)}{\sigma_{st}}

    where :math:`\sigma_{st}` is the number of shortest paths from s to t and
    :math:`\sigma_{st}(i)` those passing through i; computed with Brandes' algorithm (igraph's C
    implementation; it agrees with networkx to 1e-9 and takes about a hundredth of its time).

    Conventions:

    - Directed (reported) graph: the sum runs over *ordered* pairs (s, t), following arcs as
      reported, and ``betweenness_norm`` :math:`= b_i / ((n-1)(n-2))`.
    - Undirected graph (``any`` or ``confirmed`` ties): the sum runs over unordered pairs, as UCINET
      and networkx report for symmetric data, and ``betweenness_norm``
      :math:`= b_i / ((n-1)(n-2)/2)`. Both normalisations give the share of pairs brokered.
    - Unweighted: every tie is one step; self-loops are ignored. Isolates and actors on no
      shortest path get 0; ``betweenness_norm`` is 0 when n < 3.
    - **Large networks.** With more than ``max_exact_actors`` actors the sum over sources s runs
      over ``pivots`` actors drawn at random (seeded by ``seed``) and is scaled by n / pivots
      (Brandes & Pich 2007): an unbiased estimate, whose error is measured in
      docs/performance.md. ``betweenness_approximate`` is then True for every actor.
    - **Given sources.** ``sources`` names the actors to estimate from instead (those not in the
      graph are ignored), whatever the size, with the same scaling: the what-if measures every state
      of a scenario from the same sampled actors, so that a step's change is not the noise of two
      samples.

    Example: in the path a - b - c, b lies on the only path between a and c: 1 (undirected),
    ``betweenness_norm`` 1.0. The Medici score 47.5 in Padgett's marriage network.

    References:
    1. Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40, 35-41.
    2. Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociology 25, 163-177.
    3. Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. Int. J. Bifurcation
       and Chaos 17(7), 2303-2318.
    """
    n = graph.number_of_nodes()
    index = pd.Index(list(graph.nodes), name="actor_id")
    approximate = sources is not None or (n > max_exact_actors and pivots < n)
    if sources is not None:
        position = {node: at for at, node in enumerate(graph)}
        rows = sorted(position[actor] for actor in set(sources) if actor in position)
    elif approximate:
        rows = np.sort(np.random.default_rng(seed).choice(n, size=pivots, replace=False)).tolist()
    ties = to_igraph(graph)
    if n == 0:
        raw = np.zeros(0)
    elif approximate:
        estimated = ties.betweenness(directed=graph.is_directed(), sources=rows) if rows else np.zeros(n)
        raw = np.asarray(estimated, dtype=float) * (n / max(len(rows), 1))
    else:
        raw = np.asarray(ties.betweenness(directed=graph.is_directed()), dtype=float)
    pairs = (n - 1) * (n - 2) / (1 if graph.is_directed() else 2)
    return pd.DataFrame(
        {
            "betweenness": raw,
            "betweenness_norm": raw / pairs if pairs > 0 else np.zeros(n),
            "betweenness_approximate": np.full(n, approximate),
        },
        index=index,
    )


def prestige(graph: nx.Graph[str]) -> pd.Series[float]:
    r"""In-degree prestige: the share of the other actors who name this actor, :math:`d^{in}_i/(n-1)`.

    Actors that many others report as partners are recognised in the cluster even when they
    did not answer the survey. On an undirected graph it is the degree centrality
    :math:`d_i/(n-1)`. 0 when n < 2.

    Reference: Wasserman, S. & Faust, K. (1994). Social Network Analysis, section 5.2. Cambridge UP.
    """
    n = graph.number_of_nodes()
    degrees = graph.in_degree() if isinstance(graph, nx.DiGraph) else graph.degree()
    values = pd.Series(dict(degrees), dtype=float).reindex(pd.Index(list(graph.nodes), name="actor_id"))
    return (values / (n - 1) if n > 1 else values * 0).rename("prestige")
