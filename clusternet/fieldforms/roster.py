"""The roster of a field form: the cluster's organisations, read from a survey or a bare actors CSV.

A roster is what the form offers to pick from (its media file ``roster.csv``) and what an import maps
the answers back to. It comes from a survey (workbook or CSV folder: its ``actors`` sheet, rounds and
relations), from a bare actors CSV (``actor_id``, ``name``, ``type``, ...) or from the form's own
``roster.csv`` (``name`` = actor id, ``label`` = name).

Its ids go into the form verbatim, so that an export maps back 1:1; each must therefore be filled in,
unique, and free of white space: a select-many answer is the chosen ids separated by spaces, so ``F 01``
would come back as two organisations ``F`` and ``01``. Every such id is an error naming its row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from clusternet.messages import message
from clusternet.survey import Survey, SurveyError, load_survey
from clusternet.survey.cells import as_text, is_blank
from clusternet.survey.problems import ERROR, Problem
from clusternet.survey.reading import RawTable, read_csv_table, read_file_bytes, read_survey_path, too_large
from clusternet.survey.schema import ACTORS, canonical_name
from clusternet.survey.validation import (
    ACTOR_ID_REPEATED,
    ACTOR_ID_REPEATED_FIX,
    BLANK_ID,
    locate_columns,
    parse_actors,
)
from clusternet.survey.vocabulary import DEFAULT_RELATION, PRIVATE

ID_WITH_SPACE = message(
    "fieldform.roster.id_with_space",
    'the actor id "{actor}" holds white space, which a form cannot keep: a select-many answer is the chosen ids '
    "separated by spaces",
)
ID_WITH_SPACE_FIX = message(
    "fieldform.roster.id_with_space.fix",
    'write the id without spaces (for example "F01" or "F_01"), here and wherever the survey uses it',
)
NO_ID_COLUMN = message(
    "fieldform.roster.no_id_column",
    "this file has no column of actor ids (found: {headers})",
)
NO_ID_COLUMN_FIX = message(
    "fieldform.roster.no_id_column.fix",
    "give a survey, its actors.csv (column actor_id) or the form's roster.csv (columns name and label)",
)
SURVEY_ACTORS = message("fieldform.roster.survey_actors", "{source}, actors")

MEDIA_COLUMNS = {"name": "actor_id", "label": "name"}
"""The form's roster.csv names its columns as XLSForm wants them: ``name`` is the actor id, ``label`` the name."""


@dataclass(frozen=True)
class Roster:
    """The organisations of a form: ``actors`` (``actor_id``, ``name``, ``type``, then attributes), the
    survey they come from (None for a bare CSV), the attributes marked private (left out of the form's
    media file), and the warnings met reading it."""

    actors: pd.DataFrame
    source: str
    survey: Survey | None = None
    private: frozenset[str] = frozenset()
    warnings: tuple[Problem, ...] = ()

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.actors["actor_id"])

    @property
    def rounds(self) -> list[str]:
        """The survey's rounds, in order (none for a bare actors file)."""
        return [] if self.survey is None else self.survey.round_labels

    @property
    def relations(self) -> list[str]:
        """The relations the survey's ties use (none for a bare actors file, or ties without relations)."""
        if self.survey is None:
            return []
        return [relation for relation in self.survey.relation_labels if relation != DEFAULT_RELATION]


def id_problems(where: str, column: str, ids: Iterable[tuple[int | None, object]]) -> list[Problem]:
    """Every id a form cannot carry, as errors: blank, holding white space, or used on an earlier row.

    ``ids`` pairs each row number (None when unknown) with the cell as read.
    """
    problems: list[Problem] = []
    first_row: dict[str, int | None] = {}
    blank, blank_fix = BLANK_ID["actor_id"]
    for row, cell in ids:
        if is_blank(cell):
            problems.append(Problem(ERROR, where, row, column, None, blank(), blank_fix()))
            continue
        actor = cell if isinstance(cell, str) else as_text(cell)
        if any(character.isspace() for character in actor):
            problems.append(Problem(ERROR, where, row, column, actor, ID_WITH_SPACE(actor=actor), ID_WITH_SPACE_FIX()))
        elif actor in first_row:
            earlier = first_row[actor]
            repeated = ACTOR_ID_REPEATED(actor=actor, first_row=earlier if earlier is not None else "?")
            problems.append(Problem(ERROR, where, row, column, actor, repeated, ACTOR_ID_REPEATED_FIX()))
        else:
            first_row[actor] = row
    return problems


def _table_ids(table: RawTable, id_header: str) -> list[tuple[int | None, object]]:
    index = table.headers.index(id_header)
    return [(number, values[index]) for number, values in table.rows]


def _id_header(table: RawTable, wanted: str) -> str | None:
    return next((header for header in table.headers if canonical_name(header) == wanted), None)


def roster_from_survey(survey: Survey) -> Roster:
    """The roster of a validated survey; :class:`SurveyError` if an id holds white space (the survey
    format allows it, a form does not)."""
    where = SURVEY_ACTORS(source=survey.source or "survey")
    problems = id_problems(str(where), "actor_id", ((None, actor) for actor in survey.actors["actor_id"]))
    if problems:
        raise SurveyError(problems)
    private = frozenset(column for column, mark in survey.attribute_privacy.items() if mark == PRIVATE)
    return Roster(survey.actors, survey.source, survey, private, survey.warnings)


def roster_from_csv(data: bytes, name: str) -> Roster:
    """The roster of a bare actors CSV or of a form's roster.csv; :class:`SurveyError` with every problem."""
    problems: list[Problem] = []
    table = None if too_large(name, len(data), problems) else read_csv_table(data, name, problems)
    if table is None:
        raise SurveyError(problems)
    id_header = _id_header(table, "actor_id")
    shown_header = id_header
    if id_header is None and _id_header(table, "label"):
        shown_header = _id_header(table, "name")
        renamed = tuple(MEDIA_COLUMNS.get(canonical_name(header), header) for header in table.headers)
        table = RawTable(table.where, table.header_row, renamed, table.rows)
        id_header = _id_header(table, "actor_id")
    if id_header is None or shown_header is None:
        headers = ", ".join(f'"{header}"' for header in table.headers)
        raise SurveyError([Problem(ERROR, name, 1, None, None, NO_ID_COLUMN(headers=headers), NO_ID_COLUMN_FIX())])
    problems += id_problems(name, shown_header, _table_ids(table, id_header))
    columns = None if problems else locate_columns(table, ACTORS, problems)
    actors = None if columns is None else parse_actors(columns, problems)
    if actors is None or any(problem.severity == ERROR for problem in problems):
        raise SurveyError(problems)
    return Roster(actors.drop(columns="file_row"), name, warnings=tuple(problems))


def read_roster(path: str | Path) -> Roster:
    """The roster at ``path``: a survey workbook or CSV folder, or one CSV file of actors; only read.

    Raises :class:`SurveyError` with every problem: the survey's own, and every id a form cannot carry
    (named by its row).
    """
    path = Path(path)
    problems: list[Problem] = []
    if path.is_file() and path.suffix.lower() == ".csv":
        data = read_file_bytes(path, problems)
        if data is None:
            raise SurveyError(problems)
        return roster_from_csv(data, path.name)
    raw = read_survey_path(path, problems)
    actors = None if raw is None else raw.tables.get(ACTORS.name)
    id_header = None if actors is None else _id_header(actors, "actor_id")
    if actors is not None and id_header is not None:
        found = id_problems(actors.where, id_header, _table_ids(actors, id_header))
        if found:
            raise SurveyError(found)
    return roster_from_survey(load_survey(path))
