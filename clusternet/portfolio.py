"""A programme's portfolio: the KPIs of every cluster and round side by side, and each cluster's change.

A programme runs many clusters, each surveyed at baseline, midterm and endline. The portfolio puts
them in two tables (INTERFACE.md, "Programme store"):

- ``portfolio_kpis``: ``cluster, round, kpi, value, n_actors, response_rate``, one row per KPI of
  the registry (:data:`clusternet.kpis.KPIS`), round and cluster, on the basis ``all`` (every actor of
  the cluster's roster); ``n_actors`` is the roster's size and ``response_rate`` the share of it that
  answered the round, to read beside every figure;
- ``portfolio_change``: ``cluster, kpi, from_round, to_round, change, low, high``: the change of each
  KPI from the cluster's first round to its latest, with the 95 % bootstrap interval, on the basis
  ``all``.

Every number is computed exactly as ``clusternet compare`` computes ``kpis.csv`` (the same selection:
every relation, reported ties, the default groups, through the same :class:`~clusternet.cache.AnalysisCache`
and :class:`~clusternet.view.View`), so a cluster's row here equals the row of ``kpis.csv`` from
``clusternet compare SURVEY --from FIRST --to LATEST`` with the same ``--resamples`` and ``--seed``.
Clusters are taken one at a time, so a portfolio of many large clusters needs the memory of one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from clusternet.graph import Selection
from clusternet.messages import Message
from clusternet.rounds.bootstrap import DEFAULT_RESAMPLES
from clusternet.rounds.comparability import group_attribute
from clusternet.survey import SelectionError, Survey
from clusternet.view import view_of

KPI_COLUMNS = ["cluster", "round", "kpi", "value", "n_actors", "response_rate"]
CHANGE_COLUMNS = ["cluster", "kpi", "from_round", "to_round", "change", "low", "high"]
BASIS = "all"
"""The portfolio compares clusters on every actor of their rosters (the panel differs by cluster)."""

WORKBOOK_SUFFIX = ".xlsx"
CSV_FOLDER_MARK = "actors.csv"


class PortfolioError(ValueError):
    """A cluster whose rounds cannot be compared; ``message`` says why."""

    def __init__(self, cluster: str, message: Message) -> None:
        self.cluster = cluster
        self.message = message
        super().__init__(f"{cluster}: {message}")


@dataclass(frozen=True)
class Portfolio:
    kpis: pd.DataFrame
    change: pd.DataFrame


def programme_surveys(folder: Path) -> list[tuple[str, Path]]:
    """The cluster surveys of a programme's folder, by cluster name: each workbook (``NAME.xlsx``)
    and each folder holding ``actors.csv`` (``NAME/``); other files and hidden ones are not surveys."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "~$")):
            continue
        if entry.is_file() and entry.suffix.lower() == WORKBOOK_SUFFIX:
            found.append((entry.stem, entry))
        elif entry.is_dir() and any(item.name.lower() == CSV_FOLDER_MARK for item in entry.iterdir()):
            found.append((entry.name, entry))
    return found


def cluster_tables(
    cluster: str, survey: Survey, *, resamples: int = DEFAULT_RESAMPLES, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of one cluster in ``portfolio_kpis`` and ``portfolio_change`` (none for a one-round survey).

    :class:`PortfolioError` when its rounds cannot be compared (they name their relations differently).
    """
    selection = Selection(group_by=group_attribute(survey, None), seed=seed)
    view = view_of(survey, selection, resamples=resamples)
    rounds = survey.round_labels
    try:
        series = view.cache.kpi_series(view.selection)
        comparison = view.compare(rounds[0], rounds[-1]) if len(rounds) > 1 else None
    except SelectionError as error:
        raise PortfolioError(cluster, error.message) from error
    values = series.loc[series["basis"] == BASIS].melt(
        id_vars="kpi", value_vars=rounds, var_name="round", value_name="value"
    )
    values["round"] = pd.Categorical(values["round"], categories=rounds)
    kpis = values.sort_values("round", kind="stable").assign(
        cluster=cluster,
        round=lambda table: table["round"].astype(str),
        n_actors=len(survey.actors),
        response_rate=lambda table: table["round"].map(survey.response_rate),
    )[KPI_COLUMNS]
    if comparison is None:
        return kpis.reset_index(drop=True), pd.DataFrame(columns=CHANGE_COLUMNS)
    changes = comparison.kpis.loc[comparison.kpis["basis"] == BASIS]
    change = changes.assign(cluster=cluster, from_round=rounds[0], to_round=rounds[-1])[CHANGE_COLUMNS]
    return kpis.reset_index(drop=True), change.reset_index(drop=True)


def portfolio(
    clusters: Iterable[tuple[str, Survey]], *, resamples: int = DEFAULT_RESAMPLES, seed: int = 0
) -> Portfolio:
    """``portfolio_kpis`` and ``portfolio_change`` of the clusters (name, survey), in the order given."""
    kpis, change = [], []
    for cluster, survey in clusters:
        cluster_kpis, cluster_change = cluster_tables(cluster, survey, resamples=resamples, seed=seed)
        kpis.append(cluster_kpis)
        change.append(cluster_change)
    return Portfolio(_joined(kpis, KPI_COLUMNS), _joined(change, CHANGE_COLUMNS))


def _joined(tables: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    kept = [table for table in tables if len(table)]
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=columns)
