"""A state's graphs are frozen and their tie matrices and tie values kept: never a stale matrix, never
another state's."""

import networkx as nx
import numpy as np
import pytest

from clusternet.gaps import gaps_table
from clusternet.graph import Selection
from clusternet.metrics.adjacency import arc_matrix, edge_values, partner_matrix, tie_ends
from clusternet.whatif.apply import apply_step
from clusternet.whatif.kpis import WhatIfContext, state_values
from clusternet.whatif.state import measure_state, state_after
from tests.whatif.conftest import STAR, STAR_TIES


def path_of_three() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(["a", "b", "c"])
    graph.add_edges_from([("a", "b"), ("b", "c")])
    return graph


def test_a_frozen_graphs_matrix_is_found_once_and_cannot_be_written():
    graph = nx.freeze(path_of_three())
    arcs = arc_matrix(graph)
    assert arc_matrix(graph) is arcs
    assert arcs.toarray().tolist() == [[0, 1, 0], [0, 0, 1], [0, 0, 0]]
    assert partner_matrix(graph).toarray().tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    with pytest.raises(ValueError, match="read-only"):
        arcs.data[0] = 2
    with pytest.raises(ValueError, match="read-only"):
        tie_ends(graph)[0][0] = 2


def test_a_graph_that_is_not_frozen_is_read_again_after_it_changes():
    graph = path_of_three()
    assert arc_matrix(graph).toarray().tolist() == [[0, 1, 0], [0, 0, 1], [0, 0, 0]]
    graph.add_edge("c", "a")
    graph.remove_edge("a", "b")
    assert arc_matrix(graph).toarray().tolist() == [[0, 0, 0], [0, 0, 1], [1, 0, 0]]
    assert partner_matrix(graph, self_loops=False).toarray().tolist() == [[0, 0, 1], [0, 0, 1], [1, 1, 0]]
    assert [ends.tolist() for ends in tie_ends(graph)] == [[1, 2], [2, 0]]


def test_two_frozen_graphs_of_the_same_actors_keep_their_own_matrices():
    first = nx.freeze(path_of_three())
    second = path_of_three()
    second.add_edge("a", "c")
    nx.freeze(second)
    assert partner_matrix(first).toarray().tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    assert partner_matrix(second).toarray().tolist() == [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    assert partner_matrix(first).toarray().tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]


def rated_path() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(["a", "b", "c"])
    graph.add_edge("a", "b", trust=4.0)
    graph.add_edge("b", "c")
    graph.add_edge("c", "a", trust=2.5)
    return graph


def test_a_frozen_graphs_tie_values_are_read_once_and_cannot_be_written():
    graph = nx.freeze(rated_path())
    source, target, values = edge_values(graph, "trust")
    assert (source.tolist(), target.tolist(), values.tolist()) == ([0, 2], [1, 0], [4.0, 2.5])
    assert edge_values(graph, "trust") is edge_values(graph, "trust")
    assert [array.tolist() for array in edge_values(graph, "missing")] == [[], [], []]
    with pytest.raises(ValueError, match="read-only"):
        values[0] = 1.0


def test_the_tie_values_of_a_graph_that_is_not_frozen_are_read_again_after_it_changes():
    graph = rated_path()
    assert edge_values(graph, "trust")[2].tolist() == [4.0, 2.5]
    graph.edges["b", "c"]["trust"] = 1.0
    graph.remove_edge("a", "b")
    assert [array.tolist() for array in edge_values(graph, "trust")] == [[1, 2], [2, 0], [1.0, 2.5]]


def test_the_state_after_a_step_is_measured_as_afresh(survey_of, scenario_of_rows):
    """Each state's KPIs and gaps are those of the round as the step left it, measured from scratch:
    the matrices kept for the state before (a star) are not the state after's (the hub gone)."""
    survey = survey_of([*STAR, "d,firm"], [*STAR_TIES, ("c", "d")])
    selection = Selection().resolved(survey)
    (step,) = scenario_of_rows(survey, "1,remove_actor,,,,,hub,,").steps
    current = survey.select(selection.round)
    before = measure_state(current, selection, joint_action=False)
    before_values = state_values(before, WhatIfContext())
    changed, _ = apply_step(current, step)
    after = state_after(before, changed, step, selection, joint_action=False)
    afresh = measure_state(changed, selection, joint_action=False, communities=before.actors["community"])

    assert nx.is_frozen(before.graph) and nx.is_frozen(after.graph)
    assert partner_matrix(before.graph, self_loops=False).toarray().tolist() == [
        [0, 1, 1, 1, 0],
        [1, 0, 0, 0, 0],
        [1, 0, 0, 0, 0],
        [1, 0, 0, 0, 1],
        [0, 0, 0, 1, 0],
    ]
    assert partner_matrix(after.graph, self_loops=False).toarray().tolist() == [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 1, 0],
    ]
    after_values = state_values(after, WhatIfContext())
    assert before_values["fragmentation"] == 0.0 and before_values["isolates"] == 0
    # a, b alone and the pair c - d: 2 of the 12 ordered pairs reach each other
    assert after_values["fragmentation"] == pytest.approx(1 - 2 / 12)
    assert after_values["isolates"] == 2
    assert np.array_equal(
        list(after_values.values()), list(state_values(afresh, WhatIfContext()).values()), equal_nan=True
    )
    assert gaps_table(after.analysis)[["kind", "actors", "score", "key"]].equals(
        gaps_table(afresh.analysis)[["kind", "actors", "score", "key"]]
    )
