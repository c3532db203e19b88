r"""Paired bootstrap intervals for the change of every KPI between two rounds.

**What is resampled.** The actors of the basis, with replacement, as many as the basis holds: on
the panel these are the respondents of both rounds, each with its reports; on the basis ``all``
every actor of the roster, a respondent with its reports, a non-respondent with the ties others
report to it. **Pairing.** One draw serves both rounds: an actor drawn twice counts twice at the
start and twice at the end, so each resample's change compares the same actors, as a paired test
does. The KPIs of a resample come from :mod:`.resampling` (the vertex bootstrap of Snijders and
Borgatti 1999 for tie KPIs, fixed actor scores for the others).

**Interval.** The percentile interval: the central ``level`` share of the resampled changes
(2.5 % and 97.5 % quantiles by default). An interval that excludes 0 says the change is larger than
what the choice of actors alone would produce; one that includes 0 says the data cannot tell the
change from noise.

**Limits.** Respondents are treated as independent draws from a larger population of similar
actors, which a cluster (a small, complete roster) is not: read the interval as "would the change
hold with another, similar set of actors", not as the margin of a sample survey. Recall errors
within a report (a forgotten partner) are not modelled. Actor scores that depend on the whole
structure (reachability, brokerage, betweenness) are held fixed in a resample, so the intervals of
fragmentation, centralisation and concentration KPIs understate their uncertainty, and the
maximum behind degree centralisation and the top broker's share is a rough statistic for the
bootstrap, which can miss the top actor: read those intervals as indicative. Below about 20
actors a percentile interval is too narrow.

References: Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 13
(percentile intervals). Snijders, T. A. B., & Borgatti, S. P. (1999). Non-parametric standard
errors and tests for network statistics. *Connections* 22(2), 61-70.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

if TYPE_CHECKING:
    import pandas as pd

    from clusternet.rounds.resampling import Array, Estimator

DEFAULT_RESAMPLES = 2000
"""Resamples per comparison: enough for stable 2.5 % and 97.5 % quantiles."""

DEFAULT_LEVEL = 0.95
"""Coverage of the intervals."""

CHUNK_CELLS = 250_000
"""Weights held at once (actors x resamples), to keep memory flat on large surveys."""

BLAS_THREADS = 1
"""Threads of the linear algebra while resampling. The products of a chunk of resamples are many
and small: with one BLAS thread per core they spend their time waiting on each other, and when
another process holds a core (a shared machine, the app's server) they become many times slower
(at 5,000 actors with the second core busy, 22 CPU s against 13 s on one thread). Results are the
same to the last bit either way: a product's sums run in the same order."""


def draw_weights(actors: int, resamples: int, rng: np.random.Generator) -> Array:
    """How often each actor is drawn in each resample: an ``actors x resamples`` array of counts.

    Each column sums to ``actors``: a resample draws as many actors as the basis holds.
    """
    return np.ascontiguousarray(rng.multinomial(actors, np.full(actors, 1 / actors), size=resamples).T, dtype=float)


def change_intervals(
    from_estimators: dict[str, Estimator],
    to_estimators: dict[str, Estimator],
    actors: int,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    level: float = DEFAULT_LEVEL,
) -> pd.DataFrame:
    """Percentile intervals for the change ``to - from`` of each KPI, from one paired bootstrap.

    Both dictionaries hold an estimator per KPI over the same ``actors`` in the same order (see
    :func:`clusternet.kpis.kpi_estimators`). Returns a frame indexed by KPI with ``low`` and
    ``high``: NaN when there are fewer than two actors, no resamples, or when more than half of
    the resampled changes are undefined (a share with nothing to share in most resamples).
    Seeded with ``numpy.random.default_rng(seed)``: the same seed gives the same intervals.
    """
    import pandas as pd  # here, so that the command line reads DEFAULT_RESAMPLES without pandas

    kpis = list(from_estimators)
    intervals: pd.DataFrame = pd.DataFrame(np.nan, index=pd.Index(kpis, name="kpi"), columns=["low", "high"])
    if actors < 2 or resamples < 1:
        return intervals
    rng = np.random.default_rng(seed)
    chunk = max(1, min(resamples, CHUNK_CELLS // actors))
    changes: dict[str, list[Array]] = {kpi: [] for kpi in kpis}
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        for start in range(0, resamples, chunk):
            weights = draw_weights(actors, min(chunk, resamples - start), rng)
            for kpi in kpis:
                changes[kpi].append(to_estimators[kpi].evaluate(weights) - from_estimators[kpi].evaluate(weights))
    tail = (1 - level) / 2
    for kpi in kpis:
        resampled = np.concatenate(changes[kpi])
        if np.isnan(resampled).mean() > 0.5:
            continue
        intervals.loc[kpi] = np.nanquantile(resampled, [tail, 1 - tail])
    return intervals
