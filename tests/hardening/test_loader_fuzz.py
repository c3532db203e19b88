"""Property-based tests of the loader: any file either loads or is refused with problems, never crashes.

Generated CSV folders and workbooks mix valid and random headers, unicode, blanks, NaN, huge
numbers, formulas, dates in id columns, extra sheets, ragged rows and random bytes. Bounded so
that the suite stays within a few minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from clusternet.export.survey_files import survey_workbook
from clusternet.survey import Survey, SurveyError, load_survey

FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
"""Examples, deadline and randomness come from the profile (tests/conftest.py: ``ci`` or ``deep``)."""
HEADERS = [
    "actor_id",
    "Actor ID ",
    "name",
    "type",
    "source",
    "target",
    "round",
    "relation",
    "trust",
    "weight",
    "date",
    "description",
    "village",
    "sector",
    "actor-id",
    "SOURCE",
]

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
cells = st.one_of(
    st.none(),
    st.just(""),
    texts,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "=1+1",
            "+A1",
            "-2",
            "@SUM(A1)",
            '=HYPERLINK("http://x","y")',
            "W01",
            " W01 ",
            "7",
            "7.0",
            "Barpālī",
            "Peñalolén",
            "🧵",
            "\u202eevil",
            "<script>alert(1)</script>",
            "nan",
            "1e308",
        ]
    ),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
headers = st.lists(st.one_of(st.sampled_from(HEADERS), texts), min_size=0, max_size=6)
rows = st.lists(st.lists(cells, max_size=7), max_size=8)


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return '"' + text.replace('"', '""') + '"' if any(char in text for char in ',"\n\r;') else text


def digest(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir()}


def load_or_problems(path: Path) -> Survey | None:
    """Load, or check that the refusal carries at least one error; any other exception fails."""
    try:
        return load_survey(path)
    except SurveyError as error:
        assert error.errors, "a refused survey must say why"  # noqa: PT017 (a helper, not a test)
        return None


@FUZZ
@given(
    tables=st.dictionaries(
        st.sampled_from(["actors", "ties", "rounds", "respondents", "notes", "Ties "]),
        st.tuples(headers, rows),
        min_size=1,
        max_size=5,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_generated_csv_folders_load_or_are_refused(tmp_path_factory, tables, encoding):
    folder = tmp_path_factory.mktemp("survey")
    for name, (header, body) in tables.items():
        lines = [",".join(map(csv_cell, header))] + [",".join(map(csv_cell, row)) for row in body]
        (folder / f"{name}.csv").write_bytes("\n".join(lines).encode(encoding, errors="replace"))
    before = digest(folder)
    load_or_problems(folder)
    assert digest(folder) == before


@FUZZ
@given(data=st.binary(max_size=400), name=st.sampled_from(["actors.csv", "ties.csv"]))
def test_random_bytes_in_a_csv_file_are_refused_or_read(tmp_path_factory, data, name):
    folder = tmp_path_factory.mktemp("survey")
    (folder / "actors.csv").write_text("actor_id\nA\nB\n")
    (folder / "ties.csv").write_text("source,target\nA,B\n")
    (folder / name).write_bytes(data)
    load_or_problems(folder)


BLANK_IN_EXTRA_DATE_COLUMN = {
    "actors": (["actor_id"], [["A"], ["B"]]),
    "ties": (["source", "target", "visited"], [["A", "B", dt.date(2024, 1, 1)], ["B", "A", None]]),
}
"""Found by this test: a blank cell in an extra date column of the ties sheet raised ValueError (NaT)."""


@FUZZ
@given(
    sheets=st.dictionaries(
        st.sampled_from(["actors", "ties", "rounds", "respondents", "instructions", "TIES"]),
        st.tuples(headers, rows),
        min_size=1,
        max_size=5,
    )
)
@example(sheets=BLANK_IN_EXTRA_DATE_COLUMN)
def test_generated_workbooks_load_or_are_refused(tmp_path_factory, sheets):
    path = tmp_path_factory.mktemp("survey") / "survey.xlsx"
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, body) in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in [header] + body:
            sheet.append([clean_for_excel(value) for value in row])
    workbook.save(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    load_or_problems(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_named_xlsx_are_refused(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("survey") / "survey.xlsx"
    path.write_bytes(data)
    assert load_or_problems(path) is None


def clean_for_excel(value):
    """What openpyxl can store: it refuses control characters and infinite floats."""
    if isinstance(value, str):
        return "".join(char for char in value if char >= " " or char in "\t\n\r")
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and abs(value) > 2**53:
        return str(value)
    return value


ids = st.text(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ0123456789", min_size=1, max_size=5)
labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
names = (
    st.text(
        alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs"), blacklist_characters="\x00"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def valid_surveys(draw):
    actor_ids = draw(st.lists(ids, min_size=2, max_size=12, unique_by=str.casefold))
    actors = [
        (actor, draw(names), draw(st.sampled_from(["firm", "ngo", "association", "finance"]))) for actor in actor_ids
    ]
    rounds = draw(st.lists(labels, min_size=1, max_size=3, unique=True))
    relations = draw(st.lists(labels, min_size=1, max_size=3, unique=True))
    ties = draw(
        st.lists(
            st.tuples(
                st.sampled_from(actor_ids),
                st.sampled_from(actor_ids),
                st.sampled_from(rounds),
                st.sampled_from(relations),
                st.one_of(st.none(), st.integers(1, 5)),
                st.integers(0, 9),
            ),
            min_size=1,
            max_size=30,
            unique_by=lambda tie: tie[:4],
        ).filter(lambda ties: any(source != target for source, target, *_ in ties))
    )
    return actors, [tie for tie in ties if tie[0] != tie[1]], rounds


@FUZZ
@given(survey=valid_surveys())
def test_valid_generated_surveys_survive_export_and_reload(tmp_path_factory, survey):
    actors, ties, _rounds = survey
    folder = tmp_path_factory.mktemp("survey")
    (folder / "actors.csv").write_text(
        "actor_id,name,type\n" + "".join(f"{actor},{csv_cell(name)},{kind}\n" for actor, name, kind in actors),
        encoding="utf-8",
    )
    (folder / "ties.csv").write_text(
        "source,target,round,relation,trust,weight\n"
        + "".join(f"{s},{t},{r},{rel},{'' if trust is None else trust},{w}\n" for s, t, r, rel, trust, w in ties),
        encoding="utf-8",
    )
    loaded = load_survey(folder)
    assert len(loaded.ties) == len(ties)
    copy = tmp_path_factory.mktemp("export") / "survey.xlsx"
    copy.write_bytes(survey_workbook(loaded))
    reloaded = load_survey(copy)
    for table in ("actors", "ties", "rounds", "respondents"):
        pd.testing.assert_frame_equal(getattr(reloaded, table), getattr(loaded, table))
