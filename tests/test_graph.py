"""Graphs from a survey: reported arcs, any and confirmed ties, statuses and the trust floor."""

import pytest

from clusternet.graph import Selection, build_graph
from clusternet.metrics.linkages import linkages
from clusternet.survey import SelectionError, load_survey

ACTORS = (
    "actor_id,name,type,village\nA,Alpha,firm,North\nB,Beta,firm,South\nC,Coop,association,North\n"
    "D,Dept,government,\nE,Lone,firm,North\n"
)
TIES = """source,target,round,relation,trust,weight
A,B,1,information,4,2
A,B,1,joint_action,2,3
B,A,1,information,5,1
A,C,1,information,3,1
A,D,1,training,,1
C,B,1,information,2,1
A,B,2,information,4,1
"""
RESPONDENTS = "round,actor_id\n1,A\n1,B\n1,C\n1,E\n2,A\n2,B\n"


@pytest.fixture
def survey(csv_survey):
    return load_survey(
        csv_survey(
            actors=ACTORS,
            ties=TIES,
            respondents=RESPONDENTS,
            rounds="round,date\n1,2023-01-01\n2,2024-01-01\n3,2025-01-01\n",
        )
    )


def test_reported_arc_carries_all_relations_between_a_pair(survey):
    graph = build_graph(survey, Selection(round="1"))
    assert graph.is_directed()
    arc = graph.edges["A", "B"]
    assert arc["relations"] == ("information", "joint_action")
    assert arc["weights"] == {"information": 2.0, "joint_action": 3.0}
    assert arc["weight"] == 5.0
    assert arc["trust"] == 3.0
    assert graph.edges["A", "D"]["trust"] is None


def test_status_tells_confirmed_unconfirmed_and_unconfirmable(survey):
    graph = build_graph(survey, Selection(round="1"))
    assert {(u, v): s for u, v, s in graph.edges(data="status")} == {
        ("A", "B"): "confirmed",
        ("B", "A"): "confirmed",
        ("A", "C"): "unconfirmed",
        ("C", "B"): "unconfirmed",
        ("A", "D"): "unconfirmable",
    }


def test_every_actor_is_a_node_with_its_attributes(survey):
    graph = build_graph(survey, Selection(round="1"))
    assert list(graph.nodes) == ["A", "B", "C", "D", "E"]
    assert graph.nodes["E"] == {"name": "Lone", "type": "firm", "village": "North", "respondent": True}
    assert graph.nodes["D"]["village"] is None
    assert graph.nodes["D"]["respondent"] is False


def test_any_ties_join_either_report_and_confirmed_ties_need_both(survey):
    any_ties = build_graph(survey, Selection(round="1", ties="any"))
    assert not any_ties.is_directed()
    assert sorted(map(sorted, any_ties.edges)) == [["A", "B"], ["A", "C"], ["A", "D"], ["B", "C"]]
    mutual = any_ties.edges["A", "B"]
    assert (mutual["reports"], mutual["weight"], mutual["trust"], mutual["status"]) == (2, 3.0, 4.0, "confirmed")
    confirmed = build_graph(survey, Selection(round="1", ties="confirmed"))
    assert list(confirmed.edges) == [("A", "B")]


def test_relation_selection_keeps_only_those_ties(survey):
    graph = build_graph(survey, Selection(round="1", relations=("joint_action",)))
    assert list(graph.edges) == [("A", "B")]
    assert graph.edges["A", "B"]["status"] == "unconfirmed"


def test_min_trust_applies_to_each_report_before_combining(survey):
    graph = build_graph(survey, Selection(round="1", ties="confirmed", min_trust=4))
    assert list(graph.edges) == [("A", "B")]
    assert build_graph(survey, Selection(round="1", ties="confirmed", min_trust=5)).number_of_edges() == 0
    reported = build_graph(survey, Selection(round="1", min_trust=3))
    assert sorted(reported.edges) == [("A", "B"), ("A", "C"), ("B", "A")]


def test_default_round_is_the_latest_and_a_round_without_ties_is_an_empty_graph(survey):
    latest = build_graph(survey)
    assert latest.graph["round"] == "3"
    assert latest.number_of_nodes() == 5 and latest.number_of_edges() == 0


def test_a_tie_of_weight_zero_is_a_tie_in_the_graph_and_in_degree(csv_survey):
    survey = load_survey(csv_survey(actors="actor_id\nA\nB\nC\n", ties="source,target,weight\nA,B,0\nB,A,0\nA,C,2\n"))
    reported = build_graph(survey)
    assert reported.edges["A", "B"]["weight"] == 0.0
    assert reported.edges["A", "B"]["status"] == "confirmed"
    assert linkages(reported)["degree"].to_dict() == {"A": 2, "B": 1, "C": 1}
    confirmed = build_graph(survey, Selection(ties="confirmed"))
    assert list(confirmed.edges(data="weight")) == [("A", "B", 0.0)]
    assert dict(confirmed.degree()) == {"A": 1, "B": 1, "C": 0}


def test_unknown_round_relation_or_mode_names_the_valid_ones(survey):
    with pytest.raises(SelectionError, match='the rounds are "1", "2", "3"'):
        build_graph(survey, Selection(round="9"))
    with pytest.raises(SelectionError, match='the relations are "information", "joint_action", "training"'):
        build_graph(survey, Selection(relations=("trade",)))
    with pytest.raises(SelectionError, match="reported, any, confirmed"):
        build_graph(survey, Selection(ties="mutual"))
