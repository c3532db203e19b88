"""The generated XLSForm: its fixed fields, what pyxform and ODK Validate say of it, and its roster."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pyxform.xls2xform import convert

from clusternet.cli import main
from clusternet.fieldforms.roster import read_roster, roster_from_csv
from clusternet.fieldforms.xlsform import (
    FORM_FILE,
    LONG_ROSTER,
    ROSTER_FILE,
    FieldForm,
    field_form,
    form_workbook,
    language_column,
    roster_csv,
)
from clusternet.i18n import available_languages
from clusternet.survey import SurveyError

from .conftest import SAMPLE


def sheets(form: FieldForm) -> dict[str, pd.DataFrame]:
    data = io.BytesIO(form_workbook(form))
    return {name: frame.fillna("") for name, frame in pd.read_excel(data, sheet_name=None, dtype=str).items()}


def converted(form: FieldForm, tmp_path: Path, *, validate: bool = False) -> str:
    """The XForm pyxform makes of the form; fails the test on any warning."""
    path = tmp_path / FORM_FILE
    path.write_bytes(form_workbook(form))
    result = convert(xlsform=str(path), validate=validate)
    assert result.warnings == []
    return result.xform


def small_roster(count: int) -> bytes:
    rows = [f"F{number:02d},Firm {number},{'firm' if number % 2 else 'association'}" for number in range(count)]
    return ("actor_id,name,type\n" + "\n".join(rows) + "\n").encode()


def test_the_form_holds_the_interfaces_fields_in_its_three_sheets(sample_form):
    found = sheets(sample_form)
    assert set(found) == {"survey", "choices", "settings"}
    survey = found["survey"].set_index("name", drop=False)
    assert survey.loc["round", "type"] == "select_one round"
    assert survey.loc["respondent", "type"] == "select_one_from_file roster.csv"
    assert survey.loc["partner", "type"] == "begin_repeat"
    assert survey.loc["partner", "repeat_count"] == "count-selected(${partners})"
    assert survey.loc["partner_id", "calculation"] == "selected-at(${partners}, position(..) - 1)"
    assert survey.loc["relation", "type"] == "select_multiple relation"
    assert survey.loc["trust", "type"] == "select_one trust"
    assert survey.loc["weight", "type"] == "select_one weight"
    assert survey.loc["other_partners", "type"] == "text"
    choices = found["choices"]
    assert list(choices.loc[choices["list_name"] == "trust", "name"]) == ["1", "2", "3", "4", "5"]
    assert list(choices.loc[choices["list_name"] == "round", "name"]) == ["baseline", "midterm", "endline"]
    settings = found["settings"].iloc[0]
    assert (settings["form_id"], settings["version"], settings["default_language"]) == (
        "clusternet_roster",
        "2026120300",
        "English (en)",
    )


def test_every_question_about_ties_names_the_time_window_and_the_relations_are_defined(sample_form):
    survey = sheets(sample_form)["survey"].set_index("name")
    for name in ("partners_type_firm", "relation", "weight", "other_partners"):
        assert "in the last 12 months" in survey.loc[name, "label::English (en)"].lower()
    hint = survey.loc["relation", "hint::English (en)"]
    assert "Finance: credit, loans, guarantees or grants." in hint
    assert "${partner_name}" in survey.loc["trust", "label::English (en)"]


def test_pyxform_converts_the_sample_form_with_no_warning(sample_form, tmp_path):
    xform = converted(sample_form, tmp_path)
    assert 'src="jr://file-csv/roster.csv"' in xform
    assert "jr:count" in xform


def test_odk_validate_passes_the_sample_form(sample_form, tmp_path, java):
    converted(sample_form, tmp_path, validate=True)


@pytest.mark.parametrize("count", [LONG_ROSTER, LONG_ROSTER + 1])
def test_short_and_long_rosters_both_convert_and_validate(count, tmp_path, java):
    form = field_form(roster_from_csv(small_roster(count), "actors.csv"), version="2026120300", rounds=["r1"])
    xform = converted(form, tmp_path, validate=True)
    survey = sheets(form)["survey"].set_index("name")
    if count <= LONG_ROSTER:
        assert survey.loc["partners", "type"] == "select_multiple_from_file roster.csv"
        assert survey.loc["partners", "choice_filter"] == "name != ${respondent}"
    else:
        assert survey.loc["partners", "type"] == "calculate"
        assert survey.loc["partners_type_firm", "choice_filter"] == "type = 'firm' and name != ${respondent}"
        assert survey.loc["partners_type_association", "choice_filter"] == (
            "type = 'association' and name != ${respondent}"
        )
    assert "jr:count" in xform


@pytest.mark.parametrize("language", available_languages())
def test_labels_come_from_the_catalog_of_every_language_asked_for(sample_roster, language):
    languages = list(dict.fromkeys(["en", language]))
    form = field_form(sample_roster, version="2026120300", languages=languages)
    found = sheets(form)
    for code in languages:
        column = f"label::{language_column(code)}"
        assert column in found["survey"].columns and column in found["choices"].columns
        assert (found["survey"].loc[found["survey"]["name"] == "respondent", column] != "").all()
    assert found["settings"].iloc[0]["default_language"] == "English (en)"


def test_the_roster_media_file_holds_ids_names_type_and_attributes_but_no_private_one(tmp_path):
    actors = "actor_id,name,type,village\nF01,Firm one,firm,Barpali\nA01,Weavers' association,association,Sonepur\n"
    roster = roster_from_csv(actors.encode(), "actors.csv")
    media = pd.read_csv(io.BytesIO(roster_csv(field_form(roster, version="1", rounds=["r1"]))), dtype=str)
    assert list(media.columns[:3]) == ["name", "label", "type"]
    assert list(media["name"]) == ["F01", "A01"] and "village" in media.columns
    survey_roster = read_roster(SAMPLE)
    private = survey_roster.private
    sample_media = pd.read_csv(
        io.BytesIO(roster_csv(field_form(survey_roster, version="1"))), dtype=str, keep_default_na=False
    )
    assert not private & set(sample_media.columns)
    assert len(sample_media) == len(survey_roster.actors)


def test_a_roster_csv_written_by_the_form_reads_back_as_the_same_actors(sample_form, sample_roster, tmp_path):
    again = roster_from_csv(roster_csv(sample_form), ROSTER_FILE)
    assert list(again.actors["actor_id"]) == list(sample_roster.actors["actor_id"])
    assert list(again.actors["name"]) == list(sample_roster.actors["name"])


@pytest.mark.parametrize(
    ("rows", "row", "expected"),
    [
        ("F 01,Firm one,firm\nF02,Firm two,firm\n", 2, 'The actor id "F 01" holds white space'),
        ("F01,Firm one,firm\nF01,Firm two,firm\n", 3, "F01"),
        ("F01,Firm one,firm\n,Firm two,firm\n", 3, "actor_id"),
        ("F01,Firm one,firm\nF\u00a002,Firm two,firm\n", 3, "holds white space"),
    ],
)
def test_ids_a_form_cannot_carry_exit_1_naming_the_row(rows, row, expected, tmp_path, capsys):
    actors = tmp_path / "actors.csv"
    actors.write_text("actor_id,name,type\n" + rows, encoding="utf-8")
    with pytest.raises(SurveyError) as refused:
        read_roster(actors)
    assert [(problem.row, problem.column) for problem in refused.value.problems] == [(row, "actor_id")]
    assert main(["xlsform", str(actors), "--out", str(tmp_path / "form")]) == 1
    error = capsys.readouterr().err
    assert expected in error and "Traceback" not in error
    assert not (tmp_path / "form").exists()


def test_the_command_writes_the_form_and_roster_and_refuses_to_overwrite_them(tmp_path, capsys):
    out = tmp_path / "form"
    assert main(["xlsform", str(SAMPLE), "--out", str(out), "--relations", "information,joint_action"]) == 0
    printed = capsys.readouterr().out
    assert "66 organisations" in printed and "information, joint_action" in printed
    assert (out / FORM_FILE).is_file() and (out / ROSTER_FILE).is_file()
    choices = pd.read_excel(out / FORM_FILE, sheet_name="choices", dtype=str)
    assert list(choices.loc[choices["list_name"] == "relation", "name"]) == ["information", "joint_action"]
    before = (out / FORM_FILE).read_bytes()
    assert main(["xlsform", str(SAMPLE), "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert (out / FORM_FILE).read_bytes() == before
    assert main(["xlsform", str(SAMPLE), "--out", str(out), "--force"]) == 0


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--lang", "de"], "en"),
        (["--rounds", "mid term"], "mid_term"),
    ],
)
def test_options_a_form_cannot_be_made_with_exit_1_saying_what_to_give(arguments, expected, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "clusternet", "xlsform", str(SAMPLE), "--out", str(tmp_path / "f"), *arguments],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr
