"""The comparison of two survey rounds: KPIs with intervals on two bases, tie and actor changes, QAP."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from clusternet.kpis import KPI_BY_CODE, KPIS, NEITHER, UP, kpi_estimators, kpi_values
from clusternet.messages import Message, message
from clusternet.rounds.bootstrap import DEFAULT_LEVEL, DEFAULT_RESAMPLES, change_intervals
from clusternet.rounds.changes import actor_changes, tie_changes
from clusternet.rounds.comparability import (
    check_tie_mode,
    comparable_relations,
    group_attribute,
    joint_action_notes,
    round_pair,
    trust_notes,
)
from clusternet.rounds.network import RoundNetwork, RoundNetworks
from clusternet.rounds.panel import ALL, BASES, PANEL, basis_actors, turnover_notes
from clusternet.rounds.qap import DEFAULT_PERMUTATIONS, qap_correlation
from clusternet.survey import Survey

KPI_TABLE_COLUMNS = [
    "kpi",
    "basis",
    "from_value",
    "to_value",
    "change",
    "low",
    "high",
    "relative_change",
    "assessment",
    "good_direction",
    "meaning",
]
"""Columns of ``kpis.csv``: the interface's seven, then further ones."""

BETTER, WORSE, NO_CLEAR_CHANGE = "better", "worse", "no clear change"
"""Assessments of a change (codes of the ``assessment`` column, with ``up`` and ``down`` for KPIs
without a good direction, blank without an interval)."""

BACKWARDS = message(
    "round.note.backwards",
    '"{from_round}" comes after "{to_round}" in the survey\'s round order: the changes run backwards in time.',
)


@dataclass(frozen=True)
class Comparison:
    """Two rounds compared; every table is a plain DataFrame, ready to write or show.

    - ``kpis``: one row per KPI and basis (``all``, then ``panel``), columns ``KPI_TABLE_COLUMNS``:
      the values in each round, ``change`` (to minus from), ``low`` and ``high`` (the bootstrap
      interval of the change at ``level``), ``relative_change`` (change over the from value),
      ``assessment`` (``better``/``worse`` when the interval excludes 0 and the KPI has a good
      direction, ``up``/``down`` when it has none, ``no clear change`` when the interval includes
      0, blank when there is no interval), ``good_direction`` and ``meaning`` (a
      :class:`~clusternet.messages.Message`, :meth:`clusternet.kpis.Kpi.meaning_for` the groups);
    - ``tie_changes``: new, dropped and kept reports with trust before and after;
    - ``actor_changes``: per actor, degree, trust received, brokerage and betweenness before, after
      and their change, on the whole roster;
    - ``qap``: per basis, the correlation of the two rounds' tie matrices, its QAP p-value, the
      permutations and actors behind it;
    - ``panel``: the panel's actor ids; ``notes``: caveats for people as messages (actors in one
      round only, a round without trust ratings, ...).
    """

    from_round: str
    to_round: str
    relations: tuple[str, ...] | None
    ties: str
    group_by: str
    resamples: int
    permutations: int
    seed: int
    level: float
    kpis: pd.DataFrame
    tie_changes: pd.DataFrame
    actor_changes: pd.DataFrame
    qap: pd.DataFrame
    panel: tuple[str, ...]
    notes: tuple[Message, ...]

    def kpi(self, code: str, basis: str = ALL) -> pd.Series[Any]:
        """The row of one KPI (by code) on one basis."""
        rows = self.kpis[(self.kpis["kpi"] == code) & (self.kpis["basis"] == basis)]
        if rows.empty:
            raise KeyError(
                f'no KPI "{code}" on basis "{basis}"; the KPIs are {", ".join(KPI_BY_CODE)} '
                f"and the bases {', '.join(BASES)}"
            )
        row: pd.Series[Any] = rows.iloc[0]
        return row


