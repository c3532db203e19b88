"""The network of one round on one basis, with the per-actor measures that KPIs and changes need.

A basis is a list of actors (the whole roster, or the balanced panel; see :mod:`.panel`). The
round's graphs are built by :func:`clusternet.graph.build_graph` on the whole survey, so every tie
keeps the status it has in the round (confirmed, unconfirmed, unconfirmable), and are then
restricted to the basis: only ties with both ends in the basis remain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import networkx as nx
import pandas as pd

from clusternet.graph import Selection, build_graph
from clusternet.metrics.brokerage import brokerage_roles
from clusternet.metrics.centrality import betweenness
from clusternet.metrics.groups import UNKNOWN_GROUP
from clusternet.metrics.linkages import linkages
from clusternet.metrics.trust import trust_scores
from clusternet.survey import Survey
from clusternet.survey.vocabulary import FIRM_TYPES

JOINT_ACTION = "joint_action"
"""The relation whose ties are joint actions (the survey format's recommended label)."""


@dataclass(frozen=True)
class RoundNetwork:
    """One round's ties among the actors of one basis.

    - ``graph``: the ties in the selected tie mode (a ``DiGraph`` for reported ties, a ``Graph`` for
      ``any`` or ``confirmed``), every basis actor a node, in basis order;
    - ``reported``: the reported arcs among the same actors (trust ratings and confirmation need
      who reported whom), whatever the tie mode;
    - ``actors``: one row per basis actor, indexed by actor id: ``type``, ``group`` (the group
      attribute, ``"unknown"`` when blank), ``respondent`` (answered this round), ``firm``,
      ``degree`` and ``ties_to_institutions`` (as :func:`~clusternet.metrics.linkages.linkages`),
      ``joint_action_partners``, ``brokerage_total`` (Gould and Fernandez, by the group),
      ``betweenness`` and ``betweenness_norm``, ``trust_received`` and ``trust_received_n``;
    - ``joint_action_selected``: whether the relation ``joint_action`` is among the selected
      relations and named in the survey, so that joint-action KPIs mean something.
    """

    round: str
    group_by: str
    graph: nx.Graph
    reported: nx.DiGraph
    actors: pd.DataFrame
    joint_action_selected: bool

    @property
    def size(self) -> int:
        return self.graph.number_of_nodes()


@dataclass(frozen=True)
class RoundGraphs:
    """The graphs of one whole round (every actor of the roster), to restrict to one basis or another."""

    round: str
    group_by: str
    graph: nx.Graph
    reported: nx.DiGraph
    joint_action_selected: bool

    def on(self, actors: Sequence[str]) -> RoundNetwork:
        """The round's network restricted to ``actors`` (in that order), with per-actor measures."""
        graph = _restricted(self.graph, actors)
        reported = graph if graph.is_directed() else _restricted(self.reported, actors)
        return RoundNetwork(
            self.round,
            self.group_by,
            graph,
            reported,
            _actor_measures(graph, reported, self.group_by),
            self.joint_action_selected,
        )


def round_graphs(
    survey: Survey,
    round_label: str,
    *,
    relations: Sequence[str] | None = None,
    ties: str = "reported",
    group_by: str = "type",
) -> RoundGraphs:
    """The graphs of ``round_label`` on the selected relations (None: all) in the tie mode ``ties``.

    Raises ``SelectionError`` naming the valid values for an unknown round, relation, tie mode or
    group attribute.
    """
    selection = Selection(
        round_label, None if relations is None else tuple(relations), ties, group_by=group_by
    ).resolved(survey)
    graph = build_graph(survey, selection)
    reported = graph if graph.is_directed() else build_graph(survey, replace(selection, ties="reported"))
    named_relations = survey.relation_labels if relations is None else relations
    return RoundGraphs(selection.round, group_by, graph, reported, JOINT_ACTION in named_relations)


def _restricted(graph: nx.Graph, actors: Sequence[str]) -> nx.Graph:
    """The graph on ``actors`` only, nodes in that order, with their attributes and ties among them.

    The graph itself when it has exactly these actors in this order (the basis ``all``): nothing
    downstream changes it, and copying a large network costs more than any KPI.
    """
    if len(actors) == graph.number_of_nodes() and list(graph) == list(actors):
        return graph
    keep = set(actors)
    restricted = graph.__class__()
    restricted.graph.update(graph.graph)
    restricted.add_nodes_from((actor, graph.nodes[actor]) for actor in actors)
    restricted.add_edges_from((u, v, data) for u, v, data in graph.edges(data=True) if u in keep and v in keep)
    return restricted


def group_labels(graph: nx.Graph, group_by: str) -> dict:
    """``actor -> group label``, ``"unknown"`` for a blank label, as the E-I index reads groups."""
    labels = {}
    for node, label in graph.nodes(data=group_by):
        missing = label is None or (pd.api.types.is_scalar(label) and pd.isna(label))
        labels[node] = UNKNOWN_GROUP if missing else label
    return labels


def _actor_measures(graph: nx.Graph, reported: nx.DiGraph, group_by: str) -> pd.DataFrame:
    groups = group_labels(graph, group_by)
    index = pd.Index(list(graph.nodes), name="actor_id")
    degrees = linkages(graph)
    table = pd.DataFrame(
        {
            "type": pd.Series(dict(graph.nodes(data="type")), dtype=object),
            "group": pd.Series(groups, dtype=object),
            "respondent": pd.Series(dict(graph.nodes(data="respondent")), dtype=bool),
        }
    ).reindex(index)
    table["degree"] = degrees["degree"]
    table["ties_to_institutions"] = degrees["ties_to_institutions"]
    table["joint_action_partners"] = pd.Series(_joint_action_partners(graph)).reindex(index).fillna(0).astype(int)
    table["brokerage_total"] = brokerage_roles(graph, groups)["brokerage_total"]
    table = table.join(betweenness(graph))
    scores = trust_scores(reported)
    table["trust_received"] = scores["trust_received"]
    table["trust_received_n"] = scores["trust_received_n"]
    table["firm"] = table["type"].isin(FIRM_TYPES)
    return table


def _joint_action_partners(graph: nx.Graph) -> dict[str, int]:
    """Distinct partners of each actor through a joint-action tie, in either direction."""
    partners: dict[str, set] = {node: set() for node in graph}
    for u, v, relations in graph.edges(data="relations"):
        if u != v and JOINT_ACTION in (relations or ()):
            partners[u].add(v)
            partners[v].add(u)
    return {node: len(others) for node, others in partners.items()}
