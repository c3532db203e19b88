"""Files as they arrive from the field: encodings, separators, headers, broken and empty files."""

import codecs
import datetime as dt
import os

import pytest

from clusternet.survey import SurveyError, load_survey, load_survey_csv_files, load_survey_workbook
from clusternet.survey.schema import canonical_name
from tests.conftest import write_csv_folder, write_workbook

TIES = "source,target\nA,B\n"


def refused(path):
    with pytest.raises(SurveyError) as caught:
        load_survey(path)
    return caught.value


def located(problems):
    return [(p.severity, p.where, p.row, p.column, p.value) for p in problems]


@pytest.mark.parametrize("header", ["actor_id", "Actor ID ", "actor-id", " ACTOR_ID", "Actor - ID", "actor__id"])
def test_header_matching_ignores_case_spaces_dashes_and_underscores(header):
    assert canonical_name(header) == "actor_id"


def test_headers_are_matched_in_files(csv_survey):
    survey = load_survey(
        csv_survey(actors="Actor ID ,Name , TYPE\nA,Alpha,firm\nB,Beta,ngo\n", ties=" Source,TARGET,Trust \nA,B,4\n")
    )
    assert survey.actors.columns.tolist() == ["actor_id", "name", "type"]
    assert survey.ties.loc[0, "trust"] == 4


def test_missing_required_column_suggests_the_near_match(csv_survey):
    [problem] = refused(csv_survey(actors="actorid,name\nA,Alpha\n", ties=TIES)).problems
    assert located([problem]) == [("error", "actors.csv", 1, "actor_id", None)]
    assert str(problem.fix) == 'rename column "actorid" to "actor_id"'


def test_two_headers_meaning_the_same_column_is_an_error(csv_survey):
    [problem] = refused(csv_survey(actors="actor_id,Actor ID\nA,A\nB,B\n", ties=TIES)).problems
    assert located([problem]) == [("error", "actors.csv", 1, "Actor ID", "Actor ID")]


def test_cp1252_file_from_excel_reads_accented_names(tmp_path):
    folder = write_csv_folder(
        tmp_path / "s",
        {
            "actors.csv": "actor_id,name\r\nA,Tejidos Peñalolén\r\nB,Café Müller & Söhne\r\n",
            "ties.csv": TIES,
        },
        encoding="cp1252",
    )
    survey = load_survey(folder)
    assert survey.actors["name"].tolist() == ["Tejidos Peñalolén", "Café Müller & Söhne"]
    assert [w.where for w in survey.warnings] == ["actors.csv"]
    assert "Windows-1252" in str(survey.warnings[0].message)


def test_utf8_with_bom_reads_names_and_first_header(tmp_path):
    folder = write_csv_folder(
        tmp_path / "s",
        {
            "actors.csv": "actor_id,name,village\nA,Meher Weaving,Barpālī\nB,Tejidos Peñalolén,Sonepur\n",
            "ties.csv": TIES,
        },
        encoding="utf-8-sig",
    )
    assert (folder / "actors.csv").read_bytes().startswith(codecs.BOM_UTF8)
    survey = load_survey(folder)
    assert survey.actors["village"].tolist() == ["Barpālī", "Sonepur"]
    assert survey.actors["name"].tolist() == ["Meher Weaving", "Tejidos Peñalolén"]
    assert survey.warnings == ()


def test_utf16_unicode_text_from_excel_is_read(tmp_path):
    folder = write_csv_folder(
        tmp_path / "s", {"actors.csv": "actor_id\tname\nA\tBarpālī\nB\tB\n", "ties.csv": TIES}, encoding="utf-16"
    )
    assert load_survey(folder).actors["name"].tolist() == ["Barpālī", "B"]


def test_semicolon_separated_csv_is_read(csv_survey):
    survey = load_survey(csv_survey(actors="actor_id;name\nA;Alpha, Ltd\nB;Beta\n", ties="source;target\nA;B\n"))
    assert survey.actors["name"].tolist() == ["Alpha, Ltd", "Beta"]


