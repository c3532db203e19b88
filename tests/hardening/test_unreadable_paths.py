"""A path the system will not read (no permission, a disk gone, a pipe) ends a command with a sentence that
names it and says what to do, never a traceback.

Root reads every file whatever its permissions, so the refusals are simulated where the file is read.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from clusternet.cli import main
from tests.conftest import write_workbook


@pytest.fixture
def survey(tmp_path) -> Path:
    return write_workbook(
        tmp_path / "survey.xlsx", {"actors": [["actor_id"], ["A"], ["B"]], "ties": [["source", "target"], ["A", "B"]]}
    )


def denied(path: Path, monkeypatch, number: int = errno.EACCES) -> None:
    """Reading ``path`` fails as the system would fail it with ``number`` (EACCES: no permission)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise OSError(number, os.strerror(number), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


@pytest.mark.parametrize("command", [["validate"], ["analyze", "--out", "OUT"]])
def test_a_survey_one_may_not_read_ends_the_command_with_its_name_and_what_to_do(survey, monkeypatch, capsys, command):
    denied(survey, monkeypatch)
    arguments = [command[0], str(survey)] + [
        str(survey.parent / "out") if word == "OUT" else word for word in command[1:]
    ]
    assert main(arguments) == 1
    said = capsys.readouterr().err
    assert str(survey) in said and "Permission denied" in said and "Ask whoever manages the computer" in said
    assert "Traceback" not in said


def test_an_export_one_may_not_read_ends_the_import_with_its_name(survey, tmp_path, monkeypatch, capsys):
    export = tmp_path / "kobo.xlsx"
    export.write_bytes(survey.read_bytes())
    denied(export, monkeypatch, errno.EIO)
    code = main(["import", "kobo", str(export), "--roster", str(survey), "--out", str(tmp_path / "new.xlsx")])
    said = capsys.readouterr().err
    assert code == 1 and str(export) in said and "Check that the disk" in said
    assert "Traceback" not in said


def test_a_folder_given_for_an_export_is_named_as_a_folder(survey, tmp_path, capsys):
    code = main(["import", "kobo", str(tmp_path), "--roster", str(survey), "--out", str(tmp_path / "new.xlsx")])
    assert code == 1 and "This is a folder, and a file is needed here" in capsys.readouterr().err


def test_a_pipe_given_as_the_survey_is_refused_at_once(tmp_path, capsys):
    pipe = tmp_path / "survey.xlsx"
    os.mkfifo(pipe)
    assert main(["validate", str(pipe)]) == 1
    assert "neither a file nor a folder" in capsys.readouterr().err


def test_a_roster_or_scenario_one_may_not_read_ends_the_command_with_its_name(survey, tmp_path, monkeypatch, capsys):
    roster = tmp_path / "actors.csv"
    roster.write_text("actor_id,name,type\nA,Alpha,firm\n", encoding="utf-8")
    scenario = tmp_path / "plan.csv"
    scenario.write_text("step,op,source,target,relation\n1,add_tie,A,B,information\n", encoding="utf-8")
    denied(roster, monkeypatch)
    assert main(["xlsform", str(roster), "--out", str(tmp_path / "form"), "--rounds", "r1"]) == 1
    said = capsys.readouterr().err
    assert str(roster) in said and "Permission denied" in said and "Traceback" not in said
    denied(scenario, monkeypatch)
    assert main(["whatif", str(survey), "--scenario", str(scenario), "--out", str(tmp_path / "whatif")]) == 1
    said = capsys.readouterr().err
    assert str(scenario) in said and "Permission denied" in said and "Traceback" not in said
