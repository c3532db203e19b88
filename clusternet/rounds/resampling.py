r"""Every KPI as a function of actor weights, so that a bootstrap resample costs a few array products.

A bootstrap resample draws the actors of a basis with replacement; actor $i$ drawn $w_i$ times
(0, 1, 2, ...) carries weight $w_i$, and unit weights give the observed network back. Each KPI is
written here as a function of the weights, without rebuilding any graph:

* **Tie KPIs** (ties, density, reciprocity, confirmed share, mean trust, high-trust share, E-I
  index, joint-action ties) are ratios of sums over ordered pairs of distinct actors,

  .. math:: \hat\theta(w) = \frac{\sum_{i \ne j} w_i w_j\, a_{ij}}{\sum_{i \ne j} w_i w_j\, b_{ij}},

  for instance $a_{ij}$ the trust that $i$ reported in $j$ and $b_{ij}$ 1 when $i$ rated $j$.
  This is the vertex bootstrap of Snijders and Borgatti (1999): the resampled network holds the
  ties among the drawn actors, an actor drawn twice brings its reports twice and is named twice,
  and the pairs of two copies of the same actor are left out (their tie is undefined). Counts are
  the ratio times the number of possible ties, so that they stay on the scale of the observed
  count.
* **Actor KPIs** (response rate, mean degree, isolates, components, largest component,
  fragmentation, firms in joint action, firm-institution linkage) are ratios of weighted sums of a
  score computed once per actor on the observed network: $\hat\theta(w) = \sum_i w_i s_i /
  \sum_i w_i d_i$. Fragmentation, for instance, sums over actors the share of the others that each
  cannot reach: $s_i = n - c_i$ and $d_i = n - 1$ for an actor in a component of $c_i$ actors.
* **Concentration KPIs** take the same fixed scores: degree centralisation and the top broker's
  share use the largest score among the drawn actors, the betweenness Gini the weighted Gini of
  the drawn actors' betweenness. Betweenness is thus computed once per round and basis, never per
  resample.

Holding actor scores fixed is what keeps a resample cheap, and also its main limit: the interval
reflects which actors the cluster happened to have and what they reported, not how removing one
actor would reshape the paths of the others. See ``docs/rounds.md``.

Reference: Snijders, T. A. B., & Borgatti, S. P. (1999). Non-parametric standard errors and tests
for network statistics. *Connections* 22(2), 61-70.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import networkx as nx
import numpy as np
import scipy.sparse as sp

from clusternet.constants import HIGH_TRUST
from clusternet.graph import CONFIRMED, UNCONFIRMED
from clusternet.rounds.kpis import KPIS
from clusternet.rounds.network import JOINT_ACTION, RoundNetwork


class Estimator(Protocol):
    def evaluate(self, weights: np.ndarray) -> np.ndarray:
        """The KPI for each column of ``weights`` (actors x resamples, in basis order)."""


ALL_PAIRS = None
"""Denominator of a :class:`PairRatio` over every ordered pair of distinct actors."""


@dataclass(frozen=True, eq=False)
class TiedPairs:
    """The ordered pairs (i, j) of actors that carry a value: one network's ties.

    Every pair KPI of a network sums a value over the same pairs, weighted by $w_i w_j$. The
    values on these pairs are registered here, and each chunk of resamples sums them all in one
    pass over the products $w_i w_j$ (a network of 80,000 ties has about ten such sums).
    """

    rows: np.ndarray
    columns: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "_values", [])
        object.__setattr__(self, "_sums", None)

    def register(self, values: np.ndarray) -> int:
        """Add a value per pair to the sums; returns its slot for :meth:`pair_sums`."""
        self._values.append(values)
        object.__setattr__(self, "_sums", None)
        return len(self._values) - 1

    def pair_sums(self, slot: int, weights: np.ndarray) -> np.ndarray:
        r"""$\sum_k v_k w_{i_k} w_{j_k}$ for the values in ``slot``, for each column of ``weights``."""
        sums = self._sums
        if sums is None or sums[0] is not weights:
            products = weights[self.rows] * weights[self.columns]
            # holding the weights keeps their id unique while the sums are cached
            sums = (weights, np.vstack(self._values) @ products)
            object.__setattr__(self, "_sums", sums)
        return sums[1][slot]


@dataclass(frozen=True, eq=False)
class PairValues:
    """A value on each of a network's tied pairs (a sparse n x n matrix, as its entries)."""

    pairs: TiedPairs
    values: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "_slot", self.pairs.register(np.asarray(self.values, dtype=float)))

    @classmethod
    def of(cls, matrix) -> PairValues:
        entries = sp.coo_array(matrix)
        return cls(TiedPairs(entries.row.astype(np.int64), entries.col.astype(np.int64)), entries.data.astype(float))

    def weighted_sum(self, weights: np.ndarray) -> np.ndarray:
        return self.pairs.pair_sums(self._slot, weights)


