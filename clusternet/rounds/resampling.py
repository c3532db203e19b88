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

Each KPI's estimator is declared with the KPI in :data:`clusternet.kpis.KPIS`, from the arrays
and pair values of :class:`Resampling`, which reads a round's network once for all of them.

Holding actor scores fixed is what keeps a resample cheap, and also its main limit: the interval
reflects which actors the cluster happened to have and what they reported, not how removing one
actor would reshape the paths of the others. See ``docs/rounds.md``.

Reference: Snijders, T. A. B., & Borgatti, S. P. (1999). Non-parametric standard errors and tests
for network statistics. *Connections* 22(2), 61-70.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import networkx as nx
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from clusternet.constants import HIGH_TRUST
from clusternet.graph import CONFIRMED, UNCONFIRMED
from clusternet.rounds.network import JOINT_ACTION, RoundNetwork

Array = npt.NDArray[np.float64]
"""A float array: actor scores (one per actor) or KPI values and weights (one column per resample)."""

TieData = Mapping[str, Any]
"""The attributes of one tie (``trust``, ``status``, ``relations``, ...), as networkx holds them."""


class Estimator(Protocol):
    def evaluate(self, weights: Array) -> Array:
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

    rows: npt.NDArray[np.int64]
    columns: npt.NDArray[np.int64]
    _values: list[Array] = field(default_factory=list, init=False, repr=False)
    # the weights last summed over (held, so that their id stays unique) and the sums
    _sums: list[tuple[Array, Array]] = field(default_factory=list, init=False, repr=False)
    # the values stacked as one matrix (a slot per row), once for every chunk of resamples
    _stacked: list[Array] = field(default_factory=list, init=False, repr=False)

    def register(self, values: Array) -> int:
        """Add a value per pair to the sums; returns its slot for :meth:`pair_sums`."""
        self._values.append(values)
        self._sums.clear()
        self._stacked.clear()
        return len(self._values) - 1

    def pair_sums(self, slot: int, weights: Array) -> Array:
        r"""$\sum_k v_k w_{i_k} w_{j_k}$ for the values in ``slot``, for each column of ``weights``."""
        if not self._sums or self._sums[0][0] is not weights:
            products = weights[self.rows] * weights[self.columns]
            if not self._stacked:
                self._stacked.append(np.vstack(self._values))
            sums: Array = self._stacked[0] @ products
            self._sums[:] = [(weights, sums)]
        row: Array = self._sums[0][1][slot]
        return row


@dataclass(frozen=True, eq=False)
class PairValues:
    """A value on each of a network's tied pairs (a sparse n x n matrix, as its entries)."""

    pairs: TiedPairs
    values: Array
    _slot: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_slot", self.pairs.register(np.asarray(self.values, dtype=float)))

    @classmethod
    def of(cls, matrix: sp.csr_array[np.float64, tuple[int, int]]) -> PairValues:
        entries = sp.coo_array(matrix)
        return cls(TiedPairs(entries.row.astype(np.int64), entries.col.astype(np.int64)), entries.data.astype(float))

    def weighted_sum(self, weights: Array) -> Array:
        return self.pairs.pair_sums(self._slot, weights)


@dataclass(frozen=True, init=False)
class PairRatio:
    r"""$\text{scale} \cdot \sum_{i \ne j} w_i w_j a_{ij} / \sum_{i \ne j} w_i w_j b_{ij}$; ``b`` None: every pair.

    ``a`` and ``b`` are :class:`PairValues` or sparse n x n CSR arrays (with an empty diagonal).
    Density of the arcs 0 -> 1 and 1 -> 2, observed and with actor 0 drawn twice and actor 2 never
    (pairs a->b, a'->b, b->a, b->a': two of four tied):

    >>> import numpy as np, scipy.sparse as sp
    >>> arcs = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    >>> PairRatio(arcs).evaluate(np.array([[1.0, 2.0], [1.0, 1.0], [1.0, 0.0]])).round(4)
    array([0.3333, 0.5   ])
    """

    numerator: PairValues
    denominator: PairValues | None
    scale: float

    def __init__(
        self,
        numerator: PairValues | sp.csr_array[np.float64, tuple[int, int]],
        denominator: PairValues | sp.csr_array[np.float64, tuple[int, int]] | None = ALL_PAIRS,
        scale: float = 1.0,
    ) -> None:
        object.__setattr__(self, "numerator", _pair_values(numerator))
        object.__setattr__(self, "denominator", None if denominator is None else _pair_values(denominator))
        object.__setattr__(self, "scale", scale)

    def evaluate(self, weights: Array) -> Array:
        numerator = self.numerator.weighted_sum(weights)
        if self.denominator is ALL_PAIRS:
            denominator = weights.sum(axis=0) ** 2 - (weights**2).sum(axis=0)
        else:
            denominator = self.denominator.weighted_sum(weights)
        return self.scale * _ratio(numerator, denominator)


