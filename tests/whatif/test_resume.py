"""A scenario that begins with a simulated one continues from its states: the same tables, fewer states measured."""

import math
from dataclasses import replace

import pandas as pd
import pytest

import clusternet.whatif.simulation as simulation_module
from clusternet.cache import AnalysisCache
from clusternet.graph import Selection
from clusternet.whatif import Scenario, WhatIfContext, simulate
from tests.whatif.conftest import STAR, STAR_TIES

ROWS = (
    "1,add_tie,c,d,information,3,,,",
    "2,add_tie,a,b,information,,,,",
    "3,remove_tie,hub,a,,,,,",
    "4,add_actor,,,,,bank,finance,",
    "4,add_tie,bank,d,finance,,,,",
    "5,remove_tie,a,d,,,,,",  # no such tie: a warning
)


@pytest.fixture
def counted_states(monkeypatch):
    """How many states after a step are measured (each call of ``state_after``)."""
    calls = []
    original = simulation_module.state_after

    def counting(*arguments, **options):
        calls.append(arguments[2].number)
        return original(*arguments, **options)

    monkeypatch.setattr(simulation_module, "state_after", counting)
    return calls


def same_simulation(first, second):
    pd.testing.assert_frame_equal(first.kpi_table(), second.kpi_table())
    pd.testing.assert_frame_equal(first.actor_changes(), second.actor_changes())
    pd.testing.assert_frame_equal(first.tie_changes(), second.tie_changes())
    assert first.warnings == second.warnings and first.numbers == second.numbers


def test_a_longer_scenario_continues_from_the_states_of_its_first_steps(survey_of, scenario_of_rows, counted_states):
    survey = survey_of(STAR + ["d,firm"], STAR_TIES)
    whole = scenario_of_rows(survey, *ROWS)
    fresh = simulate(survey, Selection(), whole)
    # the scenario's own warning (a relation new to the survey), then the step that removes no tie
    assert len(whole.warnings) == 1 and len(fresh.step_warnings) == 1 and len(fresh.warnings) == 2
    counted_states.clear()
    begun = simulate(survey, Selection(), replace(whole, steps=whole.steps[:2]))
    continued = simulate(survey, Selection(), whole, resume=begun)
    assert counted_states == [1, 2, 3, 4, 5]  # steps 1 and 2 once, for the shorter scenario only
    same_simulation(continued, fresh)
    assert continued.before is begun.before  # the round as it is: measured once


def test_a_scenario_that_does_not_begin_with_the_kept_steps_is_measured_afresh(
    survey_of, scenario_of_rows, counted_states
):
    survey = survey_of(STAR + ["d,firm"], STAR_TIES)
    whole = scenario_of_rows(survey, *ROWS)
    other = simulate(survey, Selection(), scenario_of_rows(survey, "1,add_tie,a,d,information,,,,"))
    counted_states.clear()
    continued = simulate(survey, Selection(), whole, resume=other)
    assert counted_states == [1, 2, 3, 4, 5]
    same_simulation(continued, simulate(survey, Selection(), whole))
    moved = replace(whole, where="another plan.csv")  # the warnings would name another file
    assert not simulate(survey, Selection(), replace(whole, steps=whole.steps[:2])).begins(moved)


def test_a_later_joint_action_measures_the_first_steps_again(survey_of, scenario_of_rows, counted_states):
    survey = survey_of(STAR + ["d,firm"], STAR_TIES)
    first = scenario_of_rows(survey, "1,add_tie,c,d,information,,,,")
    whole = scenario_of_rows(survey, "1,add_tie,c,d,information,,,,", "2,join_action,,,,,a;b;d,,")
    begun = simulate(survey, Selection(), first)
    counted_states.clear()
    continued = simulate(survey, Selection(), whole, resume=begun)
    # the joint action brings the relation in: its KPIs count from 0 in every state, step 1 included
    assert counted_states == [1, 2]
    assert continued.values[1]["joint_action_ties"] == 0 and math.isnan(begun.values[1]["joint_action_ties"])
    same_simulation(continued, simulate(survey, Selection(), whole))


def test_the_cache_continues_the_longest_kept_plan_of_the_same_selection_and_context(
    survey_of, scenario_of_rows, counted_states
):
    survey = survey_of(STAR + ["d,firm"], STAR_TIES)
    whole = scenario_of_rows(survey, *ROWS)
    cache, context = AnalysisCache(survey), WhatIfContext()
    for size in (1, 3):
        cache.simulation(Selection(), replace(whole, steps=whole.steps[:size]), context)
    counted_states.clear()
    continued = cache.simulation(Selection(), whole, context)
    assert counted_states == [4, 5]
    same_simulation(continued, simulate(survey, Selection(), whole))
    counted_states.clear()
    cache.simulation(Selection(), whole, replace(context, left_out_gaps=("low_trust",)))  # other gap totals
    assert counted_states == [1, 2, 3, 4, 5]
    counted_states.clear()
    cache.simulation(Selection(ties="confirmed"), whole, context)
    assert counted_states == [1, 2, 3, 4, 5]
    assert cache.simulation(Selection(), Scenario(()), context).numbers == (0,)
