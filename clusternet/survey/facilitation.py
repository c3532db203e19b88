"""The facilitation log (sheet ``actions``) and the logframe (sheet ``logframe``), checked row by row.

Both sheets are optional: a survey without them works as before. Every problem names its row and
column and says what to do, as for the other sheets: a repeated or blank id, a date that is not one,
a kind, status, level or basis outside the vocabulary, a participant who is not an actor, an
indicator the logframe does not list, a KPI code the registry does not know, a round the survey
does not have, a target that is not a number.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TYPE_CHECKING

import pandas as pd

from clusternet.messages import Message, message
from clusternet.survey.cells import as_date, as_id, as_label, as_number, as_text, display, is_blank
from clusternet.survey.model import PARTICIPANT_SEPARATOR, empty_actions, empty_logframe
from clusternet.survey.problems import ERROR, WARNING, Problem
from clusternet.survey.schema import ACTIONS, LOGFRAME, LOGFRAME_VALUE_PREFIX, canonical_name, near_matches

if TYPE_CHECKING:
    from clusternet.survey.validation import Cells, Columns

ACTION_KINDS = (
    "meeting",
    "training",
    "study_tour",
    "b2b_matchmaking",
    "joint_action",
    "diagnostic",
    "service_linkage",
    "other",
)
"""Kinds of facilitation action (INTERFACE.md); a blank kind is ``other``."""
JOINT_ACTION_KIND = "joint_action"
DONE, PLANNED = "done", "planned"
ACTION_STATUSES = (DONE, PLANNED)
"""An action took place (``done``, the default) or is a plan (what the What-if page downloads)."""
LEVELS = ("impact", "outcome", "output", "activity")
"""Levels of the logframe's causal chain, from the top (UNIDO 2013)."""
ALL_BASIS, PANEL_BASIS = "all", "panel"
BASES = (ALL_BASIS, PANEL_BASIS)

ID_BLANK = message("problem.facilitation.id_blank", "the {column} is blank")
ID_BLANK_FIX = message("problem.facilitation.id_blank.fix", "give the row an id, or delete the row")
ID_TWICE = message("problem.facilitation.id_twice", '"{id}" is already used on row {first_row}')
ID_TWICE_FIX = message("problem.facilitation.id_twice.fix", "give each row its own id")
DATE_MISSING = message("problem.action.date_missing", "the action has no date")
DATE_INVALID_FIX = message("problem.action.date.fix", "write the date as YYYY-MM-DD (for example 2024-03-15)")
NOT_IN_LIST = message("problem.facilitation.not_in_list", '"{value}" is not a {column}; it can be {values}')
NOT_IN_LIST_NEAR = message(
    "problem.facilitation.not_in_list.near", '"{value}" is not a {column}; did you mean "{suggestion}"?'
)
NOT_IN_LIST_FIX = message("problem.facilitation.not_in_list.fix", "write one of {values}")
UNKNOWN_ACTOR = message("problem.action.unknown_actor", '"{actor}" is not in the actors list')
UNKNOWN_ACTOR_NEAR = message(
    "problem.action.unknown_actor.near", '"{actor}" is not in the actors list; did you mean "{suggestion}"?'
)
UNKNOWN_ACTOR_FIX = message(
    "problem.action.unknown_actor.fix", "use the actor_id of the actors sheet, ids separated by ;"
)
PARTICIPANT_TWICE = message("problem.action.participant_twice", '"{actor}" is listed twice: it is counted once')
NO_PARTICIPANTS = message("problem.action.no_participants", "the action names no participant")
NO_PARTICIPANTS_FIX = message(
    "problem.action.no_participants.fix", "list the actor ids who took part, separated by ; (the follow-up needs them)"
)
UNKNOWN_INDICATOR = message("problem.action.unknown_indicator", '"{indicator}" is not an indicator_id of the logframe')
UNKNOWN_INDICATOR_FIX = message(
    "problem.action.unknown_indicator.fix", "use an indicator_id of the logframe sheet, or leave it blank"
)
UNKNOWN_KPI = message("problem.logframe.unknown_kpi", '"{kpi}" is not a KPI code')
UNKNOWN_KPI_NEAR = message(
    "problem.logframe.unknown_kpi.near", '"{kpi}" is not a KPI code; did you mean "{suggestion}"?'
)
UNKNOWN_KPI_FIX = message(
    "problem.logframe.unknown_kpi.fix",
    "use a code of the kpi column of kpis.csv (docs/logframe.md lists them), or leave it blank and type the values",
)
UNKNOWN_ROUND = message(
    "problem.logframe.unknown_round", '"{round}" is not a round of the survey; the rounds are {rounds}'
)
UNKNOWN_ROUND_FIX = message("problem.logframe.unknown_round.fix", "use a round label of the survey")
NOT_A_NUMBER = message("problem.logframe.not_a_number", '"{value}" is not a number')
NOT_A_NUMBER_FIX = message("problem.logframe.not_a_number.fix", "write a number such as 0.4 or 12, or leave it blank")
NO_TARGET = message("problem.logframe.no_target", "the indicator has no target: its progress stays blank")
NO_TARGET_FIX = message("problem.logframe.no_target.fix", "write the value the programme aims for in target")
NO_VALUE_SOURCE = message(
    "problem.logframe.no_value_source", "the indicator has neither a kpi code nor a value_<round> column with a value"
)
NO_VALUE_SOURCE_FIX = message(
    "problem.logframe.no_value_source.fix",
    "name the kpi it is computed from, or type its values in value_<round> columns",
)


