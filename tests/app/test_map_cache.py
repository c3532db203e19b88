"""The app's maps made once per what they show: a rerun that changes nothing sends the page again, any
change of survey, selection, audience, language or argument draws it anew, and an anonymised view is
never served a named page (attacked as a user would: named Map page, then Anonymise on)."""

from __future__ import annotations

import html
import re

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import map_view
from app_pages.map_view import aggregated_map, graph_key, network_map
from clusternet import load_survey
from clusternet.cache import AnalysisCache
from clusternet.graph import Selection
from clusternet.view import view_of
from tests.app.test_pages import SAMPLE_NAMES, on_page
from tests.conftest import REPO, SAMPLE_WORKBOOK

KEY = "map-cache-test-key"


@pytest.fixture(scope="module")
def survey():
    return load_survey(SAMPLE_WORKBOOK)


@pytest.fixture(scope="module")
def cache(survey):
    return AnalysisCache(survey)


@pytest.fixture
def drawings(monkeypatch):
    """How many times a map page is drawn (not served from the cache), from empty caches."""
    map_view._network_map_page.clear()
    map_view._aggregated_map_page.clear()
    drawn: list[str] = []

    def counted(name: str):
        draw = getattr(map_view, name)

        def counting(*args, **kwargs):
            drawn.append(name)
            return draw(*args, **kwargs)

        return counting

    for name in ("interactive_map_html", "aggregated_map_html"):
        monkeypatch.setattr(map_view, name, counted(name))
    yield drawn
    map_view._network_map_page.clear()
    map_view._aggregated_map_page.clear()


def view(survey, cache, **options):
    """A new view object each time, as every rerun builds one."""
    return view_of(survey, Selection(), cache=cache, key=KEY, resamples=10, **options)


def readable(page: str) -> str:
    """The page with its HTML and JSON escapes undone, as a reader of the page's source would see it."""
    text = html.unescape(html.unescape(page))
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text)


def names_in(page: str, survey) -> list[str]:
    text = readable(page)
    return [name for name in survey.actors["name"] if name in text]


def test_a_rerun_that_changes_nothing_sends_the_page_without_drawing_it(survey, cache, drawings):
    first = network_map(view(survey, cache), title="endline")
    assert network_map(view(survey, cache), title="endline") == first
    assert drawings == ["interactive_map_html"]


def test_an_anonymised_view_is_never_served_the_named_page(survey, cache, drawings):
    named = network_map(view(survey, cache), title="map")
    anonymised = network_map(view(survey, cache, anonymize=True), title="map")
    assert len(names_in(named, survey)) == len(survey.actors)  # the check reads where the names would be
    assert names_in(anonymised, survey) == []
    assert network_map(view(survey, cache), title="map") == named
    assert drawings == ["interactive_map_html"] * 2


def test_another_k_key_language_or_selection_draws_another_page(survey, cache, drawings):
    pages = {
        "named": network_map(view(survey, cache)),
        "anonymised": network_map(view(survey, cache, anonymize=True)),
        "k of 5": network_map(view(survey, cache, anonymize=True, min_ratings=5)),
        "another key": network_map(view_of(survey, cache=cache, anonymize=True, key="another", resamples=10)),
        "spanish": network_map(view(survey, cache, language="es")),
        "baseline": network_map(view(survey, cache).with_selection(round="baseline")),
        "any ties": network_map(view(survey, cache).with_selection(ties="any")),
    }
    assert len(set(pages.values())) == len(pages) and len(drawings) == len(pages)
    assert "socios: " in readable(pages["spanish"]) and "socios: " not in readable(pages["named"])


def test_every_argument_is_in_the_key(survey, cache, drawings):
    shown = view(survey, cache)
    pages = [
        network_map(shown),
        network_map(shown, color_by="community"),
        network_map(shown, size_by="betweenness_norm"),
        network_map(shown, highlight=["W01"]),
        network_map(shown, highlight=["W01", "W02"]),
        network_map(shown, title="another title"),
        network_map(shown, height=420),
    ]
    assert len(set(pages)) == len(pages) and len(drawings) == len(pages)
    assert network_map(view(survey, cache), highlight=("W02", "W01", "W02")) == pages[4]  # a set of actors
    assert len(drawings) == len(pages)


def test_a_part_of_the_graph_is_keyed_by_its_actors_and_ties_not_its_identity(survey, cache, drawings):
    shown = view(survey, cache)
    whole = shown.analysis.graph
    ego = nx.ego_graph(whole.to_undirected(as_view=True), "W01")
    part = whole.subgraph(ego).copy()
    fewer_ties = part.copy()
    fewer_ties.remove_edge(*next(iter(part.edges)))
    first = network_map(shown, graph=part)
    assert network_map(view(survey, cache), graph=whole.subgraph(ego).copy()) == first  # the same part, rebuilt
    assert network_map(shown, graph=fewer_ties) != first
    assert network_map(shown) != first
    assert len(drawings) == 3


def test_the_key_of_a_part_is_its_content():
    directed = nx.DiGraph([("a", "b"), ("b", "c")])
    assert graph_key(None) is None
    assert graph_key(directed) == graph_key(nx.DiGraph([("b", "c"), ("a", "b")]))
    assert graph_key(directed) != graph_key(nx.DiGraph([("b", "a"), ("b", "c")]))  # a tie's direction counts
    assert graph_key(directed) != graph_key(nx.Graph([("a", "b"), ("b", "c")]))
    assert graph_key(nx.Graph([("a", "b")])) == graph_key(nx.Graph([("b", "a")]))
    with_isolate = directed.copy()
    with_isolate.add_node("d")
    assert graph_key(with_isolate) != graph_key(directed)


def test_the_overview_of_groups_is_drawn_once_per_what_it_shows(survey, cache, drawings):
    named, groups = aggregated_map(view(survey, cache), "type", "overview")
    assert aggregated_map(view(survey, cache), "type", "overview")[0] == named
    others = [
        aggregated_map(view(survey, cache, anonymize=True), "type", "overview")[0],
        aggregated_map(view(survey, cache, language="es"), "type", "overview")[0],
        aggregated_map(view(survey, cache).with_selection(round="baseline"), "type", "overview")[0],
        aggregated_map(view(survey, cache), "community", "overview")[0],
        aggregated_map(view(survey, cache), "type", "another title")[0],
    ]
    assert len({named, *others}) == 6 and drawings == ["aggregated_map_html"] * 6
    assert set(groups) == set(survey.actors["type"])


# --- attacked through the app -------------------------------------------------------------------


def map_page(page: AppTest) -> str:
    (frame,) = page.get("iframe")
    return str(frame.proto.srcdoc)


def test_the_anonymised_map_page_after_the_named_one_shows_no_name(survey):
    """The Map page named, then Anonymise turned on in the same session (the same cache entries, the
    same selection and arguments): the anonymised page holds no name; turned off, the names return."""
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    named = map_page(on_page(app, "map"))
    assert set(SAMPLE_NAMES) <= set(names_in(named, survey))
    app.session_state["anonymise"] = True
    anonymised = app.run()
    assert not anonymised.exception, anonymised.exception
    assert names_in(map_page(anonymised), survey) == []
    app.session_state["anonymise"] = False
    assert map_page(app.run()) == named
