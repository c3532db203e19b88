"""Uploading through the browser's file chooser: a renamed ``type`` column is named on the page."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_app_in_browser import RERUN_TIMEOUT_MS, open_page, upload_survey, wait_for_run_to_finish
from tests.conftest import write_workbook

pytestmark = pytest.mark.browser


def test_a_workbook_with_kind_for_type_shows_the_warning(page, app_url, tmp_path):
    workbook = write_workbook(
        tmp_path / "renamed.xlsx",
        {
            "actors": [["actor_id", "name", "Kind"], ["A", "Alpha", "firm"], ["B", "Beta", "ngo"]],
            "ties": [["source", "target", "trust"], ["A", "B", 4], ["B", "A", 2]],
        },
    )
    open_page(page, app_url, "data")
    upload_survey(page, str(workbook))
    expect(page.get_by_text("Using renamed.xlsx: 2 actors")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    wait_for_run_to_finish(page)
    expect(page.get_by_text("1 warning: the survey was analysed, but check it.")).to_be_visible()
    warnings = page.get_by_test_id("stDataFrame").first
    expect(warnings).to_contain_text("renamed.xlsx, sheet actors", timeout=RERUN_TIMEOUT_MS)
    expect(warnings).to_contain_text('"Kind" looks like "type": rename it, or it is kept as an attribute')
