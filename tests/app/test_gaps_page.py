"""The Gaps page as AppTest runs it: this quarter's cards, their maps drawn only when opened, the count
of each kind, and the full table below, named and anonymised."""

import networkx as nx
import pytest

from clusternet import load_survey
from clusternet.view import view_of
from tests.app.test_pages import SAMPLE_NAMES, app, on_page, page_text  # noqa: F401 (app is a fixture)
from tests.conftest import SAMPLE_WORKBOOK
from tests.viz.conftest import embedded


@pytest.fixture
def gaps(app):  # noqa: F811 (the fixture imported above)
    return on_page(app, "gaps")


def cards(page) -> list[str]:
    """The cards' texts: the markdown that opens with a bold rank ("**1. ...")."""
    return [item.value for item in page.markdown if item.value.startswith("**") and ". " in item.value[:8]]


def card_maps(page) -> list:
    """The maps the page draws (each in an iframe)."""
    return list(page.get("iframe"))


def test_the_cards_show_this_quarters_gaps_on_the_sample(gaps):
    assert not gaps.exception, gaps.exception
    shown = cards(gaps)
    assert len(shown) == 10
    assert shown[0].startswith("**1. Introduction** · score 0.50")
    assert "*Action:* Introduce Puṣpā Dās to Nirmalā Bhuliā" in shown[0] and "Grāmya Vikās Trust" in shown[0]
    assert [subheader.value for subheader in gaps.subheader] == ["This quarter", "By kind", "All gaps"]


def test_a_cards_map_is_drawn_only_when_opened_with_its_actors_and_their_partners(gaps):
    assert card_maps(gaps) == []
    gaps.session_state["gap_card_map_1"] = True
    gaps.run()
    assert not gaps.exception, gaps.exception
    (frame,) = card_maps(gaps)
    survey = load_survey(SAMPLE_WORKBOOK)
    graph = view_of(survey).analysis.graph
    actors = {"W06", "W37", "NGO01"}  # the first card: introduce W06 to W37, through NGO01
    expected = actors.union(*(nx.all_neighbors(graph, actor) for actor in actors))
    names = dict(zip(survey.actors["actor_id"], survey.actors["name"]))
    assert {node["label"] for node in embedded(frame.proto.srcdoc, "nodes")} == {names[actor] for actor in expected}


def test_the_kind_counts_add_up_to_the_tables_rows(gaps):
    summary = gaps.table[0].value
    assert summary.columns.tolist() == ["Kind", "Gaps", "Top score"]
    assert summary["Gaps"].sum() == len(gaps.dataframe[0].value) == 98
    assert summary.iloc[0].tolist() == ["Introduction", 25, "0.50"]


def test_the_baseline_cards_open_on_the_two_villages(gaps):
    gaps.sidebar.selectbox(key="round").set_value("baseline").run()
    shown = cards(gaps)
    assert shown[0].startswith("**1. Groups that rarely meet**") and "village Barpālī" in shown[0]
    assert shown[1].startswith("**2. Dependency on one broker**")


def test_a_row_picked_in_the_table_is_shown_on_its_map(gaps):
    assert "Select a row to see its gap on the map." in page_text(gaps)
    gaps.session_state["gap_table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    gaps.run()
    assert gaps.subheader[-1].value == "On the map"
    assert len(card_maps(gaps)) == 1


def test_anonymised_cards_and_their_maps_use_codes(app):  # noqa: F811
    app.sidebar.toggle(key="anonymise").set_value(True).run()
    page = on_page(app, "gaps")
    page.session_state["gap_card_map_1"] = True
    page.run()
    assert not page.exception, page.exception
    shown = cards(page)
    assert len(shown) == 10
    table = page.dataframe[0].value
    assert sum(page.table[0].value["Gaps"]) == len(table)
    (frame,) = card_maps(page)
    for actor_name in SAMPLE_NAMES:
        assert actor_name not in " ".join(shown) and actor_name not in frame.proto.srcdoc
    assert "FIRM" in " ".join(shown)
