"""What a survey holds, in three small tables: the first check after loading a file."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from clusternet.messages import ENGLISH, Renderer, message
from clusternet.survey.model import Survey

ACTORS_HEADING = message("survey.summary.actors", "Actors: {count}")
TIE_ROWS_HEADING = message("survey.summary.tie_rows", "Tie rows by round and relation: {count}")
RESPONDENTS_HEADING = message("survey.summary.respondents", "Respondents by round")
RESPONDENTS_INFERRED = message(
    "survey.summary.respondents_inferred",
    "(no respondents sheet: respondents are the actors who reported at least one tie)",
)


@dataclass(frozen=True)
class SurveySummary:
    """Actors by type; tie rows by round and relation; respondents and response rate by round."""

    actors_by_type: pd.DataFrame
    ties_by_round: pd.DataFrame
    response_by_round: pd.DataFrame


def summarize(survey: Survey) -> SurveySummary:
    """Counts that let a user see at a glance whether the survey was read as intended."""
    actors_by_type = (
        survey.actors["type"]
        .value_counts()
        .rename_axis("type")
        .reset_index(name="actors")
        .sort_values(["actors", "type"], ascending=[False, True], ignore_index=True)
    )
    ties_by_round = pd.crosstab(survey.ties["round"], survey.ties["relation"]).reindex(
        index=survey.round_labels, fill_value=0
    )
    ties_by_round["all"] = ties_by_round.sum(axis=1)
    ties_by_round = ties_by_round.rename_axis(index="round", columns=None).reset_index()
    response = pd.DataFrame(
        {
            "round": survey.round_labels,
            "date": [date.date().isoformat() if pd.notna(date) else "" for date in survey.rounds["date"]],
            "actors": len(survey.actors),
            "respondents": [len(survey.respondents_in(label)) for label in survey.round_labels],
        }
    )
    response["response_rate"] = response["respondents"] / response["actors"]
    return SurveySummary(actors_by_type, ties_by_round, response)


def summary_text(survey: Survey, renderer: Renderer = ENGLISH) -> str:
    """The summary as plain text tables for the command line, headings rendered by ``renderer``
    (the tables' column names are data and stay as they are)."""
    summary = summarize(survey)
    response = summary.response_by_round.assign(
        response_rate=summary.response_by_round["response_rate"].map("{:.0%}".format)
    )
    inferred = "\n" + renderer.render(RESPONDENTS_INFERRED()) if survey.respondents_inferred else ""
    return "\n\n".join(
        [
            renderer.render(ACTORS_HEADING(count=len(survey.actors)))
            + "\n"
            + summary.actors_by_type.to_string(index=False),
            renderer.render(TIE_ROWS_HEADING(count=len(survey.ties)))
            + "\n"
            + summary.ties_by_round.to_string(index=False),
            renderer.render(RESPONDENTS_HEADING()) + "\n" + response.to_string(index=False) + inferred,
        ]
    )
