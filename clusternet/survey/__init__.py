"""Read, validate and hold cluster surveys (the format of docs/survey-format.md)."""

from clusternet.survey.loading import load_survey, load_survey_csv_files, load_survey_workbook
from clusternet.survey.model import SelectionError, Survey
from clusternet.survey.problems import Problem, SurveyError

__all__ = [
    "Problem",
    "SelectionError",
    "Survey",
    "SurveyError",
    "load_survey",
    "load_survey_csv_files",
    "load_survey_workbook",
]