def _vocabulary_problem(where: str, row: int, header: str, value: object, allowed: Collection[str]) -> Problem:
    """A value outside a sheet's vocabulary, with the closest allowed value when there is one."""
    written = display(value)
    listed = ", ".join(allowed)
    suggestions = near_matches(written, list(allowed), limit=1)
    text = (
        NOT_IN_LIST_NEAR(value=written, column=header, suggestion=suggestions[0])
        if suggestions
        else NOT_IN_LIST(value=written, column=header, values=listed)
    )
    return Problem(ERROR, where, row, header, written, text, NOT_IN_LIST_FIX(values=listed))


def _chosen(
    columns: Columns,
    values: Cells,
    name: str,
    allowed: Collection[str],
    default: str,
    row: int,
    problems: list[Problem],
) -> str:
    """A cell that must be one of ``allowed`` (compared as labels); blank is ``default``."""
    cell = columns.value(values, name)
    label = as_label(cell)
    if label is None:
        return default
    if label not in allowed:
        problems.append(_vocabulary_problem(columns.table.where, row, columns.header(name), cell, allowed))
    return label


def _text(columns: Columns, values: Cells, name: str) -> str:
    cell = columns.value(values, name)
    return "" if is_blank(cell) else as_text(cell)


def _unique_id(
    columns: Columns, values: Cells, name: str, row: int, first_row: dict[str, int], problems: list[Problem]
) -> str | None:
    """The row's id, or None (with its problem) when it is blank or repeats an earlier row's."""
    identifier, _ = as_id(columns.value(values, name))
    header = columns.header(name)
    where = columns.table.where
    if identifier is None:
        problems.append(Problem(ERROR, where, row, header, None, ID_BLANK(column=header), ID_BLANK_FIX()))
        return None
    if identifier in first_row:
        problems.append(
            Problem(
                ERROR,
                where,
                row,
                header,
                identifier,
                ID_TWICE(id=identifier, first_row=first_row[identifier]),
                ID_TWICE_FIX(),
            )
        )
        return None
    first_row[identifier] = row
    return identifier


def _unknown_actor(known: list[str], actor: str) -> Message:
    suggestions = near_matches(actor, known, limit=1)
    return UNKNOWN_ACTOR_NEAR(actor=actor, suggestion=suggestions[0]) if suggestions else UNKNOWN_ACTOR(actor=actor)


