r"""How concentrated a quantity is among actors: the top holder's share and the Gini coefficient.

Used on per-actor scores such as brokered two-paths or betweenness, to tell a broker whether the
cluster depends on one or a few actors. Both functions take non-negative values (a pandas Series,
or any sequence of numbers); missing values (NaN) are left out, and a negative value raises
``ValueError``, since a share of a total is meaningless when values can cancel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["Amounts", "gini", "top_share"]

Amounts: TypeAlias = "pd.Series[int] | pd.Series[float] | Sequence[float] | npt.NDArray[np.number[Any]]"
"""Non-negative amounts held by each actor: a Series, a sequence of numbers or a numeric array."""


def top_share(values: Amounts) -> float:
    r"""Return the share of the total held by the largest value.

    .. math::

        \text{top\_share} = \frac{\max_i x_i}{\sum_i x_i}

    the concentration ratio of the single largest holder ($CR_1$) [1]_. Applied to the
    brokered two-paths of each actor it answers "what share of all brokering does the top
    broker do?": 1 when one actor does it all, $1/n$ when $n$ actors share it equally.

    Parameters
    ----------
    values : pandas.Series or sequence of numbers
        Non-negative amounts held by each actor; NaN entries are left out.

    Returns
    -------
    float
        Between 0 and 1; NaN when there are no values or their total is 0.

    Raises
    ------
    ValueError
        If a value is negative.

    Examples
    --------
    >>> top_share([0, 0, 0, 10])
    1.0
    >>> top_share([1, 2, 3, 4])
    0.4

    References
    ----------
    .. [1] Hall, M., & Tideman, N. (1967). Measures of concentration. *Journal of the American
       Statistical Association* 62(317), 162-168.
    """
    amounts = _non_negative(values)
    total = amounts.sum()
    return float(amounts.max() / total) if total > 0 else float("nan")


def gini(values: Amounts) -> float:
    r"""Return the Gini coefficient of non-negative values.

    .. math::

        G = \frac{\sum_{i=1}^{n} \sum_{j=1}^{n} |x_i - x_j|}{2 n^2 \bar x}
          = \frac{\sum_{i=1}^{n} (2i - n - 1)\, x_{(i)}}{n \sum_{i=1}^{n} x_i}

    with $x_{(1)} \le \dots \le x_{(n)}$ the values in ascending order; the second form, used
    here, takes $O(n \log n)$ time for the sort [1]_ [2]_. $G$ is 0 when all values are equal
    and $(n - 1)/n$ when a single actor holds everything, approaching 1 as $n$ grows. Applied to
    betweenness it tells whether brokerage is spread out or sits with a few actors.

    Parameters
    ----------
    values : pandas.Series or sequence of numbers
        Non-negative amounts held by each actor; NaN entries are left out. Actors holding 0
        count: they are part of the population over which the amount is spread.

    Returns
    -------
    float
        NaN when there are no values or all are 0.

    Raises
    ------
    ValueError
        If a value is negative.

    Notes
    -----
    This is the population Gini coefficient, without the small-sample correction $n/(n-1)$
    that some packages apply (it would give exactly 1 for a single holder) [2]_. With few
    actors, remember that the maximum here is $(n - 1)/n$: 0.75 for four actors.

    Examples
    --------
    >>> gini([0, 0, 0, 10])
    0.75
    >>> gini([1, 2, 3, 4])
    0.25

    References
    ----------
    .. [1] Gini, C. (1912). *Variabilità e mutabilità.* Tipografia di Paolo Cuppini, Bologna.
    .. [2] Dixon, P. M., Weiner, J., Mitchell-Olds, T., & Woodley, R. (1987). Bootstrapping the
       Gini coefficient of inequality. *Ecology* 68(5), 1548-1551.
    """
    amounts = np.sort(_non_negative(values))
    n = amounts.size
    total = amounts.sum()
    if total <= 0:
        return float("nan")
    rank_weights = 2 * np.arange(1, n + 1) - n - 1
    return float(rank_weights @ amounts / (n * total))


def _non_negative(values: Amounts) -> npt.NDArray[np.float64]:
    amounts = np.asarray(values, dtype=np.float64).ravel()
    amounts = amounts[~np.isnan(amounts)]
    if (amounts < 0).any():
        raise ValueError(
            f"concentration needs non-negative amounts, but {amounts.min():g} is negative "
            "(pass scores such as betweenness or brokered two-paths, not differences)"
        )
    return amounts
