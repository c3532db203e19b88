"""A download that takes seconds on a large cluster (the feedback sheets) is made on a click of its
own, under a spinner, and then offered: the wait is visible, and the file is the view's."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.test_pages import on_page
from tests.conftest import REPO

PREPARE = "Prepare: Feedback sheets (PDF)"


def actors_page() -> AppTest:
    return on_page(AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run(), "actors")


def test_the_feedback_sheets_are_prepared_then_offered_and_stay_prepared():
    page = actors_page()
    assert [button.label for button in page.button if button.label == PREPARE] == [PREPARE]
    offered = len(page.get("download_button"))
    next(button for button in page.button if button.label == PREPARE).click().run()
    assert not page.exception, page.exception
    assert PREPARE not in [button.label for button in page.button]
    assert len(page.get("download_button")) == offered + 1
    page.run()
    assert PREPARE not in [button.label for button in page.button]


def test_another_audience_prepares_its_own_file():
    page = actors_page()
    next(button for button in page.button if button.label == PREPARE).click().run()
    page.sidebar.toggle[0].set_value(True).run()
    assert not page.exception, page.exception
    assert PREPARE in [button.label for button in page.button]
