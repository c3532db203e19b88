"""The report opened from a file in headless Chromium: the map draws and nothing goes online."""

import pytest

from clusternet.export.report import report_html
from clusternet.export.writing import write_export

pytestmark = pytest.mark.browser

DRAWN_PIXELS = """() => {
    const canvas = document.querySelector('#mynetwork canvas');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) { drawn++; }
    }
    return drawn;
}"""


def test_the_report_draws_its_map_offline_from_a_file(browser, anonymous_view, tmp_path):
    report = write_export(report_html(anonymous_view).encode("utf-8"), tmp_path / "report.html")
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    tab = context.new_page()
    requests, errors = [], []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(report.as_uri())
    tab.locator("iframe.map").scroll_into_view_if_needed()
    frame = tab.locator("iframe.map").element_handle().content_frame()
    frame.wait_for_function("typeof network !== 'undefined' && document.querySelector('#mynetwork canvas')")
    frame.wait_for_function(f"({DRAWN_PIXELS})() > 5000")
    assert frame.evaluate("network.body.data.nodes.length") == anonymous_view.analysis.graph.number_of_nodes()
    assert frame.evaluate("document.querySelector('.cn-legend').textContent").count("firm") >= 1
    tab.locator("table.sortable th", has_text="partners").click()
    assert tab.evaluate("document.querySelector('#actors ~ .wide table tbody tr td:nth-child(3)').textContent") == "1"
    assert [url for url in requests if url != report.as_uri()] == []
    assert errors == []
    context.close()
