"""Read the raw tables of a survey from an .xlsx workbook or a folder of CSV files.

Reading only turns bytes into rows of cell values with the row numbers the user sees (header on
row 1 in a file whose first row is the header); it never writes to the input. Checking what the
cells mean is the job of :mod:`clusternet.survey.validation`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from clusternet.messages import Template, message
from clusternet.survey.cells import is_blank
from clusternet.survey.problems import ERROR, WARNING, Problem, Severity
from clusternet.survey.schema import SHEETS, canonical_name, near_matches

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
MAX_FILE_BYTES = 256 * 2**20
"""Largest survey file read (256 MB): a national programme's 500,000 ties take about 25 MB as CSV."""
MAX_ROWS = 2_000_000
"""Most rows read from one sheet or CSV file."""
MAX_UNPACKED_BYTES = 2 * 2**30
"""Most bytes a workbook may unpack to (2 GB); more is a decompression bomb, not a survey."""
MAX_PACKING_RATIO = 200
"""A workbook unpacking to more than this many times its size (beyond 64 MB) is refused as a bomb."""
FORMAT_SHEETS = frozenset(spec.name for spec in SHEETS)
"""Only these sheets or files are read; others (instructions, notes) are left alone, but named when they
look like a sheet of the format (:func:`resembled_sheet`)."""
OPTIONAL_SHEETS = tuple(spec.name for spec in SHEETS if not spec.required)
REQUIRED_SHEETS = tuple(spec.name for spec in SHEETS if spec.required)
OLD_EXCEL_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CSV_DELIMITERS = (",", ";", "\t")

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
CSV_NUL_BYTES = message("problem.csv.nul_bytes", "the file holds NUL bytes, so it is not a plain text CSV file")
CSV_NUL_BYTES_FIX = message(
    "problem.csv.nul_bytes.fix", "open it in Excel and save it again as 'CSV UTF-8 (comma delimited)'"
)
CSV_NOT_UTF8 = message(
    "problem.csv.not_utf8", "the file is not UTF-8; it was read as {encoding} (as Excel on Windows saves CSV)"
)
CSV_NOT_UTF8_FIX = message(
    "problem.csv.not_utf8.fix", "check that accented names look right; to be sure, save as 'CSV UTF-8' next time"
)
CSV_UNREADABLE = message("problem.csv.unreadable", "the CSV text cannot be read: {error}")
CSV_UNREADABLE_FIX = message(
    "problem.csv.unreadable.fix", "check the quotes from this row on: a quote that opens a cell must close it"
)
OLD_EXCEL = message("problem.workbook.old_excel", "this is an old Excel 97-2003 (.xls) workbook")
OLD_EXCEL_FIX = message(
    "problem.workbook.old_excel.fix",
    "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx): File > Save As",
)
NOT_READ_KIND = message("problem.file.not_read_kind", "this is {kind}, which clusternet does not read")
FILE_KINDS = {
    ".xls": (
        message("problem.file.kind.xls", "an old Excel 97-2003 workbook (.xls)"),
        OLD_EXCEL_FIX,
    ),
    ".ods": (
        message("problem.file.kind.ods", "an OpenDocument spreadsheet (.ods)"),
        message(
            "problem.file.kind.ods.fix",
            "open it in LibreOffice and save it as an Excel Workbook (.xlsx): File > Save As, type Excel 2007-365",
        ),
    ),
    ".numbers": (
        message("problem.file.kind.numbers", "an Apple Numbers document"),
        message("problem.file.kind.numbers.fix", "in Numbers, choose File > Export To > Excel and give the .xlsx file"),
    ),
    ".zip": (
        message("problem.file.kind.zip", "a zip archive"),
        message(
            "problem.file.kind.zip.fix", "unpack it and give the survey workbook (.xlsx) or the CSV files it holds"
        ),
    ),
}
"""Files people take for a survey that clusternet does not read, by suffix: what each is and how to
turn it into a workbook. Any other file that is neither a workbook nor CSV is :data:`OTHER_KIND`."""
OTHER_KIND = (
    message("problem.file.kind.other", "neither an Excel workbook (.xlsx) nor a CSV file"),
    message(
        "problem.file.kind.other.fix",
        "give the survey workbook (.xlsx), or its sheets saved as CSV files (actors.csv, ties.csv, ...)",
    ),
)
FILE_EMPTY = message("problem.file.empty", "the file is empty")
FILE_EMPTY_FIX = message("problem.file.empty.fix", "choose the survey workbook (.xlsx) or the folder of CSV files")
NOT_A_WORKBOOK = message(
    "problem.workbook.unreadable", "this is not an Excel workbook that can be read ({error_type}: {error})"
)
NOT_A_WORKBOOK_FIX = message(
    "problem.workbook.unreadable.fix",
    "save the survey from Excel as an Excel Workbook (.xlsx), or give a folder of CSV files",
)
DECOMPRESSION_BOMB = message(
    "problem.workbook.decompression_bomb",
    "the workbook would unpack to {unpacked_mb:,.0f} MB from {size_mb:,.1f} MB: "
    "far more than survey data, so it is refused",
)
DECOMPRESSION_BOMB_FIX = message(
    "problem.workbook.decompression_bomb.fix", "save the survey again from Excel, or export its sheets as CSV files"
)
FILES_FOR_ONE_SHEET = message(
    "problem.folder.files_for_one_sheet", 'both "{first}" and "{second}" would be read as {sheet}'
)
FILES_FOR_ONE_SHEET_FIX = message("problem.folder.files_for_one_sheet.fix", "keep one of the two files in the folder")
FILE_NOT_READ = message(
    "problem.folder.file_not_read", '"{file}" is not one of the survey\'s files ({files}), so it was not read'
)
FILE_NOT_READ_RENAME = message(
    "problem.folder.file_not_read.fix_rename", 'if it holds the {sheet} sheet, rename it "{sheet}.csv"'
)
FILE_NOT_READ_FIX = message(
    "problem.folder.file_not_read.fix", "rename it if it holds one of them; otherwise it can be left out"
)
SHEET_NOT_READ = message(
    "problem.workbook.sheet_not_read",
    'the sheet "{sheet}" is not read: it looks like the {known} sheet, which must be named "{known}"',
)
SHEET_NOT_READ_FIX = message("problem.workbook.sheet_not_read.fix", 'if it holds the {known}, rename it "{known}"')
SINGLE_CSV_FILE = message(
    "problem.path.single_csv_file", "a single CSV file is not a survey: it needs actors.csv and ties.csv together"
)
SINGLE_CSV_FILE_FIX = message(
    "problem.path.single_csv_file.fix", "give the folder that holds the CSV files ({folder}) instead"
)
NO_SUCH_PATH = message("problem.path.missing", "there is no file or folder at this path")
NO_SUCH_PATH_FIX = message(
    "problem.path.missing.fix", "check the spelling, or give the full path to the .xlsx workbook or the CSV folder"
)


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


