"""The monitoring indicators of :data:`clusternet.kpis.MONITORING_KPIS`, for every round of a survey."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from clusternet.kpis import MONITORING_KPIS, ProgrammeRound
from clusternet.logframe.periods import period_actions
from clusternet.rounds.comparability import check_tie_mode, comparable_relations, group_attribute
from clusternet.rounds.network import round_graphs
from clusternet.survey import Survey
from clusternet.whatif.kpis import PROJECT_ATTRIBUTE, is_project


def project_actors(survey: Survey, attribute: str = PROJECT_ATTRIBUTE) -> frozenset[str]:
    """The actors the attribute ``is_project`` marks as the project's own (none without the attribute)."""
    if attribute not in survey.actors.columns:
        return frozenset()
    marked = is_project(survey.actors[attribute])
    return frozenset(survey.actors.loc[marked.to_numpy(dtype=bool), "actor_id"])


def monitoring_series(
    survey: Survey,
    *,
    relations: Iterable[str] | None = None,
    ties: str = "reported",
    group_by: str | None = None,
) -> pd.DataFrame:
    """Every monitoring indicator of every round: columns ``kpi``, then one per round in date order,
    then ``good_direction`` and ``meaning`` (a :class:`~clusternet.messages.Message`), on the whole
    roster, with the relations, tie mode and groups of :func:`clusternet.rounds.kpi_time_series`
    (and the same refusals)."""
    labels = survey.round_labels
    ties = check_tie_mode(ties)
    groups = group_attribute(survey, group_by)
    compared, _ = comparable_relations(survey, labels, relations)
    roster = list(survey.actors["actor_id"])
    networks = [
        round_graphs(survey, label, relations=compared, ties=ties, group_by=groups).on(roster) for label in labels
    ]
    project = project_actors(survey)
    logged = len(survey.actions) > 0
    columns: dict[str, dict[str, float]] = {}
    for position, label in enumerate(labels):
        panel = survey.respondents_in(labels[position - 1]) & survey.respondents_in(label) if position else frozenset()
        programme_round = ProgrammeRound(
            network=networks[position],
            previous=networks[position - 1] if position else None,
            panel=panel,
            actions=period_actions(survey, label),
            logged=logged,
            project=project,
        )
        columns[label] = {kpi.code: kpi.value(programme_round) for kpi in MONITORING_KPIS}
    rows = [
        {
            "kpi": kpi.code,
            **{label: columns[label][kpi.code] for label in labels},
            "good_direction": kpi.good_direction,
            "meaning": kpi.meaning_for(groups),
        }
        for kpi in MONITORING_KPIS
    ]
    return pd.DataFrame(rows, columns=["kpi", *labels, "good_direction", "meaning"])
