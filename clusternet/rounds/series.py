"""The KPIs of every round side by side, in date order: the time series of a programme's monitoring."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from clusternet.kpis import KPIS, kpi_values
from clusternet.rounds.comparability import (
    check_tie_mode,
    comparable_relations,
    group_attribute,
    joint_action_notes,
    ordered_rounds,
    trust_notes,
)
from clusternet.rounds.network import RoundNetworks
from clusternet.rounds.panel import BASES, basis_actors, turnover_notes
from clusternet.survey import Survey


def kpi_time_series(
    survey: Survey,
    *,
    rounds: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    ties: str = "reported",
    group_by: str | None = None,
    networks: RoundNetworks | None = None,
) -> pd.DataFrame:
    """Every KPI of every round (default: all rounds), on both bases, one column per round.

    Columns: ``kpi``, ``basis``, then one column per round labelled as the round, in the survey's
    date order whatever the order of ``rounds``, then ``good_direction`` and ``meaning`` (a
    :class:`~clusternet.messages.Message`). Rows are ordered as :data:`clusternet.kpis.KPIS`, each
    on the basis ``all`` then ``panel``; the
    panel here is the actors who answered in *every* round of the series, so it shrinks as rounds
    are added. ``relations``, ``ties`` and ``group_by`` are those of
    :func:`clusternet.rounds.compare_rounds`, and the same refusals apply: rounds that name
    different relations raise ``SelectionError`` unless ``relations`` are given. The group
    attribute ``group_by`` decides the groups of the E-I index and of brokerage, and the wording of
    the E-I meaning. Caveats for people (actors in some rounds only, rounds without trust ratings)
    are in ``table.attrs["notes"]``, a list of :class:`~clusternet.messages.Message`.

    ``networks``: the survey's round networks when they are kept for other uses (as for
    :func:`~clusternet.rounds.compare_rounds`, whose networks of the same rounds are then reused).

    No intervals here: compare two rounds with :func:`clusternet.rounds.compare_rounds` to learn
    whether a change is more than noise.
    """
    labels = ordered_rounds(survey, rounds)
    ties = check_tie_mode(ties)
    groups = group_attribute(survey, group_by)
    compared, notes = comparable_relations(survey, labels, relations)
    notes += (
        trust_notes(survey, labels, compared) + joint_action_notes(survey, compared) + turnover_notes(survey, labels)
    )
    if networks is None:
        networks = RoundNetworks(survey)
    columns = {}
    for basis in BASES:
        actors = basis_actors(survey, labels, basis)
        for label in labels:
            columns[basis, label] = kpi_values(
                networks.on(label, actors, relations=compared, ties=ties, group_by=groups)
            )
    rows = [
        {
            "kpi": kpi.code,
            "basis": basis,
            **{label: columns[basis, label][kpi.code] for label in labels},
            "good_direction": kpi.good_direction,
            "meaning": kpi.meaning_for(groups),
        }
        for kpi in KPIS
        for basis in BASES
    ]
    table: pd.DataFrame = pd.DataFrame(rows, columns=["kpi", "basis", *labels, "good_direction", "meaning"])
    table.attrs["notes"] = notes
    return table
