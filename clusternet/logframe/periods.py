"""Rounds and actions on one time line: the round before an action, the round after it, a round's period.

A round's **period** runs from the day after the round before it up to and including its own date
(the first round's, up to its date): the actions of the period are those that could have shaped
what the round measured. An action on the day of a round counts in that round's period, and the
round after it is that round. Rounds without a date place no action: every question here then has
no answer (None, an empty period).
"""

from __future__ import annotations

import pandas as pd

from clusternet.survey import Survey
from clusternet.survey.facilitation import DONE


def dated_rounds(survey: Survey) -> list[tuple[str, pd.Timestamp]]:
    """The survey's rounds with their dates, in order; empty unless every round has a date."""
    dates = list(survey.rounds["date"])
    if not dates or any(pd.isna(date) for date in dates):
        return []
    return list(zip(survey.round_labels, (pd.Timestamp(date) for date in dates)))


def round_before(survey: Survey, date: pd.Timestamp) -> str | None:
    """The last round dated before ``date``, or None."""
    before = [label for label, round_date in dated_rounds(survey) if round_date < date]
    return before[-1] if before else None


def round_after(survey: Survey, date: pd.Timestamp) -> str | None:
    """The first round dated on or after ``date``, or None."""
    return next((label for label, round_date in dated_rounds(survey) if round_date >= date), None)


def period_actions(survey: Survey, round_label: str) -> pd.DataFrame:
    """The actions done (status ``done``) in the period of ``round_label``; none when rounds have no dates."""
    actions = survey.actions
    done = actions.loc[actions["status"] == DONE]
    placed = done["date"].map(lambda date: round_after(survey, pd.Timestamp(date)) if pd.notna(date) else None)
    return done.loc[placed == round_label].reset_index(drop=True)
