"""Check the raw tables of a survey and turn them into a :class:`Survey`.

Every problem of every sheet is collected before anything is raised, so that a field team fixes
a file in one pass. Rows with an error are never dropped quietly: the survey is refused and the
problem names the row. Warnings (a repeated tie row counted once, spaces stripped from an id)
describe what was done so that nothing changes unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

from clusternet.indicator_codes import INDICATOR_CODES
from clusternet.messages import Message, Param, Template, message
from clusternet.survey.cells import (
    TRUST_SCALE_HINT,
    as_attribute_column,
    as_date,
    as_id,
    as_label,
    as_text,
    as_trust,
    as_weight,
    display,
    is_blank,
    read_each,
)
from clusternet.survey.columns import look_alike, unknown_column_problems
from clusternet.survey.facilitation import parse_actions, parse_logframe
from clusternet.survey.model import Survey, empty_actions, empty_logframe
from clusternet.survey.problems import ERROR, WARNING, Problem
from clusternet.survey.reading import RawSurvey, RawTable
from clusternet.survey.schema import (
    ACTIONS,
    ACTORS,
    ATTRIBUTES,
    LOGFRAME,
    SHEETS,
    TIES,
    SheetSpec,
    canonical_name,
    near_matches,
)
from clusternet.survey.vocabulary import (
    ACTOR_TYPES,
    ATTRIBUTE_PRIVACY,
    DEFAULT_RELATION,
    DEFAULT_ROUND,
    POOLED_TYPE,
    PRIVATE,
    SAFE,
    UNKNOWN_TYPE,
)

CSV_FILE = message("problem.sheet.csv_file", "{sheet}.csv")
WORKBOOK_SHEET = message("problem.sheet.workbook_sheet", "sheet {sheet}")
SHEET_MISSING = message("problem.sheet.missing", "{sheet} is missing (found: {found})")
SHEET_MISSING_FOUND_NOTHING = message(
    "problem.sheet.missing.nothing_found", "{sheet} is missing (found: nothing readable)"
)
SHEET_MISSING_RENAME = message("problem.sheet.missing.fix_rename", 'rename "{found}" to "{sheet}"')
SHEET_MISSING_ADD = message("problem.sheet.missing.fix_add", "add {sheet} with the columns {columns}")
COLUMN_TWICE = message("problem.column.twice", 'two columns mean "{column}" (the other is "{other}")')
COLUMN_TWICE_FIX = message("problem.column.twice.fix", "keep one of them, or rename the other")
COLUMN_MISSING = message("problem.column.missing", 'the required column "{column}" is missing')
COLUMN_MISSING_RENAME = message("problem.column.missing.fix_rename", 'rename column "{found}" to "{column}"')
COLUMN_MISSING_ADD = message("problem.column.missing.fix_add", 'add a column "{column}" to the header row')
NO_ROWS = message("problem.sheet.no_rows", "there is a header but no rows")
NO_ROWS_FIX = {
    ACTORS.name: message("problem.sheet.no_rows.fix_actors", "list every actor of the cluster, one per row"),
    TIES.name: message("problem.sheet.no_rows.fix_ties", "list the ties reported, one per row"),
}
BLANK_ID: dict[str, tuple[Template, Template]] = {
    "actor_id": (
        message("problem.id.blank.actor_id", "the actor id is blank"),
        message("problem.id.blank.actor_id.fix", "fill in the actor id, or delete the row"),
    ),
    "source": (
        message("problem.id.blank.source", "the source (the respondent's actor id) is blank"),
        message("problem.id.blank.source.fix", "fill in the source (the respondent's actor id), or delete the row"),
    ),
    "target": (
        message("problem.id.blank.target", "the target (the partner's actor id) is blank"),
        message("problem.id.blank.target.fix", "fill in the target (the partner's actor id), or delete the row"),
    ),
    "round": (
        message("problem.id.blank.round", "the round is blank"),
        message("problem.id.blank.round.fix", "fill in the round, or delete the row"),
    ),
}
"""What is wrong and what to do when an id cell is blank, by the column that holds the id."""
ID_SPACES_REMOVED = message("problem.id.spaces_removed", 'spaces around the id were removed: read as "{id}"')
ACTOR_ID_REPEATED = message("problem.actor.id_repeated", 'the actor id "{actor}" is already used on row {first_row}')
ACTOR_ID_REPEATED_FIX = message("problem.actor.id_repeated.fix", "give each actor one row and its own id")
TYPE_NOT_RECOMMENDED = message(
    "problem.actor.type_not_recommended",
    'the type "{type}" ({actors} actors) is not a recommended type; kept as it is',
)
TYPE_NOT_RECOMMENDED_FIX = message("problem.actor.type_not_recommended.fix", 'did you mean "{suggestion}"?')
RELATION_BLANK = message("problem.relation.blank", "the relation is blank")
RELATION_BLANK_FIX = message(
    "problem.relation.blank.fix", "name the kind of tie (for example information or joint_action)"
)
WEIGHT_FIX = message("problem.weight.fix", "use a number of 0 or more (frequency or strength), or leave blank for 1")
SELF_TIE = message("problem.tie.self", '"{actor}" names itself as a partner; this tie is left out')
SELF_TIE_FIX = message("problem.tie.self.fix", "delete the row, or correct the target id")
TIE_REPEATED = message("problem.tie.repeated", "this row repeats row {first_row} exactly; it is counted once")
TIE_REPEATED_DIFFERENTLY = message(
    "problem.tie.repeated_differently",
    "row {first_row} also reports {source} -> {target} ({relation}, round {round}) but with a different {columns}",
)
TIE_REPEATED_DIFFERENTLY_FIX = message(
    "problem.tie.repeated_differently.fix", "keep the row that is right and delete the other"
)
BOTH = message("problem.list.and", "{first} and {second}")
DATE_FIX = message("problem.date.fix", "write the date as YYYY-MM-DD (for example 2024-03-15)")
ROUND_LISTED_TWICE = message("problem.round.listed_twice", 'the round "{round}" is already listed on row {first_row}')
ROUND_LISTED_TWICE_FIX = message("problem.round.listed_twice.fix", "list each round once")
RESPONDENT_REPEATED = message("problem.respondent.repeated", "this row repeats row {first_row}; it is counted once")
ACTOR_UNKNOWN = message("problem.actor.unknown", '"{actor}" is not in the actors list')
ACTOR_UNKNOWN_NEAR_MATCH = message(
    "problem.actor.unknown.near_match", '"{actor}" is not in the actors list; did you mean "{suggestion}"?'
)
ACTOR_UNKNOWN_FIX = message(
    "problem.actor.unknown.fix", "add this actor to actors, correct the id, or load with --add-missing-actors"
)
ROUNDS_PARTLY_DATED = message(
    "problem.rounds.partly_dated", "only some rounds have a date, so rounds are ordered as listed"
)
ROUNDS_PARTLY_DATED_FIX = message("problem.rounds.partly_dated.fix", "give every round a date")
ROUND_UNLISTED = message(
    "problem.round.unlisted",
    'the round "{round}" is not in the rounds sheet ({rounds}); {count} row(s) use it: {rows}.',
)
ROUND_UNLISTED_NEAR_MATCH = message(
    "problem.round.unlisted.near_match",
    'the round "{round}" is not in the rounds sheet ({rounds}); {count} row(s) use it: {rows}. '
    'Did you mean "{suggestion}"?',
)
ROUND_UNLISTED_FIX = message(
    "problem.round.unlisted.fix", "correct the round label, or add the round to the rounds sheet"
)
RESPONDENTS_UNLISTED = message(
    "problem.respondents.unlisted",
    '{count} actor(s) reported ties in round "{round}" but are not listed as respondents ({actors}); '
    "they are counted as respondents",
)
RESPONDENTS_UNLISTED_FIX = message("problem.respondents.unlisted.fix", "add them to the respondents sheet")
ACTORS_ADDED = message(
    "problem.actors.added",
    '{count} actor(s) named in ties or respondents were not in the actors list and were added with type "{type}": '
    "{actors}",
)
ACTORS_ADDED_FIX = message("problem.actors.added.fix", "add them to the actors sheet with their name and type")
ATTRIBUTE_BLANK = message("problem.attribute.blank", "the attribute is blank")
ATTRIBUTE_BLANK_FIX = message(
    "problem.attribute.blank.fix", "write the header of an actors column to mark, or delete the row"
)
ATTRIBUTE_NOT_AN_ACTORS_COLUMN = message(
    "problem.attribute.not_an_actors_column", '"{attribute}" is not a column of the actors sheet'
)
ATTRIBUTE_NOT_AN_ACTORS_COLUMN_NEAR_MATCH = message(
    "problem.attribute.not_an_actors_column.near_match",
    '"{attribute}" is not a column of the actors sheet; did you mean "{suggestion}"?',
)
ATTRIBUTE_NOT_AN_ACTORS_COLUMN_FIX = message(
    "problem.attribute.not_an_actors_column.fix",
    "write the header of one of the actors columns {attributes}, or delete the row",
)
ATTRIBUTE_NONE_TO_MARK_FIX = message(
    "problem.attribute.none_to_mark.fix", "the actors sheet has no attribute columns to mark: delete the row"
)
ATTRIBUTE_IDENTIFIES = message(
    "problem.attribute.identifies",
    '"{attribute}" cannot be marked: actor ids and names are never shown to an anonymised audience',
)
ATTRIBUTE_TYPE = message(
    "problem.attribute.type",
    '"{attribute}" cannot be marked: the type is always shown to an anonymised audience, '
    'with the types of fewer than k actors shown together as "{pooled}"',
)
ATTRIBUTE_NOT_MARKABLE_FIX = message("problem.attribute.not_markable.fix", "delete the row")
ATTRIBUTE_MARKED_TWICE = message(
    "problem.attribute.marked_twice", 'the attribute "{attribute}" is already marked on row {first_row}'
)
ATTRIBUTE_MARKED_TWICE_DIFFERENTLY = message(
    "problem.attribute.marked_twice_differently",
    'the attribute "{attribute}" is marked {mark} here but {first_mark} on row {first_row}',
)
ATTRIBUTE_MARKED_TWICE_FIX = message(
    "problem.attribute.marked_twice.fix", "keep one row for each attribute, with the mark that is right"
)
PRIVACY_BLANK = message("problem.privacy.blank", "the privacy is blank")
PRIVACY_UNKNOWN = message("problem.privacy.unknown", '"{value}" is not a privacy mark')
PRIVACY_FIX = message("problem.privacy.fix", "write {safe} or {private}")

Result = TypeVar("Result")
Cells = tuple[object, ...]
Found = list[tuple[int, int, Problem]]
"""Problems with their (row position, check) for sorting: row by row, in the order of the checks."""


@dataclass(frozen=True)
class Columns:
    """Where the columns of a sheet are: canonical name -> (index, header as written)."""

    table: RawTable
    positions: dict[str, tuple[int, str]]

    def __contains__(self, name: str) -> bool:
        return name in self.positions

    def header(self, name: str) -> str:
        return self.positions[name][1]

    def value(self, values: Cells, name: str) -> object:
        return values[self.positions[name][0]] if name in self.positions else None

    def extra(self, spec: SheetSpec) -> list[str]:
        """Columns beyond the format's own, in file order."""
        return [name for name in self.positions if name not in spec.columns]

    def cells(self, name: str) -> list[object]:
        """Every row's cell of a column (None for every row when the column is absent)."""
        if name not in self.positions:
            return [None] * len(self.table.rows)
        index = self.positions[name][0]
        return [values[index] for _, values in self.table.rows]

    def read(self, name: str, reader: Callable[[object], Result]) -> list[Result]:
        """``reader(cell)`` for every row's cell of a column, each distinct cell read once."""
        return read_each(self.cells(name), reader)


