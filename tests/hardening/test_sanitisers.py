"""The sanitiser of each medium: exact results on hand-made texts, and properties on generated ones.

The generated texts are drawn from an alphabet of what hostile survey text holds: every control
character, formula starts, both separators, quotes, line breaks, zero-width and bidirectional
marks, surrogates and non-characters, Markdown and HTML syntax.
"""

from __future__ import annotations

import csv
import html
import io
import re
import string
import xml.etree.ElementTree as ElementTree

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from clusternet.export.tables import FORMULA_PREFIXES, neutralize_formulas, table_csv
from clusternet.sanitize.csv import csv_text, neutralize_text
from clusternet.sanitize.markup import html_text, markdown_text
from clusternet.sanitize.terminal import CONTROL_CHARACTERS, terminal_text
from clusternet.sanitize.xml import FORBIDDEN_IN_XML, xml_text
from clusternet.survey.problems import Problem, format_problems
from clusternet.survey.reading import FILES_FOR_ONE_SHEET, FILES_FOR_ONE_SHEET_FIX

HOSTILE_ALPHABET = (
    [chr(code) for code in range(0x20)]
    + list("=+-@;,\"' \\<>&[]()!:$|#*_`~{}")
    + ["\x7f", "\x85", "\x9b", "\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\u2028", "\ud800", "\udfff"]
    + ["\ufffe", "\uffff", "a", "Z", "7", "é", "🧵"]
)
FRAGMENTS = [";=", "\n@", '; "+', ';""-', "\r\n\t", "\x1b[2J", "\x1b]52;c;aGk=\x07", "](http://x)", "<img src=x>"]
"""Pieces that are rarely drawn letter by letter: a formula start after a separator, escape sequences."""
hostile_texts = st.lists(st.sampled_from(HOSTILE_ALPHABET + FRAGMENTS), max_size=12).map("".join)
FEW = settings(max_examples=150)


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# --- CSV --------------------------------------------------------------------------------------


def test_a_formula_start_gets_the_text_marker_at_every_place_a_cell_can_begin():
    assert neutralize_text("=1+1") == "'=1+1"
    assert neutralize_text("@SUM(A1)") == "'@SUM(A1)"
    assert neutralize_text("\tTab") == "'\tTab"
    assert neutralize_text("Weavers;+1") == "Weavers;'+1"
    assert neutralize_text('Weavers;""-2') == 'Weavers;\'""-2'
    assert neutralize_text("two\nlines\r=cmd") == "two\nlines\r'=cmd"


def test_text_without_a_formula_start_is_unchanged():
    assert neutralize_text("Weavers; North, 5 % - growth") == "Weavers; North, 5 % - growth"


def test_a_column_of_mixed_cells_keeps_numbers_flags_lists_and_repeats_as_they_are():
    frame = pd.DataFrame(
        {
            "mixed": [1, True, "=x", "=x", None, ["=l"], 2.5],
            "text": pd.Series(["=t", "t", None, "=t", "u", "v", "-1"], dtype="str"),
        }
    )
    neutral = neutralize_formulas(frame)
    assert neutral["mixed"].tolist()[:4] == [1, True, "'=x", "'=x"] and neutral["mixed"][1] is True
    assert pd.isna(neutral["mixed"][4]) and neutral["mixed"][5] == ["=l"] and neutral["mixed"][6] == 2.5
    assert neutral["text"].tolist()[:2] == ["'=t", "t"] and pd.isna(neutral["text"][2])
    assert neutral["text"].tolist()[3:] == ["'=t", "u", "v", "'-1"]


def test_column_headers_are_neutralised_as_cells_are():
    frame = pd.DataFrame({"=HYPERLINK(1)": ["-x"], "score": [-0.5]})
    guarded = neutralize_formulas(frame)
    assert list(guarded.columns) == ["'=HYPERLINK(1)", "score"]
    assert guarded.iloc[0].tolist() == ["'-x", -0.5]


def test_fields_holding_either_separator_a_quote_or_a_line_break_are_quoted():
    frame = pd.DataFrame({"id": ["A;B", "A,B", 'say "hi"', "two\nlines", "plain"], "n": [1, 2, 3, 4, None]})
    assert csv_text(frame) == 'id,n\n"A;B",1.0\n"A,B",2.0\n"say ""hi""",3.0\n"two\nlines",4.0\nplain,\n'


def test_the_app_downloads_call_shape_still_works():
    # app_pages/actors.py and gaps.py: neutralize_formulas(shown).to_csv(index=False)
    frame = pd.DataFrame({"name": ["+Beta"]})
    assert neutralize_formulas(frame).to_csv(index=False) == "name\n'+Beta\n"


