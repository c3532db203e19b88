"""Every format by name, as the command line and the app ask for it: readable, and anonymised to the byte."""

import io
import re
import xml.etree.ElementTree as ElementTree
import zipfile

import networkx as nx
import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from clusternet.export.feedback import feedback_sheets
from clusternet.export.formats import FORMATS, default_file_name, export_bytes, report_bytes
from clusternet.graph import Selection
from clusternet.survey import SelectionError
from clusternet.view import view_of
from tests.export.conftest import identifying_texts, leaked_names

TEXT_FORMATS = ("gexf", "graphml", "csv", "svg", "strip-svg", "report")


def open_with_a_reader(fmt: str, data: bytes) -> object:
    """The file opened by the library a user's tool would use; raises when it is not valid."""
    if fmt in ("xlsx", "survey"):
        return openpyxl.load_workbook(io.BytesIO(data))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data))
    if fmt.endswith("png"):
        image = Image.open(io.BytesIO(data))
        image.load()
        assert image.size[0] > 1000 and image.getbbox() is not None
        return image
    if fmt.endswith("svg"):
        return ElementTree.fromstring(data)
    if fmt.endswith("pdf"):
        reader = PdfReader(io.BytesIO(data))
        assert reader.pages[0].extract_text().strip()
        return reader
    raise AssertionError(f"no reader for {fmt}")


def feedback_sample(survey) -> list[str]:
    """Actors whose feedback pages show the most: the two with most partners, three institutions and
    market actors, and two non-respondents (all 66 pages take about 8 s; one code draws every page)."""
    from clusternet.analysis import analyze

    actors = analyze(survey, Selection()).actors
    chosen = list(actors.nlargest(2, "degree")["actor_id"])
    chosen += list(actors.loc[actors["type"] != "firm"].drop_duplicates("type")["actor_id"])[:3]
    chosen += list(actors.loc[~actors["respondent"], "actor_id"])[:2]
    return list(dict.fromkeys(chosen))


@pytest.fixture(scope="session")
def anonymised_files(sample_survey, anonymous_view):
    """Every format of the sample's endline, anonymised, as bytes (built from one shared view, as
    ``export_bytes`` builds them from its own)."""
    options = {"color_by": "type", "size_by": "degree", "title": None}
    files = {
        fmt: export.build(anonymous_view, **options)
        for fmt, export in FORMATS.items()
        if fmt not in ("feedback-pdf", "survey")
    }
    files["feedback-pdf"] = feedback_sheets(anonymous_view, feedback_sample(sample_survey))
    files["report"] = report_bytes(anonymous_view)
    return files


@pytest.mark.parametrize("fmt", [fmt for fmt in FORMATS if fmt != "feedback-pdf"])
def test_every_format_opens_in_a_real_reader(sample_survey, fmt):
    data = export_bytes(view_of(sample_survey, Selection("midterm", ties="any")), fmt)
    assert open_with_a_reader(fmt, data) is not None


@pytest.mark.parametrize("fmt", [*(fmt for fmt in FORMATS if fmt != "survey"), "report"])
def test_no_actor_name_can_be_read_in_an_anonymised_file(sample_survey, anonymised_files, fmt):
    assert leaked_names(anonymised_files[fmt], identifying_texts(sample_survey)) == []


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_no_actor_id_appears_in_an_anonymised_text_file(sample_survey, anonymised_files, fmt):
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", anonymised_files[fmt].decode("utf-8"))
    ids = "|".join(map(re.escape, sample_survey.actors["actor_id"]))
    assert re.findall(rf"(?<![\w-])(?:{ids})(?![\w-])", text) == []


def test_the_leak_detector_finds_names_when_they_are_there(sample_survey, sample_view):
    names = identifying_texts(sample_survey)
    largest = sample_view.actors_table().sort_values("degree", kind="stable").iloc[-1]["name"]  # always labelled
    for fmt in ("xlsx", "pdf", "gexf"):
        assert largest in leaked_names(export_bytes(sample_view, fmt), names), fmt
    report = report_bytes(sample_view, static_map=False)
    assert "Gopāl Meher & Sons" in leaked_names(report, names)  # escaped twice inside the map's srcdoc


def test_the_anonymised_workbook_and_pdfs_say_nothing_of_their_author(anonymised_files):
    with zipfile.ZipFile(io.BytesIO(anonymised_files["xlsx"])) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "<dc:creator>clusternet</dc:creator>" in core and "lastModifiedBy" not in core
    for fmt in ("pdf", "strip-pdf", "feedback-pdf"):
        metadata = PdfReader(io.BytesIO(anonymised_files[fmt])).metadata
        assert metadata.author is None and metadata.creator == "clusternet", fmt


def test_feedback_sheets_have_a_page_for_every_actor(hostile_survey):
    reader = PdfReader(io.BytesIO(export_bytes(view_of(hostile_survey, Selection()), "feedback-pdf")))
    assert len(reader.pages) == len(hostile_survey.actors)


def test_an_unknown_format_lists_the_formats(sample_view):
    with pytest.raises(SelectionError, match="xlsx, gexf, graphml, csv, png"):
        export_bytes(sample_view, "docx")


def test_an_unknown_colour_attribute_is_refused_with_the_choices(sample_view):
    with pytest.raises(ValueError, match="village"):
        export_bytes(sample_view, "png", color_by="colour")


def test_default_file_names_say_what_and_which_round_but_no_survey_name(sample_view, anonymous_view):
    assert default_file_name(anonymous_view, "xlsx") == "clusternet-tables-endline-anonymised.xlsx"
    assert (
        default_file_name(sample_view.with_selection(round="baseline"), "strip-png") == "clusternet-rounds-baseline.png"
    )
    assert default_file_name(sample_view, "report") == "clusternet-report-endline.html"


def test_every_format_is_described_for_people(sample_view):
    assert sample_view.text(FORMATS["xlsx"].description).startswith("Excel workbook of every table")
