"""Betweenness and prestige: who lies on the paths between others, and who is sought out."""

from __future__ import annotations

import networkx as nx
import pandas as pd


def betweenness(graph: nx.Graph) -> pd.DataFrame:
    r"""Freeman betweenness of every actor, raw and normalised.

    .. math:: b_i = \sum_{s \ne i \ne t} \frac{\sigma_{st}(i)}{\sigma_{st}}

    where :math:`\sigma_{st}` is the number of shortest paths from s to t and
    :math:`\sigma_{st}(i)` those passing through i; computed with Brandes' algorithm.

    Conventions:

    - Directed (reported) graph: the sum runs over *ordered* pairs (s, t), following arcs as
      reported, and ``betweenness_norm`` :math:`= b_i / ((n-1)(n-2))`.
    - Undirected graph (``any`` or ``confirmed`` ties): the sum runs over unordered pairs, as UCINET
      and networkx report for symmetric data, and ``betweenness_norm``
      :math:`= b_i / ((n-1)(n-2)/2)`. Both normalisations give the share of pairs brokered.
    - Unweighted: every tie is one step. Isolates and actors on no shortest path get 0;
      ``betweenness_norm`` is 0 when n < 3.

    Example: in the path a - b - c, b lies on the only path between a and c: 1 (undirected),
    ``betweenness_norm`` 1.0. The Medici score 47.5 in Padgett's marriage network.

    References:
    1. Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40, 35-41.
    2. Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociology 25, 163-177.
    """
    raw = nx.betweenness_centrality(graph, normalized=False)
    n = graph.number_of_nodes()
    pairs = (n - 1) * (n - 2) / (1 if graph.is_directed() else 2)
    index = pd.Index(list(graph.nodes), name="actor_id")
    values = pd.Series(raw, dtype=float).reindex(index)
    return pd.DataFrame({
        "betweenness": values,
        "betweenness_norm": values / pairs if pairs > 0 else 0.0,
    }, index=index)


def prestige(graph: nx.Graph) -> pd.Series:
    r"""In-degree prestige: the share of the other actors who name this actor, :math:`d^{in}_i/(n-1)`.

    Actors that many others report as partners are recognised in the cluster even when they
    did not answer the survey. On an undirected graph it is the degree centrality
    :math:`d_i/(n-1)`. 0 when n < 2.

    Reference: Wasserman, S. & Faust, K. (1994). Social Network Analysis, section 5.2. Cambridge UP.
    """
    n = graph.number_of_nodes()
    degrees = graph.in_degree() if graph.is_directed() else graph.degree()
    values = pd.Series(dict(degrees), dtype=float).reindex(pd.Index(list(graph.nodes), name="actor_id"))
    return (values / (n - 1) if n > 1 else values * 0).rename("prestige")
