"""One analysis of a survey selection: the actors table and the network table together."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import pandas as pd

from clusternet.graph import Selection, build_graph
from clusternet.kpis import KPI_BY_CODE
from clusternet.metrics.brokerage import ROLE_COLUMNS, brokerage_roles, brokerage_z_scores
from clusternet.metrics.centrality import BETWEENNESS_PIVOTS, betweenness, prestige
from clusternet.metrics.communities import Communities, louvain_communities
from clusternet.metrics.groups import ei_by_group
from clusternet.metrics.linkages import linkages
from clusternet.metrics.structural_holes import burt_measures
from clusternet.metrics.trust import trust_scores
from clusternet.rounds.network import PRECOMPUTED_MEASURES, RoundNetwork, joint_action_selected, reported_graph
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

COHESION_KPIS = (
    "actors",
    "ties",
    "density",
    "reciprocity",
    "components",
    "isolates",
    "largest_component_share",
    "mean_degree",
    "degree_centralization",
)
"""The KPIs that open ``network.csv``, in its order; :func:`network_measures` lists the others."""


@dataclass(frozen=True)
class Analysis:
    """The measures of one selection: per actor, for the whole network, and the graphs behind them.

    ``graph`` is the graph in the selected tie mode; ``reported`` the directed graph of reports of
    the same round, relations and trust floor (trust ratings and confirmation need direction).
    """

    selection: Selection
    graph: nx.Graph[str]
    reported: nx.DiGraph[str]
    actors: pd.DataFrame
    network: pd.DataFrame

    @cached_property
    def network_values(self) -> dict[str, float]:
        """The whole-network measures by metric (``network.csv`` as a mapping)."""
        return dict(zip(self.network["metric"], self.network["value"]))


def actor_measures(
    survey: Survey,
    selection: Selection,
    graph: nx.Graph[str],
    reported: nx.DiGraph[str],
    communities: Communities | None = None,
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
    parts: list[pd.DataFrame] = [
        linkages(graph),
        betweenness(graph, seed=selection.seed),
        burt_measures(graph),
        roles,
        communities.membership.to_frame(),
        trust_scores(reported),
        prestige(graph).to_frame(),
        z_scores,
    ]
    measures = pd.concat(parts, axis=1)
    measures.index.name = "actor_id"
    actors = survey.actors.set_index("actor_id")
    respondent = pd.Series(nx.get_node_attributes(graph, "respondent"), name="respondent")
    table = actors[["name", "type"]].join(measures).join(respondent)
    table = table.join(actors.drop(columns=["name", "type"]))
    table = table.reset_index()
    further = [column for column in table.columns if column not in ACTOR_COLUMNS]
    ordered: pd.DataFrame = table[ACTOR_COLUMNS + further]
    return ordered


def network_measures(
    survey: Survey,
    selection: Selection,
    graph: nx.Graph[str],
    reported: nx.DiGraph[str],
    actors: pd.DataFrame,
    communities: Communities | None = None,
) -> pd.DataFrame:
    """The network table: two columns ``metric, value``, one row per whole-network measure.

    A measure that is also a KPI (``density``, ``mean_trust``, ...) is that KPI of
    :data:`clusternet.kpis.KPIS` on the whole roster, computed by the registry from this
    analysis's graphs and actor measures. ``communities``: as for :func:`actor_measures`.
    """
    groups = nx.get_node_attributes(graph, selection.group_by)
    communities_count = int(actors["community"].nunique()) if len(actors) else 0
    if communities is None:
        communities = louvain_communities(graph, seed=selection.seed)
    network = _round_network(survey, selection, graph, reported, actors)

    def kpi(code: str) -> float:
        return KPI_BY_CODE[code].value(network)

    values: dict[str, float] = {code: kpi(code) for code in COHESION_KPIS}
    values["ei_index"] = kpi("ei_index")
    values["modularity"] = communities.modularity
    values["communities"] = communities_count
    values["mean_trust"] = kpi("mean_trust")
    values["high_trust_share"] = kpi("high_trust_share")
    values["trust_ratings"] = network.trust["trust_ratings"]
    for code in (
        "respondents",
        "response_rate",
        "confirmed_share",
        "firm_institution_linkage",
        "brokerage_top_share",
        "betweenness_gini",
    ):
        values[code] = kpi(code)
    approximate = bool(actors["betweenness_approximate"].any())
    values["betweenness_approximate"] = int(approximate)
    values["betweenness_pivots"] = min(BETWEENNESS_PIVOTS, len(actors)) if approximate else float("nan")
    for group, row in ei_by_group(graph, groups).iterrows():
        values[f"ei_index:{group}"] = row["ei_index"]
    table: pd.DataFrame = pd.DataFrame({"metric": list(values), "value": list(values.values())})
    return table


def _round_network(
    survey: Survey, selection: Selection, graph: nx.Graph[str], reported: nx.DiGraph[str], actors: pd.DataFrame
) -> RoundNetwork:
    """The selection as the KPIs read a round: the whole roster, with the actor measures already analysed."""
    assert selection.round is not None  # a resolved selection names its round
    return RoundNetwork.of(
        selection.round,
        selection.group_by,
        graph,
        reported,
        joint_action_selected(survey, selection.relations),
        precomputed=actors.set_index("actor_id")[PRECOMPUTED_MEASURES],
    )


def analyze(survey: Survey, selection: Selection = Selection()) -> Analysis:
    """Every measure of the selected round, relations and tie mode (see docs/metrics.md).

    Raises ``SelectionError`` naming the valid choices when the round, a relation, the tie mode or
    the group attribute is unknown.

    The analysis's graphs are frozen (:func:`networkx.freeze`): nothing downstream adds or removes a
    node or a tie, and the measures that read the ties as arrays then share one pass over them
    (:mod:`clusternet.metrics.adjacency`).
    """
    selection = selection.resolved(survey)
    graph = build_graph(survey, selection)
    reported = reported_graph(survey, selection, graph)
    nx.freeze(graph)
    nx.freeze(reported)
    communities = louvain_communities(graph, seed=selection.seed)
    actors = actor_measures(survey, selection, graph, reported, communities)
    network = network_measures(survey, selection, graph, reported, actors, communities)
    return Analysis(selection, graph, reported, actors, network)
