r"""How alike two rounds' networks are: the correlation of their tie matrices, tested by QAP.

The tie matrix of a round has a 1 in row $i$, column $j$ when $i$ reported $j$ (for ``any`` or
``confirmed`` ties, both cells of a tie). Over the $n(n-1)$ cells off the diagonal, the Pearson
correlation of two rounds' matrices is high when the same pairs are tied in both: a stable network.
Cells of one network are not independent (an active actor fills a whole row), so the usual test of
a correlation does not apply. The quadratic assignment procedure (QAP) permutes the rows and
columns of the second matrix together, which keeps its structure (degrees, reciprocity, clusters)
and only breaks the link between who is who in the two rounds, and counts how often a permuted
correlation reaches the observed one, as UCINET's QAP correlation does.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx
import numpy as np
import numpy.typing as npt
import pandas as pd

DEFAULT_PERMUTATIONS = 2000
"""Permutations per QAP test: p-values down to about 0.0005."""

CHUNK_CELLS = 250_000
"""Permuted tie ends held at once: few enough to stay in the processor's cache (2 MB a temporary
array) and keep memory flat on large surveys. The permutations are drawn one after another
whatever the chunk, so the p-value does not depend on it."""

LOOKUP_TABLE_CELLS = 2**29
"""Largest tie matrix (n x n cells: up to 23,170 actors) looked up through a table of one bit per
cell (64 MB at most); a larger one through a hash table of its ties."""

Node = TypeVar("Node", bound=Hashable)
Cells = npt.NDArray[np.int64]
"""Cells of a tie matrix (row, column, or row * n + column)."""


@dataclass(frozen=True)
class QapCorrelation:
    """The correlation of two tie matrices, its one-sided QAP p-value, and how it was obtained."""

    correlation: float
    p_value: float
    permutations: int
    actors: int


def qap_correlation(
    first: nx.Graph[Node], second: nx.Graph[Node], *, permutations: int = DEFAULT_PERMUTATIONS, seed: int = 0
) -> QapCorrelation:
    r"""Return the correlation of two graphs' tie matrices and its QAP permutation p-value.

    .. math::

        r = \frac{N S_{xy} - S_x S_y}{\sqrt{S_x (N - S_x)\, S_y (N - S_y)}}

    over the $N = n(n-1)$ off-diagonal cells, with $S_x$, $S_y$ the ties of each graph and
    $S_{xy}$ the cells tied in both (the Pearson correlation of binary matrices, UCINET's QAP
    correlation on dichotomous data) [1]_. The p-value is one-sided, for a correlation at least as
    large as observed: $p = (1 + \#\{\pi : S_{xy}(\pi) \ge S_{xy}\}) / (1 + P)$ over $P$ random
    permutations $\pi$ of the second graph's actors, applied to its rows and columns together
    [2]_; the added 1 counts the observed labelling, so $p$ is never 0 [3]_.

    Parameters
    ----------
    first, second : networkx.DiGraph or networkx.Graph
        Ties of two rounds over the same actors (nodes); undirected ties fill both cells; weights
        and self-loops are ignored.
    permutations : int
        Number of random permutations; 0 gives the correlation with a NaN p-value.
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same p-value.

    Returns
    -------
    QapCorrelation
        NaN correlation and p-value when either matrix is empty or full, or with fewer than two
        actors.

    Raises
    ------
    ValueError
        If the graphs do not have the same actors.

    Examples
    --------
    >>> import networkx as nx
    >>> before = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> after = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "a")])
    >>> result = qap_correlation(before, after, permutations=0)
    >>> round(result.correlation, 4)
    0.5556

    References
    ----------
    .. [1] Borgatti, S. P., Everett, M. G., & Johnson, J. C. (2018). *Analyzing Social Networks*,
       2nd ed., ch. 8. Sage.
    .. [2] Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks* 9(2),
       171-186.
    .. [3] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
       *Statistical Applications in Genetics and Molecular Biology* 9(1), article 39.
    """
    if set(first) != set(second):
        raise ValueError("QAP compares tie matrices over the same actors: give both graphs the same nodes")
    nodes = list(first)
    n = len(nodes)
    position = {node: at for at, node in enumerate(nodes)}
    first_source, first_target = _tie_ends(first, position)
    second_keys = _tie_keys(second, position, n)
    cells = n * (n - 1)
    ties_first, ties_second = first_source.size, second_keys.size
    nan = QapCorrelation(float("nan"), float("nan"), permutations, n)
    if n < 2 or 0 in (ties_first, ties_second) or cells in (ties_first, ties_second):
        return nan
    tied_in_second = _cell_lookup(second_keys, n)
    both = int(_tied_in(first_source * n + first_target, tied_in_second).sum())
    spread = np.sqrt(float(ties_first) * (cells - ties_first) * ties_second * (cells - ties_second))
    correlation = (cells * both - ties_first * ties_second) / spread
    if permutations < 1:
        return QapCorrelation(float(correlation), float("nan"), permutations, n)
    rng = np.random.default_rng(seed)
    chunk = max(1, min(permutations, CHUNK_CELLS // max(ties_first, n)))
    at_least = 0
    for start in range(0, permutations, chunk):
        relabel = rng.permuted(np.tile(np.arange(n), (min(chunk, permutations - start), 1)), axis=1)
        keys = relabel[:, first_source] * n + relabel[:, first_target]
        at_least += int((_tied_in(keys, tied_in_second).sum(axis=1) >= both).sum())
    return QapCorrelation(float(correlation), (1 + at_least) / (1 + permutations), permutations, n)


def _tie_ends(graph: nx.Graph[Node], position: dict[Node, int]) -> tuple[Cells, Cells]:
    """Row and column of every tied cell off the diagonal; an undirected tie gives both cells."""
    ends = np.fromiter(
        (position[node] for tie in graph.edges() for node in tie[:2]), dtype=np.int64, count=2 * graph.number_of_edges()
    ).reshape(-1, 2)
    source, target = ends[:, 0], ends[:, 1]
    if not graph.is_directed():
        source, target = np.concatenate([source, target]), np.concatenate([target, source])
    n = max(len(position), 1)
    cells = np.unique((source * n + target)[source != target])
    return cells // n, cells % n


def _tie_keys(graph: nx.Graph[Node], position: dict[Node, int], n: int) -> Cells:
    source, target = _tie_ends(graph, position)
    return np.sort(source * n + target)


def _cell_lookup(cells: Cells, n: int) -> npt.NDArray[np.uint8] | pd.Index[int]:
    """What tells whether a cell (row * n + column) is among the (unique) ``cells``: one bit per cell
    of the matrix while it holds at most ``LOOKUP_TABLE_CELLS``, else a hash table of the tied cells
    (a lookup in either is exact; the bits' is two to five times faster)."""
    if n * n <= LOOKUP_TABLE_CELLS:
        bits = np.zeros((n * n + 7) // 8, dtype=np.uint8)
        np.bitwise_or.at(bits, cells >> 3, np.left_shift(1, cells & 7).astype(np.uint8))
        return bits
    return pd.Index(cells)


def _tied_in(keys: Cells, cells: npt.NDArray[np.uint8] | pd.Index[int]) -> npt.NDArray[np.bool_]:
    """Whether each of ``keys`` (cells as row * n + column) is among the cells of ``cells`` (:func:`_cell_lookup`)."""
    if isinstance(cells, np.ndarray):
        tied: npt.NDArray[np.bool_] = ((cells[keys >> 3] >> (keys & 7).astype(np.uint8)) & 1).astype(bool)
        return tied
    found: npt.NDArray[np.bool_] = cells.get_indexer(pd.Index(keys.ravel())).reshape(keys.shape) >= 0
    return found
