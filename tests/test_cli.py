"""The clusternet command as a user runs it."""

import subprocess
import sys

from clusternet.cli import main
from tests.conftest import SAMPLE_CSV, SAMPLE_WORKBOOK, write_csv_folder


def test_validate_gives_identical_summaries_for_the_sample_workbook_and_csv_folder(capsys):
    assert main(["validate", str(SAMPLE_WORKBOOK)]) == 0
    from_workbook = capsys.readouterr()
    assert main(["validate", str(SAMPLE_CSV)]) == 0
    from_folder = capsys.readouterr()
    assert from_workbook.out == from_folder.out
    assert "Actors: 66" in from_workbook.out
    assert "Respondents by round" in from_workbook.out
    assert from_workbook.err == from_folder.err == ""


def test_validate_prints_every_problem_and_exits_1(tmp_path, capsys):
    folder = write_csv_folder(tmp_path / "bad", {
        "actors.csv": "actor_id\nA\nA\n",
        "ties.csv": "source,target,trust\nA,B,7\n",
    })
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "The survey cannot be analysed: 3 errors." in err
    assert "actors.csv  3" in err
    assert "7 is outside the trust scale 1-5" in err
    assert '"B" is not in the actors list' in err


def test_add_missing_actors_lets_the_survey_through(tmp_path, capsys):
    folder = write_csv_folder(tmp_path / "s", {"actors.csv": "actor_id\nA\n", "ties.csv": "source,target\nA,B\n"})
    assert main(["validate", str(folder), "--add-missing-actors"]) == 0
    assert 'added with type "unknown": B' in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run([sys.executable, "-m", "clusternet", "validate", str(SAMPLE_CSV)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Tie rows by round and relation" in result.stdout
