"""Primary and secondary suppression of trust aggregates (clusternet.suppression)."""

import numpy as np
import pytest

from clusternet.suppression import audited, suppressed


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
