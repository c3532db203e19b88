"""The KPIs of a what-if: every KPI of ``kpis.csv``, plus those a broker weighs an action by.

The KPIs of :data:`clusternet.kpis.KPIS` come first, computed by that registry on each state's
round network, so that step 0 matches ``kpis.csv``; :data:`WHATIF_KPIS` follow. They are what-if
KPIs only, not KPIs of the comparison of rounds: a gap's total score and the project's share of
brokerage mean something for a plan, and a bootstrap interval of them would not.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusternet.gaps import GapsConfig, total_score
from clusternet.kpis import DOWN, KPI_BY_CODE, KPIS, UP, kpi_values
from clusternet.messages import Message, Template, message
from clusternet.survey.vocabulary import FIRM_TYPES
from clusternet.whatif.state import State

PROJECT_ATTRIBUTE = "is_project"
"""The actor attribute that marks the project's own actors (its office, its facilitators), unless
another is given."""

PROJECT_VALUES = frozenset({"yes", "y", "true", "1", "x", "project"})
"""Values of the project attribute (as text, in lower case) that mark an actor as the project's own;
a number marks it when it is not 0."""

ESTIMATED = frozenset({"betweenness_gini", "distance_weighted_fragmentation", "gaps_total_score"})
"""The KPIs that read betweenness or all distances: estimates when the state is (see :mod:`.state`)."""


@dataclass(frozen=True)
class WhatIfContext:
    """What the what-if KPIs of a scenario need besides each state: the gap settings, the kinds of
    gap left out of the total (an anonymised audience's), and the attribute marking the project's
    own actors (:data:`PROJECT_ATTRIBUTE` unless another is given; a survey without it has no
    project share)."""

    config: GapsConfig = field(default_factory=GapsConfig)
    left_out_gaps: tuple[str, ...] = ()
    project_attribute: str = PROJECT_ATTRIBUTE


@dataclass(frozen=True)
class WhatIfKpi:
    """A what-if KPI: as a KPI of the registry, a code, name, meaning and good direction, and its value
    on a state."""

    code: str
    name: Template
    meaning: Template
    good_direction: str
    measure: Callable[[State, WhatIfContext], float]


def _distance_weighted_fragmentation(state: State, context: WhatIfContext) -> float:
    r"""Borgatti's $DF = 1 - 2\sum_{i>j} 1/d_{ij} / n(n-1)$
    (:func:`~clusternet.metrics.keyplayer.distance_weighted_fragmentation`)."""
    return state.distance_weighted_fragmentation


def _institution_reach(steps: int) -> Callable[[State, WhatIfContext], float]:
    def reach(state: State, context: WhatIfContext) -> float:
        """Share of firms within ``steps`` steps of a support institution, as
        :func:`~clusternet.metrics.keyplayer.institution_reach` counts it (from the state's distances
        to the institutions, found once for both reaches)."""
        firms = state.actors["type"].isin(FIRM_TYPES).to_numpy()
        if not firms.any():
            return math.nan
        return float((state.steps_to_institution.to_numpy()[firms] <= steps).mean())

    return reach


def _project_brokerage_share(state: State, context: WhatIfContext) -> float:
    r"""Share of all brokered two-paths held by the project's own actors $P$,
    $\sum_{i \in P} b_i / \sum_i b_i$ with $b_i$ the Gould and Fernandez (1989) brokerage of actor $i$
    (every role, by the group attribute), as the top broker's share is $\max_i b_i / \sum_i b_i$:
    what the cluster still needs the project for, which a programme that hands brokering over to
    local institutions should bring down (UNIDO 2013). NaN when the survey has no project
    attribute, or when nobody brokers."""
    attribute = context.project_attribute
    if attribute not in state.actors.columns:
        return math.nan
    brokerage = state.actors["brokerage_total"]
    total = float(brokerage.sum())
    if total == 0:
        return math.nan
    return float(brokerage[is_project(state.actors[attribute])].sum()) / total


def is_project(values: pd.Series) -> pd.Series:
    """Whether each value of the project attribute marks the project's own actor: a text of
    :data:`PROJECT_VALUES`, or a number other than 0 (True is 1).

    >>> is_project(pd.Series(["Yes", "no", None, 1.0, 0, True])).tolist()
    [True, False, False, True, False, True]
    """

    def marks(value: object) -> bool:
        if isinstance(value, (bool, int, float, np.integer, np.floating)):
            return bool(value) and not pd.isna(value)
        return isinstance(value, str) and value.strip().lower() in PROJECT_VALUES

    return values.map(marks).astype(bool)


def _gaps_total_score(state: State, context: WhatIfContext) -> float:
    """Sum of the scores of every gap of the state (``clusternet gaps``, with the scenario's settings),
    leaving out the kinds the audience does not see."""
    return total_score(state.analysis, context.config, context.left_out_gaps)


WHATIF_KPIS = (
    WhatIfKpi(
        "distance_weighted_fragmentation",
        message("whatif.kpi.distance_weighted_fragmentation.name", "Distance-weighted fragmentation"),
        message(
            "whatif.kpi.distance_weighted_fragmentation.meaning",
            "1 minus the mean of 1 / steps between all pairs of actors: 0 everyone tied to everyone, 1 no tie "
            "(Borgatti)",
        ),
        DOWN,
        _distance_weighted_fragmentation,
    ),
    WhatIfKpi(
        "institution_reach_1",
        message("whatif.kpi.institution_reach_1.name", "Firms within 1 step of an institution"),
        message(
            "whatif.kpi.institution_reach_1.meaning",
            "share of firms tied to a support institution (as firm_institution_linkage)",
        ),
        UP,
        _institution_reach(1),
    ),
    WhatIfKpi(
        "institution_reach_2",
        message("whatif.kpi.institution_reach_2.name", "Firms within 2 steps of an institution"),
        message(
            "whatif.kpi.institution_reach_2.meaning",
            "share of firms tied to a support institution or to a partner of one",
        ),
        UP,
        _institution_reach(2),
    ),
    WhatIfKpi(
        "project_brokerage_share",
        message("whatif.kpi.project_brokerage_share.name", "Brokerage held by the project"),
        message(
            "whatif.kpi.project_brokerage_share.meaning",
            "share of all brokered two-paths held by the project's own actors: what the cluster still needs "
            "the project for",
        ),
        DOWN,
        _project_brokerage_share,
    ),
    WhatIfKpi(
        "gaps_total_score",
        message("whatif.kpi.gaps_total_score.name", "Gaps, total score"),
        message("whatif.kpi.gaps_total_score.meaning", "sum of the scores of every gap found (docs/gaps.md)"),
        DOWN,
        _gaps_total_score,
    ),
)
"""The what-if KPIs, in the order of ``whatif.csv`` after those of ``kpis.csv``.

Reference: Borgatti, S. P. (2006). Identifying sets of key players in a social network.
*Computational and Mathematical Organization Theory* 12(1), 21-34.
"""

WHATIF_BY_CODE = {kpi.code: kpi for kpi in WHATIF_KPIS}

HEADLINE_KPIS = (
    "fragmentation",
    "distance_weighted_fragmentation",
    "ei_index",
    "brokerage_top_share",
    "institution_reach_2",
    "gaps_total_score",
)
"""The KPIs a what-if leads with: is the network less fragmented, less dependent on one broker,
better reaching across groups and to the institutions, with fewer gaps left?"""

GOOD_DIRECTIONS = {kpi.code: kpi.good_direction for kpi in (*KPIS, *WHATIF_KPIS)}
"""The good direction of every KPI of a what-if, by code, in the order of ``whatif.csv``."""


def kpi_name(code: str) -> Message:
    """A what-if KPI's name for people (``gaps_total_score`` -> "Gaps, total score")."""
    if code in KPI_BY_CODE:
        return KPI_BY_CODE[code].label()
    return WHATIF_BY_CODE[code].name()


def kpi_meaning(code: str, group_by: str) -> Message:
    """A what-if KPI's one-line meaning; ``group_by`` is the group attribute of the E-I index."""
    if code in KPI_BY_CODE:
        return KPI_BY_CODE[code].meaning_for(group_by)
    return WHATIF_BY_CODE[code].meaning()


def state_values(state: State, context: WhatIfContext) -> dict[str, float]:
    """Every KPI of the state by code, in the order of ``whatif.csv``."""
    values = kpi_values(state.network)
    values.update({kpi.code: kpi.measure(state, context) for kpi in WHATIF_KPIS})
    return values
