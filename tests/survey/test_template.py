"""The empty template: the loader reads it and asks for rows; drop-downs guide field teams."""

import subprocess
import sys

import pytest
from openpyxl import load_workbook

from clusternet.survey import SurveyError, load_survey
from clusternet.survey.vocabulary import ACTOR_TYPES, RELATIONS
from tests.conftest import REPO

TEMPLATE = REPO / "surveys" / "template.xlsx"


def test_empty_template_asks_for_actors_and_ties():
    with pytest.raises(SurveyError) as caught:
        load_survey(TEMPLATE)
    assert [(p.where, str(p.message)) for p in caught.value.problems] == [
        ("template.xlsx, sheet actors", "there is a header but no rows"),
        ("template.xlsx, sheet ties", "there is a header but no rows"),
    ]


def test_template_offers_the_vocabularies_as_drop_downs():
    workbook = load_workbook(TEMPLATE)
    formulas = {sheet.title: [v.formula1 for v in sheet.data_validations.dataValidation] for sheet in workbook}
    assert any(all(kind in (f or "") for kind in ACTOR_TYPES) for f in formulas["actors"])
    assert any(all(relation in (f or "") for relation in RELATIONS) for f in formulas["ties"])
    trust = [v for v in workbook["ties"].data_validations.dataValidation if v.type == "whole"]
    assert trust and (trust[0].formula1, trust[0].formula2) == ("1", "5")


def test_the_generator_reproduces_the_committed_template(tmp_path):
    out = tmp_path / "template.xlsx"
    subprocess.run([sys.executable, str(REPO / "surveys" / "generate_template.py"), "--out", str(out)], check=True)
    assert out.read_bytes() == TEMPLATE.read_bytes()


def test_template_has_the_attributes_sheet_with_a_privacy_drop_down():
    sheet = load_workbook(TEMPLATE)["attributes"]
    assert [cell.value for cell in sheet[1]] == ["attribute", "privacy", "note"]
    [privacy] = sheet.data_validations.dataValidation
    assert (privacy.formula1, str(privacy.sqref), privacy.errorStyle) == ('"safe,private"', "B2:B5000", "stop")
