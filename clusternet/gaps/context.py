"""What every kind of gap looks at: the analysis, the tie graph, trust ratings, groups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet.analysis import Analysis
from clusternet.gaps.config import GapsConfig
from clusternet.metrics.adjacency import edge_values
from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES

NOT_GROUPS = ("actor_id", "name", "type", "community", "respondent")


@dataclass(frozen=True)
class GapContext:
    """One selection's analysis, seen by the gap finders.

    ``ties`` is the undirected tie graph: a tie when either side reports it in the selection; its
    nodes come in the order of the rows of ``actors`` (both follow the survey's actors), which
    breaks ties between equally ranked actors.
    """

    analysis: Analysis
    config: GapsConfig

    @cached_property
    def actors(self) -> pd.DataFrame:
        by_id: pd.DataFrame = self.analysis.actors.set_index("actor_id")
        return by_id

    @cached_property
    def ties(self) -> nx.Graph[str]:
        """The tie graph, frozen: the finders only read it, and its tie matrices are then found once
        for all of them (:mod:`clusternet.metrics.adjacency`)."""
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(self.analysis.graph.nodes)
        graph.add_edges_from(self.analysis.graph.edges)
        nx.freeze(graph)
        return graph

    @cached_property
    def density(self) -> float:
        """Ties of ``ties`` over the pairs of actors (0 with fewer than two actors): what random mixing
        between two groups is judged against."""
        n = self.ties.number_of_nodes()
        possible = n * (n - 1) / 2
        return self.ties.number_of_edges() / possible if possible else 0.0

    @cached_property
    def trust(self) -> dict[tuple[str, str], float]:
        """Rating (source, target) -> trust, from the reported ties (in their order; read once per
        frozen graph for the trust scores and the gaps, :func:`clusternet.metrics.adjacency.edge_values`)."""
        reported = self.analysis.reported
        source, target, values = edge_values(reported, "trust")
        nodes = np.fromiter(reported, dtype=object, count=reported.number_of_nodes())
        return dict(zip(zip(nodes[source].tolist(), nodes[target].tolist()), values.tolist()))

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
        return [
            column
            for column in survey_columns
            if 2 <= self.actors[column].dropna().nunique() <= self.config.max_group_values
        ]

    def trusted_by(self, raters: Iterable[str], actor_id: str) -> list[float]:
        """Ratings that ``raters`` gave ``actor_id``."""
        return [self.trust[rater, actor_id] for rater in raters if (rater, actor_id) in self.trust]

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each actor's row in ``actors``, for measures looked up as arrays."""
        return {actor: at for at, actor in enumerate(self.actors.index)}

    def members(self, actor_ids: Iterable[str]) -> np.ndarray:
        """A mask over the rows of ``actors``: True for the given actors."""
        mask = np.zeros(len(self.positions), dtype=bool)
        mask[[self.positions[actor] for actor in actor_ids if actor in self.positions]] = True
        return mask

    @cached_property
    def tie_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Rows (in ``actors``) of the two ends of every tie of ``ties``, in the order of its edges."""
        ends = np.fromiter(
            map(self.positions.__getitem__, chain.from_iterable(self.ties.edges)),
            dtype=np.int64,
            count=2 * self.ties.number_of_edges(),
        ).reshape(-1, 2)
        return ends[:, 0], ends[:, 1]

    @cached_property
    def partners(self) -> sp.csr_array:
        """The symmetric 0/1 matrix of ``ties`` over the rows of ``actors``, without self-loops."""
        first, second = self.tie_ends
        keep = first != second
        rows, columns = np.concatenate([first[keep], second[keep]]), np.concatenate([second[keep], first[keep]])
        size = len(self.positions)
        return sp.csr_array((np.ones(rows.size), (rows, columns)), shape=(size, size))

    @cached_property
    def ratings(self) -> tuple[sp.csr_array, sp.csr_array]:
        """The trust ratings as matrices over the rows of ``actors`` (rater x rated): sums and counts."""
        if not self.trust:
            empty = sp.csr_array((len(self.positions), len(self.positions)))
            return empty, empty
        raters, rated = zip(*self.trust)
        rows = np.fromiter(map(self.positions.__getitem__, raters), dtype=np.int64, count=len(raters))
        columns = np.fromiter(map(self.positions.__getitem__, rated), dtype=np.int64, count=len(rated))
        values = np.fromiter(self.trust.values(), dtype=float, count=len(self.trust))
        shape = (len(self.positions), len(self.positions))
        return (
            sp.csr_array((values, (rows, columns)), shape=shape),
            sp.csr_array((np.ones(values.size), (rows, columns)), shape=shape),
        )

    @cached_property
    def _ranking_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        table = self.actors
        return (
            table["trust_received"].to_numpy(dtype=float),
            table["trust_received_n"].to_numpy(dtype=float),
            table["degree"].to_numpy(dtype=float),
        )

    @cached_property
    def attribute_codes(self) -> np.ndarray:
        """Each actor's value of every group attribute as a number (-1 when blank): actors x attributes."""
        codes = [pd.factorize(self.actors[column])[0] for column in self.group_attributes]
        return np.column_stack(codes) if codes else np.zeros((len(self.actors), 0), dtype=np.int64)

    def in_survey_order(self, actor_ids: Iterable[str]) -> list[str]:
        """The actors in the order of the rows of ``actors``: a set of candidates for :meth:`best_trusted`
        then breaks ties by the survey's order, not by Python's hash order (which changes between runs)."""
        return sorted(actor_ids, key=self.positions.__getitem__)

    def best_trusted(self, candidates: Iterable[str]) -> str | None:
        """The candidate with the highest trust received (backed by enough ratings), else most partners.

        Ties go to the candidate named first (more partners first among equal trust).
        """
        return self.best_trusted_at(
            np.fromiter((self.positions[actor] for actor in candidates if actor in self.positions), dtype=np.int64)
        )

    def best_trusted_at(self, rows: np.ndarray) -> str | None:
        """:meth:`best_trusted` of the actors at these rows of ``actors`` (in this order)."""
        if not rows.size:
            return None
        trust, ratings, degree = (column[rows] for column in self._ranking_columns)
        rated = ratings >= self.config.min_ratings
        keys: tuple[np.ndarray, ...]
        if rated.any():
            rows, trust, degree = rows[rated], trust[rated], degree[rated]
            # highest trust first, unrated last (with min_ratings 0 an actor without ratings counts)
            keys = (-degree, -np.nan_to_num(trust, nan=0.0), np.isnan(trust))
        else:
            keys = (-degree,)
        return str(self.actors.index[rows[np.lexsort((np.arange(rows.size),) + keys)[0]]])
