"""The validated survey written back in its own format loads as the same survey."""

import pandas as pd
import pytest

from clusternet.export.formats import export_bytes
from clusternet.export.survey_files import survey_workbook
from clusternet.graph import Selection
from clusternet.survey import load_survey
from clusternet.view import view_of
from tests.conftest import SAMPLE_WORKBOOK


def test_sample_survives_a_survey_copy(tmp_path):
    sample = load_survey(SAMPLE_WORKBOOK)
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(survey_workbook(sample))
    reloaded = load_survey(copy)
    for table in ("actors", "ties", "rounds", "respondents"):
        pd.testing.assert_frame_equal(getattr(reloaded, table), getattr(sample, table))


def test_formula_like_names_stay_names(csv_survey, tmp_path):
    survey = load_survey(
        csv_survey(actors='actor_id,name\nA,"=HYPERLINK(""http://x"",""y"")"\nB,-Beta\n', ties="source,target\nA,B\n")
    )
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(survey_workbook(survey))
    assert load_survey(copy).actors["name"].tolist() == ['=HYPERLINK("http://x","y")', "-Beta"]


def test_the_survey_copy_is_never_anonymised():
    with pytest.raises(ValueError, match="cannot be anonymised"):
        export_bytes(view_of(load_survey(SAMPLE_WORKBOOK), Selection(), anonymize=True), "survey")
