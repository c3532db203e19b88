"""Tables as CSV files that open safely in a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from clusternet.export.writing import write_atomically

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets."""


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells that a spreadsheet would run as a formula start with ``'``.

    Survey text is untrusted: a name such as ``=HYPERLINK("http://x","click")`` must stay text
    (OWASP, "CSV Injection"). Numbers are left alone, so ``-0.5`` stays a number.
    """

    def guard(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            return "'" + value
        return value

    text_columns = [
        column
        for column in frame.columns
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column])
    ]
    guarded: pd.DataFrame = frame.copy()
    for column in text_columns:
        guarded[column] = frame[column].map(guard, na_action="ignore")
    return guarded


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as UTF-8 CSV (no index), formula-safe and atomically."""
    write_atomically(path, neutralize_formulas(frame).to_csv(index=False).encode("utf-8"))
