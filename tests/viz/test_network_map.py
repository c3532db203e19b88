"""The map page: what it embeds, what it hides, how it looks, and that it stays offline."""

import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusternet.graph import Selection, build_graph
from clusternet.viz import external_resources, network_map_html, stable_layout
from clusternet.viz.network_map import DASHES, DEFAULT_NODE_SIZE_PX
from clusternet.viz.styles import OKABE_ITO, TRUST_COLORS, UNKNOWN_COLOR, UNRATED_COLOR, blend
from tests.viz.conftest import Tags, embedded

HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</script>", "a href b & 'c'"]


def arc(trust, status, weight=1.0, relations=("information",)):
    return {"relations": relations, "weight": weight, "trust": trust, "status": status}


@pytest.fixture
def graph():
    """Four actors whose ids are names: a reported network with every tie status."""
    graph = nx.DiGraph()
    graph.add_nodes_from(["id-anna", "id-bela", "id-cyril", "id-dora"])
    graph.add_edge("id-anna", "id-bela", **arc(1.0, "confirmed", weight=3.0))
    graph.add_edge("id-bela", "id-anna", **arc(5.0, "confirmed"))
    graph.add_edge("id-bela", "id-cyril", **arc(None, "unconfirmed"))
    graph.add_edge("id-cyril", "id-dora", **arc(3.0, "unconfirmable"))
    return graph


POSITIONS = {"id-anna": (0.0, 0.0), "id-bela": (100.0, 0.0), "id-cyril": (100.0, 80.0), "id-dora": (0.0, 80.0)}
LABELS = {"id-anna": "A1", "id-bela": "A2", "id-cyril": "A3", "id-dora": "A4"}
GROUPS = {"id-anna": "firm", "id-bela": "firm", "id-cyril": "association"}


def draw(graph, **options):
    arguments = {"labels": LABELS, "groups": GROUPS, **options}
    return network_map_html(graph, POSITIONS, **arguments)


def by_label(page):
    return {node["label"]: node for node in embedded(page, "nodes")}


def edge_between(page, source, target):
    ids = {node["label"]: node["id"] for node in embedded(page, "nodes")}
    return next(edge for edge in embedded(page, "edges") if (edge["from"], edge["to"]) == (ids[source], ids[target]))


def test_the_page_embeds_one_node_per_actor_with_its_label_and_position(graph):
    nodes = by_label(draw(graph))
    assert sorted(nodes) == ["A1", "A2", "A3", "A4"]
    assert (nodes["A2"]["x"], nodes["A2"]["y"]) == (100.0, 0.0)
    assert sorted(node["id"] for node in nodes.values()) == [0, 1, 2, 3]


def test_actor_ids_never_reach_the_page_when_labels_differ(graph):
    page = draw(graph, tooltips={node: f"code {label}" for node, label in LABELS.items()})
    assert "id-" not in page


def test_the_anonymised_sample_shows_neither_names_nor_ids(sample_survey):
    graph = build_graph(sample_survey, Selection())
    codes = {actor: f"Actor {number}" for number, actor in enumerate(graph, start=1)}
    page = network_map_html(
        graph, stable_layout(sample_survey), labels=codes, groups=nx.get_node_attributes(graph, "type")
    )
    data = {node["label"] for node in embedded(page, "nodes")} | {node["tooltip"] for node in embedded(page, "nodes")}
    assert data == set(codes.values())
    for actor in graph:
        assert f'"{actor}"' not in page
        assert graph.nodes[actor]["name"] not in page


def test_every_node_of_the_sample_is_drawn(sample_survey):
    graph = build_graph(sample_survey, Selection(round="baseline"))
    page = network_map_html(
        graph,
        stable_layout(sample_survey),
        labels=nx.get_node_attributes(graph, "name"),
        groups=nx.get_node_attributes(graph, "type"),
    )
    assert len(embedded(page, "nodes")) == graph.number_of_nodes() == len(sample_survey.actors)
    assert len(embedded(page, "edges")) == graph.number_of_edges()


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_kept_as_text_and_never_becomes_markup(graph, payload):
    benign = Tags(draw(graph, title="map", legend_title="type", size_title="degree"))
    page = draw(
        graph,
        labels={**LABELS, "id-anna": payload},
        tooltips={"id-bela": payload},
        groups={**GROUPS, "id-dora": payload},
        title=payload,
        legend_title=payload,
        size_title=payload,
    )
    tags = Tags(page)
    assert [name for name, _ in tags.tags] == [name for name, _ in benign.tags]
    assert not any(name.startswith("on") for _, attributes in tags.tags for name in attributes)
    assert payload not in "".join(tags.scripts)
    assert by_label(page)[payload]["label"] == payload
    assert by_label(page)["A2"]["tooltip"] == payload
    # the title, and in the legend: its title, the group (its text and the toggle's data-group), size
    assert page.count(html_escaped(payload)) == 5


