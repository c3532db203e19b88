"""The analysis of a selection: interface columns, exact values on a small survey, the sample's story."""

import math

import pytest

from clusternet.analysis import ACTOR_COLUMNS, analyze
from clusternet.graph import Selection
from clusternet.kpis import KPIS
from clusternet.rounds.network import round_graphs
from clusternet.survey import SelectionError, load_survey
from tests.conftest import SAMPLE_WORKBOOK

NETWORK_METRICS = [
    "actors",
    "ties",
    "density",
    "reciprocity",
    "components",
    "isolates",
    "ei_index",
    "modularity",
    "communities",
    "mean_trust",
    "response_rate",
    "confirmed_share",
]


@pytest.fixture
def star(csv_survey):
    """A coop at the centre of three firms, one of which did not answer; an isolated bank."""
    return load_survey(
        csv_survey(
            actors=(
                "actor_id,name,type\nC,Coop,association\nF1,Firm 1,firm\nF2,Firm 2,firm\nF3,Firm 3,firm\n"
                "B,Bank,finance\n"
            ),
            ties="source,target,trust\nC,F1,4\nF1,C,5\nC,F2,2\nF2,C,3\nC,F3,4\nB,C,\n",
            respondents="round,actor_id\n1,C\n1,F1\n1,F2\n1,B\n",
        )
    )


def network_values(analysis):
    return dict(zip(analysis.network["metric"], analysis.network["value"]))


def test_actor_table_has_the_interface_columns_in_order(star):
    actors = analyze(star).actors
    assert actors.columns[: len(ACTOR_COLUMNS)].tolist() == ACTOR_COLUMNS
    assert actors["actor_id"].tolist() == ["C", "F1", "F2", "F3", "B"]


def test_network_table_has_the_interface_metrics(star):
    assert set(NETWORK_METRICS) <= set(analyze(star).network["metric"])


def test_star_values_by_hand(star):
    analysis = analyze(star)
    actors = analysis.actors.set_index("actor_id")
    assert actors.loc["C", ["in_degree", "out_degree", "degree"]].tolist() == [3, 3, 4]
    # ordered pairs among F1, F2 (both send to C) and F1, F2, F3 (C sends to all): F1->F2, F1->F3,
    # F2->F1, F2->F3, B->F1, B->F2, B->F3 pass through C
    assert actors.loc["C", "betweenness"] == 7.0
    assert actors.loc["C", "betweenness_norm"] == pytest.approx(7 / 12)
    assert actors.loc["C", "trust_received"] == 4.0 and actors.loc["C", "trust_given"] == pytest.approx(10 / 3)
    assert math.isnan(actors.loc["B", "trust_given"])
    assert actors.loc["F3", "trust_received"] == 4.0 and math.isnan(actors.loc["F3", "trust_given"])
    # two-paths through C: F1->C->F2, F1->C->F3, F2->C->F1, F2->C->F3 join firms through the coop
    # (consultant); B->C->F1, F2, F3 join three different types (liaison)
    assert actors.loc["C", ["coordinator", "gatekeeper", "representative"]].tolist() == [0, 0, 0]
    assert actors.loc["C", "consultant"] == 4 and actors.loc["C", "liaison"] == 3
    assert actors.loc["C", "brokerage_total"] == 7
    network = network_values(analysis)
    assert network["ties"] == 6 and network["density"] == pytest.approx(6 / 20)
    assert network["reciprocity"] == pytest.approx(4 / 6)
    assert network["response_rate"] == pytest.approx(4 / 5)
    # C->F3 goes to a non-respondent and cannot be confirmed; B->C is unconfirmed
    assert network["confirmed_share"] == pytest.approx(4 / 5)
    assert network["mean_trust"] == pytest.approx(18 / 5)
    assert network["firm_institution_linkage"] == 1.0
    assert network["brokerage_top_share"] == 1.0


def test_confirmed_ties_give_an_undirected_analysis(star):
    analysis = analyze(star, Selection(ties="confirmed"))
    actors = analysis.actors.set_index("actor_id")
    assert actors.loc["C", "degree"] == 2 and actors.loc["C", "betweenness"] == 1.0
    assert actors.loc["F3", "degree"] == 0 and math.isnan(actors.loc["F3", "constraint"])
    assert network_values(analysis)["ties"] == 2


def test_empty_round_gives_zeros_and_blanks(csv_survey):
    survey = load_survey(
        csv_survey(actors="actor_id\nA\nB\n", ties="source,target,round\nA,B,1\n", rounds="round\n1\n2\n")
    )
    analysis = analyze(survey, Selection(round="2"))
    assert analysis.actors["degree"].tolist() == [0, 0]
    assert analysis.actors["constraint"].isna().all()
    network = network_values(analysis)
    assert network["ties"] == 0 and network["isolates"] == 2
    assert math.isnan(network["mean_trust"]) and math.isnan(network["modularity"])


def test_unknown_group_attribute_names_the_valid_ones(star):
    with pytest.raises(SelectionError, match='the attributes are "type"'):
        analyze(star, Selection(group_by="village"))


@pytest.fixture(scope="module")
def sample():
    return load_survey(SAMPLE_WORKBOOK)


def test_sample_master_weaver_brokerage_share_falls(sample):
    def share(round_label):
        actors = analyze(sample, Selection(round=round_label)).actors.set_index("actor_id")
        return actors.loc["MW01", "brokerage_total"] / actors["brokerage_total"].sum()

    baseline, endline = share("baseline"), share("endline")
    assert baseline > 0.5 and endline < 0.25


def test_sample_ei_between_villages_rises(sample):
    def ei(round_label):
        return network_values(analyze(sample, Selection(round=round_label, group_by="village")))["ei_index"]

    baseline, endline = ei("baseline"), ei("endline")
    assert baseline < -0.2 and endline > 0.1 and endline - baseline > 0.4


def test_sample_top_broker_at_baseline_is_the_master_weaver(sample):
    actors = analyze(sample, Selection(round="baseline")).actors
    assert actors.nlargest(1, "betweenness")["actor_id"].item() == "MW01"


@pytest.mark.parametrize("ties", ["reported", "any", "confirmed"])
def test_network_measures_that_are_kpis_come_from_the_kpi_registry(star, ties):
    analysis = analyze(star, Selection(ties=ties))
    round_network = round_graphs(star, analysis.selection.round, ties=ties).on(list(star.actors["actor_id"]))
    values = network_values(analysis)
    shared = [kpi for kpi in KPIS if kpi.code in values]
    assert len(shared) == 18  # every KPI but fragmentation and the two joint-action ones
    for kpi in shared:
        assert values[kpi.code] == pytest.approx(kpi.value(round_network), nan_ok=True), kpi.code
