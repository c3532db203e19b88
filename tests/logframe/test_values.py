"""The hand-worked survey of conftest.py: every logframe value, progress, monitoring indicator and follow-up count."""

import math

import pandas as pd
import pytest

from clusternet.graph import Selection
from clusternet.kpis import INDICATOR_CODES, MONITORING_KPIS
from clusternet.view import view_of


@pytest.fixture
def view(logframe_survey):
    return view_of(logframe_survey, Selection("r3"))


def rows(table: pd.DataFrame, indicator: str, column: str) -> list:
    return table.loc[table["indicator_id"] == indicator, column].tolist()


def test_monitoring_indicators_by_hand(view):
    series = view.monitoring_series().set_index("kpi")
    assert series.loc["active_actors", ["r1", "r2", "r3"]].tolist() == [0, 3, 2]
    assert series.loc["firms_in_multilateral_actions", ["r1", "r2", "r3"]].tolist() == [0, 3, 4]
    # r3: A1 brokers 6 of the 10 open two-paths (F1 2, F2 1, F3 1); r1 and r2: only the project and firms broker
    assert series.loc["local_brokerage_share", ["r1", "r2", "r3"]].tolist() == [0, 0, pytest.approx(0.6)]
    # without P1: r1 pieces {F1,F2},{F3},{F4},{A1}: 1 - 2/20; r2 {F1,F2},{A1,F3,F4}: 1 - 8/20; r3 one piece
    assert series.loc["project_dependence", ["r1", "r2", "r3"]].tolist() == [pytest.approx(0.9), pytest.approx(0.6), 0]
    persistence = series.loc["tie_persistence", ["r1", "r2", "r3"]].tolist()
    assert math.isnan(persistence[0])
    assert persistence[1:] == [pytest.approx(3 / 10), pytest.approx(4 / 11)]


def test_every_monitoring_indicator_is_a_logframe_code():
    assert {kpi.code for kpi in MONITORING_KPIS} <= set(INDICATOR_CODES)


def test_logframe_values_baseline_target_and_progress(view):
    table = view.logframe_table()
    assert rows(table, "I1", "value") == [7, 6, 9]
    assert rows(table, "I1", "baseline") == [7, 7, 7]
    assert rows(table, "I1", "progress") == [0, -0.5, 1]
    assert rows(table, "I1", "target_met") == [None, None, True]
    assert rows(table, "I2", "value") == [1, 0, 1]
    assert rows(table, "I2", "progress") == [0, 1, 0]
    assert rows(table, "I2", "target_met")[-1] is False
    assert rows(table, "I3", "value") == [0, 3, 2]
    assert rows(table, "I3", "progress") == [0, 0.75, 0.5]
    assert rows(table, "I4", "value") == [10, 20, 35]
    assert rows(table, "I4", "progress") == [0, 0.5, 1.25]
    assert rows(table, "I4", "target_met")[-1] is True
    persistence = rows(table, "I5", "progress")
    assert math.isnan(persistence[0])
    assert persistence[1:] == [0, pytest.approx(7 / 22)]  # (4/11 - 3/10) / (1/2 - 3/10)


def test_the_interval_is_the_comparisons(view):
    table = view.logframe_table()
    comparison = view.compare("r1", "r3").kpi("ties")
    assert rows(table, "I1", "low")[2] == comparison["low"]
    assert rows(table, "I1", "high")[2] == comparison["high"]
    assert math.isnan(rows(table, "I1", "low")[0])  # no change at baseline
    assert all(math.isnan(value) for value in rows(table, "I3", "low"))  # a monitoring indicator has none


def test_followup_counts_by_hand(view):
    followup = view.followup_table().set_index("action_id")
    assert followup["round_before"].tolist() == ["", "r1", "r1", "r2", "r2", "r3"]
    assert followup["round_after"].tolist() == ["r1", "r2", "r2", "r3", "r3", ""]
    assert followup["ties_before"].tolist() == [pd.NA, 0, 1, 2, 0, 0]
    assert followup["ties_after"].tolist() == [2, 2, 1, 2, 2, pd.NA]
    assert followup["new_ties_among_participants"].tolist() == [pd.NA, 2, 0, 1, 2, pd.NA]
    assert followup.loc["a3", "participants"] == "A1;F1;F2;F4"  # the lead actor takes part
    assert followup["pairs"].tolist() == [3, 3, 6, 6, 3, 1]


def test_followup_gap_scores_are_those_of_the_gaps_of_each_round(view):
    followup = view.followup_table().set_index("action_id")
    before = view.with_selection(round="r1").shown_gaps()
    after = view.with_selection(round="r2").shown_gaps()
    assert followup.loc["a2", "gap_score_before"] == before.loc[before["key"] == "F4", "score"].max()
    assert followup.loc["a2", "gap_score_after"] == (
        after.loc[after["key"] == "F4", "score"].max() if (after["key"] == "F4").any() else 0
    )
    assert math.isnan(followup.loc["a1", "gap_score_before"])  # no key


def test_anonymised_followup_and_log_hold_codes_and_no_free_text(logframe_survey):
    view = view_of(logframe_survey, Selection("r3"), anonymize=True, key="k")
    text = view.followup_table().to_csv() + view.actions_table().to_csv()
    for secret in ("F1", "F2", "F3", "F4", "A1", "P1", "First meeting", "Joint stand", "Firm one"):
        assert secret not in text.replace("FIRM-", "").replace("INST-", ""), secret
    named = view_of(logframe_survey, Selection("r3")).followup_table()
    assert (
        view.followup_table()["new_ties_among_participants"].tolist() == named["new_ties_among_participants"].tolist()
    )


def test_a_survey_without_the_sheets_has_an_empty_logframe(tmp_path):
    from clusternet.survey import load_survey
    from tests.logframe.conftest import write_survey

    survey = load_survey(write_survey(tmp_path / "plain", actions="", logframe=""))
    view = view_of(survey, Selection("r3"))
    assert view.logframe_table().empty and view.followup_table().empty
    assert view.monitoring_series().set_index("kpi").loc["active_actors", ["r1", "r2", "r3"]].isna().all()
