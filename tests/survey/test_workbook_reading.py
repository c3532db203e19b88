"""Workbooks as they arrive: cells read as openpyxl reads them, damaged parts as one problem naming the
cell, hidden sheets never in place of visible ones, merged cells named."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from clusternet.survey import SurveyError, load_survey, load_survey_workbook
from clusternet.survey.reading import read_workbook_bytes
from tests.conftest import SAMPLE_WORKBOOK, write_workbook
from tests.hardening.corpus import TIES, RawWorkbook, rows_xml, sheet_xml, survey_workbook, ties_with

ACTORS_ROWS = [["actor_id", "name"], ["A", "Alpha"], ["B", "Beta"], ["C", "Gamma"]]


def refused(data: bytes, name: str = "s.xlsx"):
    with pytest.raises(SurveyError) as caught:
        load_survey_workbook(data, name)
    return caught.value


def located(problem):
    return problem.where, problem.row, problem.column, problem.value


def workbook_bytes(sheets: dict[str, list[list]], hidden: dict[str, str] | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = (hidden or {}).get(title, "visible")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("source", ["sample", "every type"])
def test_cells_are_read_as_openpyxl_reads_them(source):
    if source == "sample":
        data = SAMPLE_WORKBOOK.read_bytes()
    else:
        moments = [dt.date(2024, 1, 31), dt.datetime(1900, 2, 28, 12), dt.time(13, 30), dt.timedelta(hours=30)]
        data = workbook_bytes(
            {
                "actors": [
                    ["actor_id", "joined", "at", "noon", "for", "member", "share", "big", "formula", "error"],
                    ["A", *moments, True, 0.25, 10**15, "=1+1", "#N/A"],
                    ["B", None, None, None, None, False, -3.5e-7, -7, None, "  spaced  "],
                ],
                "ties": [["source", "target"], ["A", "B"]],
            }
        )
    raw = read_workbook_bytes(data, "s.xlsx", [])
    reference = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for key, table in raw.tables.items():
        sheet = next(sheet for sheet in reference.worksheets if sheet.title.strip().lower() == key)
        sheet.reset_dimensions()
        expected = dict(enumerate(sheet.iter_rows(values_only=True), start=1))
        for number, values in table.rows:
            theirs = tuple(expected[number]) + (None,) * len(values)
            assert values == theirs[: len(values)], (key, number)


def test_shared_texts_keep_their_rich_text_runs_and_drop_phonetic_guides():
    workbook = survey_workbook()
    strings = workbook.parts()["xl/sharedStrings.xml"].decode()
    rich = "<si><r><t>Al</t></r><r><rPr><b/></rPr><t>pha</t></r><rPh><t>アルファ</t></rPh></si>"
    ties = ties_with(f'<c r="C2" t="s"><v>{len(workbook.shared_strings)}</v></c>')  # the rich text, added last
    data = RawWorkbook(
        sheets=(workbook.sheets[0], ("ties", ties, "visible")),
        shared_strings=workbook.shared_strings,
        replaced={"xl/sharedStrings.xml": strings.replace("</sst>", rich + "</sst>").encode()},
    ).data()
    raw = read_workbook_bytes(data, "s.xlsx", [])
    assert raw is not None and raw.tables["ties"].rows[0][1][2] == "Alpha"


def test_a_workbook_from_an_old_mac_counts_dates_from_1904():
    workbook = survey_workbook(ties=ties_with('<c r="C2" s="1"><v>1</v></c>'))
    parts = workbook.parts()
    xml = parts["xl/workbook.xml"].decode().replace("<workbookPr/>", '<workbookPr date1904="1"/>')
    data = RawWorkbook(workbook.sheets, workbook.shared_strings, replaced={"xl/workbook.xml": xml.encode()}).data()
    raw = read_workbook_bytes(data, "s.xlsx", [])
    assert raw.tables["ties"].rows[0][1][2] == dt.datetime(1904, 1, 2)


@pytest.mark.parametrize(
    ("cell", "value", "detail"),
    [
        ('<c r="C2"><v>three</v></c>', "three", "problem.workbook.damaged.number"),
        ('<c r="C2" t="s"><v>99</v></c>', "99", "problem.workbook.damaged.shared_string"),
        ('<c r="C2" t="d"><v>2024-13-45</v></c>', "2024-13-45", "problem.workbook.damaged.date"),
        ('<c r="C2" t="b"><v>yes</v></c>', "yes", "problem.workbook.damaged.boolean"),
    ],
)
def test_a_damaged_cell_is_one_problem_naming_the_sheet_and_the_cell(cell, value, detail):
    [problem] = refused(survey_workbook(ties=ties_with(cell)).data()).problems
    assert located(problem) == ("s.xlsx, sheet ties", 2, "C", value)
    assert problem.message.id == "problem.workbook.damaged"
    assert problem.message.arguments["detail"].id == detail
    assert "save it again as an Excel Workbook" in str(problem.fix)


def test_a_bad_cell_reference_is_named():
    [problem] = refused(survey_workbook(ties=ties_with('<c r="ZZZZ2"><v>3</v></c>')).data()).problems
    assert located(problem) == ("s.xlsx, sheet ties", 2, None, "ZZZZ2")


def test_a_truncated_sheet_is_one_problem_naming_the_sheet_and_its_part():
    workbook = survey_workbook()
    sheet = workbook.parts()["xl/worksheets/sheet2.xml"]
    data = RawWorkbook(workbook.sheets, workbook.shared_strings, replaced={"xl/worksheets/sheet2.xml": sheet[:200]})
    [problem] = refused(data.data()).problems
    assert problem.where == "s.xlsx, sheet ties"
    assert str(problem.message).startswith("the workbook is damaged: xl/worksheets/sheet2.xml is not well-formed XML")


def test_an_entity_bomb_is_refused_without_being_expanded():
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    ties = sheet_xml(
        rows_xml(TIES[:1]) + '<row r="2"><c r="A2" t="inlineStr"><is><t>&b;</t></is></c></row>', prolog=bomb
    )
    [problem] = refused(survey_workbook(ties=ties).data()).problems
    assert problem.message.arguments["detail"].id == "problem.workbook.damaged.xml_entities"
    assert "were not expanded" in str(problem.message)


def test_the_visible_sheet_wins_over_a_hidden_one_of_the_same_name(tmp_path):
    data = workbook_bytes(
        {
            "actors": ACTORS_ROWS,
            "ties ": [["source", "target"], ["A", "C"]],
            "Ties": [["source", "target"], ["A", "B"], ["B", "C"]],
        },
        hidden={"ties ": "hidden"},
    )
    survey = load_survey_workbook(data, "s.xlsx")
    assert survey.ties[["source", "target"]].values.tolist() == [["A", "B"], ["B", "C"]]
    [warning] = [w for w in survey.warnings if w.message.id == "problem.workbook.hidden_sheet_left_out"]
    assert warning.where == "s.xlsx, sheet ties "
    assert str(warning.message) == (
        'the hidden sheet "ties " was not read: its name reads like the visible sheet "Ties", which was read'
    )


def test_a_very_hidden_sheet_before_the_visible_one_does_not_replace_it():
    workbook = survey_workbook()
    other = sheet_xml(rows_xml([["source", "target"], ["A", "C"]]))
    data = RawWorkbook((("TIES", other, "veryHidden"), *workbook.sheets), workbook.shared_strings).data()
    survey = load_survey_workbook(data, "s.xlsx")
    assert survey.ties[["source", "target"]].values.tolist() == [["A", "B"], ["B", "C"], ["C", "A"]]
    assert [w.where for w in survey.warnings] == ["s.xlsx, sheet TIES"]


def test_a_hidden_sheet_read_for_want_of_a_visible_one_is_named():
    data = workbook_bytes(
        {"actors": ACTORS_ROWS, "ties": [["source", "target"], ["A", "B"]]}, hidden={"ties": "hidden"}
    )
    survey = load_survey_workbook(data, "s.xlsx")
    assert len(survey.ties) == 1
    assert [w.message.id for w in survey.warnings] == ["problem.workbook.hidden_sheet_read"]


def test_two_visible_sheets_read_as_one_are_refused(tmp_path):
    path = write_workbook(
        tmp_path / "s.xlsx",
        {"actors": ACTORS_ROWS, "ties": [["source", "target"], ["A", "B"]], "Ties ": [["source", "target"]]},
    )
    with pytest.raises(SurveyError) as caught:
        load_survey(path)
    [problem] = caught.value.problems
    assert str(problem.message) == 'both sheets "ties" and "Ties " would be read as ties'


def test_merged_cells_in_the_table_are_named_and_elsewhere_are_not():
    merged = '<mergeCells><mergeCell ref="A3:A4"/><mergeCell ref="E1:F2"/><mergeCell ref="A8:B9"/></mergeCells>'
    survey = load_survey_workbook(survey_workbook(ties=sheet_xml(rows_xml(TIES), after=merged)).data(), "s.xlsx")
    [warning] = survey.warnings
    assert located(warning) == ("s.xlsx, sheet ties", 3, "A", "A3:A4")
    assert str(warning.message) == (
        "the cells A3:A4 are merged: only the first holds a value, the others read as blank (unknown)"
    )


def test_many_merged_ranges_are_named_up_to_twenty_then_counted():
    ties = TIES + [["A", "C", 1], ["B", "A", 2]] * 15  # rows 2 to 34
    merged = "".join(f'<mergeCell ref="A{row}:B{row}"/>' for row in range(2, 35))
    sheet = sheet_xml(rows_xml(ties), after=f"<mergeCells>{merged}</mergeCells>")
    warnings = load_survey_workbook(survey_workbook(ties=sheet).data(), "s.xlsx").warnings
    merged_warnings = [w for w in warnings if w.message.id.startswith("problem.sheet.merged_cells")]
    assert len(merged_warnings) == 21
    assert str(merged_warnings[-1].message) == "13 more merged ranges in this sheet may leave cells blank the same way"
