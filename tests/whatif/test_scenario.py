"""Scenario files as a broker writes them: read, checked step by step, every problem named by its row."""

import pytest

from clusternet.graph import Selection
from clusternet.messages import ENGLISH
from clusternet.whatif import ScenarioError, load_scenario
from clusternet.whatif.scenario import ADD_ACTOR, ADD_TIE, JOIN_ACTION, plan_table, scenario_of
from tests.conftest import write_workbook
from tests.whatif.conftest import SCENARIO_HEADER, STAR, STAR_TIES


def errors(error: ScenarioError) -> list[tuple[int | None, str | None, str]]:
    return [
        (problem.row, problem.column, ENGLISH.render(problem.message))
        for problem in error.problems
        if problem.severity == "error"
    ]


def test_rows_of_one_step_are_applied_together_in_the_order_of_the_steps(survey_of, scenario_of_rows):
    survey = survey_of(STAR, STAR_TIES)
    scenario = scenario_of_rows(
        survey,
        "2,add_tie,a,b,information,4,,,",
        "1,add_actor,,,,,new,bds,a service provider",
        "1,add_tie,new,c,training,,,,",
    )
    assert [step.number for step in scenario.steps] == [1, 2]
    assert [operation.op for operation in scenario.steps[0].operations] == [ADD_ACTOR, ADD_TIE]
    assert scenario.steps[0].operations[0].note == "a service provider"
    assert scenario.steps[1].operations[0].trust == 4


def test_without_step_numbers_every_row_is_a_step(survey_of, scenario_of_rows):
    scenario = scenario_of_rows(survey_of(STAR, STAR_TIES), ",add_tie,a,b,information,,,,", ",join_action,,,,,a;b;c,,")
    assert [(step.number, step.operations[0].op) for step in scenario.steps] == [(1, ADD_TIE), (2, JOIN_ACTION)]
    assert scenario.steps[1].operations[0].actors == ("a", "b", "c")


def test_every_bad_row_is_named_with_its_column_and_what_to_do(survey_of, scenario_of_rows):
    with pytest.raises(ScenarioError) as refused:
        scenario_of_rows(
            survey_of(STAR, STAR_TIES),
            "1,introduce,a,b,information,,,,",
            "2,add_tie,a,nobody,information,,,,",
            "3,add_tie,a,,information,,,,",
            "4,remove_actor,,,,,,,",
            "5,add_tie,a,b,information,7,,,",
            "6,add_actor,,,,,a,firm,",
            "7,join_action,,,,,a;a,,",
            "x,add_tie,a,b,information,,,,",
        )
    assert errors(refused.value) == [
        (2, "op", 'there is no operation "introduce"'),
        (6, "trust", "7 is outside the trust scale 1-5"),
        (9, "step", '"x" is not a step number'),
        (3, "target", 'there is no actor "nobody" in the survey'),
        (4, "target", "the operation add_tie needs a value in target"),
        (5, "actor_id", "the operation remove_actor needs a value in actor_id"),
        (7, "actor_id", 'there is already an actor "a"'),
        (8, "actor_id", "a joint action needs two or more different actors"),
    ]
    assert "row" not in str(refused.value).splitlines()[0]  # a summary line, then the table


def test_an_actor_removed_by_an_earlier_step_cannot_be_named_later(survey_of, scenario_of_rows):
    with pytest.raises(ScenarioError) as refused:
        scenario_of_rows(survey_of(STAR, STAR_TIES), "1,remove_actor,,,,,hub,,", "2,add_tie,hub,a,information,,,,")
    assert errors(refused.value) == [(3, "source", '"hub" was removed by step 1')]


def test_a_relation_the_selection_leaves_out_is_a_warning_not_an_error(survey_of, scenario_of_rows):
    survey = survey_of(STAR, STAR_TIES)
    scenario = scenario_of_rows(survey, "1,add_tie,a,b,finance,,,,", selection=Selection(relations=("information",)))
    (warning,) = scenario.warnings
    assert warning.severity == "warning" and warning.row == 2
    assert "not among the selected relations" in ENGLISH.render(warning.message)


def test_a_tie_below_the_selections_trust_floor_is_a_warning(survey_of, scenario_of_rows):
    scenario = scenario_of_rows(survey_of(STAR, STAR_TIES), "1,add_tie,a,b,information,,,,",
                                selection=Selection(min_trust=3))  # fmt: skip
    assert [ENGLISH.render(problem.message) for problem in scenario.warnings] == [
        "the selection keeps only ties rated 3 or more, so this tie, not rated, changes no KPI"
    ]


def test_header_without_op_and_files_that_are_no_scenario_are_refused(survey_of, tmp_path):
    survey = survey_of(STAR, STAR_TIES)
    no_op = tmp_path / "no_op.csv"
    no_op.write_text("step,source,target\n1,a,b\n")
    document = tmp_path / "plan.docx"
    document.write_text("steps")
    for path, problem in [
        (no_op, 'The scenario has no column "op"'),
        (document, "a scenario is a .csv file or an .xlsx workbook with a sheet scenario"),
        (tmp_path / "missing.csv", "There is no file or folder at this path"),
    ]:
        with pytest.raises(ScenarioError) as refused:
            load_scenario(path, survey, Selection())
        assert problem.lower() in str(refused.value).lower()


def test_the_sheet_scenario_of_a_workbook_is_read(survey_of, tmp_path):
    header = SCENARIO_HEADER.split(",")
    path = write_workbook(
        tmp_path / "plan.xlsx",
        {"notes": [["anything"]], "Scenario": [header, [1, "add_tie", "a", "b", "information", 5, None, None, None]]},
    )
    scenario = load_scenario(path, survey_of(STAR, STAR_TIES), Selection())
    (step,) = scenario.steps
    assert (step.operations[0].source, step.operations[0].target, step.operations[0].trust) == ("a", "b", 5)
    assert step.operations[0].row == 2


def test_a_plan_reads_back_as_the_same_scenario(survey_of, scenario_file, tmp_path):
    survey = survey_of(STAR, STAR_TIES)
    scenario = load_scenario(
        scenario_file("1,add_tie,a,b,information,4,,,", "2,join_action,,,,,a;b;c,,"), survey, Selection()
    )
    plan = plan_table(scenario.steps)
    assert plan.columns.tolist() == [*SCENARIO_HEADER.split(","), "gap_key"]
    written = tmp_path / "plan.csv"
    plan.to_csv(written, index=False)
    assert load_scenario(written, survey, Selection()).steps == scenario.steps


def test_steps_written_by_a_program_are_numbered_by_the_rows_of_their_plan(survey_of, scenario_file):
    survey = survey_of(STAR, STAR_TIES)
    steps = load_scenario(scenario_file("1,add_tie,a,b,information,,,,", "1,add_arc,c,a,information,,,,"), survey,
                          Selection()).steps  # fmt: skip
    rebuilt = scenario_of(steps, survey, Selection())
    assert [operation.row for step in rebuilt.steps for operation in step.operations] == [2, 3]
