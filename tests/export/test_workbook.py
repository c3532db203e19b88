"""The Excel workbook: every table, readable headers, numbers as numbers, survey text never a formula."""

import io

import openpyxl
import pytest

from clusternet.export.workbook import readable_header, tables_workbook
from clusternet.graph import Selection
from clusternet.view import view_of
from tests.export.conftest import HOSTILE_NAMES, HOSTILE_VILLAGE, marked


@pytest.fixture(scope="module")
def sample_workbook(sample_view):
    return openpyxl.load_workbook(io.BytesIO(tables_workbook(sample_view)))


@pytest.fixture(scope="module")
def hostile_workbook(hostile_survey):
    return openpyxl.load_workbook(io.BytesIO(tables_workbook(view_of(hostile_survey, Selection()))))


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_the_workbook_holds_every_table(sample_workbook):
    assert sample_workbook.sheetnames == [
        "About",
        "Actors",
        "Network",
        "Gaps",
        "Ties",
        "KPIs",
        "KPI series",
        "Tie changes",
        "Logframe",
        "Actions",
        "Action follow-up",
    ]


def test_headers_are_readable_and_rows_complete(sample_workbook, sample_view):
    actors = sample_workbook["Actors"]
    headers = [cell.value for cell in actors[1]]
    assert headers[:3] == ["Actor id", "Name", "Type"]
    assert "Trust received (ratings)" in headers and "Betweenness (share of pairs)" in headers
    assert actors.max_row == len(sample_view.analysis.actors) + 1
    assert actors.freeze_panes == "A2" and actors.auto_filter.ref.startswith("A1:")


def test_numbers_are_stored_as_numbers_and_missing_values_as_blank_cells(sample_workbook):
    table = rows(sample_workbook["Actors"])
    first = next(row for row in table if row["Actor id"] == "W01")
    assert isinstance(first["Degree"], int) and isinstance(first["Betweenness (share of pairs)"], (int, float))
    assert isinstance(first["Answered this round"], bool)
    assert any(row["Trust given"] is None for row in table)  # non-respondents rated nobody
    network = {row["Metric"]: row["Value"] for row in rows(sample_workbook["Network"])}
    assert network["actors"] == 66 and 0 < network["density"] < 1


def test_round_labels_keep_their_spelling_as_headers(sample_workbook):
    headers = [cell.value for cell in sample_workbook["KPI series"][1]]
    assert headers[:5] == ["KPI", "Basis", "baseline", "midterm", "endline"]


def test_names_that_look_like_formulas_are_text(hostile_workbook):
    sheet = hostile_workbook["Actors"]
    names = {row[1].value: row[1] for row in sheet.iter_rows(min_row=2)}
    for name in HOSTILE_NAMES.values():
        cell = names[name]
        assert cell.data_type == "s", name
        assert cell.value == name
    assert names['=HYPERLINK("http://x","click")'].quotePrefix
    column = [cell.value for cell in sheet[1]].index("Village")
    villages = [row[column] for row in sheet.iter_rows(min_row=2) if row[column].value == HOSTILE_VILLAGE]
    assert villages and all(cell.data_type == "s" and cell.quotePrefix for cell in villages)
    formulas = [
        cell.coordinate
        for sheet in hostile_workbook
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []


def test_the_workbook_properties_name_clusternet_only(sample_workbook):
    properties = sample_workbook.properties
    assert properties.creator == "clusternet" and properties.lastModifiedBy is None
    assert properties.title == "endline: all relations"


def test_readable_header_rules():
    assert readable_header("brokerage_total_z") == "Brokerage total (z-score)"
    assert readable_header("actor_id") == "Actor id"


def test_sheet_names_and_the_about_sheet_come_from_the_catalog(sample_view):
    workbook = openpyxl.load_workbook(io.BytesIO(tables_workbook(marked(sample_view))))
    assert all(name.startswith("«") for name in workbook.sheetnames)
    about = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert all(label.startswith("«") for label, _ in about)
    series = next(sheet for sheet in workbook.worksheets if "KPI series" in sheet.title)
    meanings = [row[-1] for row in series.iter_rows(min_row=2, values_only=True)]
    assert meanings and all(meaning.startswith("«") for meaning in meanings)  # the KPI series' meanings
