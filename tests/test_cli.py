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
    folder = write_csv_folder(
        tmp_path / "bad",
        {
            "actors.csv": "actor_id\nA\nA\n",
            "ties.csv": "source,target,trust\nA,B,7\n",
        },
    )
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
    result = subprocess.run(
        [sys.executable, "-m", "clusternet", "validate", str(SAMPLE_CSV)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Tie rows by round and relation" in result.stdout


def test_analyze_writes_actors_and_network_csv(tmp_path, capsys):
    import pandas as pd

    assert (
        main(
            [
                "analyze",
                str(SAMPLE_CSV),
                "--round",
                "baseline",
                "--relation",
                "information",
                "--relation",
                "subcontracting",
                "--ties",
                "any",
                "--min-trust",
                "2",
                "--group-by",
                "village",
                "--seed",
                "3",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Round baseline, information, subcontracting, any ties, trust >= 2" in out
    actors = pd.read_csv(tmp_path / "actors.csv")
    network = pd.read_csv(tmp_path / "network.csv")
    assert actors.columns[:3].tolist() == ["actor_id", "name", "type"]
    assert len(actors) == 66
    assert network.columns.tolist() == ["metric", "value"]
    assert {"density", "ei_index", "confirmed_share"} <= set(network["metric"])


def test_analyze_defaults_to_the_latest_round(tmp_path, capsys):
    assert main(["analyze", str(SAMPLE_WORKBOOK), "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("Round endline, all relations, reported ties")


def test_analyze_unknown_names_exit_1_listing_valid_ones(tmp_path, capsys):
    assert main(["analyze", str(SAMPLE_CSV), "--round", "final", "--out", str(tmp_path)]) == 1
    assert 'the rounds are "baseline", "midterm", "endline"' in capsys.readouterr().err
    assert main(["analyze", str(SAMPLE_CSV), "--relation", "trade", "--out", str(tmp_path)]) == 1
    assert '"joint_action"' in capsys.readouterr().err
    assert main(["analyze", str(SAMPLE_CSV), "--group-by", "district", "--out", str(tmp_path)]) == 1
    assert '"village"' in capsys.readouterr().err
    assert not (tmp_path / "actors.csv").exists()


def test_analyze_output_neutralises_formulas_from_survey_text(tmp_path):
    import pandas as pd

    folder = write_csv_folder(
        tmp_path / "s",
        {
            "actors.csv": 'actor_id,name\nA,"=HYPERLINK(""http://x"",""click"")"\nB,+Beta\n',
            "ties.csv": "source,target\nA,B\n",
        },
    )
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 0
    names = pd.read_csv(tmp_path / "out" / "actors.csv")["name"].tolist()
    assert names == ['\'=HYPERLINK("http://x","click")', "'+Beta"]


def test_gaps_writes_ranked_gaps_csv(tmp_path, capsys):
    import pandas as pd

    assert (
        main(["gaps", str(SAMPLE_CSV), "--round", "baseline", "--set", "reach_target=0.3", "--out", str(tmp_path)]) == 0
    )
    assert "opportunities; the ten most important" in capsys.readouterr().out
    gaps = pd.read_csv(tmp_path / "gaps.csv")
    assert gaps.columns[:5].tolist() == ["kind", "actors", "score", "explanation", "action"]
    assert gaps["score"].is_monotonic_decreasing
    assert "reach at least 30%" in " ".join(gaps["explanation"])


def test_gaps_csv_ends_with_each_row_as_a_message_id_and_its_params_in_json(tmp_path):
    import json

    import pandas as pd

    from clusternet.gaps import explanation_of
    from clusternet.messages import message_from_json

    assert main(["gaps", str(SAMPLE_CSV), "--round", "baseline", "--out", str(tmp_path)]) == 0
    gaps = pd.read_csv(tmp_path / "gaps.csv")
    assert gaps.columns[-2:].tolist() == ["message_id", "params"]
    assert gaps["message_id"].str.startswith("gap.").all()
    params = [json.loads(text) for text in gaps["params"]]
    assert all(isinstance(item, dict) and item for item in params)
    again = [str(explanation_of(message_from_json(row.message_id, row.params))) for row in gaps.itertuples()]
    assert all(again)


def test_gaps_refuses_unknown_settings(tmp_path, capsys):
    assert main(["gaps", str(SAMPLE_CSV), "--set", "reach=1", "--out", str(tmp_path)]) == 1
    assert "the settings are low_trust" in capsys.readouterr().err


def test_compare_writes_kpis_and_tie_changes(tmp_path, capsys):
    import pandas as pd

    assert (
        main(
            [
                "compare",
                str(SAMPLE_WORKBOOK),
                "--from",
                "baseline",
                "--to",
                "endline",
                "--resamples",
                "200",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    assert "Clearly better" in capsys.readouterr().out
    kpis = pd.read_csv(tmp_path / "kpis.csv")
    assert kpis.columns[:7].tolist() == ["kpi", "basis", "from_value", "to_value", "change", "low", "high"]
    assert set(kpis["basis"]) == {"all", "panel"}
    ties = pd.read_csv(tmp_path / "tie_changes.csv")
    assert ties.columns[:6].tolist() == ["source", "target", "relation", "status", "trust_from", "trust_to"]
    assert set(ties["status"]) == {"new", "dropped", "kept"}


def test_compare_unknown_round_exits_1(tmp_path, capsys):
    assert main(["compare", str(SAMPLE_CSV), "--from", "baseline", "--to", "final", "--out", str(tmp_path)]) == 1
    assert 'the rounds are "baseline", "midterm", "endline"' in capsys.readouterr().err
