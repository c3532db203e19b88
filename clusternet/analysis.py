"""One analysis of a survey selection: the actors table and the network table together."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from clusternet.graph import CONFIRMED, UNCONFIRMED, Selection, build_graph
from clusternet.metrics.brokerage import ROLE_COLUMNS, brokerage_roles, brokerage_z_scores
from clusternet.metrics.centrality import BETWEENNESS_PIVOTS, betweenness, prestige
from clusternet.metrics.cohesion import cohesion_measures
from clusternet.metrics.communities import Communities, louvain_communities
from clusternet.metrics.concentration import gini, top_share
from clusternet.metrics.groups import ei_by_group, ei_index
from clusternet.metrics.linkages import firm_institution_linkage, linkages
from clusternet.metrics.structural_holes import burt_measures
from clusternet.metrics.trust import trust_scores, trust_summary
from clusternet.survey import Survey

ACTOR_COLUMNS = [
    "actor_id",
    "name",
    "type",
    "in_degree",
    "out_degree",
    "degree",
    "betweenness",
    "betweenness_norm",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    *ROLE_COLUMNS,
    "community",
    "trust_received",
    "trust_given",
]
"""The leading columns of ``actors.csv``, in the order the interface promises."""


@dataclass(frozen=True)
class Analysis:
    """The measures of one selection: per actor, for the whole network, and the graphs behind them.

    ``graph`` is the graph in the selected tie mode; ``reported`` the directed graph of reports of
    the same round, relations and trust floor (trust ratings and confirmation need direction).
    """

    selection: Selection
    graph: nx.Graph
    reported: nx.DiGraph
    actors: pd.DataFrame
    network: pd.DataFrame


def confirmed_share(reported: nx.DiGraph) -> float:
    """Of the reported arcs between two respondents, the share that the partner also reported.

    Arcs to non-respondents are left out: they could not be confirmed. NaN when there is none.
    """
    statuses = [status for _, _, status in reported.edges(data="status") if status in (CONFIRMED, UNCONFIRMED)]
    return statuses.count(CONFIRMED) / len(statuses) if statuses else float("nan")


def actor_measures(
    survey: Survey, selection: Selection, graph: nx.Graph, reported: nx.DiGraph, communities: Communities | None = None
) -> pd.DataFrame:
    """The actors table: one row per actor, interface columns first, then further measures.

    ``communities`` are the graph's Louvain communities when already found (they are the slowest
    measure on a large network after betweenness, so :func:`analyze` finds them once).
    """
    groups = nx.get_node_attributes(graph, selection.group_by)
    roles = brokerage_roles(graph, groups)
    z_scores = brokerage_z_scores(graph, groups)[[f"{role}_z" for role in ROLE_COLUMNS]]
    if communities is None:
        communities = louvain_communities(graph, seed=selection.seed)
    measures = pd.concat(
        [
            linkages(graph),
            betweenness(graph, seed=selection.seed),
            burt_measures(graph),
            roles,
            communities.membership.to_frame(),
            trust_scores(reported),
            prestige(graph).to_frame(),
            z_scores,
        ],
        axis=1,
    )
    measures.index.name = "actor_id"
    actors = survey.actors.set_index("actor_id")
    respondent = pd.Series(nx.get_node_attributes(graph, "respondent"), name="respondent")
    table = actors[["name", "type"]].join(measures).join(respondent)
    table = table.join(actors.drop(columns=["name", "type"]))
    table = table.reset_index()
    further = [column for column in table.columns if column not in ACTOR_COLUMNS]
    return table[ACTOR_COLUMNS + further]


def network_measures(
    survey: Survey,
    selection: Selection,
    graph: nx.Graph,
    reported: nx.DiGraph,
    actors: pd.DataFrame,
    communities: Communities | None = None,
) -> pd.DataFrame:
    """The network table: two columns ``metric, value``, one row per whole-network measure.

    ``communities``: as for :func:`actor_measures`.
    """
    groups = nx.get_node_attributes(graph, selection.group_by)
    communities_count = int(actors["community"].nunique()) if len(actors) else 0
    if communities is None:
        communities = louvain_communities(graph, seed=selection.seed)
    values = dict(cohesion_measures(graph))
    values["ei_index"] = ei_index(graph, groups)
    values["modularity"] = communities.modularity
    values["communities"] = communities_count
    values.update(trust_summary(reported))
    respondents = survey.respondents_in(selection.round)
    values["respondents"] = len(respondents)
    values["response_rate"] = len(respondents) / len(actors) if len(actors) else float("nan")
    values["confirmed_share"] = confirmed_share(reported)
    values["firm_institution_linkage"] = firm_institution_linkage(graph)
    values["brokerage_top_share"] = top_share(actors["brokerage_total"])
    values["betweenness_gini"] = gini(actors["betweenness"])
    approximate = bool(actors["betweenness_approximate"].any())
    values["betweenness_approximate"] = int(approximate)
    values["betweenness_pivots"] = min(BETWEENNESS_PIVOTS, len(actors)) if approximate else float("nan")
    for group, row in ei_by_group(graph, groups).iterrows():
        values[f"ei_index:{group}"] = row["ei_index"]
    return pd.DataFrame({"metric": list(values), "value": list(values.values())})


def analyze(survey: Survey, selection: Selection = Selection()) -> Analysis:
    """Every measure of the selected round, relations and tie mode (see docs/metrics.md).

    Raises ``SelectionError`` naming the valid choices when the round, a relation, the tie mode or
    the group attribute is unknown.
    """
    selection = selection.resolved(survey)
    graph = build_graph(survey, selection)
    reported = (
        graph
        if graph.is_directed()
        else build_graph(
            survey,
            Selection(
                selection.round,
                selection.relations,
                "reported",
                selection.min_trust,
                selection.group_by,
                selection.seed,
            ),
        )
    )
    communities = louvain_communities(graph, seed=selection.seed)
    actors = actor_measures(survey, selection, graph, reported, communities)
    network = network_measures(survey, selection, graph, reported, actors, communities)
    return Analysis(selection, graph, reported, actors, network)
