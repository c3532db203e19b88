r"""Key players (Borgatti 2006): the few actors the network hangs on, or who together reach most firms.

Two key-player problems, each a search for a set $S$ of $k$ actors:

- **KPP-Neg, goal** ``fragment``: the set whose removal most fragments the network, a dependency
  risk (a master weaver, the project's own office). The sets are compared by the fragmentation $F$
  of the network left without them (:func:`~clusternet.metrics.fragmentation.fragmentation`: the
  share of pairs that no chain of ties joins), and among sets that cut it apart alike by the
  distance-weighted fragmentation $DF$
  (:func:`~clusternet.metrics.keyplayer.distance_weighted_fragmentation`), which also counts how far
  apart the others are left: in a network that no $k$ removals cut apart every $F$ is 0, and $DF$
  alone decides.
- **KPP-Pos, goal** ``reach``: the set that together reaches the most targets (the cluster's firms)
  within $m$ steps (:func:`~clusternet.metrics.keyplayer.reach`), whom to train as local brokers
  or to seed an information campaign with; among sets that reach as many, the one closest to the
  others (:func:`~clusternet.metrics.keyplayer.distance_weighted_reach`).

Both read the undirected tie graph of the selection (a tie reported either way is one step).

The search is **exact** when there are at most ``EXACT_MAX_SETS`` sets of $k$ candidates: every
set is measured. Beyond, it is Borgatti's **greedy search with swaps**: from a starting set, the
one swap of a member for a non-member that improves the set most is made, again and again, until
no swap improves it. It starts from the set built greedily (adding, one at a time, the candidate
that improves the set most) and from ``RANDOM_STARTS`` sets drawn at random with the seed, and
keeps the best set found; the result records the method and the seed, so that it can be run
again. A greedy search finds a very good set, not always the best one.

Reference: Borgatti, S. P. (2006). Identifying sets of key players in a social network.
*Computational and Mathematical Organization Theory* 12(1), 21-34.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations, islice
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.sparse import csgraph

from clusternet.messages import message
from clusternet.metrics.adjacency import partner_matrix
from clusternet.metrics.igraph_view import to_igraph
from clusternet.survey import SelectionError

if TYPE_CHECKING:
    import igraph as ig

FRAGMENT, REACH = "fragment", "reach"
GOALS = (FRAGMENT, REACH)
"""The two key-player problems: fragment the network by removing the set (KPP-Neg), reach the targets (KPP-Pos)."""

EXACT, GREEDY = "exact", "greedy"
"""How a set was found: every set measured, or the greedy search with swaps."""

EXACT_MAX_SETS = 20_000
"""Most sets of k candidates measured one by one (a few seconds at worst on a cluster of 100
actors); with more, the greedy search with swaps is used."""

RANDOM_STARTS = 2
"""Random starting sets of the greedy search, besides the one built greedily."""

TOLERANCE = 1e-12
"""Two scores closer than this are equal: a swap must improve a set by more to be made."""

NOT_ENOUGH_CANDIDATES = message(
    "keyplayers.problem.not_enough_candidates", "there are {candidates} candidates, so no set of {k} can be chosen"
)
K_TOO_SMALL = message("keyplayers.problem.k_too_small", "the set needs at least 1 actor, not {k}")
NO_TARGETS = message("keyplayers.problem.no_targets", "there is no firm to reach in this round")
UNKNOWN_GOAL = message("keyplayers.problem.unknown_goal", 'there is no goal "{goal}"; the goals are {goals}')

Score = tuple[float, float]
"""A set's score: the measure compared first, then the one that breaks ties; higher is better."""


@dataclass(frozen=True)
class KeyPlayers:
    """The set found, its scores, and how it was found.

    ``score`` is the fragmentation $F$ left without the set (goal ``fragment``) or the share of the
    targets it reaches within ``steps`` steps (goal ``reach``); ``distance_weighted`` its $DF$ or
    $DR$. ``before`` and ``distance_weighted_before`` are the same measures without any set taken
    away (``fragment``) or reached by nobody (``reach``: 0). ``alone`` holds each member's score
    as a set of one. ``method`` is :data:`EXACT` or :data:`GREEDY`, ``seed`` the seed of the random
    starts (None for an exact search), ``sets_tried`` how many sets were measured.
    """

    goal: str
    actors: tuple[str, ...]
    score: float
    distance_weighted: float
    before: float
    distance_weighted_before: float
    alone: tuple[float, ...]
    steps: int | None
    method: str
    seed: int | None
    sets_tried: int
    candidates: int
    targets: int


