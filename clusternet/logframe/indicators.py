"""The logframe's indicators measured per round: value, baseline, target and progress (``logframe.csv``).

An indicator's value in a round comes from, in this order: the network KPI it names
(:data:`clusternet.kpis.KPIS`, on its basis, from the view's KPI series: the panel is then the actors
who answered every round), the monitoring indicator it names (:data:`clusternet.kpis.MONITORING_KPIS`,
on the whole roster), or the ``value_<round>`` typed by hand. Its **baseline** is its value in the
baseline round, its **progress** ``(value - baseline) / (target - baseline)``: 0 at baseline, 1 when
the target is reached, negative when it moved away; blank when the target equals the baseline. For a
network KPI on the whole roster, ``low`` and ``high`` are the bootstrap interval of the change since
baseline (:func:`clusternet.rounds.compare_rounds`): a progress inside the noise is not progress.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from clusternet.kpis import KPI_BY_CODE, MONITORING_KPI_BY_CODE
from clusternet.rounds.panel import ALL
from clusternet.survey.model import SelectionError
from clusternet.survey.schema import LOGFRAME_VALUE_PREFIX

if TYPE_CHECKING:
    from clusternet.view import View

LOGFRAME_COLUMNS = [
    "indicator_id",
    "level",
    "name",
    "round",
    "value",
    "baseline",
    "target",
    "progress",
    "low",
    "high",
    "kpi",
    "basis",
    "baseline_round",
    "target_round",
    "target_met",
]
"""Columns of ``logframe.csv``: the interface's eight, the interval of the change since baseline, then
where the indicator comes from and, on its target round, whether the target was met."""


def progress(value: float, baseline: float, target: float) -> float:
    """How far from baseline to target a value has come: ``(value - baseline) / (target - baseline)``.

    >>> progress(5, 2, 8)
    0.5
    >>> math.isnan(progress(0.5, 0.8, 0.8))
    True
    """
    if any(math.isnan(number) for number in (value, baseline, target)) or target == baseline:
        return math.nan
    return (value - baseline) / (target - baseline)


def _series_value(series: pd.DataFrame | None, code: str, round_label: str, basis: str | None = None) -> float:
    """A value of a KPI series (on ``basis`` when the series has bases), NaN when it has none."""
    if series is None or round_label not in series.columns:
        return math.nan
    chosen = series["kpi"] == code
    if basis is not None:
        chosen &= series["basis"] == basis
    rows = series.loc[chosen, round_label]
    return float(rows.iloc[0]) if len(rows) else math.nan


def _indicator_value(
    indicator: dict[str, Any], round_label: str, network: pd.DataFrame | None, monitoring: pd.DataFrame | None
) -> float:
    """An indicator's value in a round: from the KPI series, the monitoring series, or typed by hand."""
    code, basis = str(indicator["kpi"]), str(indicator["basis"])
    if code in KPI_BY_CODE:
        return _series_value(network, code, round_label, basis)
    if code in MONITORING_KPI_BY_CODE:
        return _series_value(monitoring, code, round_label)
    typed = indicator.get(f"{LOGFRAME_VALUE_PREFIX}{round_label}", math.nan)
    return float(typed) if typed is not None else math.nan


def _change_interval(view: View, code: str, basis: str, baseline_round: str, round_label: str) -> tuple[float, float]:
    """The interval of a network KPI's change from the baseline round to ``round_label`` (whole roster only)."""
    rounds = view.survey.round_labels
    if code not in KPI_BY_CODE or basis != ALL or rounds.index(round_label) <= rounds.index(baseline_round):
        return math.nan, math.nan
    try:
        row = view.compare(baseline_round, round_label).kpi(code, ALL)
    except SelectionError:
        return math.nan, math.nan
    return float(row["low"]), float(row["high"])


def logframe_values(view: View) -> pd.DataFrame:
    """One row per indicator and round of the survey, columns :data:`LOGFRAME_COLUMNS`, in the logframe's order.

    Empty (with every column) when the survey has no logframe. The view's relations, tie mode and
    groups apply, as on the Rounds page; anonymised, its KPI series is the anonymised one.
    """
    logframe = view.survey.logframe
    rounds = view.survey.round_labels
    if logframe.empty:
        return pd.DataFrame(columns=LOGFRAME_COLUMNS)
    network = view.kpi_series if logframe["kpi"].isin(list(KPI_BY_CODE)).any() else None
    monitoring = view.monitoring_series() if logframe["kpi"].isin(list(MONITORING_KPI_BY_CODE)).any() else None
    rows: list[dict[str, Any]] = []
    for record in logframe.to_dict("records"):
        indicator = {str(column): value for column, value in record.items()}
        code, basis = str(indicator["kpi"]), str(indicator["basis"])
        values = {label: _indicator_value(indicator, label, network, monitoring) for label in rounds}
        baseline_round, target_round = str(indicator["baseline_round"]), str(indicator["target_round"])
        baseline, target = values[baseline_round], float(indicator["target"])
        for round_label in rounds:
            value = values[round_label]
            low, high = _change_interval(view, code, basis, baseline_round, round_label)
            reached = progress(value, baseline, target)
            rows.append(
                {
                    "indicator_id": indicator["indicator_id"],
                    "level": indicator["level"],
                    "name": indicator["name"],
                    "round": round_label,
                    "value": value,
                    "baseline": baseline,
                    "target": target,
                    "progress": reached,
                    "low": low,
                    "high": high,
                    "kpi": code,
                    "basis": basis,
                    "baseline_round": baseline_round,
                    "target_round": target_round,
                    "target_met": (reached >= 1) if round_label == target_round and not math.isnan(reached) else None,
                }
            )
    return pd.DataFrame(rows, columns=LOGFRAME_COLUMNS)
