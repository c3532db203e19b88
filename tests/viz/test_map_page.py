"""The Map page as AppTest runs it: its filter, its "Find an actor" neighbourhood and what it draws."""

import pytest
from streamlit.testing.v1 import AppTest

from clusternet import load_survey
from tests.conftest import REPO, SAMPLE_WORKBOOK
from tests.viz.conftest import embedded


@pytest.fixture(scope="module")
def actors():
    return load_survey(SAMPLE_WORKBOOK).actors.set_index("actor_id")


@pytest.fixture
def page():
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()


def drawn(page) -> list[dict]:
    (frame,) = page.get("iframe")
    return embedded(frame.proto.srcdoc, "nodes")


def test_the_map_page_draws_every_actor_with_vis_network_from_the_static_files(page):
    assert not page.exception
    (frame,) = page.get("iframe")
    assert len(drawn(page)) == 66
    assert '<script src="./app/static/vis-network.min.js"></script>' in frame.proto.srcdoc
    assert "vis-network.min.js.map" not in frame.proto.srcdoc  # the library is not inlined


def test_a_filter_on_type_keeps_only_the_actors_of_the_chosen_types(page, actors):
    page.selectbox(key="map_filter_by").set_value("type").run()
    page.multiselect(key="map_filter_values_type").set_value(["bds", "finance"]).run()
    labels = {node["label"] for node in drawn(page)}
    expected = set(actors.loc[actors["type"].isin(["bds", "finance"]), "name"])
    assert labels == expected and len(expected) > 1


def test_find_an_actor_then_its_partners_only(page, actors):
    page.selectbox(key="map_search").set_value("W01").run()
    assert len(drawn(page)) == 66
    page.radio(key="map_steps").set_value(1).run()
    one_step = {node["label"] for node in drawn(page)}
    page.radio(key="map_steps").set_value(2).run()
    two_steps = {node["label"] for node in drawn(page)}
    assert actors.loc["W01", "name"] in one_step
    assert 1 < len(one_step) < len(two_steps) <= 66
