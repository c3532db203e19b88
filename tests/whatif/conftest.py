"""Small hand-built surveys and scenarios for the what-if tests."""

import pytest

from clusternet.graph import Selection
from clusternet.survey import load_survey
from clusternet.whatif import load_scenario
from tests.conftest import write_csv_folder

SCENARIO_HEADER = "step,op,source,target,relation,trust,actor_id,type,note"


@pytest.fixture
def survey_of(tmp_path):
    """Build a one-round survey: ``actors`` as "id,type" lines, ``ties`` as (a, b) tied both ways or
    (a, b, "arc") reported by a only, all of relation ``information``; every actor answered."""

    def build(actors: list[str], ties: list[tuple], relation: str = "information"):
        rows = ["source,target,relation,trust"]
        for tie in ties:
            rows.append(f"{tie[0]},{tie[1]},{relation},4")
            if len(tie) == 2:
                rows.append(f"{tie[1]},{tie[0]},{relation},4")
        respondents = "\n".join(f"1,{line.split(',')[0]}" for line in actors)
        files = {
            "actors.csv": "actor_id,type\n" + "\n".join(actors) + "\n",
            "ties.csv": "\n".join(rows) + "\n",
            "respondents.csv": "round,actor_id\n" + respondents + "\n",
        }
        return load_survey(write_csv_folder(tmp_path / f"survey-{len(list(tmp_path.iterdir()))}", files))

    return build


@pytest.fixture
def scenario_file(tmp_path):
    """Write scenario rows (below the interface's header) to a CSV file; returns its path."""

    def write(*rows: str, name: str = "scenario.csv"):
        path = tmp_path / name
        path.write_text("\n".join([SCENARIO_HEADER, *rows]) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def scenario_of_rows(scenario_file):
    """The checked scenario of these rows against ``survey`` (raises ScenarioError as the file would)."""

    def check(survey, *rows: str, selection: Selection = Selection()):
        return load_scenario(scenario_file(*rows), survey, selection)

    return check


STAR = ["hub,association", "a,firm", "b,firm", "c,firm"]
STAR_TIES = [("hub", "a"), ("hub", "b"), ("hub", "c")]
