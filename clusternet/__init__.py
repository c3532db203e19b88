"""clusternet: trust, linkages and brokerage gaps in an industrial cluster."""

from clusternet.survey import Problem, Survey, SurveyError, load_survey

__all__ = ["Problem", "Survey", "SurveyError", "load_survey"]
__version__ = "0.1.0"
