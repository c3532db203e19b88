"""Surveys for the store tests: the bundled sample, and the sample with every kind of value in it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from clusternet.survey import Survey, load_survey
from tests.conftest import SAMPLE_WORKBOOK

SHEETS = ("actors", "ties", "rounds", "respondents", "actions", "logframe")


def sample() -> Survey:
    return load_survey(SAMPLE_WORKBOOK)


def every_kind_of_value() -> Survey:
    """The sample with attributes and tie columns of every kind, marks, a facilitation log and a logframe."""
    survey = sample()
    actors = survey.actors.copy()
    count = len(actors)
    mixed: list[object] = [7, "seven", 7.0, None, float("nan"), pd.NA, True, "=1+1", "", " x "]
    actors["mixed"] = pd.Series([mixed[at % len(mixed)] for at in range(count)], dtype=object)
    actors["turnover"] = pd.Series(np.linspace(0.1, 1e9, count), dtype=float).mask(actors.index % 5 == 0)
    actors["employees"] = pd.array([at if at % 4 else None for at in range(count)], dtype="Int64")
    actors["founded"] = pd.to_datetime(["2001-02-03"] * count).where(actors.index % 3 > 0)
    actors["registered"] = [at % 2 == 0 for at in range(count)]
    actors["note"] = pd.Series(["año", "naïve", "日本", "tab\there"] * (count // 4) + ["x"] * (count % 4), dtype="str")
    ties = survey.ties.copy()
    ties["verified_by"] = pd.Series(["field team" if at % 2 else None for at in range(len(ties))], dtype=object)
    ties["minutes"] = pd.Series(range(len(ties)), dtype="int64")
    actions = pd.DataFrame(
        {
            "action_id": ["A1", "A2"],
            "date": pd.to_datetime(["2024-01-10", "2025-06-01"]),
            "kind": ["meeting", "joint_action"],
            "participants": ["W01;W02;COOP01", "W03"],
            "lead_actor": ["COOP01", ""],
            "gap_key": ["isolated:W09", ""],
            "indicator_id": ["O1", ""],
            "title": ["Yarn buyers' meeting", "Expo stand"],
            "notes": ["", "shared costs"],
            "status": ["done", "planned"],
        }
    ).astype(dict.fromkeys(("action_id", "kind", "participants", "lead_actor", "gap_key"), object))
    logframe = pd.DataFrame(
        {
            "indicator_id": ["O1", "O2"],
            "level": ["outcome", "output"],
            "name": ["Mean trust", "Trainings held"],
            "kpi": ["mean_trust", ""],
            "basis": ["all", "panel"],
            "baseline_round": ["baseline", "baseline"],
            "target": [3.5, np.nan],
            "target_round": ["endline", "endline"],
            "value_baseline": [np.nan, 0.0],
            "value_endline": [np.nan, 12.5],
        }
    ).astype(dict.fromkeys(("indicator_id", "level", "name", "kpi", "basis"), object))
    return replace(
        survey,
        actors=actors,
        ties=ties,
        actions=actions,
        logframe=logframe,
        attribute_privacy={"village": "safe", "note": "private"},
        respondents_inferred=True,
    )


def assert_same_survey(read: Survey, expected: Survey) -> None:
    """Every table equal in columns, order, dtypes and values; the marks and flags equal."""
    for sheet in SHEETS:
        pd.testing.assert_frame_equal(getattr(read, sheet), getattr(expected, sheet), check_exact=True, obj=sheet)
    assert dict(read.attribute_privacy) == dict(expected.attribute_privacy)
    assert read.respondents_inferred == expected.respondents_inferred
    assert read.source == expected.source
    assert read.fingerprint == expected.fingerprint
