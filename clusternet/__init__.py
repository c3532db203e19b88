"""clusternet: trust, linkages and brokerage gaps in an industrial cluster.

The names below are imported when first used (PEP 562), so that ``import clusternet`` (and with it
every ``clusternet`` command's start) does not pay for pandas before a survey is read.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clusternet.survey import Problem, Survey, SurveyError, load_survey

__all__ = ["Problem", "Survey", "SurveyError", "load_survey"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module("clusternet.survey"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
