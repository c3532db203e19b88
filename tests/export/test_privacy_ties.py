"""Anonymised outputs carry no per-tie rating (issue 13, item 2).

A rating is one actor's trust in another: under codes, a respondent who remembers its own answers
finds its code and reads what its partners said of it, and every hidden mean can be recomputed.
Each file is opened with the reader a curious participant would use (csv, openpyxl, an XML parser,
the report's HTML with its escapes undone, the pixels and drawing colours of a picture), and every
tie record in it is searched for a rating; the named file of the same selection must still hold them,
so that the test shows it reads the place where ratings would be.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from xml.etree import ElementTree

import openpyxl
import pytest
from PIL import Image

from clusternet.export.formats import FORMATS, export_bytes, report_bytes
from clusternet.export.workbook import SHEETS, readable_header
from clusternet.survey import SelectionError
from clusternet.view import TIE_RATINGS
from clusternet.viz.styles import LEGEND_NOT_BY_TRUST, NEUTRAL_TIE_COLOR, TRUST_COLORS, trust_color
from tests.export.conftest import pdf_streams, pdf_text

TIE_FORMATS = [fmt for fmt in FORMATS if fmt not in ("survey", "feedback-pdf")]
"""Every format that draws or lists the selection's ties. The survey copy is refused when anonymised
(tested below); the feedback sheets hold aggregates only."""

NOT_BY_TRUST = LEGEND_NOT_BY_TRUST.text
TIE_RATING_HEADERS = {readable_header(column) for column in ("trust", *TIE_RATINGS)}
"""The headers under which the workbook would hold a tie's rating: Trust, Trust before, ..."""


@pytest.fixture(scope="module")
def files(sample_view, anonymous_view):
    """Every tie format and the report of the sample's endline, named and anonymised, as bytes."""
    built = {}
    for named, view in (("named", sample_view), ("anonymised", anonymous_view)):
        for fmt in TIE_FORMATS:
            built[named, fmt] = export_bytes(view, fmt)
        built[named, "report"] = report_bytes(view)
    return built


def trust_colours(view) -> set[str]:
    """Every colour a tie of ``view``'s selection would have if coloured by trust, and the trust scale's."""
    ties = view.analysis.graph.edges(data=True)
    return {trust_color(data.get("trust")).upper() for _, _, data in ties if data.get("trust") is not None} | set(
        TRUST_COLORS.values()
    )


# --- readers ---------------------------------------------------------------------------------


def csv_ratings(data: bytes) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert rows and all({"relations", "weight", "status"} <= set(row) for row in rows)
    return [row["trust"] for row in rows if row.get("trust")]


def workbook_rating_headers(data: bytes) -> dict[str, set[str]]:
    """The rating headers of the Ties and Tie changes sheets."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    found = {}
    for key in ("Ties", "Tie changes"):
        sheet = workbook[SHEETS[key].text]
        headers = {str(cell.value) for cell in next(sheet.iter_rows(max_row=1))}
        assert "Relations" in headers or "Relation" in headers
        found[key] = headers & TIE_RATING_HEADERS
    return found


def gexf_ties(data: bytes) -> tuple[set[str], set[str]]:
    """The attributes a GEXF gives its edges (declared ones and the native ``weight``), and their colours."""
    root = ElementTree.fromstring(data)
    edges = [element for element in root.iter() if element.tag.endswith("}edge")]
    names = {
        element.get("title", "")
        for attributes in root.iter()
        if attributes.tag.endswith("attributes") and attributes.get("class") == "edge"
        for element in attributes
    } | {name for edge in edges for name in edge.attrib}
    colours = {
        "#{:02X}{:02X}{:02X}".format(*(int(color.get(channel, 0)) for channel in "rgb"))
        for edge in edges
        for color in edge.iter()
        if color.tag.endswith("}color")
    }
    return names, colours


def graphml_ties(data: bytes) -> tuple[set[str], set[str]]:
    """The edge attributes a GraphML declares, and its edges' ``map_color``."""
    namespace = "{http://graphml.graphdrawing.org/xmlns}"
    root = ElementTree.fromstring(data)
    keys = {key.get("id"): key.get("attr.name") for key in root.iter(f"{namespace}key") if key.get("for") == "edge"}
    colours = {
        str(value.text).upper()
        for edge in root.iter(f"{namespace}edge")
        for value in edge.iter(f"{namespace}data")
        if keys.get(value.get("key")) == "map_color"
    }
    return set(keys.values()), colours


def svg_picture(data: bytes) -> tuple[set[str], str]:
    """The colours an SVG draws with, and its text."""
    root = ElementTree.fromstring(data)
    drawn = " ".join(f"{element.get('style', '')} {element.get('stroke', '')}" for element in root.iter())
    text = " ".join(element.text or "" for element in root.iter() if element.tag.endswith("}text"))
    return {colour.upper() for colour in re.findall(r"#[0-9a-fA-F]{6}", drawn)}, text


