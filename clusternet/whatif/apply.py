"""Applying a scenario's steps to a copy of one round of a survey: its tie, actor and respondent tables.

The survey itself is never changed: each step returns a new :class:`~clusternet.survey.Survey`
holding the round as it would be after the step, which :mod:`clusternet.graph` turns into graphs
exactly as it does for the survey as loaded, so that every measure of a step is the tool's own.

What each operation does to the round (docs/whatif.md):

- ``add_tie``: both arcs source -> target and target -> source of the relation, as both partners
  would report a relationship the broker facilitated, each with the trust given (blank: not
  rated) and weight 1; an arc already reported with that relation is left as it is;
- ``add_arc``: the one arc source -> target;
- ``remove_tie``: both arcs of the relation (every relation when it is blank);
- ``remove_actor``: the actor, every tie it reported or was named in, and its answer to the round;
- ``add_actor``: a new actor of the type given, without attributes or ties, counted as a
  respondent of the round (the ties a scenario gives it are what it would report);
- ``join_action``: arcs both ways among all the actors listed, relation ``joint_action``.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations

import numpy as np
import pandas as pd

from clusternet.messages import Actor, message
from clusternet.rounds.network import JOINT_ACTION
from clusternet.survey import Survey
from clusternet.survey.problems import WARNING, Problem
from clusternet.whatif.scenario import (
    ADD_ACTOR,
    ADD_ARC,
    ADD_TIE,
    JOIN_ACTION,
    REMOVE_ACTOR,
    REMOVE_TIE,
    Operation,
    Step,
)

NO_TIE_REMOVED = message(
    "whatif.problem.no_tie_removed", "step {step}: {source} and {target} have no such tie to remove"
)
NO_TIE_REMOVED_FIX = message("whatif.problem.no_tie_removed.fix", "check the relation, or leave the row out")
NOTHING_ADDED = message(
    "whatif.problem.nothing_added", "step {step}: every arc of this row is already reported; it changes nothing"
)
NOTHING_ADDED_FIX = message("whatif.problem.nothing_added.fix", "add a tie that the round does not have yet")

Arc = tuple[str, str, str]
"""(source, target, relation): one reported arc of one relation."""


def apply_step(survey: Survey, step: Step, where: str = "") -> tuple[Survey, list[Problem]]:
    """The one-round ``survey`` (``Survey.select`` of the round) after ``step``, and warnings about
    operations that change nothing (a tie to remove that is not there, a tie to add that already is)."""
    warnings: list[Problem] = []
    for operation in step.operations:
        if operation.op in (ADD_TIE, ADD_ARC, JOIN_ACTION):
            survey = _added(survey, operation, step.number, where, warnings)
        elif operation.op == REMOVE_TIE:
            survey = _without_tie(survey, operation, step.number, where, warnings)
        elif operation.op == REMOVE_ACTOR:
            survey = _without_actors(survey, operation.actors)
        elif operation.op == ADD_ACTOR:
            survey = _with_actors(survey, operation.actors, str(operation.type))
    return survey, warnings


def _added(survey: Survey, operation: Operation, step: int, where: str, warnings: list[Problem]) -> Survey:
    added = _with_arcs(survey, _arcs_added(operation), operation.trust)
    if len(added.ties) == len(survey.ties):
        warnings.append(
            Problem(WARNING, where, operation.row, None, None, NOTHING_ADDED(step=step), NOTHING_ADDED_FIX())
        )
    return added


def _without_tie(survey: Survey, operation: Operation, step: int, where: str, warnings: list[Problem]) -> Survey:
    """The survey without both arcs of the tie (of its relation; of every relation when blank)."""
    source, target = str(operation.source), str(operation.target)
    ties = survey.ties
    pair = ((ties["source"] == source) & (ties["target"] == target)) | (
        (ties["source"] == target) & (ties["target"] == source)
    )
    if operation.relation is not None:
        pair &= ties["relation"] == operation.relation
    if not pair.any():
        warnings.append(
            Problem(
                WARNING,
                where,
                operation.row,
                "relation" if operation.relation else None,
                operation.relation,
                NO_TIE_REMOVED(step=step, source=Actor(source), target=Actor(target)),
                NO_TIE_REMOVED_FIX(),
            )
        )
    return replace(survey, ties=ties.loc[~pair].reset_index(drop=True))


def _without_actors(survey: Survey, gone: tuple[str, ...]) -> Survey:
    """The survey without these actors, the ties they reported or were named in, and their answers."""
    ties, respondents = survey.ties, survey.respondents
    return replace(
        survey,
        actors=survey.actors.loc[~survey.actors["actor_id"].isin(list(gone))].reset_index(drop=True),
        ties=ties.loc[~(ties["source"].isin(list(gone)) | ties["target"].isin(list(gone)))].reset_index(drop=True),
        respondents=respondents.loc[~respondents["actor_id"].isin(list(gone))].reset_index(drop=True),
    )


def _arcs_added(operation: Operation) -> list[Arc]:
    """The arcs an adding operation reports, in order."""
    source, target = str(operation.source), str(operation.target)
    if operation.op == ADD_ARC:
        return [(source, target, str(operation.relation))]
    if operation.op == ADD_TIE:
        return [(source, target, str(operation.relation)), (target, source, str(operation.relation))]
    members = list(dict.fromkeys(operation.actors))
    return [(first, second, JOINT_ACTION) for first, second in permutations(members, 2)]


def _with_arcs(survey: Survey, arcs: list[Arc], trust: int | None) -> Survey:
    """The survey with those ``arcs`` that its round does not report yet, each rated ``trust``."""
    ties = survey.ties
    ends = {end for source, target, _ in arcs for end in (source, target)}
    nearby = ties.loc[ties["source"].isin(ends) & ties["target"].isin(ends), ["source", "target", "relation"]]
    reported = set(zip(nearby["source"], nearby["target"], nearby["relation"]))
    new = [arc for arc in dict.fromkeys(arcs) if arc not in reported]
    if not new:
        return survey
    rows = pd.DataFrame(new, columns=["source", "target", "relation"])
    rows.insert(2, "round", survey.round_labels[0])
    rows["trust"] = pd.array([trust] * len(new), dtype="Int64")
    rows["weight"] = np.ones(len(new))
    rows = rows.astype({column: ties[column].dtype for column in ("source", "target", "round", "relation")})
    return replace(survey, ties=pd.concat([ties, rows], ignore_index=True))


def _with_actors(survey: Survey, actor_ids: tuple[str, ...], actor_type: str) -> Survey:
    """The survey with new actors of ``actor_type`` (named by their ids) who answered the round."""
    actors = survey.actors
    new = pd.DataFrame({"actor_id": list(actor_ids), "name": list(actor_ids), "type": actor_type})
    new = new.astype({column: actors[column].dtype for column in ("actor_id", "name", "type")})
    answered = pd.DataFrame({"round": survey.round_labels[0], "actor_id": list(actor_ids)})
    answered = answered.astype(survey.respondents.dtypes.to_dict())
    return replace(
        survey,
        actors=pd.concat([actors, new], ignore_index=True),
        respondents=pd.concat([survey.respondents, answered], ignore_index=True),
    )
