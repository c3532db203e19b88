"""KoboToolbox's XLSX export read into :class:`~clusternet.fieldforms.answers.Answers`.

The export (KoboToolbox: Downloads, type XLS, "XML values and headers") holds the submissions on one
sheet (columns ``_uuid``, ``_submission_time``, ``_validation_status``, ...) and the repeat
``partner`` on a sheet of its own, whose rows link to their submission by ``_submission__uuid`` =
``_uuid`` (``_index`` is made anew by every export: kobotoolbox/formpack). Headers may carry the
group path (``partner/trust``) or not, and a select-many question may come as one column, as one 0/1
column per choice, or both: :mod:`clusternet.fieldforms.fields` reads every layout. Only the XLSX
export carries repeat groups: a CSV export holds no partner rows and is refused, as is an export of
labels instead of names and values.

The workbook is read by the survey reader (:func:`clusternet.survey.reading.read_every_sheet`), with
the same bounds and the same problems for a damaged or hostile file; it is never written.
"""

from __future__ import annotations

import io
import zipfile

from clusternet.fieldforms.answers import Answers, Layout, answers_of
from clusternet.fieldforms.fields import PARTNER_ID, locate_fields
from clusternet.messages import message
from clusternet.survey.problems import ERROR, Problem
from clusternet.survey.reading import (
    OLD_EXCEL,
    OLD_EXCEL_FIX,
    OLD_EXCEL_SIGNATURE,
    RawTable,
    read_every_sheet,
)

KOBO = Layout(
    platform="KoboToolbox",
    key="_uuid",
    submitted="_submission_time",
    status="_validation_status",
    excluded=frozenset({"validation_status_not_approved", "not_approved"}),
    parent_key="_submission__uuid",
)

KOBO_CSV = message(
    "fieldform.problem.kobo_csv",
    "this is a CSV export: a CSV export from KoboToolbox has no repeat groups, so it holds no partner rows",
)
KOBO_CSV_FIX = message(
    "fieldform.problem.kobo_csv.fix", "export as XLS instead (KoboToolbox: Downloads, type XLS) and give the .xlsx file"
)
ODK_ZIP_GIVEN = message("fieldform.problem.odk_zip_given", "this is an ODK Central export (a zip of CSV files)")
ODK_ZIP_GIVEN_FIX = message("fieldform.problem.odk_zip_given.fix", "import it as one: clusternet import odk")
NO_SUBMISSIONS_SHEET = message(
    "fieldform.problem.no_submissions_sheet",
    "no sheet has KoboToolbox's column _uuid, so this is not a KoboToolbox export (sheets: {sheets})",
)
NO_SUBMISSIONS_SHEET_FIX = message(
    "fieldform.problem.no_submissions_sheet.fix",
    "export the submissions from KoboToolbox as XLS with 'XML values and headers', and give that file",
)
NO_PARTNERS_SHEET = message(
    "fieldform.problem.no_partners_sheet",
    "no sheet holds the partner rows (the column _submission__uuid): KoboToolbox writes the repeat group on a "
    "sheet of its own",
)
NO_PARTNERS_SHEET_FIX = message(
    "fieldform.problem.no_partners_sheet.fix",
    "export again as XLS with every question of the form included, and give that file",
)


def read_kobo(data: bytes, name: str, problems: list[Problem]) -> Answers | None:
    """The answers of a KoboToolbox XLSX export; None after the problems that say what to do."""
    refused = _refused(data, name)
    if refused is not None:
        problems.append(refused)
        return None
    tables = read_every_sheet(data, name, problems)
    if tables is None:
        return None
    titles = list(tables)
    main, repeats = _sheets(list(tables.values()))
    if main is None:
        if not any(problem.severity == ERROR for problem in problems):
            sheets = ", ".join(f'"{title}"' for title in titles)
            problems.append(
                Problem(ERROR, name, None, None, None, NO_SUBMISSIONS_SHEET(sheets=sheets), NO_SUBMISSIONS_SHEET_FIX())
            )
        return None
    if not repeats:
        problems.append(Problem(ERROR, name, None, None, None, NO_PARTNERS_SHEET(), NO_PARTNERS_SHEET_FIX()))
        return None
    partners = next((table for table in repeats if _holds_partner_ids(table)), repeats[0])
    return answers_of(name, KOBO, main, partners, problems)


def _refused(data: bytes, name: str) -> Problem | None:
    """The problem of a file that is not an XLSX workbook: a CSV export, an ODK zip, an old .xls."""
    if data.startswith(OLD_EXCEL_SIGNATURE):
        return Problem(ERROR, name, None, None, None, OLD_EXCEL(), OLD_EXCEL_FIX())
    if not data.startswith(b"PK"):
        head = data[:4096].decode("utf-8", errors="replace")
        if name.lower().endswith((".csv", ".txt")) or KOBO.key in head:
            return Problem(ERROR, name, None, None, None, KOBO_CSV(), KOBO_CSV_FIX())
        return None  # openpyxl's own error says what the file is not
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "xl/workbook.xml" not in entries and any(entry.lower().endswith(".csv") for entry in entries):
        return Problem(ERROR, name, None, None, None, ODK_ZIP_GIVEN(), ODK_ZIP_GIVEN_FIX())
    return None


def _sheets(tables: list[RawTable]) -> tuple[RawTable | None, list[RawTable]]:
    """The sheet of submissions (the first with ``_uuid``) and the sheets of repeat rows (with
    ``_submission__uuid``)."""
    main: RawTable | None = None
    repeats: list[RawTable] = []
    for table in tables:
        written = {header.strip() for header in table.headers}
        if KOBO.parent_key in written:
            repeats.append(table)
        elif main is None and KOBO.key in written:
            main = table
    return main, repeats


def _holds_partner_ids(table: RawTable) -> bool:
    return PARTNER_ID in locate_fields(table.headers, [PARTNER_ID]).columns
