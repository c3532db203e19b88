"""A scenario tried on a copy of one round: every KPI before and after each step, and who changed.

:func:`simulate` applies the steps one after another to the selected round (the survey itself is
never changed), measures each state (:mod:`.state`) and holds every KPI of every state
(:mod:`.kpis`). Steps are cumulative: step 0 is the round as it is, and each step's ``after`` is the
next step's ``before``. ``whatif.csv`` is :meth:`Simulation.kpi_table`, ``actor_changes.csv``
:meth:`Simulation.actor_changes`, and the ties a map draws as new or removed
:meth:`Simulation.tie_changes`.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusternet.graph import Selection
from clusternet.kpis import DOWN, UP
from clusternet.messages import message
from clusternet.rounds.comparison import BETTER, WORSE
from clusternet.rounds.network import JOINT_ACTION, joint_action_selected
from clusternet.survey import Survey
from clusternet.survey.problems import Problem
from clusternet.whatif.apply import apply_step
from clusternet.whatif.kpis import ESTIMATED, GOOD_DIRECTIONS, WhatIfContext, state_values
from clusternet.whatif.scenario import ADD_ARC, ADD_TIE, JOIN_ACTION, Scenario, Step
from clusternet.whatif.state import State, measure_state, pivots, state_after

WHATIF_COLUMNS = ["step", "kpi", "before", "after", "change", "good_direction", "effect", "approximate"]
"""The columns of ``whatif.csv``: the interface's five, then the KPI's good direction, whether the
step made it better or worse, and whether the values are estimates (large networks)."""

ACTOR_CHANGE_COLUMNS = ["actor_id", "metric", "before", "after"]
"""The columns of ``actor_changes.csv``."""

ACTOR_METRICS = ("degree", "betweenness_norm", "brokerage_total", "steps_to_institution")
"""What ``actor_changes.csv`` compares for each actor: partners, the share of pairs it stands
between, the two-paths it brokers, and how many steps it is from a support institution."""

TIE_CHANGE_COLUMNS = ["first", "second", "status"]
"""The columns of :meth:`Simulation.tie_changes`: the two actors of a tie and what the scenario did to it."""

NEW, REMOVED, KEPT = "new", "removed", "kept"
"""What a scenario did to a tie: added it, took it away, or left it."""

UNCHANGED = "unchanged"
"""The effect of a step that leaves a KPI as it was."""

EFFECT_WORDS = {
    BETTER: message("whatif.effect.better", "better"),
    WORSE: message("whatif.effect.worse", "worse"),
    UNCHANGED: message("whatif.effect.unchanged", "unchanged"),
}
"""Each effect of a step on a KPI, for people."""

SAME = 1e-12
"""Two values closer than this are the same (sums of shares computed in another order differ by less)."""


@dataclass(frozen=True, eq=False)
class Simulation:
    """The KPIs of every state of a scenario, and the first and last states themselves.

    ``numbers[i]`` is the step that state ``i`` follows (0: none yet), ``values[i]`` its KPIs by
    code and ``approximate[i]`` whether its estimated KPIs are estimates (:mod:`.state`);
    ``before`` is the round as it is and ``after`` the round after every step (the states between
    are not kept: on a large network each holds its graphs); ``warnings`` are about rows of the
    scenario that change nothing or will not count. ``steps`` are the steps applied, ``where`` the
    scenario's origin, ``joint_action`` whether the joint-action KPIs were measured and
    ``step_warnings`` the warnings the steps raised as they were applied: what a longer scenario
    that begins with these steps continues from (:func:`simulate`'s ``resume``).
    """

    numbers: tuple[int, ...]
    values: tuple[dict[str, float], ...]
    approximate: tuple[bool, ...]
    before: State
    after: State
    warnings: tuple[Problem, ...] = ()
    steps: tuple[Step, ...] = ()
    where: str = ""
    joint_action: bool = False
    step_warnings: tuple[Problem, ...] = ()

    def begins(self, scenario: Scenario) -> bool:
        """Whether ``scenario`` starts with this simulation's steps, from the same origin (then the
        states of those steps are this simulation's, if it measures the joint-action KPIs as this did)."""
        return scenario.where == self.where and scenario.steps[: len(self.steps)] == self.steps

    def kpi_table(self) -> pd.DataFrame:
        """``whatif.csv``: one row per step and KPI (:data:`WHATIF_COLUMNS`); step 0 holds the round
        as it is (before = after), each later step the KPIs before and after it."""
        rows = []
        for at, number in enumerate(self.numbers):
            previous = max(at - 1, 0)
            before, after = self.values[previous], self.values[at]
            estimated = self.approximate[previous] or self.approximate[at]
            for code, direction in GOOD_DIRECTIONS.items():
                change = after[code] - before[code]
                rows.append(
                    (number, code, before[code], after[code], change, direction, effect(change, direction),
                     estimated and code in ESTIMATED)
                )  # fmt: skip
        return pd.DataFrame(rows, columns=WHATIF_COLUMNS)

    def overall(self) -> pd.DataFrame:
        """Every KPI of the round as it is and after the last step: ``kpi, before, after, change,
        good_direction, effect, approximate`` (what a page shows side by side)."""
        first, last = self.values[0], self.values[-1]
        estimated = any(self.approximate)
        rows = [
            (code, first[code], last[code], last[code] - first[code], direction,
             effect(last[code] - first[code], direction), estimated and code in ESTIMATED)
            for code, direction in GOOD_DIRECTIONS.items()
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=WHATIF_COLUMNS[1:])

    def actor_changes(self) -> pd.DataFrame:
        """``actor_changes.csv``: for every actor whose measure differs after the last step, one row per
        measure of :data:`ACTOR_METRICS` that changed (blank before for an added actor, after for a
        removed one), actors in the order of the survey, then those added."""
        first, last = _actor_metrics(self.before), _actor_metrics(self.after)
        actors = list(dict.fromkeys([*first.index, *last.index]))
        before = first.reindex(actors).to_numpy(dtype=float)
        after = last.reindex(actors).to_numpy(dtype=float)
        same = np.isclose(before, after, rtol=0.0, atol=SAME) | (np.isnan(before) & np.isnan(after))
        rows = [
            (actor, metric, before[row, column], after[row, column])
            for row, actor in enumerate(actors)
            for column, metric in enumerate(ACTOR_METRICS)
            if not same[row, column]
        ]
        return pd.DataFrame(rows, columns=ACTOR_CHANGE_COLUMNS)

    def tie_changes(self) -> pd.DataFrame:
        """Every pair of actors tied before or after the scenario (either way, on the selected
        relations and tie mode): ``first, second, status`` (:data:`NEW`, :data:`REMOVED` or
        :data:`KEPT`), ties of the round as it is first, in their order, then the new ones."""
        before, after = _pairs(self.before), _pairs(self.after)
        rows = [(*pair, KEPT if pair in after else REMOVED) for pair in before]
        rows += [(*pair, NEW) for pair in after if pair not in before]
        return pd.DataFrame(rows, columns=TIE_CHANGE_COLUMNS)


def effect(change: float, good_direction: str) -> str:
    """Whether a change of a KPI is ``better``, ``worse`` or ``unchanged``; blank when it has no
    good direction or cannot be told (a KPI blank before or after).

    >>> effect(0.1, "up"), effect(0.1, "down"), effect(0.0, "up"), effect(2.0, "neither")
    ('better', 'worse', 'unchanged', '')
    """
    if math.isnan(change) or good_direction not in (UP, DOWN):
        return ""
    if abs(change) <= SAME:
        return UNCHANGED
    return BETTER if (change > 0) == (good_direction == UP) else WORSE


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a scenario is measured.

    A simulation allocates and drops hundreds of thousands of small objects (graphs, arrays, frames),
    which reference counting frees; the collector's full passes over them find next to nothing and
    cost about a tenth of a simulation at 500 actors. Collection resumes (and catches up) at the end,
    also when the simulation fails.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def simulate(
    survey: Survey,
    selection: Selection,
    scenario: Scenario,
    *,
    context: WhatIfContext = WhatIfContext(),
    communities: pd.Series | None = None,
    resume: Simulation | None = None,
) -> Simulation:
    """Apply ``scenario`` to a copy of the selected round of ``survey`` and measure every state.

    ``communities`` are those of the survey as it is when already found (each actor's, as the
    ``community`` column of ``actors.csv`` indexed by actor id); otherwise they are found once.
    ``resume`` is a simulation of the same survey, selection, context and communities, kept from
    before: when the scenario begins with its steps (:meth:`Simulation.begins`) and measures the
    joint-action KPIs as it did, their states are taken from it and only the steps after them are
    measured (a broker adding one step to a plan waits for one state, not for all). Raises
    ``SelectionError`` for an unknown round, relation or attribute.
    """
    with collection_paused():
        return _simulated(survey, selection, scenario, context, communities, resume)


def _simulated(
    survey: Survey,
    selection: Selection,
    scenario: Scenario,
    context: WhatIfContext,
    communities: pd.Series | None,
    resume: Simulation | None,
) -> Simulation:
    selection = selection.resolved(survey)
    assert selection.round is not None  # resolved
    joint_action = joint_action_selected(survey, selection.relations) or (
        selection.relations is None and _brings_joint_action(scenario)
    )
    if resume is None or not resume.begins(scenario) or resume.joint_action != joint_action:
        current = survey.select(selection.round)
        first = measure_state(current, selection, joint_action, communities, pivots(current, selection.seed))
        resume = Simulation((0,), (state_values(first, context),), (first.approximate,), first, first)
    first, last = resume.before, resume.after
    current = last.survey
    numbers, values, approximate = list(resume.numbers), list(resume.values), list(resume.approximate)
    noted_by_steps: list[Problem] = list(resume.step_warnings)
    for step in scenario.steps[len(resume.steps) :]:
        current, noted = apply_step(current, step, scenario.where)
        noted_by_steps += noted
        last = state_after(last, current, step, selection, joint_action)
        numbers.append(step.number)
        values.append(state_values(last, context))
        approximate.append(last.approximate)
    return Simulation(
        tuple(numbers),
        tuple(values),
        tuple(approximate),
        first,
        last,
        scenario.warnings + tuple(noted_by_steps),
        scenario.steps,
        scenario.where,
        joint_action,
        tuple(noted_by_steps),
    )


def _brings_joint_action(scenario: Scenario) -> bool:
    """Whether a step adds ties of the relation ``joint_action`` (then its KPIs count from 0 before)."""
    return any(
        operation.op == JOIN_ACTION or (operation.op in (ADD_TIE, ADD_ARC) and operation.relation == JOINT_ACTION)
        for step in scenario.steps
        for operation in step.operations
    )


def _actor_metrics(state: State) -> pd.DataFrame:
    table = state.actors[["degree", "betweenness_norm", "brokerage_total"]].astype(float)
    return table.assign(steps_to_institution=state.steps_to_institution.astype(float))[list(ACTOR_METRICS)]


def _pairs(state: State) -> dict[tuple[str, str], None]:
    """The state's ties as pairs of actors (the two ids in sorted order), in edge order."""
    pairs: dict[tuple[str, str], None] = {}
    for u, v in state.graph.edges():
        if u != v:
            pairs[(u, v) if u < v else (v, u)] = None
    return pairs
