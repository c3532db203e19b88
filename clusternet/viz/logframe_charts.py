"""The Logframe page's pictures: one small chart per indicator with its target, and the actions on the
time line of the rounds.

Altair specifications built from ``logframe.csv`` (:meth:`clusternet.view.View.logframe_table`) and the
facilitation log; their words are messages rendered by ``text``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import altair as alt
import pandas as pd

from clusternet.messages import ENGLISH, Message, message

ROUND_AXIS = message("chart.logframe.round_axis", "round")
VALUE_AXIS = message("chart.logframe.value_axis", "value")
TARGET = message("chart.logframe.target", "target")
DATE_AXIS = message("chart.logframe.date_axis", "date")
KIND_AXIS = message("chart.logframe.kind_axis", "kind of action")
CHART_WIDTH, CHART_HEIGHT = 200, 200
TITLE_WIDTH = 28
"""Characters per line of a small chart's title, the indicator's name, so that it is read whole."""
TIMELINE_HEIGHT = 220


def indicator_chart(
    rows: pd.DataFrame, rounds: list[str], text: Callable[[Message], str] = ENGLISH.render
) -> alt.LayerChart:
    """One indicator's value per round (``rows``: its rows of ``logframe.csv``) with its target as a
    dashed rule, titled by the indicator's name."""
    values = rows.loc[rows["value"].notna(), ["round", "value"]]
    round_scale = alt.Scale(domain=rounds)
    line = (
        alt.Chart(values)
        .mark_line(point=True)
        .encode(
            x=alt.X("round:N", sort=rounds, scale=round_scale, title=text(ROUND_AXIS()), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=text(VALUE_AXIS())),
            tooltip=[alt.Tooltip("round:N"), alt.Tooltip("value:Q", format=".3g")],
        )
    )
    target = rows["target"].dropna()
    layers: list[alt.Chart] = [line]
    if len(target):
        layers.append(
            alt.Chart(pd.DataFrame({"target": [float(target.iloc[0])], "label": [text(TARGET())]}))
            .mark_rule(strokeDash=[4, 3], color="#d55e00")
            .encode(y="target:Q", tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("target:Q", format=".3g")])
        )
    title = textwrap.wrap(str(rows["name"].iloc[0]), TITLE_WIDTH) if len(rows) else [""]
    return alt.LayerChart(
        layer=layers, width=CHART_WIDTH, height=CHART_HEIGHT, title=alt.TitleParams(title, fontSize=13)
    )


def action_timeline(
    actions: pd.DataFrame, survey_rounds: pd.DataFrame, text: Callable[[Message], str] = ENGLISH.render
) -> alt.LayerChart:
    """The actions as points on a time line (one row per kind), the survey rounds as vertical rules."""
    points = actions.assign(date=pd.to_datetime(actions["date"]))[["action_id", "date", "kind", "status", "title"]]
    chart = (
        alt.Chart(points)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("date:T", title=text(DATE_AXIS())),
            y=alt.Y("kind:N", title=text(KIND_AXIS())),
            shape=alt.Shape("status:N"),
            tooltip=["action_id:N", "date:T", "kind:N", "status:N", "title:N"],
        )
    )
    dated = survey_rounds.loc[survey_rounds["date"].notna(), ["round", "date"]]
    rules = (
        alt.Chart(dated).mark_rule(color="#555555", strokeDash=[2, 2]).encode(x="date:T", tooltip=["round:N", "date:T"])
    )
    labels = (
        alt.Chart(dated)
        .mark_text(align="left", dx=3, dy=-6, color="#333333")
        .encode(x="date:T", y=alt.value(0), text="round:N")
    )
    return alt.LayerChart(layer=[rules, labels, chart], height=TIMELINE_HEIGHT)
