"""Linkages: how many partners an actor has, in which direction, and of which kinds."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES, MARKET_TYPES


def partners(graph: nx.Graph, node: str) -> set[str]:
    """Distinct partners of ``node`` in either direction."""
    if graph.is_directed():
        return set(graph.successors(node)) | set(graph.predecessors(node))
    return set(graph.neighbors(node))


def linkages(graph: nx.Graph) -> pd.DataFrame:
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
    types = nx.get_node_attributes(graph, "type")
    rows = []
    for node in graph.nodes:
        partner_types = [types.get(partner) for partner in partners(graph, node)]
        rows.append({
            "in_degree": graph.in_degree(node) if graph.is_directed() else graph.degree(node),
            "out_degree": graph.out_degree(node) if graph.is_directed() else graph.degree(node),
            "degree": len(partner_types),
            "ties_to_firms": sum(kind in FIRM_TYPES for kind in partner_types),
            "ties_to_institutions": sum(kind in INSTITUTION_TYPES for kind in partner_types),
            "ties_to_market": sum(kind in MARKET_TYPES for kind in partner_types),
            "partner_types": len({kind for kind in partner_types if kind is not None}),
        })
    return pd.DataFrame(rows, index=pd.Index(list(graph.nodes), name="actor_id"),
                        columns=["in_degree", "out_degree", "degree", "ties_to_firms",
                                 "ties_to_institutions", "ties_to_market", "partner_types"])


def firm_institution_linkage(graph: nx.Graph) -> float:
    """Share of firms with at least one tie, either way, to a support institution.

    The core outcome of institutional strengthening in a cluster programme (UNIDO 2013): firms that
    can reach an association, a service provider or a public agency. NaN when there are no firms.
    """
    table = linkages(graph)
    firms = [node for node, kind in graph.nodes(data="type") if kind in FIRM_TYPES]
    return float((table.loc[firms, "ties_to_institutions"] > 0).mean()) if firms else float("nan")
