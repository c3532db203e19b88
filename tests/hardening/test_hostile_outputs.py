"""Every output format of this module's writers, made from a survey of hostile texts, parses with
its real reader and holds no formula cell in either separator locale.

The corpus puts every control character the CSV reader accepts, ANSI and OSC escape sequences,
formula starts (also after a ``;`` and a line break), both separators, quotes, zero-width and
bidirectional marks, non-characters, Markdown and HTML syntax and a very long string into the
survey's ids, names, types, attributes and relation labels. Readers: ``csv`` with ``,`` and ``;``,
``xml.etree`` for GEXF and GraphML, openpyxl for the workbook, ``html.parser`` for the report.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from clusternet import load_survey
from clusternet.cli import main
from clusternet.export.graph_files import edge_list_csv, graph_gexf, graph_graphml
from clusternet.export.report import report_html
from clusternet.export.tables import FORMULA_PREFIXES, table_csv
from clusternet.export.workbook import tables_workbook
from clusternet.graph import Selection
from clusternet.sanitize.terminal import CONTROL_CHARACTERS
from clusternet.view import view_of
from tests.conftest import write_csv_folder

CONTROLS = "".join(chr(code) for code in range(1, 0x20) if chr(code) != "\r") + "\x7f\x85\x9b"
"""Every C0 control but NUL (the CSV reader refuses NUL bytes) and CR, which it reads as a line break."""

HOSTILE = [
    '=HYPERLINK("http://x","c")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "a;=1+1",
    "x\n=cmd|' /C calc'!A0",
    'q;"=1',
    "semi;colon",
    "comma,name",
    'quo"te',
    "\x1b[2J\x1b]52;c;aGk=\x07",
    "ctl" + CONTROLS,
    "zw\u200b\u200d\ufeffj",
    "rtl\u202eevil\u2066",
    "nonchar\ufffe\uffff",
    "L" * 5000,
    "<script>alert(1)</script>",
    "[l](http://x)",
    "![i](http://x/a.png)",
]
RELATIONS = ["info", "rel;=x", "\x1b[31mred", "<b>bold</b>"]


def csv_text(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    """A CSV survey folder whose every text is hostile (see the module's docstring)."""
    ids = [f"{text[:40]}_{index}".replace("\n", " ") for index, text in enumerate(HOSTILE)]
    actors = [["actor_id", "name", "type", "=village"]] + [
        [actor, text, ["firm", "ngo", text[:30]][index % 3], text if index % 2 else "Lakeside"]
        for index, (actor, text) in enumerate(zip(ids, HOSTILE))
    ]
    ties = [["source", "target", "round", "relation", "trust"]]
    for label in ["baseline", "endline"]:
        for index, source in enumerate(ids):
            for step in (1, 2):
                relation = RELATIONS[(index + step) % len(RELATIONS)]
                ties.append([source, ids[(index + step) % len(ids)], label, relation, 1 + (index + step) % 5])
    return write_csv_folder(
        tmp_path_factory.mktemp("hostile") / "survey", {"actors.csv": csv_text(actors), "ties.csv": csv_text(ties)}
    )


@pytest.fixture(scope="module")
def hostile_survey(hostile_folder):
    survey = load_survey(hostile_folder)
    assert len(survey.actors) == len(HOSTILE)
    return survey


def views(survey):
    return {"named": view_of(survey, Selection()), "anonymised": view_of(survey, Selection(), anonymize=True)}


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_safe_csv(data: bytes) -> None:
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "no header"
    assert {len(row) for row in rows} == {len(rows[0])}
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES) or is_number(cell), cell
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES) or is_number(cell.split(",")[0]), cell


