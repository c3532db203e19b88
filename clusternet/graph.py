"""Turn a validated survey into the network of one round: reported, any or confirmed ties.

Conventions (see docs/metrics.md):

- Every actor of the survey is a node, isolates included, with its attributes and ``respondent``
  (whether it answered in the round).
- ``reported`` gives a directed graph: an arc source -> target when the source reported a tie of any
  selected relation. Several relations between a pair are one arc carrying ``relations`` (sorted
  labels), ``weights`` (relation -> weight), ``weight`` (their sum) and ``trust`` (the rating the
  source gave the target; the mean when it rated the relations differently; None when not asked).
- Each arc has a ``status``: ``confirmed`` when the target also reported a selected tie to the
  source, ``unconfirmed`` when the target answered the survey but did not report it, and
  ``unconfirmable`` when the target did not answer that round, so it could not confirm.
- ``any`` gives an undirected tie when either side reports it, ``confirmed`` only when both do. An
  undirected tie carries the union of ``relations``, the mean ``weight`` and mean ``trust`` of the
  reports, ``reports`` (1 or 2) and the same ``status``.
- ``min_trust`` keeps only reports whose trust is at least that rating (unrated reports are left
  out), before ties are combined: a confirmed tie at minimum trust 4 is one both sides rate 4 or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import networkx as nx
import pandas as pd

from clusternet.survey import Survey
from clusternet.survey.model import SelectionError

TIE_MODES = ("reported", "any", "confirmed")
CONFIRMED, UNCONFIRMED, UNCONFIRMABLE = "confirmed", "unconfirmed", "unconfirmable"


@dataclass(frozen=True)
class Selection:
    """What part of a survey to analyse: one round, some relations, a tie mode, a trust floor.

    ``round`` None means the latest round; ``relations`` None means all relations.
    """

    round: str | None = None
    relations: tuple[str, ...] | None = None
    ties: str = "reported"
    min_trust: int | None = None
    group_by: str = "type"
    seed: int = 0

    def resolved(self, survey: Survey) -> "Selection":
        """The selection with its round filled in and every name checked against the survey."""
        if self.ties not in TIE_MODES:
            raise SelectionError(f'there is no tie mode "{self.ties}"; the modes are {", ".join(TIE_MODES)}')
        round_label = survey.check_round(self.round if self.round is not None else survey.latest_round)
        relations = None if self.relations is None else tuple(survey.check_relations(self.relations))
        survey.check_attribute(self.group_by)
        return Selection(round_label, relations, self.ties, self.min_trust, self.group_by, self.seed)


def python_value(value: object) -> object:
    """A plain Python scalar (numpy and pandas scalars break drawing and export libraries)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _add_actors(graph: nx.Graph, survey: Survey, respondents: frozenset[str]) -> None:
    attributes = [column for column in survey.actors.columns if column != "actor_id"]
    for row in survey.actors.itertuples(index=False):
        values = {name: python_value(getattr(row, name)) for name in attributes}
        graph.add_node(row.actor_id, **values, respondent=row.actor_id in respondents)


def reported_arcs(survey: Survey, round_label: str, relations: Iterable[str] | None,
                  min_trust: int | None) -> pd.DataFrame:
    """One row per reported arc (source, target) with relations, weights, weight and trust."""
    ties = survey.ties_in(round_label, relations)
    if min_trust is not None:
        ties = ties.loc[ties["trust"].fillna(0) >= min_trust]
    if ties.empty:
        return pd.DataFrame(columns=["source", "target", "relations", "weights", "weight", "trust"])
    grouped = ties.groupby(["source", "target"], sort=False)
    arcs = grouped.agg(weight=("weight", "sum"), trust=("trust", "mean")).reset_index()
    arcs["relations"] = list(grouped["relation"].agg(lambda labels: tuple(sorted(labels))))
    arcs["weights"] = [dict(zip(group["relation"], group["weight"].astype(float)))
                       for _, group in grouped[["relation", "weight"]]]
    return arcs


def build_graph(survey: Survey, selection: Selection = Selection()) -> nx.DiGraph | nx.Graph:
    """The network of ``selection.round`` (default: the latest) in the selected tie mode.

    Returns a ``DiGraph`` for ``reported`` ties and a ``Graph`` for ``any`` and ``confirmed``
    ties; ``graph.graph`` records the selection. Raises ``SelectionError`` naming the valid
    rounds, relations or modes when one is unknown.
    """
    selection = selection.resolved(survey)
    respondents = survey.respondents_in(selection.round)
    arcs = reported_arcs(survey, selection.round, selection.relations, selection.min_trust)
    reported = set(zip(arcs["source"], arcs["target"]))

    def status(source: str, target: str) -> str:
        if (target, source) in reported:
            return CONFIRMED
        return UNCONFIRMED if target in respondents and source in respondents else UNCONFIRMABLE

    graph = nx.DiGraph() if selection.ties == "reported" else nx.Graph()
    graph.graph.update(round=selection.round, relations=selection.relations, ties=selection.ties,
                       min_trust=selection.min_trust)
    _add_actors(graph, survey, respondents)
    for arc in arcs.itertuples(index=False):
        trust = python_value(arc.trust)
        if selection.ties == "reported":
            graph.add_edge(arc.source, arc.target, relations=arc.relations, weights=arc.weights,
                           weight=float(arc.weight), trust=trust, status=status(arc.source, arc.target))
            continue
        confirmed = (arc.target, arc.source) in reported
        if selection.ties == "confirmed" and not confirmed:
            continue
        if graph.has_edge(arc.source, arc.target):
            _merge_report(graph.edges[arc.source, arc.target], arc.relations, float(arc.weight), trust)
        else:
            graph.add_edge(arc.source, arc.target, relations=arc.relations, weight=float(arc.weight),
                           trust=trust, reports=1, status=status(arc.source, arc.target))
    return graph


def _merge_report(edge: dict, relations: tuple[str, ...], weight: float, trust: float | None) -> None:
    """Fold the second side's report into an undirected tie: union of relations, mean values."""
    edge["relations"] = tuple(sorted(set(edge["relations"]) | set(relations)))
    edge["weight"] = (edge["weight"] + weight) / 2
    ratings = [value for value in (edge["trust"], trust) if value is not None]
    edge["trust"] = sum(ratings) / len(ratings) if ratings else None
    edge["reports"] = 2
