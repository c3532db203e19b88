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

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from clusternet.messages import message
from clusternet.survey import Survey
from clusternet.survey.model import SelectionError

TIE_MODES = ("reported", "any", "confirmed")
CONFIRMED, UNCONFIRMED, UNCONFIRMABLE = "confirmed", "unconfirmed", "unconfirmable"
UNKNOWN_TIE_MODE = message("selection.unknown_tie_mode", 'there is no tie mode "{mode}"; the modes are {modes}')


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

    def resolved(self, survey: Survey) -> Selection:
        """The selection with its round filled in and every name checked against the survey."""
        if self.ties not in TIE_MODES:
            raise SelectionError(UNKNOWN_TIE_MODE(mode=self.ties, modes=", ".join(TIE_MODES)))
        round_label = survey.check_round(self.round if self.round is not None else survey.latest_round)
        relations = None if self.relations is None else tuple(survey.check_relations(self.relations))
        survey.check_attribute(self.group_by)
        return replace(self, round=round_label, relations=relations)


def python_value(value: object) -> object:
    """A plain Python scalar (numpy and pandas scalars break drawing and export libraries)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def python_values(column: pd.Series[Any]) -> list[object]:
    """Every value of ``column`` as a plain Python scalar, missing values as None."""
    return [python_value(value) for value in column.tolist()]


def _add_actors(graph: nx.Graph[str], survey: Survey, respondents: frozenset[str]) -> None:
    attributes = [column for column in survey.actors.columns if column != "actor_id"]
    columns = [python_values(survey.actors[name]) for name in attributes]
    graph.add_nodes_from(
        (actor_id, {**dict(zip(attributes, values)), "respondent": actor_id in respondents})
        for actor_id, *values in zip(survey.actors["actor_id"].tolist(), *columns)
    )


def reported_arcs(
    survey: Survey, round_label: str, relations: Iterable[str] | None, min_trust: int | None
) -> pd.DataFrame:
    """One row per reported arc (source, target) with relations, weights, weight and trust."""
    ties = survey.ties_in(round_label, relations)
    if min_trust is not None:
        ties = ties.loc[ties["trust"].fillna(0) >= min_trust]
    if ties.empty:
        return pd.DataFrame(columns=["source", "target", "relations", "weights", "weight", "trust"])
    grouped = ties.groupby(["source", "target"], sort=False)
    arcs = grouped.agg(weight=("weight", "sum"), trust=("trust", "mean")).reset_index()
    # the rows of each arc together, in file order; most arcs have a single relation
    arc_of_row = grouped.ngroup().to_numpy()
    in_arc_order = np.argsort(arc_of_row, kind="stable")
    labels = ties["relation"].to_numpy(dtype=object)[in_arc_order].tolist()
    weights = ties["weight"].to_numpy(dtype=float)[in_arc_order].tolist()
    counts = np.bincount(arc_of_row, minlength=len(arcs)).tolist()
    arc_relations: list[tuple[str, ...]] = []
    arc_weights: list[dict[str, float]] = []
    start = 0
    for count in counts:
        stop = start + count
        if count == 1:
            arc_relations.append((labels[start],))
            arc_weights.append({labels[start]: weights[start]})
        else:
            arc_relations.append(tuple(sorted(labels[start:stop])))
            arc_weights.append(dict(zip(labels[start:stop], weights[start:stop])))
        start = stop
    arcs["relations"] = pd.Series(arc_relations, index=arcs.index, dtype=object)
    arcs["weights"] = pd.Series(arc_weights, index=arcs.index, dtype=object)
    return arcs


def build_graph(survey: Survey, selection: Selection = Selection()) -> nx.DiGraph[str] | nx.Graph[str]:
    """The network of ``selection.round`` (default: the latest) in the selected tie mode.

    Returns a ``DiGraph`` for ``reported`` ties and a ``Graph`` for ``any`` and ``confirmed``
    ties; ``graph.graph`` records the selection. Raises ``SelectionError`` naming the valid
    rounds, relations or modes when one is unknown.
    """
    selection = selection.resolved(survey)
    assert selection.round is not None  # resolved() fills in the latest round
    respondents = survey.respondents_in(selection.round)
    arcs = reported_arcs(survey, selection.round, selection.relations, selection.min_trust)
    graph: nx.Graph[str] = nx.DiGraph() if selection.ties == "reported" else nx.Graph()
    graph.graph.update(
        round=selection.round, relations=selection.relations, ties=selection.ties, min_trust=selection.min_trust
    )
    _add_actors(graph, survey, respondents)
    if arcs.empty:
        return graph
    sources, targets = arcs["source"].tolist(), arcs["target"].tolist()
    confirmed = _reverse_reported(arcs["source"], arcs["target"])
    answered = arcs["source"].isin(respondents).to_numpy() & arcs["target"].isin(respondents).to_numpy()
    statuses = np.where(confirmed, CONFIRMED, np.where(answered, UNCONFIRMED, UNCONFIRMABLE)).tolist()
    trusts = python_values(arcs["trust"])
    weights = arcs["weight"].to_numpy(dtype=float).tolist()
    if selection.ties == "reported":
        graph.add_edges_from(
            (
                source,
                target,
                {"relations": relations, "weights": by_relation, "weight": weight, "trust": trust, "status": status},
            )
            for source, target, relations, by_relation, weight, trust, status in zip(
                sources, targets, arcs["relations"], arcs["weights"], weights, trusts, statuses
            )
        )
        return graph
    ties: dict[frozenset[str], tuple[str, str, dict[str, Any]]] = {}
    for source, target, relations, weight, trust, status, both in zip(
        sources, targets, arcs["relations"], weights, trusts, statuses, confirmed.tolist()
    ):
        if selection.ties == "confirmed" and not both:
            continue
        pair = frozenset((source, target))
        if pair in ties:
            _merge_report(ties[pair][2], relations, weight, trust)
        else:
            ties[pair] = (
                source,
                target,
                {"relations": relations, "weight": weight, "trust": trust, "reports": 1, "status": status},
            )
    graph.add_edges_from(ties.values())
    return graph


def _reverse_reported(sources: pd.Series, targets: pd.Series) -> np.ndarray:
    """For each arc source -> target, whether the arc target -> source is reported too."""
    codes, _ = pd.factorize(pd.concat([sources, targets], ignore_index=True))
    count = int(codes.max()) + 1
    source_code, target_code = codes[: len(sources)], codes[len(sources) :]
    return np.isin(target_code * count + source_code, source_code * count + target_code)


def _merge_report(edge: dict[str, Any], relations: tuple[str, ...], weight: float, trust: float | None) -> None:
    """Fold the second side's report into an undirected tie: union of relations, mean values."""
    edge["relations"] = tuple(sorted(set(edge["relations"]) | set(relations)))
    edge["weight"] = (edge["weight"] + weight) / 2
    ratings = [value for value in (edge["trust"], trust) if value is not None]
    edge["trust"] = sum(ratings) / len(ratings) if ratings else None
    edge["reports"] = 2