def compare_rounds(
    survey: Survey,
    from_round: str,
    to_round: str,
    *,
    relations: Iterable[str] | None = None,
    ties: str = "reported",
    group_by: str | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = 0,
    level: float = DEFAULT_LEVEL,
    networks: RoundNetworks | None = None,
) -> Comparison:
    """Compare round ``from_round`` with round ``to_round`` of ``survey``, for monitoring and evaluation.

    Every KPI of :data:`clusternet.kpis.KPIS` is computed on both bases (all actors of the
    roster, and the balanced panel of actors who answered both rounds), on the ties of the selected
    ``relations`` (default: all) in the tie mode ``ties``, with groups for the E-I index and the
    brokerage roles by ``group_by`` (default: ``village`` when the survey has it, else ``type``).
    The change of each KPI gets a paired bootstrap interval over actors (``resamples`` resamples,
    seeded; see :mod:`clusternet.rounds.bootstrap` for the method and its limits), and the two
    rounds' tie matrices a QAP correlation (``permutations``, same seed).

    Raises ``SelectionError`` (a ``ValueError``) naming the valid values for an unknown round,
    relation, tie mode or attribute, for the same round twice, and for rounds that name different
    relations while ``relations`` is not given (see
    :func:`clusternet.rounds.comparability.comparable_relations`); ``ValueError`` for a negative
    number of resamples or permutations or a level outside (0, 1).

    ``networks``: the survey's round networks when they are kept for other uses (the KPI series,
    another comparison: :class:`~clusternet.rounds.network.RoundNetworks`); the result is the same.

    Example, on the bundled sample::

        comparison = compare_rounds(load_survey("surveys/sample/handloom_cluster.xlsx"),
                                    "baseline", "endline")
        comparison.kpi("mean_trust")[["from_value", "to_value", "change", "low", "high"]]
    """
    from_round, to_round = round_pair(survey, from_round, to_round)
    rounds = [from_round, to_round]
    ties = check_tie_mode(ties)
    group_by = group_attribute(survey, group_by)
    relations, relation_notes = comparable_relations(survey, rounds, relations)
    if resamples < 0 or permutations < 0:
        raise ValueError(f"resamples and permutations cannot be negative (got {resamples} and {permutations})")
    if not 0 < level < 1:
        raise ValueError(f"the interval level is a share between 0 and 1, such as 0.95, not {level}")
    notes = (
        _order_note(survey, from_round, to_round)
        + relation_notes
        + trust_notes(survey, rounds, relations)
        + joint_action_notes(survey, relations)
        + turnover_notes(survey, rounds)
    )

    if networks is None:
        networks = RoundNetworks(survey)
    kpi_rows: list[dict[str, object]] = []
    qap_rows: list[dict[str, object]] = []
    by_basis: dict[str, tuple[RoundNetwork, RoundNetwork]] = {}
    for basis in BASES:
        actors = basis_actors(survey, rounds, basis)
        start, end = (networks.on(label, actors, relations=relations, ties=ties, group_by=group_by) for label in rounds)
        by_basis[basis] = start, end
        start_values, end_values = kpi_values(start), kpi_values(end)
        intervals = change_intervals(
            kpi_estimators(start, start_values),
            kpi_estimators(end, end_values),
            len(actors),
            resamples=resamples,
            seed=seed,
            level=level,
        )
        kpi_rows += [
            _kpi_row(
                kpi.code,
                basis,
                start_values[kpi.code],
                end_values[kpi.code],
                cast("pd.Series[float]", intervals.loc[kpi.code]),
                group_by,
            )
            for kpi in KPIS
        ]
        test = qap_correlation(start.graph, end.graph, permutations=permutations, seed=seed)
        qap_rows.append(
            {
                "basis": basis,
                "actors": test.actors,
                "correlation": test.correlation,
                "p_value": test.p_value,
                "permutations": test.permutations,
            }
        )

    order = {kpi.code: at for at, kpi in enumerate(KPIS)}
    kpis = pd.DataFrame(kpi_rows, columns=KPI_TABLE_COLUMNS)
    kpis = kpis.sort_values(
        by=["kpi", "basis"],
        key=lambda column: column.map(order) if column.name == "kpi" else column.map(list(BASES).index),
        kind="stable",
    ).reset_index(drop=True)
    panel = tuple(basis_actors(survey, rounds, PANEL))
    return Comparison(
        from_round,
        to_round,
        relations,
        ties,
        group_by,
        resamples,
        permutations,
        seed,
        level,
        kpis=kpis,
        tie_changes=tie_changes(survey, from_round, to_round, relations, panel),
        actor_changes=actor_changes(survey, *by_basis[ALL], panel),
        qap=pd.DataFrame(qap_rows, columns=["basis", "actors", "correlation", "p_value", "permutations"]),
        panel=panel,
        notes=tuple(notes),
    )


def _kpi_row(
    code: str, basis: str, start: float, end: float, interval: pd.Series[float], group_by: str
) -> dict[str, object]:
    kpi = KPI_BY_CODE[code]
    change = end - start
    relative = change / abs(start) if start and not np.isnan(start) else np.nan
    return {
        "kpi": code,
        "basis": basis,
        "from_value": start,
        "to_value": end,
        "change": change,
        "low": interval["low"],
        "high": interval["high"],
        "relative_change": relative,
        "assessment": assessment(change, interval["low"], interval["high"], kpi.good_direction),
        "good_direction": kpi.good_direction,
        "meaning": kpi.meaning_for(group_by),
    }


def assessment(change: float, low: float, high: float, good_direction: str) -> str:
    """What the interval says about a change: better, worse (or up, down), no clear change, or blank.

    >>> assessment(0.5, 0.1, 0.9, "up"), assessment(-0.5, -0.9, -0.1, "up"), assessment(0.2, -0.1, 0.4, "down")
    ('better', 'worse', 'no clear change')
    """
    if np.isnan(change) or np.isnan(low) or np.isnan(high):
        return ""
    if low <= 0 <= high:
        return NO_CLEAR_CHANGE
    rose = low > 0
    if good_direction == NEITHER:
        return "up" if rose else "down"
    return BETTER if rose == (good_direction == UP) else WORSE


def _order_note(survey: Survey, from_round: str, to_round: str) -> list[Message]:
    labels = survey.round_labels
    if labels.index(from_round) < labels.index(to_round):
        return []
    return [BACKWARDS(from_round=from_round, to_round=to_round)]