@dataclass(frozen=True)
class PairRatio:
    r"""$\text{scale} \cdot \sum_{i \ne j} w_i w_j a_{ij} / \sum_{i \ne j} w_i w_j b_{ij}$; ``b`` None: every pair.

    ``a`` and ``b`` are :class:`PairValues` or sparse n x n matrices (with an empty diagonal).
    Density of the arcs 0 -> 1 and 1 -> 2, observed and with actor 0 drawn twice and actor 2 never
    (pairs a->b, a'->b, b->a, b->a': two of four tied):

    >>> import numpy as np, scipy.sparse as sp
    >>> arcs = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    >>> PairRatio(arcs).evaluate(np.array([[1.0, 2.0], [1.0, 1.0], [1.0, 0.0]])).round(4)
    array([0.3333, 0.5   ])
    """

    numerator: PairValues
    denominator: PairValues | None = ALL_PAIRS
    scale: float = 1.0

    def __post_init__(self) -> None:
        for name in ("numerator", "denominator"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, PairValues):
                object.__setattr__(self, name, PairValues.of(value))

    def evaluate(self, weights: np.ndarray) -> np.ndarray:
        numerator = self.numerator.weighted_sum(weights)
        if self.denominator is ALL_PAIRS:
            denominator = weights.sum(axis=0) ** 2 - (weights**2).sum(axis=0)
        else:
            denominator = self.denominator.weighted_sum(weights)
        return self.scale * _ratio(numerator, denominator)


@dataclass(frozen=True)
class ActorRatio:
    r"""$\text{scale} \cdot \sum_i w_i s_i / \sum_i w_i d_i$; ``denominator`` None: a weighted count."""

    numerator: np.ndarray
    denominator: np.ndarray | None = None
    scale: float = 1.0

    def evaluate(self, weights: np.ndarray) -> np.ndarray:
        numerator = self.numerator @ weights
        if self.denominator is None:
            return self.scale * numerator
        return self.scale * _ratio(numerator, self.denominator @ weights)


@dataclass(frozen=True)
class Centralization:
    r"""Freeman's degree centralisation, $\sum_i w_i (d_{\max} - d_i) / (W (n-1)(n-2)/n)$, $W = \sum_i w_i$."""

    degrees: np.ndarray

    def evaluate(self, weights: np.ndarray) -> np.ndarray:
        n = self.degrees.size
        if n < 3:
            return np.full(weights.shape[1], np.nan)
        largest = _largest_drawn(self.degrees, weights)
        drawn = weights.sum(axis=0)
        return (largest * drawn - self.degrees @ weights) / (drawn * (n - 1) * (n - 2) / n)


@dataclass(frozen=True)
class TopShare:
    r"""The largest drawn score over the weighted total, $\max_{w_i > 0} x_i / \sum_i w_i x_i$."""

    values: np.ndarray

    def evaluate(self, weights: np.ndarray) -> np.ndarray:
        return _ratio(_largest_drawn(self.values, weights), self.values @ weights)


