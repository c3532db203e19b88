"""A What-if plan as actions of the facilitation log, with status ``planned``.

Each step that facilitates becomes one action: an introduction (``add_tie``, ``add_arc``) a
``meeting`` of its two actors, a ``join_action`` a ``joint_action`` of all its actors, a newcomer
(``add_actor``) ``other``; steps that only take away (``remove_tie``, ``remove_actor``) simulate a
loss and are not actions. Once an action has taken place, change its status to ``done`` and its date
to the day it happened: the follow-up then compares the rounds around it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import pandas as pd

from clusternet.survey.facilitation import JOINT_ACTION_KIND, PLANNED
from clusternet.survey.model import PARTICIPANT_SEPARATOR
from clusternet.survey.schema import ACTIONS
from clusternet.whatif.scenario import ADD_ACTOR, ADD_ARC, ADD_TIE, JOIN_ACTION, Operation, Step

KIND_OF_OPERATION = {ADD_TIE: "meeting", ADD_ARC: "meeting", JOIN_ACTION: JOINT_ACTION_KIND, ADD_ACTOR: "other"}
"""The kind of action each facilitating operation plans."""
PLANNED_ID = "plan-{step}-{part}"
"""Action ids of a plan: its step and the operation's place in it."""


def _actors(operation: Operation) -> list[str]:
    ends = [actor for actor in (operation.source, operation.target) if actor is not None]
    return list(dict.fromkeys([*ends, *operation.actors]))


def plan_actions(
    steps: Iterable[Step], date: dt.date, actor_key: Callable[[str], str] = str, named: bool = True
) -> pd.DataFrame:
    """The facilitating steps as rows of the ``actions`` sheet (status ``planned``, dated ``date``),
    actors as ``actor_key`` writes them; ``named`` False leaves the gaps' keys (they hold ids) and the
    steps' notes (free text) blank."""
    rows = []
    for step in steps:
        facilitating = [operation for operation in step.operations if operation.op in KIND_OF_OPERATION]
        for part, operation in enumerate(facilitating, start=1):
            actors = [actor_key(actor) for actor in _actors(operation)]
            rows.append(
                {
                    "action_id": PLANNED_ID.format(step=step.number, part=part),
                    "date": pd.Timestamp(date),
                    "kind": KIND_OF_OPERATION[operation.op],
                    "participants": PARTICIPANT_SEPARATOR.join(actors),
                    "lead_actor": actors[0] if actors else "",
                    "gap_key": operation.gap_key if named else "",
                    "indicator_id": "",
                    "title": operation.note if named else "",
                    "notes": "",
                    "status": PLANNED,
                }
            )
    table = pd.DataFrame(rows, columns=list(ACTIONS.columns))
    return table.assign(date=pd.to_datetime(table["date"]).astype("datetime64[ns]"))
