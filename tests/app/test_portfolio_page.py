"""The Portfolio page: the bundled programme while the store holds nothing, else the store's clusters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from clusternet.portfolio import HEAT_FILLS
from clusternet.store.clusters import SurveyFile, import_survey
from clusternet.store.engine import open_store
from clusternet.store.migrate import upgrade
from clusternet.survey.uploads import load_uploaded_survey
from tests.conftest import REPO

ROSTER = "actor_id,name,type\n" + "".join(f"F{at},Firm {at},firm\n" for at in range(1, 11)) + "G1,Guild,association\n"
"""Eleven actors: a small cluster."""
FEW_ANSWERED = (
    ("actors.csv", ROSTER.encode()),
    (
        "ties.csv",
        b"source,target,round,trust\nF1,F2,r1,3\nF2,F3,r1,3\nF3,G1,r1,2\n"
        b"F1,F2,r2,4\nF2,F3,r2,4\nF3,G1,r2,4\nF1,G1,r2,5\nF2,G1,r2,5\n",
    ),
)
"""Three of eleven actors answer each of two rounds: a low response rate in both."""


def app() -> AppTest:
    return (
        AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run().switch_page("app_pages/portfolio.py").run()
    )


@pytest.fixture
def empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTERNET_DB_URL", f"sqlite:///{tmp_path / 'none-yet.db'}")


def test_an_empty_store_shows_the_bundled_programme(empty_store):
    page = app()
    assert not page.exception, page.exception
    assert page.title[0].value == "Portfolio"
    assert "the bundled sample programme of 3 clusters" in page.caption[0].value
    heat, side_by_side = page.dataframe[0].value, page.dataframe[1].value
    assert list(heat.columns) == ["KPI", "calzado_trujillo", "handloom_odisha", "metalwork_suame"]
    mean_trust = heat.set_index("KPI").loc["Mean trust"]
    assert all(cell.endswith(", better") for cell in mean_trust)
    assert "handloom_odisha · midterm" in side_by_side.columns and len(side_by_side.columns) == 1 + 9
    assert len(page.get("image")) == 3
    assert any("Density and centralisation do not compare" in info.value for info in page.info)
    assert any(caption.value.startswith("No flags") for caption in page.caption)


def test_the_heat_table_is_coloured_by_reading(empty_store):
    styles = str(app().dataframe[0].proto.arrow_data.styler.styles)
    assert HEAT_FILLS["better"].lower() in styles.lower() and HEAT_FILLS["no clear change"].lower() in styles.lower()


def test_the_store_clusters_replace_the_bundled_programme_and_are_flagged(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'programme.db'}"
    engine = open_store(url, create=True)
    upgrade(engine)
    import_survey(engine, load_uploaded_survey(FEW_ANSWERED), "pottery", SurveyFile("pottery", "0" * 64, "tests"))
    engine.dispose()
    monkeypatch.setenv("CLUSTERNET_DB_URL", url)
    page = app()
    assert not page.exception, page.exception
    assert page.caption[0].value == "The 1 cluster of the programme store."
    assert list(page.dataframe[0].value.columns) == ["KPI", "pottery"]
    flags = [warning.value for warning in page.warning]
    assert flags[0].startswith("pottery has 11 actors (fewer than 30)")
    assert flags[1].startswith("pottery, r1: 27% of the actors answered (fewer than 60%)")
    assert len(flags) == 3
