"""What a map shows beyond its style (filter, highlight, neighbourhood), on the screen and in its
files; labels that fit; vis-network served from the app's static copy of pyvis's own."""

import io
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import pyvis
from matplotlib.text import Text
from PIL import Image

from clusternet import load_survey
from clusternet.export.formats import export_bytes
from clusternet.export.snapshot import map_figure
from clusternet.graph import Selection
from clusternet.survey import SelectionError
from clusternet.view import view_of
from clusternet.viz.layout import labels_that_fit
from clusternet.viz.map_style import ActorFilter, MapScope, filter_values, neighbourhood
from tests.conftest import REPO, SAMPLE_WORKBOOK


@pytest.fixture(scope="module")
def view():
    return view_of(load_survey(SAMPLE_WORKBOOK), Selection())


def test_labels_that_fit_keep_the_first_of_two_overlapping_and_skip_taken_areas():
    boxes = {"a": [(0, 0, 10, 5)], "b": [(5, 2, 15, 7)], "c": [(10, 0, 20, 5)], "d": [(30, 0, 40, 5)]}
    assert labels_that_fit(boxes, ["a", "b", "c", "d"]) == {"a": 0, "c": 0, "d": 0}
    assert labels_that_fit(boxes, ["b", "a", "c", "d"]) == {"b": 0, "d": 0}
    assert labels_that_fit(boxes, "abcd", taken=[(28, 0, 32, 1)]) == {"a": 0, "c": 0}


def test_a_label_takes_its_next_place_when_the_first_is_taken():
    boxes = {"a": [(0, 0, 10, 5)], "b": [(2, 1, 8, 6), (2, 6, 8, 11), (2, 12, 8, 17)]}
    assert labels_that_fit(boxes, "ab") == {"a": 0, "b": 1}
    assert labels_that_fit(boxes, "ab", taken=[(0, 6, 10, 11)]) == {"a": 0, "b": 2}


def test_neighbourhood_steps_follow_ties_in_either_direction():
    graph = nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("e", "f")])
    assert neighbourhood(graph, {"a"}, 1) == {"a", "b"}
    assert neighbourhood(graph, {"a"}, 2) == {"a", "b", "c"}
    assert neighbourhood(graph, {"a", "e"}, 1) == {"a", "b", "e", "f"}
    assert neighbourhood(graph, {"zz"}, 2) == set()


def test_a_filter_keeps_the_actors_of_its_values_and_the_found_actor(view):
    types = filter_values(view, "type")
    kept = {actor for actor, value in types.items() if value in {"bds", "finance"}}
    scope = MapScope(actor_filter=ActorFilter("type", frozenset({"bds", "finance"})))
    assert set(scope.graph(view)) == kept
    found = next(actor for actor, value in types.items() if value == "firm")
    with_found = MapScope(highlight=frozenset({found}), actor_filter=scope.actor_filter)
    assert set(with_found.graph(view)) == kept | {found}


def test_neighbourhood_only_draws_the_found_actor_and_its_partners(view):
    graph = view.analysis.graph
    partners = set(nx.all_neighbors(graph, "W01"))
    assert set(MapScope(highlight=frozenset({"W01"}), steps=1).graph(view)) == partners | {"W01"}
    assert MapScope(highlight=frozenset({"W01"})).graph(view) is graph


def test_an_anonymised_view_cannot_be_filtered_by_a_column_it_hides(view):
    anonymous = view.with_audience(anonymized=True)
    hidden = [column for column in anonymous.hidden_columns if column in view.survey.actors.columns]
    assert hidden
    with pytest.raises(SelectionError, match="cannot filter by"):
        filter_values(anonymous, hidden[0])


def png(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_the_map_picture_draws_only_what_the_scope_keeps(view):
    scope = MapScope(actor_filter=ActorFilter("type", frozenset({"bds", "finance"})))
    figure = map_figure(view, scope=scope)
    network_axes = figure.axes[0]
    drawn = [len(collection.get_offsets()) for collection in network_axes.collections if collection.get_offsets().size]
    assert len(scope.graph(view)) in drawn
    assert export_bytes(view, "png", scope=scope) != export_bytes(view, "png")


def test_a_highlight_fades_the_rest_of_the_picture(view):
    plain = png(export_bytes(view, "png"))
    highlighted = png(export_bytes(view, "png", scope=MapScope(highlight=frozenset({"W01"}))))
    assert plain.shape == highlighted.shape
    # faded nodes and ties are much lighter: the picture as a whole gets lighter
    assert highlighted.mean() > plain.mean() + 2


def test_no_two_labels_of_the_sample_picture_overlap(view):
    figure = map_figure(view)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = [text for text in figure.axes[0].get_children() if isinstance(text, Text) and text.get_text()]
    assert len(texts) >= 20
    boxes = [text.get_window_extent(renderer) for text in texts]
    overlapping = [
        (texts[i].get_text(), texts[j].get_text())
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if min(boxes[i].x1, boxes[j].x1) - max(boxes[i].x0, boxes[j].x0) > 1
        and min(boxes[i].y1, boxes[j].y1) - max(boxes[i].y0, boxes[j].y0) > 1
    ]
    assert overlapping == []


@pytest.mark.parametrize("name", ["vis-network.min.js", "vis-network.css"])
def test_the_static_copy_of_vis_network_is_pyvis_own(name):
    bundled = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name
    assert (REPO / "static" / name).read_bytes() == bundled.read_bytes()


def test_the_app_serves_its_static_files():
    assert "enableStaticServing = true" in (REPO / ".streamlit" / "config.toml").read_text()