@dataclass(frozen=True)
class WeightedGini:
    r"""The Gini coefficient of scores held $w_i$ times each.

    With the scores in ascending order, $G = \sum_i w_i x_i (W_{<i} - W_{>i}) / (W \sum_i w_i x_i)$,
    $W_{<i}$ and $W_{>i}$ the weight before and after $i$: the population Gini of
    :func:`clusternet.metrics.concentration.gini` when every weight is 1.

    >>> import numpy as np
    >>> betweenness = np.array([0.0, 0.0, 10.0])
    >>> WeightedGini(betweenness).evaluate(np.array([[1.0, 2.0], [1.0, 0.0], [1.0, 1.0]])).round(4)
    array([0.6667, 0.6667])
    """

    values: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "_order", np.argsort(self.values, kind="stable"))

    def evaluate(self, weights: np.ndarray) -> np.ndarray:
        values, weights = self.values[self._order], weights[self._order]
        after_and_self = np.cumsum(weights[::-1], axis=0)[::-1]
        total = after_and_self[0] if len(values) else np.zeros(weights.shape[1])
        before = total - after_and_self
        after = after_and_self - weights
        held = values @ weights
        return _ratio(values @ (weights * (before - after)), total * held)


@dataclass(frozen=True)
class Unavailable:
    """A KPI that is undefined on this network (reciprocity of undirected ties, ...): always NaN."""

    def evaluate(self, weights: np.ndarray) -> np.ndarray:
        return np.full(weights.shape[1], np.nan)


def kpi_estimators(network: RoundNetwork, values: dict[str, float]) -> dict[str, Estimator]:
    """An estimator per KPI of ``KPIS`` whose value at unit weights is the KPI's value on ``network``.

    ``values`` are the KPIs of :func:`.kpis.kpi_values`: a KPI that is NaN there is
    :class:`Unavailable` here.
    """
    graph, actors = network.graph, network.actors
    n = network.size
    position = {actor: at for at, actor in enumerate(graph)}
    tie_data = _TieData.of(graph, position)
    reported = tie_data if network.reported is graph else _TieData.of(network.reported, position)
    ties = tie_data.values(lambda data: 1.0)
    rated = reported.values(lambda data: 1.0 if data.get("trust") is not None else 0.0)
    possible_ties = n * (n - 1) / (1 if graph.is_directed() else 2)
    group = actors["group"].to_numpy()
    degree = actors["degree"].to_numpy(dtype=float)
    component_size = _component_sizes(graph)
    largest = _in_largest_component(graph)
    firm = actors["firm"].to_numpy(dtype=float)
    ones = np.ones(n)
    estimators: dict[str, Estimator] = {
        "actors": ActorRatio(ones),
        "respondents": ActorRatio(actors["respondent"].to_numpy(dtype=float)),
        "response_rate": ActorRatio(actors["respondent"].to_numpy(dtype=float), ones),
        "ties": PairRatio(ties, ALL_PAIRS, possible_ties),
        "density": PairRatio(ties),
        "reciprocity": PairRatio(tie_data.reciprocated(), ties),
        "mean_degree": ActorRatio(degree, ones),
        "components": ActorRatio(1.0 / component_size),
        "isolates": ActorRatio((degree == 0).astype(float)),
        "largest_component_share": ActorRatio(largest, ones),
        "fragmentation": ActorRatio(n - component_size, np.full(n, n - 1.0)),
        "degree_centralization": Centralization(degree),
        "confirmed_share": PairRatio(
            reported.values(lambda data: float(data["status"] == CONFIRMED)),
            reported.values(lambda data: float(data["status"] in (CONFIRMED, UNCONFIRMED))),
        ),
        "joint_action_ties": PairRatio(
            tie_data.values(lambda data: float(JOINT_ACTION in data.get("relations", ()))), ALL_PAIRS, possible_ties
        ),
        "firms_in_joint_action": ActorRatio(firm * (actors["joint_action_partners"].to_numpy() > 0)),
        "mean_trust": PairRatio(reported.values(lambda data: data.get("trust") or 0.0), rated),
        "high_trust_share": PairRatio(
            reported.values(lambda data: float((data.get("trust") or 0) >= HIGH_TRUST)), rated
        ),
        "firm_institution_linkage": ActorRatio(firm * (actors["ties_to_institutions"].to_numpy() > 0), firm),
        "ei_index": PairRatio(tie_data.group_signs(group), ties),
        "brokerage_top_share": TopShare(actors["brokerage_total"].to_numpy(dtype=float)),
        "betweenness_gini": WeightedGini(actors["betweenness"].to_numpy(dtype=float)),
    }
    return {kpi.name: Unavailable() if np.isnan(values[kpi.name]) else estimators[kpi.name] for kpi in KPIS}


