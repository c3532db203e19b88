"""Static snapshots: the app's layout and colours, a legend and a title, in PNG, SVG and PDF."""

import io
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from matplotlib.colors import to_hex
from PIL import Image
from pypdf import PdfReader

from clusternet.export.snapshot import map_figure, map_image, round_strip_figure, round_strip_image
from clusternet.graph import Selection
from clusternet.view import view_of
from clusternet.viz.styles import category_colors
from tests.export.conftest import HOSTILE_NAMES

SVG = "{http://www.w3.org/2000/svg}"


def figure_texts(figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]


def test_the_png_map_decodes_with_content(sample_view):
    image = Image.open(io.BytesIO(map_image(sample_view, "png")))
    assert image.format == "PNG" and image.size == (1800, 1125)
    pixels = np.asarray(image.convert("RGB"))
    assert (pixels < 240).any(axis=2).mean() > 0.03  # a drawn map, not a blank page
    firm_blue = np.array([0x00, 0x72, 0xB2])
    assert (np.abs(pixels.astype(int) - firm_blue).sum(axis=2) < 12).sum() > 500


def test_nodes_sit_where_the_app_puts_them_in_the_apps_colours(sample_survey, sample_view):
    figure = map_figure(sample_view)
    nodes = max(figure.axes[0].collections, key=lambda collection: len(collection.get_offsets()))
    graph = sample_view.analysis.graph
    expected = np.array([sample_view.positions[node] for node in graph])
    assert np.allclose(nodes.get_offsets(), expected)
    colors = category_colors(list(sample_survey.actors["type"].unique()))
    assert [to_hex(color).upper() for color in nodes.get_facecolors()] == [
        colors[graph.nodes[node]["type"]] for node in graph
    ]


def test_the_map_has_a_title_a_legend_and_a_caption(sample_view):
    texts = figure_texts(map_figure(sample_view, title="Workshop, day 2"))
    assert "Workshop, day 2" in texts
    for legend_entry in ("firm", "association", "5 full trust", "not rated", "degree"):
        assert legend_entry in texts
    assert any(
        text.startswith("Round endline · all relations · reported ties · 383 ties among 66 actors") for text in texts
    )


def test_the_anonymised_map_shows_codes_and_no_name(sample_survey, anonymous_view):
    texts = " ".join(figure_texts(map_figure(anonymous_view)))
    assert anonymous_view.codes["COOP01"] in texts
    assert not [name for name in sample_survey.actors["name"] if name in texts]


def test_svg_keeps_text_as_text_and_parses(sample_view):
    root = ElementTree.fromstring(map_image(sample_view, "svg"))
    assert root.find(f"{SVG}title").text == "endline: all relations"
    texts = {element.text for element in root.iter(f"{SVG}text")}
    largest = sample_view.actors_table().sort_values("degree", kind="stable").iloc[-1]["name"]
    assert largest in texts and "endline: all relations" in texts  # the largest actor is always labelled


def test_pdf_is_one_page_with_searchable_text_and_only_our_metadata(sample_view):
    reader = PdfReader(io.BytesIO(map_image(sample_view, "pdf", title="Baseline map")))
    assert len(reader.pages) == 1
    assert "Baseline map" in reader.pages[0].extract_text()
    metadata = reader.metadata
    assert metadata.title == "Baseline map" and metadata.creator == "clusternet"
    assert metadata.author is None and "/CreationDate" not in metadata


def test_names_with_markup_dollars_and_formulas_are_drawn_as_written(hostile_survey):
    view = view_of(hostile_survey, Selection())
    root = ElementTree.fromstring(map_image(view, "svg"))
    assert set(HOSTILE_NAMES.values()) <= {element.text for element in root.iter(f"{SVG}text")}
    Image.open(io.BytesIO(map_image(view, "png"))).verify()


def test_the_round_strip_puts_every_round_side_by_side_on_one_layout(sample_view):
    figure = round_strip_figure(sample_view)
    panels = [axes for axes in figure.axes if axes.get_title()]
    assert [axes.get_title().split()[0] for axes in panels] == ["baseline", "midterm", "endline"]
    for axes in panels[1:]:
        assert axes.get_xlim() == pytest.approx(panels[0].get_xlim())
        assert axes.get_ylim() == pytest.approx(panels[0].get_ylim())
    image = Image.open(io.BytesIO(round_strip_image(sample_view, "png")))
    assert image.size == (2250, 960)


def test_an_unknown_image_format_is_refused(sample_view):
    with pytest.raises(ValueError, match="png, svg, pdf"):
        map_image(sample_view, "jpg")
