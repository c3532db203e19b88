"""``clusternet portfolio``: every cluster's KPIs by round and its change, as ``clusternet compare`` computes them."""

from __future__ import annotations

import csv
import filecmp
import io

from clusternet.cli import main
from clusternet.portfolio import CHANGE_COLUMNS, KPI_COLUMNS, programme_surveys
from tests.conftest import REPO, SAMPLE_CSV

PROGRAMME = REPO / "surveys" / "programme"


def rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_bundled_programme_holds_the_sample_and_two_more_clusters():
    assert [name for name, _path in programme_surveys(PROGRAMME)] == [
        "calzado_trujillo",
        "handloom_odisha",
        "metalwork_suame",
    ]
    copy = PROGRAMME / "handloom_odisha"
    names = sorted(path.name for path in SAMPLE_CSV.glob("*.csv"))
    assert sorted(path.name for path in copy.glob("*.csv")) == names
    assert filecmp.cmpfiles(SAMPLE_CSV, copy, names, shallow=False)[0] == names


def test_the_change_equals_the_all_rows_of_compare(tmp_path):
    out = tmp_path / "portfolio"
    assert main(["portfolio", str(PROGRAMME), "--resamples", "40", "--out", str(out)]) == 0
    kpis, change = rows(out / "portfolio_kpis.csv"), rows(out / "portfolio_change.csv")
    assert list(kpis[0]) == KPI_COLUMNS and list(change[0]) == CHANGE_COLUMNS
    assert {row["cluster"] for row in kpis} == {"calzado_trujillo", "handloom_odisha", "metalwork_suame"}
    compared = tmp_path / "compare"
    survey = PROGRAMME / "calzado_trujillo"
    arguments = ["compare", str(survey), "--from", "línea_de_base", "--to", "línea_final", "--resamples", "40"]
    assert main([*arguments, "--out", str(compared)]) == 0
    expected = [
        {"kpi": row["kpi"], "change": row["change"], "low": row["low"], "high": row["high"]}
        for row in rows(compared / "kpis.csv")
        if row["basis"] == "all"
    ]
    got = [
        {"kpi": row["kpi"], "change": row["change"], "low": row["low"], "high": row["high"]}
        for row in change
        if row["cluster"] == "calzado_trujillo"
    ]
    assert got == expected
    from_values = {row["kpi"]: row["from_value"] for row in rows(compared / "kpis.csv") if row["basis"] == "all"}
    baseline = {row["kpi"]: row["value"] for row in kpis if row["cluster"] == "calzado_trujillo"
                and row["round"] == "línea_de_base"}  # fmt: skip
    assert baseline == from_values


def test_the_store_gives_the_same_portfolio_as_the_folder(store_url, tmp_path):
    assert main(["db", "upgrade", "--db", store_url]) == 0
    for name, path in programme_surveys(PROGRAMME):
        assert main(["db", "import", str(path), "--cluster", name, "--db", store_url]) == 0
    from_folder, from_store = tmp_path / "folder", tmp_path / "store"
    assert main(["portfolio", str(PROGRAMME), "--resamples", "20", "--out", str(from_folder)]) == 0
    assert main(["portfolio", "--db", store_url, "--resamples", "20", "--out", str(from_store)]) == 0
    for name in ("portfolio_kpis.csv", "portfolio_change.csv"):
        assert (from_store / name).read_bytes() == (from_folder / name).read_bytes()


def test_a_folder_without_surveys_says_what_to_put_there(tmp_path, capsys):
    assert main(["portfolio", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "holds no cluster survey" in capsys.readouterr().err
    assert main(["portfolio", "--out", str(tmp_path / "out")]) == 1
    assert "not both" in capsys.readouterr().err