def _pair_values(values: PairValues | sp.csr_array[np.float64, tuple[int, int]]) -> PairValues:
    return values if isinstance(values, PairValues) else PairValues.of(values)


@dataclass(frozen=True)
class ActorRatio:
    r"""$\text{scale} \cdot \sum_i w_i s_i / \sum_i w_i d_i$; ``denominator`` None: a weighted count."""

    numerator: Array
    denominator: Array | None = None
    scale: float = 1.0

    def evaluate(self, weights: Array) -> Array:
        numerator = self.numerator @ weights
        if self.denominator is None:
            return self.scale * numerator
        return self.scale * _ratio(numerator, self.denominator @ weights)


@dataclass(frozen=True)
class Centralization:
    r"""Freeman's degree centralisation, $\sum_i w_i (d_{\max} - d_i) / (W (n-1)(n-2)/n)$, $W = \sum_i w_i$."""

    degrees: Array

    def evaluate(self, weights: Array) -> Array:
        n = self.degrees.size
        if n < 3:
            return np.full(weights.shape[1], np.nan)
        largest = _largest_drawn(self.degrees, weights)
        drawn = weights.sum(axis=0)
        centralization: Array = (largest * drawn - self.degrees @ weights) / (drawn * (n - 1) * (n - 2) / n)
        return centralization


@dataclass(frozen=True)
class TopShare:
    r"""The largest drawn score over the weighted total, $\max_{w_i > 0} x_i / \sum_i w_i x_i$."""

    values: Array

    def evaluate(self, weights: Array) -> Array:
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

    values: Array
    _order: npt.NDArray[np.intp] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_order", np.argsort(self.values, kind="stable"))

    def evaluate(self, weights: Array) -> Array:
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

    def evaluate(self, weights: Array) -> Array:
        return np.full(weights.shape[1], np.nan)


@dataclass(frozen=True, eq=False)
class Resampling:
    """A round's network as the bootstrap reads it, for the estimators of :data:`clusternet.kpis.KPIS`.

    Actors are numbered in basis order. Ties become :class:`PairValues` on their ordered pairs (an
    undirected tie gives both), actor scores arrays; each is computed once, when a KPI first needs it.
    """

    network: RoundNetwork

    @property
    def size(self) -> int:
        return self.network.size

    @cached_property
    def tie_data(self) -> _TieData:
        """The ties of the selected tie mode."""
        return _TieData.of(self.network.graph, {actor: at for at, actor in enumerate(self.network.graph)})

    @cached_property
    def reported(self) -> _TieData:
        """The reported ties (the same as :attr:`tie_data` for the tie mode ``reported``)."""
        if self.network.reported is self.network.graph:
            return self.tie_data
        return _TieData.of(self.network.reported, {actor: at for at, actor in enumerate(self.network.graph)})

    @cached_property
    def ties(self) -> PairValues:
        """1 on every tied pair."""
        return self.tie_data.values(lambda data: 1.0)

    @cached_property
    def possible_ties(self) -> float:
        """Arcs (or edges) the basis could hold: counts are shares of this."""
        n = self.size
        return n * (n - 1) / (1 if self.network.graph.is_directed() else 2)

    @cached_property
    def reciprocated(self) -> PairValues:
        """1 on a tied pair whose reverse pair is tied too."""
        return self.tie_data.reciprocated()

    @cached_property
    def confirmed(self) -> PairValues:
        """1 on a reported arc the partner reported too."""
        return self.reported.values(lambda data: float(data["status"] == CONFIRMED))

    @cached_property
    def confirmable(self) -> PairValues:
        """1 on a reported arc between two respondents (confirmed or not)."""
        return self.reported.values(lambda data: float(data["status"] in (CONFIRMED, UNCONFIRMED)))

    @cached_property
    def joint_action(self) -> PairValues:
        """1 on a tied pair that carries the relation ``joint_action``."""
        return self.tie_data.values(lambda data: float(JOINT_ACTION in data.get("relations", ())))

    @cached_property
    def trust(self) -> PairValues:
        """The trust rating of each reported arc, 0 when not rated."""
        return self.reported.values(lambda data: data.get("trust") or 0.0)

    @cached_property
    def high_trust(self) -> PairValues:
        """1 on a reported arc rated ``HIGH_TRUST`` or more."""
        return self.reported.values(lambda data: float((data.get("trust") or 0) >= HIGH_TRUST))

    @cached_property
    def rated(self) -> PairValues:
        """1 on a reported arc with a trust rating."""
        return self.reported.values(lambda data: 1.0 if data.get("trust") is not None else 0.0)

    @cached_property
    def group_signs(self) -> PairValues:
        """+1 on a tied pair across groups, -1 on one within a group (the E-I sign)."""
        return self.tie_data.group_signs(self.network.actors["group"].to_numpy())

    @cached_property
    def ones(self) -> Array:
        return np.ones(self.size)

    def column(self, name: str) -> Array:
        """A column of the network's actor table as floats, in basis order."""
        return self.network.actors[name].to_numpy(dtype=float)

    @cached_property
    def degree(self) -> Array:
        return self.column("degree")

    @cached_property
    def firm(self) -> Array:
        """1 for a firm, else 0."""
        return self.column("firm")

    @cached_property
    def components(self) -> list[set[str]]:
        """The weak components, in the order networkx finds them."""
        graph = self.network.graph
        if isinstance(graph, nx.DiGraph):
            return list(nx.weakly_connected_components(graph))
        return list(nx.connected_components(graph))

    @cached_property
    def component_size(self) -> Array:
        """The size of each actor's weak component."""
        size = {node: len(part) for part in self.components for node in part}
        return np.array([size[node] for node in self.network.graph], dtype=float)

    @cached_property
    def in_largest_component(self) -> Array:
        """1 for the actors of the largest weak component (the first found among equals), else 0."""
        largest = max(self.components, key=len, default=set())
        return np.array([float(node in largest) for node in self.network.graph])


