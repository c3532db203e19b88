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

The app's Portfolio page reads them through :func:`change_heat` (each change on its KPI's scale, with
its interval and its reading: better, worse, no clear change), :func:`kpis_side_by_side` and
:func:`portfolio_flags` (rounds with a low response rate, small clusters, by the thresholds
:data:`LOW_RESPONSE_RATE` and :data:`SMALL_CLUSTER_ACTORS`).

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
from clusternet.kpis import KPI_BY_CODE
from clusternet.messages import Message, message
from clusternet.rounds.bootstrap import DEFAULT_RESAMPLES
from clusternet.rounds.comparability import group_attribute
from clusternet.rounds.comparison import BETTER, NO_CLEAR_CHANGE, WORSE, assessment
from clusternet.rounds.scales import scale_of
from clusternet.survey import SelectionError, Survey
from clusternet.view import view_of

KPI_COLUMNS = ["cluster", "round", "kpi", "value", "n_actors", "response_rate"]
CHANGE_COLUMNS = ["cluster", "kpi", "from_round", "to_round", "change", "low", "high"]
BASIS = "all"
"""The portfolio compares clusters on every actor of their rosters (the panel differs by cluster)."""

LOW_RESPONSE_RATE = 0.6
"""A round in which fewer than this share of the cluster's actors answered is flagged: its figures
say as much about who answered as about the cluster (missing reports are missing ties)."""
SMALL_CLUSTER_ACTORS = 30
"""A cluster of fewer actors than this is flagged: one actor more or less moves its shares by
several points, and its intervals are wide."""

LOW_RESPONSE, SMALL_CLUSTER = "low_response", "small_cluster"
"""The flags of :func:`portfolio_flags` (its ``flag`` column)."""
FLAG_COLUMNS = ["cluster", "round", "flag", "value", "threshold", "message"]

HEAT_FILLS = {BETTER: "#BBD7EE", WORSE: "#F6CF9A", NO_CLEAR_CHANGE: "#E4E4E4"}
"""Cell colours of the heat table by reading: light tints of the Okabe-Ito blue (better) and orange
(worse), colour-blind safe and readable under black text, and grey for no clear change. A change of
a KPI without a good direction (up, down) and a change without an interval are left white; every
cell also says its reading in words."""

LOW_RESPONSE_FLAG = message(
    "portfolio.flag.low_response",
    "{cluster}, {round}: {rate:.0%} of the actors answered (fewer than {threshold:.0%}); its figures say as much "
    "about who answered as about the cluster.",
)
SMALL_CLUSTER_FLAG = message(
    "portfolio.flag.small_cluster",
    "{cluster} has {actors} actors (fewer than {threshold}): one actor more or less moves its shares by several "
    "points, and its intervals are wide.",
)
CHANGE_CELL = message("portfolio.change_cell", "{change} ({low} to {high}), {reading}")
CHANGE_CELL_WITHOUT_INTERVAL = message("portfolio.change_cell.without_interval", "{change} (no interval)")
READINGS = {
    BETTER: message("portfolio.reading.better", "better"),
    WORSE: message("portfolio.reading.worse", "worse"),
    NO_CLEAR_CHANGE: message("portfolio.reading.no_clear_change", "no clear change"),
    "up": message("portfolio.reading.up", "up"),
    "down": message("portfolio.reading.down", "down"),
}

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


def with_readings(change: pd.DataFrame) -> pd.DataFrame:
    """``portfolio_change`` with an ``assessment`` column: ``better``/``worse`` when the interval
    excludes 0 (by the KPI's good direction), ``up``/``down`` for a KPI without one, ``no clear
    change`` when it includes 0, blank without an interval (as ``kpis.csv`` reads them)."""
    readings = [
        assessment(float(value), float(low), float(high), KPI_BY_CODE[code].good_direction)
        for code, value, low, high in zip(change["kpi"], change["change"], change["low"], change["high"])
    ]
    return change.assign(assessment=pd.Series(readings, index=change.index, dtype=object))