def sheet_label(raw: RawSurvey, name: str) -> Message:
    """A sheet of the format as the user looks for it: ``ties.csv`` in a folder, ``sheet ties`` in a workbook."""
    return CSV_FILE(sheet=name) if raw.kind == "folder" else WORKBOOK_SHEET(sheet=name)


def locate_sheets(raw: RawSurvey, problems: list[Problem]) -> dict[str, RawTable]:
    """The format's sheets found in the source; missing required ones are errors."""
    found: dict[str, RawTable] = {}
    for spec in SHEETS:
        if spec.name in raw.tables:
            found[spec.name] = raw.tables[spec.name]
            continue
        if spec.name in raw.names or not spec.required:
            continue  # present but unreadable (already reported), or optional and absent
        others = [written for key, written in raw.names.items() if key not in {s.name for s in SHEETS}]
        suggestions = near_matches(spec.name, others)
        wanted = sheet_label(raw, spec.name)
        fix = (
            SHEET_MISSING_RENAME(found=suggestions[0], sheet=spec.name)
            if suggestions
            else SHEET_MISSING_ADD(sheet=wanted, columns=", ".join(spec.columns))
        )
        holds = ", ".join(f'"{name}"' for name in raw.names.values())
        missing = SHEET_MISSING(sheet=wanted, found=holds) if holds else SHEET_MISSING_FOUND_NOTHING(sheet=wanted)
        problems.append(Problem(ERROR, raw.source, None, None, None, missing, fix))
    return found


