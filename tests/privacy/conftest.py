"""A hostile survey for the privacy attacks: the sample with every kind of identifying data added.

The sample cluster (66 actors, three rounds) gets the columns a real survey file often carries and
an anonymised output must never show: a phone number for every actor (as a number), a registration
number, a contact person for a few actors, the name of each firm's main buyer, one actor of a type of
its own, and comments on some ties that name actors. :data:`Needles` lists every text of it that no
anonymised output may hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from clusternet import load_survey
from clusternet.cache import AnalysisCache
from clusternet.graph import Selection
from clusternet.survey import Survey
from clusternet.view import View, view_of
from tests.conftest import SAMPLE_WORKBOOK

HOSTILE_STEM = "Pattanaik-Weavers-Private-Ledger"
"""The workbook's file name stem: a file name often names the cluster or its actors."""

OWN_TYPE = "microfinance"
"""The type given to one actor alone (the bank)."""

OWN_TYPE_ACTOR = "BANK01"

CONTACTS = {
    "W05": "ask for Ramesh Sahu 9437012345",
    "W26": "Sabitri Panda, Bargarh Road",
    "COOP02": "Dibakar Nayak 9861123456",
    "BUY02": "Gangadhar Mishra (Jhanjia)",
}
"""Free text for four actors: a contact person and sometimes a phone in the text."""

MAIN_BUYERS = ("BUY01", "BUY02", "BUY03", "BUY04")

COMMENT_EVERY = 23
"""Every 23rd tie row carries a comment."""

KEY = "privacy-attack-suite"
"""The anonymised set's key of every view of the attacks (another key is drawn where keys are compared)."""

RESAMPLES = 50
"""Bootstrap resamples of the attacks' views: enough to fill every table, few enough to stay quick."""


@dataclass(frozen=True)
class Needles:
    """Texts of the hostile survey that no anonymised output may hold; ``words`` are found as whole
    words only (an id such as ``W01`` inside a longer token is no leak)."""

    texts: tuple[str, ...]
    words: tuple[str, ...]

    def found_in(self, text: str) -> list[str]:
        """The needles written in ``text``."""
        found = [needle for needle in self.texts if needle in text]
        found += [word for word in self.words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
        return sorted(set(found))


@dataclass(frozen=True)
class HostileSurvey:
    path: Path
    survey: Survey
    needles: Needles
    phones: dict[str, int]


def phone_of(position: int) -> int:
    """A unique ten-digit mobile number for the actor at ``position`` (none is a sample value)."""
    return 9_437_000_000 + (position * 7_919_111 + 3_141_592) % 499_999_999


def _comment(row: int, source: str, target: str, names: dict[str, str]) -> str:
    kinds = (
        "{target} pays late, ask {source}",
        "introduced by {source} at the Sambalpur fair",
        "{source} and {target} fell out over yarn",
    )
    return kinds[row % len(kinds)].format(source=names[source], target=names[target])


def write_hostile_workbook(folder: Path) -> tuple[Path, dict[str, int], list[str]]:
    """The sample workbook with the hostile columns added; returns its path, the phones and the comments."""
    workbook = openpyxl.load_workbook(SAMPLE_WORKBOOK)
    actors = workbook["actors"]
    header = [cell.value for cell in actors[1]]
    id_column, name_column, type_column = (header.index(name) + 1 for name in ("actor_id", "name", "type"))
    rows = range(2, actors.max_row + 1)
    names = {actors.cell(row, id_column).value: actors.cell(row, name_column).value for row in rows}
    first_new = len(header) + 1
    for offset, title in enumerate(("phone", "registration", "contact", "main_buyer")):
        actors.cell(1, first_new + offset, title)
    phones = {}
    for position, row in enumerate(rows):
        actor = actors.cell(row, id_column).value
        phones[actor] = phone_of(position)
        actors.cell(row, first_new, phones[actor])
        actors.cell(row, first_new + 1, f"REG-{40231 + 37 * position}")
        actors.cell(row, first_new + 2, CONTACTS.get(actor))
        if actors.cell(row, type_column).value == "firm" and position % 5:
            actors.cell(row, first_new + 3, names[MAIN_BUYERS[position % len(MAIN_BUYERS)]])
        if actor == OWN_TYPE_ACTOR:
            actors.cell(row, type_column, OWN_TYPE)
    ties = workbook["ties"]
    tie_header = [cell.value for cell in ties[1]]
    source_column, target_column = tie_header.index("source") + 1, tie_header.index("target") + 1
    comment_column = len(tie_header) + 1
    ties.cell(1, comment_column, "comment")
    comments = []
    for row in range(2, ties.max_row + 1):
        if row % COMMENT_EVERY == 0:
            comment = _comment(row, ties.cell(row, source_column).value, ties.cell(row, target_column).value, names)
            ties.cell(row, comment_column, comment)
            comments.append(comment)
    path = folder / f"{HOSTILE_STEM}.xlsx"
    workbook.save(path)
    return path, phones, comments


def needles_of(survey: Survey, phones: dict[str, int], comments: list[str]) -> Needles:
    """Every name, phone (as written and as its digits), registration number, contact text and its
    words of five letters or more, comment, the type of its own and the file name stem."""
    texts = [str(name) for name in survey.actors["name"]]
    for phone in phones.values():
        digits = str(phone)
        texts += [digits, f"{phone:.0f}", f"{digits[:5]} {digits[5:]}", f"{float(phone)!r}"]
    texts += [str(value) for value in survey.actors["registration"]]
    for contact in CONTACTS.values():
        texts.append(contact)
        texts += re.findall(r"[^\W\d_]{5,}", contact)
        texts += re.findall(r"\d{10}", contact)
    texts += [*comments, OWN_TYPE, HOSTILE_STEM]
    return Needles(texts=tuple(dict.fromkeys(texts)), words=tuple(survey.actors["actor_id"]))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> HostileSurvey:
    """The hostile survey, written once as a workbook and loaded as a user's upload would be."""
    path, phones, comments = write_hostile_workbook(tmp_path_factory.mktemp("hostile-workbook"))
    survey = load_survey(path)
    return HostileSurvey(path, survey, needles_of(survey, phones, comments), phones)


@pytest.fixture(scope="session")
def sample_survey() -> Survey:
    return load_survey(SAMPLE_WORKBOOK)


@pytest.fixture(scope="session")
def surveys(sample_survey, hostile) -> dict[str, Survey]:
    """The two surveys every attack runs on, by name."""
    return {"sample": sample_survey, "hostile": hostile.survey}


@pytest.fixture(scope="session")
def caches(surveys) -> dict[str, AnalysisCache]:
    """One cache per survey, shared by every view of the attacks (as the app keeps one)."""
    return {name: AnalysisCache(survey) for name, survey in surveys.items()}


@pytest.fixture(scope="session")
def views(surveys, caches):
    """A builder of the attacks' views: ``views("sample", anonymize=True, round="baseline")``."""

    def build(name: str, *, anonymize: bool = False, min_ratings: int = 3, key: str = KEY, **selection) -> View:
        return view_of(
            surveys[name],
            Selection(**selection),
            anonymize=anonymize,
            min_ratings=min_ratings,
            key=key,
            cache=caches[name],
            resamples=RESAMPLES,
        )

    return build
