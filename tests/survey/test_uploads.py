"""Files uploaded together: one workbook or the CSV files make the survey; every other file is named."""

import pytest

from clusternet.survey import SurveyError, load_survey
from clusternet.survey.problems import ENGLISH
from clusternet.survey.uploads import load_uploaded_survey
from tests.conftest import write_csv_folder, write_workbook

ACTORS = b"actor_id\nA\nB\n"
TIES = b"source,target\nA,B\n"
OLD_EXCEL_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
XLS_FIX = "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx): File > Save As"


def stated(problems):
    """(severity, where, value, message, fix) of each problem, rendered in English."""
    return [
        (p.severity, p.where, p.value, ENGLISH.render(p.message), p.fix and ENGLISH.render(p.fix)) for p in problems
    ]


def refused(files):
    with pytest.raises(SurveyError) as caught:
        load_uploaded_survey(files)
    return stated(caught.value.problems)


@pytest.fixture
def workbook(tmp_path):
    path = write_workbook(
        tmp_path / "survey.xlsx",
        {"actors": [["actor_id"], ["A"], ["B"], ["C"]], "ties": [["source", "target"], ["A", "C"]]},
    )
    return path.read_bytes()


def test_an_old_xls_workbook_says_what_it_is_and_how_to_save_it():
    assert refused([("survey.xls", OLD_EXCEL_BYTES)]) == [
        (
            "error",
            "survey.xls",
            None,
            "this is an old Excel 97-2003 workbook (.xls), which clusternet does not read",
            XLS_FIX,
        )
    ]


@pytest.mark.parametrize(
    ("name", "message", "fix"),
    [
        (
            "survey.ods",
            "this is an OpenDocument spreadsheet (.ods), which clusternet does not read",
            "open it in LibreOffice and save it as an Excel Workbook (.xlsx): File > Save As, type Excel 2007-365",
        ),
        (
            "survey.numbers",
            "this is an Apple Numbers document, which clusternet does not read",
            "in Numbers, choose File > Export To > Excel and give the .xlsx file",
        ),
        (
            "survey.zip",
            "this is a zip archive, which clusternet does not read",
            "unpack it and give the survey workbook (.xlsx) or the CSV files it holds",
        ),
        (
            "report.pdf",
            "this is neither an Excel workbook (.xlsx) nor a CSV file, which clusternet does not read",
            "give the survey workbook (.xlsx), or its sheets saved as CSV files (actors.csv, ties.csv, ...)",
        ),
    ],
)
def test_other_files_say_what_they_are_and_what_to_do(name, message, fix):
    assert refused([(name, b"PK\x03\x04")]) == [("error", name, None, message, fix)]


def test_a_workbook_with_csv_files_is_read_and_the_csv_files_are_named_as_left_out(workbook):
    survey = load_uploaded_survey([("ties.csv", TIES), ("survey.xlsx", workbook), ("actors.csv", ACTORS)])
    assert survey.source == "survey.xlsx"
    assert survey.ties[["source", "target"]].values.tolist() == [["A", "C"]]
    left_out = (
        'this CSV file was left out: the survey is read from the workbook "survey.xlsx", and CSV files only without one'
    )
    fix = "to read the CSV files, upload them without the workbook"
    assert stated(survey.warnings) == [
        ("warning", "ties.csv", None, left_out, fix),
        ("warning", "actors.csv", None, left_out, fix),
    ]


def test_the_first_of_two_workbooks_is_read(workbook):
    survey = load_uploaded_survey([("survey.xlsx", workbook), ("copy.xlsx", workbook)])
    assert survey.source == "survey.xlsx"
    assert stated(survey.warnings) == [
        (
            "warning",
            "copy.xlsx",
            None,
            'this workbook was left out: the survey is read from "survey.xlsx"',
            "upload one workbook at a time: the one that holds the survey",
        )
    ]


def test_a_refused_file_next_to_a_survey_is_a_warning(workbook):
    survey = load_uploaded_survey([("survey.xlsx", workbook), ("old.xls", OLD_EXCEL_BYTES)])
    assert [(p.severity, p.where) for p in survey.warnings] == [("warning", "old.xls")]


def test_csv_files_are_read_as_a_folder_and_other_csv_files_are_named(workbook):
    survey = load_uploaded_survey([("actors.csv", ACTORS), ("ties.csv", TIES), ("notes.csv", b"x\n1\n")])
    assert survey.source == "uploaded files"
    assert stated(survey.warnings) == [
        (
            "warning",
            "uploaded files",
            "notes.csv",
            '"notes.csv" is not one of the survey\'s files (actors.csv, ties.csv, rounds.csv, respondents.csv, '
            "attributes.csv, actions.csv, logframe.csv), so it was not read",
            "rename it if it holds one of them; otherwise it can be left out",
        )
    ]


def test_a_csv_file_that_looks_like_an_optional_sheet_is_named_with_its_rename():
    survey = load_uploaded_survey([("actors.csv", ACTORS), ("ties.csv", TIES), ("Rounds 2024.csv", b"round\n1\n")])
    assert [ENGLISH.render(p.fix) for p in survey.warnings] == ['if it holds the rounds sheet, rename it "rounds.csv"']


def test_nothing_uploaded_is_an_error():
    assert refused([]) == [
        (
            "error",
            "uploaded files",
            None,
            "no file was given",
            "choose the survey workbook (.xlsx) or the folder of CSV files",
        )
    ]


def test_a_workbook_sheet_that_looks_like_an_optional_sheet_is_named(tmp_path):
    path = write_workbook(
        tmp_path / "survey.xlsx",
        {
            "actors": [["actor_id"], ["A"], ["B"]],
            "ties": [["source", "target"], ["A", "B"]],
            "Respondent list": [["round", "actor_id"], ["1", "A"]],
            "instructions": [["Fill in every sheet"]],
        },
    )
    assert stated(load_survey(path).warnings) == [
        (
            "warning",
            "survey.xlsx, sheet Respondent list",
            None,
            'the sheet "Respondent list" is not read: it looks like the respondents sheet, which must be named '
            '"respondents"',
            'if it holds the respondents, rename it "respondents"',
        )
    ]


def test_an_ods_path_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "survey.ods"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(SurveyError) as caught:
        load_survey(path)
    assert [ENGLISH.render(p.message) for p in caught.value.problems] == [
        "this is an OpenDocument spreadsheet (.ods), which clusternet does not read"
    ]


def test_a_folder_names_the_files_it_does_not_read(tmp_path):
    folder = write_csv_folder(
        tmp_path / "s", {"actors.csv": "actor_id\nA\nB\n", "ties.csv": "source,target\nA,B\n", "codebook.txt": "q\n"}
    )
    assert [(p.where, p.value) for p in load_survey(folder).warnings] == [("s", "codebook.txt")]