def locate_columns(table: RawTable, spec: SheetSpec, problems: list[Problem]) -> Columns | None:
    """Map the header to the format's columns; None when a required column is missing."""
    positions: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(table.headers):
        if not header:
            continue
        name = canonical_name(header)
        if name in positions:
            problems.append(
                Problem(
                    ERROR,
                    table.where,
                    table.header_row,
                    header,
                    header,
                    COLUMN_TWICE(column=name, other=positions[name][1]),
                    COLUMN_TWICE_FIX(),
                )
            )
            continue
        positions[name] = (index, header)
    missing = [name for name in spec.required_columns if name not in positions]
    extra = [header for name, (_, header) in positions.items() if name not in spec.columns]
    renames: list[str] = []
    for name in missing:
        found = [header for header in extra if look_alike(header, spec.name, [name]) == name and header not in renames]
        if found:
            renames.append(found[0])
        fix = COLUMN_MISSING_RENAME(found=found[0], column=name) if found else COLUMN_MISSING_ADD(column=name)
        problems.append(Problem(ERROR, table.where, table.header_row, name, None, COLUMN_MISSING(column=name), fix))
    problems.extend(unknown_column_problems(table, spec, positions, named=renames))
    if not table.rows and spec.name in NO_ROWS_FIX:
        problems.append(Problem(ERROR, table.where, None, None, None, NO_ROWS(), NO_ROWS_FIX[spec.name]()))
    return None if missing else Columns(table, positions)


