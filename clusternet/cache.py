"""What is computed for one survey, computed once: analyses, comparisons and KPI series by selection.

A :class:`~clusternet.view.View` takes its numbers from an :class:`AnalysisCache`. A command builds one
for its run; the app keeps one per survey content (its fingerprint) for the server's lifetime, so that
toggling Anonymise or changing the language re-renders without recomputing any measure.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

import networkx as nx
import pandas as pd

from clusternet.analysis import Analysis, analyze
from clusternet.anonymize import private_attributes, redacted_survey
from clusternet.graph import Selection
from clusternet.rounds import Comparison, compare_rounds, kpi_time_series
from clusternet.rounds.network import RoundNetworks
from clusternet.suppression import TrustRelease, trust_release
from clusternet.survey import Survey

if TYPE_CHECKING:  # the monitoring, the what-if and the layout are imported by the methods that use them
    from clusternet.whatif import Scenario, Simulation, WhatIfContext

T = TypeVar("T")

MAX_ENTRIES = 64
"""Results kept per survey (least recently used dropped first): a session's worth of selections."""


class AnalysisCache:
    """A bounded, thread-safe memo of one survey's analyses, comparisons, KPI series and layout.

    ``origin`` is the cache of the survey as loaded; a redacted survey's cache (:meth:`redacted`)
    points back to it, so that a view can change audience. ``round_networks`` holds each round's
    graphs and per-actor measures (betweenness first) once, for every comparison and KPI series.
    """

    def __init__(self, survey: Survey, max_entries: int = MAX_ENTRIES, origin: AnalysisCache | None = None) -> None:
        self.survey = survey
        self.max_entries = max_entries
        self.origin = origin or self
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._redacted: dict[tuple[int, str], AnalysisCache] = {}
        self.round_networks = RoundNetworks(survey)
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
                networks=self.round_networks,
                **options,
            ),
        )

    def kpi_series(self, selection: Selection) -> pd.DataFrame:
        """Every KPI of every round on the selection's relations, tie mode and groups."""
        key = ("series", selection.relations, selection.ties, selection.group_by)
        return self._memo(
            key,
            lambda: kpi_time_series(
                self.survey,
                relations=selection.relations,
                ties=selection.ties,
                group_by=selection.group_by,
                networks=self.round_networks,
            ),
        )

    def monitoring_series(self, selection: Selection) -> pd.DataFrame:
        """The monitoring indicators of every round on the selection's relations, tie mode and groups."""
        from clusternet.logframe.monitoring import monitoring_series

        key = ("monitoring", selection.relations, selection.ties, selection.group_by)
        return self._memo(
            key,
            lambda: monitoring_series(
                self.survey, relations=selection.relations, ties=selection.ties, group_by=selection.group_by
            ),
        )

    def simulation(self, selection: Selection, scenario: Scenario, context: WhatIfContext) -> Simulation:
        """A scenario tried on the selected round (:func:`~clusternet.whatif.simulate`); the communities
        of an analysis of the selection already computed are used, else they are found once.

        The states of the longest scenario kept that this one begins with are not measured again
        (``simulate``'s ``resume``): a step added to a plan costs one state. A kept simulation found
        its communities as an analysis does, so it continues the same states either way.
        """
        from clusternet.whatif import Simulation, simulate

        resolved = selection.resolved(self.survey)

        def run() -> Simulation:
            with self._lock:
                analysis = self._entries.get(("analysis", resolved))
                begun = [
                    value
                    for key, value in self._entries.items()
                    if isinstance(key, tuple)
                    and key[:2] == ("simulation", resolved)
                    and key[3] == context
                    and isinstance(value, Simulation)
                    and value.begins(scenario)
                ]
            resume = max(begun, key=lambda simulation: len(simulation.steps), default=None)
            communities = analysis.actors.set_index("actor_id")["community"] if isinstance(analysis, Analysis) else None
            return simulate(self.survey, resolved, scenario, context=context, communities=communities, resume=resume)

        return self._memo(("simulation", resolved, scenario, context), run)

    def private_attributes(self, min_actors: int) -> list[str]:
        """The attributes an anonymised audience may not see at k = ``min_actors``
        (:func:`~clusternet.anonymize.private_attributes`, with the survey's marks)."""
        return self._memo(
            ("private", min_actors),
            lambda: private_attributes(self.survey.actors, min_actors, self.survey.attribute_privacy),
        )

    def trust_release(self, round_label: str, min_ratings: int) -> TrustRelease:
        """Which trust aggregates of a round an anonymised audience may see at k = ``min_ratings``
        (:func:`~clusternet.suppression.trust_release` over the round's complete ratings and every
        attribute of the survey: call it on a redacted survey's cache)."""

        def release() -> TrustRelease:
            reported = self.analysis(Selection(round=round_label)).reported
            groupings = {
                attribute: nx.get_node_attributes(reported, attribute) for attribute in self.survey.attribute_names
            }
            return trust_release(reported, groupings, min_ratings)

        return self._memo(("release", round_label, min_ratings), release)

    def redacted(self, min_actors: int, key: str) -> AnalysisCache:
        """The cache of the survey an anonymised audience with secret ``key`` sees at k = ``min_actors``
        (:func:`~clusternet.anonymize.redacted_survey`), kept for as long as this one."""
        with self._lock:
            cached = self._redacted.get((min_actors, key))
        if cached is None:
            cached = AnalysisCache(redacted_survey(self.survey, min_actors, key), self.max_entries, origin=self)
            with self._lock:
                cached = self._redacted.setdefault((min_actors, key), cached)
        return cached

    def positions(self, seed: int = 0) -> dict[str, tuple[float, float]]:
        """The map positions of every actor, shared by every round and filter (``stable_layout``);
        another ``seed`` gives an anonymised set its own layout."""
        from clusternet.viz.layout import stable_layout

        return self._memo(("positions", seed), lambda: stable_layout(self.survey, seed))
