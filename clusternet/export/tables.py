"""Tables as CSV files that open safely in a spreadsheet, in any separator locale.

Every CSV of clusternet (the command line's tables, the edge list, the app's downloads) is
:func:`table_csv` of a table: formula starts neutralised in every text cell and header, fields
holding either locale's separator quoted (:mod:`clusternet.sanitize.csv`).
"""

from __future__ import annotations

import pandas as pd

from clusternet.sanitize.csv import FORMULA_PREFIXES, csv_text, neutralize_formulas

__all__ = ["FORMULA_PREFIXES", "neutralize_formulas", "table_csv"]


def table_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as the UTF-8 CSV file clusternet writes (no index; see the module's docstring).

    >>> table_csv(pd.DataFrame({"actor_id": ["W01"], "name": ["=HYPERLINK(1)"], "ei_index": [-0.5]}))
    b"actor_id,name,ei_index\\nW01,'=HYPERLINK(1),-0.5\\n"
    """
    return csv_text(frame).encode("utf-8")
