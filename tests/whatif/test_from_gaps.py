"""The gaps become actions: each gap a tie could close, as its scenario step, read from its message's actors."""

import pytest

from clusternet.gaps.bridging import CO_HOSTS
from clusternet.gaps.clauses import actor_list
from clusternet.graph import Selection
from clusternet.messages import Actor, Message
from clusternet.survey import load_survey
from clusternet.view import view_of
from clusternet.whatif import scenario_of, simulate
from clusternet.whatif.from_gaps import facilitated_relation, gap_operations, gap_steps, has_step
from clusternet.whatif.scenario import ADD_TIE, JOIN_ACTION
from tests.conftest import SAMPLE_WORKBOOK, write_csv_folder


@pytest.fixture(scope="module")
def sample():
    return load_survey(SAMPLE_WORKBOOK)


def first_gap(gaps, message_id):
    return gaps.loc[[gap.id == message_id for gap in gaps["message"]]].iloc[0]


def ties_of(operations):
    return [(operation.op, operation.source, operation.target, operation.relation) for operation in operations]


def test_an_introduction_becomes_a_tie_between_the_two_actors_it_introduces(sample):
    gaps = view_of(sample).shown_gaps()  # endline: "introduce W06 to W37, through NGO01" comes first
    gap = first_gap(gaps, "gap.introduction")
    assert gap["actors"] == ("W06", "W37", "NGO01")
    (operation,) = gap_operations(gap["message"], "information", gap["key"])
    assert ties_of([operation]) == [(ADD_TIE, "W06", "W37", "information")]
    assert operation.gap_key == "W06|W37"


def test_an_isolate_is_tied_to_its_introducer_and_a_weak_bridge_joins_its_two_hosts(sample):
    gaps = view_of(sample, Selection(round="baseline")).shown_gaps()
    isolate = first_gap(gaps, "gap.isolated_actor.with_host")
    actor, host = isolate["actors"]
    assert ties_of(gap_operations(isolate["message"], "training")) == [(ADD_TIE, actor, host, "training")]
    bridge = first_gap(gaps, "gap.weak_bridge")
    assert bridge["key"] == "village:Barpālī|Sonāpālī"
    assert ties_of(gap_operations(bridge["message"], "information")) == [(ADD_TIE, "GOV01", "W08", "information")]


def test_two_villages_that_never_meet_are_convened_and_introduced(tmp_path):
    folder = write_csv_folder(
        tmp_path / "villages",
        {
            "actors.csv": "actor_id,type,village\na1,firm,North\na2,firm,North\na3,firm,North\n"
            "b1,firm,South\nb2,firm,South\nb3,firm,South\n",
            "ties.csv": "source,target,trust\n"
            + "".join(
                f"{x},{y},4\n{y},{x},4\n"
                for x, y in [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3")]
            ),
        },
    )
    gaps = view_of(load_survey(folder)).shown_gaps()
    convene = first_gap(gaps, "gap.weak_bridge.no_common_partner")
    (meeting,) = gap_operations(convene["message"], "information")
    assert meeting.op == JOIN_ACTION and len(meeting.actors) == 2
    assert {meeting.actors[0][0], meeting.actors[1][0]} == {"a", "b"}  # the most trusted actor of each village
    joined = first_gap(gaps, "gap.disconnected_component")
    (tie,) = gap_operations(joined["message"], "information")
    assert tie.op == ADD_TIE and {tie.source[0], tie.target[0]} == {"a", "b"}


def test_a_list_of_co_hosts_of_any_length_becomes_one_joint_action():
    hosts = CO_HOSTS(hosts=actor_list(["A", "B", "C"]))
    (operation,) = gap_operations(Message("gap.weak_bridge.no_common_partner", (("co_hosts", hosts),)), "information")
    assert (operation.op, operation.actors) == (JOIN_ACTION, ("A", "B", "C"))
    joined = Message("gap.disconnected_component", (("inside", Actor("C")), ("outside", Actor("D"))))
    assert ties_of(gap_operations(joined, "information")) == [(ADD_TIE, "C", "D", "information")]


def test_gaps_that_no_tie_closes_have_no_step(sample):
    gaps = view_of(sample, Selection(round="baseline")).shown_gaps()
    steps = dict(zip(gaps["kind"], has_step(gaps)))
    assert steps["low_trust"] is False and steps["institution_reach"] is False
    assert steps["broker_dependency"] is False and steps["unconfirmed_tie"] is False
    single_host = Message("gap.weak_bridge", (("host", Actor("A")), ("second_host", "")))
    assert gap_operations(single_host, "information") == ()


def test_the_top_gaps_become_numbered_steps_that_a_simulation_takes(sample):
    view = view_of(sample, Selection(round="baseline"))
    gaps = view.shown_gaps()
    steps = gap_steps(gaps, facilitated_relation(view.survey, view.selection), positions=range(10))
    assert [step.number for step in steps] == list(range(1, len(steps) + 1))
    assert len(steps) == sum(has_step(gaps.iloc[:10]))
    simulation = simulate(view.survey, view.selection, scenario_of(steps, view.survey, view.selection))
    table = simulation.kpi_table().set_index(["step", "kpi"])
    assert table.loc[(len(steps), "isolates"), "after"] < table.loc[(0, "isolates"), "after"]


def test_a_facilitated_tie_is_of_a_selected_relation_else_information(sample):
    assert facilitated_relation(sample, Selection()) == "information"
    assert facilitated_relation(sample, Selection(relations=("training", "finance"))) == "training"
