"""The network of one round on one basis, with the per-actor measures that KPIs and changes need.

A basis is a list of actors (the whole roster, or the balanced panel; see :mod:`.panel`). The
round's graphs are built by :func:`clusternet.graph.build_graph` on the whole survey, so every tie
keeps the status it has in the round (confirmed, unconfirmed, unconfirmable), and are then
restricted to the basis: only ties with both ends in the basis remain.

:class:`RoundNetworks` builds each of them once for a survey: a round's graphs by relations, tie
mode and groups, and its network on each basis with the per-actor measures (betweenness first),
shared by the comparison of rounds, the KPI series and whatever else asks for them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TypeVar

import networkx as nx
import numpy as np
import numpy.typing as npt
import pandas as pd

from clusternet.graph import Selection, build_graph
from clusternet.metrics.adjacency import TieEnds, edge_values
from clusternet.metrics.brokerage import brokerage_roles
from clusternet.metrics.centrality import betweenness
from clusternet.metrics.cohesion import cohesion_measures
from clusternet.metrics.groups import UNKNOWN_GROUP
from clusternet.metrics.linkages import linkages
from clusternet.metrics.trust import trust_received, trust_summary
from clusternet.survey import Survey
from clusternet.survey.vocabulary import FIRM_TYPES

JOINT_ACTION = "joint_action"
"""The relation whose ties are joint actions (the survey format's recommended label)."""

PRECOMPUTED_MEASURES = [
    "degree",
    "ties_to_institutions",
    "brokerage_total",
    "betweenness",
    "betweenness_norm",
    "trust_received",
    "trust_received_n",
]
"""The per-actor measures that take time, which :meth:`RoundNetwork.of` takes when they are already
computed (the actors table of :func:`clusternet.analysis.analyze` has them)."""


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
    graph: nx.Graph[str]
    reported: nx.DiGraph[str]
    actors: pd.DataFrame
    joint_action_selected: bool

    @classmethod
    def of(
        cls,
        round_label: str,
        group_by: str,
        graph: nx.Graph[str],
        reported: nx.DiGraph[str],
        joint_action_selected: bool,
        precomputed: pd.DataFrame | None = None,
    ) -> RoundNetwork:
        """The network of these graphs with its per-actor measures.

        ``precomputed`` holds the columns ``PRECOMPUTED_MEASURES`` by actor id when they are already
        computed; otherwise they are computed here.
        """
        actors = _actor_measures(graph, reported, group_by, precomputed)
        return cls(round_label, group_by, graph, reported, actors, joint_action_selected)

    @property
    def size(self) -> int:
        return int(self.graph.number_of_nodes())

    @cached_property
    def cohesion(self) -> dict[str, float]:
        """The cohesion measures of ``graph`` (:func:`~clusternet.metrics.cohesion.cohesion_measures`)."""
        measures: dict[str, float] = cohesion_measures(self.graph)
        return measures

    @cached_property
    def trust(self) -> dict[str, float]:
        """The trust summary of the reported ties (:func:`~clusternet.metrics.trust.trust_summary`)."""
        return trust_summary(self.reported)


@dataclass(frozen=True)
class RoundGraphs:
    """The graphs of one whole round (every actor of the roster), to restrict to one basis or another."""

    round: str
    group_by: str
    graph: nx.Graph[str]
    reported: nx.DiGraph[str]
    joint_action_selected: bool

    def on(self, actors: Sequence[str]) -> RoundNetwork:
        """The round's network restricted to ``actors`` (in that order), with per-actor measures.

        Its graphs are frozen (:func:`networkx.freeze`): nothing downstream changes them, and the
        measures and KPIs that read their ties as arrays then share one pass over the edges
        (:mod:`clusternet.metrics.adjacency`)."""
        graph = _restricted(self.graph, actors)
        reported = graph if isinstance(graph, nx.DiGraph) else _restricted(self.reported, actors)
        nx.freeze(graph)
        nx.freeze(reported)
        return RoundNetwork.of(self.round, self.group_by, graph, reported, self.joint_action_selected)


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
    return RoundGraphs(
        round_label, group_by, graph, reported_graph(survey, selection, graph), joint_action_selected(survey, relations)
    )


MAX_NETWORKS = 32
"""Round networks kept per survey (least recently used dropped first): the rounds of a few
selections, each on its two bases."""


class RoundNetworks:
    """The round networks of one survey, each computed once: the whole round's graphs by relations,
    tie mode and group attribute, and the round on a basis with its per-actor measures.

    Results are those of :func:`round_graphs` and :meth:`RoundGraphs.on`; nothing downstream changes
    a network, so the comparison of two rounds, the KPI series (and, through the app's
    :class:`~clusternet.cache.AnalysisCache`, the report and every page) can share them.
    Thread-safe: two sessions asking at once may compute one network twice, never a wrong one.
    """

    def __init__(self, survey: Survey, max_networks: int = MAX_NETWORKS) -> None:
        self.survey = survey
        self.max_networks = max_networks
        self._entries: OrderedDict[Hashable, RoundGraphs | RoundNetwork] = OrderedDict()
        self._lock = threading.Lock()

    def graphs(self, round_label: str, *, relations: Sequence[str] | None, ties: str, group_by: str) -> RoundGraphs:
        """The graphs of the whole round (:func:`round_graphs`)."""
        key = ("graphs", round_label, None if relations is None else tuple(relations), ties, group_by)
        found = self._get(key)
        if isinstance(found, RoundGraphs):
            return found
        graphs = round_graphs(self.survey, round_label, relations=relations, ties=ties, group_by=group_by)
        return self._put(key, graphs)

    def on(
        self, round_label: str, actors: Sequence[str], *, relations: Sequence[str] | None, ties: str, group_by: str
    ) -> RoundNetwork:
        """The round's network on ``actors`` (in that order) with its per-actor measures."""
        key = ("network", round_label, None if relations is None else tuple(relations), ties, group_by, tuple(actors))
        found = self._get(key)
        if isinstance(found, RoundNetwork):
            return found
        network = self.graphs(round_label, relations=relations, ties=ties, group_by=group_by).on(actors)
        return self._put(key, network)

    def _get(self, key: Hashable) -> RoundGraphs | RoundNetwork | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def _put(self, key: Hashable, value: AnyEntry) -> AnyEntry:
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.max_networks:
                self._entries.popitem(last=False)
        return value


AnyEntry = TypeVar("AnyEntry", "RoundGraphs", "RoundNetwork")


def reported_graph(survey: Survey, selection: Selection, graph: nx.Graph[str]) -> nx.DiGraph[str]:
    """The directed graph of reports of ``selection`` (``graph``, its graph, when its ties are reported).

    Trust ratings and confirmation need who reported whom, whatever the tie mode.
    """
    if isinstance(graph, nx.DiGraph):
        return graph
    reported = build_graph(survey, replace(selection, ties="reported"))
    assert isinstance(reported, nx.DiGraph)  # reported ties are arcs
    return reported


def joint_action_selected(survey: Survey, relations: Collection[str] | None) -> bool:
    """Whether the relation ``joint_action`` is among ``relations`` (None: every relation of the survey)."""
    return JOINT_ACTION in (survey.relation_labels if relations is None else relations)


AnyGraph = TypeVar("AnyGraph", bound="nx.Graph[str]")


def _restricted(graph: AnyGraph, actors: Sequence[str]) -> AnyGraph:
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


def group_labels(graph: nx.Graph[str], group_by: str) -> dict[str, Hashable]:
    """``actor -> group label``, ``"unknown"`` for a blank label, as the E-I index reads groups."""
    labels: dict[str, Hashable] = {}
    for node, attributes in graph.nodes(data=True):
        label = attributes.get(group_by)
        missing = label is None or (pd.api.types.is_scalar(label) and pd.isna(label))
        labels[node] = UNKNOWN_GROUP if missing else label
    return labels


def _actor_measures(
    graph: nx.Graph[str], reported: nx.DiGraph[str], group_by: str, precomputed: pd.DataFrame | None
) -> pd.DataFrame:
    groups = group_labels(graph, group_by)
    index = pd.Index(list(graph.nodes), name="actor_id")
    nodes = graph.nodes(data=True)
    table: pd.DataFrame = pd.DataFrame(
        {
            "type": [attributes.get("type") for _, attributes in nodes],
            "group": [groups[node] for node in graph],
            "respondent": [bool(attributes.get("respondent")) for _, attributes in nodes],
        },
        index=index,
    )
    if precomputed is None:
        precomputed = _slow_measures(graph, reported, groups)
    known: pd.DataFrame = precomputed[PRECOMPUTED_MEASURES]
    table = table.join(known)
    table["joint_action_partners"] = _joint_action_partners(graph)
    table["firm"] = table["type"].isin(FIRM_TYPES)
    return table


def _slow_measures(graph: nx.Graph[str], reported: nx.DiGraph[str], groups: dict[str, Hashable]) -> pd.DataFrame:
    """The columns ``PRECOMPUTED_MEASURES``: partners, brokerage, betweenness, trust received."""
    measures: pd.DataFrame = linkages(graph)[["degree", "ties_to_institutions"]]
    measures["brokerage_total"] = brokerage_roles(graph, groups)["brokerage_total"]
    slow: pd.DataFrame = measures.join(betweenness(graph)).join(trust_received(reported))
    return slow


def joint_action_ties(graph: nx.Graph[str]) -> TieEnds:
    """The ends (positions in the order of ``graph``) of every tie that holds the relation
    ``joint_action``, self-loops left out, in edge order."""
    source, target, relations = edge_values(graph, "relations")
    joint = np.fromiter((JOINT_ACTION in held for held in relations), dtype=bool, count=relations.size)
    joint &= source != target
    return source[joint], target[joint]


def _joint_action_partners(graph: nx.Graph[str]) -> npt.NDArray[np.int64]:
    """Distinct partners of each actor (in the order of ``graph``) through a joint-action tie, in either
    direction."""
    pairs = np.unique(np.sort(np.column_stack(joint_action_ties(graph)), axis=1), axis=0)
    return np.bincount(pairs.ravel(), minlength=graph.number_of_nodes())