def pdf_picture(data: bytes) -> tuple[set[str], str]:
    """The colours a PDF draws with (its ``RG``, ``rg``, ``G`` and ``g`` operators), and its text."""
    colours = set()
    for stream in pdf_streams(data):
        channels = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:RG|rg)\b", stream)
        channels += [(grey,) * 3 for grey in re.findall(rb"([\d.]+) [Gg]\b", stream)]
        colours |= {"#" + "".join(f"{round(float(channel) * 255):02X}" for channel in rgb) for rgb in channels}
    return colours, pdf_text(data)


def png_colours(data: bytes) -> set[str]:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    counted = image.getcolors(maxcolors=image.size[0] * image.size[1]) or []
    return {"#{:02X}{:02X}{:02X}".format(*colour) for _, colour in counted}


def report_map(data: bytes) -> tuple[list[dict[str, object]], str, bytes]:
    """The edges embedded in the report's interactive map, the map page's text, and the printed map."""
    page = data.decode("utf-8")
    frame = html.unescape(re.search(r'srcdoc="(.*?)"', page, re.DOTALL).group(1))
    start = frame.index("edges = new vis.DataSet(") + len("edges = new vis.DataSet(")
    edges, _ = json.JSONDecoder().raw_decode(frame[start:])
    picture = base64.b64decode(
        re.search(r'class="print-only"[^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page).group(1)
    )
    return edges, html.unescape(frame), picture


# --- the attacks -----------------------------------------------------------------------------


def test_the_anonymised_edge_list_has_no_rating_and_the_named_one_has(files):
    assert csv_ratings(files["named", "csv"])
    header = next(csv.reader(io.StringIO(files["anonymised", "csv"].decode("utf-8"))))
    assert "trust" not in header and {"relations", "weight", "status"} <= set(header)
    assert csv_ratings(files["anonymised", "csv"]) == []


def test_the_anonymised_workbook_ties_and_tie_changes_have_no_rating(files):
    named = workbook_rating_headers(files["named", "xlsx"])
    assert named["Ties"] and named["Tie changes"] >= {readable_header(column) for column in TIE_RATINGS}
    assert workbook_rating_headers(files["anonymised", "xlsx"]) == {"Ties": set(), "Tie changes": set()}


@pytest.mark.parametrize("fmt, read", [("gexf", gexf_ties), ("graphml", graphml_ties)])
def test_anonymised_graph_files_have_no_rating_on_their_edges(files, sample_view, fmt, read):
    named_attributes, named_colours = read(files["named", fmt])
    assert "trust" in named_attributes and named_colours & trust_colours(sample_view)
    attributes, colours = read(files["anonymised", fmt])
    assert "trust" not in attributes and {"relations", "weight", "status"} <= attributes
    assert colours == {NEUTRAL_TIE_COLOR}


@pytest.mark.parametrize("fmt", ["svg", "strip-svg", "pdf", "strip-pdf"])
def test_anonymised_drawings_colour_no_tie_by_trust_and_say_so(files, sample_view, fmt):
    read = svg_picture if fmt.endswith("svg") else pdf_picture
    named_colours, named_text = read(files["named", fmt])
    assert named_colours & trust_colours(sample_view) and NOT_BY_TRUST not in named_text
    colours, text = read(files["anonymised", fmt])
    assert not colours & trust_colours(sample_view)
    assert NEUTRAL_TIE_COLOR in colours
    assert " ".join(NOT_BY_TRUST.split()[:4]) in " ".join(text.split())


@pytest.mark.parametrize("fmt", ["png", "strip-png"])
def test_anonymised_pictures_hold_no_trust_colour(files, fmt):
    assert png_colours(files["named", fmt]) & set(TRUST_COLORS.values())
    assert not png_colours(files["anonymised", fmt]) & set(TRUST_COLORS.values())


def test_the_anonymised_report_map_holds_no_rating(files, sample_view):
    named_edges, named_page, named_picture = report_map(files["named", "report"])
    assert any("\ntrust: " in str(edge["tooltip"]) for edge in named_edges)
    assert {str(edge["color"]["color"]) for edge in named_edges} & trust_colours(sample_view)
    assert png_colours(named_picture) & set(TRUST_COLORS.values())

    edges, page, picture = report_map(files["anonymised", "report"])
    assert len(edges) == len(named_edges)
    assert not any("trust" in str(edge["tooltip"]) for edge in edges)
    assert {str(edge["color"]["color"]) for edge in edges} == {NEUTRAL_TIE_COLOR}
    assert not any(
        key not in {"id", "from", "to", "width", "color", "dashes", "tooltip"} for edge in edges for key in edge
    )
    assert NOT_BY_TRUST in page and NOT_BY_TRUST not in named_page
    assert not png_colours(picture) & set(TRUST_COLORS.values())


def test_the_survey_copy_is_refused_when_anonymised(anonymous_view):
    with pytest.raises(SelectionError):
        export_bytes(anonymous_view, "survey")