def read_id(columns: Columns, number: int, values: Cells, name: str, problems: list[Problem]) -> str | None:
    """An id cell of the column ``name``; blank is an error, surrounding spaces a warning."""
    raw_value = columns.value(values, name)
    identifier, had_spaces = as_id(raw_value)
    header = columns.header(name)
    if identifier is None:
        blank, fix = BLANK_ID[name]
        problems.append(Problem(ERROR, columns.table.where, number, header, None, blank(), fix()))
    elif had_spaces:
        problems.append(
            Problem(WARNING, columns.table.where, number, header, display(raw_value), ID_SPACES_REMOVED(id=identifier))
        )
    return identifier


def parse_actors(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The actors table: ids unique, names defaulting to the id, types as labels."""
    where = columns.table.where
    found: Found = []
    actor_ids = read_id_column(columns, "actor_id", found, 0)
    names = columns.read("name", lambda cell: None if is_blank(cell) else as_text(cell))
    types = columns.read("type", lambda cell: as_label(cell) or UNKNOWN_TYPE)
    extra = columns.extra(ACTORS)
    first_row: dict[str, int] = {}
    kept: list[int] = []
    for at, ((number, _), actor_id) in enumerate(zip(columns.table.rows, actor_ids)):
        if actor_id is None:
            continue
        if actor_id in first_row:
            found.append(
                (
                    at,
                    1,
                    Problem(
                        ERROR,
                        where,
                        number,
                        columns.header("actor_id"),
                        actor_id,
                        ACTOR_ID_REPEATED(actor=actor_id, first_row=first_row[actor_id]),
                        ACTOR_ID_REPEATED_FIX(),
                    ),
                )
            )
            continue
        first_row[actor_id] = number
        kept.append(at)
    found.sort(key=lambda item: item[:2])
    problems.extend(problem for _, _, problem in found)
    actors = pd.DataFrame(
        {
            "actor_id": [actor_ids[at] for at in kept],
            "name": [actor_ids[at] if names[at] is None else names[at] for at in kept],
            "type": [types[at] for at in kept],
            "file_row": [columns.table.rows[at][0] for at in kept],
        },
        columns=["actor_id", "name", "type", "file_row"],
    )
    for attribute in extra:
        cells = columns.cells(attribute)
        actors[attribute] = as_attribute_column([cells[at] for at in kept])
    if "type" in columns:
        warn_near_miss_types(actors, columns, problems)
    return actors


def warn_near_miss_types(actors: pd.DataFrame, columns: Columns, problems: list[Problem]) -> None:
    """A warning for each type that looks like a misspelt recommended type ("firms")."""
    recommended = list(ACTOR_TYPES) + [UNKNOWN_TYPE]
    for label, rows in actors.groupby("type", sort=False)["file_row"]:
        actor_type = str(label)
        if actor_type in recommended:
            continue
        suggestions = near_matches(actor_type, recommended)
        if suggestions:
            problems.append(
                Problem(
                    WARNING,
                    columns.table.where,
                    int(rows.iloc[0]),
                    columns.header("type"),
                    actor_type,
                    TYPE_NOT_RECOMMENDED(type=actor_type, actors=len(rows)),
                    TYPE_NOT_RECOMMENDED_FIX(suggestion=suggestions[0]),
                )
            )


def parse_ties(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The ties table with ids, round and relation labels, trust and weight checked.

    Columns are read one at a time, each distinct cell once; the problems come out row by row,
    in the order of the checks within a row, as a field team reads them.
    """
    where = columns.table.where
    extra = columns.extra(TIES)
    numbers = [number for number, _ in columns.table.rows]
    found: Found = []

    sources = read_id_column(columns, "source", found, 0)
    targets = read_id_column(columns, "target", found, 1)
    round_labels = read_id_column(columns, "round", found, 2) if "round" in columns else [DEFAULT_ROUND] * len(numbers)
    if "relation" in columns:
        relations = columns.read("relation", as_label)
        header = columns.header("relation")
        found += [
            (
                at,
                3,
                Problem(
                    ERROR,
                    where,
                    numbers[at],
                    header,
                    None,
                    RELATION_BLANK(),
                    RELATION_BLANK_FIX(),
                ),
            )
            for at, relation in enumerate(relations)
            if relation is None
        ]
    else:
        relations = [DEFAULT_RELATION] * len(numbers)
    trusts = columns.read("trust", as_trust)
    for at, (_, trust_problem) in enumerate(trusts):
        if trust_problem:
            found.append(
                (
                    at,
                    4,
                    Problem(
                        ERROR,
                        where,
                        numbers[at],
                        columns.header("trust"),
                        display(columns.table.rows[at][1][columns.positions["trust"][0]]),
                        trust_problem,
                        TRUST_SCALE_HINT,
                    ),
                )
            )
    weights = columns.read("weight", as_weight)
    for at, (_, weight_problem) in enumerate(weights):
        if weight_problem:
            found.append(
                (
                    at,
                    5,
                    Problem(
                        ERROR,
                        where,
                        numbers[at],
                        columns.header("weight"),
                        display(columns.table.rows[at][1][columns.positions["weight"][0]]),
                        weight_problem,
                        WEIGHT_FIX(),
                    ),
                )
            )
    found.sort(key=lambda item: item[:2])
    problems.extend(problem for _, _, problem in found)
    ties = pd.DataFrame(
        {
            "source": sources,
            "target": targets,
            "round": round_labels,
            "relation": relations,
            "trust": [trust for trust, _ in trusts],
            "weight": [weight for weight, _ in weights],
            "file_row": numbers,
        },
        columns=["source", "target", "round", "relation", "trust", "weight", "file_row"],
    )
    ties["trust"] = ties["trust"].astype("Int64")
    ties["weight"] = ties["weight"].astype(float)
    for name in extra:
        # read from the cells as written, as the actors' attributes are: a column of dates with a
        # blank cell would otherwise come back from the frame as datetime64 with NaT
        ties[name] = as_attribute_column(columns.cells(name))
    return ties


def read_id_column(columns: Columns, name: str, found: Found, check: int) -> list[str | None]:
    """Every row's id in a column (as :func:`read_id` reads one), problems added to ``found``."""
    where, header = columns.table.where, columns.header(name)
    blank, fix = BLANK_ID[name]
    ids = columns.read(name, as_id)
    for at, (identifier, had_spaces) in enumerate(ids):
        if identifier is None:
            found.append((at, check, Problem(ERROR, where, columns.table.rows[at][0], header, None, blank(), fix())))
        elif had_spaces:
            raw_value = columns.table.rows[at][1][columns.positions[name][0]]
            found.append(
                (
                    at,
                    check,
                    Problem(
                        WARNING,
                        where,
                        columns.table.rows[at][0],
                        header,
                        display(raw_value),
                        ID_SPACES_REMOVED(id=identifier),
                    ),
                )
            )
    return [identifier for identifier, _ in ids]


def drop_self_ties(ties: pd.DataFrame, where: str, columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """Ties from an actor to itself say nothing about relationships: left out, with a warning."""
    own = ties["source"].notna() & (ties["source"] == ties["target"])
    for number, source, target in zip(
        ties.loc[own, "file_row"].tolist(), ties.loc[own, "source"].tolist(), ties.loc[own, "target"].tolist()
    ):
        problems.append(
            Problem(WARNING, where, number, columns.header("target"), target, SELF_TIE(actor=source), SELF_TIE_FIX())
        )
    return ties.loc[~own]


def drop_repeated_ties(ties: pd.DataFrame, where: str, columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """Exact repeats are counted once (warning); repeats of a tie that disagree are errors."""
    key = ["source", "target", "round", "relation"]
    content = [column for column in ties.columns if column != "file_row"]
    complete = ties.dropna(subset=key)
    first_row = complete.groupby(content, dropna=False, sort=False)["file_row"].transform("first")
    exact_repeat = complete["file_row"] != first_row
    for number, first in zip(complete.loc[exact_repeat, "file_row"].tolist(), first_row[exact_repeat].tolist()):
        problems.append(Problem(WARNING, where, number, None, None, TIE_REPEATED(first_row=first)))
    kept = complete.loc[~exact_repeat]
    first_of_key = kept.groupby(key, sort=False)["file_row"].transform("first")
    by_row = kept.set_index("file_row")
    for number, first in zip(kept["file_row"].tolist(), first_of_key.tolist()):
        if number == first:
            continue
        row, first_values = by_row.loc[number], by_row.loc[first]
        differ = [
            name
            for name in content
            if name not in key
            and not (pd.isna(row[name]) and pd.isna(first_values[name]))
            and row[name] != first_values[name]
        ]
        problems.append(
            Problem(
                ERROR,
                where,
                number,
                ", ".join(columns.header(name) if name in columns else name for name in differ),
                None,
                TIE_REPEATED_DIFFERENTLY(
                    first_row=first,
                    source=row["source"],
                    target=row["target"],
                    relation=row["relation"],
                    round=row["round"],
                    columns=all_of(differ),
                ),
                TIE_REPEATED_DIFFERENTLY_FIX(),
            )
        )
    return ties.drop(complete.index[exact_repeat])


def all_of(names: list[str]) -> Param:
    """Names joined by "and" (``trust and weight``), as a message a language can word its own way."""
    if len(names) == 1:
        return names[0]
    return BOTH(first=names[0], second=all_of(names[1:]))


def parse_rounds(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The rounds sheet: unique labels, optional ISO dates and descriptions."""
    where = columns.table.where
    first_row: dict[str, int] = {}
    records: list[dict[str, object]] = []
    for number, values in columns.table.rows:
        label = read_id(columns, number, values, "round", problems)
        date, date_problem = as_date(columns.value(values, "date"))
        if date_problem:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    number,
                    columns.header("date"),
                    display(columns.value(values, "date")),
                    date_problem,
                    DATE_FIX(),
                )
            )
        if label is None:
            continue
        if label in first_row:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    number,
                    columns.header("round"),
                    label,
                    ROUND_LISTED_TWICE(round=label, first_row=first_row[label]),
                    ROUND_LISTED_TWICE_FIX(),
                )
            )
            continue
        first_row[label] = number
        description = columns.value(values, "description")
        records.append(
            {"round": label, "date": date, "description": "" if is_blank(description) else as_text(description)}
        )
    return pd.DataFrame(records, columns=["round", "date", "description"])


def parse_respondents(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The respondents sheet: one row per actor who answered, per round; repeats counted once."""
    where = columns.table.where
    found: Found = []
    labels = read_id_column(columns, "round", found, 0)
    actor_ids = read_id_column(columns, "actor_id", found, 1)
    seen: dict[tuple[str, str], int] = {}
    records: list[tuple[str, str, int]] = []
    for at, ((number, _), label, actor_id) in enumerate(zip(columns.table.rows, labels, actor_ids)):
        if label is None or actor_id is None:
            continue
        if (label, actor_id) in seen:
            found.append(
                (
                    at,
                    2,
                    Problem(
                        WARNING,
                        where,
                        number,
                        None,
                        None,
                        RESPONDENT_REPEATED(first_row=seen[label, actor_id]),
                    ),
                )
            )
            continue
        seen[label, actor_id] = number
        records.append((label, actor_id, number))
    found.sort(key=lambda item: item[:2])
    problems.extend(problem for _, _, problem in found)
    return pd.DataFrame(records, columns=["round", "actor_id", "file_row"])


def parse_attribute_marks(columns: Columns, actors_columns: Columns, problems: list[Problem]) -> dict[str, str]:
    """The attributes sheet: actors column (as named in the survey's actors) -> ``safe`` or ``private``.

    An attribute is matched to the actors' headers as headers are (``"Women led "`` is ``women_led``),
    a mark as a label is (``" SAFE"`` is ``safe``). ``actor_id``, ``name`` and ``type`` cannot be
    marked, and each attribute is marked on one row only: a second row is an error even when it
    agrees with the first.
    """
    where = columns.table.where
    markable = {name: actors_columns.header(name) for name in actors_columns.extra(ACTORS)}
    first: dict[str, tuple[int, str | None]] = {}
    for number, values in columns.table.rows:
        written = columns.value(values, "attribute")
        attribute = as_label(written)
        mark, mark_problem = read_mark(columns, number, values)
        if attribute is None:
            problems.append(
                Problem(
                    ERROR, where, number, columns.header("attribute"), None, ATTRIBUTE_BLANK(), ATTRIBUTE_BLANK_FIX()
                )
            )
        elif attribute not in markable or attribute in first:
            reason, fix = unmarkable_attribute(as_text(written), attribute, markable, mark, first.get(attribute))
            problems.append(Problem(ERROR, where, number, columns.header("attribute"), display(written), reason, fix))
        else:
            first[attribute] = (number, mark)
        if mark_problem is not None:
            problems.append(mark_problem)
    return {attribute: mark for attribute, (_, mark) in first.items() if mark is not None}


def read_mark(columns: Columns, number: int, values: Cells) -> tuple[str | None, Problem | None]:
    """The privacy mark of an attributes row, or the problem that it is blank or not a mark."""
    written = columns.value(values, "privacy")
    mark = as_label(written)
    if mark in ATTRIBUTE_PRIVACY:
        return mark, None
    reason = PRIVACY_BLANK() if mark is None else PRIVACY_UNKNOWN(value=as_text(written))
    value = None if mark is None else display(written)
    fix = PRIVACY_FIX(safe=SAFE, private=PRIVATE)
    return None, Problem(ERROR, columns.table.where, number, columns.header("privacy"), value, reason, fix)


def unmarkable_attribute(
    written: str,
    attribute: str,
    markable: dict[str, str],
    mark: str | None,
    first: tuple[int, str | None] | None,
) -> tuple[Message, Message]:
    """What is wrong with an attribute that cannot take this row's mark, and what to do.

    ``markable`` maps the actors' attribute columns to their headers as written; ``first`` is the
    row and mark of an earlier row for the same attribute.
    """
    if attribute == "type":
        return ATTRIBUTE_TYPE(attribute=written, pooled=POOLED_TYPE), ATTRIBUTE_NOT_MARKABLE_FIX()
    if attribute in ("actor_id", "name"):
        return ATTRIBUTE_IDENTIFIES(attribute=written), ATTRIBUTE_NOT_MARKABLE_FIX()
    if first is not None:
        first_row, first_mark = first
        if mark is not None and first_mark is not None and mark != first_mark:
            reason = ATTRIBUTE_MARKED_TWICE_DIFFERENTLY(
                attribute=written, mark=mark, first_mark=first_mark, first_row=first_row
            )
        else:
            reason = ATTRIBUTE_MARKED_TWICE(attribute=written, first_row=first_row)
        return reason, ATTRIBUTE_MARKED_TWICE_FIX()
    headers = list(markable.values())
    suggestions = near_matches(written, headers, limit=1)
    reason = (
        ATTRIBUTE_NOT_AN_ACTORS_COLUMN_NEAR_MATCH(attribute=written, suggestion=suggestions[0])
        if suggestions
        else ATTRIBUTE_NOT_AN_ACTORS_COLUMN(attribute=written)
    )
    if not headers:
        return reason, ATTRIBUTE_NONE_TO_MARK_FIX()
    return reason, ATTRIBUTE_NOT_AN_ACTORS_COLUMN_FIX(attributes=", ".join(f'"{header}"' for header in headers))


def check_actor_references(
    frame: pd.DataFrame,
    id_columns: list[str],
    table_columns: Columns,
    actors: pd.DataFrame,
    add_missing: bool,
    problems: list[Problem],
) -> list[str]:
    """Ids that name no actor: each occurrence an error, or (``add_missing``) added as actors."""
    known = set(actors["actor_id"])
    known_list = list(actors["actor_id"])
    unknown = {name: frame[name].notna().to_numpy() & ~frame[name].isin(known).to_numpy() for name in id_columns}
    flagged: list[int] = np.flatnonzero(np.logical_or.reduce(list(unknown.values()))).tolist() if id_columns else []
    ids = {name: frame[name].tolist() for name in id_columns}
    rows = frame["file_row"].tolist()
    missing: list[str] = []
    unknown_actor: dict[str, Message] = {}
    for at in flagged:
        for name in id_columns:
            if not unknown[name][at]:
                continue
            actor_id: str = ids[name][at]
            if add_missing:
                if actor_id not in missing:
                    missing.append(actor_id)
                continue
            if actor_id not in unknown_actor:
                suggestions = near_matches(actor_id, known_list, limit=1)
                unknown_actor[actor_id] = (
                    ACTOR_UNKNOWN_NEAR_MATCH(actor=actor_id, suggestion=suggestions[0])
                    if suggestions
                    else ACTOR_UNKNOWN(actor=actor_id)
                )
            problems.append(
                Problem(
                    ERROR,
                    table_columns.table.where,
                    int(rows[at]),
                    table_columns.header(name),
                    actor_id,
                    unknown_actor[actor_id],
                    ACTOR_UNKNOWN_FIX(),
                )
            )
    return missing


def order_rounds(
    rounds: pd.DataFrame | None,
    ties: pd.DataFrame,
    respondents: pd.DataFrame | None,
    where: str,
    problems: list[Problem],
) -> pd.DataFrame:
    """Rounds in chronological order: by date when every round has one, else as first listed.

    Dates are always ``datetime64[ns]``, whether or not the survey has a rounds sheet.
    """
    if rounds is None:
        labels = list(
            dict.fromkeys(list(ties["round"].dropna()) + ([] if respondents is None else list(respondents["round"])))
        )
        rounds = pd.DataFrame({"round": labels, "date": None, "description": ""}, index=range(len(labels)))
    rounds = rounds.assign(date=pd.to_datetime(rounds["date"]).astype("datetime64[ns]"))
    dated = rounds["date"].notna()
    if dated.all() and len(rounds):
        rounds = rounds.sort_values("date", kind="stable")
    elif dated.any():
        problems.append(
            Problem(
                WARNING,
                where,
                None,
                "date",
                None,
                ROUNDS_PARTLY_DATED(),
                ROUNDS_PARTLY_DATED_FIX(),
            )
        )
    return rounds.reset_index(drop=True)


def check_round_references(
    frame: pd.DataFrame, table_columns: Columns, rounds: pd.DataFrame, problems: list[Problem]
) -> None:
    """A round label that the rounds sheet does not list: one error per label, with its rows."""
    listed = list(rounds["round"])
    unknown = frame.loc[frame["round"].notna() & ~frame["round"].isin(listed)]
    for round_label, rows in unknown.groupby("round", sort=False)["file_row"]:
        label = str(round_label)
        suggestions = near_matches(label, listed, limit=1)
        rows_text = ", ".join(map(str, rows.iloc[:10])) + (", ..." if len(rows) > 10 else "")
        about: dict[str, Param] = {"round": label, "rounds": ", ".join(listed), "count": len(rows), "rows": rows_text}
        problems.append(
            Problem(
                ERROR,
                table_columns.table.where,
                int(rows.iloc[0]),
                table_columns.header("round"),
                label,
                ROUND_UNLISTED_NEAR_MATCH(**about, suggestion=suggestions[0])
                if suggestions
                else ROUND_UNLISTED(**about),
                ROUND_UNLISTED_FIX(),
            )
        )


def complete_respondents(
    respondents: pd.DataFrame, ties: pd.DataFrame, where: str, problems: list[Problem]
) -> pd.DataFrame:
    """Actors who reported ties answered the survey: add those the respondents sheet lacks."""
    listed = pd.MultiIndex.from_arrays([respondents["round"], respondents["actor_id"]])
    reporters = ties[["round", "source"]].drop_duplicates()
    absent = reporters.loc[~pd.MultiIndex.from_frame(reporters).isin(listed)]
    for round_label, group in absent.groupby("round", sort=False)["source"]:
        label = str(round_label)
        problems.append(
            Problem(
                WARNING,
                where,
                None,
                None,
                label,
                RESPONDENTS_UNLISTED(count=len(group), round=label, actors=", ".join(group)),
                RESPONDENTS_UNLISTED_FIX(),
            )
        )
    added = absent.rename(columns={"source": "actor_id"})
    return pd.concat([respondents[["round", "actor_id"]], added], ignore_index=True)


def build_survey(raw: RawSurvey, problems: list[Problem], add_missing_actors: bool = False) -> Survey | None:
    """Validate every sheet of ``raw``; returns the survey, or None when any error was found.

    Problems (errors and warnings) are appended to ``problems``.
    """
    sheets = locate_sheets(raw, problems)
    columns = {
        name: locate_columns(table, spec, problems) for spec in SHEETS if (table := sheets.get(name := spec.name))
    }
    actors_columns, ties_columns = columns.get("actors"), columns.get("ties")
    rounds_columns, respondents_columns = columns.get("rounds"), columns.get("respondents")
    actors = parse_actors(actors_columns, problems) if actors_columns else None
    ties = parse_ties(ties_columns, problems) if ties_columns else None
    rounds = parse_rounds(rounds_columns, problems) if rounds_columns else None
    respondents = parse_respondents(respondents_columns, problems) if respondents_columns else None
    attributes_columns = columns.get(ATTRIBUTES.name)
    marks = (
        parse_attribute_marks(attributes_columns, actors_columns, problems)
        if attributes_columns and actors_columns
        else {}
    )

    if (
        actors is None
        or ties is None
        or ties_columns is None
        or any(
            name in sheets and columns.get(name) is None
            for name in ("rounds", "respondents", ATTRIBUTES.name, ACTIONS.name, LOGFRAME.name)
        )
    ):
        return None

    ties = drop_self_ties(ties, ties_columns.table.where, ties_columns, problems)
    ties = drop_repeated_ties(ties, ties_columns.table.where, ties_columns, problems)
    missing = check_actor_references(ties, ["source", "target"], ties_columns, actors, add_missing_actors, problems)
    if respondents is not None and respondents_columns is not None:
        for actor_id in check_actor_references(
            respondents, ["actor_id"], respondents_columns, actors, add_missing_actors, problems
        ):
            if actor_id not in missing:
                missing.append(actor_id)
    if missing:
        problems.append(
            Problem(
                WARNING,
                ties_columns.table.where,
                None,
                None,
                ", ".join(missing),
                ACTORS_ADDED(count=len(missing), type=UNKNOWN_TYPE, actors=", ".join(missing)),
                ACTORS_ADDED_FIX(),
            )
        )
        added = pd.DataFrame({"actor_id": missing, "name": missing, "type": UNKNOWN_TYPE})
        actors = pd.concat([actors, added], ignore_index=True)

    rounds_where = rounds_columns.table.where if rounds_columns is not None else raw.source
    rounds = order_rounds(rounds, ties, respondents, rounds_where, problems)
    if rounds_columns is not None:
        check_round_references(ties, ties_columns, rounds, problems)
        if respondents is not None and respondents_columns is not None:
            check_round_references(respondents, respondents_columns, rounds, problems)

    logframe_columns, actions_columns = columns.get(LOGFRAME.name), columns.get(ACTIONS.name)
    logframe = (
        parse_logframe(logframe_columns, list(rounds["round"]), INDICATOR_CODES, problems)
        if logframe_columns is not None
        else empty_logframe()
    )
    actions = (
        parse_actions(
            actions_columns,
            list(actors["actor_id"]),
            list(logframe["indicator_id"]) if logframe_columns is not None else None,
            problems,
        )
        if actions_columns is not None
        else empty_actions()
    )

    if any(problem.severity == ERROR for problem in problems):
        return None

    inferred = respondents is None or respondents_columns is None
    if respondents is None or respondents_columns is None:
        respondents = ties[["round", "source"]].drop_duplicates().rename(columns={"source": "actor_id"})
    else:
        respondents = complete_respondents(respondents, ties, respondents_columns.table.where, problems)
    round_order = {label: position for position, label in enumerate(rounds["round"])}
    respondents = (
        respondents.assign(_order=respondents["round"].map(round_order))
        .sort_values(["_order"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    return Survey(
        actors=actors.drop(columns="file_row").reset_index(drop=True),
        ties=ties.drop(columns="file_row").reset_index(drop=True),
        rounds=rounds,
        respondents=respondents[["round", "actor_id"]],
        source=raw.source,
        warnings=tuple(problem for problem in problems if problem.severity == WARNING),
        respondents_inferred=inferred,
        attribute_privacy=marks,
        actions=actions,
        logframe=logframe,
    )
