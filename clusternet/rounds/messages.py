"""Key messages for a workshop: the few headline changes of a programme, in plain sentences."""

from __future__ import annotations

import math

import pandas as pd

HEADLINES = {
    "mean_trust": ("Mean trust", "{:.1f}"),
    "high_trust_share": ("Ratings of high trust (4-5)", "{:.0%}"),
    "firms_in_joint_action": ("Firms in at least one joint action", "{:.0f}"),
    "firm_institution_linkage": ("Firms tied to a support institution", "{:.0%}"),
    "ei_index": ("Reach across groups (E-I index)", "{:+.2f}"),
    "brokerage_top_share": ("Brokerage held by the top broker", "{:.0%}"),
    "isolates": ("Actors with no tie", "{:.0f}"),
}
"""The KPIs a workshop hears about, with how each is named and written."""


def key_messages(series: pd.DataFrame, from_round: str, to_round: str, basis: str = "all") -> list[str]:
    """One sentence per headline KPI, from ``from_round`` to ``to_round``, better changes first.

    ``series`` is :func:`clusternet.rounds.kpi_time_series`. A KPI that is blank in either round
    (trust not asked, no joint-action relation) is left out.
    """
    rows = series.loc[series["basis"] == basis].set_index("kpi")
    messages = []
    for kpi, (name, number) in HEADLINES.items():
        if kpi not in rows.index:
            continue
        before, after = rows.loc[kpi, from_round], rows.loc[kpi, to_round]
        if any(value is None or (isinstance(value, float) and math.isnan(value)) for value in (before, after)):
            continue
        direction = rows.loc[kpi, "good_direction"]
        improved = (after > before) if direction == "up" else (after < before) if direction == "down" else None
        verb = "unchanged at" if after == before else "rose from" if after > before else "fell from"
        text = f"{name} {verb} {number.format(before)}" + ("" if after == before else f" to {number.format(after)}")
        messages.append((0 if improved else 1, f"{text} ({from_round} → {to_round})."))
    return [text for _, text in sorted(messages, key=lambda item: item[0])]
