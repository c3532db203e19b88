"""How much of one survey file clusternet reads: every limit, what it means, and the problem beyond it.

A survey comes from many hands. A file that holds far more than a survey can (a cell at column XFD,
millions of rows, a workbook that unpacks to gigabytes) is refused with a problem that says so, counted
as the file is read and before it takes the memory or the time of the machine (docs/security.md). The
limits are far above a national programme's 50,000 actors and 500,000 ties. Readers look them up when
they run (``limits.MAX_ROWS``), so that a test can lower one.
"""

from __future__ import annotations

from clusternet.messages import message
from clusternet.survey.cell_address import column_letter
from clusternet.survey.problems import ERROR, Problem

MAX_FILE_BYTES = 256 * 2**20
"""Largest survey file read (256 MB): a national programme's 500,000 ties take about 25 MB as CSV."""
MAX_ROWS = 2_000_000
"""Most rows read from one sheet or CSV file: a row numbered beyond it is refused."""
MAX_COLUMNS = 1_000
"""Most columns read from one sheet or CSV file (column ALL): a value beyond it is refused, naming its
cell; blank cells beyond it (a sheet formatted to its last column) are not read at all."""
MAX_CELLS = 10_000_000
"""Most cells read from one sheet or CSV file, and most texts a workbook's shared strings may hold: twice
the cells of a national programme's ties. Counted twice as a sheet is read: every cell the file holds
(blank or not) and every cell of the table kept (its rows times the header's columns), so that neither a
flood of empty cells nor a wide header over many rows fills the memory."""
MAX_SHEETS = 1_000
"""Most sheets a workbook may list: a survey has five."""
MAX_CSV_LINE_SEPARATORS = 100 * MAX_COLUMNS
"""Most separators one line of a CSV file may hold before it is parsed, so that a line of millions of
commas is refused without being split into millions of fields (quoted separators count too)."""
MAX_UNPACKED_BYTES = 2 * 2**30
"""Most bytes a workbook may unpack to (2 GB); more is a decompression bomb, not a survey."""
MAX_PACKING_RATIO = 200
"""A part of a workbook unpacking to more than this many times its packed size is refused as a bomb
(beyond :data:`PACKING_RATIO_FROM_BYTES`): Excel's sheets pack about 10 to 1, a flood of empty cells
1,000 to 1."""
PACKING_RATIO_FROM_BYTES = 8 * 2**20
"""A part unpacking to 8 MB or less is never a bomb, however well it packs; no more than about two
million empty cells fit in it, which are read in a few seconds."""

FILE_TOO_LARGE = message(
    "problem.file.too_large", "the file is {size_mb:.0f} MB, more than the {limit_mb} MB clusternet reads"
)
FILE_TOO_LARGE_FIX = message(
    "problem.file.too_large.fix",
    "split the survey (for example one file per cluster or round), or remove unused sheets and columns",
)
TOO_MANY_ROWS = message("problem.sheet.too_many_rows", "the sheet has more than {limit:,} rows")
TOO_MANY_ROWS_FIX = message(
    "problem.sheet.too_many_rows.fix", "split the survey into smaller files; rows past this point were not read"
)
BEYOND_LAST_COLUMN = message(
    "problem.row.beyond_last_column",
    "this row goes on beyond column {last} ({limit:,} columns), the most clusternet reads",
)
BEYOND_LAST_COLUMN_FIX = message(
    "problem.row.beyond_last_column.fix",
    "delete the columns to the right of the survey's data (select them, right-click, Delete) and save again",
)
TOO_MANY_CELLS = message("problem.sheet.too_many_cells", "it holds more than {limit:,} cells, far more than a survey")
TOO_MANY_CELLS_FIX = message(
    "problem.sheet.too_many_cells.fix",
    "delete unused rows and columns (or their formatting), or split the survey into smaller files",
)
TOO_MANY_SHEETS = message("problem.workbook.too_many_sheets", "the workbook has more than {limit:,} sheets")
TOO_MANY_SHEETS_FIX = message(
    "problem.workbook.too_many_sheets.fix", "keep the survey's sheets (actors, ties, ...) in a workbook of their own"
)


def too_large(where: str, size: int, problems: list[Problem]) -> bool:
    """Refuse a file above :data:`MAX_FILE_BYTES` with a clear problem instead of running out of memory."""
    if size <= MAX_FILE_BYTES:
        return False
    problems.append(
        Problem(
            ERROR,
            where,
            None,
            None,
            None,
            FILE_TOO_LARGE(size_mb=size / 2**20, limit_mb=MAX_FILE_BYTES // 2**20),
            FILE_TOO_LARGE_FIX(),
        )
    )
    return True


def too_many_rows(where: str, row: int) -> Problem:
    """The problem of a row numbered beyond :data:`MAX_ROWS`."""
    return Problem(ERROR, where, row, None, None, TOO_MANY_ROWS(limit=MAX_ROWS), TOO_MANY_ROWS_FIX())


def beyond_last_column(where: str, row: int, column: str | None, value: str | None) -> Problem:
    """The problem of a row that goes on beyond :data:`MAX_COLUMNS`: the cell (spreadsheet letter) and
    value found there, when the reader knows them."""
    last = column_letter(MAX_COLUMNS - 1)
    return Problem(
        ERROR, where, row, column, value, BEYOND_LAST_COLUMN(last=last, limit=MAX_COLUMNS), BEYOND_LAST_COLUMN_FIX()
    )


def too_many_cells(where: str, row: int | None) -> Problem:
    """The problem of a sheet, CSV file or workbook holding more than :data:`MAX_CELLS` cells."""
    return Problem(ERROR, where, row, None, None, TOO_MANY_CELLS(limit=MAX_CELLS), TOO_MANY_CELLS_FIX())


def too_many_sheets(where: str) -> Problem:
    """The problem of a workbook listing more than :data:`MAX_SHEETS` sheets."""
    return Problem(ERROR, where, None, None, None, TOO_MANY_SHEETS(limit=MAX_SHEETS), TOO_MANY_SHEETS_FIX())
