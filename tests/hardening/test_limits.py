"""Files beyond the documented limits get a clear refusal, not a hang or an out-of-memory crash.

The limits live in :mod:`clusternet.survey.limits`; these tests lower them to show each refusal on a
small file, and tests/hardening/test_corpus.py meets the real ones with real hostile files.
"""

import io
import tracemalloc
import zipfile

import pytest

from clusternet.survey import SurveyError, limits, load_survey, load_survey_workbook
from clusternet.survey.csv_files import MAX_LINE_CHARACTERS, CsvRecords
from clusternet.survey.problems import Refusal
from tests.conftest import SAMPLE_WORKBOOK, write_workbook

TIES = "source,target\nA,B\n"


def refusal(call, *arguments):
    with pytest.raises(SurveyError) as caught:
        call(*arguments)
    return caught.value.errors[0]


def located(problem):
    return problem.where, problem.row, problem.column, problem.value, problem.message.id


def test_a_file_above_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    (tmp_path / "actors.csv").write_text("actor_id\n" + "A\n" * 1000)
    (tmp_path / "ties.csv").write_text("source,target\nA,A\n")
    problem = refusal(load_survey, tmp_path)
    assert problem.where == "actors.csv" and "more than the 0 MB clusternet reads" in str(problem.message)


def test_too_many_rows_are_refused_naming_the_row(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    (tmp_path / "actors.csv").write_text("actor_id\n" + "".join(f"A{n}\n" for n in range(10)))
    (tmp_path / "ties.csv").write_text("source,target\nA1,A2\n")
    problem = refusal(load_survey, tmp_path)
    assert (problem.where, problem.row) == ("actors.csv", 6)


def test_a_csv_that_could_pass_the_row_limit_is_counted_before_any_row_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 50_000)
    (tmp_path / "actors.csv").write_text("actor_id\n" + "".join(f"W{n:07d}\n" for n in range(60_000)))
    (tmp_path / "ties.csv").write_text(TIES)
    tracemalloc.start()
    problem = refusal(load_survey, tmp_path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert located(problem) == ("actors.csv", 50_001, None, None, "problem.sheet.too_many_rows")
    assert peak < 8 * 2**20  # the file's 600 kB and one row at a time, not 50,000 rows


def test_a_csv_value_beyond_the_last_column_is_refused_naming_its_cell(csv_survey, monkeypatch):
    monkeypatch.setattr(limits, "MAX_COLUMNS", 3)
    folder = csv_survey(actors="actor_id,name,type,,\nA,Alpha,firm,,\nB,Beta,firm,,stray\n", ties=TIES)
    assert located(refusal(load_survey, folder)) == ("actors.csv", 3, "E", "stray", "problem.row.beyond_last_column")


def test_blank_cells_beyond_the_last_column_are_not_read(csv_survey, monkeypatch):
    monkeypatch.setattr(limits, "MAX_COLUMNS", 3)
    survey = load_survey(csv_survey(actors="actor_id,name,type,,,,\nA,Alpha,firm,,,,\nB,Beta,firm\n", ties=TIES))
    assert survey.actors["name"].tolist() == ["Alpha", "Beta"]


def test_a_header_wider_than_the_limit_is_refused_at_once(csv_survey):
    header = ",".join(["actor_id"] + [f"c{index}" for index in range(100_000)])
    problem = refusal(load_survey, csv_survey(actors=header + "\nA\n", ties=TIES))
    assert located(problem) == ("actors.csv", 1, "ALM", "c999", "problem.row.beyond_last_column")


def test_a_line_of_more_separators_than_the_limit_is_refused_before_it_is_split(csv_survey, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CSV_LINE_SEPARATORS", 50)
    problem = refusal(load_survey, csv_survey(actors="actor_id\nA" + "," * 60 + "\n", ties=TIES))
    assert located(problem) == ("actors.csv", 2, None, None, "problem.row.beyond_last_column")


def test_a_line_longer_than_any_row_is_refused():
    records = CsvRecords(b"actor_id\n" + b"x" * (MAX_LINE_CHARACTERS + 10), "utf-8", "actors.csv")
    with pytest.raises(Refusal) as caught:
        list(records)
    assert caught.value.problem.message.id == "problem.csv.line_too_long"


def test_more_cells_than_the_limit_are_refused_as_they_are_kept(csv_survey, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    # few cells written, but each row is kept as wide as the header: 5 rows of 20 fill the 100
    folder = csv_survey(actors=",".join(["actor_id"] + [f"c{n}" for n in range(19)]) + "\n" + "A\n" * 10, ties=TIES)
    assert located(refusal(load_survey, folder)) == ("actors.csv", 7, None, None, "problem.sheet.too_many_cells")


def test_more_cells_than_the_limit_in_a_workbook_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 50)
    path = write_workbook(
        tmp_path / "s.xlsx",
        {"actors": [["actor_id"]] + [[f"A{n}"] for n in range(60)], "ties": [["source", "target"], ["A0", "A1"]]},
    )
    assert located(refusal(load_survey, path))[-1] == "problem.sheet.too_many_cells"


def test_a_workbook_value_beyond_the_last_column_is_refused_naming_its_cell(tmp_path):
    path = write_workbook(tmp_path / "s.xlsx", {"actors": [["actor_id"], ["A"], ["B"]], "ties": [["source", "target"]]})
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook["ties"].append(["A", "B"])
    workbook["ties"].cell(row=2, column=16384, value="far away")
    workbook.save(path)
    problem = refusal(load_survey, path)
    assert located(problem) == ("s.xlsx, sheet ties", 2, "XFD", "far away", "problem.row.beyond_last_column")


def test_a_workbook_that_unpacks_to_far_more_than_its_size_is_refused_as_a_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**24
            for _ in range(5):  # 80 MB of zeros packed into about 80 kB
                member.write(chunk)
    problem = refusal(load_survey_workbook, buffer.getvalue(), "bomb.xlsx")
    assert "would unpack to" in str(problem.message)


def test_a_workbook_of_more_sheets_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_SHEETS", 3)
    path = write_workbook(tmp_path / "s.xlsx", {f"notes {n}": [["x"]] for n in range(5)})
    assert located(refusal(load_survey, path)) == ("s.xlsx", None, None, None, "problem.workbook.too_many_sheets")


def test_the_sample_is_far_below_every_limit():
    assert SAMPLE_WORKBOOK.stat().st_size < limits.MAX_FILE_BYTES / 1000
    assert load_survey(SAMPLE_WORKBOOK).actors.shape[0] == 66
