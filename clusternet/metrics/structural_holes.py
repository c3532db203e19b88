r"""Burt's structural-hole measures: constraint, effective size, efficiency and hierarchy.

All measures use Burt's whole-network model on unweighted ties, as networkx and igraph compute
them, and are evaluated over sparse matrices so that they scale to tens of thousands of actors.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp

from clusternet.metrics.adjacency import arc_matrix
from clusternet.metrics.sparse_rows import shared_row_entries

__all__ = ["burt_measures", "constraint_contributions"]

BURT_COLUMNS = ("constraint", "effective_size", "efficiency", "hierarchy")
"""Columns of :func:`burt_measures`, in the order of ``actors.csv``."""

MutualTies = sp.csr_array[np.float64, tuple[int, int]]
"""The symmetric matrix of Burt's mutual ties $z_{ij}$ (2 for a reciprocated tie, 1 for one-sided)."""


def burt_measures(G: nx.Graph[str]) -> pd.DataFrame:
    r"""Return Burt's constraint, effective size, efficiency and hierarchy of every actor.

    Ties are read as a whole network (Burt's model in which the ties of an actor's contacts
    count wherever they lead). With $a_{ij} = 1$ when $i$ reports $j$ (arc $i \to j$) and 0
    otherwise, the *mutual tie* is $z_{ij} = a_{ij} + a_{ji}$ (2 for a reciprocated tie, 1 for a
    one-sided one), the *proportional tie* is $p_{ij} = z_{ij} / \sum_k z_{ik}$, the *marginal
    tie* is $m_{jq} = z_{jq} / \max_k z_{jk}$, and the *contacts* of $i$ are
    $N(i) = \{j : z_{ij} > 0\}$, ties in either direction, $n_i = |N(i)|$. Then

    .. math::

        c_{ij} &= \Big(p_{ij} + \sum_{q \ne i, j} p_{iq}\, p_{qj}\Big)^2
            \qquad \text{(dyadic constraint of } j \text{ on } i\text{)}\\
        \text{constraint}_i &= C_i = \sum_{j \in N(i)} c_{ij}\\
        \text{effective\_size}_i &= E_i = \sum_{j \in N(i)}
            \Big(1 - \sum_{q \ne i, j} p_{iq}\, m_{jq}\Big)\\
        \text{efficiency}_i &= E_i / n_i\\
        \text{hierarchy}_i &= H_i = \frac{\sum_{j \in N(i)} r_{ij} \ln r_{ij}}{n_i \ln n_i},
            \qquad r_{ij} = \frac{c_{ij}}{C_i / n_i}.

    Constraint runs from about $1/n_i$ (contacts unconnected to each other) to above 1 (few
    contacts, all tied to each other): a broker who spans structural holes has low constraint and
    an effective size close to the number of contacts. Hierarchy, Burt's Coleman-Theil disorder
    index of the dyadic constraints, is 0 when every contact constrains the actor equally and
    approaches 1 when the constraint is concentrated in a single contact [1]_.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Reported ties: an arc ``u -> v`` means that ``u`` named ``v``. In an undirected graph each
        edge counts as arcs in both directions. Actors without ties must be present as nodes.

    Returns
    -------
    pandas.DataFrame
        Indexed by node in the order of ``G``, with float columns ``constraint``,
        ``effective_size``, ``efficiency`` and ``hierarchy``.

    Notes
    -----
    Conventions:

    * **Direction.** In- and out-ties are summed into the mutual tie, as networkx and igraph do.
      An actor named by others who reported no tie (typically a non-respondent) has contacts and
      gets values; networkx's per-node ``constraint(G, nodes=[v])`` and
      ``effective_size(G, nodes=[v])`` return NaN for such actors, and its all-nodes
      ``effective_size`` is off on directed graphs where mutual ties differ. These measures
      describe the ties as reported: a tie that nobody reported is absent.
    * **Weights.** Unweighted: edge attributes are ignored, parallel edges of a multigraph count
      once, self-loops are ignored. An undirected edge gives $z = 2$, which yields the same
      $p$ and $m$ as $z = 1$.
    * **Isolates** get NaN in every column.
    * **One contact.** Hierarchy is NaN for an actor with exactly one contact: both the disorder
      sum and its maximum $n \ln n$ are 0, so the ratio is undefined. Packages disagree on a
      value (JUNG returns 1, R's manynet 0); UCINET reports undefined measures as missing
      unless told otherwise, and NaN keeps a one-contact actor from looking either perfectly
      equal or perfectly hierarchical. Its constraint (1.0) already says that one contact holds
      the actor's whole network.
    * **UCINET's ego network model gives other numbers.** UCINET's Structural Holes routine
      offers an *ego network model*, which treats each actor's neighbourhood as if the rest of
      the network did not exist, besides the *whole network model* used here [3]_. In the ego
      model the proportions $p_{qj}$ and maxima $\max_k z_{jk}$ of a contact are taken over
      its ties inside ego's neighbourhood only, so constraint differs as soon as contacts have
      ties outside it (in Borgatti's example below, actor A has constraint 0.595 here and about
      0.684 in the ego model); on binary data effective size agrees. UCINET can also build the
      neighbourhood from out-ties or in-ties only, where contacts here are always ties in
      either direction. Check which model a published UCINET table used before comparing.

    The shared contacts $q$ of every tie $(i, j)$ are listed from the smaller of the two contact
    lists, so time grows with the number of ties times the smaller contact count of each tie
    (hubs do not blow it up), and memory with the number of ties; no $n \times n$ array is built.

    Examples
    --------
    Borgatti's (1997) example [2]_, where G is tied to everyone:

    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"),
    ...               ("F", "G"), ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])
    >>> burt_measures(G).loc[["G", "A", "C"]].round(3)
       constraint  effective_size  efficiency  hierarchy
    G       0.400           4.667       0.778      0.095
    A       0.595           2.500       0.625      0.168
    C       1.000           1.000       1.000        NaN

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
       Harvard University Press, pp. 50-71.
    .. [2] Borgatti, S. P. (1997). Structural holes: Unpacking Burt's redundancy measures.
       *Connections* 20(1), 35-38.
    .. [3] Borgatti, S. P., Everett, M. G., & Freeman, L. C. (2002). *UCINET for Windows:
       Software for Social Network Analysis.* Analytic Technologies. Help topic
       "Network > Ego Networks > Structural Holes".
    """
    nodes, ties = _tie_terms(G)
    contacts = np.diff(ties.indptr)
    ego = _row_of_each_entry(ties.indptr)

    def sum_by_ego(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.bincount(ego, weights=values, minlength=len(nodes)).astype(float)

    constraint = sum_by_ego(ties.dyadic_constraint)
    effective_size = contacts - sum_by_ego(ties.redundancy)
    share = ties.dyadic_constraint * contacts[ego] / constraint[ego]
    disorder = sum_by_ego(share * np.log(share))

    isolate = contacts == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        efficiency = np.where(isolate, np.nan, effective_size / contacts)
        hierarchy = np.where(contacts > 1, disorder / (contacts * np.log(contacts)), np.nan)
    constraint = np.where(isolate, np.nan, constraint)
    effective_size = np.where(isolate, np.nan, effective_size)

    return pd.DataFrame(
        {
            "constraint": constraint,
            "effective_size": effective_size,
            "efficiency": efficiency,
            "hierarchy": hierarchy,
        },
        index=pd.Index(nodes),
        columns=list(BURT_COLUMNS),
    )


def constraint_contributions(G: nx.Graph[str]) -> pd.DataFrame:
    r"""Return the dyadic constraint $c_{ij}$ of each contact $j$ on each actor $i$.

    One row per ordered pair of contacts (ties in either direction), with

    * ``direct`` $= p_{ij}$, the share of $i$'s ties invested in $j$;
    * ``indirect`` $= \sum_{q \ne i, j} p_{iq}\, p_{qj}$, the share reaching $j$ through
      $i$'s other contacts;
    * ``constraint`` $= c_{ij} = (\text{direct} + \text{indirect})^2$.

    Summed over ``contact`` for one ``ego``, ``constraint`` gives that actor's constraint in
    :func:`burt_measures`, whose definitions and conventions (whole-network model, in- and
    out-ties summed, unweighted, self-loops ignored) apply here. It shows a broker *which*
    contacts hold an actor in: the contacts with the largest $c_{ij}$.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Reported ties, as for :func:`burt_measures`.

    Returns
    -------
    pandas.DataFrame
        Columns ``ego``, ``contact``, ``direct``, ``indirect``, ``constraint``; rows ordered by
        ego, then contact, each in the order of ``G``. Isolates have no rows.

    Examples
    --------
    A closed triad plus a pendant: ``a``'s tie to ``b`` is also reached through ``c``.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")])
    >>> constraint_contributions(G).query("ego == 'a'").round(4)
      ego contact  direct  indirect  constraint
    0   a       b  0.3333    0.1667      0.2500
    1   a       c  0.3333    0.1667      0.2500
    2   a       d  0.3333    0.0000      0.1111

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
       Harvard University Press, eq. 2.4 (p. 55).
    """
    nodes, ties = _tie_terms(G)
    labels = np.array(nodes, dtype=object)
    return pd.DataFrame(
        {
            "ego": labels[_row_of_each_entry(ties.indptr)],
            "contact": labels[ties.indices],
            "direct": ties.direct,
            "indirect": ties.indirect,
            "constraint": ties.dyadic_constraint,
        }
    )


@dataclass
class _TieTerms:
    """Per-tie terms of Burt's formulas, aligned with the CSR pattern of contacts."""

    indptr: npt.NDArray[np.int32]
    indices: npt.NDArray[np.int32]
    direct: npt.NDArray[np.float64]
    indirect: npt.NDArray[np.float64]
    redundancy: npt.NDArray[np.float64]

    @property
    def dyadic_constraint(self) -> npt.NDArray[np.float64]:
        return (self.direct + self.indirect) ** 2


def _tie_terms(G: nx.Graph[str]) -> tuple[list[str], _TieTerms]:
    r"""Compute $p_{ij}$, $\sum_q p_{iq} p_{qj}$ and $\sum_q p_{iq} m_{jq}$ for every tie.

    Because $z$ is symmetric, $\sum_q p_{iq} p_{qj} = \frac{1}{s_i} \sum_q z_{iq} z_{jq} / s_q$
    and $\sum_q p_{iq} m_{jq} = \frac{1}{s_i \max_k z_{jk}} \sum_q z_{iq} z_{jq}$, with
    $s_i = \sum_k z_{ik}$: both sums run over the shared contacts $q$ of the tie, computed once
    per unordered tie.
    """
    nodes = list(G)
    mutual = _mutual_ties(G, nodes)
    n = len(nodes)
    ego = _row_of_each_entry(mutual.indptr)
    strength = np.bincount(ego, weights=mutual.data, minlength=n)
    strongest = np.zeros(n)
    np.maximum.at(strongest, ego, mutual.data)
    alter = mutual.indices.astype(np.int64)
    keys = ego * n + alter
    upper = np.flatnonzero(ego < alter)
    mirror = np.searchsorted(keys, alter[upper] * n + ego[upper])

    through_shares = np.zeros(upper.size)
    through_ties = np.zeros(upper.size)
    for tie, at_ego, at_alter in shared_row_entries(mutual, keys, ego[upper], alter[upper]):
        both = mutual.data[at_ego] * mutual.data[at_alter]
        third = mutual.indices[at_ego]
        through_shares += np.bincount(tie, weights=both / strength[third], minlength=upper.size)
        through_ties += np.bincount(tie, weights=both, minlength=upper.size)

    shared_shares = np.empty(keys.size)
    shared_shares[upper] = through_shares
    shared_shares[mirror] = through_shares
    shared_ties = np.empty(keys.size)
    shared_ties[upper] = through_ties
    shared_ties[mirror] = through_ties

    return nodes, _TieTerms(
        indptr=mutual.indptr,
        indices=mutual.indices,
        direct=mutual.data / strength[ego],
        indirect=shared_shares / strength[ego],
        redundancy=shared_ties / (strength[ego] * strongest[alter]),
    )


def _mutual_ties(G: nx.Graph[str], nodes: list[str]) -> MutualTies:
    """Return the symmetric CSR matrix of $z_{ij} = a_{ij} + a_{ji}$, sorted, without diagonal."""
    if not nodes:
        return sp.csr_array((0, 0))
    arcs = arc_matrix(G, self_loops=False).astype(np.float64)
    mutual = (arcs + arcs.T).tocsr()
    mutual.sort_indices()
    return mutual


def _row_of_each_entry(indptr: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
    return np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
