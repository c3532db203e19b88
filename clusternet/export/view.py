"""What an export shows of a survey: one selection's tables, with names, or with codes when anonymised.

Every export (report, snapshot, workbook, graph files, feedback sheets) takes its tables, labels
and notes from an :class:`ExportView`, so that anonymisation happens in this one place:

- actors are labelled by ``actor_codes`` (the same codes as in the app, salted with the survey's
  fingerprint) instead of their names, and ids are replaced by the codes wherever a table holds
  them (actors, gaps, tie changes, edges);
- free-text attributes (``free_text_columns``: contact person, address, notes) are dropped;
- trust figures backed by fewer than ``MIN_RATINGS_SHOWN`` ratings are blanked, so that a single
  rating cannot be read back;
- sentences that the analysis writes with actor ids in them (notes on rounds) have every id and
  name replaced by its code (:meth:`ExportView.scrub`), and free survey text that is not needed
  (round descriptions, the survey's file name) is left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from clusternet.analysis import Analysis, analyze
from clusternet.anonymize import actor_codes, anonymize_actor_table, free_text_columns, text_scrubber
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.gaps import GapsConfig, gaps_table
from clusternet.graph import Selection
from clusternet.rounds import Comparison, compare_rounds, kpi_time_series
from clusternet.survey import SelectionError, Survey
from clusternet.viz.layout import stable_layout

DEFAULT_RESAMPLES = 1000
"""Bootstrap resamples behind the intervals of the KPI changes in exports (the app and
``clusternet compare`` use 2000; 1000 keeps an export quick and the interval within about 0.01)."""

_SUPPRESSED_TRUST = {"trust_received": "trust_received_n", "trust_given": "trust_given_n"}


@dataclass(frozen=True, eq=False)
class ExportView:
    """One selection of a survey as the exports show it.

    Build it with :func:`export_view`. ``analysis`` is the selection's analysis (pass the app's
    cached one to avoid computing it again); ``anonymized`` switches every label to codes.
    """

    survey: Survey
    analysis: Analysis
    anonymized: bool = False
    config: GapsConfig = field(default_factory=GapsConfig)
    resamples: int = DEFAULT_RESAMPLES
    min_ratings: int = MIN_RATINGS_SHOWN
    """Anonymised, trust figures backed by fewer ratings are blanked (feedback sheets always)."""

    @property
    def selection(self) -> Selection:
        return self.analysis.selection

    @cached_property
    def codes(self) -> dict[str, str]:
        """Each actor id's code, the same as the app's for this survey."""
        return actor_codes(self.survey.actors, salt=self.survey.fingerprint)

    @cached_property
    def labels(self) -> dict[str, str]:
        """What every export writes for each actor id: its name, or its code when anonymised."""
        if self.anonymized:
            return dict(self.codes)
        return {actor: str(name) for actor, name in zip(self.survey.actors["actor_id"], self.survey.actors["name"])}

    @cached_property
    def hidden_columns(self) -> list[str]:
        """Actor attributes left out of every export: the free-text ones when anonymised."""
        return free_text_columns(self.survey.actors) if self.anonymized else []

    @cached_property
    def positions(self) -> dict[str, tuple[float, float]]:
        """The app's map positions (``stable_layout`` with its default seed), shared by every round."""
        return stable_layout(self.survey)

    def key(self, actor_id: str) -> str:
        """How an actor is identified in a table or graph file: its id, or its code when anonymised."""
        return self.codes[actor_id] if self.anonymized else actor_id

    # --- text -------------------------------------------------------------------------------

    @cached_property
    def _scrubber(self):
        return text_scrubber(self.survey.actors, self.codes)

    def scrub(self, text: str) -> str:
        """``text`` with every actor id and name replaced by its code when anonymised, else as it is.

        For sentences that the analysis builds with ids in them; survey free text is left out of
        anonymised exports rather than scrubbed.
        """
        return self._scrubber(text) if self.anonymized else text

    def describe_selection(self, analysis: Analysis | None = None) -> str:
        """``Round endline · all relations · reported ties`` (and the trust floor when set)."""
        selection = (analysis or self.analysis).selection
        relations = ", ".join(selection.relations) if selection.relations else "all relations"
        text = f"Round {selection.round} · {relations} · {selection.ties} ties"
        return text + (f" · trust ≥ {selection.min_trust}" if selection.min_trust else "")

    @property
    def source_name(self) -> str:
        """The survey's file name, or blank when anonymised (file names often name the cluster's actors)."""
        return "" if self.anonymized or not self.survey.source else Path(self.survey.source).name

    # --- tables -----------------------------------------------------------------------------

    def actors_table(self, analysis: Analysis | None = None) -> pd.DataFrame:
        """The actors table (``actors.csv``) as shown: ids and names as codes, free text dropped and
        thin trust figures blanked when anonymised."""
        table = (analysis or self.analysis).actors
        if not self.anonymized:
            return table.copy()
        shown = anonymize_actor_table(table, self.codes, self.survey.actors)
        for mean, count in _SUPPRESSED_TRUST.items():
            if mean in shown.columns and count in shown.columns:
                shown.loc[shown[count] < self.min_ratings, mean] = math.nan
        if "trust_asymmetry" in shown.columns:
            thin = (shown["trust_received_n"] < self.min_ratings) | (shown["trust_given_n"] < self.min_ratings)
            shown.loc[thin, "trust_asymmetry"] = math.nan
        return shown

    def network_table(self) -> pd.DataFrame:
        """The whole-network measures (``network.csv``)."""
        return self.analysis.network.copy()

    def gaps_table(self) -> pd.DataFrame:
        """The ranked gaps (``gaps.csv``); anonymised, codes in ``actors`` and the explanations, no ``key``."""
        table = gaps_table(self.analysis, self.config, self.labels)
        if not self.anonymized:
            return table
        table["actors"] = [
            ";".join(self.codes[actor] for actor in involved.split(";") if actor) for involved in table["actors"]
        ]
        table["explanation"] = table["explanation"].map(self.scrub)
        table["action"] = table["action"].map(self.scrub)
        return table.drop(columns="key")

    # --- rounds -----------------------------------------------------------------------------

    @property
    def compared_rounds(self) -> tuple[str, str] | None:
        """The rounds whose change the exports show: from the first round to the selection's round
        (to the latest round when the selection is the first); None for a one-round survey."""
        rounds = self.survey.round_labels
        if len(rounds) < 2:
            return None
        to_round = self.selection.round if self.selection.round != rounds[0] else rounds[-1]
        return rounds[0], to_round

    @cached_property
    def _comparison(self) -> tuple[Comparison | None, str]:
        if self.compared_rounds is None:
            return None, "The survey has one round: there is no change to show yet."
        selection = self.selection
        try:
            comparison = compare_rounds(
                self.survey,
                *self.compared_rounds,
                relations=selection.relations,
                ties=selection.ties,
                group_by=selection.group_by,
                resamples=self.resamples,
                seed=selection.seed,
            )
        except SelectionError as error:
            return None, f"The rounds cannot be compared: {error}."
        return comparison, ""

    @property
    def comparison(self) -> Comparison | None:
        """The comparison of :attr:`compared_rounds` on the selection's relations, tie mode and groups,
        or None (see :attr:`comparison_problem`)."""
        return self._comparison[0]

    @property
    def comparison_problem(self) -> str:
        """Why there is no comparison, for people; blank when there is one."""
        return self.scrub(self._comparison[1])

    @cached_property
    def kpi_series(self) -> pd.DataFrame | None:
        """Every KPI of every round (``kpi_time_series``), or None when the rounds cannot be compared."""
        selection = self.selection
        try:
            return kpi_time_series(
                self.survey, relations=selection.relations, ties=selection.ties, group_by=selection.group_by
            )
        except SelectionError:
            return None

    def kpi_table(self) -> pd.DataFrame | None:
        """``kpis.csv`` of :attr:`compared_rounds`, or None."""
        return None if self.comparison is None else self.comparison.kpis.copy()

    def tie_changes_table(self) -> pd.DataFrame | None:
        """``tie_changes.csv`` of :attr:`compared_rounds` (codes for ids when anonymised), or None.

        Not anonymised, the partners' names follow as ``source_name`` and ``target_name``.
        """
        if self.comparison is None:
            return None
        table = self.comparison.tie_changes.copy()
        table["note"] = table["note"].map(self.scrub)
        if self.anonymized:
            table["source"] = table["source"].map(self.codes)
            table["target"] = table["target"].map(self.codes)
        else:
            table["source_name"] = table["source"].map(self.labels)
            table["target_name"] = table["target"].map(self.labels)
        return table

    @property
    def notes(self) -> list[str]:
        """Caveats for people about the compared rounds (actors in one of them only, ...), or about all
        rounds when there is no comparison; ids as codes when anonymised."""
        if self.comparison is not None:
            notes = list(self.comparison.notes)
        elif self.kpi_series is not None and len(self.survey.round_labels) > 1:
            notes = list(self.kpi_series.attrs.get("notes", []))
        else:
            notes = []
        return [self.scrub(note) for note in notes]

    def round_analysis(self, round_label: str) -> Analysis:
        """The analysis of another round with the same relations, tie mode, trust floor and groups."""
        if round_label == self.selection.round:
            return self.analysis
        cache = self.__dict__.setdefault("_round_analyses", {})
        if round_label not in cache:
            cache[round_label] = analyze(self.survey, replace(self.selection, round=round_label))
        return cache[round_label]

    @property
    def title(self) -> str:
        """The default title of a map or report: ``endline: all relations``."""
        selection = self.selection
        relations = ", ".join(selection.relations) if selection.relations else "all relations"
        return f"{selection.round}: {relations}"


def export_view(
    survey: Survey,
    selection: Selection = Selection(),
    *,
    anonymize: bool = False,
    config: GapsConfig | None = None,
    analysis: Analysis | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    min_ratings: int = MIN_RATINGS_SHOWN,
) -> ExportView:
    """The view every export of ``selection`` is built from (analysing it unless ``analysis`` is given).

    Raises ``SelectionError`` naming the valid values for an unknown round, relation, tie mode or
    attribute.
    """
    if analysis is None:
        analysis = analyze(survey, selection)
    if min_ratings < 1:
        raise ValueError(f"the fewest ratings behind a shown trust figure must be 1 or more, not {min_ratings}")
    return ExportView(survey, analysis, anonymize, config or GapsConfig(), resamples, min_ratings)
