"""Read the raw tables of a survey: an .xlsx workbook, a folder of CSV files, or the path of either.

Reading only turns bytes into rows of cell values with the row numbers the user sees (header on
row 1 in a file whose first row is the header); it never writes to the input. What a file may hold
is bounded as it is read (:mod:`clusternet.survey.limits`); a workbook's parts are read by
:mod:`~clusternet.survey.xlsx_parts` and :mod:`~clusternet.survey.xlsx_sheet`, a CSV file by
:mod:`~clusternet.survey.csv_files`, and every table is built by :mod:`~clusternet.survey.tables`.
This module chooses what to read: which sheets of a workbook (a hidden sheet never replaces a
visible one), which files of a folder, and says when a path cannot be read at all. Checking what
the cells mean is the job of :mod:`clusternet.survey.validation`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from clusternet.messages import Template, message, plural_message
from clusternet.survey import limits
from clusternet.survey.cell_address import column_letter
from clusternet.survey.csv_files import read_csv_table as read_csv_table
from clusternet.survey.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from clusternet.survey.limits import MAX_PACKING_RATIO as MAX_PACKING_RATIO
from clusternet.survey.limits import MAX_UNPACKED_BYTES as MAX_UNPACKED_BYTES
from clusternet.survey.limits import too_large as too_large
from clusternet.survey.problems import ERROR, WARNING, Problem, Refusal, Severity
from clusternet.survey.schema import SHEETS, canonical_name, near_matches
from clusternet.survey.tables import RawTable as RawTable
from clusternet.survey.tables import table_from_rows as table_from_rows
from clusternet.survey.xlsx_parts import VISIBLE, DamagedWorkbook, NotAWorkbook, Sheet, Workbook, open_workbook

if TYPE_CHECKING:
    from clusternet.survey.xlsx_sheet import WorksheetRows

ReadResult = TypeVar("ReadResult")

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
FORMAT_SHEETS = frozenset(spec.name for spec in SHEETS)
"""Only these sheets or files are read; others (instructions, notes) are left alone, but named when they
look like a sheet of the format (:func:`resembled_sheet`)."""
OPTIONAL_SHEETS = tuple(spec.name for spec in SHEETS if not spec.required)
REQUIRED_SHEETS = tuple(spec.name for spec in SHEETS if spec.required)
OLD_EXCEL_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MERGED_RANGES_NAMED = 20
"""Most merged ranges of one sheet named one by one; the others are counted in one more warning."""

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
NO_WORKBOOK_PART = message(
    "problem.workbook.no_workbook_part", "this zip archive holds no workbook ({part} is missing)"
)
WORKBOOK_DAMAGED = message("problem.workbook.damaged", "the workbook is damaged: {detail}")
WORKBOOK_DAMAGED_FIX = message(
    "problem.workbook.damaged.fix",
    "open it in Excel or LibreOffice and save it again as an Excel Workbook (.xlsx); "
    "if it does not open, ask for the survey again",
)
SHEETS_FOR_ONE_SHEET = message(
    "problem.workbook.sheets_for_one_sheet", 'both sheets "{first}" and "{second}" would be read as {sheet}'
)
SHEETS_FOR_ONE_SHEET_FIX = message(
    "problem.workbook.sheets_for_one_sheet.fix", "rename or delete one of the two sheets"
)
HIDDEN_SHEET_LEFT_OUT = message(
    "problem.workbook.hidden_sheet_left_out",
    'the hidden sheet "{sheet}" was not read: its name reads like the visible sheet "{used}", which was read',
)
HIDDEN_SHEET_LEFT_OUT_FIX = message(
    "problem.workbook.hidden_sheet_left_out.fix",
    'if "{sheet}" holds the data to analyse, unhide it (right-click a sheet tab, Unhide) and delete or rename "{used}"',
)
HIDDEN_SHEET_READ = message(
    "problem.workbook.hidden_sheet_read", 'the sheet "{sheet}" is hidden in the workbook; it was read as {key}'
)
HIDDEN_SHEET_READ_FIX = message(
    "problem.workbook.hidden_sheet_read.fix", "unhide it (right-click a sheet tab, Unhide) to check what it holds"
)
MERGED_CELLS = message(
    "problem.sheet.merged_cells",
    "the cells {cells} are merged: only the first holds a value, the others read as blank (unknown)",
)
MERGED_CELLS_FIX = message(
    "problem.sheet.merged_cells.fix", "unmerge them (Home, Merge & Center) and fill in every cell"
)
MORE_MERGED_CELLS = plural_message(
    "problem.sheet.merged_cells.more",
    "{count} more merged range in this sheet may leave cells blank the same way",
    "{count} more merged ranges in this sheet may leave cells blank the same way",
)
PATH_UNREADABLE = message("problem.path.unreadable", "this cannot be read: {reason}")
PATH_UNREADABLE_PERMISSION_FIX = message(
    "problem.path.unreadable.permission_fix",
    "ask whoever manages the computer for permission to read it, or copy the survey to a folder of your own",
)
PATH_UNREADABLE_FIX = message(
    "problem.path.unreadable.fix",
    "check that the disk, USB stick or network drive is still connected and try again, "
    "or copy the survey to a folder on this computer",
)
NOT_A_FILE_OR_FOLDER = message(
    "problem.path.not_a_file_or_folder", "this is neither a file nor a folder (a device or a pipe)"
)
FOLDER_NOT_FILE = message("problem.path.folder_not_file", "this is a folder, and a file is needed here")
FOLDER_NOT_FILE_FIX = message("problem.path.folder_not_file.fix", "give the path of the file in it")


@dataclass(frozen=True)
class RawSurvey:
    """The tables found in a survey source, keyed by canonical sheet or file name."""

    source: str
    kind: str  # "workbook" or "folder"
    tables: Mapping[str, RawTable]
    names: Mapping[str, str]  # canonical name -> name as written (for suggestions)


def read_workbook_bytes(data: bytes, name: str, problems: list[Problem]) -> RawSurvey | None:
    """The format's sheets of an .xlsx workbook, with cell values as Excel typed them.

    A workbook that is not one, is damaged or holds more than the limits is one problem that says so.
    """
    return _read_workbook(data, name, problems, lambda workbook: read_workbook_sheets(workbook, name, problems))


def read_every_sheet(data: bytes, name: str, problems: list[Problem]) -> dict[str, RawTable] | None:
    """Every sheet of an .xlsx workbook as a table, by its title in the workbook's order, read with the
    same bounds and problems as a survey's (a KoboToolbox export, a scenario workbook); an empty sheet is
    left out; None after the problem that says why the workbook cannot be read."""

    def tables(workbook: Workbook) -> dict[str, RawTable]:
        from clusternet.survey.xlsx_sheet import WorksheetRows  # with openpyxl: only for a workbook

        found = {}
        for sheet in workbook.sheets:
            table = _sheet_table(WorksheetRows(workbook, sheet, f"{name}, sheet {sheet.title}"), problems)
            if table is not None:
                found[sheet.title] = table
        return found

    return _read_workbook(data, name, problems, tables)


def _read_workbook(
    data: bytes, name: str, problems: list[Problem], read: Callable[[Workbook], ReadResult]
) -> ReadResult | None:
    """``read`` of the workbook ``data``, or None after the one problem that says why it cannot be read:
    an old .xls, an empty file, beyond the limits, a bomb, not a zip archive, damaged."""
    if data.startswith(OLD_EXCEL_SIGNATURE):
        problems.append(Problem(ERROR, name, None, None, None, OLD_EXCEL(), OLD_EXCEL_FIX()))
        return None
    if not data.strip():
        problems.append(Problem(ERROR, name, None, None, None, FILE_EMPTY(), FILE_EMPTY_FIX()))
        return None
    if too_large(name, len(data), problems) or is_decompression_bomb(data, name, problems):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError) as error:
        # not a zip archive, or one whose directory is broken (a truncated or random file, a name that is
        # not UTF-8 as its flag says, a version of the format from no zip program)
        fault = NOT_A_WORKBOOK(error_type=type(error).__name__, error=str(error))
        problems.append(Problem(ERROR, name, None, None, None, fault, NOT_A_WORKBOOK_FIX()))
        return None
    try:
        with archive:
            return read(open_workbook(archive, name))
    except NotAWorkbook as missing:
        problems.append(
            Problem(ERROR, name, None, None, None, NO_WORKBOOK_PART(part=str(missing)), NOT_A_WORKBOOK_FIX())
        )
    except DamagedWorkbook as damage:
        problems.append(damaged(name, damage))
    except Refusal as refusal:
        problems.append(refusal.problem)
    return None


def _sheet_table(rows: WorksheetRows, problems: list[Problem]) -> RawTable | None:
    """The table of one sheet (None for an empty one, or one refused with its problem); a damaged sheet
    raises :class:`DamagedWorkbook` with the sheet named."""
    try:
        return table_from_rows(rows.where, rows, problems)
    except DamagedWorkbook as damage:
        raise DamagedWorkbook(damage.detail, damage.row, damage.column, damage.value, rows.where) from None
    except Refusal as refusal:
        problems.append(refusal.problem)
        return None


def read_workbook_sheets(workbook: Workbook, name: str, problems: list[Problem]) -> RawSurvey:
    """The tables of the format's sheets of ``workbook`` (:func:`chosen_sheets`), and a warning for each
    range of merged cells in a table; :class:`DamagedWorkbook` (with the sheet named) for a damaged one."""
    from clusternet.survey.xlsx_sheet import WorksheetRows  # with openpyxl: only for a workbook

    chosen, names = chosen_sheets(workbook.sheets, name, problems)
    tables: dict[str, RawTable] = {}
    for key, sheet in chosen.items():
        where = f"{name}, sheet {sheet.title}"
        rows = WorksheetRows(workbook, sheet, where)
        table = _sheet_table(rows, problems)
        if table is not None:
            tables[key] = table
            problems.extend(merged_cell_warnings(table, rows))
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


def chosen_sheets(
    sheets: tuple[Sheet, ...], name: str, problems: list[Problem]
) -> tuple[dict[str, Sheet], dict[str, str]]:
    """Which sheet of the workbook ``name`` is read as each sheet of the format, and every sheet's name as
    written (canonical name -> title, for suggestions).

    A visible sheet always wins over a hidden one whose name reads the same (``Ties`` and a hidden
    ``ties``): the hidden one is named by a warning, and so is a hidden sheet read because no visible one
    has its name. Two visible sheets (or, with none visible, two hidden ones) that read as the same sheet
    are an error: neither is read.
    """
    groups: dict[str, list[Sheet]] = {}
    for sheet in sheets:
        groups.setdefault(canonical_name(sheet.title), []).append(sheet)
    chosen: dict[str, Sheet] = {}
    names: dict[str, str] = {}
    for key, group in groups.items():
        visible = [sheet for sheet in group if sheet.state == VISIBLE]
        hidden = [sheet for sheet in group if sheet.state != VISIBLE]
        candidates = visible or hidden
        names[key] = candidates[0].title
        if key not in FORMAT_SHEETS:
            continue
        if len(candidates) > 1:
            first, second = candidates[0].title, candidates[1].title
            problems.append(
                Problem(
                    ERROR,
                    name,
                    None,
                    None,
                    None,
                    SHEETS_FOR_ONE_SHEET(first=first, second=second, sheet=key),
                    SHEETS_FOR_ONE_SHEET_FIX(),
                )
            )
            continue
        used = candidates[0]
        chosen[key] = used
        for left_out in hidden if visible else []:
            problems.append(
                Problem(
                    WARNING,
                    f"{name}, sheet {left_out.title}",
                    None,
                    None,
                    None,
                    HIDDEN_SHEET_LEFT_OUT(sheet=left_out.title, used=used.title),
                    HIDDEN_SHEET_LEFT_OUT_FIX(sheet=left_out.title, used=used.title),
                )
            )
        if not visible:
            problems.append(
                Problem(
                    WARNING,
                    f"{name}, sheet {used.title}",
                    None,
                    None,
                    None,
                    HIDDEN_SHEET_READ(sheet=used.title, key=key),
                    HIDDEN_SHEET_READ_FIX(),
                )
            )
    return chosen, names


def merged_cell_warnings(table: RawTable, rows: WorksheetRows) -> list[Problem]:
    """A warning for each range of merged cells that reaches into the table (from its header row to its
    last row, within its columns): only its first cell holds a value, the others read as blank. The
    first :data:`MERGED_RANGES_NAMED` are named; one more warning counts the others."""
    last_row = table.rows[-1][0] if table.rows else table.header_row
    width = max(len(table.headers), 1)
    inside = [
        merged
        for merged in rows.merged
        if merged.first_row <= last_row and merged.last_row >= table.header_row and merged.first_column < width
    ]
    warnings = [
        Problem(
            WARNING,
            table.where,
            merged.first_row,
            column_letter(merged.first_column),
            merged.reference,
            MERGED_CELLS(cells=merged.reference),
            MERGED_CELLS_FIX(),
        )
        for merged in inside[:MERGED_RANGES_NAMED]
    ]
    more = len(inside[MERGED_RANGES_NAMED:]) + rows.merged_count - len(rows.merged)
    if more:
        warnings.append(
            Problem(WARNING, table.where, None, None, None, MORE_MERGED_CELLS(count=more), MERGED_CELLS_FIX())
        )
    return warnings


def damaged(name: str, damage: DamagedWorkbook) -> Problem:
    """The one problem of a damaged workbook: where (the sheet when known), the cell and what is wrong."""
    where = damage.where or name
    return Problem(
        ERROR,
        where,
        damage.row,
        damage.column,
        damage.value,
        WORKBOOK_DAMAGED(detail=damage.detail),
        WORKBOOK_DAMAGED_FIX(),
    )


DOCUMENTATION_SHEETS = frozenset({"instructions", "instruction", "readme", "read_me", "help", "notes", "about"})
"""Names of sheets that explain a workbook: never taken for a misspelt sheet of the format
(``instructions`` is a near spelling of ``actions``)."""


def resembled_sheet(name: str, sheets: list[str]) -> str | None:
    """The sheet of the format among ``sheets`` that a sheet or file name looks like: one of its words
    is the sheet's name, singular or plural (``Rounds 2024``, ``respondent list``), or it is a near
    spelling (``respondants``); a sheet of instructions looks like none."""
    if canonical_name(name) in DOCUMENTATION_SHEETS:
        return None
    words = set(re.findall(r"[^\W_]+", canonical_name(name)))
    for sheet in sheets:
        if sheet in words or sheet.removesuffix("s") in words:
            return sheet
    close = near_matches(name, sheets, limit=1)
    return close[0] if close else None


def is_decompression_bomb(data: bytes, name: str, problems: list[Problem]) -> bool:
    """True (with a problem) when a workbook would unpack to far more than a survey can hold: more than
    :data:`~clusternet.survey.limits.MAX_UNPACKED_BYTES` in all, or a part that unpacks to more than
    :data:`~clusternet.survey.limits.PACKING_RATIO_FROM_BYTES` and more than
    :data:`~clusternet.survey.limits.MAX_PACKING_RATIO` times its packed size. The ratio is a part's own,
    so that padding the archive with other parts cannot hide a flood of cells in one sheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError):
        return False  # not a zip at all: the reader's own error says so
    unpacked = sum(member.file_size for member in members)
    flooded = any(
        member.file_size > limits.PACKING_RATIO_FROM_BYTES
        and member.file_size > limits.MAX_PACKING_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if unpacked <= limits.MAX_UNPACKED_BYTES and not flooded:
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
    """Read a workbook file or a folder of CSV files; only reads, never writes.

    A path that cannot be read (no permission, a folder where a file was expected, a disk gone) is a
    problem that names it and says what to do, never an exception.
    """
    path = Path(path)
    try:
        if path.is_dir():
            return _read_folder(path, problems)
        if path.is_file() and path.suffix.lower() == ".csv":
            problems.append(
                Problem(
                    ERROR, path.name, None, None, None, SINGLE_CSV_FILE(), SINGLE_CSV_FILE_FIX(folder=str(path.parent))
                )
            )
            return None
        if path.is_file() and path.suffix.lower() in FILE_KINDS:
            problems.append(refused_file(path.name, ERROR, FILE_KINDS[path.suffix.lower()]))
            return None
    except OSError as error:
        problems.append(unreadable_path(path, error))
        return None
    data = read_file_bytes(path, problems)
    return None if data is None else read_workbook_bytes(data, path.name, problems)


def _read_folder(folder: Path, problems: list[Problem]) -> RawSurvey | None:
    files: dict[str, bytes] = {}
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() in CSV_SUFFIXES and entry.is_file():
            data = read_file_bytes(entry, problems)
            files[entry.name] = b"" if data is None else data
    if any(problem.severity == ERROR for problem in problems):
        return None
    return read_csv_folder_files(files, folder.name or str(folder), problems)


def read_file_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    """The bytes of the file at ``path``, or None after the problem that says why not: there is none, it
    is not a file, it is larger than :data:`~clusternet.survey.limits.MAX_FILE_BYTES` (checked before it
    is read, and again after, for a file that grew meanwhile), or it cannot be read."""
    try:
        if not path.exists():
            problems.append(Problem(ERROR, str(path), None, None, None, NO_SUCH_PATH(), NO_SUCH_PATH_FIX()))
            return None
        if path.is_dir():
            problems.append(Problem(ERROR, str(path), None, None, None, FOLDER_NOT_FILE(), FOLDER_NOT_FILE_FIX()))
            return None
        if not path.is_file():
            problems.append(Problem(ERROR, str(path), None, None, None, NOT_A_FILE_OR_FOLDER(), NO_SUCH_PATH_FIX()))
            return None
        if too_large(path.name, path.stat().st_size, problems):
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(unreadable_path(path, error))
        return None
    return None if too_large(path.name, len(data), problems) else data


def unreadable_path(path: Path, error: OSError) -> Problem:
    """The problem of a path the system would not read: the file the error names (else ``path``), the
    system's reason, and what to do."""
    where = str(error.filename) if error.filename else str(path)
    fix = PATH_UNREADABLE_PERMISSION_FIX() if isinstance(error, PermissionError) else PATH_UNREADABLE_FIX()
    return Problem(ERROR, where, None, None, None, PATH_UNREADABLE(reason=error.strerror or type(error).__name__), fix)
