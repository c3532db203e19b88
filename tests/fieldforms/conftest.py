"""Fixtures of the field-form tests: the sample survey, its roster file and a form made from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusternet.fieldforms.roster import Roster, read_roster
from clusternet.fieldforms.xlsform import FieldForm, field_form, roster_csv
from clusternet.survey import Survey, load_survey

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "surveys" / "sample" / "handloom_cluster.xlsx"


@pytest.fixture(scope="session")
def sample() -> Survey:
    return load_survey(SAMPLE)


@pytest.fixture(scope="session")
def sample_roster() -> Roster:
    return read_roster(SAMPLE)


@pytest.fixture(scope="session")
def sample_form(sample_roster: Roster) -> FieldForm:
    return field_form(sample_roster, version="2026120300", frequency=True)


@pytest.fixture
def roster_file(tmp_path: Path, sample_form: FieldForm) -> Path:
    """The form's media file, as the field team would give it to the import."""
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_csv(sample_form))
    return path
