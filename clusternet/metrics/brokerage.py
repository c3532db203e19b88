r"""Gould and Fernandez's brokerage roles: who mediates between which groups of a cluster.

Counts come from sparse matrix products, so they scale to tens of thousands of actors; expected
counts, standard deviations and z-scores reproduce R's ``sna::brokerage``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

import networkx as nx
import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp

from clusternet.metrics.adjacency import ArcMatrix, arc_matrix
from clusternet.metrics.groups import GroupLabels, is_missing_label
from clusternet.metrics.sparse_rows import shared_row_entries
from clusternet.survey.vocabulary import UNKNOWN_TYPE

__all__ = ["brokerage_roles", "brokerage_totals", "brokerage_z_scores"]

ROLE_COLUMNS = (
    "coordinator",
    "gatekeeper",
    "representative",
    "consultant",
    "liaison",
    "brokerage_total",
)
"""Columns of :func:`brokerage_roles`, in the order of ``actors.csv``."""

MISSING_GROUP = UNKNOWN_TYPE
"""Group of actors whose group label is missing (absent from the mapping, None or NaN)."""

Sizes = TypeVar("Sizes", npt.NDArray[np.float64], float)
"""The size of each group, or of the whole network."""


def brokerage_roles(G: nx.Graph[str], groups: GroupLabels) -> pd.DataFrame:
    r"""Return how often each actor brokers between actors of its own and other groups.

    Actor $b$ *brokers* the ordered pair $(a, c)$ when $a \to b \to c$, $a \ne c$, and there
    is no arc $a \to c$: $b$ is the only direct way from $a$ to $c$. Each brokered pair is
    counted in one role, by the groups $g(\cdot)$ of the three actors [1]_:

    ==================  =====================================  ======================
    column              groups                                 two-path, broker in A
    ==================  =====================================  ======================
    ``coordinator``     $g(a) = g(b) = g(c)$                   A -> A -> A
    ``gatekeeper``      $g(a) \ne g(b) = g(c)$                 B -> A -> A
    ``representative``  $g(a) = g(b) \ne g(c)$                 A -> A -> B
    ``consultant``      $g(a) = g(c) \ne g(b)$                 B -> A -> B
    ``liaison``         $g(a)$, $g(b)$, $g(c)$ all different   B -> A -> C
    ==================  =====================================  ======================

    and ``brokerage_total`` is their sum. A gatekeeper controls what enters its group from
    outside; a representative carries its group's contacts out; a consultant (Gould and
    Fernandez's *itinerant* broker) links two members of another group; a liaison links two
    groups that are both not its own. In R's ``sna::brokerage`` [2]_ the columns are ``w_I``,
    ``b_OI``, ``b_IO``, ``w_O``, ``b_O`` and ``t``, in this order of roles.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Reported ties: an arc ``u -> v`` means that ``u`` named ``v``. In an undirected graph each
        edge counts as arcs in both directions. Actors without ties must be present as nodes.
    groups : mapping
        Group label of each node (a dict or a pandas Series indexed by node), for example the
        actor type. Labels are compared with ``==``.

    Returns
    -------
    pandas.DataFrame
        Indexed by node in the order of ``G``, with integer columns ``coordinator``,
        ``gatekeeper``, ``representative``, ``consultant``, ``liaison`` and
        ``brokerage_total``.

    Notes
    -----
    Conventions:

    * **Direction** is taken as given: roles follow the arcs $a \to b \to c$. When the survey
      question runs against the flow that matters (say "whom do you get advice from", and
      advice flows from the named actor to the respondent), pass ``G.reverse()``; reversing
      swaps the gatekeeper and representative counts and leaves the others unchanged.
    * **Undirected graphs**: the path a - b - c without a tie a - c is brokered both ways,
      so it counts twice for b, and each actor's gatekeeper and representative counts are
      equal.
    * **Missing groups**: actors absent from ``groups`` or labelled None or NaN form one
      group, ``"unknown"`` (the type the survey gives actors without one), which counts as
      a group like any other: two actors of unknown type are taken to be of the same group.
      Fill in the labels where the role of unknown actors matters.
    * **Weights** are ignored; parallel edges of a multigraph count once; self-loops are
      ignored. Isolates, and actors with only in-ties or only out-ties, broker nothing: 0.

    Two-paths are counted with sparse products by group, and the closed ones ($a \to c$
    present) are found by intersecting the successor lists of each arc's ends, scanning the
    shorter list; no $n \times n$ array is built.

    Examples
    --------
    A firm reaches a second association only through an association:

    >>> import networkx as nx
    >>> G = nx.DiGraph([("firm", "assoc1"), ("assoc1", "assoc2")])
    >>> groups = {"firm": "firm", "assoc1": "association", "assoc2": "association"}
    >>> brokerage_roles(G, groups).loc["assoc1"].to_dict()
    {'coordinator': 0, 'gatekeeper': 1, 'representative': 0, 'consultant': 0, 'liaison': 0, 'brokerage_total': 1}

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal approach
       to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. sna: Tools for Social Network Analysis. R package, version 2.7,
       function ``brokerage`` (files ``R/models.R`` and ``src/gli.c``).
    """
    nodes = list(G)
    arcs = _arcs(G)
    group = _group_codes(nodes, groups)
    counts = _role_counts(arcs, group)
    return pd.DataFrame(counts, index=pd.Index(nodes), columns=list(ROLE_COLUMNS))


def brokerage_z_scores(G: nx.Graph[str], groups: GroupLabels) -> pd.DataFrame:
    r"""Return each actor's expected brokerage counts, their standard deviations and z-scores.

    Expectations and variances are those of Gould and Fernandez (1989) [1]_ as R's
    ``sna::brokerage`` computes them (``exp.nli``, ``sd.nli``, ``z.nli``) [2]_: under a random
    directed graph with every arc present independently with the observed density
    $d = m / (N(N-1))$ ($m$ arcs, $N$ actors), group labels held fixed. A brokered pair is then
    present with probability $\pi = d^2 (1 - d)$, and two pairs brokered by the same actor that
    share an arc ($a \to b$ or $b \to c$) covary by $\kappa = d^3 (1 - d)^3$. For a broker in a
    group of $n_g$ actors, with $R = N - n_g$ actors outside it and $n_h$ the sizes of the other
    groups, the expected count $\mu$ and the variance $\sigma^2$ are

    * coordinator: $\mu = \pi (n_g - 1)(n_g - 2)$,
      $\sigma^2 = \mu (1 - \pi) + 2 \kappa (n_g - 1)(n_g - 2)(n_g - 3)$;
    * gatekeeper, and representative alike: $\mu = \pi R (n_g - 1)$,
      $\sigma^2 = \mu (1 - \pi) + \kappa R (n_g - 1)(N - 3)$;
    * consultant: $\mu = \pi \sum_h n_h (n_h - 1)$,
      $\sigma^2 = \mu (1 - \pi) + 2 \kappa \sum_h n_h (n_h - 1)(n_h - 2)$;
    * liaison: $\mu = \pi \sum_{h \ne k} n_h n_k$,
      $\sigma^2 = \mu (1 - \pi) + 2 \kappa \sum_h n_h (R - n_h)(R - n_h - 1)$;
    * brokerage_total: $\mu = \pi (N - 1)(N - 2)$,
      $\sigma^2 = \mu (1 - \pi) + 2 \kappa (N - 1)(N - 2)(N - 3)$.

    The z-score is $(\text{count} - \mu) / \sigma$; a z above about 2 marks an actor who
    brokers that role far more often than an actor of its group in a random network of the same
    density would. These moments are exact under the model (checked by enumerating all graphs on
    five actors). The null model randomises the ties, not the group labels: expectations depend
    on the broker's group and the density only, not on the actor's own number of ties, so an
    actor with many ties tends to score high in every role; compare an actor's roles with each
    other as well as with the expectation.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Reported ties, as for :func:`brokerage_roles` (same conventions for direction,
        undirected graphs, weights and self-loops).
    groups : mapping
        Group label of each node; missing labels form the group ``"unknown"``, as for
        :func:`brokerage_roles`.

    Returns
    -------
    pandas.DataFrame
        Indexed by node in the order of ``G``; for each role of :func:`brokerage_roles`
        (``coordinator`` ... ``brokerage_total``) three float columns ``<role>_expected``,
        ``<role>_sd`` and ``<role>_z``. The z-score is NaN where the standard deviation is 0
        (no pair of the role is possible, for example a coordinator in a group of two; or a
        graph with no arcs or all arcs) and everywhere when $N < 2$.

    Examples
    --------
    In a cycle of two pairs, b passes a's contact on to the other pair (representative):

    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])
    >>> groups = {"a": 1, "b": 1, "c": 2, "d": 2}
    >>> scores = brokerage_z_scores(G, groups)
    >>> scores.loc["b"].filter(like="representative").round(4).to_dict()
    {'representative_expected': 0.1481, 'representative_sd': 0.3989, 'representative_z': 2.1355}

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal approach
       to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. sna: Tools for Social Network Analysis. R package, version 2.7,
       function ``brokerage`` (file ``R/models.R``).
    """
    nodes = list(G)
    arcs = _arcs(G)
    group = _group_codes(nodes, groups)
    counts = _role_counts(arcs, group)
    group_size = np.bincount(group).astype(float)
    expected, variance = _broker_moments(group_size, _density(arcs))
    expected, variance = expected[group], variance[group]
    sd = np.sqrt(variance)
    z = _z_scores(counts, expected, sd)
    columns = {}
    for position, role in enumerate(ROLE_COLUMNS):
        columns[f"{role}_expected"] = expected[:, position]
        columns[f"{role}_sd"] = sd[:, position]
        columns[f"{role}_z"] = z[:, position]
    return pd.DataFrame(columns, index=pd.Index(nodes))


def brokerage_totals(G: nx.Graph[str], groups: GroupLabels) -> pd.DataFrame:
    r"""Return the network's brokerage counts by role with their expectations and z-scores.

    ``observed`` is the column sum of :func:`brokerage_roles`; ``expected``, ``sd`` and ``z``
    are R's ``sna::brokerage`` ``exp.gli``, ``sd.gli`` and ``z.gli`` [2]_, under the random
    graph of :func:`brokerage_z_scores` (arcs independent with the observed density $d$, group
    sizes $n_g$ fixed, $N = \sum_g n_g$, $\pi = d^2 (1 - d)$). The expected totals are exact:

    * coordinator: $\pi \sum_g n_g (n_g - 1)(n_g - 2)$;
    * gatekeeper, representative, consultant: $\pi \sum_g n_g (N - n_g)(n_g - 1)$ each;
    * liaison: $\pi \sum_{g \ne h} n_g n_h (N - n_g - n_h)$;
    * brokerage_total: $\pi N (N - 1)(N - 2)$.

    The variances are sna's transcription of Gould and Fernandez's equations [1]_, kept for
    comparability with published sna tables. Unlike the per-actor moments they are not all
    exact under the model: enumerating every graph on five actors, the consultant and liaison
    variances are exact, but the coordinator, gatekeeper, representative and total variances
    come out too large (for five actors in one group at $d = 0.3$: 7.40 where the exact
    variance is 6.92), which makes those z-scores somewhat conservative.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Reported ties, as for :func:`brokerage_roles`.
    groups : mapping
        Group label of each node; missing labels form the group ``"unknown"``.

    Returns
    -------
    pandas.DataFrame
        Indexed by role (``coordinator`` ... ``brokerage_total``), with columns ``observed``
        (integer), ``expected``, ``sd`` and ``z`` (float; z is NaN where sd is 0).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])
    >>> groups = {"a": 1, "b": 1, "c": 2, "d": 2}
    >>> brokerage_totals(G, groups).round(3)
                     observed  expected     sd      z
    role
    coordinator             0     0.000  0.000    NaN
    gatekeeper              2     0.593  0.798  1.764
    representative          2     0.593  0.798  1.764
    consultant              0     0.593  0.864 -0.686
    liaison                 0     0.000  0.000    NaN
    brokerage_total         4     1.778  1.663  1.336

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal approach
       to brokerage in transaction networks. *Sociological Methodology* 19, 89-126,
       equations 16-20.
    .. [2] Butts, C. T. sna: Tools for Social Network Analysis. R package, version 2.7,
       function ``brokerage`` (file ``R/models.R``).
    """
    nodes = list(G)
    arcs = _arcs(G)
    group = _group_codes(nodes, groups)
    observed = _role_counts(arcs, group).sum(axis=0)
    expected, variance = _network_moments(np.bincount(group).astype(float), _density(arcs))
    sd = np.sqrt(variance)
    return pd.DataFrame(
        {"observed": observed, "expected": expected, "sd": sd, "z": _z_scores(observed, expected, sd)},
        index=pd.Index(ROLE_COLUMNS, name="role"),
    )


def _arcs(G: nx.Graph[str]) -> ArcMatrix:
    """Return the binary CSR arc matrix of ``G`` (row reports column), sorted, no self-loops."""
    arcs = arc_matrix(G, self_loops=False)
    arcs.sort_indices()
    return arcs


def _group_codes(nodes: list[str], groups: GroupLabels) -> npt.NDArray[np.int64]:
    """Return each node's group number, numbering groups in order of first appearance."""
    number_of: dict[Hashable, int] = {}
    group = np.empty(len(nodes), dtype=np.int64)
    for position, node in enumerate(nodes):
        label = groups.get(node)
        if label is None or is_missing_label(label):
            label = MISSING_GROUP
        group[position] = number_of.setdefault(label, len(number_of))
    return group