@pytest.mark.parametrize("audience", ["named", "anonymised"])
def test_every_table_csv_is_formula_free_and_whole_in_both_locales(hostile_survey, audience):
    view = views(hostile_survey)[audience]
    tables = {"actors": view.actors_table(), "network": view.network_table()}
    tie_changes = view.tie_changes_table()
    assert tie_changes is not None
    tables["tie_changes"] = tie_changes
    for table in tables.values():
        assert_safe_csv(table_csv(table))
    assert_safe_csv(edge_list_csv(view))


def test_the_gaps_csv_is_formula_free_and_whole_in_both_locales(hostile_survey):
    assert_safe_csv(table_csv(views(hostile_survey)["named"].gaps_table()))


def test_the_anonymised_gaps_csv_is_formula_free_and_whole_in_both_locales(hostile_survey):
    assert_safe_csv(table_csv(views(hostile_survey)["anonymised"].gaps_table()))


@pytest.mark.parametrize("audience", ["named", "anonymised"])
@pytest.mark.parametrize("writer", [graph_gexf, graph_graphml])
def test_graph_files_parse_as_xml_with_every_actor(hostile_survey, audience, writer):
    view = views(hostile_survey)[audience]
    root = ElementTree.fromstring(writer(view))
    nodes = [element for element in root.iter() if element.tag.endswith("}node")]
    assert len(nodes) == len(HOSTILE)
    assert len({node.get("id") for node in nodes}) == len(HOSTILE)


def assert_safe_workbook(data: bytes) -> None:
    workbook = load_workbook(io.BytesIO(data))
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cells += 1
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
    assert cells > len(HOSTILE)


def test_the_workbook_opens_in_openpyxl_with_no_formula_cell(hostile_survey):
    assert_safe_workbook(tables_workbook(views(hostile_survey)["named"]))


def test_the_anonymised_workbook_opens_in_openpyxl_with_no_formula_cell(hostile_survey):
    assert_safe_workbook(tables_workbook(views(hostile_survey)["anonymised"]))


class Tags(HTMLParser):
    """The start tags of a page and its links (the map's page is an attribute, not parsed here)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attributes):
        self.tags.append(tag)
        self.links += [value or "" for name, value in attributes if name in ("href", "src")]


def assert_safe_report(page: str) -> None:
    parser = Tags()
    parser.feed(page.encode("utf-8").decode("utf-8"))
    parser.close()
    assert parser.tags.count("script") == 1  # the sorting script; the map runs inside its iframe
    assert "b" not in parser.tags and "img" not in parser.tags
    assert all(link.startswith("#") for link in parser.links)


def test_the_report_is_encodable_html_with_no_markup_from_the_survey(hostile_survey):
    assert_safe_report(report_html(views(hostile_survey)["named"], static_map=False))


def test_the_anonymised_report_is_encodable_html_with_no_markup_from_the_survey(hostile_survey):
    assert_safe_report(report_html(views(hostile_survey)["anonymised"], static_map=False))


def test_commands_print_no_control_character_or_escape_sequence(hostile_folder, tmp_path, capsys):
    folder = str(hostile_folder)
    printed = []
    for arguments in (
        ["validate", folder],
        ["analyze", folder, "--out", str(tmp_path / "analyze")],
        ["gaps", folder, "--out", str(tmp_path / "gaps")],
        ["compare", folder, "--from", "baseline", "--to", "endline", "--resamples", "20", "--out", str(tmp_path)],
    ):
        assert main(arguments) == 0, arguments
        captured = capsys.readouterr()
        printed += [captured.out, captured.err]
    shown = "".join(printed)
    assert "\\x1b[2J" in shown  # the names are there, as text
    assert CONTROL_CHARACTERS.sub("", shown.replace("\n", "")) == shown.replace("\n", "")
    for table in ("actors.csv", "network.csv"):
        assert_safe_csv((tmp_path / "analyze" / table).read_bytes())
    assert_safe_csv((tmp_path / "gaps" / "gaps.csv").read_bytes())
    assert_safe_csv((tmp_path / "kpis.csv").read_bytes())
    assert_safe_csv((tmp_path / "tie_changes.csv").read_bytes())
