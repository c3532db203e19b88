"""Load a survey from a path, or from uploaded bytes, into a validated :class:`Survey`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from clusternet.survey.model import Survey
from clusternet.survey.problems import Problem, SurveyError
from clusternet.survey.reading import RawSurvey, read_csv_folder_files, read_survey_path, read_workbook_bytes
from clusternet.survey.validation import build_survey


def _validated(raw: RawSurvey | None, problems: list[Problem], add_missing_actors: bool) -> Survey:
    survey = build_survey(raw, problems, add_missing_actors) if raw is not None else None
    if survey is None:
        raise SurveyError(problems)
    return survey


def load_survey(path: str | Path, *, add_missing_actors: bool = False) -> Survey:
    """Read and validate a survey workbook (.xlsx) or a folder of CSV files.

    Raises :class:`SurveyError` carrying every problem found when the survey cannot be analysed;
    otherwise returns the survey, whose ``warnings`` list what the user should know. With
    ``add_missing_actors`` ids named in ties but absent from actors are added with type
    ``unknown`` instead of being errors. The input is only read, never written.
    """
    problems: list[Problem] = []
    return _validated(read_survey_path(path, problems), problems, add_missing_actors)


def load_survey_workbook(data: bytes, name: str, *, add_missing_actors: bool = False) -> Survey:
    """Validate a survey workbook given as bytes (an upload); ``name`` is used in messages."""
    problems: list[Problem] = []
    return _validated(read_workbook_bytes(data, name, problems), problems, add_missing_actors)


def load_survey_csv_files(files: Mapping[str, bytes], *, add_missing_actors: bool = False) -> Survey:
    """Validate a survey given as CSV files (file name -> bytes), for example uploaded together."""
    problems: list[Problem] = []
    return _validated(read_csv_folder_files(files, "uploaded files", problems), problems, add_missing_actors)
