"""A survey with its facilitation log replaced by one edited in the app, checked as the actions sheet is."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from clusternet.survey.facilitation import parse_actions
from clusternet.survey.model import Survey
from clusternet.survey.problems import ERROR, Problem, SurveyError
from clusternet.survey.schema import ACTIONS
from clusternet.survey.tables import RawTable
from clusternet.survey.validation import locate_columns


def _cell(value: object) -> object:
    """An edited cell as a sheet would hold it: blank for a missing value, a date for a timestamp."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


def with_actions(survey: Survey, table: pd.DataFrame, where: str) -> Survey:
    """``survey`` with ``table`` as its facilitation log, every row checked as the ``actions`` sheet's
    (rows numbered from 2 as in a sheet, ``where`` naming the table in problems); raises
    :class:`SurveyError` with every problem when a row is wrong, so nothing changes unseen."""
    rows = tuple(
        (number, tuple(_cell(value) for value in values))
        for number, values in enumerate(table.itertuples(index=False, name=None), start=2)
        if any(_cell(value) not in (None, "") for value in values)
    )
    raw = RawTable(where, 1, tuple(str(column) for column in table.columns), rows)
    problems: list[Problem] = []
    columns = locate_columns(raw, ACTIONS, problems)
    indicators = list(survey.logframe["indicator_id"]) if len(survey.logframe) else None
    actions = parse_actions(columns, list(survey.actors["actor_id"]), indicators, problems) if columns else None
    if actions is None or any(problem.severity == ERROR for problem in problems):
        raise SurveyError(problems)
    return replace(survey, actions=actions)