def key_players(
    graph: nx.Graph[str],
    k: int,
    goal: str,
    *,
    candidates: Collection[str] | None = None,
    targets: Collection[str] | None = None,
    steps: int = 1,
    seed: int = 0,
) -> KeyPlayers:
    """The set of ``k`` actors among ``candidates`` (default: every actor) that best meets ``goal``.

    ``targets`` (goal ``reach``) are the actors to reach, for example the firms; ``steps`` is $m$,
    the most steps from a member to a target reached. ``seed`` fixes the random starts of a greedy
    search. Raises ``SelectionError`` when there are fewer candidates than ``k``, when ``k`` is
    below 1, or when the goal ``reach`` has no target.

    >>> import networkx as nx
    >>> star = nx.star_graph(["hub", "a", "b", "c"])
    >>> found = key_players(star, 1, "fragment")
    >>> found.actors, found.score, found.method
    (('hub',), 1.0, 'exact')
    """
    if goal not in GOALS:
        raise SelectionError(UNKNOWN_GOAL(goal=goal, goals=", ".join(GOALS)))
    nodes = list(graph)
    position = {node: at for at, node in enumerate(nodes)}
    pool = sorted({position[actor] for actor in (nodes if candidates is None else candidates) if actor in position})
    if k < 1:
        raise SelectionError(K_TOO_SMALL(k=k))
    if len(pool) < k:
        raise SelectionError(NOT_ENOUGH_CANDIDATES(candidates=len(pool), k=k))
    objective: _Objective
    if goal == FRAGMENT:
        objective = _Fragmentation(graph)
        before = objective.score(())
    else:
        wanted = sorted({position[actor] for actor in (targets or ()) if actor in position})
        if not wanted:
            raise SelectionError(NO_TARGETS())
        objective = _Reach(graph, pool, wanted, steps)
        before = (0.0, 0.0)
    search = _Search(objective, pool, k)
    if math.comb(len(pool), k) <= EXACT_MAX_SETS:
        best, score = search.exact()
        method, used_seed = EXACT, None
    else:
        best, score = search.greedy(np.random.default_rng(seed))
        method, used_seed = GREEDY, seed
    return KeyPlayers(
        goal,
        tuple(nodes[at] for at in best),
        score[0],
        score[1],
        before[0],
        before[1],
        tuple(objective.score((at,))[0] for at in best),
        steps if goal == REACH else None,
        method,
        used_seed,
        search.tried,
        len(pool),
        len(objective.targets) if isinstance(objective, _Reach) else 0,
    )


class _Objective:
    """A set's score, higher better; ``at_least`` lets an objective skip its costly second measure
    for a set whose first measure already falls short (None: always compute both)."""

    def score(self, members: Sequence[int], at_least: float | None = None) -> Score:
        raise NotImplementedError


class _Fragmentation(_Objective):
    """$F$, then $DF$, of the network left without the set (both NaN with fewer than two actors left)."""

    def __init__(self, graph: nx.Graph[str]) -> None:
        self.partners = partner_matrix(graph, self_loops=False)
        self.size = graph.number_of_nodes()
        self.ties: ig.Graph = to_igraph(graph, directed=False)

    def score(self, members: Sequence[int], at_least: float | None = None) -> Score:
        left = self.size - len(members)
        if left < 2:
            return (math.nan, math.nan)
        keep = np.ones(self.size, dtype=bool)
        keep[list(members)] = False
        rest = self.partners[keep][:, keep]
        _, component = csgraph.connected_components(rest, directed=False)
        sizes = np.bincount(component)
        fragmentation = 1.0 - float((sizes * (sizes - 1)).sum()) / (left * (left - 1))
        if at_least is not None and fragmentation < at_least - TOLERANCE:
            return (fragmentation, -math.inf)
        remaining = self.ties.copy()
        remaining.delete_vertices(list(members))
        closeness = float(np.sum(remaining.harmonic_centrality(normalized=False)))
        return (fragmentation, 1.0 - closeness / (left * (left - 1)))


