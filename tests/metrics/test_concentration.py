"""Top holder's share and Gini coefficient on values whose answers are worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from clusternet.metrics.concentration import gini, top_share


def test_one_holder_of_four():
    values = pd.Series({"a": 0, "b": 0, "c": 0, "d": 10})
    assert gini(values) == pytest.approx(0.75)
    assert top_share(values) == 1.0


def test_equal_values_have_no_inequality():
    values = pd.Series([5.0, 5.0, 5.0])
    assert gini(values) == 0.0
    assert top_share(values) == pytest.approx(1 / 3)


def test_one_to_four():
    # pairwise |differences| sum to 20, 2 n^2 mean = 2 * 16 * 2.5 = 80
    assert gini([1, 2, 3, 4]) == pytest.approx(0.25)
    assert top_share([1, 2, 3, 4]) == pytest.approx(0.4)


def test_order_does_not_matter():
    assert gini([4, 1, 3, 2]) == pytest.approx(0.25)


def test_gini_matches_the_pairwise_definition():
    values = np.random.default_rng(0).exponential(size=200)
    pairwise = np.abs(values[:, None] - values[None, :]).sum() / (2 * values.size**2 * values.mean())
    assert gini(values) == pytest.approx(pairwise)


@pytest.mark.parametrize("values", [[], [0, 0, 0], pd.Series([], dtype=float)])
def test_nothing_to_share_gives_nan(values):
    assert math.isnan(gini(values))
    assert math.isnan(top_share(values))


def test_missing_values_are_left_out():
    values = pd.Series([0, np.nan, 10, 0, 0])
    assert gini(values) == pytest.approx(0.75)
    assert top_share(values) == 1.0


def test_negative_values_are_refused():
    with pytest.raises(ValueError, match="non-negative"):
        gini([1, -2, 3])
    with pytest.raises(ValueError, match="non-negative"):
        top_share([1, -2, 3])
