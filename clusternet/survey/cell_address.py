"""Spreadsheet cell addresses: column letters and references such as ``B7`` or ``$AB$12``."""

from __future__ import annotations

import re
from functools import lru_cache

CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
"""A cell reference as a worksheet writes it: one to three column letters, then the row number."""


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 -> A, 27 -> AB).

    >>> column_letter(0), column_letter(27), column_letter(999)
    ('A', 'AB', 'ALL')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@lru_cache(maxsize=4096)  # a sheet names the same few columns on every row
def column_index(letters: str) -> int:
    """0-based index of a column's letters (A -> 0, AB -> 27), the inverse of :func:`column_letter`.

    >>> column_index("A"), column_index("ab"), column_index("XFD")
    (0, 27, 16383)
    """
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def cell_position(reference: str) -> tuple[int, int] | None:
    """(row number, 0-based column index) of a reference such as ``B7``; None if it is not one.

    >>> cell_position("B7"), cell_position("$AB$12"), cell_position("A0"), cell_position("7B")
    ((7, 1), (12, 27), None, None)
    """
    match = CELL_REFERENCE.fullmatch(reference)
    if match is None:
        return None
    letters, digits = match.groups()
    row = int(digits)
    return None if row == 0 else (row, column_index(letters))
