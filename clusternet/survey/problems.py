"""Structured validation problems and the exception that carries them.

Every problem names where it is (file or sheet, the row as the user sees it with the header on
row 1, the column), the offending value, what is wrong and what to do, so that the command line
and the app can show all problems of a survey at once as one table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a survey file.

    An ``error`` stops the analysis; a ``warning`` lets it go on but the user should know
    (for example, a repeated tie row that was counted once).
    """

    severity: Severity
    where: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        location = self.where
        if self.row is not None:
            location += f", row {self.row}"
        if self.column is not None:
            location += f', column "{self.column}"'
        text = f"{location}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text


def problems_table(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as a table (one row each) for the app and for printing."""
    columns = ["severity", "where", "row", "column", "value", "message", "fix"]
    table = pd.DataFrame([asdict(problem) for problem in problems], columns=columns)
    table["row"] = table["row"].astype("Int64")
    return table


def format_problems(problems: Iterable[Problem]) -> str:
    """Problems as a plain-text table, errors first: where, row, column, value, then what to do."""
    problems = sorted(problems, key=lambda problem: problem.severity != ERROR)
    rows = [("", "where", "row", "column", "value", "problem")] + [
        (
            problem.severity.upper(),
            problem.where,
            "" if problem.row is None else str(problem.row),
            problem.column or "",
            _shortened(problem.value or ""),
            _sentence(problem.message) + (" " + _sentence(problem.fix) if problem.fix else ""),
        )
        for problem in problems
    ]
    widths = [max(len(row[index]) for row in rows) for index in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths)) + "  " + row[5] for row in rows
    )


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _shortened(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SurveyError(Exception):
    """A survey that cannot be analysed, with every problem found in it (errors and warnings)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        errors = sum(problem.severity == ERROR for problem in self.problems)
        super().__init__(
            f"the survey has {errors} error{'s' if errors != 1 else ''}:\n" + format_problems(self.problems)
        )

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == WARNING)

    def table(self) -> pd.DataFrame:
        return problems_table(self.problems)
