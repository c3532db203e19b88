"""Brokerage gaps: a ranked, explained list of where facilitation should go next.

Each kind lives in its own module; :func:`find_gaps` runs them all on one selection's analysis and
ranks the opportunities by score (see docs/gaps.md for kinds, scores and evidence).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from clusternet.analysis import Analysis
from clusternet.gaps.bridging import bridging_gaps
from clusternet.gaps.config import GapsConfig
from clusternet.gaps.context import GapContext
from clusternet.gaps.dependency import broker_dependency
from clusternet.gaps.introductions import introductions
from clusternet.gaps.isolation import isolated_and_peripheral
from clusternet.gaps.opportunity import GAP_COLUMNS, Opportunity, opportunities_table
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

__all__ = ["GAP_COLUMNS", "GapsConfig", "Opportunity", "find_gaps", "gaps_table"]


def find_gaps(
    analysis: Analysis, config: GapsConfig = GapsConfig(), labels: Mapping[str, str] | None = None
) -> list[Opportunity]:
    """Every opportunity for facilitation in the analysed selection, most important first.

    ``labels`` maps actor ids to the text used in explanations: names by default, codes when the
    view is anonymised.
    """
    if labels is None:
        labels = dict(zip(analysis.actors["actor_id"], analysis.actors["name"]))
    context = GapContext(analysis, config, labels)
    found = [opportunity for finder in FINDERS for opportunity in finder(context)]
    return sorted(found, key=lambda item: (-item.score, item.kind, item.key))


def gaps_table(
    analysis: Analysis, config: GapsConfig = GapsConfig(), labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The ranked opportunities as the ``gaps.csv`` table: kind, actors, score, explanation, action, key."""
    return opportunities_table(find_gaps(analysis, config, labels))
