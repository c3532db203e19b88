"""Survey text drawn in pictures: every picture format is produced and an SVG parses (issue 15)."""

import warnings
from dataclasses import replace
from xml.etree import ElementTree

import pytest

from clusternet import load_survey
from clusternet.export.feedback import feedback_sheets
from clusternet.export.formats import export_bytes
from clusternet.sanitize.picture import drawn_text
from clusternet.view import view_of
from tests.conftest import SAMPLE_WORKBOOK

HOSTILE_NAMES = ["Ab\ufeffc", "Ab\x1b[2Jc", "x\x07y", "A\u200bB", "\u202eSdrawkcab", "ଓଡ଼ିଆ\u200dକ"]
"""A zero-width no-break space (broke the PDF map), an ANSI sequence and a bell (broke the SVG), a
zero-width space, a right-to-left override, and Odia with a zero-width joiner (kept: it shapes)."""


def test_drawn_text_keeps_joiners_escapes_controls_and_drops_invisible_format_characters():
    assert drawn_text("Ab\ufeffc") == "Abc"
    assert drawn_text("x\x07y") == "x\\x07y"
    assert drawn_text("\u202eSdrawkcab") == "Sdrawkcab"
    assert drawn_text("ଓଡ଼ିଆ\u200dକ") == "ଓଡ଼ିଆ\u200dକ"


@pytest.fixture(scope="module")
def hostile_view():
    """The sample with every hostile name given to an actor (the largest ones, always labelled)."""
    survey = load_survey(SAMPLE_WORKBOOK)
    actors = survey.actors.copy()
    largest = survey.ties.groupby("target").size().sort_values(ascending=False).index[: len(HOSTILE_NAMES)]
    for actor, name in zip(largest, HOSTILE_NAMES):
        actors.loc[actors["actor_id"] == actor, "name"] = name
    return view_of(replace(survey, actors=actors), resamples=10), list(largest)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "strip-svg", "strip-pdf", "feedback"])
def test_every_picture_is_drawn_with_hostile_names(hostile_view, fmt):
    view, actors = hostile_view
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a glyph the font lacks is drawn as a box
        data = feedback_sheets(view, actors) if fmt == "feedback" else export_bytes(view, fmt)
    assert data
    if fmt.endswith("svg"):
        ElementTree.fromstring(data)
