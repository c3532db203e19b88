"""The command, the survey copy and the What-if plan as planned actions."""

import datetime as dt

import pandas as pd
import pandas.testing as pdt

from clusternet.cli import main
from clusternet.export.survey_files import survey_workbook
from clusternet.graph import Selection
from clusternet.survey.loading import load_survey_workbook
from clusternet.view import view_of
from clusternet.whatif.scenario import ADD_TIE, JOIN_ACTION, REMOVE_ACTOR, Operation, Step


def test_logframe_command_writes_both_files(logframe_folder, tmp_path, capsys):
    assert main(["logframe", str(logframe_folder), "--out", str(tmp_path / "out"), "--resamples", "50"]) == 0
    indicators = pd.read_csv(tmp_path / "out" / "logframe.csv")
    assert indicators.columns[:8].tolist() == [
        "indicator_id", "level", "name", "round", "value", "baseline", "target", "progress"
    ]  # fmt: skip
    assert indicators.loc[indicators["indicator_id"] == "I4", "progress"].tolist() == [0, 0.5, 1.25]
    followup = pd.read_csv(tmp_path / "out" / "action_followup.csv", keep_default_na=False)
    assert followup.columns[:9].tolist() == [
        "action_id", "date", "participants", "ties_before", "ties_after", "new_ties_among_participants",
        "gap_key", "gap_score_before", "gap_score_after",
    ]  # fmt: skip
    assert followup["new_ties_among_participants"].tolist() == ["", "2", "0", "1", "2", ""]
    assert "5 indicators, 6 actions" in capsys.readouterr().out


def test_logframe_command_refuses_a_bad_sheet_naming_the_row(tmp_path, capsys):
    from tests.logframe.conftest import ACTIONS, write_survey

    folder = write_survey(tmp_path / "bad", actions=ACTIONS.replace("F3;F4;A1", "F3;X9;A1"))
    assert main(["logframe", str(folder), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().err
    assert "actions.csv  3    participants  X9" in printed and '"X9" is not in the actors list' in printed
    assert not (tmp_path / "out").exists()


def test_the_survey_copy_keeps_the_log_and_the_logframe(logframe_survey):
    again = load_survey_workbook(survey_workbook(logframe_survey), "copy.xlsx")
    pdt.assert_frame_equal(again.actions, logframe_survey.actions)
    pdt.assert_frame_equal(again.logframe, logframe_survey.logframe)


def test_a_plan_becomes_planned_actions(logframe_survey):
    steps = (
        Step(1, (Operation(ADD_TIE, source="F4", target="A1", relation="talk", gap_key="F4", note="Introduce F4"),)),
        Step(2, (Operation(REMOVE_ACTOR, actors=("P1",)),)),
        Step(3, (Operation(JOIN_ACTION, actors=("F1", "F2", "F3")),)),
    )
    view = view_of(logframe_survey, Selection("r3"))
    planned = view.planned_actions(steps, dt.date(2025, 3, 1))
    assert planned["action_id"].tolist() == ["plan-1-1", "plan-3-1"]
    assert planned["kind"].tolist() == ["meeting", "joint_action"]
    assert planned["participants"].tolist() == ["F4;A1", "F1;F2;F3"]
    assert planned["status"].tolist() == ["planned", "planned"]
    assert planned["gap_key"].tolist() == ["F4", ""]
    assert planned["title"].tolist() == ["Introduce F4", ""]
    anonymised = view.with_audience(anonymized=True).planned_actions(steps, dt.date(2025, 3, 1))
    assert "F4" not in anonymised.to_csv().replace("FIRM-", "")
    assert anonymised["gap_key"].tolist() == ["", ""]


def test_the_report_and_the_workbook_hold_the_logframe_and_the_log(logframe_survey):
    import io

    import openpyxl

    from clusternet.export.report import report_html
    from clusternet.export.workbook import tables_workbook

    view = view_of(logframe_survey, Selection("r3"), resamples=50)
    html = report_html(view, static_map=False)
    assert "Logframe: indicators against their targets" in html and "Firms trained (typed)" in html
    assert "Actions and what followed among their participants" in html and "a6" in html
    sheets = openpyxl.load_workbook(io.BytesIO(tables_workbook(view))).sheetnames
    assert sheets[-3:] == ["Logframe", "Actions", "Action follow-up"]
    anonymised = view.with_audience(anonymized=True)
    assert "First meeting" not in report_html(anonymised, static_map=False)
