"""Helpers for the map tests: the sample survey, and what a generated page embeds."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from clusternet import load_survey
from tests.conftest import SAMPLE_WORKBOOK


@pytest.fixture(scope="session")
def sample_survey():
    return load_survey(SAMPLE_WORKBOOK)


def embedded(page: str, items: str) -> list[dict]:
    """The node or edge list (``items`` = "nodes" or "edges") the page hands to vis-network."""
    match = re.search(rf"{items} = new vis\.DataSet\((.*?)\);\n", page, re.DOTALL)
    assert match, f"the page embeds no {items}"
    return json.loads(match.group(1))


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of each script."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def named(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]
