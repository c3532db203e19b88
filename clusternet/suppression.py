"""Which trust aggregates an anonymised audience may see: at least k ratings behind each, and none
that the others give away.

Primary suppression hides every aggregate (a mean trust) backed by fewer than k ratings. That alone
can be undone: the actors' trust received partitions the round's ratings, and the round's mean and
count are published, so an actor's hidden sum is the round's sum minus the shown actors' sums.
Secondary (complementary) suppression, as statistical offices practise it, therefore hides more
aggregates of the same table, smallest first, until the hidden ones together hold at least k ratings
(or none): what a reader can work out by subtraction is then the mean of at least k ratings, which
the rule allows anyway.

Reference: Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, section 4.2
(primary and secondary cell suppression).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.sparse.linalg import splu


def suppressed(counts: npt.ArrayLike, min_ratings: int) -> npt.NDArray[np.bool_]:
    """Which of the aggregates of one table (``counts``: the ratings behind each, one table whose
    aggregates share no rating, e.g. each actor's trust received) are hidden at k = ``min_ratings``.

    Hidden: every aggregate of fewer than k ratings but more than none (an aggregate of no rating
    shows nothing anyway), then, while the hidden ones together hold fewer than k ratings, the shown
    one with the fewest ratings (the first in table order among equals).

    Example, k = 3: counts ``[1, 4, 5, 0]`` hide ``[True, True, False, False]``: alone, the one
    rating would be the round's total minus the others.
    """
    ratings = np.asarray(counts, dtype=float)
    ratings = np.where(np.isnan(ratings), 0.0, ratings)
    hidden = (ratings > 0) & (ratings < min_ratings)
    hidden_total = ratings[hidden].sum()
    order = np.argsort(np.where(hidden | (ratings == 0), np.inf, ratings), kind="stable")
    for position in order:
        if hidden_total == 0 or hidden_total >= min_ratings or hidden[position] or ratings[position] == 0:
            break
        hidden[position] = True
        hidden_total += ratings[position]
    return hidden


AUDIT_TOLERANCE = 1e-7
"""Below this (relative) a quantity's component outside the published aggregates' span is taken for
none: the quantity counts as worked out from them. Erring this way hides more, never less."""

NULL_SPACE_PROBES = 3
"""Random null-space vectors the audit tests each quantity against, beyond one per rating an
insider knows (:func:`audited`)."""

NOISE = 1e-12
"""Below this (relative) a null-space probe, or a singular value of unit probes, is rounding."""


@dataclass(frozen=True)
class Insider:
    """A reader who knows some ratings (``known``: a respondent's own answers) and must learn none of
    the ratings ``about`` (what its partners said of it)."""

    known: npt.NDArray[np.int64]
    about: npt.NDArray[np.int64]


def audited(
    members: Sequence[npt.ArrayLike],
    tables: Sequence[Hashable],
    ratings: int,
    min_ratings: int,
    kept: Sequence[int] = (),
    insiders: Sequence[Insider] = (),
) -> npt.NDArray[np.bool_]:
    """Which aggregates (sums of ratings: ``members[i]`` the indices of aggregate ``i``'s ratings among
    the round's ``ratings``; ``tables[i]`` the table it belongs to) are hidden so that none of the
    hidden ones, and no single rating, can be worked out from the published ones by any linear
    combination (adding, subtracting, scaling published sums and counts); nor, by an ``insider`` who
    adds the ratings it knows, any rating about it.

    Primary and secondary suppression (:func:`suppressed`) run per table first. Then an audit: a
    quantity of fewer than k ratings (a thin aggregate, a table's thin ones together, a single
    rating) is disclosed when its indicator vector lies in the row space of the published aggregates'
    indicator vectors (:func:`_disclosing`); a rating about an insider, when it lies in that row
    space widened by the ratings the insider knows. For each disclosed quantity, the published
    aggregate with the fewest ratings among those that express it is hidden too, and the audit runs
    again, until nothing is disclosed. The aggregates ``kept`` (the round's own mean, which every KPI
    publishes) are hidden only by primary suppression, never to protect another.

    Example, k = 3: received 1 + 4 and given 2 + 3 of the same 5 ratings, with the round's total.
    Per table, each hides both of its aggregates (4 >= 3 together); nothing published but the total
    remains, and no rating can be worked out.
    """
    sets = [np.unique(np.asarray(indices, dtype=np.int64)) for indices in members]
    counts = np.array([len(indices) for indices in sets], dtype=float)
    hidden = np.zeros(len(sets), dtype=bool)
    table_of = list(tables)
    for table in dict.fromkeys(table_of):
        rows = [index for index, name in enumerate(table_of) if name == table]
        hidden[rows] = suppressed(counts[rows], min_ratings)
    if min_ratings <= 1:
        return hidden
    thin = [index for index in range(len(sets)) if 0 < counts[index] < min_ratings]
    readers = [insider for insider in insiders if len(insider.known) and len(insider.about)]
    while True:
        published = [index for index in range(len(sets)) if not hidden[index] and counts[index] > 0]
        if not published or ratings == 0:
            return hidden
        audit = _Audit(sets, published, ratings, readers)
        disclosing = audit.disclosing(table_of, thin, counts, frozenset(kept), min_ratings)
        if not disclosing:
            return hidden
        hidden[list(disclosing)] = True


def _indicator(indices: npt.NDArray[np.int64], ratings: int) -> npt.NDArray[np.float64]:
    vector = np.zeros(ratings)
    vector[indices] = 1.0
    return vector


class _Audit:
    """What the published aggregates (``published``: indices into ``sets``) disclose.

    A quantity (an indicator vector t over the ratings) is disclosed when it lies in the row space of
    the published aggregates' indicator matrix A, that is when it is orthogonal to A's null space.
    Random vectors projected onto the null space (the residuals of least-squares fits,
    :class:`_LeastSquares`), scaled to unit length, test every quantity at once: t . z = 0 for every
    such z exactly when t is disclosed (with probability one).

    An insider who knows the ratings K adds their indicator vectors to A's rows: t is disclosed to it
    when every null-space vector that is zero on K is orthogonal to t, that is when t's image under
    the probes lies in the span of the known ratings' images (with more probes than known ratings,
    again with probability one).
    """

    def __init__(
        self, sets: list[npt.NDArray[np.int64]], published: list[int], ratings: int, insiders: Sequence[Insider]
    ) -> None:
        self.sets, self.published, self.ratings, self.insiders = sets, published, ratings, insiders
        self.matrix = _indicator_matrix([sets[index] for index in published], ratings)
        self.fit = _LeastSquares(self.matrix)
        width = NULL_SPACE_PROBES + max((len(insider.known) for insider in insiders), default=0)
        randoms = np.random.default_rng(0).standard_normal((ratings, width))
        probes = _residual(self.fit, randoms)
        lengths = np.linalg.norm(probes, axis=0)
        # no null space (the published aggregates give every rating): the residuals are rounding
        self.probes = np.where(lengths > NOISE * np.linalg.norm(randoms, axis=0), probes / lengths, 0.0)

    def disclosing(
        self,
        tables: list[Hashable],
        thin: list[int],
        counts: npt.NDArray[np.float64],
        kept: frozenset[int],
        min_ratings: int,
    ) -> set[int]:
        """The published aggregates to hide next: for each disclosed quantity of fewer than k ratings
        (a thin hidden aggregate, a table's thin hidden ones together when they hold fewer than k, a
        single rating, a rating about an insider), the smallest published aggregate of its expression."""
        targets = [self.sets[index] for index in thin]
        for table in dict.fromkeys(tables[index] for index in thin):
            together = np.concatenate([self.sets[index] for index in thin if tables[index] == table])
            if len(together) < min_ratings:
                targets.append(together)
        single = np.flatnonzero(np.abs(self.probes).max(axis=1) <= AUDIT_TOLERANCE)
        targets += [np.array([rating]) for rating in single]
        expressions = [_indicator(target, self.ratings) for target in targets if self._disclosed(target)]
        for insider in self.insiders:
            expressions += self._learnt(insider)
        chosen: set[int] = set()
        for vector in expressions:
            involved = [self.published[row] for row in np.flatnonzero(np.abs(self.fit.weights(vector)) > 1e-6)]
            involved = [index for index in involved if index not in kept]
            if involved:
                chosen.add(min(involved, key=lambda index: (counts[index], index)))
        return chosen

    def _disclosed(self, target: npt.NDArray[np.int64]) -> bool:
        image = self.probes[target].sum(axis=0)
        return bool(np.abs(image).max() <= AUDIT_TOLERANCE * np.sqrt(len(target)))

    def _learnt(self, insider: Insider) -> list[npt.NDArray[np.float64]]:
        """For each rating about ``insider`` that the published aggregates and the ratings it knows
        give, the quantity the published ones give: the rating minus the known ratings' part.

        The probes' image of a learnt rating is a combination u of the known ratings' images; then
        the rating minus u's known ratings is orthogonal to the null space, that is published."""
        left, singular, directions = np.linalg.svd(self.probes[insider.known], full_matrices=False)
        rank = int((singular > NOISE).sum())
        left, singular, directions = left[:, :rank], singular[:rank], directions[:rank]
        images = self.probes[insider.about]
        shares = images @ directions.T
        residuals = images - shares @ directions
        learnt = np.flatnonzero(np.abs(residuals).max(axis=1) <= AUDIT_TOLERANCE)
        quantities = []
        for at, coefficients in zip(learnt, (shares[learnt] / singular) @ left.T):
            vector = _indicator(insider.about[at : at + 1], self.ratings)
            vector[insider.known] -= coefficients
            quantities.append(vector)
        return quantities


def _indicator_matrix(sets: list[npt.NDArray[np.int64]], ratings: int) -> sparse.csr_array:
    """The 0/1 matrix with one row per set of rating indices."""
    rows = np.concatenate([np.full(len(indices), row) for row, indices in enumerate(sets)])
    columns = np.concatenate(sets)
    return sparse.csr_array((np.ones(len(rows)), (rows, columns)), shape=(len(sets), ratings))


class _LeastSquares:
    """Least-squares fits of vectors over the ratings by the rows of a sparse 0/1 ``matrix`` (the
    published aggregates): the normal equations (A A^T + delta I) w = A t, factorised once (SuperLU),
    with iterative refinement so that the small ``delta`` that makes a rank-deficient A A^T solvable
    leaves no trace in the fit."""

    DELTA = 1e-8
    REFINEMENTS = 4

    def __init__(self, matrix: sparse.csr_array) -> None:
        self.matrix = matrix
        gram = (matrix @ matrix.T + self.DELTA * sparse.eye_array(matrix.shape[0])).tocsc()
        self.solve = splu(
            gram, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0, options={"SymmetricMode": True}
        ).solve

    def weights(self, target: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The weights w of the rows that best give ``target`` (A^T w closest to it; one column of
        weights per column of ``target`` when it is a matrix)."""
        right = self.matrix @ target
        weights: npt.NDArray[np.float64] = self.solve(right)
        for _ in range(self.REFINEMENTS):
            weights = weights + self.solve(right - self.matrix @ (self.matrix.T @ weights))
        return weights


def _residual(fit: _LeastSquares, vectors: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """What of each column of ``vectors`` the rows cannot give: its projection on the null space."""
    residual: npt.NDArray[np.float64] = vectors - fit.matrix.T @ fit.weights(vectors)
    return residual


@dataclass(frozen=True)
class TrustRelease:
    """The trust aggregates of one round an anonymised audience may see (:func:`trust_release`), each
    with the number of ratings behind it; anything not listed is hidden.

    ``received`` and ``given``: actor -> ratings; ``cells``: per attribute, (from group, to group) ->
    ratings of trust between groups; ``total``: whether the round's own mean may be shown (not when
    the round holds fewer than k ratings).
    """

    received: Mapping[str, int]
    given: Mapping[str, int]
    cells: Mapping[str, Mapping[tuple[str, str], int]]
    total: bool


def trust_release(
    graph: nx.DiGraph[str], groupings: Mapping[str, Mapping[str, object]], min_ratings: int
) -> TrustRelease:
    """The release of one round's ratings (``graph``: the reported ties, complete) to an anonymised
    audience at k = ``min_ratings``: every aggregate it can see at once — the round's mean, each
    actor's trust received and given, trust between the groups of every attribute in ``groupings``
    (attribute -> actor -> group; a missing group is ``unknown``) — audited together by
    :func:`audited`, so that no thin aggregate and no single rating follows from the others, and no
    respondent who adds its own ratings works out one it received."""
    rated = [(source, target) for source, target, data in graph.edges(data=True) if data.get("trust") is not None]
    members: list[list[int]] = []
    tables: list[Hashable] = []
    keys: list[Any] = []

    def add(table: Hashable, key: object, indices: list[int]) -> None:
        members.append(indices)
        tables.append(table)
        keys.append(key)

    add("total", None, list(range(len(rated))))
    received_at: dict[str, int] = {}
    given_at: dict[str, int] = {}
    for side, end, at in (("received", 1, received_at), ("given", 0, given_at)):
        by_actor: dict[str, list[int]] = {}
        for index, pair in enumerate(rated):
            by_actor.setdefault(pair[end], []).append(index)
        for actor, indices in by_actor.items():
            at[actor] = len(members)
            add(side, actor, indices)
    for attribute, groups in groupings.items():
        by_cell: dict[tuple[str, str], list[int]] = {}
        for index, (source, target) in enumerate(rated):
            by_cell.setdefault((group_label(groups.get(source)), group_label(groups.get(target))), []).append(index)
        for cell, indices in by_cell.items():
            add(("cells", attribute), cell, indices)
    insiders = [
        Insider(np.asarray(members[given], dtype=np.int64), np.asarray(members[received], dtype=np.int64))
        for actor, given in given_at.items()
        if (received := received_at.get(actor)) is not None
    ]
    hidden = audited(members, tables, len(rated), min_ratings, kept=[0], insiders=insiders)

    def published(table: Hashable) -> dict[Any, int]:
        return {
            key: len(indices)
            for key, name, indices, drop in zip(keys, tables, members, hidden)
            if name == table and not drop
        }

    return TrustRelease(
        received=published("received"),
        given=published("given"),
        cells={attribute: published(("cells", attribute)) for attribute in groupings},
        total=not hidden[0],
    )


def group_label(group: object) -> str:
    """A group as trust between groups names it: its value as text, ``unknown`` when missing."""
    return "unknown" if group is None or (isinstance(group, float) and group != group) else str(group)