@dataclass(frozen=True)
class RawSurvey:
    """The tables found in a survey source, keyed by canonical sheet or file name."""

    source: str
    kind: str  # "workbook" or "folder"
    tables: Mapping[str, RawTable]
    names: Mapping[str, str]  # canonical name -> name as written (for suggestions)


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


def table_from_rows(
    where: str, numbered_rows: Iterable[tuple[int, Sequence[object]]], problems: list[Problem]
) -> RawTable | None:
    """Build a table from ``(row number, values)`` pairs; the first non-blank row is the header."""
    header_row: int | None = None
    headers: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, cells in numbered_rows:
        values = tuple(cells)
        if number > MAX_ROWS:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    number,
                    None,
                    None,
                    TOO_MANY_ROWS(limit=MAX_ROWS),
                    TOO_MANY_ROWS_FIX(),
                )
            )
            return None
        if all(is_blank(value) for value in values):
            continue
        if header_row is None:
            header_row = number
            headers = tuple("" if value is None else str(value).strip() for value in values)
            while headers and not headers[-1]:
                headers = headers[:-1]
            continue
        extra = values[len(headers) :]
        for offset, value in enumerate(extra):
            if not is_blank(value):
                problems.append(
                    Problem(
                        ERROR,
                        where,
                        number,
                        column_letter(len(headers) + offset),
                        str(value),
                        VALUE_BEYOND_HEADER(columns=len(headers)),
                        VALUE_BEYOND_HEADER_FIX(),
                    )
                )
        values = values[: len(headers)]
        if len(values) < len(headers):
            values = values + (None,) * (len(headers) - len(values))
        rows.append((number, values))
    if header_row is None:
        problems.append(
            Problem(
                ERROR,
                where,
                None,
                None,
                None,
                SHEET_EMPTY(),
                SHEET_EMPTY_FIX(),
            )
        )
        return None
    for index, header in enumerate(headers):
        if not header and any(not is_blank(values[index]) for _, values in rows):
            problems.append(
                Problem(
                    ERROR,
                    where,
                    header_row,
                    column_letter(index),
                    None,
                    COLUMN_UNNAMED(),
                    COLUMN_UNNAMED_FIX(),
                )
            )
    return RawTable(where, header_row, headers, tuple(rows))


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def decode_csv_bytes(data: bytes, where: str, problems: list[Problem]) -> str | None:
    """Text of a CSV file saved as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        first = data.index(b"\x00")
        problems.append(
            Problem(
                ERROR,
                where,
                data[:first].count(b"\n") + 1,
                None,
                None,
                CSV_NUL_BYTES(),
                CSV_NUL_BYTES_FIX(),
            )
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "Latin-1"
    problems.append(
        Problem(
            WARNING,
            where,
            None,
            None,
            None,
            CSV_NOT_UTF8(encoding=encoding),
            CSV_NOT_UTF8_FIX(),
        )
    )
    return text


def sniff_delimiter(text: str) -> str:
    """The separator of the first non-blank line: comma, semicolon (European Excel) or tab."""
    for line in text.splitlines():
        if line.strip():
            counts = {delimiter: line.count(delimiter) for delimiter in CSV_DELIMITERS}
            best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
            return best if counts[best] else ","
    return ","


def read_csv_table(data: bytes, where: str, problems: list[Problem]) -> RawTable | None:
    """One CSV file's table; problems are appended to ``problems``."""
    text = decode_csv_bytes(data, where, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        for number, values in enumerate(reader, start=1):
            rows.append((number, tuple(values)))
    except csv.Error as error:
        problems.append(
            Problem(
                ERROR,
                where,
                len(rows) + 1,
                None,
                None,
                CSV_UNREADABLE(error=str(error)),
                CSV_UNREADABLE_FIX(),
            )
        )
        return None
    return table_from_rows(where, rows, problems)


def read_workbook_bytes(data: bytes, name: str, problems: list[Problem]) -> RawSurvey | None:
    """Every sheet of an .xlsx workbook, with cell values as Excel typed them."""
    if data.startswith(OLD_EXCEL_SIGNATURE):
        problems.append(
            Problem(
                ERROR,
                name,
                None,
                None,
                None,
                OLD_EXCEL(),
                OLD_EXCEL_FIX(),
            )
        )
        return None
    if not data.strip():
        problems.append(
            Problem(
                ERROR,
                name,
                None,
                None,
                None,
                FILE_EMPTY(),
                FILE_EMPTY_FIX(),
            )
        )
        return None
    if too_large(name, len(data), problems) or is_decompression_bomb(data, name, problems):
        return None
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        problems.append(
            Problem(
                ERROR,
                name,
                None,
                None,
                None,
                NOT_A_WORKBOOK(error_type=type(error).__name__, error=str(error)),
                NOT_A_WORKBOOK_FIX(),
            )
        )
        return None
    tables: dict[str, RawTable] = {}
    names: dict[str, str] = {}
    try:
        for sheet in workbook.worksheets:
            key = canonical_name(sheet.title)
            names[key] = sheet.title
            if key not in FORMAT_SHEETS:
                continue
            sheet.reset_dimensions()
            where = f"{name}, sheet {sheet.title}"
            numbered = enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
            table = table_from_rows(where, numbered, problems)
            if table is not None:
                tables[key] = table
    finally:
        workbook.close()
    # a sheet that looks like a missing required one is named by the error that it is missing
    absent = [sheet for sheet in OPTIONAL_SHEETS if sheet not in names]
    for key, title in names.items():
        known = None if key in FORMAT_SHEETS else resembled_sheet(key, absent)
        if known is not None:
            problems.append(
                Problem(
                    WARNING,
                    f"{name}, sheet {title}",
                    None,
                    None,
                    None,
                    SHEET_NOT_READ(sheet=title, known=known),
                    SHEET_NOT_READ_FIX(known=known),
                )
            )
    return RawSurvey(name, "workbook", tables, names)


def resembled_sheet(name: str, sheets: list[str]) -> str | None:
    """The sheet of the format among ``sheets`` that a sheet or file name looks like: one of its words
    is the sheet's name, singular or plural (``Rounds 2024``, ``respondent list``), or it is a near
    spelling (``respondants``)."""
    words = set(re.findall(r"[^\W_]+", canonical_name(name)))
    for sheet in sheets:
        if sheet in words or sheet.removesuffix("s") in words:
            return sheet
    close = near_matches(name, sheets, limit=1)
    return close[0] if close else None


def is_decompression_bomb(data: bytes, name: str, problems: list[Problem]) -> bool:
    """True (with a problem) when a workbook would unpack to far more than a survey can hold."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False  # not a zip at all: openpyxl's own error says so
    if unpacked <= MAX_UNPACKED_BYTES and (unpacked <= 64 * 2**20 or unpacked <= MAX_PACKING_RATIO * len(data)):
        return False
    problems.append(
        Problem(
            ERROR,
            name,
            None,
            None,
            None,
            DECOMPRESSION_BOMB(unpacked_mb=unpacked / 2**20, size_mb=len(data) / 2**20),
            DECOMPRESSION_BOMB_FIX(),
        )
    )
    return True


def read_csv_folder_files(files: Mapping[str, bytes], folder: str, problems: list[Problem]) -> RawSurvey:
    """The CSV files of a survey folder, given as file name -> bytes."""
    tables: dict[str, RawTable] = {}
    names: dict[str, str] = {}
    present = {canonical_name(Path(file_name).stem) for file_name in files}
    absent = [spec.name for spec in SHEETS if spec.name not in present]
    for file_name, data in sorted(files.items()):
        key = canonical_name(Path(file_name).stem)
        if key in FORMAT_SHEETS and key in names:
            problems.append(
                Problem(
                    ERROR,
                    folder,
                    None,
                    None,
                    file_name,
                    FILES_FOR_ONE_SHEET(first=names[key], second=file_name, sheet=key),
                    FILES_FOR_ONE_SHEET_FIX(),
                )
            )
            continue
        names[key] = file_name
        if key not in FORMAT_SHEETS:
            # a look-alike of a missing required file is named by the error that it is missing
            if resembled_sheet(key, absent) not in REQUIRED_SHEETS:
                problems.append(not_a_survey_file(file_name, folder, absent))
            continue
        if too_large(file_name, len(data), problems):
            continue
        table = read_csv_table(data, file_name, problems)
        if table is not None:
            tables[key] = table
    return RawSurvey(folder, "folder", tables, names)


def refused_file(file_name: str, severity: Severity, kind: tuple[Template, Template]) -> Problem:
    """The problem of a file clusternet does not read: what it is (``kind``, from :data:`FILE_KINDS`
    or :data:`OTHER_KIND`) and how to make a workbook of it."""
    what, fix = kind
    return Problem(severity, file_name, None, None, None, NOT_READ_KIND(kind=what()), fix())


def not_a_survey_file(file_name: str, folder: str, absent: list[str]) -> Problem:
    """The warning for a file of a CSV folder that is not a sheet of the format: it was not read."""
    known = resembled_sheet(Path(file_name).stem, absent)
    files = ", ".join(f"{spec.name}.csv" for spec in SHEETS)
    fix = FILE_NOT_READ_FIX() if known is None else FILE_NOT_READ_RENAME(sheet=known)
    return Problem(WARNING, folder, None, None, file_name, FILE_NOT_READ(file=file_name, files=files), fix)


def read_survey_path(path: str | Path, problems: list[Problem]) -> RawSurvey | None:
    """Read a workbook file or a folder of CSV files; only reads, never writes."""
    path = Path(path)
    if path.is_dir():
        entries = [entry for entry in path.iterdir() if entry.is_file() and entry.suffix.lower() in CSV_SUFFIXES]
        files = {
            entry.name: (entry.read_bytes() if not too_large(entry.name, entry.stat().st_size, problems) else b"")
            for entry in entries
        }
        if any(problem.severity == ERROR for problem in problems):
            return None
        return read_csv_folder_files(files, path.name or str(path), problems)
    if path.is_file():
        if path.suffix.lower() == ".csv":
            problems.append(
                Problem(
                    ERROR,
                    path.name,
                    None,
                    None,
                    None,
                    SINGLE_CSV_FILE(),
                    SINGLE_CSV_FILE_FIX(folder=str(path.parent)),
                )
            )
            return None
        if path.suffix.lower() in FILE_KINDS:
            problems.append(refused_file(path.name, ERROR, FILE_KINDS[path.suffix.lower()]))
            return None
        if too_large(path.name, path.stat().st_size, problems):
            return None
        return read_workbook_bytes(path.read_bytes(), path.name, problems)
    problems.append(
        Problem(
            ERROR,
            str(path),
            None,
            None,
            None,
            NO_SUCH_PATH(),
            NO_SUCH_PATH_FIX(),
        )
    )
    return None
