"""The Map page in a real headless Chromium: labels readable at the fitted view, Find zooms, the legend
toggles groups, vis-network comes from the static files, and the downloaded picture is the screen's."""

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from clusternet import load_survey
from clusternet.export.formats import export_bytes
from clusternet.graph import Selection
from clusternet.view import view_of
from clusternet.viz.map_style import MapScope
from tests.browser.test_app_in_browser import (
    DRAWN_BEFORE,
    NEW_MAP_DRAWN,
    RERUN_TIMEOUT_MS,
    assert_only_local_requests,
    map_frame,
    open_page,
    wait_for_run_to_finish,
)
from tests.conftest import SAMPLE_WORKBOOK

pytestmark = pytest.mark.browser

LABELS_ON_SCREEN = """() => {
    const scale = network.getScale();
    return nodes.get().filter(node => typeof node.label === 'string' && node.label !== '').map(node => {
        const drawn = network.body.nodes[node.id];
        const box = drawn.labelModule.size;  // where vis-network drew the label, in canvas units
        return {px: drawn.options.font.size * scale, left: box.left, top: box.top,
                right: box.left + box.width, bottom: box.top + box.height};
    });
}"""
"""Every label drawn: its height on screen in CSS pixels and its box on the canvas."""

OVERLAP_TOLERANCE = 0.5
"""Canvas units two label boxes may share (antialiasing), and still count as apart."""


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` and wait for the new map to be drawn."""
    map_frame(page).evaluate(f"window.{DRAWN_BEFORE} = true")
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=option).first.click()
    page.wait_for_function(NEW_MAP_DRAWN, timeout=RERUN_TIMEOUT_MS)
    wait_for_run_to_finish(page)


def drawn_map(page):
    frame = map_frame(page)
    frame.wait_for_function("window.clusternetMap && nodes.get().some(node => typeof node.label === 'string')")
    page.wait_for_timeout(300)  # the label pass runs once the first frame is drawn
    return frame


def test_labels_are_at_least_12_px_on_screen_and_never_overlap_at_the_fitted_view(page, app_url):
    open_page(page, app_url, "map")
    labels = drawn_map(page).evaluate(LABELS_ON_SCREEN)
    assert len(labels) >= 20  # the largest actors are named
    assert min(label["px"] for label in labels) >= 12
    overlapping = [
        (one, other)
        for index, one in enumerate(labels)
        for other in labels[index + 1 :]
        if min(one["right"], other["right"]) - max(one["left"], other["left"]) > OVERLAP_TOLERANCE
        and min(one["bottom"], other["bottom"]) - max(one["top"], other["top"]) > OVERLAP_TOLERANCE
    ]
    assert overlapping == []
    assert_only_local_requests(page)


def test_vis_network_is_loaded_from_the_apps_static_files(page, app_url):
    open_page(page, app_url, "map")
    drawn_map(page)
    assert [url for url in page.requests if url.endswith("/app/static/vis-network.min.js")]


def test_find_an_actor_zooms_to_it(page, app_url):
    open_page(page, app_url, "map")
    fitted = drawn_map(page).evaluate("network.getScale()")
    choose(page, "Find an actor", "Santosh Kuli Looms")
    frame = drawn_map(page)
    assert frame.evaluate("network.getScale()") > 1.3 * fitted
    centre = frame.evaluate("nodes.get().find(node => node.borderWidth === 3).id")
    at = frame.evaluate(f"network.canvasToDOM(network.getPosition({centre}))")
    width, height = frame.evaluate(
        "[document.getElementById('mynetwork').clientWidth, document.getElementById('mynetwork').clientHeight]"
    )
    assert 0 < at["x"] < width and 0 < at["y"] < height  # the found actor is on screen


def test_a_click_on_a_legend_group_hides_and_shows_its_actors(page, app_url):
    open_page(page, app_url, "map")
    frame = drawn_map(page)
    firms = frame.evaluate("nodes.get().filter(node => node.cnGroup === 'firm').length")
    frame.locator(".cn-toggle[data-group='firm']").click()
    assert frame.evaluate("nodes.get().filter(node => node.hidden).length") == firms
    assert (
        frame.evaluate("document.querySelector(\".cn-toggle[data-group='firm']\").getAttribute('aria-pressed')")
        == "true"
    )
    frame.locator(".cn-toggle[data-group='firm']").click()
    assert frame.evaluate("nodes.get().filter(node => node.hidden).length") == 0


def test_the_downloaded_map_is_the_screens_colour_size_and_highlight(page, app_url):
    open_page(page, app_url, "map")
    choose(page, "Colour by", "village")
    choose(page, "Size by", "betweenness norm")
    choose(page, "Find an actor", "Santosh Kuli Looms")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Map (PNG)").click()
    downloaded = download.value.path().read_bytes()

    survey = load_survey(SAMPLE_WORKBOOK)
    found = survey.actors.loc[survey.actors["name"] == "Santosh Kuli Looms", "actor_id"].item()
    view = view_of(survey, Selection())
    expected = export_bytes(
        view, "png", color_by="village", size_by="betweenness_norm", scope=MapScope(highlight=frozenset({found}))
    )
    default = export_bytes(view, "png")
    assert downloaded == expected
    assert np.asarray(Image.open(io.BytesIO(expected))).shape == np.asarray(Image.open(io.BytesIO(default))).shape
    assert expected != default
    expect(page.get_by_test_id("stException")).to_have_count(0)