def _participants(
    columns: Columns, values: Cells, row: int, known: set[str], known_list: list[str], problems: list[Problem]
) -> list[str]:
    """The ``;``-separated participant ids of a row, each checked against the actors."""
    cell = columns.value(values, "participants")
    where, header = columns.table.where, columns.header("participants") if "participants" in columns else "participants"
    ids: list[str] = []
    for part in [] if is_blank(cell) else as_text(cell).split(PARTICIPANT_SEPARATOR):
        actor, _ = as_id(part)
        if actor is None:
            continue
        if actor in ids:
            problems.append(Problem(WARNING, where, row, header, actor, PARTICIPANT_TWICE(actor=actor)))
            continue
        if actor not in known:
            problems.append(
                Problem(ERROR, where, row, header, actor, _unknown_actor(known_list, actor), UNKNOWN_ACTOR_FIX())
            )
        ids.append(actor)
    if not ids:
        problems.append(Problem(WARNING, where, row, header, None, NO_PARTICIPANTS(), NO_PARTICIPANTS_FIX()))
    return ids


def parse_actions(
    columns: Columns, actor_ids: list[str], indicator_ids: Collection[str] | None, problems: list[Problem]
) -> pd.DataFrame:
    """The facilitation log: one row per action, in the sheet's order (see :class:`~clusternet.survey.Survey`).

    ``indicator_ids`` are the logframe's (None without a logframe sheet: an ``indicator_id`` then
    names nothing and is an error as well). The lead actor counts as a participant.
    """
    where = columns.table.where
    known = set(actor_ids)
    first_row: dict[str, int] = {}
    records: list[dict[str, object]] = []
    for row, values in columns.table.rows:
        action_id = _unique_id(columns, values, "action_id", row, first_row, problems)
        date, date_problem = as_date(columns.value(values, "date"))
        if date_problem is not None or date is None:
            shown = display(columns.value(values, "date"))
            reason = date_problem if date_problem is not None else DATE_MISSING()
            problems.append(
                Problem(ERROR, where, row, columns.header("date"), shown or None, reason, DATE_INVALID_FIX())
            )
        participants = _participants(columns, values, row, known, actor_ids, problems)
        lead, _ = as_id(columns.value(values, "lead_actor"))
        if lead is not None and lead not in known:
            header = columns.header("lead_actor")
            problems.append(
                Problem(ERROR, where, row, header, lead, _unknown_actor(actor_ids, lead), UNKNOWN_ACTOR_FIX())
            )
        if lead is not None and lead not in participants:
            participants.insert(0, lead)
        indicator, _ = as_id(columns.value(values, "indicator_id"))
        if indicator is not None and indicator not in (indicator_ids or ()):
            header = columns.header("indicator_id")
            problems.append(
                Problem(
                    ERROR,
                    where,
                    row,
                    header,
                    indicator,
                    UNKNOWN_INDICATOR(indicator=indicator),
                    UNKNOWN_INDICATOR_FIX(),
                )
            )
        records.append(
            {
                "action_id": action_id,
                "date": date,
                "kind": _chosen(columns, values, "kind", ACTION_KINDS, "other", row, problems),
                "participants": PARTICIPANT_SEPARATOR.join(participants),
                "lead_actor": lead or "",
                "gap_key": _text(columns, values, "gap_key"),
                "indicator_id": indicator or "",
                "title": _text(columns, values, "title"),
                "notes": _text(columns, values, "notes"),
                "status": _chosen(columns, values, "status", ACTION_STATUSES, DONE, row, problems),
            }
        )
    if not records:
        return empty_actions()
    frame = pd.DataFrame(records, columns=list(ACTIONS.columns))
    return frame.assign(date=pd.to_datetime(frame["date"]).astype("datetime64[ns]"))


def value_columns(columns: Columns) -> dict[str, str]:
    """The logframe's ``value_<round>`` columns: canonical name -> header as written."""
    return {name: header for name, (_, header) in columns.positions.items() if name.startswith(LOGFRAME_VALUE_PREFIX)}


def _number(columns: Columns, values: Cells, name: str, header: str, row: int, problems: list[Problem]) -> float:
    """A number cell; blank is NaN, anything else is an error."""
    cell = columns.value(values, name)
    if is_blank(cell):
        return math.nan
    number = as_number(cell)
    if number is None or not math.isfinite(number):
        shown = display(cell)
        problems.append(
            Problem(ERROR, columns.table.where, row, header, shown, NOT_A_NUMBER(value=shown), NOT_A_NUMBER_FIX())
        )
        return math.nan
    return number