def html_escaped(text):
    for character, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;")):
        text = text.replace(character, entity)
    return text


def test_a_closing_script_tag_in_a_name_is_escaped_inside_the_script(graph):
    page = draw(graph, labels={**LABELS, "id-anna": "x</script><script>alert(1)//"})
    assert "x\\u003c/script\\u003e\\u003cscript\\u003ealert(1)//" in page
    assert "</script><script>alert(1)" not in page


def test_tooltips_are_never_given_to_vis_network_as_html(graph):
    page = draw(graph, tooltips={"id-anna": 'see <a href="http://x">here</a>'})
    assert all("title" not in node for node in embedded(page, "nodes"))
    assert all("title" not in edge for edge in embedded(page, "edges"))
    assert "innerHTML" not in "".join(script for script in Tags(page).scripts if len(script) < 100_000)
    assert "textContent = text" in page


def test_tooltips_default_to_the_label_and_keep_line_breaks(graph):
    nodes = by_label(draw(graph, tooltips={"id-anna": "Anna\ntrust received 4.5"}))
    assert nodes["A1"]["tooltip"] == "Anna\ntrust received 4.5"
    assert nodes["A2"]["tooltip"] == "A2"


def test_tie_tooltips_tell_partners_relations_trust_and_status(graph):
    tooltip = edge_between(draw(graph), "A2", "A3")["tooltip"]
    assert tooltip.split("\n") == [
        "A2 → A3",
        "relations: information",
        "trust: not rated",
        "weight: 1",
        "unconfirmed: the partner answered but did not report it",
    ]


def test_the_page_loads_nothing_from_the_internet(graph):
    page = draw(graph)
    tags = Tags(page)
    assert external_resources(page) == []
    assert tags.named("link") == []
    assert all("src" not in attributes for attributes in tags.named("script"))
    assert not re.search(r"https?://[^\s\"'<>)]*cdn", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower()
    assert len(tags.scripts[1]) > 400_000  # vis-network itself, inline


def test_unconfirmed_and_unconfirmable_ties_are_dashed(graph):
    page = draw(graph)
    assert edge_between(page, "A1", "A2")["dashes"] is False
    assert edge_between(page, "A2", "A3")["dashes"] == DASHES
    assert edge_between(page, "A3", "A4")["dashes"] == DASHES


def test_ties_are_coloured_by_trust_and_widened_by_weight(graph):
    page = draw(graph)
    assert edge_between(page, "A1", "A2")["color"]["color"] == TRUST_COLORS[1]
    assert edge_between(page, "A2", "A1")["color"]["color"] == TRUST_COLORS[5]
    assert edge_between(page, "A2", "A3")["color"]["color"] == UNRATED_COLOR
    assert edge_between(page, "A1", "A2")["width"] == 2.0
    assert edge_between(page, "A2", "A1")["width"] == 1.0


def test_a_directed_map_has_arrows_and_an_undirected_one_none(graph):
    assert '"arrows": {"to": {"enabled": true' in draw(graph)
    assert '"arrows": {"to": {"enabled": false' in draw(graph.to_undirected())


def test_physics_is_off_so_positions_stay_as_given(graph):
    page = draw(graph)
    assert '"physics": {"enabled": false}' in page
    assert 'id="loadingBar"' not in page


def test_nodes_are_coloured_by_group_and_sized_as_given(graph):
    nodes = by_label(draw(graph, sizes={"id-anna": 25.0}))
    colors = {label: node["color"]["background"] for label, node in nodes.items()}
    assert colors == {"A1": OKABE_ITO[1], "A2": OKABE_ITO[1], "A3": OKABE_ITO[0], "A4": UNKNOWN_COLOR}
    assert nodes["A1"]["size"] == 25.0 and nodes["A2"]["size"] == DEFAULT_NODE_SIZE_PX


def test_group_colours_can_be_fixed_for_the_whole_survey(graph):
    nodes = by_label(draw(graph, group_colors={"firm": "#123456", "bank": "#654321"}))
    assert nodes["A1"]["color"]["background"] == "#123456"


def test_the_legend_lists_the_groups_on_the_map_with_their_colours(graph):
    page = draw(graph, legend_title="Actor type")
    legend = page[page.index('<details class="cn-legend"') : page.index("</details>")]
    assert re.findall(r'background:(#\w+)"></span><span>([^<]+)<', legend) == [
        (OKABE_ITO[0], "association"),
        (OKABE_ITO[1], "firm"),
        (UNKNOWN_COLOR, "unknown"),
    ]
    assert "Actor type" in legend and "5 full trust" in legend and "dashed: not confirmed" in legend


def test_the_title_is_drawn_escaped(graph):
    assert '<div class="cn-title">Baseline &amp; midterm</div>' in draw(graph, title="Baseline & midterm")


def test_highlight_keeps_the_ego_network_and_fades_the_rest(graph):
    page = draw(graph, highlight={"id-anna"})
    nodes = by_label(page)
    assert nodes["A1"]["color"]["background"] == OKABE_ITO[1] and nodes["A1"]["borderWidth"] == 3
    assert nodes["A2"]["color"]["background"] == OKABE_ITO[1] and "font" not in nodes["A2"]
    assert nodes["A3"]["color"]["background"] == blend(OKABE_ITO[0], "#FFFFFF", 0.82)
    assert nodes["A4"]["font"]["color"] != "#222222"
    assert edge_between(page, "A1", "A2")["color"]["color"] == TRUST_COLORS[1]
    assert edge_between(page, "A2", "A3")["color"]["color"] == blend(UNRATED_COLOR, "#FFFFFF", 0.82)
    assert [node["label"] for node in embedded(page, "nodes")][-2:] == ["A1", "A2"]  # drawn on top


def test_without_highlight_nothing_fades(graph):
    assert all("font" not in node for node in embedded(draw(graph, highlight=set()), "nodes"))


def test_labels_can_be_hidden_for_big_maps(graph):
    nodes = embedded(draw(graph, show_labels=False), "nodes")
    assert all("label" not in node for node in nodes)
    assert sorted(node["tooltip"] for node in nodes) == ["A1", "A2", "A3", "A4"]


def test_numpy_and_pandas_values_are_drawn_as_plain_numbers(graph):
    positions = {node: np.array(xy, dtype=np.float32) for node, xy in POSITIONS.items()}
    graph.edges["id-anna", "id-bela"]["weight"] = np.float64(3)
    page = network_map_html(
        graph, positions, labels=pd.Series(LABELS), groups=pd.Series(GROUPS), sizes={"id-anna": np.float64(12.5)}
    )
    assert by_label(page)["A1"]["size"] == 12.5


def test_the_graph_is_left_unchanged(graph):
    before = nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))
    draw(graph, highlight={"id-anna"})
    assert (nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))) == before


