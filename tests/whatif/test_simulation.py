"""A scenario tried on a copy of the round: hand-worked KPI values before and after each step."""

import math

import pandas as pd
import pytest

from clusternet.analysis import analyze
from clusternet.graph import Selection
from clusternet.kpis import KPI_BY_CODE
from clusternet.survey import load_survey
from clusternet.whatif import Scenario, WhatIfContext, simulate
from clusternet.whatif.apply import apply_step
from clusternet.whatif.kpis import GOOD_DIRECTIONS, state_values
from clusternet.whatif.simulation import KEPT, NEW, REMOVED
from clusternet.whatif.state import measure_state, state_after
from tests.conftest import SAMPLE_WORKBOOK, write_csv_folder
from tests.whatif.conftest import STAR, STAR_TIES


def kpis(simulation, step=None):
    """KPI -> (before, after) of one step (the last by default)."""
    table = simulation.kpi_table()
    number = table["step"].iloc[-1] if step is None else step
    rows = table.loc[table["step"] == number].set_index("kpi")
    return {kpi: (row["before"], row["after"]) for kpi, row in rows.iterrows()}


def test_an_empty_scenario_changes_no_kpi(survey_of):
    simulation = simulate(survey_of(STAR, STAR_TIES), Selection(), Scenario(()))
    table = simulation.kpi_table()
    assert table["step"].unique().tolist() == [0]
    assert table["kpi"].tolist() == list(GOOD_DIRECTIONS)
    assert ((table["change"] == 0) | (table["before"].isna() & table["after"].isna())).all()
    assert simulation.actor_changes().empty
    assert set(simulation.tie_changes()["status"]) == {KEPT}


def test_removing_the_hub_of_a_star_takes_fragmentation_from_0_to_1(survey_of, scenario_of_rows):
    survey = survey_of(STAR, STAR_TIES)
    simulation = simulate(survey, Selection(), scenario_of_rows(survey, "1,remove_actor,,,,,hub,,"))
    values = kpis(simulation)
    assert values["fragmentation"] == (0.0, 1.0)
    # hub-leaf pairs 1 step apart, leaf pairs 2: 1 - 2 (3 + 3/2) / (4 * 3) = 1/4; no tie left: 1
    assert values["distance_weighted_fragmentation"] == (pytest.approx(0.25), 1.0)
    assert values["actors"] == (4, 3) and values["isolates"] == (0, 3)
    assert values["institution_reach_1"] == (1.0, 0.0)
    assert set(simulation.tie_changes()["status"]) == {REMOVED}


def test_a_joint_action_of_three_untied_actors_adds_six_arcs(survey_of, scenario_of_rows):
    survey = survey_of(["x,firm", "y,firm", "z,firm", "w,firm"], [("w", "x")])
    simulation = simulate(survey, Selection(), scenario_of_rows(survey, "1,join_action,,,,,x;y;z,,"))
    values = kpis(simulation)
    assert values["ties"] == (2, 8)
    # the relation joint_action is new to the survey: its KPIs count from 0
    assert values["joint_action_ties"] == (0, 6) and values["firms_in_joint_action"] == (0, 3)
    assert values["density"] == (pytest.approx(2 / 12), pytest.approx(8 / 12))


def test_each_steps_after_is_the_next_steps_before(survey_of, scenario_of_rows):
    survey = survey_of(STAR + ["d,firm"], STAR_TIES)
    scenario = scenario_of_rows(
        survey,
        "1,add_tie,c,d,information,,,,",
        "2,add_tie,a,b,information,,,,",
        "3,remove_tie,hub,a,,,,,",
        "4,add_actor,,,,,bank,finance,",
        "4,add_tie,bank,d,finance,,,,",
    )
    table = simulate(survey, Selection(), scenario).kpi_table()
    assert table["step"].unique().tolist() == [0, 1, 2, 3, 4]
    by_step = {step: rows.set_index("kpi") for step, rows in table.groupby("step")}
    for step in (1, 2, 3, 4):
        pd.testing.assert_series_equal(by_step[step]["before"], by_step[step - 1]["after"], check_names=False)
    assert by_step[1].loc["fragmentation", "before"] == pytest.approx(1 - 12 / 20)  # d alone: 4 of 5 joined
    assert by_step[1].loc["fragmentation", "after"] == 0.0
    assert by_step[4].loc["actors", "after"] == 6


