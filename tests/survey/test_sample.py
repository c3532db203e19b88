"""The bundled sample loads cleanly, the same from both copies, and survives a round-trip."""

import pandas as pd
import pytest

from clusternet.survey import SelectionError, load_survey
from tests.conftest import SAMPLE_CSV, SAMPLE_WORKBOOK


@pytest.fixture(scope="module")
def sample():
    return load_survey(SAMPLE_WORKBOOK)


def assert_same_survey(left, right):
    for table in ("actors", "ties", "rounds", "respondents"):
        pd.testing.assert_frame_equal(getattr(left, table), getattr(right, table), check_dtype=True)


def test_sample_loads_without_problems(sample):
    assert sample.warnings == ()
    assert sample.round_labels == ["baseline", "midterm", "endline"]
    assert not sample.respondents_inferred


def test_workbook_and_csv_folder_give_the_same_survey(sample):
    assert_same_survey(sample, load_survey(SAMPLE_CSV))
    assert sample.fingerprint == load_survey(SAMPLE_CSV).fingerprint


def test_sample_round_trips_through_csv(sample, tmp_path):
    for table in ("actors", "ties", "rounds", "respondents"):
        frame = getattr(sample, table)
        if table == "rounds":
            frame = frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))
        frame.to_csv(tmp_path / f"{table}.csv", index=False)
    assert_same_survey(sample, load_survey(tmp_path))


def test_select_keeps_all_actors_and_one_round(sample):
    baseline = sample.select("baseline", relations=["joint_action"])
    assert len(baseline.actors) == len(sample.actors)
    assert set(baseline.ties["round"]) == {"baseline"}
    assert set(baseline.ties["relation"]) == {"joint_action"}
    assert baseline.round_labels == ["baseline"]


def test_unknown_round_and_relation_name_the_valid_ones(sample):
    with pytest.raises(
        SelectionError, match='there is no round "final"; the rounds are "baseline", "midterm", "endline"'
    ):
        sample.select("final")
    with pytest.raises(SelectionError, match='there is no relation "trade"'):
        sample.select(relations=["trade"])
    with pytest.raises(SelectionError, match='"village"'):
        sample.check_attribute("district")


def test_fingerprint_changes_with_any_value(sample):
    changed = sample.select()
    assert changed.fingerprint != sample.fingerprint
