"""A comparison of rounds in a few lines for people: what changed, and how sure we are.

:func:`comparison_text` returns one :class:`~clusternet.messages.Message` per line; the caller
renders them for its audience (names or codes, a language) and prints one a line.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import pandas as pd

from clusternet.kpis import NEITHER
from clusternet.messages import Actor, Message, message
from clusternet.rounds.changes import DROPPED, KEPT, NEW, biggest_changes
from clusternet.rounds.comparison import BETTER, NO_CLEAR_CHANGE, WORSE, Comparison
from clusternet.rounds.panel import ALL, PANEL
from clusternet.rounds.wording import one_after_another

LISTED_KPIS = 12
"""How many KPIs a line of the summary lists before it says "and N more"."""

HEADER = message(
    "round.summary.header",
    '"{from_round}" -> "{to_round}": {actors:.0f} actors on the roster; {from_respondents:.0f} answered '
    '"{from_round}", {to_respondents:.0f} "{to_round}", {panel} both (the panel).',
)
SETTINGS_WITH_INTERVALS = message(
    "round.summary.settings",
    "Tie mode {ties}; relations: {relations}; groups: {group_by}; {level:.0%} intervals from {resamples} "
    "bootstrap resamples of actors (seed {seed}).",
)
SETTINGS_WITHOUT_INTERVALS = message(
    "round.summary.settings_without_intervals",
    "Tie mode {ties}; relations: {relations}; groups: {group_by}; no intervals.",
)
ALL_RELATIONS = message("round.summary.all_relations", "all")
CHANGES_WITHOUT_INTERVALS = message(
    "round.summary.changes_without_intervals", "Changes (all actors; the panel in brackets), without intervals:"
)
CLEARLY = {
    BETTER: message("round.summary.clearly_better", "Clearly better (all actors; the panel in brackets):"),
    WORSE: message("round.summary.clearly_worse", "Clearly worse (all actors; the panel in brackets):"),
}
NONE_CLEARLY = {
    BETTER: message("round.summary.clearly_better_none", "Clearly better: none."),
    WORSE: message("round.summary.clearly_worse_none", "Clearly worse: none."),
}
NO_CLEAR_CHANGE_IN = message("round.summary.no_clear_change", "No clear change: {kpis}.")
NO_CLEAR_CHANGE_NONE = message("round.summary.no_clear_change_none", "No clear change: none.")
MORE_KPIS = message("round.summary.more_kpis", "{kpis} and {count} more")
PANEL_DISAGREES = message(
    "round.summary.panel_disagrees",
    "The panel reads differently on {kpis}: turnover or non-response may drive the change on all actors.",
)
CHANGE = message("round.summary.change", "  {kpi}: {before} -> {after} ({change})")
CHANGE_WITH_PANEL = message("round.summary.change_with_panel", "  {kpi}: {before} -> {after} ({change}) [{panel}]")
CHANGE_WITH_INTERVAL = message("round.summary.change_with_interval", "{change}, {level:.0%} interval {low} to {high}")
PANEL_CHANGE_WITH_INTERVAL = message("round.summary.panel_change_with_interval", "{change}, {low} to {high}")
TIES = message("round.summary.ties", "Reported ties: {new} new, {dropped} dropped, {kept} kept.")
TIES_DROPPED_BY_ABSENT = message(
    "round.summary.ties_dropped_by_absent",
    'Reported ties: {new} new, {dropped} dropped ({absent} by sources that did not answer "{to_round}"), {kept} kept.',
)
QAP = message(
    "round.summary.qap",
    "Tie matrices of the two rounds ({basis}, {actors} actors): correlation {correlation:.2f} ({test}).",
)
QAP_TEST = message("round.summary.qap_test", "QAP p = {p_value:.4f}, {permutations} permutations")
NO_QAP_TEST = message("round.summary.no_qap_test", "no QAP test")
ACTOR_CHANGE = message("round.summary.actor_change", "{actor} ({change})")
ACTOR_LINES = {
    "degree": message("round.summary.partners", "Partners: {changes}."),
    "brokerage": message("round.summary.brokerage", "Brokered two-paths: {changes}."),
}
"""The actor measures whose biggest changes the summary names, with their line."""
GAINED = message("round.summary.gained", "gained most {actors}")
LOST = message("round.summary.lost", "lost most {actors}")
GAINED_AND_LOST = message("round.summary.gained_and_lost", "gained most {gained}; lost most {lost}")
NOTES = message("round.summary.notes", "Notes:")
NOTE = message("round.summary.note", "- {note}")

BLANK = message("round.value.blank", "blank")
WHOLE = message("round.value.whole", "{value:,.0f}")
FIGURE = message("round.value.figure", "{value:.3g}")
SIGNED_WHOLE = message("round.value.signed_whole", "{value:+,.0f}")
SIGNED_FIGURE = message("round.value.signed_figure", "{value:+.3g}")


def comparison_text(comparison: Comparison) -> list[Message]:
    """A short summary of ``comparison``, one message a line: response, clear changes with intervals,
    ties, who gained, notes.

    Changes are on all actors, with the panel's in brackets. A change is "clear" when its interval
    excludes 0; "better" and "worse" follow each KPI's good direction. KPIs are named by code, as
    in ``kpis.csv``; actors are :class:`~clusternet.messages.Actor` parameters.
    """
    kpis = comparison.kpis
    everyone = kpis[kpis["basis"] == ALL].set_index("kpi")
    panel = kpis[kpis["basis"] == PANEL].set_index("kpi")
    relations: str | Message = ", ".join(comparison.relations) if comparison.relations else ALL_RELATIONS()
    settings = {"ties": comparison.ties, "relations": relations, "group_by": comparison.group_by}
    lines = [
        HEADER(
            from_round=comparison.from_round,
            to_round=comparison.to_round,
            actors=_float(everyone.at["actors", "from_value"]),
            from_respondents=_float(everyone.at["respondents", "from_value"]),
            to_respondents=_float(everyone.at["respondents", "to_value"]),
            panel=len(comparison.panel),
        ),
        SETTINGS_WITH_INTERVALS(
            **settings, level=comparison.level, resamples=comparison.resamples, seed=comparison.seed
        )
        if comparison.resamples
        else SETTINGS_WITHOUT_INTERVALS(**settings),
    ]
    outcomes = everyone["good_direction"] != NEITHER
    if comparison.resamples:
        for verdict in (BETTER, WORSE):
            changed = list(everyone.index[everyone["assessment"] == verdict])
            lines.append(CLEARLY[verdict]() if changed else NONE_CLEARLY[verdict]())
            lines += [_change_line(code, everyone.loc[code], panel.loc[code], comparison.level) for code in changed]
        unclear = list(everyone.index[outcomes & (everyone["assessment"] == NO_CLEAR_CHANGE)])
        lines.append(NO_CLEAR_CHANGE_IN(kpis=_codes(unclear)) if unclear else NO_CLEAR_CHANGE_NONE())
    else:
        lines.append(CHANGES_WITHOUT_INTERVALS())
        lines += [
            _change_line(code, everyone.loc[code], panel.loc[code], comparison.level)
            for code in everyone.index[outcomes & everyone["change"].notna()]
        ]
    disagree = [
        code
        for code in everyone.index
        if everyone.at[code, "assessment"]
        and panel.at[code, "assessment"]
        and str(everyone.at[code, "assessment"]) != str(panel.at[code, "assessment"])
    ]
    if disagree:
        lines.append(PANEL_DISAGREES(kpis=_codes(disagree)))
    lines += [*_tie_lines(comparison), *_actor_lines(comparison.actor_changes)]
    if comparison.notes:
        lines += [NOTES(), *(NOTE(note=note) for note in comparison.notes)]
    return lines


def _change_line(code: str, everyone: pd.Series[Any], panel: pd.Series[Any], level: float) -> Message:
    change = _signed(everyone["change"])
    if not math.isnan(everyone["low"]):
        change = CHANGE_WITH_INTERVAL(
            change=change, level=level, low=_signed(everyone["low"]), high=_signed(everyone["high"])
        )
    before, after = _number(everyone["from_value"]), _number(everyone["to_value"])
    if math.isnan(panel["change"]):
        return CHANGE(kpi=code, before=before, after=after, change=change)
    panel_change = _signed(panel["change"])
    if not math.isnan(panel["low"]):
        panel_change = PANEL_CHANGE_WITH_INTERVAL(
            change=panel_change, low=_signed(panel["low"]), high=_signed(panel["high"])
        )
    return CHANGE_WITH_PANEL(kpi=code, before=before, after=after, change=change, panel=panel_change)


def _tie_lines(comparison: Comparison) -> list[Message]:
    changes = comparison.tie_changes
    counts = changes["status"].value_counts()
    new, dropped, kept = (int(counts.get(status, 0)) for status in (NEW, DROPPED, KEPT))
    # a dropped tie has a note when its source did not answer the later round
    by_absent = int(((changes["status"] == DROPPED) & changes["note"].map(bool)).sum())
    lines = [
        TIES_DROPPED_BY_ABSENT(new=new, dropped=dropped, absent=by_absent, to_round=comparison.to_round, kept=kept)
        if by_absent
        else TIES(new=new, dropped=dropped, kept=kept)
    ]
    for row in comparison.qap.to_dict("records"):
        correlation, p_value = float(row["correlation"]), float(row["p_value"])
        if not math.isnan(correlation):
            test = (
                QAP_TEST(p_value=p_value, permutations=int(row["permutations"]))
                if not math.isnan(p_value)
                else NO_QAP_TEST()
            )
            lines.append(QAP(basis=str(row["basis"]), actors=int(row["actors"]), correlation=correlation, test=test))
    return lines


def _actor_lines(actors: pd.DataFrame) -> list[Message]:
    """Who gained and who lost most on each measure of ``ACTOR_LINES``; no line when nobody changed."""
    lines = []
    for measure, line in ACTOR_LINES.items():
        gained, lost = (_actor_changes(table, measure) for table in biggest_changes(actors, measure))
        if gained and lost:
            lines.append(line(changes=GAINED_AND_LOST(gained=gained, lost=lost)))
        elif gained:
            lines.append(line(changes=GAINED(actors=gained)))
        elif lost:
            lines.append(line(changes=LOST(actors=lost)))
    return lines


def _actor_changes(table: pd.DataFrame, measure: str) -> Message | None:
    """``A (+3), B (+2)``: each actor of ``table`` with its change on ``measure``; None for no actor."""
    changes = [
        ACTOR_CHANGE(actor=Actor(str(actor)), change=_signed(change))
        for actor, change in zip(table["actor_id"], table[f"{measure}_change"])
    ]
    return one_after_another(changes) if changes else None


def _codes(codes: list[str]) -> str | Message:
    if len(codes) > LISTED_KPIS:
        return MORE_KPIS(kpis=", ".join(codes[:LISTED_KPIS]), count=len(codes) - LISTED_KPIS)
    return ", ".join(codes)


def _number(value: float) -> Message:
    if math.isnan(value):
        return BLANK()
    if float(value).is_integer() or abs(value) >= 100:
        return WHOLE(value=float(value))
    return FIGURE(value=float(value))


def _signed(value: float) -> Message:
    if math.isnan(value):
        return BLANK()
    if value <= 0:
        return _number(value)
    return (SIGNED_WHOLE if float(value).is_integer() or value >= 100 else SIGNED_FIGURE)(value=float(value))


def _float(value: object) -> float:
    """A count or value of the KPI table as a float; NaN for a blank."""
    return float(value) if isinstance(value, numbers.Real) else math.nan
