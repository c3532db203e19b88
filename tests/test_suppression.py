"""Primary and secondary suppression of trust aggregates (clusternet.suppression)."""

import numpy as np
import pytest

from clusternet.suppression import Insider, audited, suppressed


@pytest.mark.parametrize(
    ("counts", "k", "hidden"),
    [
        ([1, 4, 5, 0], 3, [True, True, False, False]),  # one rating alone = the total minus the rest
        ([1, 1, 1, 6], 3, [True, True, True, False]),  # three thin ones hide each other
        ([2, 2, 9], 3, [True, True, False]),  # already 4 >= 3 hidden together
        ([4, 5, 6], 3, [False, False, False]),  # nothing thin: nothing hidden
        ([0, 0, 7], 3, [False, False, False]),  # no rating: nothing to hide
        ([1, 5, 4, 4], 3, [True, False, True, False]),  # the fewest first, the earlier among equals
        ([2], 3, [True]),  # nothing left to hide beside it
        ([1, np.nan, 8], 5, [True, False, True]),  # blank counts are no ratings
        ([1, 2, 3], 1, [False, False, False]),  # k = 1 hides nothing
    ],
)
def test_hidden_aggregates_together_hold_k_ratings_or_none(counts, k, hidden):
    assert suppressed(counts, k).tolist() == hidden


def test_what_stays_hidden_cannot_be_recovered_by_subtraction():
    rng = np.random.default_rng(7)
    for _ in range(200):
        counts = rng.integers(0, 6, size=rng.integers(1, 12))
        k = int(rng.integers(1, 6))
        hidden = suppressed(counts, k)
        assert not ((counts > 0) & (counts < k) & ~hidden).any()
        assert counts[hidden].sum() == 0 or counts[hidden].sum() >= k or hidden[counts > 0].all()


def test_the_audit_hides_what_another_table_gives_away():
    """x's one rating (0) is hidden; per table, y is hidden beside it. But a cell holds x's rating
    with z's three: x = cell - z. The audit hides z (the smallest aggregate of that expression)."""
    members = [[0, 1, 2, 3, 4, 5, 6], [0], [1, 2, 3], [4, 5, 6], [0, 4, 5, 6], [1, 2, 3]]
    tables = ["total", "received", "received", "received", "cells", "cells"]
    assert suppressed([1, 3, 3], 3).tolist() == [True, True, False]  # alone, the tables leave x = cell - z
    assert audited(members, tables, 7, 3).tolist() == [False, True, True, True, False, False]


def test_the_audit_protects_single_ratings_and_thin_sums_on_random_tables():
    """Random rounds: after the audit, no single rating and no thin hidden aggregate lies in the span
    of the published aggregates (checked here with a dense SVD, independently of the audit's method)."""
    rng = np.random.default_rng(3)
    for _ in range(40):
        ratings = int(rng.integers(4, 30))
        members, tables = [list(range(ratings))], ["total"]
        for table in ("received", "given", "cells"):
            labels = rng.integers(0, int(rng.integers(2, 8)), size=ratings)
            for label in np.unique(labels):
                members.append(list(np.flatnonzero(labels == label)))
                tables.append(table)
        k = int(rng.integers(2, 5))
        hidden = audited(members, tables, ratings, k)
        published = np.array([np.isin(np.arange(ratings), m) for m, h in zip(members, hidden) if not h], dtype=float)
        basis = np.linalg.svd(published, full_matrices=False)[2] if len(published) else np.zeros((0, ratings))
        singular = np.linalg.svd(published, compute_uv=False) if len(published) else np.zeros(0)
        basis = basis[: int((singular > 1e-9).sum())]
        for vector in [*np.eye(ratings), *(np.isin(np.arange(ratings), m) for m in members if 0 < len(m) < k)]:
            vector = np.asarray(vector, dtype=float)
            assert np.linalg.norm(vector - basis.T @ (basis @ vector)) > 1e-6