def test_nul_bytes_are_refused_with_their_row(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "actors.csv").write_bytes(b"actor_id\nA\nB\x00\x00\n")
    (folder / "ties.csv").write_text(TIES)
    assert located(refused(folder).problems) == [("error", "actors.csv", 3, None, None)]


def test_empty_file_is_refused(csv_survey):
    error = refused(csv_survey(actors="", ties=TIES))
    assert [str(p.message) for p in error.problems] == ["the file or sheet is empty"]


def test_header_only_file_is_refused(csv_survey):
    problem = refused(csv_survey(actors="actor_id,name\n", ties="source,target\nA,B\n")).problems[0]
    assert (problem.where, str(problem.message)) == ("actors.csv", "there is a header but no rows")


def test_ragged_row_with_extra_value_is_refused(csv_survey):
    [problem] = refused(csv_survey(actors="actor_id,name\nA,Alpha\nB,Beta,extra\n", ties=TIES)).problems
    assert located([problem]) == [("error", "actors.csv", 3, "C", "extra")]


def test_short_rows_and_trailing_separators_are_read(csv_survey):
    survey = load_survey(csv_survey(actors="actor_id,name,type\nA\nB,Beta,firm,,\n", ties=TIES))
    assert survey.actors["name"].tolist() == ["A", "Beta"]


def test_unclosed_quote_does_not_swallow_rows_silently(csv_survey):
    [problem] = refused(csv_survey(actors='actor_id,name\nA,"Alpha\nB,Beta\n', ties=TIES)).problems
    assert located([problem]) == [("error", "actors.csv", 2, None, None)]
    assert "unexpected end of data" in str(problem.message)


def test_missing_file_in_folder_is_named_with_suggestion(csv_survey):
    [problem] = refused(csv_survey(actors="actor_id\nA\nB\n", tie=TIES)).problems
    assert str(problem.message).startswith("ties.csv is missing")
    assert str(problem.fix) == 'rename "tie.csv" to "ties"'


def test_missing_sheet_in_workbook_suggests_the_near_match(tmp_path):
    path = write_workbook(
        tmp_path / "s.xlsx", {"actors": [["actor_id"], ["A"], ["B"]], "Tie": [["source", "target"], ["A", "B"]]}
    )
    [problem] = refused(path).problems
    assert (problem.where, str(problem.message)) == ("s.xlsx", 'sheet ties is missing (found: "actors", "Tie")')
    assert str(problem.fix) == 'rename "Tie" to "ties"'


def test_sheet_names_are_matched_like_headers(tmp_path):
    path = write_workbook(
        tmp_path / "s.xlsx", {" Actors": [["actor_id"], ["A"], ["B"]], "TIES": [["source", "target"], ["A", "B"]]}
    )
    assert len(load_survey(path).ties) == 1


def test_workbook_rows_are_numbered_as_excel_shows_them(tmp_path):
    path = write_workbook(
        tmp_path / "s.xlsx",
        {
            "actors": [[None], ["actor_id"], ["A"], ["B"]],
            "ties": [["source", "target", "trust"], ["A", "B", 3], [None, None, None], ["B", "A", 9]],
        },
    )
    assert located(refused(path).problems) == [("error", "s.xlsx, sheet ties", 4, "trust", "9")]


def test_text_file_named_xlsx_is_not_a_workbook(tmp_path):
    path = tmp_path / "survey.xlsx"
    path.write_text("actor_id\nA\n")
    [problem] = refused(path).problems
    assert problem.where == "survey.xlsx"
    assert "not an Excel workbook" in str(problem.message)


