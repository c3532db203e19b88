"""The what-if as an audience sees it: codes for an anonymised one, no trust KPI, no gap keys."""

import math

import pytest

from clusternet.graph import Selection
from clusternet.survey import load_survey
from clusternet.view import view_of
from clusternet.whatif import scenario_of
from clusternet.whatif.from_gaps import facilitated_relation, gap_steps
from tests.conftest import SAMPLE_WORKBOOK


@pytest.fixture(scope="module")
def sample():
    return load_survey(SAMPLE_WORKBOOK)


def plan_of(view, count=3):
    steps = gap_steps(view.shown_gaps(), facilitated_relation(view.survey, view.selection), range(20))[:count]
    return scenario_of(steps, view.survey, view.selection)


def test_the_broker_sees_ids_trust_and_the_gaps_keys(sample):
    view = view_of(sample, Selection(round="baseline"))
    scenario = plan_of(view)
    simulation = view.simulate(scenario)
    assert view.simulate(scenario) is simulation  # measured once per selection and plan
    plan = view.plan_table(scenario.steps)
    assert plan["gap_key"].iloc[0] == "village:Barpālī|Sonāpālī"
    assert set(plan["source"]) <= set(sample.actors["actor_id"])
    table = view.whatif_table(simulation).set_index(["step", "kpi"])
    assert not math.isnan(table.loc[(0, "mean_trust"), "after"])
    overall = view.whatif_overall(simulation).set_index("kpi")
    assert overall.loc["distance_weighted_fragmentation", "name"] == "Distance-weighted fragmentation"


def test_an_anonymised_audience_sees_codes_no_trust_kpi_and_no_gap_key(sample):
    view = view_of(sample, Selection(round="baseline"), anonymize=True, key="test")
    scenario = plan_of(view)
    simulation = view.simulate(scenario)
    plan = view.plan_table(scenario.steps)
    codes = set(view.codes.values())
    assert set(plan["source"]) | set(plan["target"]) <= codes and set(plan["gap_key"]) == {""}
    table = view.whatif_table(simulation)
    trust = table["kpi"].isin(["mean_trust", "high_trust_share"])
    assert table.loc[trust, ["before", "after", "change"]].isna().all().all()
    assert table.loc[~trust & (table["kpi"] == "ties"), "after"].notna().all()
    changes = view.whatif_actor_changes(simulation)
    assert not changes.empty and set(changes["actor_id"]) <= codes