def span_basis(rows: list[np.ndarray], size: int) -> np.ndarray:
    """An orthonormal basis of the span of ``rows`` (dense SVD: independent of the audit's method)."""
    if not rows:
        return np.zeros((0, size))
    _, singular, basis = np.linalg.svd(np.array(rows, dtype=float), full_matrices=False)
    return basis[: int((singular > 1e-9).sum())]


def in_span(basis: np.ndarray, vector: np.ndarray) -> bool:
    return bool(np.linalg.norm(vector - basis.T @ (basis @ vector)) <= 1e-6)


# ratings 0: A -> B, 1: C -> B, 2: B -> A, 3: B -> C; groups A, B in X and C in Y
ROUND = [[0, 1, 2, 3], [0, 1], [2], [3], [0], [1], [2, 3], [0, 2], [1], [3]]
ROUND_TABLES = ["total", *["received"] * 3, *["given"] * 3, *[("cells", "group")] * 3]
"""total; received by B, A, C; given by A, C, B; cells X -> X, Y -> X, X -> Y."""


def test_the_audit_hides_what_a_respondent_works_out_with_its_own_ratings():
    """k = 2. Primary suppression leaves the total, B's trust received and given and the cell X -> X
    {A -> B, B -> A}. No outsider can work out a rating from them; but B, who knows its rating of A,
    reads A's rating of it as the cell minus its own; A, knowing its rating of B, reads B's of it;
    C, knowing its rating of B, reads B's of it: received by B - C's + given by B - the cell. The
    smallest aggregate of each expression is hidden (the first in table order among equals): the
    cell for A and B, received by B for C. Then nothing is left to work out."""
    primary = [False, False, True, True, True, True, False, False, True, True]
    assert audited(ROUND, ROUND_TABLES, 4, 2).tolist() == primary
    insiders = [Insider(np.array([2, 3]), np.array([0, 1])), Insider(np.array([0]), np.array([2]))]
    insiders.append(Insider(np.array([1]), np.array([3])))
    hidden = [False, True, *primary[2:7], True, True, True]
    assert audited(ROUND, ROUND_TABLES, 4, 2, insiders=insiders).tolist() == hidden


def test_no_respondent_works_out_a_rating_it_received_on_random_rounds():
    """Random directed rounds with random groups: after the audit, no respondent's own ratings added
    to the published aggregates give a rating it received, and no outsider gets a single rating."""
    rng = np.random.default_rng(11)
    for _ in range(30):
        actors = int(rng.integers(4, 10))
        arcs = [(i, j) for i in range(actors) for j in range(actors) if i != j and rng.random() < 0.4]
        if not arcs:
            continue
        sources, targets = np.array(arcs).T
        groups = rng.integers(0, int(rng.integers(2, 4)), size=actors)
        members, tables = [list(range(len(arcs)))], ["total"]
        for table, end in (("received", targets), ("given", sources)):
            for actor in np.unique(end):
                members.append(list(np.flatnonzero(end == actor)))
                tables.append(table)
        for cell in {(groups[i], groups[j]) for i, j in arcs}:
            members.append([at for at, (i, j) in enumerate(arcs) if (groups[i], groups[j]) == cell])
            tables.append("cells")
        insiders = [
            Insider(np.flatnonzero(sources == actor), np.flatnonzero(targets == actor))
            for actor in range(actors)
            if (sources == actor).any() and (targets == actor).any()
        ]
        k = int(rng.integers(2, 4))
        hidden = audited(members, tables, len(arcs), k, kept=[0], insiders=insiders)
        published = [np.isin(np.arange(len(arcs)), m) for m, h in zip(members, hidden) if not h]
        outsider = span_basis(published, len(arcs))
        assert not any(in_span(outsider, vector) for vector in np.eye(len(arcs)))
        for insider in insiders:
            basis = span_basis([*published, *np.eye(len(arcs))[insider.known]], len(arcs))
            assert not any(in_span(basis, np.eye(len(arcs))[rating]) for rating in insider.about)