class _Reach(_Objective):
    """The share of targets within ``steps`` steps of the set, then their distance-weighted reach.

    Distances from every candidate to every target are found once (one breadth-first search per
    candidate); a set's distance to a target is the least of its members'.
    """

    def __init__(self, graph: nx.Graph[str], pool: list[int], targets: list[int], steps: int) -> None:
        self.targets = targets
        self.steps = steps
        ties = to_igraph(graph, directed=False)
        found = np.asarray(ties.distances(source=pool, target=targets), dtype=float)
        self.distances: npt.NDArray[np.float64] = np.full((graph.number_of_nodes(), len(targets)), np.inf)
        self.distances[pool] = found

    def score(self, members: Sequence[int], at_least: float | None = None) -> Score:
        nearest = self.distances[list(members)].min(axis=0)
        return (float((nearest <= self.steps).mean()), float((1.0 / np.maximum(nearest, 1.0)).mean()))

    def scores(self, sets: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """The scores of many sets at once (one row of member positions per set)."""
        nearest = self.distances[sets].min(axis=1)
        return (nearest <= self.steps).mean(axis=1), (1.0 / np.maximum(nearest, 1.0)).mean(axis=1)


def _better(score: Score, than: Score) -> bool:
    """Whether ``score`` beats ``than``: a higher first measure, or an equal one and a higher second.
    A NaN first measure (too few actors left) never beats anything."""
    if math.isnan(score[0]):
        return False
    if math.isnan(than[0]) or score[0] > than[0] + TOLERANCE:
        return True
    return abs(score[0] - than[0]) <= TOLERANCE and score[1] > than[1] + TOLERANCE


WORST: Score = (math.nan, math.nan)


class _Search:
    """The exact and the greedy search over sets of ``k`` positions of ``pool``, counting sets tried."""

    def __init__(self, objective: _Objective, pool: list[int], k: int) -> None:
        self.objective = objective
        self.pool = pool
        self.k = k
        self.tried = 0

    def measure(self, members: Sequence[int], best: Score) -> Score:
        self.tried += 1
        return self.objective.score(members, None if math.isnan(best[0]) else best[0])

    def exact(self) -> tuple[tuple[int, ...], Score]:
        """Every set of ``k`` candidates, in the order of the graph; the first of equal best sets."""
        if isinstance(self.objective, _Reach):
            return self._exact_reach(self.objective)
        best_set: tuple[int, ...] = tuple(self.pool[: self.k])
        best = WORST
        for members in combinations(self.pool, self.k):
            score = self.measure(members, best)
            if _better(score, best):
                best_set, best = members, score
        return best_set, best

    def _exact_reach(self, objective: _Reach, chunk: int = 4096) -> tuple[tuple[int, ...], Score]:
        best_set: tuple[int, ...] = tuple(self.pool[: self.k])
        best = WORST
        sets = combinations(self.pool, self.k)
        for batch in iter(lambda: list(islice(sets, chunk)), []):
            members = np.array(batch, dtype=np.int64).reshape(len(batch), self.k)
            first, second = objective.scores(members)
            self.tried += len(batch)
            top = np.lexsort((-second, -first))[0]  # the first of the batch's best
            score = (float(first[top]), float(second[top]))
            if _better(score, best):
                best_set, best = tuple(int(at) for at in members[top]), score
        return best_set, best

    def greedy(self, rng: np.random.Generator) -> tuple[tuple[int, ...], Score]:
        """The best set of the swap searches from the greedily built set and ``RANDOM_STARTS`` random ones."""
        starts = [self._built()] + [
            [int(at) for at in rng.choice(self.pool, size=self.k, replace=False)] for _ in range(RANDOM_STARTS)
        ]
        best_set: tuple[int, ...] = tuple(starts[0])
        best = WORST
        for start in starts:
            members, score = self._swapped(start)
            if _better(score, best):
                best_set, best = tuple(sorted(members)), score
        return best_set, best

    def _built(self) -> list[int]:
        """A set built one member at a time, each the candidate that improves it most."""
        members: list[int] = []
        for _ in range(self.k):
            best, chosen = WORST, -1
            for candidate in self._outside(members):
                score = self.measure([*members, candidate], best)
                if _better(score, best) or chosen < 0:
                    best, chosen = score, candidate
            members.append(chosen)
        return members

    def _swapped(self, start: list[int]) -> tuple[list[int], Score]:
        """Borgatti's swaps: the best swap of a member for a non-member, as long as one improves the set."""
        members = list(start)
        score = self.measure(members, WORST)
        while True:
            best, swap = score, None
            for at in range(len(members)):
                for candidate in self._outside(members):
                    trial = [*members[:at], candidate, *members[at + 1 :]]
                    trial_score = self.measure(trial, best)
                    if _better(trial_score, best):
                        best, swap = trial_score, (at, candidate)
            if swap is None:
                return members, score
            members[swap[0]] = swap[1]
            score = best

    def _outside(self, members: list[int]) -> Iterator[int]:
        inside = set(members)
        return (candidate for candidate in self.pool if candidate not in inside)
