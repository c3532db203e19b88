"""A download that takes seconds on a large cluster (maps, strips, the report, the feedback sheets at
hundreds of actors) is made on a click of its own, under a spinner, and then offered: the wait is
visible. On a small cluster every file is offered at once."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import app_pages.shared
from tests.app.test_pages import on_page
from tests.conftest import REPO

PREPARE = "Prepare: Feedback sheets (PDF)"


def page_of(name: str) -> AppTest:
    return on_page(AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run(), name)


def prepare_buttons(page: AppTest) -> list[str]:
    return [button.label for button in page.button if button.label.startswith("Prepare: ")]


@pytest.fixture
def large_cluster(monkeypatch):
    """Every survey counts as large: the sample's slow files are prepared first."""
    monkeypatch.setattr(app_pages.shared, "PREPARE_FROM_ACTORS", 1)


def test_on_the_sample_every_file_is_offered_at_once():
    assert prepare_buttons(page_of("actors")) == []
    assert prepare_buttons(page_of("map")) == []


def test_the_feedback_sheets_are_prepared_then_offered_and_stay_prepared(large_cluster):
    page = page_of("actors")
    assert prepare_buttons(page) == [PREPARE]
    offered = len(page.get("download_button"))
    next(button for button in page.button if button.label == PREPARE).click().run()
    assert not page.exception, page.exception
    assert prepare_buttons(page) == []
    assert len(page.get("download_button")) == offered + 1
    page.run()
    assert prepare_buttons(page) == []


def test_another_audience_prepares_its_own_file(large_cluster):
    page = page_of("actors")
    next(button for button in page.button if button.label == PREPARE).click().run()
    page.sidebar.toggle[0].set_value(True).run()
    assert not page.exception, page.exception
    assert prepare_buttons(page) == [PREPARE]


def test_the_map_pages_pictures_are_prepared_with_the_maps_options(large_cluster):
    page = page_of("map")
    assert set(prepare_buttons(page)) == {"Prepare: Map (PNG)", "Prepare: Map (SVG)", "Prepare: Map (PDF)"}
    next(button for button in page.button if button.label == "Prepare: Map (PNG)").click().run()
    assert not page.exception, page.exception
    assert "Prepare: Map (PNG)" not in prepare_buttons(page)
