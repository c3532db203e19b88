"""``clusternet db`` and ``--db URL --cluster NAME``: the store gives exactly what the file gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusternet.cli import main
from clusternet.survey import load_survey
from tests.conftest import SAMPLE_CSV, SAMPLE_WORKBOOK
from tests.store.surveys import SHEETS


@pytest.fixture
def filled(store_url):
    """A store holding the sample as cluster ``handloom``."""
    assert main(["db", "upgrade", "--db", store_url]) == 0
    assert main(["db", "import", str(SAMPLE_WORKBOOK), "--cluster", "handloom", "--db", store_url]) == 0
    return store_url


ANALYSES = [
    (["analyze", "--round", "baseline", "--group-by", "village"], ["actors.csv", "network.csv"]),
    (["gaps", "--round", "midterm"], ["gaps.csv"]),
    (["compare", "--from", "baseline", "--to", "endline", "--resamples", "50"], ["kpis.csv", "tie_changes.csv"]),
]


@pytest.mark.parametrize(("command", "files"), ANALYSES, ids=[command[0] for command, _files in ANALYSES])
def test_analysis_from_the_store_is_byte_identical_to_analysis_from_the_file(filled, tmp_path, command, files):
    from_file, from_store = tmp_path / "file", tmp_path / "store"
    assert main([command[0], str(SAMPLE_WORKBOOK), *command[1:], "--out", str(from_file)]) == 0
    store_arguments = ["--db", filled, "--cluster", "handloom"]
    assert main([command[0], *store_arguments, *command[1:], "--out", str(from_store)]) == 0
    for name in files:
        assert (from_store / name).read_bytes() == (from_file / name).read_bytes(), name


def test_export_gives_back_the_imported_tables(filled, tmp_path):
    exported = tmp_path / "handloom.xlsx"
    assert main(["db", "export", "--cluster", "handloom", "--out", str(exported), "--db", filled]) == 0
    original, back = load_survey(SAMPLE_WORKBOOK), load_survey(exported)
    for sheet in SHEETS:
        pd_testing().assert_frame_equal(getattr(back, sheet), getattr(original, sheet), check_exact=True, obj=sheet)
    assert dict(back.attribute_privacy) == dict(original.attribute_privacy)


def pd_testing():
    import pandas as pd

    return pd.testing


def test_reimport_replaces_and_list_shows_every_cluster(filled, capsys):
    assert main(["db", "import", str(SAMPLE_CSV), "--cluster", "second", "--db", filled]) == 0
    assert main(["db", "import", str(SAMPLE_CSV), "--cluster", "handloom", "--db", filled]) == 0
    assert 'Replaced cluster "handloom"' in capsys.readouterr().out
    assert main(["db", "list", "--db", filled]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["cluster", "rounds", "actors", "ties"]
    assert [line.split()[0] for line in lines[1:]] == ["handloom", "second"]


def test_a_survey_with_problems_changes_nothing(filled, csv_survey, capsys, tmp_path):
    broken = csv_survey(actors="actor_id\nA\nA\n", ties="source,target\nA,B\n")
    assert main(["db", "import", str(broken), "--cluster", "handloom", "--db", filled]) == 1
    assert "cannot be analysed" in capsys.readouterr().err
    out = tmp_path / "after"
    assert main(["analyze", "--db", filled, "--cluster", "handloom", "--out", str(out)]) == 0
    assert main(["analyze", str(SAMPLE_WORKBOOK), "--out", str(tmp_path / "file")]) == 0
    assert (out / "actors.csv").read_bytes() == (tmp_path / "file" / "actors.csv").read_bytes()


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def test_an_unknown_cluster_lists_the_known_ones(filled, capsys, tmp_path):
    assert main(["analyze", "--db", filled, "--cluster", "nowhere", "--out", str(tmp_path)]) == 1
    assert one_line_error(capsys).endswith('there is no cluster "nowhere" in the store; the clusters are "handloom"')


def test_a_store_not_upgraded_says_to_upgrade(store_url, capsys, tmp_path):
    from clusternet.store.engine import open_store

    open_store(store_url, create=True).dispose()
    assert main(["db", "list", "--db", store_url]) == 1
    assert "run: clusternet db upgrade --db" in one_line_error(capsys)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://user@server/db", "SQLite or PostgreSQL"),
        ("postgresql://nobody:secret@127.0.0.1:1/none", "cannot reach the store at postgresql+psycopg://nobody:***@"),
    ],
)
def test_a_bad_or_unreachable_store_is_one_line(url, says, capsys, tmp_path):
    assert main(["validate", "--db", url, "--cluster", "x"]) == 1
    line = one_line_error(capsys)
    assert says in line and "secret" not in line


def test_a_missing_sqlite_file_is_not_created_by_reading(tmp_path, capsys):
    store = tmp_path / "none.db"
    assert main(["db", "list", "--db", f"sqlite:///{store}"]) == 1
    assert "create it with: clusternet db upgrade" in one_line_error(capsys)
    assert not store.exists()


def test_upgrading_twice_says_there_is_nothing_to_do(store_url, capsys):
    assert main(["db", "upgrade", "--db", store_url]) == 0
    assert main(["db", "upgrade", "--db", store_url]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_a_path_and_a_cluster_together_are_refused(capsys, tmp_path: Path):
    assert main(["analyze", str(SAMPLE_WORKBOOK), "--cluster", "x", "--out", str(tmp_path)]) == 1
    assert one_line_error(capsys).endswith("give either a survey path or --cluster NAME, not both")
    assert main(["analyze", "--out", str(tmp_path)]) == 1
    assert "give a survey" in one_line_error(capsys)