def test_the_survey_itself_is_never_changed(survey_of, scenario_of_rows):
    survey = survey_of(STAR, STAR_TIES)
    fingerprint, ties = survey.fingerprint, survey.ties.copy()
    simulate(survey, Selection(), scenario_of_rows(survey, "1,remove_actor,,,,,hub,,", "2,add_tie,a,b,information,,,,"))
    pd.testing.assert_frame_equal(survey.ties, ties)
    assert survey.fingerprint == fingerprint and len(survey.actors) == 4


def test_step_0_is_the_network_table_of_the_same_selection():
    survey = load_survey(SAMPLE_WORKBOOK)
    selection = Selection(round="baseline", relations=("information", "joint_action"), group_by="village")
    network = analyze(survey, selection).network_values
    as_is = kpis(simulate(survey, selection, Scenario(())), step=0)
    shared = [code for code in KPI_BY_CODE if code in network]
    assert len(shared) > 15
    for code in shared:
        expected, (before, after) = network[code], as_is[code]
        assert before == after
        assert (math.isnan(expected) and math.isnan(before)) or before == pytest.approx(expected), code


def test_an_added_tie_changes_its_two_actors_and_is_drawn_as_new(survey_of, scenario_of_rows):
    survey = survey_of(STAR + ["d,firm"], STAR_TIES)
    simulation = simulate(survey, Selection(), scenario_of_rows(survey, "1,add_tie,d,a,information,5,,,"))
    changes = simulation.actor_changes().set_index(["actor_id", "metric"])
    assert changes.loc[("d", "degree")].tolist() == [0.0, 1.0]
    assert changes.loc[("a", "degree")].tolist() == [1.0, 2.0]
    assert changes.loc[("d", "steps_to_institution")].isna().tolist() == [True, False]
    assert changes.loc[("d", "steps_to_institution"), "after"] == 2.0
    ties = simulation.tie_changes()
    assert ties.loc[ties["status"] == NEW, ["first", "second"]].values.tolist() == [["a", "d"]]


def test_a_project_attribute_gives_the_projects_share_of_brokerage(tmp_path):
    folder = write_csv_folder(
        tmp_path / "s",
        {
            "actors.csv": "actor_id,type,is_project\nP,ngo,yes\na,firm,no\nb,firm,\nc,firm,no\n",
            "ties.csv": "source,target\nP,a\na,P\nP,b\nb,P\nb,c\nc,b\n",
        },
    )
    survey = load_survey(folder)
    values = kpis(simulate(survey, Selection(), Scenario(())), step=0)
    # brokered two-paths: a -> P -> b and b -> P -> a through P, P -> b -> c and c -> b -> P through b
    assert values["project_brokerage_share"][0] == pytest.approx(0.5)
    other = WhatIfContext(project_attribute="no_such_attribute")
    assert math.isnan(
        kpis(simulate(survey, Selection(), Scenario(()), context=other), step=0)["project_brokerage_share"][0]
    )


@pytest.mark.parametrize("ties", ["reported", "any", "confirmed"])
def test_a_state_built_from_the_one_before_is_the_state_built_from_scratch(ties, scenario_of_rows):
    survey = load_survey(SAMPLE_WORKBOOK)
    selection = Selection(round="baseline", ties=ties, relations=("information", "training", "joint_action"))
    scenario = scenario_of_rows(
        survey,
        "1,add_tie,W08,W11,information,4,,,",
        "1,add_arc,W02,COOP01,training,,,,",
        "2,remove_tie,MW01,W01,,,,,",
        "3,join_action,,,,,W01;W30;W35,,",
        "4,remove_actor,,,,,MW02,,",
        "4,add_actor,,,,,BDS09,bds,",
        "4,add_tie,BDS09,W09,training,3,,,",
        selection=selection,
    )
    resolved = selection.resolved(survey)
    current = survey.select("baseline")
    state = measure_state(current, resolved, True)
    for step in scenario.steps:
        current, _ = apply_step(current, step)
        state = state_after(state, current, step, resolved, True)
        fresh = measure_state(current, resolved, True, state.actors["community"])
        for built, rebuilt in ((state.graph, fresh.graph), (state.reported, fresh.reported)):
            assert list(built.nodes(data=True)) == list(rebuilt.nodes(data=True))
            assert sorted(built.edges(data=True)) == sorted(rebuilt.edges(data=True))
        assert state_values(state, WhatIfContext()) == pytest.approx(state_values(fresh, WhatIfContext()), nan_ok=True)
