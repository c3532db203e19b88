"""The answers of an export in one shape, whichever platform wrote it.

:mod:`clusternet.fieldforms.kobo` and :mod:`clusternet.fieldforms.odk` read their files into
:class:`Answers`: one row per submission (its key, submission time, whether it was left out on the
server, and the fields ``round``, ``respondent``, ``partners``, ``other_partners``) and one row per
partner (one instance of the repeat ``partner``: its submission's key and the fields ``partner_id``,
``relation``, ``trust``, ``weight``). Cells stay as the file holds them; what they mean is checked by
:mod:`clusternet.fieldforms.submissions`. Every row keeps its row number in the file, and every field
its header as written, so that a problem names the file, sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from clusternet.fieldforms import questions
from clusternet.fieldforms.fields import (
    PARTNER_FIELDS,
    PARTNERS,
    REQUIRED_PARTNER_FIELDS,
    REQUIRED_SUBMISSION_FIELDS,
    SUBMISSION_FIELDS,
    FieldColumns,
    locate_fields,
)
from clusternet.i18n import available_languages, renderer
from clusternet.messages import message
from clusternet.survey.cells import as_number, is_blank
from clusternet.survey.problems import ERROR, Problem
from clusternet.survey.reading import RawTable
from clusternet.survey.schema import canonical_name

FIELDS_MISSING = message(
    "fieldform.problem.fields_missing",
    "the {part} has no column for the form's field(s) {fields}, so it is not from clusternet's form (found: {headers})",
)
FIELDS_MISSING_FIX = message(
    "fieldform.problem.fields_missing.fix",
    "collect with the form that clusternet xlsform makes, or rename the questions of your form to {fields}",
)
PART_SUBMISSIONS = message("fieldform.part.submissions", "sheet of submissions")
PART_PARTNERS = message("fieldform.part.partners", "sheet of partner rows")
LABELS_NOT_VALUES = message(
    "fieldform.problem.labels_not_values",
    "the export holds the questions' labels, not the form's field names and answer values",
)
LABELS_NOT_VALUES_FIX = message(
    "fieldform.problem.labels_not_values.fix",
    "export again with 'XML values and headers' (KoboToolbox: Downloads, Value and header format)",
)
HEADERS_SHOWN = 12
"""How many headers a problem lists when the fields it wants are missing."""


@dataclass(frozen=True)
class Answers:
    """An export's submissions and partner rows (see the module's docstring).

    ``submissions``: ``row``, ``key``, ``submitted`` (text as written), ``excluded`` (left out on the
    server: not approved, rejected), then one column per field found. ``partners``: ``row``, ``key``
    (its submission's), then one column per field found. ``*_where`` names the file and sheet, and
    ``*_headers`` the header each field was read from.
    """

    source: str
    platform: str
    submissions: pd.DataFrame
    partners: pd.DataFrame
    submissions_where: str
    partners_where: str
    submission_headers: dict[str, str]
    partner_headers: dict[str, str]


def header_index(table: RawTable, header: str) -> int | None:
    return next((index for index, written in enumerate(table.headers) if written.strip() == header), None)


def has_labels_for_headers(headers: Sequence[str]) -> bool:
    """True when the headers are the form's question labels (a "Labels" export), in any language."""
    labels = [questions.RESPONDENT_LABEL(), questions.ROUND_LABEL()]
    texts = {renderer(code).render(label) for code in available_languages() for label in labels}
    return any(text in header for header in headers for text in texts)


def fields_missing(where: str, part: str, table: RawTable, missing: list[str]) -> Problem:
    headers = [header for header in table.headers if header]
    shown = ", ".join(f'"{header}"' for header in headers[:HEADERS_SHOWN]) + (
        ", …" if len(headers) > HEADERS_SHOWN else ""
    )
    fields = ", ".join(missing)
    part_name = PART_SUBMISSIONS() if part == "submissions" else PART_PARTNERS()
    return Problem(
        ERROR,
        where,
        table.header_row,
        None,
        None,
        FIELDS_MISSING(part=part_name, fields=fields, headers=shown),
        FIELDS_MISSING_FIX(fields=fields),
    )


def labels_problem(where: str, row: int | None) -> Problem:
    return Problem(ERROR, where, row, None, None, LABELS_NOT_VALUES(), LABELS_NOT_VALUES_FIX())


def field_table(
    table: RawTable, fields: Sequence[str], links: dict[str, int | None]
) -> tuple[pd.DataFrame, dict[str, str], FieldColumns]:
    """The rows of ``table`` as ``row``, the ``links`` columns (name -> position, None when absent)
    and one column per field found; a select-many field given only as 0/1 choice columns is put back
    together as its answer (the chosen names separated by spaces)."""
    located = locate_fields(table.headers, fields)
    rows = table.rows
    data: dict[str, list[object]] = {"row": [number for number, _ in rows]}
    for name, position in links.items():
        data[name] = [None if position is None else values[position] for _, values in rows]
    headers: dict[str, str] = {}
    for name, position in located.columns.items():
        data[name] = [values[position] for _, values in rows]
        headers[name] = table.headers[position]
    for name, choices in located.choices.items():
        if name in located.columns:
            continue
        data[name] = [
            " ".join(choice for position, choice in choices if _ticked(values[position])) for _, values in rows
        ]
        headers[name] = table.headers[choices[0][0]].rsplit("/", 1)[0]
    return pd.DataFrame(data, dtype=object), headers, located


def _ticked(cell: object) -> bool:
    """A 0/1 choice column's cell: ticked when it holds 1 (as a number, text or true)."""
    if is_blank(cell):
        return False
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, str) and cell.strip().lower() == "true":
        return True
    return as_number(cell) == 1


@dataclass(frozen=True)
class Layout:
    """How a platform names the columns that link and mark submissions."""

    platform: str
    key: str
    submitted: str
    status: str
    excluded: frozenset[str]
    parent_key: str

    def excluded_status(self, cell: object) -> bool:
        return not is_blank(cell) and canonical_name(cell) in self.excluded


def answers_of(
    source: str, layout: Layout, submissions: RawTable, partners: RawTable, problems: list[Problem]
) -> Answers | None:
    """The :class:`Answers` of an export's table of submissions and table of partner rows; None after
    a problem when the tables do not hold the form's fields (labels instead of names, another form)."""
    if has_labels_for_headers(submissions.headers + partners.headers):
        problems.append(labels_problem(submissions.where, submissions.header_row))
        return None
    links = {
        "key": header_index(submissions, layout.key),
        "submitted": header_index(submissions, layout.submitted),
        "status": header_index(submissions, layout.status),
    }
    main, main_headers, main_fields = field_table(submissions, (*SUBMISSION_FIELDS, PARTNERS), links)
    repeat, repeat_headers, repeat_fields = field_table(
        partners, PARTNER_FIELDS, {"key": header_index(partners, layout.parent_key)}
    )
    found = True
    for table, part, located, required in (
        (submissions, "submissions", main_fields, REQUIRED_SUBMISSION_FIELDS),
        (partners, "partners", repeat_fields, REQUIRED_PARTNER_FIELDS),
    ):
        missing = located.missing(required)
        if missing:
            problems.append(fields_missing(table.where, part, table, missing))
            found = False
    if not found:
        return None
    main["excluded"] = [layout.excluded_status(cell) for cell in main.pop("status")]
    return Answers(
        source,
        layout.platform,
        main,
        repeat,
        submissions.where,
        partners.where,
        main_headers,
        repeat_headers,
    )
