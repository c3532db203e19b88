"""Stable positions: every actor placed, the same on every call, components apart, isolates below."""

import math
import os
import subprocess
import sys

import networkx as nx
import pytest

from clusternet import load_survey
from clusternet.graph import Selection, build_graph
from clusternet.viz import layout
from clusternet.viz.layout import network_layout, stable_layout, union_tie_graph
from tests.conftest import SAMPLE_WORKBOOK

ACTORS = """actor_id,name,type
A,Alpha,firm
B,Beta,firm
C,Coop,association
D,Dept,government
E,Lone,firm
F,Far,bank
"""
TIES = """source,target,round,relation,trust,weight
A,B,1,information,4,2
B,C,1,information,3,1
C,A,2,training,5,1
D,A,2,information,,1
"""
ROUNDS = "round,date\n1,2023-01-01\n2,2024-01-01\n"


@pytest.fixture
def survey(csv_survey):
    return load_survey(csv_survey(actors=ACTORS, ties=TIES, rounds=ROUNDS))


def test_every_actor_gets_a_pixel_position(survey):
    positions = stable_layout(survey)
    assert set(positions) == {"A", "B", "C", "D", "E", "F"}
    assert all(type(x) is float and type(y) is float for x, y in positions.values())


def test_the_union_graph_holds_every_rounds_ties_in_either_direction(survey):
    union = union_tie_graph(survey)
    assert sorted(map(sorted, union.edges)) == [["A", "B"], ["A", "C"], ["A", "D"], ["B", "C"]]
    assert set(union) == {"A", "B", "C", "D", "E", "F"}


def test_the_same_survey_always_gets_the_same_positions():
    first, second = load_survey(SAMPLE_WORKBOOK), load_survey(SAMPLE_WORKBOOK)
    assert stable_layout(first, seed=3) == stable_layout(second, seed=3)
    assert stable_layout(first, seed=3) != stable_layout(first, seed=4)


def test_every_round_and_mode_is_drawn_with_the_survey_positions(sample_survey):
    positions = stable_layout(sample_survey)
    for round_label in sample_survey.round_labels:
        for ties in ("reported", "any", "confirmed"):
            graph = build_graph(sample_survey, Selection(round=round_label, ties=ties))
            assert set(graph) <= set(positions)


def test_isolates_sit_in_a_row_below_the_connected_actors(survey):
    positions = stable_layout(survey)
    lowest_connected = max(positions[actor][1] for actor in "ABCD")
    assert positions["E"][1] > lowest_connected
    assert positions["E"][1] == positions["F"][1]
    assert positions["E"][0] != positions["F"][0]


def test_components_are_packed_side_by_side_without_overlap():
    graph = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (6, 7)])
    positions = network_layout(graph)

    def box(nodes):
        xs, ys = zip(*(positions[node] for node in nodes))
        return min(xs), max(xs), min(ys), max(ys)

    small, large = box([1, 2, 3]), box([4, 5, 6, 7])
    apart_horizontally = small[0] > large[1] or large[0] > small[1]
    apart_vertically = small[2] > large[3] or large[2] > small[3]
    assert apart_horizontally or apart_vertically


def test_a_mid_sized_map_fits_the_pixel_box(sample_survey):
    positions = stable_layout(sample_survey)
    width, height = layout.BOX_PX
    assert all(abs(x) <= width / 2 + 0.1 and abs(y) <= height / 2 + 0.1 for x, y in positions.values())
    assert len(set(positions.values())) == len(positions)


def test_large_components_get_the_sparse_layout_with_actors_spread_apart(monkeypatch):
    monkeypatch.setattr(layout, "FORCE_LAYOUT_MAX_NODES", 10)
    graph = nx.connected_caveman_graph(6, 8)  # 48 actors in six tight groups
    positions = network_layout(graph, seed=1)
    assert positions == network_layout(graph, seed=1)
    assert set(positions) == set(graph)
    points = list(positions.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest > 0.5 * layout.SPACING_PX[0]


def test_a_directed_graph_is_laid_out_on_its_ties_in_either_direction():
    directed = nx.DiGraph([("a", "b"), ("c", "b")])
    assert set(network_layout(directed)) == {"a", "b", "c"}


def test_a_graph_without_actors_has_no_positions():
    assert network_layout(nx.Graph()) == {}


def test_a_network_of_isolates_is_a_grid():
    positions = network_layout(nx.empty_graph(7))
    assert len(set(positions.values())) == 7


def test_positions_do_not_depend_on_the_python_process():
    """Sets iterate in a different order in every process; the layout must not follow them."""
    script = (
        "import json, networkx as nx\n"
        "from clusternet.viz import layout\n"
        "layout.FORCE_LAYOUT_MAX_NODES = 8\n"
        "graph = nx.relabel_nodes(nx.connected_caveman_graph(3, 5), lambda n: f'n{n}')\n"
        "graph.add_edges_from([('x', 'y'), ('y', 'z'), ('p', 'q')])\n"
        "print(json.dumps(sorted(layout.network_layout(graph).items())))\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
        ).stdout
        for hash_seed in (1, 2)
    }
    assert len(runs) == 1


def mean_distances(positions, community):
    """Mean distance between two actors of one community, and between two of different communities."""
    inside, across = [], []
    actors = list(positions)
    for index, one in enumerate(actors):
        for other in actors[index + 1 :]:
            (inside if community[one] == community[other] else across).append(
                math.dist(positions[one], positions[other])
            )
    return sum(inside) / len(inside), sum(across) / len(across)


def test_communities_of_the_sample_are_laid_out_apart(sample_survey):
    from clusternet.metrics.communities import louvain_communities

    union = union_tie_graph(sample_survey)
    connected = max(nx.connected_components(union), key=len)
    community = louvain_communities(union.subgraph(connected).copy(), seed=0).membership.to_dict()
    positions = {actor: xy for actor, xy in stable_layout(sample_survey).items() if actor in connected}
    inside, across = mean_distances(positions, community)
    assert inside < 0.6 * across


def test_tight_groups_become_separate_blocks():
    graph = nx.connected_caveman_graph(5, 6)  # five cliques of six, in a ring
    positions = network_layout(graph, seed=2)
    community = {node: node // 6 for node in graph}
    inside, across = mean_distances(positions, community)
    assert inside < 0.5 * across
    closest = min(math.dist(positions[a], positions[b]) for a in graph for b in graph if a < b)
    assert closest > 0.3 * layout.SPACING_PX[0]
