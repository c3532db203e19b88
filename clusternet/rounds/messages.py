"""Key messages for a workshop: the few headline changes of a programme, one sentence each."""

from __future__ import annotations

import math
import numbers

import pandas as pd

from clusternet.kpis import DOWN, KPI_BY_CODE, UP
from clusternet.messages import Message, Template, message

ONE_DECIMAL = message("round.value.one_decimal", "{value:.1f}")
SHARE = message("round.value.share", "{value:.0%}")
COUNT = message("round.value.count", "{value:.0f}")
SIGNED_INDEX = message("round.value.signed_index", "{value:+.2f}")

HEADLINES = {
    "mean_trust": ONE_DECIMAL,
    "high_trust_share": SHARE,
    "firms_in_joint_action": COUNT,
    "firm_institution_linkage": SHARE,
    "ei_index": SIGNED_INDEX,
    "brokerage_top_share": SHARE,
    "isolates": COUNT,
}
"""The KPIs a workshop hears about (by code, named as :data:`clusternet.kpis.KPIS` names them), with
how each value is written."""

ROSE = message("round.key_message.rose", "{kpi} rose from {before} to {after} ({from_round} → {to_round}).")
FELL = message("round.key_message.fell", "{kpi} fell from {before} to {after} ({from_round} → {to_round}).")
UNCHANGED = message("round.key_message.unchanged", "{kpi} unchanged at {value} ({from_round} → {to_round}).")


def key_messages(series: pd.DataFrame, from_round: str, to_round: str, basis: str = "all") -> list[Message]:
    """One message per headline KPI, from ``from_round`` to ``to_round``, better changes first.

    ``series`` is :func:`clusternet.rounds.kpi_time_series`. A KPI that is blank in either round
    (trust not asked, no joint-action relation) is left out.
    """
    rows = series.loc[series["basis"] == basis].set_index("kpi")
    improved: list[Message] = []
    other: list[Message] = []
    for code, written in HEADLINES.items():
        if code not in rows.index:
            continue
        before, after = _number(rows.at[code, from_round]), _number(rows.at[code, to_round])
        if math.isnan(before) or math.isnan(after):
            continue
        direction = rows.at[code, "good_direction"]
        better = (after > before) if direction == UP else (after < before) if direction == DOWN else False
        headline = _headline(code, written, before, after, from_round, to_round)
        (improved if better else other).append(headline)
    return improved + other


def _number(value: object) -> float:
    """A KPI value of the series as a float; NaN for a blank."""
    return float(value) if isinstance(value, numbers.Real) else math.nan


def _headline(code: str, written: Template, before: float, after: float, from_round: str, to_round: str) -> Message:
    name = KPI_BY_CODE[code].label()
    if after == before:
        return UNCHANGED(kpi=name, value=written(value=before), from_round=from_round, to_round=to_round)
    change = ROSE if after > before else FELL
    return change(
        kpi=name, before=written(value=before), after=written(value=after), from_round=from_round, to_round=to_round
    )
