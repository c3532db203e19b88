"""The one registry of KPIs: every kpis.csv KPI once, in order, named and explained, with exact values."""

import math

import networkx as nx
import numpy as np
import pytest

from clusternet.indicator_codes import INDICATOR_CODES, MONITORING_KPI_CODES, NETWORK_KPI_CODES
from clusternet.kpis import (
    DOWN,
    KPI_BY_CODE,
    KPIS,
    MONITORING_KPI_BY_CODE,
    MONITORING_KPIS,
    NEITHER,
    UP,
    kpi_estimators,
    kpi_values,
)
from clusternet.messages import Message
from clusternet.rounds.network import RoundNetwork

KPIS_CSV = [
    "actors",
    "respondents",
    "response_rate",
    "ties",
    "density",
    "reciprocity",
    "mean_degree",
    "components",
    "isolates",
    "largest_component_share",
    "fragmentation",
    "degree_centralization",
    "confirmed_share",
    "joint_action_ties",
    "firms_in_joint_action",
    "mean_trust",
    "high_trust_share",
    "firm_institution_linkage",
    "ei_index",
    "brokerage_top_share",
    "betweenness_gini",
]
"""The kpi column of kpis.csv, in its order (docs/rounds.md)."""


def test_the_registry_lists_every_kpi_of_kpis_csv_once_in_order():
    assert [kpi.code for kpi in KPIS] == KPIS_CSV
    assert list(KPI_BY_CODE) == KPIS_CSV


def test_the_codes_a_logframe_is_checked_against_are_the_registrys():
    assert list(NETWORK_KPI_CODES) == [kpi.code for kpi in KPIS]
    assert list(MONITORING_KPI_CODES) == [kpi.code for kpi in MONITORING_KPIS]
    assert (*KPI_BY_CODE, *MONITORING_KPI_BY_CODE) == INDICATOR_CODES


@pytest.mark.parametrize("kpi", KPIS, ids=lambda kpi: kpi.code)
def test_every_kpi_has_a_name_a_meaning_a_direction_and_a_definition(kpi):
    assert isinstance(kpi.label(), Message) and kpi.label().id == f"kpi.{kpi.code}.name"
    assert kpi.meaning_for("village").id == f"kpi.{kpi.code}.meaning"
    assert str(kpi.label())[0].isupper()
    assert len(str(kpi.meaning_for("village"))) > 20
    assert kpi.good_direction in (UP, DOWN, NEITHER)
    assert kpi.measure.__doc__ and len(kpi.measure.__doc__) > 40


def test_names_and_meanings_read_as_before():
    assert str(KPI_BY_CODE["mean_trust"].label()) == "Mean trust"
    assert str(KPI_BY_CODE["high_trust_share"].label()) == "Ratings of high trust (4-5)"
    assert str(KPI_BY_CODE["high_trust_share"].meaning_for("type")) == (
        "share of trust ratings of 4 or more (much or full trust)"
    )
    assert str(KPI_BY_CODE["ei_index"].meaning_for("village")).startswith("E-I index by village:")
    assert str(KPI_BY_CODE["ei_index"].meaning_for("type")).startswith("E-I index by type:")


@pytest.fixture
def small_round():
    """Four firms and an association, as one round's reported ties.

    F1 -> F2 (joint action, trust 4) and F2 -> F1 (information, trust 2) confirm each other;
    F1 -> I1 (training, trust 5) is unconfirmed (I1 answered, but did not name F1); F2 -> F3
    (information, not rated) cannot be confirmed (F3 did not answer); F4 answered and named nobody.
    Villages: F1, F2 North; F3, F4, I1 South.
    """
    graph = nx.DiGraph()
    for actor, kind, village, answered in [
        ("F1", "firm", "North", True),
        ("F2", "firm", "North", True),
        ("F3", "firm", "South", False),
        ("F4", "firm", "South", True),
        ("I1", "association", "South", True),
    ]:
        graph.add_node(actor, type=kind, village=village, respondent=answered)
    graph.add_edge("F1", "F2", relations=("joint_action",), trust=4, status="confirmed")
    graph.add_edge("F2", "F1", relations=("information",), trust=2, status="confirmed")
    graph.add_edge("F1", "I1", relations=("training",), trust=5, status="unconfirmed")
    graph.add_edge("F2", "F3", relations=("information",), trust=None, status="unconfirmable")
    return RoundNetwork.of("r1", "village", graph, graph, joint_action_selected=True)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("actors", 5),
        ("respondents", 4),
        ("response_rate", 4 / 5),
        ("ties", 4),
        ("density", 4 / 20),  # 4 arcs of 5 * 4 possible
        ("reciprocity", 2 / 4),  # F1 -> F2 and F2 -> F1 of 4 arcs
        ("mean_degree", 6 / 5),  # partners 2, 2, 1, 0, 1
        ("components", 2),  # {F1, F2, F3, I1} and {F4}
        ("isolates", 1),
        ("largest_component_share", 4 / 5),
        ("fragmentation", 1 - 4 * 3 / 20),  # only the 12 ordered pairs of the big piece reach each other
        ("degree_centralization", (0 + 0 + 1 + 2 + 1) / (4 * 3)),
        ("confirmed_share", 2 / 3),  # F2 -> F3 cannot be confirmed
        ("joint_action_ties", 1),
        ("firms_in_joint_action", 2),  # F1 and F2
        ("mean_trust", (4 + 2 + 5) / 3),
        ("high_trust_share", 2 / 3),  # 4 and 5
        ("firm_institution_linkage", 1 / 4),  # F1 of four firms
        ("ei_index", 0.0),  # F1-I1 and F2-F3 cross villages, the two arcs between F1 and F2 do not
        ("brokerage_top_share", 1 / 2),  # F1 brokers F2 -> F1 -> I1, F2 brokers F1 -> F2 -> F3
    ],
)
def test_exact_values_on_a_small_round(small_round, code, expected):
    assert KPI_BY_CODE[code].value(small_round) == pytest.approx(expected)


def test_every_estimator_at_unit_weights_is_the_value(small_round):
    values = kpi_values(small_round)
    ones = np.ones((small_round.size, 1))
    for code, estimator in kpi_estimators(small_round, values).items():
        np.testing.assert_allclose(estimator.evaluate(ones)[0], values[code], rtol=1e-12, err_msg=code)


def test_joint_action_kpis_are_blank_when_the_relation_is_not_compared(small_round):
    without = RoundNetwork.of("r1", "village", small_round.graph, small_round.reported, joint_action_selected=False)
    assert math.isnan(KPI_BY_CODE["joint_action_ties"].value(without))
    assert math.isnan(KPI_BY_CODE["firms_in_joint_action"].value(without))


def test_a_network_without_actors_has_every_kpi_blank_counts_included():
    empty = RoundNetwork.of("r1", "type", nx.DiGraph(), nx.DiGraph(), joint_action_selected=True)
    values = kpi_values(empty)
    assert list(values) == KPIS_CSV
    assert all(math.isnan(value) for value in values.values())
