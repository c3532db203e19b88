"""Trust scores as the PARTNER tool computes them: from what the others report."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from clusternet.constants import HIGH_TRUST
from clusternet.metrics.adjacency import EdgeValues, edge_values
from clusternet.metrics.groups import GroupLabels


def _rated(graph: nx.DiGraph[str]) -> EdgeValues:
    """The rated arcs, in edge order: positions of rater and rated, and the ratings (kept with a frozen
    graph, so that the trust scores, the trust summary and the gaps of a what-if state read them once)."""
    if not graph.is_directed():
        raise ValueError("trust needs the direction of each rating: pass the reported (directed) graph")
    return edge_values(graph, "trust")


def _ratings(graph: nx.DiGraph[str]) -> pd.DataFrame:
    """The rated arcs, in edge order: ``source``, ``target`` (actor ids) and ``trust``."""
    source, target, values = _rated(graph)
    nodes = np.fromiter(graph, dtype=object, count=graph.number_of_nodes())
    return pd.DataFrame(
        {"source": nodes[source].tolist(), "target": nodes[target].tolist(), "trust": values.tolist()},
        columns=["source", "target", "trust"],
    ).astype({"trust": float})


def trust_received(graph: nx.DiGraph[str]) -> pd.DataFrame:
    """``trust_received`` and ``trust_received_n`` of every actor, as :func:`trust_scores` gives them,
    without the ratings given and their asymmetry: what a what-if state needs, at a fraction of the
    cost (the ratings grouped by the rated actor's position, not by its id). A NaN rating counts
    in neither, as in :func:`trust_scores`."""
    _, target, values = _rated(graph)
    ratings = values.astype(float)
    n = graph.number_of_nodes()
    received = pd.Series(ratings).groupby(target).mean().reindex(range(n)).to_numpy()
    return pd.DataFrame(
        {"trust_received": received, "trust_received_n": np.bincount(target[~np.isnan(ratings)], minlength=n)},
        index=pd.Index(list(graph.nodes), name="actor_id"),
    )


def trust_scores(graph: nx.DiGraph[str]) -> pd.DataFrame:
    r"""Trust received, given and its asymmetry for every actor.

    With :math:`t_{ij}` the trust rating (1 no trust .. 5 full trust) that actor i reported in j:

    - ``trust_received`` :math:`= \operatorname{mean}_j t_{ji}`, the mean rating the others gave
      this actor, and ``trust_received_n`` the number of ratings behind it. As in the PARTNER tool,
      an actor that did not answer the survey is still scored by those who did.
    - ``trust_given`` :math:`= \operatorname{mean}_j t_{ij}` and ``trust_given_n``.
    - ``trust_asymmetry`` :math:`= \operatorname{mean}_j (t_{ji} - t_{ij})` over partners j who rated
      i and whom i rated: positive when others trust the actor more than it trusts them.

    Conventions: the graph must be the directed graph of reported ties (each arc carries the
    ``trust`` its source reported, the mean over relations when they were rated differently);
    unrated arcs are ignored; every value is NaN (blank) when there is no rating behind it.

    Example: a rates b 4, b rates a 2, c rates a 3: a receives (2 + 3) / 2 = 2.5 from 2
    ratings, gives 4, and its asymmetry with b is 2 - 4 = -2.

    References: Varda, D. M. (2011). Data-driven management strategies in public health
    collaboratives. J. Public Health Management and Practice 17(2), 122-132 (PARTNER tool);
    Cook, K. S. (2001). Trust in Society. Russell Sage.
    """
    ratings = _ratings(graph)
    index = pd.Index(list(graph.nodes), name="actor_id")
    received = trust_received(graph)
    given = ratings.groupby("source")["trust"].agg(["mean", "count"]).reindex(index)
    reverse = ratings.rename(columns={"source": "target", "target": "source", "trust": "reverse"})
    mutual = ratings.merge(reverse, on=["source", "target"])
    asymmetry = (mutual["reverse"] - mutual["trust"]).groupby(mutual["source"]).mean().reindex(index)
    return pd.DataFrame(
        {
            "trust_received": received["trust_received"],
            "trust_received_n": received["trust_received_n"],
            "trust_given": given["mean"],
            "trust_given_n": given["count"].fillna(0).astype(int),
            "trust_asymmetry": asymmetry,
        },
        index=index,
    )


def trust_summary(graph: nx.DiGraph[str]) -> dict[str, float]:
    """Network trust: ``mean_trust`` of all ratings, ``high_trust_share`` rated 4 or more, ``ratings``.

    NaN shares when no tie was rated (a round that did not ask about trust).
    """
    ratings = pd.Series(_rated(graph)[2].astype(float))
    return {
        "mean_trust": float(ratings.mean()) if len(ratings) else float("nan"),
        "high_trust_share": float((ratings >= HIGH_TRUST).mean()) if len(ratings) else float("nan"),
        "trust_ratings": len(ratings),
    }


def trust_between_groups(
    graph: nx.DiGraph[str], groups: GroupLabels, min_ratings: int = 1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mean trust that actors of each group (rows) report in actors of each group (columns).

    Returns the matrix of means and the matrix of rating counts behind them. A cell backed by fewer
    than ``min_ratings`` ratings is blank, so that in an anonymised view a single respondent's
    rating of a partner cannot be read back. Actors without a group are ``unknown``.

    Example: firms rate the cooperative 4 and 2 and an NGO rates it 5: the cell (firm, association)
    is 3.0 from 2 ratings, (ngo, association) 5.0 from 1.
    """
    ratings = _ratings(graph)
    label = {node: ("unknown" if groups.get(node) is None else groups.get(node)) for node in graph.nodes}
    ratings["from"] = ratings["source"].map(label)
    ratings["to"] = ratings["target"].map(label)
    order = sorted(set(label.values()), key=str)
    means = ratings.pivot_table(index="from", columns="to", values="trust", aggfunc="mean")
    counts = ratings.pivot_table(index="from", columns="to", values="trust", aggfunc="count")
    means = means.reindex(index=order, columns=order)
    counts = counts.reindex(index=order, columns=order).fillna(0).astype(int)
    return means.where(counts >= min_ratings), counts


def rating_distribution(graph: nx.DiGraph[str]) -> pd.Series:
    """How many ratings of each value 1..5 were reported (0 for values nobody gave)."""
    ratings = _ratings(graph)["trust"].round().astype(int)
    return ratings.value_counts().reindex(range(1, 6), fill_value=0).rename_axis("trust").rename("ratings")


def asymmetric_pairs(graph: nx.DiGraph[str], high: float = HIGH_TRUST, low: float = 2) -> pd.DataFrame:
    """Pairs where one side rates the other ``high`` or more and gets ``low`` or less back.

    Columns ``truster, trusted, trust_given, trust_back``, the largest gap first.
    """
    ratings = _ratings(graph)
    back = ratings.rename(columns={"source": "target", "target": "source", "trust": "trust_back"})
    pairs = ratings.merge(back, on=["source", "target"])
    pairs = pairs.loc[(pairs["trust"] >= high) & (pairs["trust_back"] <= low)]
    pairs = pairs.rename(columns={"source": "truster", "target": "trusted", "trust": "trust_given"})
    pairs = pairs.assign(gap=pairs["trust_given"] - pairs["trust_back"])
    return pairs.sort_values(["gap", "truster"], ascending=[False, True]).drop(columns="gap").reset_index(drop=True)
