"""Survey values as the store keeps them, and back, unchanged.

A survey's columns beyond the format hold anything a field team typed: text, whole numbers,
decimals, dates, yes/no, blanks, in any mix. The store keeps such a cell as JSON (:func:`encode`),
tagging what JSON has no word for, so that :func:`decode` gives back the very value: ``7`` stays an
int and ``7.0`` a float, a blank stays ``None``, ``NaN`` or ``pd.NA`` as it was. A column's pandas
dtype is kept by name (:func:`dtype_name`) and restored by :func:`column`: ``Int64`` trust,
``float64`` weights, ``str`` ids, ``object`` mixes.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

_TAG = "~"
"""The key of a tagged value: ``{"~": "NA"}``, ``{"~": "NaT"}``, ``{"~": "timestamp", "v": "..."}``."""


def encode(value: object) -> Any:
    """A cell as a JSON value that :func:`decode` turns back into the same value."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if value is pd.NA:
        return {_TAG: "NA"}
    if value is pd.NaT:
        return {_TAG: "NaT"}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else {_TAG: "float", "v": repr(number)}
    if isinstance(value, pd.Timestamp):
        return {_TAG: "timestamp", "v": value.isoformat()}
    if isinstance(value, datetime.datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, datetime.date):
        return {_TAG: "date", "v": value.isoformat()}
    return {_TAG: "text", "v": str(value)}


def decode(value: Any) -> object:
    """The cell :func:`encode` was given."""
    if not isinstance(value, dict):
        return value
    kind = value[_TAG]
    if kind == "NA":
        return pd.NA
    if kind == "NaT":
        return pd.NaT
    if kind == "float":
        return float(value["v"])
    if kind == "timestamp":
        return pd.Timestamp(value["v"])
    if kind == "datetime":
        return datetime.datetime.fromisoformat(value["v"])
    if kind == "date":
        return datetime.date.fromisoformat(value["v"])
    return str(value["v"])


def dtype_name(dtype: object) -> str:
    """The name a column's dtype is kept by (``"Int64"``, ``"float64"``, ``"str"``, ``"object"``)."""
    return str(dtype)


def database_value(value: object) -> object:
    """A cell of one of the format's columns as the database driver takes it (blanks as NULL)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value


def column(values: Sequence[object], dtype: str) -> pd.Series[Any]:
    """A column of the given dtype name holding ``values`` (``object`` columns keep every value as it is)."""
    cells = pd.Series(list(values), dtype=object)
    return cells if dtype == "object" else cells.astype(pd.api.types.pandas_dtype(dtype))