def _round(
    columns: Columns,
    values: Cells,
    name: str,
    rounds: list[str],
    default: str | None,
    row: int,
    problems: list[Problem],
) -> str:
    """A round label of the survey (blank is ``default``)."""
    label, _ = as_id(columns.value(values, name))
    if label is None:
        return default or ""
    if label not in rounds:
        problems.append(
            Problem(
                ERROR,
                columns.table.where,
                row,
                columns.header(name),
                label,
                UNKNOWN_ROUND(round=label, rounds=", ".join(rounds)),
                UNKNOWN_ROUND_FIX(),
            )
        )
    return label


def parse_logframe(
    columns: Columns, rounds: list[str], kpi_codes: Collection[str], problems: list[Problem]
) -> pd.DataFrame:
    """The logframe: one row per indicator (see :class:`~clusternet.survey.Survey`).

    A blank ``baseline_round`` is the first round and a blank ``target_round`` the last; a blank
    ``basis`` is ``all``; ``value_<round>`` columns must name a round of the survey.
    """
    where = columns.table.where
    by_canonical = {canonical_name(label): label for label in rounds}
    hand_columns = value_columns(columns)
    by_column: dict[str, str] = {}
    for name, header in hand_columns.items():
        suffix = name[len(LOGFRAME_VALUE_PREFIX) :]
        if suffix in by_canonical:
            by_column[name] = by_canonical[suffix]
            continue
        written = header.strip()[len(LOGFRAME_VALUE_PREFIX) :]
        problems.append(
            Problem(
                ERROR,
                where,
                columns.table.header_row,
                header,
                None,
                UNKNOWN_ROUND(round=written, rounds=", ".join(rounds)),
                UNKNOWN_ROUND_FIX(),
            )
        )
    first_row: dict[str, int] = {}
    records: list[dict[str, object]] = []
    kpi_list = list(kpi_codes)
    for row, values in columns.table.rows:
        indicator = _unique_id(columns, values, "indicator_id", row, first_row, problems)
        kpi = as_label(columns.value(values, "kpi")) or ""
        if kpi and kpi not in kpi_codes:
            suggestions = near_matches(kpi, kpi_list, limit=1)
            problems.append(
                Problem(
                    ERROR,
                    where,
                    row,
                    columns.header("kpi"),
                    kpi,
                    UNKNOWN_KPI_NEAR(kpi=kpi, suggestion=suggestions[0]) if suggestions else UNKNOWN_KPI(kpi=kpi),
                    UNKNOWN_KPI_FIX(),
                )
            )
        target_header = columns.header("target") if "target" in columns else "target"
        target = _number(columns, values, "target", target_header, row, problems)
        hand = {
            f"{LOGFRAME_VALUE_PREFIX}{label}": _number(columns, values, name, hand_columns[name], row, problems)
            for name, label in by_column.items()
        }
        if not kpi and all(math.isnan(value) for value in hand.values()):
            problems.append(Problem(ERROR, where, row, None, None, NO_VALUE_SOURCE(), NO_VALUE_SOURCE_FIX()))
        if math.isnan(target):
            problems.append(Problem(WARNING, where, row, target_header, None, NO_TARGET(), NO_TARGET_FIX()))
        records.append(
            {
                "indicator_id": indicator,
                "level": _chosen(columns, values, "level", LEVELS, "outcome", row, problems),
                "name": _text(columns, values, "name") or (indicator or ""),
                "kpi": kpi,
                "basis": _chosen(columns, values, "basis", BASES, ALL_BASIS, row, problems),
                "baseline_round": _round(
                    columns, values, "baseline_round", rounds, rounds[0] if rounds else None, row, problems
                ),
                "target": target,
                "target_round": _round(
                    columns, values, "target_round", rounds, rounds[-1] if rounds else None, row, problems
                ),
                **hand,
            }
        )
    hand_names = [f"{LOGFRAME_VALUE_PREFIX}{label}" for label in rounds if label in by_column.values()]
    if not records:
        return empty_logframe().assign(**{name: pd.Series(dtype=float) for name in hand_names})
    return pd.DataFrame(records, columns=[*LOGFRAME.columns, *hand_names]).astype({"target": float})