def change_cell(code: str, change: float, low: float, high: float, reading: str) -> Message:
    """One cell of the heat table: the change on the KPI's scale, its interval and its reading in words.

    >>> from clusternet.messages import Renderer
    >>> Renderer().render(change_cell("firm_institution_linkage", 0.25, 0.1, 0.4, "better"))
    '+25 points (+10 points to +40 points), better'
    """
    scale = scale_of(code)
    if pd.isna(low) or pd.isna(high) or reading not in READINGS:
        return CHANGE_CELL_WITHOUT_INTERVAL(change=scale.change(change))
    return CHANGE_CELL(
        change=scale.change(change), low=scale.change(low), high=scale.change(high), reading=READINGS[reading]()
    )


def change_heat(change: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The heat table of ``portfolio_change``: one row per KPI (in the registry's order), one column
    per cluster (in the order given); the first table holds each cell's text (a :class:`Message`,
    :func:`change_cell`), the second its reading (``assessment`` code, ``""`` for none), to colour
    it by :data:`HEAT_FILLS`."""
    read = with_readings(change)
    clusters = list(dict.fromkeys(read["cluster"]))
    codes = [code for code in KPI_BY_CODE if code in set(read["kpi"])]
    texts: dict[str, dict[str, Message]] = {cluster: {} for cluster in clusters}
    reads: dict[str, dict[str, str]] = {cluster: {} for cluster in clusters}
    for cluster, code, value, low, high, reading in zip(
        read["cluster"], read["kpi"], read["change"], read["low"], read["high"], read["assessment"]
    ):
        texts[cluster][code] = change_cell(str(code), float(value), float(low), float(high), str(reading))
        reads[cluster][code] = str(reading)
    index = pd.Index(codes, name="kpi")
    cells = pd.DataFrame(texts, index=index, columns=clusters, dtype=object)
    readings = pd.DataFrame(reads, index=index, columns=clusters, dtype=object).fillna("")
    return cells, readings


def kpis_side_by_side(kpis: pd.DataFrame) -> pd.DataFrame:
    """``portfolio_kpis`` as one row per KPI (registry order) and one column per cluster and round,
    ``"cluster · round"`` in the order given (each cluster's rounds in its own order)."""
    columns = list(dict.fromkeys(zip(kpis["cluster"], kpis["round"])))
    codes = [code for code in KPI_BY_CODE if code in set(kpis["kpi"])]
    values = kpis.set_index(["kpi", "cluster", "round"])["value"]
    table = pd.DataFrame(
        {
            f"{cluster} · {round_label}": values.xs((cluster, round_label), level=("cluster", "round"))
            for cluster, round_label in columns
        },
    )
    return table.reindex(codes).rename_axis("kpi")


def portfolio_flags(kpis: pd.DataFrame) -> pd.DataFrame:
    """What to read with care, one row per flag (columns :data:`FLAG_COLUMNS`): each round answered
    by fewer than :data:`LOW_RESPONSE_RATE` of the cluster's actors (``low_response``, its rate),
    each cluster of fewer than :data:`SMALL_CLUSTER_ACTORS` actors (``small_cluster``, round blank)."""
    clusters = kpis.drop_duplicates(["cluster", "round"])[["cluster", "round", "n_actors", "response_rate"]]
    flags: list[dict[str, object]] = []
    for cluster, rows in clusters.groupby("cluster", sort=False):
        actors = int(rows["n_actors"].iloc[0])
        if actors < SMALL_CLUSTER_ACTORS:
            flags.append(
                {
                    "cluster": cluster,
                    "round": "",
                    "flag": SMALL_CLUSTER,
                    "value": actors,
                    "threshold": SMALL_CLUSTER_ACTORS,
                    "message": SMALL_CLUSTER_FLAG(cluster=str(cluster), actors=actors, threshold=SMALL_CLUSTER_ACTORS),
                }
            )
        for round_label, rate in zip(rows["round"], rows["response_rate"]):
            if rate < LOW_RESPONSE_RATE:
                flags.append(
                    {
                        "cluster": cluster,
                        "round": round_label,
                        "flag": LOW_RESPONSE,
                        "value": float(rate),
                        "threshold": LOW_RESPONSE_RATE,
                        "message": LOW_RESPONSE_FLAG(
                            cluster=str(cluster), round=str(round_label), rate=float(rate), threshold=LOW_RESPONSE_RATE
                        ),
                    }
                )
    return pd.DataFrame(flags, columns=FLAG_COLUMNS)