def test_old_xls_workbook_is_refused_with_advice():
    with pytest.raises(SurveyError) as caught:
        load_survey_workbook(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")
    assert "save it as an Excel Workbook (.xlsx)" in str(caught.value.problems[0].fix)


def test_missing_path_is_refused():
    [problem] = refused("/no/such/survey.xlsx").problems
    assert str(problem.message) == "there is no file or folder at this path"


def test_single_csv_file_points_to_its_folder(csv_survey):
    [problem] = refused(csv_survey(actors="actor_id\nA\n", ties=TIES) / "ties.csv").problems
    assert "give the folder" in str(problem.fix)


def test_uploaded_csv_files_are_validated_like_a_folder():
    survey = load_survey_csv_files({"actors.csv": b"actor_id\nA\nB\n", "ties.csv": TIES.encode()})
    assert survey.ties[["source", "target"]].values.tolist() == [["A", "B"]]


def test_two_files_for_one_sheet_are_refused(tmp_path):
    folder = write_csv_folder(
        tmp_path / "s", {"actors.csv": "actor_id\nA\nB\n", "Actors.txt": "actor_id\nC\n", "ties.csv": TIES}
    )
    problem = refused(folder).problems[0]
    assert str(problem.message) == 'both "Actors.txt" and "actors.csv" would be read as actors'


def test_a_blank_cell_in_an_extra_date_column_of_ties_reads_as_missing(tmp_path, csv_survey):
    workbook = write_workbook(
        tmp_path / "s.xlsx",
        {
            "actors": [["actor_id"], ["A"], ["B"]],
            "ties": [["source", "target", "visited"], ["A", "B", dt.date(2024, 1, 1)], ["B", "A", None]],
        },
    )
    folder = csv_survey(actors="actor_id\nA\nB\n", ties="source,target,visited\nA,B,2024-01-01\nB,A,\n")
    assert load_survey(workbook).ties["visited"].tolist() == ["2024-01-01", None]
    assert load_survey(folder).ties["visited"].tolist() == ["2024-01-01", None]


def test_a_carriage_return_inside_a_quoted_name_stays_in_the_name(csv_survey):
    survey = load_survey(csv_survey(actors='actor_id,name\rA,"Al\rpha"\rB,"Be\r\nta"\r', ties="source,target\rA,B\r"))
    assert survey.actors["name"].tolist() == ["Al\rpha", "Be\r\nta"]
    assert survey.ties[["source", "target"]].values.tolist() == [["A", "B"]]


def test_csv_rows_are_numbered_as_records_when_a_quoted_cell_holds_a_line_break(csv_survey):
    error = refused(csv_survey(actors='actor_id,name\nA,"Al\npha"\nA,Beta\nB,Gamma\n', ties=TIES))
    assert [(p.where, p.row, p.column) for p in error.errors] == [("actors.csv", 3, "actor_id")]


@pytest.mark.parametrize(
    ("error", "fix"),
    [
        (PermissionError(13, "Permission denied"), "ask whoever manages the computer for permission"),
        (IsADirectoryError(21, "Is a directory"), "check that the disk"),
        (OSError(5, "Input/output error"), "check that the disk"),
    ],
)
def test_a_workbook_that_cannot_be_read_is_named_with_what_to_do(tmp_path, monkeypatch, error, fix):
    path = write_workbook(tmp_path / "s.xlsx", {"actors": [["actor_id"], ["A"]], "ties": [["source", "target"]]})
    error.filename = str(path)

    def unreadable(self):
        raise error

    monkeypatch.setattr(type(path), "read_bytes", unreadable)
    [problem] = refused(path).problems
    assert problem.where == str(path)
    assert str(problem.message) == f"this cannot be read: {error.strerror}"
    assert str(problem.fix).startswith(fix)


def test_an_unreadable_csv_file_of_a_folder_is_named(csv_survey, monkeypatch):
    folder = csv_survey(actors="actor_id\nA\nB\n", ties=TIES)
    real = type(folder).read_bytes

    def read_bytes(self):
        if self.name == "ties.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(type(folder), "read_bytes", read_bytes)
    [problem] = refused(folder).problems
    assert problem.where == str(folder / "ties.csv") and "Permission denied" in str(problem.message)


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(tmp_path), "iterdir", denied)
    [problem] = refused(tmp_path).problems
    assert problem.where == str(tmp_path) and "Permission denied" in str(problem.message)


def test_a_pipe_is_refused_without_waiting_for_it(tmp_path):
    pipe = tmp_path / "survey.xlsx"
    os.mkfifo(pipe)
    [problem] = refused(pipe).problems
    assert str(problem.message) == "this is neither a file nor a folder (a device or a pipe)"
