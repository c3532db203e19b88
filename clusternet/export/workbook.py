"""Every table of a selection in one Excel workbook: actors, network, gaps, ties, KPIs, tie changes.

- One sheet per table, with readable headers (``trust_received_n`` becomes "Trust received
  (ratings)"), the header row frozen and filterable; an "About" sheet says what was analysed and
  what each sheet holds.
- Numbers are stored as numbers (blank cells where a value is missing), booleans as booleans.
- Survey text is always stored as text, never as a formula: a cell is written with the string
  type, and text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return) is also marked with Excel's "quote prefix", so that it stays text
  even when someone edits the cell. Characters that XML cannot hold are dropped.
- The workbook's properties name "clusternet" as creator and carry the title (with codes when
  anonymised), nothing else.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime
from importlib import metadata

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from clusternet.export.graph_files import edge_list_table
from clusternet.export.tables import FORMULA_PREFIXES
from clusternet.export.view import ExportView

HEADERS = {
    "actor_id": "Actor id",
    "betweenness_norm": "Betweenness (share of pairs)",
    "ei_index": "E-I index",
    "kpi": "KPI",
    "from_value": "From",
    "to_value": "To",
    "low": "Interval low",
    "high": "Interval high",
    "trust_from": "Trust before",
    "trust_to": "Trust after",
    "in_panel": "In the panel",
    "respondent": "Answered this round",
    "community": "Community",
    "map_x": "Map x",
}
"""Headers that the general rule (underscores to spaces, first letter capital) would not make readable."""

SHEET_DESCRIPTIONS = {
    "Actors": "every measure per actor (as actors.csv of clusternet analyze)",
    "Network": "whole-network measures (as network.csv)",
    "Gaps": "where facilitation should go next, most important first (as gaps.csv)",
    "Ties": "the ties of the selection, one row per tie (as the edge list CSV)",
    "KPIs": "the KPIs of the compared rounds with change and interval (as kpis.csv of clusternet compare)",
    "KPI series": "every KPI in every round",
    "Tie changes": "every reported tie of the compared rounds as new, dropped or kept (as tie_changes.csv)",
}

_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_TEXT = 32767
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")


def readable_header(column: object) -> str:
    """A column name as a person reads it.

    >>> readable_header("trust_received_n"), readable_header("gatekeeper_z"), readable_header("kpi")
    ('Trust received (ratings)', 'Gatekeeper (z-score)', 'KPI')
    """
    name = str(column)
    if name in HEADERS:
        return HEADERS[name]
    suffix = ""
    for ending, meaning in (("_n", " (ratings)"), ("_z", " (z-score)")):
        if name.endswith(ending):
            name, suffix = name[: -len(ending)], meaning
    words = name.replace("_", " ").strip()
    return (words[:1].upper() + words[1:] + suffix) if words else name


def _cell_value(value: object) -> object:
    """A value openpyxl stores as the right type: numbers, booleans, dates, text; None when missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bool, int, float, datetime, date)):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(map(str, value))
    return str(value)


def text_cell(sheet, text: str) -> WriteOnlyCell:
    """A cell that holds ``text`` as text, whatever it starts with."""
    text = _ILLEGAL_CHARACTERS.sub("", text)
    if len(text) > _MAX_TEXT:
        text = text[: _MAX_TEXT - 1] + "…"
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _cell(sheet, value: object, number_format: str | None) -> WriteOnlyCell:
    value = _cell_value(value)
    if isinstance(value, str):
        return text_cell(sheet, value)
    cell = WriteOnlyCell(sheet, value=value)
    if number_format and isinstance(value, float):
        cell.number_format = number_format
    return cell


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = text_cell(sheet, text)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _width(values: list[str], header: str) -> float:
    longest = max([len(header) * 0.8] + [len(value) for value in values[:200]])
    return min(max(longest + 2, 8), 60)


def add_table_sheet(workbook: Workbook, title: str, table: pd.DataFrame, verbatim: tuple = ()) -> None:
    """A sheet holding ``table``: readable bold header, frozen and filterable, sensible widths.

    Columns named in ``verbatim`` (round labels, say) keep their name as the header.
    """
    sheet = workbook.create_sheet(title)
    headers = [str(column) if column in verbatim else readable_header(column) for column in table.columns]
    for index, (column, header) in enumerate(zip(table.columns, headers), start=1):
        sample = [str(value) for value in table[column].head(200) if _cell_value(value) is not None]
        sheet.column_dimensions[get_column_letter(index)].width = _width(sample, header)
    sheet.freeze_panes = "A2"
    if len(table.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table) + 1}"
    sheet.append([_header_cell(sheet, header) for header in headers])
    formats = ["0.000" if pd.api.types.is_float_dtype(table[column]) else None for column in table.columns]
    for row in table.itertuples(index=False, name=None):
        sheet.append([_cell(sheet, value, number_format) for value, number_format in zip(row, formats)])


def _about_rows(view: ExportView, sheets: list[str]) -> list[tuple[str, str]]:
    selection = view.selection
    try:
        version = metadata.version("clusternet")
    except metadata.PackageNotFoundError:
        version = ""
    rows = [("Title", view.scrub(view.title))]
    if view.source_name:
        rows.append(("Survey", view.source_name))
    rows += [
        ("Round", str(selection.round)),
        ("Relations", ", ".join(selection.relations) if selection.relations else "all"),
        ("Ties", selection.ties),
        ("Minimum trust", "" if selection.min_trust is None else str(selection.min_trust)),
        ("Groups (brokerage, E-I index)", selection.group_by),
    ]
    if view.compared_rounds:
        rows.append(("Rounds compared", " → ".join(view.compared_rounds)))
    if view.comparison_problem:
        rows.append(("Comparison", view.comparison_problem))
    if view.anonymized:
        rows.append(
            (
                "Anonymised",
                "names and ids replaced by codes, free-text attributes left out, trust means "
                f"of fewer than {view.min_ratings} ratings blank",
            )
        )
    rows += [("Note", note) for note in view.notes]
    rows += [(f"Sheet {name}", SHEET_DESCRIPTIONS.get(name, "")) for name in sheets]
    rows.append(("Made with", f"clusternet {version}".strip()))
    return rows


def tables_workbook(view: ExportView) -> bytes:
    """Every table of the view as an ``.xlsx`` file's bytes (see the module's docstring)."""
    tables = {
        "Actors": view.actors_table(),
        "Network": view.network_table(),
        "Gaps": view.gaps_table(),
        "Ties": edge_list_table(view),
    }
    if view.kpi_table() is not None:
        tables["KPIs"] = view.kpi_table()
    if view.kpi_series is not None and len(view.survey.round_labels) > 1:
        tables["KPI series"] = view.kpi_series
    if view.tie_changes_table() is not None:
        tables["Tie changes"] = view.tie_changes_table()

    workbook = Workbook(write_only=True)
    about = workbook.create_sheet("About")
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 110
    for name, value in _about_rows(view, list(tables)):
        label = text_cell(about, name)
        label.font = _HEADER_FONT
        about.append([label, text_cell(about, value)])
    for name, table in tables.items():
        add_table_sheet(workbook, name, table, verbatim=tuple(view.survey.round_labels))

    properties = workbook.properties
    properties.creator = "clusternet"
    properties.lastModifiedBy = None
    properties.title = view.scrub(view.title)
    properties.description = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