def test_actors_without_label_or_position_are_refused(graph):
    with pytest.raises(ValueError, match="1 of 4 actors have no label"):
        network_map_html(graph, POSITIONS, labels={k: v for k, v in LABELS.items() if k != "id-dora"}, groups=GROUPS)
    with pytest.raises(ValueError, match="position"):
        network_map_html(graph, {"id-anna": (0, 0)}, labels=LABELS, groups=GROUPS)


def test_the_page_is_a_complete_document_of_the_given_height(graph):
    page = draw(graph, height_px=480)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "height: 480px" in page
    assert "<h1>" not in page


def test_an_empty_network_still_makes_a_page():
    page = network_map_html(nx.Graph(), {}, labels={}, groups={})
    assert embedded(page, "nodes") == [] and external_resources(page) == []


def test_tie_colors_replace_trust_colours_and_legend():
    import networkx as nx

    from clusternet.viz.network_map import network_map_html

    graph = nx.Graph()
    graph.add_edge("a", "b", change="new")
    graph.add_edge("b", "c", change="dropped")
    positions = {"a": (0, 0), "b": (50, 0), "c": (100, 0)}
    page = network_map_html(
        graph,
        positions,
        labels={n: n.upper() for n in graph},
        groups=dict.fromkeys(graph, "firm"),
        tie_colors=("change", {"new": "#1B9E77", "dropped": "#D95F02", "kept": "#AAAAAA"}),
    )
    assert "#1B9E77" in page and "#D95F02" in page
    assert "Change" in page and "1 no trust" not in page


def test_legend_and_tie_tooltips_are_written_by_the_callers_text(graph):
    page = draw(graph, text=lambda message: f"<{message.id}>", legend_title="type", size_title="degree")
    legend = page[page.index('<details class="cn-legend"') : page.index("</details>")]
    assert "&lt;map.legend.title&gt;" in legend and "&lt;map.legend.trust_level&gt;" in legend
    assert "1 no trust" not in legend and "dashed: not confirmed" not in legend
    assert edge_between(page, "A2", "A3")["tooltip"].split("\n") == [
        "<map.tie.ends.directed>",
        "<map.tie.relations>",
        "<map.tie.trust.not_rated>",
        "<map.tie.weight>",
        "<map.tie.status.unconfirmed>",
    ]
