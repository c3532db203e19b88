"""Structured validation problems and the exception that carries them.

Every problem names where it is (file or sheet, the row as the user sees it with the header on
row 1, the column), the offending value, what is wrong and what to do, so that the command line
and the app can show all problems of a survey at once as one table. What is wrong and what to do
are :class:`~clusternet.messages.Message` values, rendered for a language by the caller; the
location and the value are the survey's own text and stay as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from clusternet.messages import ENGLISH, Message, Renderer, message, plural_message
from clusternet.sanitize.terminal import terminal_text

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"

AT = message("problem.location", "{where}")
AT_ROW = message("problem.location.row", "{where}, row {row}")
AT_COLUMN = message("problem.location.column", '{where}, column "{column}"')
AT_ROW_COLUMN = message("problem.location.row_column", '{where}, row {row}, column "{column}"')
STATED = message("problem.text", "{location}: {message}")
STATED_WITH_FIX = message("problem.text.with_fix", "{location}: {message} ({fix})")

SEVERITY_LABELS = {
    ERROR: message("problem.severity.error", "ERROR"),
    WARNING: message("problem.severity.warning", "WARNING"),
}
TABLE_HEADERS = (
    message("problem.table.where", "where"),
    message("problem.table.row", "row"),
    message("problem.table.column", "column"),
    message("problem.table.value", "value"),
    message("problem.table.problem", "problem"),
)
SURVEY_REFUSED = plural_message(
    "problem.survey_error", "the survey has {count} error:", "the survey has {count} errors:", count="count"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a survey file.

    An ``error`` stops the analysis; a ``warning`` lets it go on but the user should know
    (for example, a repeated tie row that was counted once). ``message`` says what is wrong and
    ``fix`` what to do (None when there is nothing to do).
    """

    severity: Severity
    where: str
    row: int | None
    column: str | None
    value: str | None
    message: Message
    fix: Message | None = None

    def location(self) -> Message:
        """Where the problem is: the file or sheet, then the row and the column when known."""
        if self.row is None:
            return AT(where=self.where) if self.column is None else AT_COLUMN(where=self.where, column=self.column)
        if self.column is None:
            return AT_ROW(where=self.where, row=self.row)
        return AT_ROW_COLUMN(where=self.where, row=self.row, column=self.column)

    def text(self) -> Message:
        """The whole problem as one message: location, what is wrong, and what to do in brackets."""
        if self.fix is None:
            return STATED(location=self.location(), message=self.message)
        return STATED_WITH_FIX(location=self.location(), message=self.message, fix=self.fix)

    def __str__(self) -> str:
        return ENGLISH.render(self.text())


def problems_table(problems: Iterable[Problem], renderer: Renderer = ENGLISH) -> pd.DataFrame:
    """Problems as a table (one row each) for the app and for printing, ``message`` and ``fix``
    rendered by ``renderer`` (a blank ``fix`` when there is nothing to do)."""
    columns = ["severity", "where", "row", "column", "value", "message", "fix"]
    rows = [
        (
            problem.severity,
            problem.where,
            problem.row,
            problem.column,
            problem.value,
            renderer.render(problem.message),
            "" if problem.fix is None else renderer.render(problem.fix),
        )
        for problem in problems
    ]
    table = pd.DataFrame(rows, columns=columns)
    table["row"] = table["row"].astype("Int64")
    return table


def format_problems(problems: Iterable[Problem], renderer: Renderer = ENGLISH) -> str:
    """Problems as a plain-text table, errors first: where, row, column, value, then what to do.

    Every field goes through :func:`~clusternet.sanitize.terminal.terminal_text` before the columns are
    measured: the location, the column and the value are the survey's own text, and the sentences quote
    it, so a control character, an escape sequence or a line break in a file cannot act on the terminal,
    start a line of its own or shift the columns; the table's own line breaks stay.
    """
    problems = sorted(problems, key=lambda problem: problem.severity != ERROR)
    rows = [("", *(renderer.render(header()) for header in TABLE_HEADERS))] + [
        (
            renderer.render(SEVERITY_LABELS[problem.severity]()),
            problem.where,
            "" if problem.row is None else str(problem.row),
            problem.column or "",
            _shortened(terminal_text(problem.value or "")),
            _sentence(renderer.render(problem.message))
            + ("" if problem.fix is None else " " + _sentence(renderer.render(problem.fix))),
        )
        for problem in problems
    ]
    shown = [tuple(terminal_text(cell) for cell in row) for row in rows]
    widths = [max(len(row[index]) for row in shown) for index in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths)) + "  " + row[5] for row in shown
    )


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _shortened(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Refusal(Exception):
    """A problem that ends the reading of a file or sheet (a limit reached, a damaged part): raised by a
    reader deep in a file, added to the problems by whoever reads the file."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


class SurveyError(Exception):
    """A survey that cannot be analysed, with every problem found in it (errors and warnings).

    ``str(error)`` is English (for logs and tracebacks); the app and the command line render
    ``problems`` for their reader with :func:`format_problems` or :func:`problems_table`.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        errors = sum(problem.severity == ERROR for problem in self.problems)
        super().__init__(ENGLISH.render(SURVEY_REFUSED(count=errors)) + "\n" + format_problems(self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == WARNING)

    def table(self, renderer: Renderer = ENGLISH) -> pd.DataFrame:
        return problems_table(self.problems, renderer)
