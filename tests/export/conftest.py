"""Shared fixtures of the export tests: the sample, a survey of hostile names, and leak detectors.

A leak detector reads a produced file as a person's tools would and as an attacker would: the raw
bytes, the members of a zip (xlsx), the inflated streams and extracted text of a PDF, and text
with its HTML, XML and JSON escapes undone, then looks for every actor name.
"""

from __future__ import annotations

import csv
import gettext
import html
import io
import re
import zipfile
import zlib
from dataclasses import replace

import pytest

from clusternet import load_survey
from clusternet.cache import AnalysisCache
from clusternet.graph import Selection
from clusternet.messages import Renderer
from clusternet.view import View, view_of
from tests.conftest import SAMPLE_WORKBOOK, write_csv_folder

HOSTILE_NAMES = {
    "H1": '=HYPERLINK("http://x","click")',
    "H2": "+SUM(1,2)",
    "H3": "-2+3",
    "H4": "@cmd",
    "H5": '<script>alert("x")</script> "quoted" & $dollars',
    "H6": "Plain Weavers Ltd",
}
"""Names a spreadsheet would run as formulas, a browser as script, matplotlib as mathematics."""

HOSTILE_VILLAGE = "=cmd|' /C calc'!A0"
"""A grouping attribute that a spreadsheet would run (the classic DDE payload)."""


@pytest.fixture(scope="session")
def sample_survey():
    return load_survey(SAMPLE_WORKBOOK)


@pytest.fixture(scope="session")
def sample_cache(sample_survey):
    """One cache for the sample's views, as the app keeps one per survey."""
    return AnalysisCache(sample_survey)


@pytest.fixture(scope="session")
def sample_view(sample_survey, sample_cache):
    return view_of(sample_survey, Selection(), cache=sample_cache)


@pytest.fixture(scope="session")
def anonymous_view(sample_survey, sample_cache):
    return view_of(sample_survey, Selection(), anonymize=True, cache=sample_cache)


class Marking(gettext.NullTranslations):
    """A catalog that writes every template it is asked for between « and »: text outside them did
    not come from the catalog."""

    def pgettext(self, context: str, message: str) -> str:
        return f"«{message}»"

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


def marked(view: View) -> View:
    """The same view whose every message is written between « and » (see :class:`Marking`)."""
    copy = replace(view)
    copy.__dict__["renderer"] = Renderer(Marking(), copy.label)
    return copy


def _csv_text(rows: list[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def hostile_survey(tmp_path_factory):
    """Six actors with hostile names and villages, three rounds, trust everywhere (so every section of
    every export has content). CSV files, since a workbook cell would hold a formula, not its text."""
    ids = list(HOSTILE_NAMES)
    actors = [["actor_id", "name", "type", "village"]] + [
        [actor, name, "firm" if index < 4 else "ngo", HOSTILE_VILLAGE if index % 2 else "Lakeside"]
        for index, (actor, name) in enumerate(HOSTILE_NAMES.items())
    ]
    ties = [["source", "target", "round", "relation", "trust", "weight"]]
    for round_number, label in enumerate(["baseline", "midterm", "endline"]):
        for index, source in enumerate(ids):
            for step in range(1, 2 + round_number):
                target = ids[(index + step) % len(ids)]
                ties.append([source, target, label, "information", 1 + (index + step) % 5, 1 + step])
    rounds = [["round", "date"], ["baseline", "2023-01-01"], ["midterm", "2024-01-01"], ["endline", "2025-01-01"]]
    folder = write_csv_folder(
        tmp_path_factory.mktemp("hostile") / "survey",
        {"actors.csv": _csv_text(actors), "ties.csv": _csv_text(ties), "rounds.csv": _csv_text(rounds)},
    )
    return load_survey(folder)


def identifying_texts(survey) -> list[str]:
    """Every actor name of the survey (ids are searched for separately, as whole words in text)."""
    return [str(name) for name in survey.actors["name"]]


def pdf_streams(data: bytes) -> list[bytes]:
    """The inflated content of every compressed stream of a PDF (text drawing, fonts, metadata)."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:  # inflated from the stream's start to the end of its zlib data: a stream ending in \r stays whole
            streams.append(zlib.decompressobj().decompress(data[match.start(1) :]))
        except zlib.error:
            streams.append(match.group(1))
    return streams


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def readable_forms(data: bytes) -> list[str]:
    """``data`` as texts in which a name could be found: raw, unzipped, inflated, extracted, unescaped."""
    blobs = [data]
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            blobs += [archive.read(member) for member in archive.namelist()]
    if data.startswith(b"%PDF"):
        blobs += pdf_streams(data)
    texts = []
    for blob in blobs:
        for encoding in ("utf-8", "latin-1", "utf-16-be"):
            texts.append(blob.decode(encoding, errors="ignore"))
    if data.startswith(b"%PDF"):
        texts.append(pdf_text(data))
    unescaped = []
    for text in texts:
        once = html.unescape(text)
        twice = html.unescape(once)
        unescaped.append(re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), twice))
    return texts + unescaped


def leaked_names(data: bytes, names: list[str]) -> list[str]:
    """The names that can be read anywhere in ``data``."""
    forms = readable_forms(data)
    return sorted({name for name in names for text in forms if name in text})
