"""Read single cell values as ids, labels, trust ratings, weights, dates and attributes.

Each reader accepts what a workbook holds (numbers, text, dates) and what a CSV file holds
(always text), so that the same survey gives the same values in both forms. Readers return the
value and, when the cell cannot be read, the reason as a message for the problem table.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

from clusternet.constants import TRUST_LABELS, TRUST_MAX, TRUST_MIN
from clusternet.messages import Message, Param, message
from clusternet.survey.schema import canonical_name

INTEGRAL_DECIMAL = re.compile(r"^[+-]?\d+\.0*$")

TRUST_NOT_A_NUMBER = message(
    "problem.trust.not_a_number", '"{value}" is not a number on the trust scale {lowest}-{highest}'
)
TRUST_NOT_WHOLE = message(
    "problem.trust.not_whole", "{value} is not a whole number on the trust scale {lowest}-{highest}"
)
TRUST_OUTSIDE_SCALE = message("problem.trust.outside_scale", "{value} is outside the trust scale {lowest}-{highest}")
TRUST_SCALE_FIX = message(
    "problem.trust.fix",
    "use {lowest} = {lowest_label} ... {highest} = {highest_label}, or leave blank if not asked",
)
TRUST_SCALE_HINT = TRUST_SCALE_FIX(
    lowest=TRUST_MIN,
    lowest_label=TRUST_LABELS[TRUST_MIN](),
    highest=TRUST_MAX,
    highest_label=TRUST_LABELS[TRUST_MAX](),
)
"""What to do about a trust cell that is not a rating: the scale with the meaning of its ends."""
WEIGHT_NOT_A_NUMBER = message(
    "problem.weight.not_a_number", '"{value}" is not a number (write decimals with a point: 2.5)'
)
WEIGHT_NEGATIVE = message("problem.weight.negative", "{value} is negative")
DATE_INVALID = message("problem.date.invalid", '"{value}" is not a date')

Result = TypeVar("Result")


def is_blank(value: object) -> bool:
    """True for an empty cell: nothing, only spaces, or a float NaN."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def display(value: object) -> str:
    """A cell value as the user typed it, for problem messages."""
    return "" if value is None else str(value)


def as_text(value: object) -> str:
    """A cell as text: whole numbers without ``.0``, dates as ``YYYY-MM-DD``, text stripped."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def as_id(value: object) -> tuple[str | None, bool]:
    """An actor or round id, and whether surrounding spaces had to be stripped.

    ``7``, ``7.0`` and ``"7"`` are the same id ``"7"``; text such as ``"007"`` is kept as written.
    """
    if is_blank(value):
        return None, False
    text = as_text(value)
    had_spaces = isinstance(value, str) and value != value.strip()
    if INTEGRAL_DECIMAL.match(text):
        text = text.split(".")[0]
    return text, had_spaces


def as_label(value: object) -> str | None:
    """A type or relation label, compared in lower case with spaces, ``-`` and ``_`` unified."""
    return None if is_blank(value) else canonical_name(as_text(value))


def as_number(value: object) -> float | None:
    """A number from a numeric cell or from text with a decimal point; None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def as_trust(value: object) -> tuple[int | None, Message | None]:
    """A trust rating, a whole number on the scale; returns (rating, reason it is invalid)."""
    if is_blank(value):
        return None, None
    number = as_number(value)
    scale: dict[str, Param] = {"value": display(value), "lowest": TRUST_MIN, "highest": TRUST_MAX}
    if number is None or not math.isfinite(number):
        return None, TRUST_NOT_A_NUMBER(**scale)
    if not number.is_integer():
        return None, TRUST_NOT_WHOLE(**scale)
    if not TRUST_MIN <= number <= TRUST_MAX:
        return None, TRUST_OUTSIDE_SCALE(**scale)
    return int(number), None


def as_weight(value: object) -> tuple[float | None, Message | None]:
    """A tie weight, a number >= 0 (blank means 1); returns (weight, reason it is invalid).

    A weight of 0 is a valid weight: the tie was reported and counts as a tie; the weight only
    scales its strength (docs/survey-format.md).
    """
    if is_blank(value):
        return 1.0, None
    number = as_number(value)
    if number is None or not math.isfinite(number):
        return None, WEIGHT_NOT_A_NUMBER(value=display(value))
    if number < 0:
        return None, WEIGHT_NEGATIVE(value=display(value))
    return number, None


def as_date(value: object) -> tuple[dt.date | None, Message | None]:
    """A round date from a date cell or ISO text ``YYYY-MM-DD``; returns (date, reason invalid)."""
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date(), None
        except ValueError:
            pass
    return None, DATE_INVALID(value=display(value))


def as_attribute_column(values: list[object]) -> pd.Series[Any]:
    """An attribute column: numbers as numbers when every filled cell is a number, else text."""
    blank = read_each(values, is_blank)
    numbers = read_each(values, as_number)
    filled = [number for number, empty in zip(numbers, blank) if not empty]
    finite = [number for number in filled if number is not None and math.isfinite(number)]
    if filled and len(finite) == len(filled):
        converted = pd.Series(numbers, dtype=float)
        # whole numbers become Int64 unless one is beyond its range (an id typed as a number)
        whole = all(number.is_integer() and abs(number) < 2**63 for number in finite)
        return converted.astype("Int64") if whole else converted
    texts = read_each(values, as_text)
    return pd.Series([None if empty else text for text, empty in zip(texts, blank)], dtype=object)


def read_each(cells: list[object], reader: Callable[[object], Result]) -> list[Result]:
    """``reader(cell)`` for every cell, computed once per distinct cell.

    A survey of half a million tie rows holds a few thousand distinct ids and a handful of rounds,
    relations and ratings: reading each distinct cell once makes validation several times faster,
    with the same result.
    """
    known: dict[tuple[type, object], Result] = {}
    results: list[Result] = []
    for cell in cells:
        key = (cell.__class__, cell)  # 1, 1.0 and True are equal keys but different cells
        try:
            results.append(known[key])
        except KeyError:
            results.append(known.setdefault(key, reader(cell)))
    return results
