"""What is computed for one survey, computed once: analyses, comparisons and KPI series by selection.

A :class:`~clusternet.view.View` takes its numbers from an :class:`AnalysisCache`. A command builds one
for its run; the app keeps one per survey content (its fingerprint) for the server's lifetime, so that
toggling Anonymise or changing the language re-renders without recomputing any measure.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd

from clusternet.analysis import Analysis, analyze
from clusternet.anonymize import private_attributes
from clusternet.graph import Selection
from clusternet.rounds import Comparison, compare_rounds, kpi_time_series
from clusternet.survey import Survey
from clusternet.viz.layout import stable_layout

T = TypeVar("T")

MAX_ENTRIES = 64
"""Results kept per survey (least recently used dropped first): a session's worth of selections."""


class AnalysisCache:
    """A bounded, thread-safe memo of one survey's analyses, comparisons, KPI series and layout."""

    def __init__(self, survey: Survey, max_entries: int = MAX_ENTRIES) -> None:
        self.survey = survey
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def _memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def analysis(self, selection: Selection) -> Analysis:
        """Every measure of ``selection`` (resolved against the survey first)."""
        resolved = selection.resolved(self.survey)
        return self._memo(("analysis", resolved), lambda: analyze(self.survey, resolved))

    def comparison(
        self, from_round: str, to_round: str, selection: Selection, resamples: int, permutations: int | None = None
    ) -> Comparison:
        """The comparison of two rounds on the selection's relations, tie mode, groups and seed."""
        options: dict[str, int] = {} if permutations is None else {"permutations": permutations}
        key = ("comparison", from_round, to_round, selection.relations, selection.ties, selection.group_by,
               selection.seed, resamples, permutations)  # fmt: skip
        return self._memo(
            key,
            lambda: compare_rounds(
                self.survey,
                from_round,
                to_round,
                relations=selection.relations,
                ties=selection.ties,
                group_by=selection.group_by,
                resamples=resamples,
                seed=selection.seed,
                **options,
            ),
        )

    def kpi_series(self, selection: Selection) -> pd.DataFrame:
        """Every KPI of every round on the selection's relations, tie mode and groups."""
        key = ("series", selection.relations, selection.ties, selection.group_by)
        return self._memo(
            key,
            lambda: kpi_time_series(
                self.survey, relations=selection.relations, ties=selection.ties, group_by=selection.group_by
            ),
        )

    def private_attributes(self, min_actors: int) -> list[str]:
        """The attributes an anonymised audience may not see at k = ``min_actors``
        (:func:`~clusternet.anonymize.private_attributes`)."""
        return self._memo(("private", min_actors), lambda: private_attributes(self.survey.actors, min_actors))

    def positions(self) -> dict[str, tuple[float, float]]:
        """The map positions of every actor, shared by every round and filter (``stable_layout``)."""
        return self._memo(("positions",), lambda: stable_layout(self.survey))
