"""An export and a roster in, a survey out: the import of a field form's submissions.

The export is read by its platform's reader (:data:`PLATFORMS`), its answers become survey tables
(:mod:`clusternet.fieldforms.submissions`), and those tables, with the roster's actors (or added to an
existing survey), go through the survey format's own validation (:func:`build_survey`), so that an
imported survey is exactly what ``clusternet validate`` would accept. Nothing is written here: the
caller writes :func:`clusternet.export.survey_files.survey_workbook` of the result and :func:`unmatched_csv` beside it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from clusternet.export.tables import table_csv
from clusternet.fieldforms.answers import Answers
from clusternet.fieldforms.kobo import read_kobo
from clusternet.fieldforms.odk import read_odk
from clusternet.fieldforms.roster import Roster
from clusternet.fieldforms.submissions import Imported, imported_rounds
from clusternet.fieldforms.summary import ImportSummary
from clusternet.messages import message
from clusternet.survey import Survey, SurveyError
from clusternet.survey.problems import ERROR, WARNING, Problem
from clusternet.survey.reading import RawSurvey, RawTable
from clusternet.survey.validation import build_survey

Reader = Callable[[bytes, str, list[Problem]], Answers | None]
PLATFORMS: dict[str, Reader] = {"kobo": read_kobo, "odk": read_odk}
"""The readers of exports, by the name the command line uses: KoboToolbox's XLSX, ODK Central's CSV zip."""

ROUND_IN_SURVEY = message("fieldform.problem.round_in_survey", 'the survey already holds round "{round}"')
ROUND_IN_SURVEY_FIX = message(
    "fieldform.problem.round_in_survey.fix",
    "to replace that round's ties and respondents with these, import again with --replace-round",
)
ROUND_REPLACED = message(
    "fieldform.problem.round_replaced",
    'the ties and respondents of round "{round}" were replaced by those of the export ({ties} tie rows before)',
)


@dataclass(frozen=True)
class ImportResult:
    """The imported survey (validated), the free-text partners to reconcile, the summary, and every
    warning met (the export's and the survey's)."""

    survey: Survey
    unmatched: pd.DataFrame
    summary: ImportSummary
    warnings: tuple[Problem, ...]


def detected_platform(data: bytes) -> str:
    """``odk`` for a zip of CSV files, else ``kobo`` (a workbook, or what its reader will explain)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "kobo"
    return "kobo" if "xl/workbook.xml" in names else "odk"


def import_export(
    platform: str,
    data: bytes,
    name: str,
    roster: Roster,
    *,
    into: Survey | None = None,
    round_label: str | None = None,
    replace_rounds: bool = False,
    survey_name: str = "survey.xlsx",
) -> ImportResult:
    """The survey of the export ``data`` (file ``name``) of ``platform`` on ``roster``, or ``into`` plus
    the export's rounds. Raises :class:`SurveyError` with every problem when it cannot be imported."""
    problems: list[Problem] = list(roster.warnings)
    answers = PLATFORMS[platform](data, name, problems)
    imported = None if answers is None else imported_rounds(answers, roster, problems, round_label)
    survey = None if imported is None else _survey(imported, roster, into, replace_rounds, survey_name, problems)
    if imported is None or survey is None:
        raise SurveyError(problems)
    warnings = tuple(problem for problem in problems if problem.severity == WARNING)
    return ImportResult(survey, imported.unmatched, imported.summary, warnings)


def _survey(
    imported: Imported,
    roster: Roster,
    into: Survey | None,
    replace_rounds: bool,
    name: str,
    problems: list[Problem],
) -> Survey | None:
    ties, respondents, rounds = imported.ties, imported.respondents, imported.rounds
    actors = roster.actors
    marks = roster.survey.attribute_privacy if roster.survey is not None else {}
    if into is not None:
        clashing = [label for label in rounds["round"] if label in into.round_labels]
        for label in clashing:
            if not replace_rounds:
                problems.append(
                    Problem(ERROR, name, None, None, label, ROUND_IN_SURVEY(round=label), ROUND_IN_SURVEY_FIX())
                )
                continue
            before = int((into.ties["round"] == label).sum())
            problems.append(Problem(WARNING, name, None, None, label, ROUND_REPLACED(round=label, ties=before)))
        if clashing and not replace_rounds:
            return None
        ties = pd.concat([into.ties.loc[~into.ties["round"].isin(clashing)], ties], ignore_index=True)
        respondents = pd.concat(
            [into.respondents.loc[~into.respondents["round"].isin(clashing)], respondents], ignore_index=True
        )
        rounds = pd.concat([into.rounds, rounds.loc[~rounds["round"].isin(clashing)]], ignore_index=True)
        new_actors = roster.actors.loc[~roster.actors["actor_id"].isin(set(into.actors["actor_id"]))]
        actors = pd.concat([into.actors, new_actors], ignore_index=True)
        marks = into.attribute_privacy
    tables = {"actors": actors, "ties": ties, "rounds": rounds, "respondents": respondents}
    if marks:
        tables["attributes"] = pd.DataFrame(list(marks.items()), columns=["attribute", "privacy"])
    raw = RawSurvey(
        name,
        "workbook",
        {sheet: _raw_table(f"{name}, sheet {sheet}", frame) for sheet, frame in tables.items()},
        {sheet: sheet for sheet in tables},
    )
    return build_survey(raw, problems)


def _raw_table(where: str, frame: pd.DataFrame) -> RawTable:
    """A table as the survey reader would give it: header on row 1, blank cells as None."""
    rows = tuple(
        (number, tuple(_cell(value) for value in values))
        for number, values in enumerate(frame.itertuples(index=False, name=None), start=2)
    )
    return RawTable(where, 1, tuple(str(column) for column in frame.columns), rows)


def _cell(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (date, datetime, str, int, float, bool)):
        return value
    return str(value)


def unmatched_csv(result: ImportResult) -> bytes:
    """``unmatched.csv``: ``round, respondent, text``, one row per free-text name, safe to open in a spreadsheet."""
    return table_csv(result.unmatched)