@dataclass(frozen=True)
class _TieData:
    """The ties of a graph without self-loops, read once: their ordered pairs (an undirected tie
    gives both) and each tie's data."""

    pairs: TiedPairs
    data: list[TieData]
    size: int
    directed: bool

    @classmethod
    def of(cls, graph: nx.Graph[str], position: dict[str, int]) -> _TieData:
        ties = [(position[u], position[v], data) for u, v, data in graph.edges(data=True) if u != v]
        rows = np.fromiter((tie[0] for tie in ties), dtype=np.int64, count=len(ties))
        columns = np.fromiter((tie[1] for tie in ties), dtype=np.int64, count=len(ties))
        if not graph.is_directed():
            rows, columns = np.concatenate([rows, columns]), np.concatenate([columns, rows])
        return cls(TiedPairs(rows, columns), [tie[2] for tie in ties], len(position), graph.is_directed())

    def values(self, value: Callable[[TieData], float]) -> PairValues:
        """``value(tie data)`` on every pair; an undirected tie gives it to both of its pairs."""
        return self._on_pairs(
            np.fromiter((float(value(data)) for data in self.data), dtype=float, count=len(self.data))
        )

    def group_signs(self, group: npt.NDArray[np.object_]) -> PairValues:
        """+1 for a tie across groups, -1 for one within a group (the E-I sign)."""
        pairs = self.pairs
        return PairValues(pairs, np.where(group[pairs.rows] != group[pairs.columns], 1.0, -1.0))

    def reciprocated(self) -> PairValues:
        """1 on a pair whose reverse pair is tied too."""
        pairs = self.pairs
        keys = pairs.rows * max(self.size, 1) + pairs.columns
        reverse = pairs.columns * max(self.size, 1) + pairs.rows
        return PairValues(pairs, np.isin(reverse, keys).astype(float))

    def _on_pairs(self, entries: Array) -> PairValues:
        return PairValues(self.pairs, entries if self.directed else np.concatenate([entries, entries]))


def _ratio(numerator: Array, denominator: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1), np.nan)


def _largest_drawn(values: Array, weights: Array) -> Array:
    """The largest value among the actors drawn at least once, for each resample."""
    if values.size == 0:
        return np.full(weights.shape[1], np.nan)
    largest: Array = np.where(weights > 0, values[:, None], -np.inf).max(axis=0)
    return largest
