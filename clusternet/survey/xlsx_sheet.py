"""The cells of one worksheet, read from its XML part as a stream of rows within the limits.

A row is given as the values of its cells up to the last one filled, numbered as Excel shows it; rows
and cells the sheet does not hold are never made up. What the sheet claims about itself (its
``<dimension>``, a cell styled at column XFD) is not trusted: only cells are read, and counted as read.
A cell with a value beyond column :data:`~clusternet.survey.limits.MAX_COLUMNS` stops the reading with a
problem that names it; a blank one there is left out. Cell values are what Excel last calculated (a
formula is never evaluated), typed as openpyxl types them: text, whole numbers as ``int``, other
numbers as ``float``, dates and times, ``True`` and ``False``, error values as their text (``#N/A``).

A cell that cannot be what its type says (text in a number cell, a shared text that does not exist, a
reference that is not a cell, rows out of order) raises
:class:`~clusternet.survey.xlsx_parts.DamagedWorkbook` naming the cell. The merged ranges of the sheet
(``<mergeCells>``) are collected for the warning that their other cells read as blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl.utils.datetime import from_excel

from clusternet.messages import Message, message
from clusternet.survey import limits
from clusternet.survey.cell_address import cell_position, column_letter
from clusternet.survey.cells import display, is_blank
from clusternet.survey.problems import Refusal
from clusternet.survey.xlsx_parts import NOT_A_NUMBER, DamagedWorkbook, Sheet, Workbook, local_name, parse_part

MERGED_RANGES_KEPT = 10_000
"""Most merged ranges of a sheet kept for checking; the others are only counted."""

NUMBER_HOLDS_TEXT = message("problem.workbook.damaged.number", "a number cell holds text")
NO_SUCH_SHARED_TEXT = message(
    "problem.workbook.damaged.shared_string",
    "a cell refers to shared text number {index}, but the workbook has {count}",
)
NOT_TRUE_OR_FALSE = message("problem.workbook.damaged.boolean", "a true/false cell holds something else")
NOT_A_DATE = message("problem.workbook.damaged.date", "a date cell holds no date")
NOT_A_CELL = message("problem.workbook.damaged.reference", "a cell reference is not a cell of a sheet")
NOT_A_ROW_NUMBER = message("problem.workbook.damaged.row_number", "a row number is not a whole number from 1 on")
OUT_OF_ORDER = message("problem.workbook.damaged.order", "rows or cells are out of order, or given twice")
CELL_OUTSIDE_ROW = message("problem.workbook.damaged.cell_outside_row", "a cell stands outside any row")


@dataclass(frozen=True)
class MergedRange:
    """Cells merged into one (``A2:C2``): the first holds the value, the others read as blank.
    Rows are numbered as Excel shows them, columns from 0."""

    reference: str
    first_row: int
    first_column: int
    last_row: int
    last_column: int


class WorksheetRows:
    """The rows of a sheet, read when iterated; afterwards ``merged`` holds its merged ranges (the first
    :data:`MERGED_RANGES_KEPT` that span more than one cell) and ``merged_count`` how many it has."""

    def __init__(self, workbook: Workbook, sheet: Sheet, where: str):
        self.workbook = workbook
        self.sheet = sheet
        self.where = where
        self.merged: list[MergedRange] = []
        self.merged_count = 0

    def __iter__(self) -> Iterator[tuple[int, tuple[object, ...]]]:
        if self.sheet.part is None:
            return
        cells = _SheetCells(self.workbook, self.where)
        for _ in parse_part(self.workbook.archive, self.sheet.part, cells):
            yield from cells.completed
            cells.completed.clear()
        self.merged, self.merged_count = cells.merged, cells.merged_count


class _SheetCells:
    """The parser's target for a worksheet part: turns the elements of ``<sheetData>`` into rows of
    values and collects the ranges of ``<mergeCells>``."""

    def __init__(self, workbook: Workbook, where: str) -> None:
        self.workbook = workbook
        self.where = where
        self.completed: list[tuple[int, tuple[object, ...]]] = []
        self.merged: list[MergedRange] = []
        self.merged_count = 0
        self.cells_read = 0
        self._in_sheet_data = False
        self._row: int | None = None
        self._last_row = 0
        self._values: dict[int, object] = {}
        self._column = -1
        self._in_cell = False
        self._kind = "n"
        self._style: str | None = None
        self._text: list[str] = []
        self._inline = False
        self._collecting = False
        self._phonetic = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "c" and self._in_sheet_data:
            self._start_cell(attrib)
        elif name == "v" and self._in_cell:
            self._collecting = True
        elif name == "row" and self._in_sheet_data:
            self._start_row(attrib)
        elif name == "is" and self._in_cell:
            self._inline = True
        elif name == "t" and self._inline and not self._phonetic:
            self._collecting = True
        elif name == "rPh":
            self._phonetic += 1
        elif name == "sheetData":
            self._in_sheet_data = True
        elif name == "mergeCell":
            self._merge(attrib.get("ref", ""))

    def end(self, tag: str) -> None:
        name = local_name(tag)
        if name in ("v", "t"):
            self._collecting = False
        elif name == "c" and self._in_cell:
            self._end_cell()
        elif name == "row" and self._row is not None:
            if self._values:
                width = max(self._values) + 1
                self.completed.append((self._row, tuple(self._values.get(index) for index in range(width))))
            self._row, self._values = None, {}
        elif name == "rPh":
            self._phonetic -= 1
        elif name == "sheetData":
            self._in_sheet_data = False

    def data(self, text: str) -> None:
        if self._collecting:
            self._text.append(text)

    def _damaged(self, detail: Message, value: str | None) -> DamagedWorkbook:
        column = column_letter(self._column) if self._in_cell else None
        return DamagedWorkbook(detail, self._row, column, value)

    def _start_row(self, attrib: dict[str, str]) -> None:
        written = attrib.get("r")
        number = self._last_row + 1 if written is None else _row_number(written)
        if number is None:
            raise DamagedWorkbook(NOT_A_ROW_NUMBER(), None, None, written)
        if number <= self._last_row:
            raise DamagedWorkbook(OUT_OF_ORDER(), number, None, written)
        self._row = self._last_row = number
        self._column = -1

    def _start_cell(self, attrib: dict[str, str]) -> None:
        if self._row is None:
            raise DamagedWorkbook(CELL_OUTSIDE_ROW(), None, None, attrib.get("r"))
        self.cells_read += 1
        if self.cells_read > limits.MAX_CELLS:
            raise Refusal(limits.too_many_cells(self.where, self._row))
        reference = attrib.get("r")
        if not reference:  # no reference (or an empty one): the cell after the last, as openpyxl reads it
            column = self._column + 1
        else:
            position = cell_position(reference)
            if position is None:
                raise DamagedWorkbook(NOT_A_CELL(), self._row, None, reference)
            column = position[1]
            if column <= self._column:
                raise DamagedWorkbook(OUT_OF_ORDER(), self._row, column_letter(column), reference)
        self._column = column
        self._in_cell = True
        self._inline = False
        self._text.clear()
        self._kind = attrib.get("t", "n")
        self._style = attrib.get("s")  # read only if the cell holds a number: most cells of a flood are blank

    def _end_cell(self) -> None:
        # a cell with no text is blank (styled or not): most cells of a flood are
        value = self._value() if self._text or self._inline else None
        self._in_cell = False
        if value is None:
            return
        if self._column >= limits.MAX_COLUMNS:
            if not is_blank(value):
                raise Refusal(
                    limits.beyond_last_column(self.where, self._row or 0, column_letter(self._column), display(value))
                )
            return
        self._values[self._column] = value

    def _value(self) -> object:
        """The cell's value as Excel last calculated it (openpyxl's reading with ``data_only``)."""
        text = "".join(self._text)
        kind = self._kind
        if kind == "inlineStr":
            return text if self._inline else None
        if not text:
            return None
        if kind == "n":
            return self._number(text)
        if kind == "s":
            return self._shared_text(text)
        if kind == "b":
            try:
                return bool(int(text))
            except ValueError:
                raise self._damaged(NOT_TRUE_OR_FALSE(), text) from None
        if kind == "d":
            return self._moment(text)
        return text  # "str" (a formula's text), "e" (an error such as #N/A)

    def _number(self, text: str) -> object:
        try:
            number: int | float = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
        except ValueError:
            raise self._damaged(NUMBER_HOLDS_TEXT(), text) from None
        written = self._style or "0"
        if not (written.isascii() and written.isdigit()):
            raise self._damaged(NOT_A_NUMBER(), written)
        style = int(written)
        if style not in self.workbook.date_styles:
            return number
        try:
            moment: object = from_excel(number, self.workbook.epoch, timedelta=style in self.workbook.timedelta_styles)
        except (OverflowError, ValueError):
            return number  # Excel shows ##### for a serial outside its dates; the number is what the cell holds
        return moment

    def _shared_text(self, text: str) -> str:
        strings = self.workbook.shared_strings
        index = int(text) if text.isascii() and text.isdigit() else -1
        if not 0 <= index < len(strings):
            raise self._damaged(NO_SUCH_SHARED_TEXT(index=text, count=len(strings)), text)
        return strings[index]

    def _moment(self, text: str) -> dt.datetime | dt.time:
        """A cell of type ``d`` (written by strict Open XML): an ISO 8601 date, date and time, or time."""
        try:
            return dt.datetime.fromisoformat(text.removesuffix("Z"))
        except ValueError:
            pass
        try:
            return dt.time.fromisoformat(text.removesuffix("Z"))
        except ValueError:
            raise self._damaged(NOT_A_DATE(), text) from None

    def _merge(self, reference: str) -> None:
        self.cells_read += 1
        if self.cells_read > limits.MAX_CELLS:
            raise Refusal(limits.too_many_cells(self.where, None))
        first, _, last = reference.partition(":")
        start, end = cell_position(first), cell_position(last or first)
        if start is None or end is None:
            raise DamagedWorkbook(NOT_A_CELL(), None, None, reference)
        if start == end:
            return
        self.merged_count += 1
        if len(self.merged) < MERGED_RANGES_KEPT:
            rows, columns = sorted((start[0], end[0])), sorted((start[1], end[1]))
            self.merged.append(MergedRange(reference, rows[0], columns[0], rows[1], columns[1]))


def _row_number(written: str) -> int | None:
    """The number of a row as written in ``r`` (``7``, or ``7.0`` as some programs write it)."""
    try:
        number = float(written)
    except ValueError:
        return None
    if not number.is_integer() or not number >= 1:
        return None
    return int(number)
