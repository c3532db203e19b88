"""Every table of a selection in one Excel workbook: actors, network, gaps, ties, KPIs, tie changes.

- One sheet per table, with readable headers (``trust_received_n`` becomes "Trust received
  (ratings)"), the header row frozen and filterable; an "About" sheet says what was analysed and
  what each sheet holds.
- Numbers are stored as numbers (blank cells where a value is missing), booleans as booleans.
- Anonymised, no sheet holds a single rating: the Ties sheet is the anonymised edge list (no
  ``trust``) and the Tie changes sheet has no ``trust_from``, ``trust_to`` or ``trust_change``
  (the view leaves them out: :data:`clusternet.view.TIE_RATINGS`); trust is published only as
  aggregates (the Actors sheet's, blank below k ratings).
- Survey text is always stored as text, never as a formula: a cell is written with the string
  type, and text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return) is also marked with Excel's "quote prefix", so that it stays text
  even when someone edits the cell. Characters that XML cannot hold are written as their escape
  (:func:`~clusternet.sanitize.xml.xml_text`), so that every part of the file parses.
- The workbook's properties name "clusternet" as creator and carry the title (with codes when
  anonymised), nothing else.
- Sheet names, headers and the "About" sheet are messages written by the view (``view.text``), as
  is the ``meaning`` of each KPI; the data (ids, codes, numbers, column names of survey text) stay
  as they are.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from datetime import date, datetime
from importlib import metadata

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from clusternet.export.graph_files import edge_list_table
from clusternet.messages import ENGLISH, Message, Template, message
from clusternet.sanitize.csv import FORMULA_PREFIXES
from clusternet.sanitize.xml import xml_text
from clusternet.view import View
from clusternet.viz.styles import Render

HEADERS = {
    "actor_id": message("workbook.header.actor_id", "Actor id"),
    "betweenness_norm": message("workbook.header.betweenness_norm", "Betweenness (share of pairs)"),
    "ei_index": message("workbook.header.ei_index", "E-I index"),
    "kpi": message("workbook.header.kpi", "KPI"),
    "from_value": message("workbook.header.from_value", "From"),
    "to_value": message("workbook.header.to_value", "To"),
    "low": message("workbook.header.low", "Interval low"),
    "high": message("workbook.header.high", "Interval high"),
    "trust_from": message("workbook.header.trust_from", "Trust before"),
    "trust_to": message("workbook.header.trust_to", "Trust after"),
    "in_panel": message("workbook.header.in_panel", "In the panel"),
    "respondent": message("workbook.header.respondent", "Answered this round"),
    "community": message("workbook.header.community", "Community"),
    "map_x": message("workbook.header.map_x", "Map x"),
}
"""Headers that the general rule (underscores to spaces, first letter capital) would not make readable."""

HEADER_SUFFIXES = (
    ("_n", message("workbook.header.ratings", "{column} (ratings)")),
    ("_z", message("workbook.header.z_score", "{column} (z-score)")),
)
"""Column name endings and the header they give: ``trust_received_n`` is "Trust received (ratings)"."""

SHEETS = {
    "About": message("workbook.sheet.about", "About"),
    "Actors": message("workbook.sheet.actors", "Actors"),
    "Network": message("workbook.sheet.network", "Network"),
    "Gaps": message("workbook.sheet.gaps", "Gaps"),
    "Ties": message("workbook.sheet.ties", "Ties"),
    "KPIs": message("workbook.sheet.kpis", "KPIs"),
    "KPI series": message("workbook.sheet.kpi_series", "KPI series"),
    "Tie changes": message("workbook.sheet.tie_changes", "Tie changes"),
    "Logframe": message("workbook.sheet.logframe", "Logframe"),
    "Actions": message("workbook.sheet.actions", "Actions"),
    "Action follow-up": message("workbook.sheet.action_followup", "Action follow-up"),
}
"""The sheets, by key, and their names."""

SHEET_DESCRIPTIONS = {
    "Actors": message(
        "workbook.sheet.actors.description", "every measure per actor (as actors.csv of clusternet analyze)"
    ),
    "Network": message("workbook.sheet.network.description", "whole-network measures (as network.csv)"),
    "Gaps": message(
        "workbook.sheet.gaps.description", "where facilitation should go next, most important first (as gaps.csv)"
    ),
    "Ties": message(
        "workbook.sheet.ties.description", "the ties of the selection, one row per tie (as the edge list CSV)"
    ),
    "KPIs": message(
        "workbook.sheet.kpis.description",
        "the KPIs of the compared rounds with change and interval (as kpis.csv of clusternet compare)",
    ),
    "KPI series": message("workbook.sheet.kpi_series.description", "every KPI in every round"),
    "Tie changes": message(
        "workbook.sheet.tie_changes.description",
        "every reported tie of the compared rounds as new, dropped or kept (as tie_changes.csv)",
    ),
    "Logframe": message(
        "workbook.sheet.logframe.description",
        "every indicator of the logframe in every round, with baseline, target and progress (as logframe.csv)",
    ),
    "Actions": message("workbook.sheet.actions.description", "the facilitation log (the survey's actions sheet)"),
    "Action follow-up": message(
        "workbook.sheet.action_followup.description",
        "ties among each action's participants before and after it: association, not attribution "
        "(as action_followup.csv)",
    ),
}

ABOUT_TITLE = message("workbook.about.title", "Title")
ABOUT_SURVEY = message("workbook.about.survey", "Survey")
ABOUT_ROUND = message("workbook.about.round", "Round")
ABOUT_RELATIONS = message("workbook.about.relations", "Relations")
ABOUT_ALL_RELATIONS = message("workbook.about.all_relations", "all")
ABOUT_TIES = message("workbook.about.ties", "Ties")
ABOUT_MIN_TRUST = message("workbook.about.min_trust", "Minimum trust")
ABOUT_GROUPS = message("workbook.about.groups", "Groups (brokerage, E-I index)")
ABOUT_COMPARED = message("workbook.about.compared", "Rounds compared")
ABOUT_COMPARED_ROUNDS = message("workbook.about.compared_rounds", "{from_round} → {to_round}")
ABOUT_COMPARISON = message("workbook.about.comparison", "Comparison")
ABOUT_ANONYMISED = message("workbook.about.anonymised", "Anonymised")
ABOUT_ANONYMISED_TEXT = message(
    "workbook.about.anonymised.text",
    "names and ids replaced by codes, free-text attributes left out, trust means of fewer than {min_ratings} "
    "ratings blank",
)
ABOUT_NOTE = message("workbook.about.note", "Note")
ABOUT_SHEET = message("workbook.about.sheet", "Sheet {sheet}")
ABOUT_MADE_WITH = message("workbook.about.made_with", "Made with")
ABOUT_VERSION = message("workbook.about.version", "clusternet {version}")

_MAX_TEXT = 32767
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")


def readable_header(column: object, text: Render = ENGLISH.render) -> str:
    """A column name as a person reads it (the headers of :data:`HEADERS` and the endings of
    :data:`HEADER_SUFFIXES` written by ``text``; other names spaced and capitalised).

    >>> readable_header("trust_received_n"), readable_header("gatekeeper_z"), readable_header("kpi")
    ('Trust received (ratings)', 'Gatekeeper (z-score)', 'KPI')
    """
    name = str(column)
    if name in HEADERS:
        return text(HEADERS[name]())
    suffix: Template | None = None
    for ending, meaning in HEADER_SUFFIXES:
        if name.endswith(ending):
            name, suffix = name[: -len(ending)], meaning
    words = name.replace("_", " ").strip()
    if not words:
        return name
    words = words[:1].upper() + words[1:]
    return words if suffix is None else text(suffix(column=words))


CellValue = str | float | datetime | date | None
"""What a cell of the workbook holds (booleans and integers are numbers to the type checker)."""


def _cell_value(value: object) -> CellValue:
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


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    """A cell that holds ``text`` as text, whatever it starts with."""
    text = xml_text(text)
    if len(text) > _MAX_TEXT:
        text = text[: _MAX_TEXT - 1] + "…"
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _cell(sheet: WriteOnlyWorksheet, value: object, number_format: str | None) -> Cell:
    stored = _cell_value(value)
    if isinstance(stored, str):
        return text_cell(sheet, stored)
    cell = WriteOnlyCell(sheet)
    cell.value = stored
    if number_format and isinstance(stored, float):
        cell.number_format = number_format
    return cell


def _header_cell(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    cell = text_cell(sheet, text)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _width(values: list[str], header: str) -> float:
    longest = max([len(header) * 0.8] + [len(value) for value in values[:200]])
    return min(max(longest + 2, 8), 60)


def add_table_sheet(
    workbook: Workbook,
    title: str,
    table: pd.DataFrame,
    verbatim: Iterable[str] = (),
    text: Render = ENGLISH.render,
) -> None:
    """A sheet holding ``table``: readable bold header (:func:`readable_header` written by ``text``),
    frozen and filterable, sensible widths.

    Columns named in ``verbatim`` (round labels, say) keep their name as the header.
    """
    sheet = workbook.create_sheet(title)
    kept = set(verbatim)
    headers = [str(column) if column in kept else readable_header(column, text) for column in table.columns]
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


def _about_rows(view: View, sheets: Iterable[str]) -> list[tuple[str, str]]:
    selection = view.selection
    try:
        version = metadata.version("clusternet")
    except metadata.PackageNotFoundError:
        version = ""
    rows: list[tuple[Message, str]] = [(ABOUT_TITLE(), view.title)]
    if view.source_name:
        rows.append((ABOUT_SURVEY(), view.source_name))
    relations = ", ".join(selection.relations) if selection.relations else view.text(ABOUT_ALL_RELATIONS())
    rows += [
        (ABOUT_ROUND(), str(selection.round)),
        (ABOUT_RELATIONS(), relations),
        (ABOUT_TIES(), selection.ties),
        (ABOUT_MIN_TRUST(), "" if selection.min_trust is None else str(selection.min_trust)),
        (ABOUT_GROUPS(), selection.group_by),
    ]
    if view.compared_rounds:
        from_round, to_round = view.compared_rounds
        rows.append((ABOUT_COMPARED(), view.text(ABOUT_COMPARED_ROUNDS(from_round=from_round, to_round=to_round))))
    if view.comparison_problem:
        rows.append((ABOUT_COMPARISON(), view.comparison_problem))
    if view.anonymized:
        rows.append((ABOUT_ANONYMISED(), view.text(ABOUT_ANONYMISED_TEXT(min_ratings=view.min_ratings))))
    rows += [(ABOUT_NOTE(), note) for note in view.notes()]
    rows += [(ABOUT_SHEET(sheet=view.text(SHEETS[name]())), view.text(SHEET_DESCRIPTIONS[name]())) for name in sheets]
    rows.append((ABOUT_MADE_WITH(), view.text(ABOUT_VERSION(version=version)).strip()))
    return [(view.text(label), value) for label, value in rows]


def _written(view: View, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the messages it holds (a KPI's ``meaning``) written for the view's audience."""
    shown: pd.DataFrame = table.copy()
    for column in shown.columns:
        if shown[column].map(lambda value: isinstance(value, Message)).any():
            shown[column] = [view.text(value) if isinstance(value, Message) else value for value in shown[column]]
    return shown


