"""Linkages: how many partners an actor has, in which direction, and of which kinds."""

from __future__ import annotations

import networkx as nx
import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp

from clusternet.metrics.adjacency import ArcMatrix, arc_matrix, partner_matrix
from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES, MARKET_TYPES


def linkages(graph: nx.Graph[str]) -> pd.DataFrame:
    r"""Degree and the kinds of partners of every actor.

    Columns:

    - ``in_degree``: actors who named this actor (arcs in); ``out_degree``: actors it named.
    - ``degree``: distinct partners in either direction, :math:`|N^{in}(i) \cup N^{out}(i)|`; a
      mutual tie counts once.
    - ``ties_to_firms``, ``ties_to_institutions``, ``ties_to_market``: distinct partners whose
      ``type`` is a firm; a support institution (association, government, ngo, university,
      training, bds, finance, other); a buyer or supplier. Partners of type ``unknown`` or of a type
      outside the recommended list count in none of these.
    - ``partner_types``: number of distinct partner types.

    On an undirected graph (``any`` or ``confirmed`` ties) in-, out- and degree are equal.
    Isolates get 0 everywhere.

    Example: in the path a -> b -> c, b has in_degree 1, out_degree 1, degree 2.

    References: Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 4. Cambridge UP.
    """
    nodes = list(graph)
    index = pd.Index(nodes, name="actor_id")
    arcs = arc_matrix(graph)
    partner = partner_matrix(graph)
    if graph.is_directed():
        in_degree, out_degree = _counts(arcs.T), _counts(arcs)
    else:  # as networkx counts it: a self-loop is two ends
        in_degree = out_degree = _counts(arcs) + arcs.diagonal()
    types = [graph.nodes[node].get("type") for node in nodes]
    codes, labels = pd.factorize(pd.Series(types, dtype=object), use_na_sentinel=True)
    typed = codes >= 0
    kinds = sp.csr_array(
        (np.ones(typed.sum(), dtype=np.int64), (np.flatnonzero(typed), codes[typed])), shape=(len(nodes), len(labels))
    )
    partners_by_type = (partner @ kinds).toarray() if len(labels) else np.zeros((len(nodes), 0), dtype=np.int64)

    def partners_of(kind_set: frozenset[str]) -> npt.NDArray[np.int64]:
        wanted = [at for at, label in enumerate(labels) if label in kind_set]
        return np.asarray(partners_by_type[:, wanted].sum(axis=1), dtype=np.int64)

    return pd.DataFrame(
        {
            "in_degree": in_degree,
            "out_degree": out_degree,
            "degree": _counts(partner),
            "ties_to_firms": partners_of(FIRM_TYPES),
            "ties_to_institutions": partners_of(INSTITUTION_TYPES),
            "ties_to_market": partners_of(MARKET_TYPES),
            "partner_types": np.count_nonzero(partners_by_type, axis=1).astype(np.int64),
        },
        index=index,
    )


def _counts(matrix: ArcMatrix | sp.csc_array[np.int64]) -> npt.NDArray[np.int64]:
    """Entries per row of a 0/1 matrix."""
    return np.diff(sp.csr_array(matrix).indptr).astype(np.int64)


def firm_institution_linkage(graph: nx.Graph[str]) -> float:
    """Share of firms with at least one tie, either way, to a support institution.

    The core outcome of institutional strengthening in a cluster programme (UNIDO 2013): firms that
    can reach an association, a service provider or a public agency. NaN when there are no firms.
    """
    table = linkages(graph)
    firms = [node for node, attributes in graph.nodes(data=True) if attributes.get("type") in FIRM_TYPES]
    return float((table.loc[firms, "ties_to_institutions"] > 0).mean()) if firms else float("nan")
