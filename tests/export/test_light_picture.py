"""A map picture computes only what it draws: with the default colour and size it reads the selection's
graph alone (no betweenness, communities or brokerage, and anonymised no release of trust figures),
and draws exactly the picture the full analysis gives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clusternet.cache import AnalysisCache
from clusternet.export import snapshot
from clusternet.export.snapshot import graph_figures, map_image
from clusternet.graph import Selection, build_graph
from clusternet.survey import SelectionError
from clusternet.view import view_of
from clusternet.viz.map_style import GRAPH_SIZES, MapScope, map_style, picture_style

KEY = "light-picture-test-key"
SELECTIONS = [
    Selection(),
    Selection("baseline"),
    Selection(ties="any"),
    Selection(ties="confirmed"),
    Selection(relations=("information",)),
    Selection("midterm", min_trust=4),
]


def fresh_view(survey, *, anonymize: bool = False, selection: Selection = Selection()):
    """A view with a cache of its own: nothing computed yet."""
    return view_of(survey, selection, anonymize=anonymize, key=KEY, cache=AnalysisCache(survey), resamples=10)


@pytest.fixture
def no_analysis(monkeypatch):
    """Any analysis of a selection fails: what runs under it computes no measure of the actors."""

    def refused(*_args, **_kwargs):
        raise AssertionError("an analysis was computed")

    monkeypatch.setattr("clusternet.cache.analyze", refused)


@pytest.mark.parametrize("anonymize", [False, True])
def test_the_light_style_is_the_full_one_without_tooltips(sample_survey, anonymize):
    view = fresh_view(sample_survey, anonymize=anonymize)
    graph = build_graph(view.survey, view.selection)
    for color_by in view.attributes:
        for size_by in GRAPH_SIZES:
            full = map_style(view, color_by=color_by, size_by=size_by)
            assert picture_style(view, graph, color_by=color_by, size_by=size_by) == replace(full, tooltips={})


@pytest.mark.parametrize("selection", SELECTIONS, ids=repr)
def test_the_captions_figures_read_off_the_graph_are_the_analysiss(sample_survey, selection):
    view = fresh_view(sample_survey, selection=selection)
    figures = graph_figures(build_graph(view.survey, view.selection))
    assert figures == {metric: view.analysis.network_values[metric] for metric in figures}


@pytest.mark.parametrize("anonymize", [False, True])
def test_the_default_picture_computes_no_measure(sample_survey, no_analysis, anonymize):
    view = fresh_view(sample_survey, anonymize=anonymize)
    assert map_image(view, "svg").startswith(b"<?xml")
    assert map_image(view, "png", size_by="in_degree", scope=MapScope(highlight=frozenset({"W01"}), steps=1))


@pytest.mark.parametrize(
    ("color_by", "size_by", "scope"),
    [
        ("type", "degree", MapScope()),
        ("size", "out_degree", MapScope()),
        ("women_led", "in_degree", MapScope(highlight=frozenset({"W01"}))),
        ("type", "degree", MapScope(highlight=frozenset({"W01"}), steps=2)),
    ],
)
@pytest.mark.parametrize("anonymize", [False, True])
def test_the_light_picture_is_the_full_one(sample_survey, monkeypatch, anonymize, color_by, size_by, scope):
    def picture() -> bytes:
        return map_image(fresh_view(sample_survey, anonymize=anonymize), "svg", color_by=color_by, size_by=size_by,
                         scope=scope)  # fmt: skip

    light = picture()
    monkeypatch.setattr(snapshot, "reads_graph_only", lambda *_args: False)  # as before: from the analysis
    assert picture() == light


@pytest.mark.parametrize(("color_by", "size_by"), [("community", "degree"), ("type", "betweenness_norm")])
def test_a_picture_of_another_measure_takes_it_from_the_analysis(sample_survey, no_analysis, color_by, size_by):
    with pytest.raises(AssertionError, match="an analysis was computed"):
        map_image(fresh_view(sample_survey), "svg", color_by=color_by, size_by=size_by)


def test_an_attribute_the_anonymised_view_may_not_see_is_refused_as_before(sample_survey):
    with pytest.raises(SelectionError, match="a free-text attribute, left out of anonymised exports"):
        map_image(fresh_view(sample_survey, anonymize=True), "svg", color_by="village")
