"""Bad actions and logframe sheets give row-level problems with a fix; good ones load as they are."""

import pandas as pd
import pytest

from clusternet.survey import SurveyError, load_survey
from tests.logframe.conftest import ACTIONS, LOGFRAME, write_survey


def problems_of(tmp_path, actions=ACTIONS, logframe=LOGFRAME) -> list[str]:
    with pytest.raises(SurveyError) as raised:
        load_survey(write_survey(tmp_path / "bad", actions=actions, logframe=logframe))
    return [str(problem) for problem in raised.value.problems]


def test_good_sheets_load_with_their_columns(logframe_survey):
    actions = logframe_survey.actions
    assert actions["action_id"].tolist() == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert actions["date"].dtype == "datetime64[ns]"
    assert actions["status"].tolist() == ["done"] * 5 + ["planned"]
    assert actions.loc[0, "participants"] == "P1;F3;A1"
    logframe = logframe_survey.logframe
    assert logframe["basis"].tolist() == ["all"] * 5
    assert logframe.columns[-3:].tolist() == ["value_r1", "value_r2", "value_r3"]
    assert logframe["target"].tolist() == [9, 0, 4, 30, 0.5]
    assert logframe_survey.warnings == ()


def test_a_repeated_action_id_names_both_rows(tmp_path):
    found = problems_of(tmp_path, actions=ACTIONS + "a1,2024-01-05,meeting,F1;F2,,,,,,done\n")
    assert any("row 8" in text and '"a1" is already used on row 2' in text for text in found), found


def test_an_unknown_participant_is_named_with_a_suggestion(tmp_path):
    found = problems_of(tmp_path, actions=ACTIONS.replace("F3;F4;A1", "F3;F44;A1"))
    assert any("row 3" in text and '"F44" is not in the actors list; did you mean "F4"?' in text for text in found)


def test_an_unknown_kpi_code_is_named_with_a_suggestion(tmp_path):
    found = problems_of(tmp_path, logframe=LOGFRAME.replace(",ties,all", ",tie,all"))
    assert any("row 2" in text and '"tie" is not a KPI code; did you mean "ties"?' in text for text in found), found


@pytest.mark.parametrize(
    ("actions", "logframe", "expected"),
    [
        (ACTIONS.replace("2024-03-01", "soon"), LOGFRAME, "row 3"),
        (ACTIONS.replace("joint_action,F3", "jointaction,F3"), LOGFRAME, 'did you mean "joint_action"?'),
        (ACTIONS.replace(",I3,Joint", ",I9,Joint"), LOGFRAME, '"I9" is not an indicator_id of the logframe'),
        (ACTIONS.replace(",planned", ",maybe"), LOGFRAME, '"maybe" is not a status'),
        (ACTIONS, LOGFRAME.replace("r2,0.5", "r7,0.5"), '"r7" is not a round of the survey'),
        (ACTIONS, LOGFRAME.replace(",9,r3", ",nine,r3"), '"nine" is not a number'),
        (ACTIONS, LOGFRAME.replace("value_r3", "value_r9"), '"r9" is not a round of the survey'),
        (ACTIONS, LOGFRAME.replace("I4,output,Firms trained (typed),,,r1,30,r3,10,20,35", "I4,output,x,,,r1,30,r3,,,"),
         "neither a kpi code nor a value_<round>"),
        (ACTIONS, LOGFRAME.replace("I2,outcome", "I1,outcome"), '"I1" is already used on row 2'),
        (ACTIONS, LOGFRAME.replace("impact,", "goal,"), '"goal" is not a level'),
    ],
)  # fmt: skip
def test_bad_rows_are_problems(tmp_path, actions, logframe, expected):
    found = problems_of(tmp_path, actions=actions, logframe=logframe)
    assert any(expected in text for text in found), found


def test_an_indicator_without_a_target_is_a_warning(tmp_path):
    survey = load_survey(write_survey(tmp_path / "s", logframe=LOGFRAME.replace("r1,4,r3", "r1,,r3")))
    assert [str(problem.message) for problem in survey.warnings] == [
        "the indicator has no target: its progress stays blank"
    ]
    assert pd.isna(survey.logframe.loc[2, "target"])


def test_an_unknown_column_of_the_log_is_named(tmp_path):
    survey = load_survey(write_survey(tmp_path / "s", actions=ACTIONS.replace("notes,status", "notes,status,budget")))
    assert any("budget" in str(problem) for problem in survey.warnings)


def test_a_survey_without_the_sheets_loads_as_before(tmp_path):
    survey = load_survey(write_survey(tmp_path / "plain", actions="", logframe=""))
    assert survey.actions.empty and list(survey.actions.columns)[:2] == ["action_id", "date"]
    assert survey.logframe.empty
    plain = load_survey(write_survey(tmp_path / "again", actions="", logframe=""))
    assert survey.fingerprint == plain.fingerprint
