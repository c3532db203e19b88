"""The Data page's field forms, as a broker uses them: an export of the form's submissions uploaded
beside a roster, its summary and problems, and the imported survey put to use."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from clusternet.sanitize.markup import markdown_text
from clusternet.survey import load_survey
from tests.app.test_pages import on_page
from tests.conftest import REPO
from tests.fieldforms.exports import Partner, Submission, kobo_xlsx, odk_zip, sample_round_submissions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAMPLE = REPO / "surveys" / "sample" / "handloom_cluster.xlsx"


@pytest.fixture
def data_page():
    return on_page(AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run(), "data")


def export_uploader(page):
    return next(uploader for uploader in page.file_uploader if uploader.key == "field_export")


def roster_uploader(page):
    return next(uploader for uploader in page.file_uploader if uploader.key == "field_roster")


def test_an_odk_export_on_the_samples_roster_is_summarised_and_can_be_analysed(data_page, tmp_path):
    sample = load_survey(SAMPLE)
    export = odk_zip(tmp_path / "export.zip", sample_round_submissions(sample, "endline"))
    page = data_page
    export_uploader(page).set_value([("export.zip", export.read_bytes(), "application/zip")]).run()
    assert not page.exception, page.exception
    respondents = len(sample.respondents_in("endline"))
    assert page.success[-1].value == markdown_text(f"export.zip (ODK Central): {respondents} submissions read")
    summary = page.markdown[-1].value
    assert f"- {respondents} accepted" in summary
    assert markdown_text("tie rows (one per partner and relation)") in summary
    analyse = next(button for button in page.button if button.label == "Analyse the imported survey")
    analyse.click().run()
    assert not page.exception, page.exception
    assert page.success[0].value.startswith(r"Using imported\_survey\.xlsx: 66 actors")


def test_a_refused_export_shows_its_problems_and_changes_nothing(data_page, tmp_path):
    submissions = [Submission("u1", "NOT-ON-ROSTER", "baseline", [Partner("W01", "information", 3)])]
    export = kobo_xlsx(tmp_path / "export.xlsx", submissions)
    page = data_page
    export_uploader(page).set_value([("export.xlsx", export.read_bytes(), XLSX)]).run()
    assert not page.exception, page.exception
    assert page.error[-1].value.startswith("The export cannot be imported: 1 error(s).")
    table = page.dataframe[-1].value
    assert table["message"].tolist() == ['the respondent "NOT-ON-ROSTER" is not on the roster']
    assert page.success[0].value.startswith(r"Using the bundled sample")


def test_an_uploaded_roster_replaces_the_survey_in_use(data_page, tmp_path):
    roster = b"name,label,type\nF01,Firm one,firm\nF02,Firm two,firm\n"
    export = odk_zip(tmp_path / "export.zip", [Submission("u1", "F01", "r1", [Partner("F02", "joint_action", 5)])])
    page = data_page
    roster_uploader(page).set_value([("roster.csv", roster, "text/csv")]).run()
    export_uploader(page).set_value([("export.zip", export.read_bytes(), "application/zip")]).run()
    assert not page.exception, page.exception
    assert markdown_text("1 tie row (one per partner and relation)") in page.markdown[-1].value


def test_anonymised_the_section_offers_no_named_file(data_page):
    page = data_page
    page.sidebar.toggle[0].set_value(True).run()
    assert not page.exception, page.exception
    assert any("Turn Anonymise off to make a field form" in info.value for info in page.info)
    assert not any(uploader.key == "field_export" for uploader in page.file_uploader)
