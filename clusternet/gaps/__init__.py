"""Brokerage gaps: a ranked, explained list of where facilitation should go next.

Each kind lives in its own module; :func:`find_gaps` runs them all on one selection's analysis and
ranks the opportunities by score (see docs/gaps.md for kinds, scores and evidence). A gap says why
it matters and what to do as a message (an id and parameters, actors by id), never as English: the
view renders :func:`explanation_of` and :func:`action_of` for its audience.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from clusternet.analysis import Analysis
from clusternet.gaps.bridging import bridging_gaps
from clusternet.gaps.config import GapsConfig
from clusternet.gaps.context import GapContext
from clusternet.gaps.dependency import broker_dependency
from clusternet.gaps.introductions import introductions
from clusternet.gaps.isolation import isolated_and_peripheral
from clusternet.gaps.opportunity import (
    GAP_COLUMNS,
    GapWording,
    Opportunity,
    action_of,
    explanation_of,
    opportunities_table,
    ranked,
    table_score,
)
from clusternet.gaps.reach import institution_reach, unreached_segments
from clusternet.gaps.trust_gaps import low_trust, trust_asymmetry, unconfirmed_ties

FINDERS = (
    isolated_and_peripheral,
    bridging_gaps,
    institution_reach,
    unreached_segments,
    broker_dependency,
    low_trust,
    trust_asymmetry,
    unconfirmed_ties,
    introductions,
)

__all__ = [
    "GAP_COLUMNS",
    "GapWording",
    "GapsConfig",
    "Opportunity",
    "action_of",
    "explanation_of",
    "find_gaps",
    "gaps_table",
    "total_score",
]


def find_gaps(analysis: Analysis, config: GapsConfig = GapsConfig()) -> list[Opportunity]:
    """Every opportunity for facilitation in the analysed selection, most important first."""
    context = GapContext(analysis, config)
    found = [opportunity for finder in FINDERS for opportunity in finder(context)]
    return sorted(found, key=lambda item: (-item.score, item.kind, item.key))


def gaps_table(analysis: Analysis, config: GapsConfig = GapsConfig()) -> pd.DataFrame:
    """The ranked opportunities: ``kind, actors, score, message, key``, ``message`` holding each gap's
    :class:`~clusternet.messages.Message` (the view renders it into ``gaps.csv``'s explanation and action)."""
    return opportunities_table(find_gaps(analysis, config))


def total_score(analysis: Analysis, config: GapsConfig = GapsConfig(), left_out: Collection[str] = ()) -> float:
    """Sum of the scores of :func:`gaps_table` without the kinds ``left_out``, added up as the table's
    ``score`` column would be (its values, in its order), without building the table: a what-if
    measures it on every state."""
    scores = [table_score(item) for item in ranked(find_gaps(analysis, config)) if item.kind not in left_out]
    return float(pd.Series(scores, dtype=float).sum())
