"""What every kind of gap looks at: the analysis, the tie graph, trust ratings, names, groups."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Mapping

import networkx as nx
import pandas as pd

from clusternet.analysis import Analysis
from clusternet.gaps.config import GapsConfig
from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES

NOT_GROUPS = ("actor_id", "name", "type", "community", "respondent")


@dataclass(frozen=True)
class GapContext:
    """One selection's analysis, seen by the gap finders.

    ``labels`` maps actor ids to the text shown in explanations (names, or codes when anonymised).
    ``ties`` is the undirected tie graph: a tie when either side reports it in the selection.
    """

    analysis: Analysis
    config: GapsConfig
    labels: Mapping[str, str]

    @cached_property
    def actors(self) -> pd.DataFrame:
        return self.analysis.actors.set_index("actor_id")

    @cached_property
    def ties(self) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(self.analysis.graph.nodes)
        graph.add_edges_from(self.analysis.graph.edges)
        return graph

    @cached_property
    def trust(self) -> dict[tuple[str, str], float]:
        """Rating (source, target) -> trust, from the reported ties."""
        return {(source, target): trust for source, target, trust in self.analysis.reported.edges(data="trust")
                if trust is not None}

    @cached_property
    def firms(self) -> list[str]:
        return list(self.actors.index[self.actors["type"].isin(FIRM_TYPES)])

    @cached_property
    def institutions(self) -> list[str]:
        return list(self.actors.index[self.actors["type"].isin(INSTITUTION_TYPES)])

    @cached_property
    def group_attributes(self) -> list[str]:
        """Survey attributes that split actors into a few named groups (village, sector, size, ...)."""
        graph = self.analysis.graph
        first = next(iter(graph.nodes), None)
        survey_columns = [] if first is None else [name for name in graph.nodes[first] if name not in NOT_GROUPS]
        return [column for column in survey_columns
                if 2 <= self.actors[column].dropna().nunique() <= self.config.max_group_values]

    def label(self, actor_id: str) -> str:
        return self.labels.get(actor_id, actor_id)

    def label_list(self, actor_ids: Iterable[str], limit: int = 4) -> str:
        """"A, B and C", or "A, B, C, D and 5 more" for long lists."""
        names = [self.label(actor_id) for actor_id in actor_ids]
        if len(names) > limit:
            return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""

    def trusted_by(self, raters: Iterable[str], actor_id: str) -> list[float]:
        """Ratings that ``raters`` gave ``actor_id``."""
        return [self.trust[rater, actor_id] for rater in raters if (rater, actor_id) in self.trust]

    def best_trusted(self, candidates: Iterable[str]) -> str | None:
        """The candidate with the highest trust received (backed by enough ratings), else most partners."""
        candidates = [actor for actor in candidates if actor in self.actors.index]
        if not candidates:
            return None
        table = self.actors.loc[candidates]
        rated = table.loc[table["trust_received_n"] >= self.config.min_ratings]
        if len(rated):
            return rated.sort_values(["trust_received", "degree"], ascending=False, kind="stable").index[0]
        return table.sort_values("degree", ascending=False, kind="stable").index[0]
