"""A sheet or CSV file as written: its header and its rows, built within the limits as they are read.

Every reader (workbook, CSV, the field-form imports) gives :func:`table_from_rows` its rows one at a
time, numbered as the user sees them; the table counts rows, columns and cells as it keeps them and
stops with a problem at the first limit passed (:mod:`clusternet.survey.limits`), so no reader can
fill the memory with rows that would be refused anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from clusternet.messages import message
from clusternet.survey import limits
from clusternet.survey.cell_address import column_letter
from clusternet.survey.cells import display, is_blank
from clusternet.survey.problems import ERROR, Problem

VALUE_BEYOND_HEADER = message(
    "problem.row.value_beyond_header",
    "this row has a value beyond the last column of the header ({columns} columns)",
)
VALUE_BEYOND_HEADER_FIX = message(
    "problem.row.value_beyond_header.fix",
    "add a header for this column, or remove the stray value (a separator inside a name must be quoted)",
)
SHEET_EMPTY = message("problem.sheet.empty", "the file or sheet is empty")
SHEET_EMPTY_FIX = message(
    "problem.sheet.empty.fix", "fill it in, with the column names on the first row (see surveys/template.xlsx)"
)
COLUMN_UNNAMED = message("problem.column.unnamed", "this column holds values but has no name in the header row")
COLUMN_UNNAMED_FIX = message("problem.column.unnamed.fix", "name the column, or delete it")


@dataclass(frozen=True)
class RawTable:
    """One sheet or CSV file as written: its header texts and its non-blank rows.

    ``rows`` pairs each row number (as shown by Excel or a text editor) with its values, padded
    with ``None`` to the header's width.
    """

    where: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]


def table_from_rows(
    where: str, numbered_rows: Iterable[tuple[int, Sequence[object]]], problems: list[Problem]
) -> RawTable | None:
    """Build a table from ``(row number, values)`` pairs; the first non-blank row is the header.

    Blank rows are skipped. A value beyond the header's last column is an error naming its row and
    column (the first of each row). Reading stops with one error, and no table, at a row numbered
    beyond :data:`~clusternet.survey.limits.MAX_ROWS`, a value beyond column
    :data:`~clusternet.survey.limits.MAX_COLUMNS`, or more than
    :data:`~clusternet.survey.limits.MAX_CELLS` cells kept (rows times the header's columns).
    """
    header_row: int | None = None
    headers: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[object, ...]]] = []
    kept_cells = 0
    for number, cells in numbered_rows:
        if number > limits.MAX_ROWS:
            problems.append(limits.too_many_rows(where, number))
            return None
        values = tuple(cells)
        if len(values) > limits.MAX_COLUMNS:
            beyond = _first_filled(values, limits.MAX_COLUMNS)
            if beyond is not None:
                problems.append(
                    limits.beyond_last_column(where, number, column_letter(beyond), display(values[beyond]))
                )
                return None
            values = values[: limits.MAX_COLUMNS]
        if all(is_blank(value) for value in values):
            continue
        if header_row is None:
            header_row = number
            headers = tuple("" if value is None else str(value).strip() for value in values)
            while headers and not headers[-1]:
                headers = headers[:-1]
            continue
        stray = _first_filled(values, len(headers))
        if stray is not None:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    number,
                    column_letter(stray),
                    str(values[stray]),
                    VALUE_BEYOND_HEADER(columns=len(headers)),
                    VALUE_BEYOND_HEADER_FIX(),
                )
            )
        values = values[: len(headers)]
        if len(values) < len(headers):
            values = values + (None,) * (len(headers) - len(values))
        kept_cells += len(headers)
        if kept_cells > limits.MAX_CELLS:
            problems.append(limits.too_many_cells(where, number))
            return None
        rows.append((number, values))
    if header_row is None:
        problems.append(Problem(ERROR, where, None, None, None, SHEET_EMPTY(), SHEET_EMPTY_FIX()))
        return None
    for index, header in enumerate(headers):
        if not header and any(not is_blank(values[index]) for _, values in rows):
            problems.append(
                Problem(ERROR, where, header_row, column_letter(index), None, COLUMN_UNNAMED(), COLUMN_UNNAMED_FIX())
            )
    return RawTable(where, header_row, headers, tuple(rows))


def _first_filled(values: tuple[object, ...], start: int) -> int | None:
    """Index of the first non-blank value from ``start`` on, or None."""
    return next((index for index in range(start, len(values)) if not is_blank(values[index])), None)
