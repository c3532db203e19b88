"""The running app in a real headless Chromium: the map draws, anonymise hides names, nothing goes online."""

from urllib.parse import urlparse

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.conftest import SAMPLE_CSV

pytestmark = pytest.mark.browser

PAGES = ["map", "data", "actors", "gaps", "whatif", "trust", "rounds", "logframe", "portfolio", "workshop"]
"""The workshop last: its presentation mode hides the sidebar, whose links the tests follow from page to page."""
LINK_NAMES = {"whatif": "What if"}
"""Sidebar links whose name is not the page's name capitalised."""
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
RERUN_TIMEOUT_MS = 60_000
DRAWN_BEFORE = "__clusternetDrawnBefore"
"""Marks the window of a map drawn before an action, to tell it from the map the action redraws."""
FRAMES_LOADED = """() => Array.from(document.querySelectorAll('iframe')).every(iframe => {
    const frame = iframe.contentDocument;
    return frame && frame.readyState === 'complete' && frame.body && frame.body.childElementCount > 0;
})"""
NEW_MAP_DRAWN = f"""() => Array.from(document.querySelectorAll('iframe')).some(iframe => {{
    const map = iframe.contentWindow;  // same origin: Streamlit's iframe sandbox allows it
    return map && typeof map.network !== 'undefined' && typeof map.nodes !== 'undefined' && !map.{DRAWN_BEFORE};
}})"""


def link_name(page_name: str) -> str:
    """The sidebar link's text for a page."""
    return LINK_NAMES.get(page_name, page_name.capitalize())


def actor_names() -> list[str]:
    return pd.read_csv(SAMPLE_CSV / "actors.csv")["name"].tolist()


def open_page(page, app_url: str, name: str) -> None:
    page.goto(f"{app_url}/" if name == "map" else f"{app_url}/{name}")  # the map is the default page
    page.wait_for_selector("h1", timeout=60_000)
    wait_for_run_to_finish(page)


def wait_for_run_to_finish(page: Page) -> None:
    """Until the app's script run is over: Streamlit's own run state, and its running indicator gone."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=RERUN_TIMEOUT_MS
    )
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=RERUN_TIMEOUT_MS)


def upload_survey(page: Page, files: list[str] | str) -> None:
    """Give ``files`` to the Data page's survey chooser, once it is drawn and live (the page has a
    second chooser, for field-form exports, on its other tab)."""
    chooser = page.get_by_test_id("stFileUploaderDropzone").first
    expect(chooser).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    chooser.locator("input[type=file]").set_input_files(files)


def map_frame(page):
    page.wait_for_selector("iframe", timeout=60_000)
    for _ in range(120):
        for frame in page.frames:
            if frame.evaluate("typeof nodes !== 'undefined' && typeof network !== 'undefined'"):
                return frame
        page.wait_for_timeout(500)
    raise AssertionError("no map frame with a vis-network instance")


def assert_only_local_requests(page) -> None:
    remote = [
        url
        for url in page.requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname not in LOCAL_HOSTS
    ]
    assert remote == []


def test_map_draws_every_actor_on_a_canvas_offline(page, app_url):
    open_page(page, app_url, "map")
    frame = map_frame(page)
    frame.wait_for_selector("canvas", timeout=30_000)
    assert frame.evaluate("nodes.length") == 66
    assert frame.evaluate("document.querySelectorAll('#mynetwork canvas').length") == 1
    page.wait_for_timeout(1500)
    screenshot(page, "map")
    assert_only_local_requests(page)


def test_anonymise_removes_every_actor_name(page, app_url):
    open_page(page, app_url, "map")
    map_frame(page).evaluate(f"window.{DRAWN_BEFORE} = true")
    page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox'], [data-testid='stSidebar'] label").filter(
        has_text="Anonymise"
    ).first.click()
    # The rerun is over once the control shown only when anonymised is there, the map is redrawn and the run has ended.
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stNumberInput")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    page.wait_for_function(NEW_MAP_DRAWN, timeout=RERUN_TIMEOUT_MS)
    wait_for_run_to_finish(page)
    names = actor_names()
    for name in PAGES:
        if name != "map":
            heading = page.locator("h1").first.inner_text()
            page.get_by_role("link", name=link_name(name)).click()
            expect(page.locator("h1").first).not_to_have_text(heading, timeout=RERUN_TIMEOUT_MS)
            wait_for_run_to_finish(page)
            page.wait_for_function(FRAMES_LOADED, timeout=RERUN_TIMEOUT_MS)
        texts = [page.inner_text("body")] + [frame.content() for frame in page.frames[1:]]
        leaked = [actor for actor in names if any(actor in text for text in texts)]
        assert leaked == [], f"names on the {name} page: {leaked[:5]}"
    assert_only_local_requests(page)


@pytest.mark.parametrize("name", PAGES)
def test_screenshot_of_each_page(page, app_url, name):
    open_page(page, app_url, name)
    page.wait_for_timeout(2500)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, name)
    assert_only_local_requests(page)


def test_anonymised_downloads_hold_no_actor_name(page, app_url):
    import io
    import zipfile

    open_page(page, app_url, "actors")
    page.locator("[data-testid='stSidebar'] label").filter(has_text="Anonymise").first.click()
    page.wait_for_timeout(2000)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Excel tables").click()
    workbook = download.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        text = "".join(archive.read(member).decode("utf-8", "replace") for member in archive.namelist())
    assert "FIRM-" in text
    assert [
        name for name in actor_names() if name.replace("&", "&amp;").replace("'", "&apos;") in text or name in text
    ] == []
    assert_only_local_requests(page)
