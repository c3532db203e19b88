"""The Workshop page on a 1280x720 projector in a real Chromium: what fits, what is large, what steps."""

import pytest

from tests.browser.test_app_in_browser import wait_for_run_to_finish

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
RERUN_TIMEOUT_MS = 60_000
TITLE = "[data-testid='stMain'] h1"
MESSAGE = ".st-key-workshop_message [data-testid='stMarkdownContainer'] li"


@pytest.fixture
def projector(browser, app_url):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(f"{app_url}/workshop")
    page.wait_for_selector(MESSAGE, timeout=RERUN_TIMEOUT_MS)
    page.wait_for_selector("[data-testid='stMain'] iframe", timeout=RERUN_TIMEOUT_MS)
    yield page
    context.close()


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_the_first_slides_map_and_message_are_above_the_fold(projector):
    map_box = box(projector, "[data-testid='stMain'] iframe")
    message_box = box(projector, MESSAGE)
    assert map_box["y"] >= 0 and map_box["y"] + map_box["height"] <= PROJECTOR["height"]
    assert message_box["y"] + message_box["height"] <= PROJECTOR["height"]


def test_the_key_messages_are_large_and_the_sidebar_is_hidden(projector):
    size = projector.eval_on_selector(MESSAGE, "element => parseFloat(getComputedStyle(element).fontSize)")
    assert size >= 24
    assert not projector.locator("[data-testid='stSidebar']").is_visible()


def test_the_right_arrow_steps_to_the_next_slide_and_the_left_arrow_back(projector):
    assert projector.locator(TITLE).inner_text() == "The cluster at baseline"
    projector.locator(TITLE).click()  # the page, not the map, has the keyboard
    projector.keyboard.press("ArrowRight")
    projector.wait_for_function(
        f"() => document.querySelector(\"{TITLE}\").innerText === 'The cluster at midterm'",
        timeout=RERUN_TIMEOUT_MS,
    )
    wait_for_run_to_finish(projector)  # a key pressed while the slide is redrawn has no page to go to
    projector.locator(TITLE).click()
    projector.keyboard.press("ArrowLeft")
    projector.wait_for_function(
        f"() => document.querySelector(\"{TITLE}\").innerText === 'The cluster at baseline'",
        timeout=RERUN_TIMEOUT_MS,
    )
