"""Tables as CSV text that a spreadsheet opens as data, in any separator locale.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula (OWASP, "CSV Injection"): ``=HYPERLINK("http://x","click")`` as
a name would become a link, ``=cmd|' /C calc'!A0`` a command. Where the list separator is ``;``
(German, French, Spanish Excel), a spreadsheet opening a comma-separated file splits each line at
every ``;`` and line break, quoted or not, so a cell can also start after a ``;`` or a line break
inside a text. Hence, for every text cell and every column header:

- a formula start at the beginning of the text, or after a ``;`` or a line break in it (past any
  quotes), gets Excel's text marker ``'`` before it (:func:`neutralize_text`);
- a field holding ``,``, ``;``, a quote or a line break is quoted (quotes doubled), so that a reader
  given either separator, or both, keeps it whole (:func:`csv_text`).

Numbers stay numbers: ``-0.5`` is not touched. A lone surrogate, which UTF-8 cannot encode, is
written as its escape (``\\ud800``).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import numpy as np
import pandas as pd

from clusternet.sanitize.xml import escaped_character

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets."""

CELL_STARTS = re.compile('(^|[;\r\n])("*)(?=[=+\\-@\t\r])')
"""Where a spreadsheet may start a cell inside a text (its start, after a ``;`` or a line break,
past any quotes a reader would drop) followed by a formula start."""

SURROGATES = re.compile("[\ud800-\udfff]")

QUOTED = re.compile('[,;"\r\n]')
"""A field holding one of these is quoted: the separators of both locales, the quote, line breaks."""


def neutralize_text(text: str) -> str:
    """``text`` with ``'`` before every formula start at which a spreadsheet could begin a cell.

    >>> neutralize_text("=1+1"), neutralize_text("Weavers;=1+1"), neutralize_text("-5 % growth")
    ("'=1+1", "Weavers;'=1+1", "'-5 % growth")
    >>> neutralize_text("Weavers; North")
    'Weavers; North'
    """
    encodable = SURROGATES.sub(lambda match: escaped_character(match.group()), text)
    return CELL_STARTS.sub(r"\1'\2", encodable)


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column headers are neutralised (:func:`neutralize_text`).

    Survey text is untrusted: a name such as ``=HYPERLINK("http://x","click")`` must stay text.
    Numbers are left alone, so ``-0.5`` stays a number.
    """

    def guard(value: object) -> object:
        return neutralize_text(value) if isinstance(value, str) else value

    guarded: pd.DataFrame = frame.copy()
    for position in range(len(frame.columns)):
        series = frame.iloc[:, position]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            changed = _changed_texts(series)
            if changed is None:
                guarded.isetitem(position, series.map(guard, na_action="ignore").to_numpy())
            elif changed:
                cells = series.to_numpy(dtype=object)
                guarded.isetitem(position, np.array([_swap(cell, changed) for cell in cells], dtype=object))
    guarded.columns = pd.Index([guard(column) for column in frame.columns])
    return guarded


def _changed_texts(series: pd.Series[Any]) -> dict[str, str] | None:
    """The distinct texts of ``series`` that neutralising changes, each with its neutral form: each
    text is read once, as ids, kinds and rounds repeat down a long table. None when the cells are
    not all hashable (a list), to be guarded one by one."""
    try:
        distinct = series.dropna().unique()
    except TypeError:
        return None
    neutral = {text: neutralize_text(text) for text in distinct if isinstance(text, str)}
    return {text: shown for text, shown in neutral.items() if shown != text}


def _swap(cell: object, changed: dict[str, str]) -> object:
    return changed.get(cell, cell) if isinstance(cell, str) else cell


def _field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if QUOTED.search(text) else text


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as comma-separated text (no index, ``\\n`` line ends), neutralised and quoted as
    the module's docstring says; values are written as pandas writes them.

    >>> print(csv_text(pd.DataFrame({"name": ["=cmd", "A;B", "A, B"], "score": [-0.5, 1.0, None]})), end="")
    name,score
    '=cmd,-0.5
    "A;B",1.0
    "A, B",
    """
    written = neutralize_formulas(frame).to_csv(index=False, quoting=csv.QUOTE_ALL, lineterminator="\n")
    rows = csv.reader(io.StringIO(written, newline=""))
    return "".join(",".join(_field(field) for field in row) + "\n" for row in rows)
