"""Form → phones → export → survey: one submission per respondent of a sample round, in every export
layout of KoboToolbox and ODK Central, imports back to exactly that round's ties and respondents."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from clusternet.cli import main
from clusternet.survey import load_survey

from .exports import kobo_xlsx, odk_zip, sample_round_submissions

LAYOUTS = {
    "kobo, group names, both select-many layouts": ("kobo", lambda path, subs: kobo_xlsx(path, subs)),
    "kobo, no group names, single column": (
        "kobo",
        lambda path, subs: kobo_xlsx(path, subs, groups=False, select_many="summary"),
    ),
    "kobo, group names, split columns only": (
        "kobo",
        lambda path, subs: kobo_xlsx(path, subs, select_many="details"),
    ),
    "odk, group paths": ("odk", lambda path, subs: odk_zip(path, subs)),
    "odk, split select-many, no group paths": (
        "odk",
        lambda path, subs: odk_zip(path, subs, split=True, group_paths=False),
    ),
}
COLUMNS = ["source", "target", "relation", "trust", "weight"]


def expected_ties(survey, round_label: str) -> pd.DataFrame:
    """The round's ties as the form can carry them: one trust and one contact frequency per partner
    (the form asks them once for each partner, the survey may hold them per relation)."""
    ties = survey.ties_in(round_label)[COLUMNS].copy()
    first = ties.groupby(["source", "target"], sort=False)[["trust", "weight"]].transform("first")
    ties[["trust", "weight"]] = first
    return ties.sort_values(COLUMNS[:3]).reset_index(drop=True)


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("round_label", ["baseline", "endline"])
def test_a_sample_round_comes_back_exactly(layout, round_label, sample, roster_file, tmp_path, capsys):
    platform, write = LAYOUTS[layout]
    export = write(
        tmp_path / ("export.zip" if platform == "odk" else "export.xlsx"), sample_round_submissions(sample, round_label)
    )
    digest = hashlib.sha256(export.read_bytes()).hexdigest()
    out = tmp_path / "imported.xlsx"
    assert main(["import", platform, str(export), "--roster", str(roster_file), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    assert hashlib.sha256(export.read_bytes()).hexdigest() == digest

    imported = load_survey(out)
    assert imported.round_labels == [round_label]
    got = imported.ties_in(round_label)[COLUMNS].sort_values(COLUMNS[:3]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected_ties(sample, round_label), check_dtype=False)
    assert sorted(imported.respondents_in(round_label)) == sorted(sample.respondents_in(round_label))
    assert list(imported.actors["actor_id"]) == list(sample.actors["actor_id"])
    respondents = len(sample.respondents_in(round_label))
    assert f"{respondents} submissions read" in printed.out
    assert f"{len(got)} tie rows" in printed.out
    assert main(["validate", str(out)]) == 0


def test_rounds_imported_one_by_one_into_the_survey_rebuild_its_ties(sample, roster_file, tmp_path, capsys):
    survey = tmp_path / "survey.xlsx"
    for number, round_label in enumerate(sample.round_labels):
        export = odk_zip(tmp_path / f"{round_label}.zip", sample_round_submissions(sample, round_label))
        target = ["--out", str(survey)] if number == 0 else ["--into", str(survey), "--force"]
        assert main(["import", "odk", str(export), "--roster", str(roster_file), *target]) == 0
    imported = load_survey(survey)
    assert imported.round_labels == sample.round_labels
    for round_label in sample.round_labels:
        got = imported.ties_in(round_label)[COLUMNS].sort_values(COLUMNS[:3]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected_ties(sample, round_label), check_dtype=False)
    capsys.readouterr()
