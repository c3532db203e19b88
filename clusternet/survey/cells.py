"""Read single cell values as ids, labels, trust ratings, weights, dates and attributes.

Each reader accepts what a workbook holds (numbers, text, dates) and what a CSV file holds
(always text), so that the same survey gives the same values in both forms. Readers return the
value and, when the cell cannot be read, the reason in words for the problem table.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from clusternet.constants import TRUST_LABELS, TRUST_MAX, TRUST_MIN
from clusternet.survey.schema import canonical_name

INTEGRAL_DECIMAL = re.compile(r"^[+-]?\d+\.0*$")
TRUST_SCALE_HINT = (
    f"use {TRUST_MIN} = {TRUST_LABELS[TRUST_MIN]} ... {TRUST_MAX} = {TRUST_LABELS[TRUST_MAX]}, "
    "or leave blank if not asked"
)


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


def as_trust(value: object) -> tuple[int | None, str | None]:
    """A trust rating, a whole number on the scale; returns (rating, reason it is invalid)."""
    if is_blank(value):
        return None, None
    number = as_number(value)
    if number is None or not math.isfinite(number):
        return None, f'"{display(value)}" is not a number on the trust scale {TRUST_MIN}-{TRUST_MAX}'
    if not number.is_integer():
        return None, f"{display(value)} is not a whole number on the trust scale {TRUST_MIN}-{TRUST_MAX}"
    if not TRUST_MIN <= number <= TRUST_MAX:
        return None, f"{display(value)} is outside the trust scale {TRUST_MIN}-{TRUST_MAX}"
    return int(number), None


def as_weight(value: object) -> tuple[float | None, str | None]:
    """A tie weight, a number >= 0 (blank means 1); returns (weight, reason it is invalid)."""
    if is_blank(value):
        return 1.0, None
    number = as_number(value)
    if number is None or not math.isfinite(number):
        return None, f'"{display(value)}" is not a number (write decimals with a point: 2.5)'
    if number < 0:
        return None, f"{display(value)} is negative"
    return number, None


def as_date(value: object) -> tuple[dt.date | None, str | None]:
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
    return None, f'"{display(value)}" is not a date'


def as_attribute_column(values: list[object]) -> pd.Series:
    """An attribute column: numbers as numbers when every filled cell is a number, else text."""
    blank = read_each(values, is_blank)
    numbers = read_each(values, as_number)
    filled = [number for number, empty in zip(numbers, blank) if not empty]
    if filled and all(number is not None and math.isfinite(number) for number in filled):
        converted = pd.Series(numbers, dtype=float)
        # whole numbers become Int64 unless one is beyond its range (an id typed as a number)
        whole = all(number.is_integer() and abs(number) < 2**63 for number in filled)
        return converted.astype("Int64") if whole else converted
    texts = read_each(values, as_text)
    return pd.Series([None if empty else text for text, empty in zip(texts, blank)], dtype=object)


_UNREAD = object()


def read_each(cells: list[object], reader) -> list:
    """``reader(cell)`` for every cell, computed once per distinct cell.

    A survey of half a million tie rows holds a few thousand distinct ids and a handful of rounds,
    relations and ratings: reading each distinct cell once makes validation several times faster,
    with the same result.
    """
    known: dict = {}
    results = []
    for cell in cells:
        key = (cell.__class__, cell)  # 1, 1.0 and True are equal keys but different cells
        result = known.get(key, _UNREAD)
        if result is _UNREAD:
            result = known[key] = reader(cell)
        results.append(result)
    return results