@FEW
@given(st.lists(st.tuples(hostile_texts, hostile_texts, st.floats(allow_nan=True)), min_size=1, max_size=5))
def test_no_generated_text_becomes_a_formula_or_moves_a_field_in_either_locale(rows):
    frame = pd.DataFrame(rows, columns=["id", "=name", "value"], dtype=object)
    text = table_csv(frame).decode("utf-8")
    comma = read(text, ",")
    assert [len(row) for row in comma] == [3] * (len(rows) + 1)
    for row in comma:
        assert all(not cell.startswith(FORMULA_PREFIXES) or is_number(cell) for cell in row)
    for row in read(text, ";"):  # German or French Excel: every ; and line break may start a cell
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES) or is_number(cell.split(",")[0]), cell


# --- XML --------------------------------------------------------------------------------------


def test_what_xml_forbids_is_written_as_its_escape():
    assert xml_text("A\x00B\x1bC\ud800D\ufffeE\uffff\tF\nG") == "A\\x00B\\x1bC\\ud800D\\ufffeE\\uffff\tF\nG"


@FEW
@given(hostile_texts)
def test_every_generated_text_parses_as_xml_text_and_attribute(text):
    safe = xml_text(text)
    document = ElementTree.Element("node", label=safe)
    document.text = safe
    parsed = ElementTree.fromstring(ElementTree.tostring(document, encoding="utf-8"))
    assert parsed.get("label") is not None
    assert FORBIDDEN_IN_XML.search(parsed.text or "") is None


@FEW
@given(hostile_texts, hostile_texts)
def test_texts_without_backslashes_stay_different_after_escaping(first, second):
    if first != second and "\\" not in first + second:
        assert xml_text(first) != xml_text(second)


# --- terminal ---------------------------------------------------------------------------------


def test_escape_sequences_are_shown_as_text():
    assert terminal_text("\x1b[2J\x1b]52;c;aGk=\x07 \u202eevil\r") == "\\x1b[2J\\x1b]52;c;aGk=\\x07 \\u202eevil\\r"
    assert terminal_text("a\tb") == "a\tb"


@FEW
@given(hostile_texts)
def test_no_generated_text_reaches_the_terminal_with_a_control_character(text):
    shown = terminal_text(text)
    assert CONTROL_CHARACTERS.search(shown) is None
    assert "\n" not in shown
    shown.encode("utf-8")  # no lone surrogate is left to fail the terminal's encoding
    assert terminal_text(text, line_breaks=True).count("\n") == text.count("\n")


def test_a_table_of_problems_shows_hostile_survey_text_escaped():
    problem = Problem("error", "s.xlsx, sheet \x1b[2J", 3, "na\u202eme", "W\r01\nW02", FILES_FOR_ONE_SHEET_FIX())
    [_, line] = format_problems([problem]).split("\n")
    assert re.split(" {2,}", line)[1:5] == ["s.xlsx, sheet \\x1b[2J", "3", "na\\u202eme", "W\\r01\\nW02"]


@FEW
@given(where=hostile_texts, column=hostile_texts, value=hostile_texts)
def test_a_table_of_problems_holds_one_line_each_and_no_control_character(where, column, value):
    """Where, column and value are the survey's own text, and so are the names the message quotes."""
    said = FILES_FOR_ONE_SHEET(first=where, second=value, sheet=column)
    problems = [Problem("error", where, 1, column, value, said, FILES_FOR_ONE_SHEET_FIX())] * 2
    lines = format_problems(problems).split("\n")
    assert len(lines) == 3
    assert all(CONTROL_CHARACTERS.search(line) is None for line in lines)


# --- Markdown and HTML ------------------------------------------------------------------------


def test_bare_urls_and_addresses_get_a_word_joiner_where_markdown_would_link_them():
    assert markdown_text("www.a.example http://b.example x@c.example") == (
        "www\u2060\\.a\\.example http\u2060\\:\\/\\/b\\.example x\\@\u2060c\\.example"
    )
    assert markdown_text("Note: wwwx.example") == "Note\\: wwwx\\.example"  # nothing a link could start at


def test_markdown_links_images_directives_and_blocks_become_literal():
    assert markdown_text("[l](http://x)") == "\\[l\\]\\(http\u2060\\:\\/\\/x\\)"
    assert markdown_text(":red[alert] $x$") == "\\:red\\[alert\\] \\$x\\$"
    assert markdown_text("one\n\n# two") == "one  \\# two"


@FEW
@given(hostile_texts)
def test_markdown_text_leaves_no_unescaped_punctuation_or_line_break(text):
    shown = markdown_text(text)
    assert "\n" not in shown and "\r" not in shown
    index = 0
    while index < len(shown):  # every ASCII punctuation character is preceded by its backslash
        if shown[index] == "\\":
            index += 2
            continue
        assert shown[index] not in string.punctuation, shown
        index += 1


@FEW
@given(hostile_texts)
def test_html_text_reads_back_as_the_xml_safe_text_and_holds_no_markup(text):
    shown = html_text(text)
    assert "<" not in shown and ">" not in shown and '"' not in shown
    assert html.unescape(shown) == xml_text(text)
    shown.encode("utf-8")
