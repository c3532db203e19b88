"""clusternet whatif and clusternet keyplayers as a broker runs them on the sample."""

import hashlib

import pandas as pd

from clusternet.cli import main
from clusternet.whatif.kpis import GOOD_DIRECTIONS
from tests.conftest import SAMPLE_WORKBOOK

INTRODUCTIONS = (
    "1,add_tie,W08,W11,information,4,,,across the villages",
    "2,join_action,,,,,W01;W30;W35,,",
    "3,remove_actor,,,,,MW01,,",
)


def test_whatif_writes_every_kpi_of_every_step_and_the_actors_that_change(tmp_path, scenario_file, capsys):
    before = hashlib.sha256(SAMPLE_WORKBOOK.read_bytes()).hexdigest()
    out = tmp_path / "out"
    code = main(["whatif", str(SAMPLE_WORKBOOK), "--scenario", str(scenario_file(*INTRODUCTIONS)), "--round",
                 "baseline", "--out", str(out)])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "Round baseline: 3 steps tried on a copy of the round (the survey is not changed):" in printed
    assert "Fragmentation: " in printed and "(worse)" in printed
    whatif = pd.read_csv(out / "whatif.csv")
    assert whatif.columns.tolist()[:5] == ["step", "kpi", "before", "after", "change"]
    assert whatif["step"].unique().tolist() == [0, 1, 2, 3]
    assert len(whatif) == 4 * len(GOOD_DIRECTIONS)
    kpis = whatif.set_index(["step", "kpi"])
    assert kpis.loc[(2, "ties"), "change"] == 6  # three actors untied before: six arcs
    assert kpis.loc[(3, "fragmentation"), "after"] > kpis.loc[(3, "fragmentation"), "before"]
    changes = pd.read_csv(out / "actor_changes.csv")
    assert changes.columns.tolist() == ["actor_id", "metric", "before", "after"]
    assert changes.loc[(changes["actor_id"] == "MW01") & (changes["metric"] == "degree"), "after"].isna().all()
    assert hashlib.sha256(SAMPLE_WORKBOOK.read_bytes()).hexdigest() == before


def test_whatif_replaces_its_files_only_with_force(tmp_path, scenario_file, capsys):
    arguments = ["whatif", str(SAMPLE_WORKBOOK), "--scenario", str(scenario_file(INTRODUCTIONS[0])), "--out",
                 str(tmp_path)]  # fmt: skip
    assert main(arguments) == 0
    assert main(arguments) == 1
    assert "exists" in capsys.readouterr().err
    assert main([*arguments, "--force"]) == 0


def test_bad_scenario_rows_exit_1_naming_each_row_without_a_traceback(tmp_path, scenario_file, capsys):
    scenario = scenario_file(
        "1,introduce,W01,W02,information,,,,",
        "2,add_tie,W01,W999,information,,,,",
        "3,add_tie,W01,,information,,,,",
        "4,add_actor,,,,,NEW1,,",
    )
    code = main(["whatif", str(SAMPLE_WORKBOOK), "--scenario", str(scenario), "--out", str(tmp_path / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "4 errors:" in err
    lines = [line for line in err.splitlines() if line.startswith("ERROR")]
    assert [line.split()[2] for line in lines] == ["2", "3", "4", "5"]
    assert 'There is no operation "introduce"' in err
    assert 'There is no actor "W999" in the survey' in err
    assert "The operation add_tie needs a value in target" in err
    assert "The operation add_actor needs a value in type" in err
    assert not (tmp_path / "out" / "whatif.csv").exists()


def test_whatif_refuses_an_unknown_round_listing_the_rounds(tmp_path, scenario_file, capsys):
    code = main(["whatif", str(SAMPLE_WORKBOOK), "--scenario", str(scenario_file(INTRODUCTIONS[0])), "--round",
                 "2030", "--out", str(tmp_path)])  # fmt: skip
    assert code == 1
    assert 'the rounds are "baseline", "midterm", "endline"' in capsys.readouterr().err


def test_keyplayers_names_the_master_weaver_and_records_how_it_searched(tmp_path, capsys):
    assert main(["keyplayers", str(SAMPLE_WORKBOOK), "--round", "baseline", "--k", "1", "--goal", "fragment",
                 "--out", str(tmp_path)]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "the actor whose removal fragments the network most (exact: every one of the 66 sets measured)" in printed
    assert "MW01" in printed and "Gopāl Meher & Sons" in printed
    table = pd.read_csv(tmp_path / "keyplayers.csv")
    assert table[["actor_id", "goal", "method", "sets_tried"]].values.tolist() == [["MW01", "fragment", "exact", 66]]
    assert main(["keyplayers", str(SAMPLE_WORKBOOK), "--k", "3", "--goal", "reach", "--among", "association",
                 "--among", "ngo", "--among", "government", "--seed", "4"]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "the 3 actors who together reach the most firms, 1-step reach (exact" in printed
    assert "of the 50 firms within 1 step" in printed


def test_keyplayers_beyond_the_exact_search_prints_its_seed(capsys):
    assert main(["keyplayers", str(SAMPLE_WORKBOOK), "--k", "3", "--goal", "reach", "--seed", "11"]) == 0
    assert "greedy search with swaps from 3 starts, seed 11" in capsys.readouterr().out


def test_keyplayers_refuses_a_type_no_actor_has(capsys):
    assert main(["keyplayers", str(SAMPLE_WORKBOOK), "--k", "1", "--goal", "reach", "--among", "bank"]) == 1
    assert "no actor is of type bank; the types are association, bds" in capsys.readouterr().err
