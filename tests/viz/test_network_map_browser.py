"""The map in a real headless Chromium: it draws offline, and hostile names stay text."""

import networkx as nx
import pytest

from clusternet.graph import Selection, build_graph
from clusternet.viz import network_map_html, stable_layout

pytestmark = pytest.mark.browser

PAYLOAD = '"><img src=x onerror=alert(1)> </script><script>alert(2)</script> href'


@pytest.fixture
def open_map(browser):
    """Show a page in a fresh tab that records requests, dialogs and script errors."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})

    def show(page_html: str):
        tab = context.new_page()
        tab.events = {"requests": [], "dialogs": [], "errors": []}
        tab.on("request", lambda request: tab.events["requests"].append(request.url))
        tab.on("dialog", lambda dialog: (tab.events["dialogs"].append(dialog.message), dialog.dismiss()))
        tab.on("pageerror", lambda error: tab.events["errors"].append(str(error)))
        tab.set_content(page_html)
        tab.wait_for_function("typeof network !== 'undefined' && document.querySelector('#mynetwork canvas')")
        return tab

    yield show
    context.close()


def hover_node(tab, node_id: int) -> str:
    """Move the mouse onto a node and return the tooltip's HTML once it shows."""
    point = tab.evaluate(f"""() => {{
        const dom = network.canvasToDOM(network.getPosition({node_id}));
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return {{x: dom.x + box.left, y: dom.y + box.top}};
    }}""")
    tab.mouse.move(point["x"], point["y"])
    tab.wait_for_function("""() => {
        const tooltip = document.querySelector('.vis-tooltip');
        return tooltip !== null && getComputedStyle(tooltip).visibility === 'visible';
    }""")
    return tab.evaluate("document.querySelector('.vis-tooltip').innerHTML")


def test_the_sample_map_draws_every_actor_without_the_internet(open_map, sample_survey):
    graph = build_graph(sample_survey, Selection())
    tab = open_map(
        network_map_html(
            graph,
            stable_layout(sample_survey),
            labels=nx.get_node_attributes(graph, "name"),
            groups=nx.get_node_attributes(graph, "type"),
            title="Sample",
        )
    )
    assert tab.evaluate("network.body.data.nodes.length") == graph.number_of_nodes()
    assert tab.evaluate("network.body.data.edges.length") == graph.number_of_edges()
    assert [url for url in tab.events["requests"] if not url.startswith(("about:", "data:"))] == []
    assert tab.events["errors"] == []


def test_a_hostile_name_shows_as_text_in_its_tooltip_and_never_runs(open_map):
    graph = nx.DiGraph([("x", "y")])
    tab = open_map(
        network_map_html(
            graph,
            {"x": (0, 0), "y": (200, 0)},
            labels={"x": PAYLOAD, "y": "B"},
            groups={"x": PAYLOAD},
            tooltips={"x": PAYLOAD + "\nsecond line"},
            title=PAYLOAD,
        )
    )
    tooltip = hover_node(tab, 0)
    assert tooltip.startswith('<div class="cn-tooltip">"&gt;&lt;img src=x onerror=alert(1)&gt;')
    assert tab.evaluate("document.querySelectorAll('.vis-tooltip *').length") == 1  # the text's own div
    assert tab.evaluate("document.querySelector('.vis-tooltip').innerText") == PAYLOAD + "\nsecond line"
    assert tab.evaluate("document.querySelectorAll('img').length") == 0
    assert tab.events["dialogs"] == [] and tab.events["errors"] == []
