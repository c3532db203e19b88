"""The gaps become actions: each gap that a tie could close, as the scenario step a broker would try.

A gap (:mod:`clusternet.gaps`) says why it matters and what to do as a message whose actors are
parameters (:class:`~clusternet.messages.Actor`), so its step is read from those parameters, never
from its sentences:

=============================================  =================================================
gap (message id)                               step
=============================================  =================================================
``gap.introduction``: introduce A to B,        ``add_tie`` A - B
through C
``gap.isolated_actor.with_host``,              ``add_tie`` between the actor and the host who
``gap.peripheral_actor.with_host``             would introduce it
``gap.disconnected_component``: introduce      ``add_tie`` between the two
one of the group to one of the main network
``gap.weak_bridge``: a meeting hosted by a     ``add_tie`` between the two suggested hosts (the
host, with a second host                       first host and the second)
``gap.weak_bridge.no_common_partner``:         ``join_action`` among the co-hosts, the most
convene both groups, co-hosted by the most     trusted actor of each side: the joint meeting
trusted actor of each side
=============================================  =================================================

Every other gap (trust, an institution's reach, a dependency, an unconfirmed tie, a weak bridge
with one host only) has no step: what closes it is not a tie a scenario can add. A facilitated
tie is of :func:`facilitated_relation`, and each operation carries the gap's ``key`` as its
``gap_key``, so that a plan says which gap each step answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from clusternet.graph import Selection
from clusternet.messages import Actor, ActorList, Message
from clusternet.survey import Survey
from clusternet.whatif.scenario import ADD_TIE, JOIN_ACTION, Operation, Step

INFORMATION = "information"
"""The relation of an introduction when the selection and the survey allow it: what two actors who
have just met exchange first."""

TIED_BY_INTRODUCTION = {
    "gap.introduction": ("first", "second"),
    "gap.isolated_actor.with_host": ("actor", "host"),
    "gap.peripheral_actor.with_host": ("actor", "host"),
    "gap.disconnected_component": ("inside", "outside"),
}
"""Gaps closed by one introduction: the message parameters naming its two actors."""


def facilitated_relation(survey: Survey, selection: Selection) -> str:
    """The relation of a tie the broker facilitates: the first selected relation (so that it counts),
    else ``information`` when the survey has it, else the survey's first relation."""
    if selection.relations:
        return selection.relations[0]
    relations = survey.relation_labels
    return INFORMATION if INFORMATION in relations or not relations else relations[0]


def gap_operations(gap: Message, relation: str, gap_key: str = "") -> tuple[Operation, ...]:
    """The operations that would close the gap of ``gap`` (a gap's message), or none (see the
    module's docstring); introductions are ties of ``relation``.

    >>> from clusternet.messages import Actor, Message
    >>> gap = Message("gap.introduction", (("first", Actor("W06")), ("second", Actor("W37"))))
    >>> [(step.op, step.source, step.target) for step in gap_operations(gap, "information")]
    [('add_tie', 'W06', 'W37')]
    """
    arguments = gap.arguments
    if gap.id in TIED_BY_INTRODUCTION:
        ends = [arguments.get(name) for name in TIED_BY_INTRODUCTION[gap.id]]
        return _tie(ends, relation, gap_key)
    if gap.id == "gap.weak_bridge":
        second = arguments.get("second_host")
        second_host = second.arguments.get("second_host") if isinstance(second, Message) else None
        return _tie([arguments.get("host"), second_host], relation, gap_key)
    if gap.id == "gap.weak_bridge.no_common_partner":
        clause = arguments.get("co_hosts")
        hosts = tuple(dict.fromkeys(_named(clause.arguments.get("hosts")))) if isinstance(clause, Message) else ()
        if len(hosts) >= 2:
            return (Operation(JOIN_ACTION, actors=hosts, gap_key=gap_key),)
    return ()


def _named(value: object) -> list[str]:
    """The actors a parameter names, in order: an actor, a list, or a clause listing them ("A and B")."""
    if isinstance(value, Actor):
        return [value.id]
    if isinstance(value, ActorList):
        return list(value.ids)
    if isinstance(value, Message):  # its parameters in name order: "first" before "last"
        return [actor for _, part in value.params for actor in _named(part)]
    return []


def _tie(ends: Sequence[object], relation: str, gap_key: str) -> tuple[Operation, ...]:
    """An ``add_tie`` between two different actors, or nothing when the gap does not name both."""
    first, second = ends
    if not isinstance(first, Actor) or not isinstance(second, Actor) or first.id == second.id:
        return ()
    return (Operation(ADD_TIE, source=first.id, target=second.id, relation=relation, gap_key=gap_key),)


def gap_steps(gaps: pd.DataFrame, relation: str, positions: Iterable[int] | None = None) -> tuple[Step, ...]:
    """One step per gap that has one, numbered 1, 2, ... in the order of ``positions`` (rows of
    ``gaps``, the ranked table of :func:`clusternet.gaps.gaps_table` or of a view; default: every
    row, most important first); the gaps without a step are left out."""
    chosen = range(len(gaps)) if positions is None else positions
    steps: list[Step] = []
    for position in chosen:
        row = gaps.iloc[position]
        operations = gap_operations(row["message"], relation, str(row["key"]))
        if operations:
            steps.append(Step(len(steps) + 1, operations))
    return tuple(steps)


def has_step(gaps: pd.DataFrame) -> list[bool]:
    """For each gap of ``gaps``, whether it becomes a step (the relation does not matter here)."""
    return [bool(gap_operations(gap, "")) for gap in gaps["message"]]
