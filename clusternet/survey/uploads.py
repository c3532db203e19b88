"""Files uploaded together (the app's file chooser): which of them make the survey, and why the others
were left out.

One workbook (``.xlsx``) is the survey; without one, the CSV files are its sheets. Nothing given is
dropped unseen: a second workbook, CSV files next to a workbook and files clusternet does not read
(an old ``.xls``, an ``.ods``, a zip) are each named with what they are and what to do, as warnings
when a survey was read from the others and as errors when nothing was.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from clusternet.messages import message
from clusternet.survey.model import Survey
from clusternet.survey.problems import ERROR, WARNING, Problem, SurveyError
from clusternet.survey.reading import (
    CSV_SUFFIXES,
    FILE_EMPTY_FIX,
    FILE_KINDS,
    OTHER_KIND,
    WORKBOOK_SUFFIXES,
    RawSurvey,
    read_csv_folder_files,
    read_workbook_bytes,
    refused_file,
)
from clusternet.survey.validation import build_survey

UPLOADED_FILES = "uploaded files"
"""Where the problems of CSV files uploaded together are, as a folder's name would be."""

NO_FILES = message("problem.upload.no_files", "no file was given")
OTHER_WORKBOOK_LEFT_OUT = message(
    "problem.upload.other_workbook_left_out", 'this workbook was left out: the survey is read from "{used}"'
)
OTHER_WORKBOOK_LEFT_OUT_FIX = message(
    "problem.upload.other_workbook_left_out.fix", "upload one workbook at a time: the one that holds the survey"
)
CSV_LEFT_OUT = message(
    "problem.upload.csv_left_out",
    'this CSV file was left out: the survey is read from the workbook "{used}", and CSV files only without one',
)
CSV_LEFT_OUT_FIX = message("problem.upload.csv_left_out.fix", "to read the CSV files, upload them without the workbook")


def read_uploads(files: Sequence[tuple[str, bytes]], problems: list[Problem]) -> RawSurvey | None:
    """The raw survey of files uploaded together (name, bytes), in the order given.

    The first workbook is read, else every CSV file as one folder's; each file left out is a
    problem, a warning when a survey is read from the others and an error when nothing is.
    """
    suffixes = [Path(name).suffix.lower() for name, _ in files]
    workbooks = [file for file, suffix in zip(files, suffixes) if suffix in WORKBOOK_SUFFIXES]
    csv_files = [file for file, suffix in zip(files, suffixes) if suffix in CSV_SUFFIXES]
    others = [name for (name, _), suffix in zip(files, suffixes) if suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES]
    severity = WARNING if workbooks or csv_files else ERROR
    for name in others:
        problems.append(refused_file(name, severity, FILE_KINDS.get(Path(name).suffix.lower(), OTHER_KIND)))
    if workbooks:
        used, data = workbooks[0]
        for name, _ in workbooks[1:]:
            problems.append(
                Problem(
                    WARNING, name, None, None, None, OTHER_WORKBOOK_LEFT_OUT(used=used), OTHER_WORKBOOK_LEFT_OUT_FIX()
                )
            )
        for name, _ in csv_files:
            problems.append(Problem(WARNING, name, None, None, None, CSV_LEFT_OUT(used=used), CSV_LEFT_OUT_FIX()))
        return read_workbook_bytes(data, used, problems)
    if csv_files:
        return read_csv_folder_files(dict(csv_files), UPLOADED_FILES, problems)
    if not others:
        problems.append(Problem(ERROR, UPLOADED_FILES, None, None, None, NO_FILES(), FILE_EMPTY_FIX()))
    return None


def load_uploaded_survey(files: Sequence[tuple[str, bytes]], *, add_missing_actors: bool = False) -> Survey:
    """Read and validate files uploaded together (name, bytes), as :func:`read_uploads` chooses them.

    Raises :class:`SurveyError` with every problem when the survey cannot be analysed; otherwise the
    survey's ``warnings`` include the files that were left out.
    """
    problems: list[Problem] = []
    raw = read_uploads(files, problems)
    survey = build_survey(raw, problems, add_missing_actors) if raw is not None else None
    if survey is None:
        raise SurveyError(problems)
    return survey
