"""The aggregated view of a large network: groups as nodes, ties between them, drill-down."""

import math

import networkx as nx
import pytest

from clusternet.analysis import analyze
from clusternet.viz import external_resources
from clusternet.viz.aggregate import OTHER_GROUPS, aggregated_map_html, drill_down, group_graph, group_positions
from tests.viz.conftest import embedded

TYPES = {"f1": "firm", "f2": "firm", "f3": "firm", "ngo": "ngo", "bank": "finance"}


@pytest.fixture
def reported():
    graph = nx.DiGraph()
    graph.add_nodes_from(TYPES)
    graph.add_edge("f1", "f2", trust=4.0)
    graph.add_edge("f2", "f1", trust=None)
    graph.add_edge("f1", "ngo", trust=5.0)
    graph.add_edge("ngo", "f3", trust=3.0)
    graph.add_edge("f3", "bank", trust=None)
    graph.add_edge("bank", "bank")
    return graph


def test_groups_count_their_actors_and_the_ties_inside_and_between(reported):
    groups = group_graph(reported, TYPES)
    assert list(groups.nodes(data="actors")) == [("firm", 3), ("finance", 1), ("ngo", 1)]
    assert groups.nodes["firm"]["internal_ties"] == 2
    assert groups.nodes["firm"]["internal_density"] == pytest.approx(2 / 6)  # arcs among 3 firms
    assert groups.nodes["firm"]["members"] == ("f1", "f2", "f3")
    assert math.isnan(groups.nodes["ngo"]["internal_density"])
    firm_ngo = groups.edges["firm", "ngo"]
    assert (firm_ngo["ties"], firm_ngo["trust"], firm_ngo["rated"]) == (2, 4.0, 2)
    assert firm_ngo["density"] == pytest.approx(2 / 6)  # 3 x 1 pairs, both directions
    assert groups.edges["firm", "finance"]["trust"] is None
    assert not groups.has_edge("finance", "finance")


def test_missing_groups_are_unknown_and_the_smallest_are_pooled(reported):
    groups = group_graph(reported, {"f1": "firm", "f2": "firm", "f3": "firm", "ngo": "ngo"}, max_groups=2)
    assert list(groups) == ["firm", OTHER_GROUPS]
    assert groups.nodes[OTHER_GROUPS]["groups"] == ("ngo", "unknown")
    assert groups.nodes[OTHER_GROUPS]["members"] == ("ngo", "bank")
    assert groups.edges["firm", OTHER_GROUPS]["ties"] == 3


def test_drill_down_keeps_a_group_and_the_ties_to_its_partners(reported):
    firms = group_graph(reported, TYPES).nodes["firm"]["members"]
    alone = drill_down(reported, firms)
    assert list(alone) == ["f1", "f2", "f3"] and alone.number_of_edges() == 2
    assert alone.edges["f1", "f2"]["trust"] == 4.0
    with_partners = drill_down(reported, firms, with_partners=True)
    assert set(with_partners) == set(TYPES)
    assert not with_partners.has_edge("bank", "bank")  # a tie between outsiders
    assert with_partners.number_of_edges() == 5


def test_groups_are_placed_apart_and_loose_groups_below(reported):
    reported.add_node("lonely")
    groups = group_graph(reported, {**TYPES, "lonely": "university"})
    positions = group_positions(groups)
    tied = [group for group in groups if groups.degree(group)]
    assert positions["university"][1] > max(positions[group][1] for group in tied)
    assert positions == group_positions(groups)


def test_the_aggregated_page_is_offline_and_labels_groups_with_their_size(reported):
    page = aggregated_map_html(group_graph(reported, TYPES), title="by type")
    assert external_resources(page) == []
    labels = sorted(node["label"] for node in embedded(page, "nodes"))
    assert labels == ["finance (1)", "firm (3)", "ngo (1)"]
    assert any(
        "ties: 2" in edge["tooltip"] and "mean trust: 4.00" in edge["tooltip"] for edge in embedded(page, "edges")
    )


def test_group_names_from_the_survey_stay_text(reported):
    hostile = dict.fromkeys(TYPES, "</script><script>alert(1)</script>")
    page = aggregated_map_html(group_graph(reported, hostile))
    assert "<script>alert(1)" not in page


def test_the_sample_by_community(sample_survey):
    analysis = analyze(sample_survey)
    membership = analysis.actors.set_index("actor_id")["community"].to_dict()
    groups = group_graph(analysis.graph, membership)
    assert sum(actors for _, actors in groups.nodes(data="actors")) == len(analysis.actors)
    inside = sum(ties for _, ties in groups.nodes(data="internal_ties"))
    between = sum(ties for _, _, ties in groups.edges(data="ties"))
    assert inside + between == analysis.graph.number_of_edges()
