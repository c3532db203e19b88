"""Small hand-built surveys for the gap finders."""

import pytest

from clusternet.analysis import analyze
from clusternet.gaps import find_gaps
from clusternet.graph import Selection
from clusternet.messages import Renderer
from clusternet.survey import load_survey


class Found(list):
    """The opportunities of a survey, with ``text`` rendering a message as the broker reads it (names)."""

    def __init__(self, opportunities, survey):
        super().__init__(opportunities)
        names = dict(zip(survey.actors["actor_id"], survey.actors["name"]))
        self.text = Renderer(actor_label=names.get).render


@pytest.fixture
def gaps_of(csv_survey):
    """Build a survey from actor rows and mutual ties, and return its opportunities (a :class:`Found`).

    ``actors``: "id,type,village" lines; ``ties``: (a, b, trust_ab, trust_ba) reported both ways, or
    (a, b, trust_ab) reported by a only. Every actor answered unless ``respondents`` says who did.
    """

    def build(actors: list[str], ties: list[tuple], respondents: list[str] | None = None, config=None, **selection):
        rows = ["source,target,trust"]
        for tie in ties:
            rows.append(f"{tie[0]},{tie[1]},{tie[2]}")
            if len(tie) == 4:
                rows.append(f"{tie[1]},{tie[0]},{tie[3]}")
        files = {"actors": "actor_id,type,village\n" + "\n".join(actors) + "\n", "ties": "\n".join(rows) + "\n"}
        if respondents is None:
            respondents = [row.split(",")[0] for row in actors]
        if respondents:
            files["respondents"] = "round,actor_id\n" + "\n".join(f"1,{actor}" for actor in respondents) + "\n"
        survey = load_survey(csv_survey(**files))
        analysis = analyze(survey, Selection(**selection))
        return Found(find_gaps(analysis, config) if config else find_gaps(analysis), survey)

    return build


def of_kind(opportunities, kind):
    return [item for item in opportunities if item.kind == kind]
