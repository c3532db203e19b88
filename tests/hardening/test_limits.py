"""Files beyond the documented limits get a clear refusal, not a hang or an out-of-memory crash."""

import io
import zipfile

import pytest

from clusternet.survey import SurveyError, load_survey, load_survey_workbook, reading
from tests.conftest import SAMPLE_WORKBOOK


def refusal(call, *arguments):
    with pytest.raises(SurveyError) as caught:
        call(*arguments)
    return caught.value.problems[0]


def test_a_file_above_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    (tmp_path / "actors.csv").write_text("actor_id\n" + "A\n" * 1000)
    (tmp_path / "ties.csv").write_text("source,target\nA,A\n")
    problem = refusal(load_survey, tmp_path)
    assert problem.where == "actors.csv" and "more than the 0 MB clusternet reads" in str(problem.message)


def test_too_many_rows_are_refused_naming_the_row(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 5)
    (tmp_path / "actors.csv").write_text("actor_id\n" + "".join(f"A{n}\n" for n in range(10)))
    (tmp_path / "ties.csv").write_text("source,target\nA1,A2\n")
    problem = refusal(load_survey, tmp_path)
    assert (problem.where, problem.row) == ("actors.csv", 6)


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


def test_the_sample_is_far_below_every_limit():
    assert SAMPLE_WORKBOOK.stat().st_size < reading.MAX_FILE_BYTES / 1000
    assert load_survey(SAMPLE_WORKBOOK).actors.shape[0] == 66
