r"""How far groups of actors reach out: Krackhardt and Stern's E-I index, overall and by group.

Groups are given as a mapping ``node -> label`` (a dict, or a pandas Series indexed by node),
typically the actor ``type`` or another attribute of the survey. Shared conventions:

* **Missing labels.** An actor whose label is missing (None or NaN, or absent from the mapping)
  belongs to the group ``"unknown"``; an actor labelled ``"unknown"`` joins that same group.
  Mapping entries for nodes not in the graph are ignored.
* **Ties** are distinct pairs: arcs (ordered pairs) in a ``DiGraph``, edges in a ``Graph``.
  Parallel edges of a multigraph count once, edge attributes are ignored and self-loops are
  ignored.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Protocol, cast

import networkx as nx
import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison
    from pandas._typing import Scalar

__all__ = ["UNKNOWN_GROUP", "GroupLabels", "ei_by_group", "ei_index", "is_missing_label"]

UNKNOWN_GROUP = "unknown"
"""The group of actors whose label is missing."""


class GroupLabels(Protocol):
    """``node -> group label``: a dict, or a pandas Series indexed by node; a missing node gives None."""

    def get(self, node: str, /) -> Hashable | None: ...


def ei_index(G: nx.Graph[str], groups: GroupLabels) -> float:
    r"""Return Krackhardt and Stern's E-I index of the whole network.

    .. math::

        \text{EI} = \frac{E - I}{E + I}

    where $E$ counts the ties between actors of different groups (external) and $I$ the ties
    within a group (internal) [1]_. It runs from $-1$, every tie inside a group, to $+1$, every
    tie crossing groups.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors. A directed graph counts arcs, so a reciprocated pair counts twice
        (the ``ei_index`` of ``network.csv``); an undirected graph counts edges.
    groups : mapping
        ``node -> group label``; missing labels form the group ``"unknown"``.

    Returns
    -------
    float
        NaN when there are no ties.

    Notes
    -----
    The raw index is not corrected for group sizes. Under random mixing it is not 0 but
    $(P_E - P_I) / (P_E + P_I)$, with $P_E$ and $P_I$ the numbers of possible external and
    internal pairs: positive when there are many small groups, negative when one group holds
    most actors. Compare networks or rounds with the same groups, or against that baseline.

    Examples
    --------
    Three firms and two institutions, with one tie across:

    >>> import networkx as nx
    >>> G = nx.Graph([("f1", "f2"), ("f2", "f3"), ("f3", "i1"), ("i1", "i2")])
    >>> groups = {"f1": "firm", "f2": "firm", "f3": "firm", "i1": "institution", "i2": "institution"}
    >>> ei_index(G, groups)
    -0.5

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises:
       An experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.
    """
    _, _, source_group, target_group = _coded_ties(G, groups)
    if source_group.size == 0:
        return float("nan")
    internal = int(np.count_nonzero(source_group == target_group))
    external = source_group.size - internal
    return float((external - internal) / (external + internal))


def ei_by_group(G: nx.Graph[str], groups: GroupLabels) -> pd.DataFrame:
    r"""Return the internal and external ties and the E-I index of each group.

    For a group $g$, $I_g$ counts the ties with both ends in $g$ and $E_g$ the ties with exactly
    one end in $g$, whichever end that is, and

    .. math::

        \text{EI}_g = \frac{E_g - I_g}{E_g + I_g}.

    A group with $\text{EI}_g$ near $-1$ keeps to itself; near $+1$ its ties lead out [1]_.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties between actors. In a directed graph, arcs count in either direction: an arc into the
        group from outside is external as much as one leaving it, and a reciprocated pair counts
        twice. An undirected graph counts edges.
    groups : mapping
        ``node -> group label``; missing labels form the group ``"unknown"``.

    Returns
    -------
    pandas.DataFrame
        Indexed by group label (index name ``group``), one row per group that has at least one
        actor in ``G``, sorted by label (by its text when labels of different kinds are mixed).
        Columns ``actors``, ``internal``, ``external`` (ints) and ``ei_index`` (float, NaN for a
        group without ties). Empty, with these columns, for a graph without actors.

    Notes
    -----
    Summed over groups, ``internal`` gives the $I$ of :func:`ei_index` and ``external`` gives
    $2E$: a tie between two groups is external to both. Isolates count in ``actors`` only.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("f1", "f2"), ("f2", "f3"), ("f3", "i1"), ("i1", "i2")])
    >>> groups = {"f1": "firm", "f2": "firm", "f3": "firm", "i1": "institution", "i2": "institution"}
    >>> ei_by_group(G, groups).round(4)  # doctest: +NORMALIZE_WHITESPACE
                 actors  internal  external  ei_index
    group
    firm              3         2         1   -0.3333
    institution       2         1         1    0.0000

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises:
       An experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.
    """
    labels, actor_group, source_group, target_group = _coded_ties(G, groups)
    count = len(labels)
    inside = source_group == target_group
    internal = np.bincount(source_group[inside], minlength=count)
    external = np.bincount(source_group[~inside], minlength=count) + np.bincount(target_group[~inside], minlength=count)
    with np.errstate(divide="ignore", invalid="ignore"):
        ei = (external - internal) / (external + internal)
    table = pd.DataFrame(
        {
            "actors": np.bincount(actor_group, minlength=count),
            "internal": internal,
            "external": external,
            "ei_index": ei,
        },
        index=pd.Index(labels, name="group", dtype=object),
    )
    return table.loc[_sorted_labels(labels)]


def is_missing_label(label: object) -> bool:
    """Whether a group label is missing: None, or a scalar that pandas reads as missing (NaN, NA, NaT)."""
    # is_scalar has just established that label is a pandas Scalar; its stub says bool, not TypeGuard
    return label is None or (pd.api.types.is_scalar(label) and bool(pd.isna(cast("Scalar", label))))


def _group_label(label: Hashable | None) -> Hashable:
    return UNKNOWN_GROUP if label is None or is_missing_label(label) else label


def _coded_ties(
    G: nx.Graph[str], groups: GroupLabels
) -> tuple[list[Hashable], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Group labels, the group number of each node, and the group numbers at both ends of each tie."""
    nodes = list(G)
    position = {node: at for at, node in enumerate(nodes)}
    actor_group, labels = pd.factorize(
        pd.Series([_group_label(groups.get(node)) for node in nodes], dtype=object), sort=False
    )
    # Each undirected edge appears in the adjacency of both ends: keep it once.
    keep = (lambda u, v: u != v) if G.is_directed() else (lambda u, v: position[u] < position[v])
    ends = [(position[u], position[v]) for u, neighbours in G.adj.items() for v in neighbours if keep(u, v)]
    source, target = np.array(ends, dtype=np.int64).reshape(-1, 2).T
    actor_group = actor_group.astype(np.int64)
    return list(labels), actor_group, actor_group[source], actor_group[target]


def _sorted_labels(labels: list[Hashable]) -> list[Hashable]:
    try:  # labels of one kind compare; a mix of kinds (text and numbers) raises TypeError
        return sorted(labels, key=lambda label: cast("SupportsRichComparison", label))
    except TypeError:
        return sorted(labels, key=str)
