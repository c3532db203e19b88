"""Find the entries two rows of a sparse matrix share, block by block, for every pair of rows.

Burt's measures need the contacts shared by the two ends of every tie, and Gould & Fernandez's
roles the closed two-paths through every arc; both reduce to this one sparse intersection.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

CANDIDATES_PER_BLOCK = 1 << 18
"""Candidates examined at once; bounds the working memory to some tens of MB."""


def shared_row_entries(
    matrix: sp.csr_array[np.int64 | np.float64, tuple[int, int]],
    keys: npt.NDArray[np.int64],
    first: npt.NDArray[np.int64],
    second: npt.NDArray[np.int64],
) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
    """Yield, block by block, every $w$ in both rows ``first[t]`` and ``second[t]``.

    ``matrix`` is CSR with sorted indices and ``keys`` its entries' ``row * n + column``
    (ascending). Each yielded triple holds the pair numbers ``t`` and the positions of $w$ in
    ``matrix.data`` within row ``first[t]`` and within row ``second[t]``. The shorter row of each
    pair is scanned and looked up in the other, which bounds the work by the smaller degree.
    """
    n = matrix.shape[0]
    indptr = matrix.indptr.astype(np.int64)
    length = np.diff(indptr)
    scan_first = length[first] <= length[second]
    scanned = np.where(scan_first, first, second)
    probed = np.where(scan_first, second, first)
    work = length[scanned]
    done = np.concatenate(([0], np.cumsum(work)))

    start = 0
    while start < work.size:
        stop = max(start + 1, np.searchsorted(done, done[start] + CANDIDATES_PER_BLOCK, "right") - 1)
        counts = work[start:stop]
        pair = np.repeat(np.arange(start, stop), counts)
        offset = np.arange(pair.size) - np.repeat(done[start:stop] - done[start], counts)
        scanned_at = indptr[scanned[pair]] + offset
        wanted = probed[pair] * n + matrix.indices[scanned_at]
        probed_at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
        hit = keys[probed_at] == wanted
        pair, scanned_at, probed_at = pair[hit], scanned_at[hit], probed_at[hit]
        in_first = scan_first[pair]
        yield (
            pair,
            np.where(in_first, scanned_at, probed_at),
            np.where(in_first, probed_at, scanned_at),
        )
        start = stop
