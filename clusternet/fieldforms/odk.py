"""ODK Central's CSV zip export read into :class:`~clusternet.fieldforms.answers.Answers`.

The zip (ODK Central: Download, "All data and not deleted") holds ``{xmlFormId}.csv``, one row per
submission, whose header starts with ``SubmissionDate`` and ends with ``KEY``, ``ReviewState``, ...,
and one ``{xmlFormId}-{repeat}.csv`` per repeat, whose rows link to their submission by
``PARENT_KEY`` = ``KEY`` (getodk/central-backend, ``lib/data/briefcase.js``). Group paths are joined
by ``-`` (``meta-instanceID``) unless groups were left out of the export, and split select-many
columns (``relation/information``) may follow the answer's own column: every layout is read. Media
(``files/``) and audit files are left alone.

The archive is only read: its entries' sizes are checked before any is unpacked, and only the two
CSV files needed are.
"""

from __future__ import annotations

import csv
import io
import zipfile

from clusternet.fieldforms.answers import Answers, Layout, answers_of
from clusternet.fieldforms.fields import PARTNER_ID, locate_fields
from clusternet.messages import message
from clusternet.survey.problems import ERROR, Problem
from clusternet.survey.reading import (
    MAX_FILE_BYTES,
    MAX_PACKING_RATIO,
    MAX_UNPACKED_BYTES,
    read_csv_table,
    too_large,
)

ODK = Layout(
    platform="ODK Central",
    key="KEY",
    submitted="SubmissionDate",
    status="ReviewState",
    excluded=frozenset({"rejected"}),
    parent_key="PARENT_KEY",
)
HEADER_BYTES = 1 << 20
"""Most bytes read to see an entry's header line."""

CSV_ALONE = message(
    "fieldform.problem.odk_csv_alone",
    "this is one CSV file of ODK Central's export; the partner rows are in another file of the zip",
)
CSV_ALONE_FIX = message(
    "fieldform.problem.odk_csv_alone.fix",
    "download the whole export (ODK Central: Download, All data, a .zip of CSV files) and give the .zip file",
)
NOT_A_ZIP = message("fieldform.problem.not_a_zip", "this is not a zip archive, as ODK Central's export is")
WORKBOOK_GIVEN = message(
    "fieldform.problem.workbook_given", "this is an Excel workbook, as KoboToolbox exports, not ODK Central's zip"
)
WORKBOOK_GIVEN_FIX = message("fieldform.problem.workbook_given.fix", "import it as one: clusternet import kobo")
ZIP_BOMB = message(
    "fieldform.problem.zip_bomb",
    "the archive would unpack to {unpacked_mb:,.0f} MB from {size_mb:,.1f} MB: far more than submissions, so it "
    "is refused",
)
ZIP_BOMB_FIX = message("fieldform.problem.zip_bomb.fix", "download the export from ODK Central again")
NO_SUBMISSIONS_FILE = message(
    "fieldform.problem.no_submissions_file",
    "no CSV file of the archive starts with SubmissionDate, so it is not an ODK Central export (files: {files})",
)
NO_SUBMISSIONS_FILE_FIX = message(
    "fieldform.problem.no_submissions_file.fix",
    "download the submissions from ODK Central as a .zip of CSV files, and give that file unchanged",
)
NO_PARTNERS_FILE = message(
    "fieldform.problem.no_partners_file",
    "no CSV file of the archive holds the partner rows (a file with the column PARENT_KEY)",
)
NO_PARTNERS_FILE_FIX = message(
    "fieldform.problem.no_partners_file.fix",
    "download the whole export again from ODK Central (every repeat is a file of its own) and give it unchanged",
)
ENTRIES_SHOWN = 8


def read_odk(data: bytes, name: str, problems: list[Problem]) -> Answers | None:
    """The answers of an ODK Central CSV zip export; None after the problems that say what to do."""
    if too_large(name, len(data), problems):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        problems.append(_not_a_zip(data, name))
        return None
    with archive:
        entries = archive.infolist()
        if any(entry.filename == "xl/workbook.xml" for entry in entries):
            problems.append(Problem(ERROR, name, None, None, None, WORKBOOK_GIVEN(), WORKBOOK_GIVEN_FIX()))
            return None
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES or (unpacked > 64 * 2**20 and unpacked > MAX_PACKING_RATIO * len(data)):
            bomb = ZIP_BOMB(unpacked_mb=unpacked / 2**20, size_mb=len(data) / 2**20)
            problems.append(Problem(ERROR, name, None, None, None, bomb, ZIP_BOMB_FIX()))
            return None
        tables = [entry for entry in entries if _is_table(entry.filename)]
        headers = {entry.filename: _header(archive, entry) for entry in tables}
        roots = [entry for entry in tables if headers[entry.filename][:1] == [ODK.submitted]]
        roots = [entry for entry in roots if ODK.parent_key not in headers[entry.filename]]
        repeats = [entry for entry in tables if ODK.parent_key in headers[entry.filename]]
        if not roots:
            files = ", ".join(f'"{entry.filename}"' for entry in entries[:ENTRIES_SHOWN])
            problems.append(
                Problem(
                    ERROR, name, None, None, None, NO_SUBMISSIONS_FILE(files=files or "-"), NO_SUBMISSIONS_FILE_FIX()
                )
            )
            return None
        if not repeats:
            problems.append(Problem(ERROR, name, None, None, None, NO_PARTNERS_FILE(), NO_PARTNERS_FILE_FIX()))
            return None
        partners = next(
            (entry for entry in repeats if PARTNER_ID in locate_fields(headers[entry.filename], [PARTNER_ID]).columns),
            repeats[0],
        )
        read = []
        for entry in (roots[0], partners):
            where = f"{name}, {entry.filename}"
            if entry.file_size > MAX_FILE_BYTES:
                too_large(where, entry.file_size, problems)
                return None
            table = read_csv_table(archive.read(entry), where, problems)
            if table is None:
                return None
            read.append(table)
    return answers_of(name, ODK, read[0], read[1], problems)


def _is_table(filename: str) -> bool:
    """A CSV file of submissions or repeat rows: not a media file, not an audit log."""
    lowered = filename.lower()
    return lowered.endswith(".csv") and not lowered.startswith("files/") and not lowered.endswith("audit.csv")


def _header(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> list[str]:
    with archive.open(entry) as member:
        line = member.readline(HEADER_BYTES).decode("utf-8-sig", errors="replace")
    return next(csv.reader([line]), [])


def _not_a_zip(data: bytes, name: str) -> Problem:
    head = data[:4096].decode("utf-8-sig", errors="replace")
    if head.startswith(ODK.submitted):
        return Problem(ERROR, name, None, None, None, CSV_ALONE(), CSV_ALONE_FIX())
    return Problem(ERROR, name, None, None, None, NOT_A_ZIP(), CSV_ALONE_FIX())
