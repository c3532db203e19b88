"""A comparison of rounds in a few lines of plain text, for people: what changed, and how sure we are."""

from __future__ import annotations

import math

import pandas as pd

from clusternet.rounds.changes import DROPPED, KEPT, NEW, biggest_changes
from clusternet.rounds.comparison import BETTER, NO_CLEAR_CHANGE, WORSE, Comparison
from clusternet.rounds.kpis import NEITHER
from clusternet.rounds.panel import ALL, PANEL

LISTED_KPIS = 12
"""How many KPIs a line of the summary lists before it says "and N more"."""


def comparison_text(comparison: Comparison) -> str:
    """A short summary of ``comparison``: response, clear changes with intervals, ties, who gained, notes.

    Changes are on all actors, with the panel's in brackets. A change is "clear" when its interval
    excludes 0; "better" and "worse" follow each KPI's good direction.
    """
    kpis = comparison.kpis
    everyone = kpis[kpis["basis"] == ALL].set_index("kpi")
    panel = kpis[kpis["basis"] == PANEL].set_index("kpi")
    level = f"{comparison.level:.0%}"
    lines = [
        f'"{comparison.from_round}" -> "{comparison.to_round}": {_count(everyone.at["actors", "from_value"])} '
        f'actors on the roster; {_count(everyone.at["respondents", "from_value"])} answered "{comparison.from_round}", '
        f'{_count(everyone.at["respondents", "to_value"])} "{comparison.to_round}", {len(comparison.panel)} both '
        "(the panel).",
        f"Tie mode {comparison.ties}; relations: {', '.join(comparison.relations or ['all'])}; groups: "
        f"{comparison.group_by}; "
        + (
            f"{level} intervals from {comparison.resamples} bootstrap resamples of actors (seed {comparison.seed})."
            if comparison.resamples
            else "no intervals."
        ),
        "",
    ]
    outcomes = everyone["good_direction"] != NEITHER
    if not comparison.resamples:
        lines.append("Changes (all actors; the panel in brackets), without intervals:")
        lines += [
            _change_line(name, everyone.loc[name], panel.loc[name], level)
            for name in everyone.index[outcomes & everyone["change"].notna()]
        ]
    for heading, verdict in (("Clearly better", BETTER), ("Clearly worse", WORSE)) if comparison.resamples else ():
        changed = everyone.index[everyone["assessment"] == verdict]
        lines.append(f"{heading} (all actors; the panel in brackets):" if len(changed) else f"{heading}: none.")
        lines += [_change_line(name, everyone.loc[name], panel.loc[name], level) for name in changed]
    unclear = list(everyone.index[outcomes & (everyone["assessment"] == NO_CLEAR_CHANGE)])
    if comparison.resamples:
        lines.append(f"No clear change: {_names(unclear)}." if unclear else "No clear change: none.")
    disagree = [
        name
        for name in everyone.index
        if everyone.at[name, "assessment"]
        and panel.at[name, "assessment"]
        and everyone.at[name, "assessment"] != panel.at[name, "assessment"]
    ]
    if disagree:
        lines.append(
            f"The panel reads differently on {_names(disagree)}: turnover or non-response may drive "
            "the change on all actors."
        )
    lines += ["", *_tie_lines(comparison), *_actor_lines(comparison.actor_changes)]
    if comparison.notes:
        lines += ["", "Notes:", *(f"- {note}" for note in comparison.notes)]
    return "\n".join(lines)


def _change_line(name: str, everyone: pd.Series, panel: pd.Series, level: str) -> str:
    line = (
        f"  {name}: {_number(everyone['from_value'])} -> {_number(everyone['to_value'])} "
        f"({_signed(everyone['change'])}{_interval(everyone, level)})"
    )
    if not math.isnan(panel["change"]):
        line += f" [{_signed(panel['change'])}{_interval(panel, '')}]"
    return line


def _interval(row: pd.Series, level: str) -> str:
    if math.isnan(row["low"]):
        return ""
    return f", {level + ' interval ' if level else ''}{_signed(row['low'])} to {_signed(row['high'])}"


def _tie_lines(comparison: Comparison) -> list[str]:
    changes = comparison.tie_changes
    counts = changes["status"].value_counts()
    by_absent = int(((changes["status"] == DROPPED) & (changes["note"] != "")).sum())
    lines = [
        f"Reported ties: {counts.get(NEW, 0)} new, {counts.get(DROPPED, 0)} dropped"
        + (f' ({by_absent} by sources that did not answer "{comparison.to_round}")' if by_absent else "")
        + f", {counts.get(KEPT, 0)} kept."
    ]
    for row in comparison.qap.itertuples(index=False):
        if not math.isnan(row.correlation):
            p_value = (
                f"QAP p = {row.p_value:.4f}, {row.permutations} permutations"
                if not math.isnan(row.p_value)
                else "no QAP test"
            )
            lines.append(
                f"Tie matrices of the two rounds ({row.basis}, {row.actors} actors): correlation "
                f"{row.correlation:.2f} ({p_value})."
            )
    return lines


def _actor_lines(actors: pd.DataFrame) -> list[str]:
    lines = []
    for measure, label in (("degree", "partners"), ("brokerage", "brokered two-paths")):
        gained, lost = biggest_changes(actors, measure)
        parts = []
        if len(gained):
            parts.append(
                "gained most "
                + ", ".join(
                    f"{row.actor_id} ({_signed(getattr(row, f'{measure}_change'))})" for row in gained.itertuples()
                )
            )
        if len(lost):
            parts.append(
                "lost most "
                + ", ".join(
                    f"{row.actor_id} ({_signed(getattr(row, f'{measure}_change'))})" for row in lost.itertuples()
                )
            )
        if parts:
            lines.append(f"{label.capitalize()}: {'; '.join(parts)}.")
    return lines


def _names(names: list[str]) -> str:
    if len(names) > LISTED_KPIS:
        return f"{', '.join(names[:LISTED_KPIS])} and {len(names) - LISTED_KPIS} more"
    return ", ".join(names)


def _count(value: float) -> str:
    return f"{value:.0f}"


def _number(value: float) -> str:
    if math.isnan(value):
        return "blank"
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _signed(value: float) -> str:
    if math.isnan(value):
        return "blank"
    return ("+" if value > 0 else "") + _number(value)