def tables_workbook(view: View) -> bytes:
    """Every table of the view as an ``.xlsx`` file's bytes (see the module's docstring)."""
    tables = {
        "Actors": view.actors_table(),
        "Network": view.network_table(),
        "Gaps": view.gaps_table(),
        "Ties": edge_list_table(view),
    }
    kpis = view.kpi_table()
    if kpis is not None:
        tables["KPIs"] = _written(view, kpis)
    if view.kpi_series is not None and len(view.survey.round_labels) > 1:
        tables["KPI series"] = _written(view, view.kpi_series)
    tie_changes = view.tie_changes_table()
    if tie_changes is not None:
        tables["Tie changes"] = tie_changes
    if len(view.survey.logframe):
        tables["Logframe"] = view.logframe_table()
    if len(view.survey.actions):
        tables["Actions"] = view.actions_table()
        tables["Action follow-up"] = view.followup_table()

    workbook = Workbook(write_only=True)
    about = workbook.create_sheet(view.text(SHEETS["About"]()))
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 110
    for name, value in _about_rows(view, tables):
        label = text_cell(about, name)
        label.font = _HEADER_FONT
        about.append([label, text_cell(about, value)])
    for name, table in tables.items():
        add_table_sheet(workbook, view.text(SHEETS[name]()), table, view.survey.round_labels, view.text)

    properties = workbook.properties
    properties.creator = "clusternet"
    properties.lastModifiedBy = None
    properties.title = xml_text(view.title)
    properties.description = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