def _role_counts(arcs: ArcMatrix, group: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    r"""Return an (n, 6) integer array of brokered pairs per actor, in ``ROLE_COLUMNS`` order.

    Two-paths $a \to b \to c$ with $a \ne c$ are counted from the numbers of $b$'s
    predecessors and successors in each group; the closed ones are then subtracted.
    """
    size = arcs.shape[0]
    if size == 0:
        return np.zeros((0, len(ROLE_COLUMNS)), dtype=np.int64)
    membership = sp.csr_array((np.ones(size, dtype=np.int64), (np.arange(size), group)), shape=(size, group.max() + 1))
    from_group = (arcs.T @ membership).tocsr()
    to_group = (arcs @ membership).tocsr()
    reciprocal = arcs.multiply(arcs.T).tocsr()

    in_own = _row_sums(from_group.multiply(membership))
    out_own = _row_sums(to_group.multiply(membership))
    in_other = _row_sums(arcs.T) - in_own
    out_other = _row_sums(arcs) - out_own
    both_own = _row_sums((reciprocal @ membership).multiply(membership))
    both_other = _row_sums(reciprocal) - both_own
    same_group_other = _row_sums(from_group.multiply(to_group)) - in_own * out_own

    # all two-paths by role, open or closed; a == c (a tie sent back) is taken out where a and c share a group
    counts = np.column_stack(
        [
            in_own * out_own - both_own,
            in_other * out_own,
            in_own * out_other,
            same_group_other - both_other,
            in_other * out_other - same_group_other,
        ]
    )
    counts -= _closed_two_paths(arcs, group)
    return np.column_stack([counts, counts.sum(axis=1)])


def _row_sums(matrix: ArcMatrix | sp.csc_array[np.int64]) -> npt.NDArray[np.int64]:
    return np.asarray(matrix.sum(axis=1)).ravel().astype(np.int64)


def _closed_two_paths(arcs: ArcMatrix, group: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    r"""Return an (n, 5) array: two-paths $a \to b \to c$ with an arc $a \to c$, by role, at $b$.

    For each arc $a \to b$ the common successors $c$ of $a$ and $b$ close a two-path through
    $b$; they are tallied by whether $c$ shares $b$'s or $a$'s group.
    """
    size = arcs.shape[0]
    source = np.repeat(np.arange(size, dtype=np.int64), np.diff(arcs.indptr))
    broker = arcs.indices.astype(np.int64)
    keys = source * size + broker
    closing = np.zeros(keys.size)
    closing_in_broker_group = np.zeros(keys.size)
    closing_in_source_group = np.zeros(keys.size)
    for arc, at_source, _ in shared_row_entries(arcs, keys, source, broker):
        third_group = group[arcs.indices[at_source]]
        closing += np.bincount(arc, minlength=keys.size)
        closing_in_broker_group += np.bincount(arc, weights=third_group == group[broker[arc]], minlength=keys.size)
        closing_in_source_group += np.bincount(arc, weights=third_group == group[source[arc]], minlength=keys.size)

    within = group[source] == group[broker]
    by_role = [
        np.where(within, closing_in_broker_group, 0.0),
        np.where(within, 0.0, closing_in_broker_group),
        np.where(within, closing - closing_in_broker_group, 0.0),
        np.where(within, 0.0, closing_in_source_group),
        np.where(within, 0.0, closing - closing_in_broker_group - closing_in_source_group),
    ]
    return np.column_stack([np.rint(np.bincount(broker, weights=role, minlength=size)) for role in by_role]).astype(
        np.int64
    )


def _density(arcs: ArcMatrix) -> float:
    size = arcs.shape[0]
    if size < 2:
        return np.nan
    return arcs.nnz / (size * (size - 1))


def _broker_moments(
    group_size: npt.NDArray[np.float64], density: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Return (groups, 6) arrays of sna's expected counts and variances by broker's group."""
    total = group_size.sum()
    pair_present = density**2 * (1 - density)
    shared_arc = density**3 * (1 - density) ** 3
    other = total - group_size

    def sum_over_other_groups(values_by_group: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return float(values_by_group.sum()) - values_by_group

    # powers of the other groups' sizes, for the liaison variance sum_h n_h (R - n_h)(R - n_h - 1)
    power_1, power_2, power_3 = (sum_over_other_groups(group_size**k) for k in (1, 2, 3))
    liaison_shared = (other**2 - other) * power_1 - (2 * other - 1) * power_2 + power_3

    pairs = np.column_stack(
        [
            (group_size - 1) * (group_size - 2),
            other * (group_size - 1),
            other * (group_size - 1),
            sum_over_other_groups(group_size * (group_size - 1)),
            power_1**2 - power_2,
            np.full_like(group_size, (total - 1) * (total - 2)),
        ]
    )
    sharing = np.column_stack(
        [
            2 * (group_size - 1) * (group_size - 2) * (group_size - 3),
            other * (group_size - 1) * (total - 3),
            other * (group_size - 1) * (total - 3),
            2 * sum_over_other_groups(group_size * (group_size - 1) * (group_size - 2)),
            2 * liaison_shared,
            np.full_like(group_size, 2 * (total - 1) * (total - 2) * (total - 3)),
        ]
    )
    expected = pair_present * pairs
    return expected, expected * (1 - pair_present) + shared_arc * sharing


def _network_moments(
    group_size: npt.NDArray[np.float64], density: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Return sna's expected totals and variances by role (``exp.gli``, ``sd.gli`` squared)."""
    n = group_size
    total = float(n.sum())
    d = density
    pair_present = d**2 * (1 - d)
    d3, d4, d5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    power = {k: (n**k).sum() for k in (1, 2, 3, 4)}

    coordinator_pairs = (n * (n - 1) * (n - 2)).sum()
    across_pairs = (n * (total - n) * (n - 1)).sum()
    liaison_pairs = total * power[1] ** 2 - 2 * power[1] * power[2] - (n * n * (total - 2 * n)).sum()
    all_pairs = total * (total - 1) * (total - 2)
    expected = pair_present * np.array(
        [coordinator_pairs, across_pairs, across_pairs, across_pairs, liaison_pairs, all_pairs]
    )

    def within_group_sharing(size: Sizes) -> Sizes:
        return size * (size - 1) * (size - 2) * ((4 * size - 10) * d3 - 4 * (size - 3) * d4 + (size - 3) * d5)

    across_sharing = (n * (total - n) * (n - 1) * ((total - 3) * d3 + (n - 2) * d5)).sum()
    consultant_sharing = (
        n * (n - 1) * ((2 * n - 6) * d3 * power[1] + 2 * d3 * power[2] + (total - n - 1) * d5 * power[1])
    ).sum() - (n * n * (n - 1) * ((4 * n - 6) * d3 + (total - n - 1) * d5)).sum()
    # sna sums over ordered triples of distinct groups; by inclusion-exclusion on power sums
    distinct_triples = power[1] ** 3 - 3 * power[2] * power[1] + 2 * power[3]
    distinct_triples_one_squared = power[2] * power[1] ** 2 - 2 * power[3] * power[1] - power[2] ** 2 + 2 * power[4]
    liaison_sharing = distinct_triples * ((4 * total - 2) * (d3 - d4) + (total - 1) * d5) + (
        distinct_triples_one_squared * (-8 * d3 + 8 * d4 - 2 * d5)
    )
    sharing = np.array(
        [
            within_group_sharing(n).sum(),
            across_sharing,
            across_sharing,
            consultant_sharing,
            liaison_sharing,
            within_group_sharing(total),
        ]
    )
    return expected, expected * (1 - pair_present) + sharing


def _z_scores(
    observed: npt.NDArray[np.int64], expected: npt.NDArray[np.float64], sd: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sd > 0, (observed - expected) / sd, np.nan)
