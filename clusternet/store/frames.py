"""A survey table as rows of its store table, and back, with every column in order and of its dtype.

The format's columns of a table (``source``, ``trust``, ...) go to the store table's own columns;
the others (actor attributes, further tie columns, a logframe's ``value_<round>``) to its JSON
column, cell by cell as :mod:`clusternet.store.values` encodes them. ``survey_columns`` keeps the
table's columns with their dtypes, and :func:`table_frame` rebuilds exactly the frame
:func:`table_rows` was given: the same columns in the same order, the same dtypes, the same values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import sqlalchemy as sa

from clusternet.store.tables import EXTRA_COLUMN, SHEET_TABLES
from clusternet.store.values import column, database_value, decode, dtype_name, encode

_KEYS = ("cluster_id", "position")


def extra_column(sheet: str) -> str:
    """The JSON column of the sheet's columns beyond the format."""
    return EXTRA_COLUMN.get(sheet, "extra")


def format_columns(sheet: str) -> list[str]:
    """The columns of the sheet that have a column of their own in the store."""
    table: sa.Table = SHEET_TABLES[sheet]
    return [item.name for item in table.columns if item.name not in (*_KEYS, extra_column(sheet))]


def column_rows(sheet: str, frame: pd.DataFrame, cluster_id: int) -> list[dict[str, Any]]:
    """The rows of ``survey_columns`` for one table: its columns in order, with their dtypes."""
    return [
        {"cluster_id": cluster_id, "sheet": sheet, "position": position, "name": str(name), "dtype": dtype_name(dtype)}
        for position, (name, dtype) in enumerate(frame.dtypes.items())
    ]


def table_rows(sheet: str, frame: pd.DataFrame, cluster_id: int) -> list[dict[str, Any]]:
    """The rows of the sheet's store table holding ``frame``, in the frame's order."""
    own = format_columns(sheet)
    values = {name: [database_value(value) for value in frame[name].tolist()] for name in own if name in frame}
    extras = [name for name in frame.columns if name not in own]
    encoded = {str(name): [encode(value) for value in frame[name].tolist()] for name in extras}
    rows = []
    for position in range(len(frame)):
        row: dict[str, Any] = {"cluster_id": cluster_id, "position": position}
        row.update({name: values[name][position] if name in values else None for name in own})
        row[extra_column(sheet)] = json.dumps(
            {name: cells[position] for name, cells in encoded.items()}, ensure_ascii=False
        )
        rows.append(row)
    return rows


def table_frame(sheet: str, columns: Sequence[tuple[str, str]], rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The frame that :func:`table_rows` stored as ``rows``, its ``columns`` (name, dtype) as
    ``survey_columns`` kept them."""
    own = set(format_columns(sheet))
    extras = [json.loads(row[extra_column(sheet)]) for row in rows]
    data = {}
    for name, dtype in columns:
        cells = [row[name] for row in rows] if name in own else [decode(extra[name]) for extra in extras]
        data[name] = column(cells, dtype)
    return pd.DataFrame(data, columns=[name for name, _dtype in columns])