@dataclass(frozen=True)
class _TieData:
    """The ties of a graph without self-loops, read once: their ordered pairs (an undirected tie
    gives both) and each tie's data."""

    pairs: TiedPairs
    data: list
    size: int
    directed: bool

    @classmethod
    def of(cls, graph: nx.Graph, position: dict) -> _TieData:
        ties = [(position[u], position[v], data) for u, v, data in graph.edges(data=True) if u != v]
        rows = np.fromiter((tie[0] for tie in ties), dtype=np.int64, count=len(ties))
        columns = np.fromiter((tie[1] for tie in ties), dtype=np.int64, count=len(ties))
        if not graph.is_directed():
            rows, columns = np.concatenate([rows, columns]), np.concatenate([columns, rows])
        return cls(TiedPairs(rows, columns), [tie[2] for tie in ties], len(position), graph.is_directed())

    def values(self, value) -> PairValues:
        """``value(tie data)`` on every pair; an undirected tie gives it to both of its pairs."""
        return self._on_pairs(
            np.fromiter((float(value(data)) for data in self.data), dtype=float, count=len(self.data))
        )

    def group_signs(self, group: np.ndarray) -> PairValues:
        """+1 for a tie across groups, -1 for one within a group (the E-I sign)."""
        pairs = self.pairs
        return PairValues(pairs, np.where(group[pairs.rows] != group[pairs.columns], 1.0, -1.0))

    def reciprocated(self) -> PairValues:
        """1 on a pair whose reverse pair is tied too."""
        pairs = self.pairs
        keys = pairs.rows * max(self.size, 1) + pairs.columns
        reverse = pairs.columns * max(self.size, 1) + pairs.rows
        return PairValues(pairs, np.isin(reverse, keys).astype(float))

    def _on_pairs(self, entries: np.ndarray) -> PairValues:
        return PairValues(self.pairs, entries if self.directed else np.concatenate([entries, entries]))


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1), np.nan)


def _largest_drawn(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The largest value among the actors drawn at least once, for each resample."""
    if values.size == 0:
        return np.full(weights.shape[1], np.nan)
    return np.where(weights > 0, values[:, None], -np.inf).max(axis=0)


def _component_sizes(graph: nx.Graph) -> np.ndarray:
    """The size of each actor's weak component, in node order."""
    parts = nx.weakly_connected_components(graph) if graph.is_directed() else nx.connected_components(graph)
    size = {node: len(part) for part in parts for node in part}
    return np.array([size[node] for node in graph], dtype=float)


def _in_largest_component(graph: nx.Graph) -> np.ndarray:
    """1 for the actors of the largest weak component (the first found among equals), else 0."""
    parts = nx.weakly_connected_components(graph) if graph.is_directed() else nx.connected_components(graph)
    largest = max(parts, key=len, default=set())
    return np.array([float(node in largest) for node in graph])
