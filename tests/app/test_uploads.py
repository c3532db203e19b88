"""Uploading on the Data page as a user does, through the file chooser: nothing is lost unseen."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import on_page
from tests.conftest import REPO, write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLD_EXCEL_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100


@pytest.fixture
def data_page():
    """The app opened on the Data page, on the sample."""
    return on_page(AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run(), "data")


@pytest.fixture
def renamed_workbook(tmp_path):
    """A survey whose ``type`` is headed ``Kind`` and whose ``trust`` is headed ``trust level (1-5)``."""
    path = write_workbook(
        tmp_path / "renamed.xlsx",
        {
            "actors": [["actor_id", "name", "Kind"], ["A", "Alpha", "firm"], ["B", "Beta", "ngo"]],
            "ties": [["source", "target", "trust level (1-5)"], ["A", "B", 4], ["B", "A", 2]],
        },
    )
    return path.read_bytes()


def upload(page, *files):
    page.file_uploader[0].set_value(list(files)).run()
    assert not page.exception, page.exception
    return page


def problems(page):
    """(where, column, message) of the problems table the page shows."""
    return page.dataframe[0].value[["where", "column", "message"]].values.tolist()


def test_renamed_type_and_trust_columns_are_warned_about(data_page, renamed_workbook):
    page = upload(data_page, ("renamed.xlsx", renamed_workbook, XLSX))
    assert page.success[0].value == r"Using renamed\.xlsx: 2 actors, 2 tie rows, 1 round(s)."
    assert page.warning[0].value == "2 warnings: the survey was analysed, but check these."
    assert problems(page) == [
        ["renamed.xlsx, sheet actors", "Kind", '"Kind" looks like "type": rename it, or it is kept as an attribute'],
        [
            "renamed.xlsx, sheet ties",
            "trust level (1-5)",
            'no trust ratings were read: the ties have no "trust" column, but "trust level (1-5)" holds whole '
            "numbers 1-5 as ratings do",
        ],
    ]


def test_an_old_xls_workbook_is_explained(data_page):
    page = upload(data_page, ("survey.xls", OLD_EXCEL_BYTES, "application/vnd.ms-excel"))
    assert page.error[0].value.startswith("The survey cannot be analysed: 1 error(s)")
    table = page.dataframe[0].value
    assert table[["where", "message", "fix"]].values.tolist() == [
        [
            "survey.xls",
            "this is an old Excel 97-2003 workbook (.xls), which clusternet does not read",
            "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx): File > Save As",
        ]
    ]


def test_a_csv_uploaded_with_a_workbook_is_named_as_left_out(data_page, renamed_workbook):
    page = upload(
        data_page,
        ("renamed.xlsx", renamed_workbook, XLSX),
        ("ties.csv", b"source,target\nA,B\n", "text/csv"),
    )
    assert page.success[0].value.startswith(r"Using renamed\.xlsx:")
    table = page.dataframe[0].value
    assert table[["where", "message"]].values.tolist()[0] == [
        "ties.csv",
        'this CSV file was left out: the survey is read from the workbook "renamed.xlsx", and CSV files only '
        "without one",
    ]


def test_removing_a_bad_file_clears_its_error_and_goes_back_to_the_sample(data_page):
    page = upload(data_page, ("survey.xls", OLD_EXCEL_BYTES, "application/vnd.ms-excel"))
    assert page.error
    page.file_uploader[0].set_value(None).run()
    assert not page.exception and not page.error
    assert page.info[0].value == (
        "The uploaded files were removed, and with them their problems: back to the bundled sample."
    )
    assert page.success[0].value.startswith("Using the bundled sample: 66 actors")
    page.run()
    assert not page.info  # the notice is shown once


def test_the_upload_stays_across_page_switches_and_the_page_says_a_reload_forgets_it(data_page, renamed_workbook):
    page = upload(data_page, ("renamed.xlsx", renamed_workbook, XLSX))
    actors = on_page(page, "actors")
    assert sorted(actors.dataframe[0].value["actor_id"]) == ["A", "B"]
    back = on_page(actors, "data")
    assert back.file_uploader[0].value == []  # a new chooser, empty; the survey is still the upload
    assert back.success[0].value.startswith(r"Using renamed\.xlsx:")
    assert any("Reloading the page" in caption.value for caption in back.caption)


def test_the_sample_button_forgets_the_upload_and_empties_the_chooser(data_page, renamed_workbook):
    page = upload(data_page, ("renamed.xlsx", renamed_workbook, XLSX))
    page.button[0].click().run()
    assert page.success[0].value.startswith("Using the bundled sample:")
    assert page.file_uploader[0].value == []
    assert page.button[0].disabled
