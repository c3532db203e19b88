"""What an import keeps, leaves out and refuses: hand-built exports, each a clear message and exit 1
(never a traceback), the input never modified."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from clusternet.cli import main
from clusternet.fieldforms.imports import detected_platform, import_export
from clusternet.fieldforms.roster import roster_from_csv
from clusternet.survey import SurveyError, load_survey

from .exports import Partner, Submission, kobo_xlsx, odk_zip

ROSTER = (
    "name,label,type\nF01,Firm one,firm\nF02,Firm two,firm\nF03,Firm three,firm\nA01,Weavers' association,association\n"
)


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def submissions() -> list[Submission]:
    return [
        Submission("u1", "F01", "r1", [Partner("F02", "information joint_action", 4), Partner("A01", "training", 5)]),
        Submission("u2", "F02", "r1", [Partner("F01", "information", 3)], other_partners="Bank of Odisha; Ravi"),
        Submission("u3", "A01", "r1", [Partner("F03", "training", 2)]),
    ]


def run_import(platform: str, export: Path, roster: Path, *extra: str, out: Path | None = None) -> int:
    out = out or export.parent / "survey.xlsx"
    return main(["import", platform, str(export), "--roster", str(roster), "--out", str(out), *extra])


def refused(capsys, platform: str, export: Path, roster: Path, *extra: str) -> str:
    """Import ``export``: it must exit 1, write nothing, leave the export as it was; the error text."""
    digest = hashlib.sha256(export.read_bytes()).hexdigest()
    assert run_import(platform, export, roster, *extra) == 1
    error = capsys.readouterr().err
    assert "Traceback" not in error
    assert not (export.parent / "survey.xlsx").exists() and not (export.parent / "unmatched.csv").exists()
    assert hashlib.sha256(export.read_bytes()).hexdigest() == digest
    return error


def test_one_tie_row_per_partner_and_relation_and_free_text_goes_to_unmatched(tmp_path, roster, capsys):
    export = kobo_xlsx(tmp_path / "export.xlsx", submissions())
    assert run_import("kobo", export, roster) == 0
    survey = load_survey(tmp_path / "survey.xlsx")
    ties = survey.ties[["source", "target", "relation", "trust"]].astype(str).values.tolist()
    assert sorted(ties) == sorted([
        ["F01", "F02", "information", "4"], ["F01", "F02", "joint_action", "4"], ["F01", "A01", "training", "5"],
        ["F02", "F01", "information", "3"], ["A01", "F03", "training", "2"],
    ])  # fmt: skip
    assert sorted(survey.respondents_in("r1")) == ["A01", "F01", "F02"]
    unmatched = pd.read_csv(tmp_path / "unmatched.csv", dtype=str)
    assert unmatched.values.tolist() == [["r1", "F02", "Bank of Odisha"], ["r1", "F02", "Ravi"]]
    assert "F03" in set(survey.actors["actor_id"]) and "Bank of Odisha" not in set(survey.actors["actor_id"])
    printed = capsys.readouterr().out
    assert "3 submissions read" in printed and "5 tie rows" in printed and "2 organisations written in" in printed


@pytest.mark.parametrize("platform", ["kobo", "odk"])
def test_submissions_refused_on_the_server_are_left_out_and_counted(platform, tmp_path, roster, capsys):
    status = "validation_status_not_approved" if platform == "kobo" else "rejected"
    listed = submissions()
    listed[2].status = status
    write = kobo_xlsx if platform == "kobo" else odk_zip
    export = write(tmp_path / f"export.{'xlsx' if platform == 'kobo' else 'zip'}", listed)
    assert run_import(platform, export, roster) == 0
    survey = load_survey(tmp_path / "survey.xlsx")
    assert "A01" not in set(survey.ties["source"]) and sorted(survey.respondents_in("r1")) == ["F01", "F02"]
    printed = capsys.readouterr().out
    reason = "marked not approved in KoboToolbox" if platform == "kobo" else "rejected in ODK Central"
    assert "2 accepted" in printed and f"1 left out: {reason}" in printed


@pytest.mark.parametrize("platform", ["kobo", "odk"])
def test_a_respondents_repeated_submission_keeps_the_latest_with_a_warning(platform, tmp_path, roster, capsys):
    listed = submissions()
    listed.append(Submission("u4", "F01", "r1", [Partner("F03", "information", 1)], submitted="2024-09-11T09:00:00"))
    write = kobo_xlsx if platform == "kobo" else odk_zip
    export = write(tmp_path / f"export.{'xlsx' if platform == 'kobo' else 'zip'}", listed)
    assert run_import(platform, export, roster) == 0
    survey = load_survey(tmp_path / "survey.xlsx")
    assert survey.ties.loc[survey.ties["source"] == "F01", "target"].tolist() == ["F03"]
    printed = capsys.readouterr().out
    assert '"F01" submitted again in round r1' in printed and "1 left out: the same respondent" in printed


def test_a_respondent_not_on_the_roster_is_an_error_naming_it(tmp_path, roster, capsys):
    listed = submissions()
    listed[1].respondent = "F99"
    error = refused(capsys, "kobo", kobo_xlsx(tmp_path / "export.xlsx", listed), roster)
    assert 'the respondent "F99" is not on the roster' in error.replace("The respondent", "the respondent")
    assert "--roster" in error


def test_a_partner_not_on_the_roster_is_an_error_naming_its_row_for_ids_are_never_invented(tmp_path, roster, capsys):
    listed = submissions()
    listed[0].partners.append(Partner("X77", "information", 3))
    error = refused(capsys, "odk", odk_zip(tmp_path / "export.zip", listed), roster)
    assert "clusternet_roster-partner.csv" in error and '"X77" is not on the roster' in error


def test_labels_instead_of_xml_values_ask_for_an_export_with_xml_values(tmp_path, roster, capsys):
    export = kobo_xlsx(tmp_path / "export.xlsx", submissions())
    workbook = load_workbook(export)
    main_sheet = workbook.worksheets[0]
    main_sheet.cell(1, 2).value = "Which organisation do you represent?"
    for row in range(2, main_sheet.max_row + 1):
        main_sheet.cell(row, 2).value = {"F01": "Firm one", "F02": "Firm two", "A01": "Weavers' association"}[
            main_sheet.cell(row, 2).value
        ]
    workbook.save(export)
    assert "XML values and headers" in refused(capsys, "kobo", export, roster)


def test_names_instead_of_ids_in_the_answers_ask_for_xml_values_too(tmp_path, roster, capsys):
    listed = submissions()
    listed[0].respondent = "Firm one"
    assert "XML values and headers" in refused(capsys, "kobo", kobo_xlsx(tmp_path / "export.xlsx", listed), roster)


def test_a_csv_export_from_kobotoolbox_asks_for_the_xlsx_export(tmp_path, roster, capsys):
    export = tmp_path / "export.csv"
    export.write_text("round;respondent;partners;_uuid\nr1;F01;F02;u1\n", encoding="utf-8")
    error = refused(capsys, "kobo", export, roster)
    assert "no repeat groups" in error and "XLS" in error


def test_a_form_whose_fields_are_not_ours_names_the_missing_fields(tmp_path, roster, capsys):
    workbook = Workbook()
    first = workbook.active
    first.title = "Other survey"
    first.append(["q1", "q2", "_id", "_uuid", "_validation_status"])
    first.append(["a", "b", "1", "u1", ""])
    repeat = workbook.create_sheet("household")
    repeat.append(["member", "age", "_index", "_submission__uuid"])
    repeat.append(["x", "3", "1", "u1"])
    workbook.save(tmp_path / "export.xlsx")
    error = refused(capsys, "kobo", tmp_path / "export.xlsx", roster)
    assert "respondent" in error and "partner_id" in error and "clusternet xlsform" in error


def test_an_odk_zip_given_as_kobo_and_a_workbook_given_as_odk_say_which_command(tmp_path, roster, capsys):
    zipped = odk_zip(tmp_path / "export.zip", submissions())
    assert "clusternet import odk" in refused(capsys, "kobo", zipped, roster)
    workbook = kobo_xlsx(tmp_path / "export.xlsx", submissions())
    assert "clusternet import kobo" in refused(capsys, "odk", workbook, roster)
    assert (detected_platform(zipped.read_bytes()), detected_platform(workbook.read_bytes())) == ("odk", "kobo")


def test_an_odk_submissions_file_alone_asks_for_the_whole_zip(tmp_path, roster, capsys):
    with zipfile.ZipFile(odk_zip(tmp_path / "full.zip", submissions())) as archive:
        root = archive.read("clusternet_roster.csv")
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr("clusternet_roster.csv", root)
    error = refused(capsys, "odk", tmp_path / "export.zip", roster)
    assert "partner" in error


def test_a_damaged_or_empty_file_is_a_problem_never_a_traceback(tmp_path, roster, capsys):
    (tmp_path / "export.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")
    refused(capsys, "kobo", tmp_path / "export.xlsx", roster)
    (tmp_path / "export.zip").write_bytes(b"")
    refused(capsys, "odk", tmp_path / "export.zip", roster)
    missing = tmp_path / "nowhere.zip"
    assert run_import("odk", missing, roster) == 1
    assert "There is no file" in capsys.readouterr().err


def test_a_submission_without_a_round_takes_the_round_option(tmp_path, roster, capsys):
    listed = submissions()
    for submission in listed:
        submission.round = None
    export = odk_zip(tmp_path / "export.zip", listed)
    assert "--round" in refused(capsys, "odk", export, roster)
    assert run_import("odk", export, roster, "--round", "midterm") == 0
    assert load_survey(tmp_path / "survey.xlsx").round_labels == ["midterm"]


def test_into_adds_a_round_and_a_round_already_there_needs_replace_round(tmp_path, roster, capsys):
    first = odk_zip(tmp_path / "r1.zip", submissions())
    assert run_import("odk", first, roster) == 0
    survey = tmp_path / "survey.xlsx"
    later = [Submission("v1", "F03", "r2", [Partner("F01", "joint_action", 5)])]
    second = odk_zip(tmp_path / "r2.zip", later)
    assert main(["import", "odk", str(second), "--into", str(survey), "--force"]) == 0
    both = load_survey(survey)
    assert both.round_labels == ["r1", "r2"] and sorted(both.respondents_in("r2")) == ["F03"]
    assert len(both.ties_in("r1")) == 5
    capsys.readouterr()
    digest = hashlib.sha256(survey.read_bytes()).hexdigest()
    assert main(["import", "odk", str(second), "--into", str(survey), "--force"]) == 1
    assert "--replace-round" in capsys.readouterr().err
    assert hashlib.sha256(survey.read_bytes()).hexdigest() == digest
    assert main(["import", "odk", str(second), "--into", str(survey), "--force", "--replace-round"]) == 0
    assert len(load_survey(survey).ties_in("r2")) == 1


def test_the_import_refuses_to_overwrite_without_force(tmp_path, roster, capsys):
    export = odk_zip(tmp_path / "export.zip", submissions())
    assert run_import("odk", export, roster) == 0
    before = (tmp_path / "survey.xlsx").read_bytes()
    assert run_import("odk", export, roster) == 1
    assert "--force" in capsys.readouterr().err
    assert (tmp_path / "survey.xlsx").read_bytes() == before


def test_unmatched_csv_neutralises_formulas_written_by_a_respondent(tmp_path, roster, capsys):
    listed = submissions()
    listed[0].other_partners = '=HYPERLINK("http://x");+1'
    assert run_import("odk", odk_zip(tmp_path / "export.zip", listed), roster) == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "unmatched.csv").read_text(encoding="utf-8-sig"))))
    texts = [row[2] for row in rows[1:]]
    assert texts and all(not text.startswith(("=", "+", "-", "@")) for text in texts)
    capsys.readouterr()


def test_the_library_raises_survey_error_with_every_problem(tmp_path):
    listed = submissions()
    listed[0].respondent, listed[1].respondent = "F98", "F99"
    data = kobo_xlsx(tmp_path / "export.xlsx", listed).read_bytes()
    with pytest.raises(SurveyError) as raised:
        import_export("kobo", data, "export.xlsx", roster_from_csv(ROSTER.encode(), "roster.csv"))
    assert {problem.value for problem in raised.value.problems if problem.severity == "error"} >= {"F98", "F99"}
