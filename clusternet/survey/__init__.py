"""Read, validate and hold cluster surveys (the format of docs/survey-format.md).

The names below are imported when first used (PEP 562): a module that needs only, say, the
problems of a survey does not import pandas' readers with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clusternet.survey.loading import load_survey, load_survey_csv_files, load_survey_workbook
    from clusternet.survey.model import SelectionError, Survey
    from clusternet.survey.problems import Problem, SurveyError

_MODULES = {
    "Problem": "problems",
    "SelectionError": "model",
    "Survey": "model",
    "SurveyError": "problems",
    "load_survey": "loading",
    "load_survey_csv_files": "loading",
    "load_survey_workbook": "loading",
}

__all__ = [
    "Problem",
    "SelectionError",
    "Survey",
    "SurveyError",
    "load_survey",
    "load_survey_csv_files",
    "load_survey_workbook",
]


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
