"""Small multiples of the KPIs over rounds: one small line chart per KPI, each on the axis of its scale.

One chart for every KPI would draw shares (0 to 1), mean trust (1 to 5) and counts (0 to hundreds) on
one axis, flattening all but the largest. Here each KPI has its own chart, its axis that of its scale
(:mod:`clusternet.rounds.scales`): shares from 0 to 100 %, trust over the whole rating scale, the E-I
index from -1 to +1, counts from 0 up to the largest value. Fixed ranges keep a small change small:
mean trust moving from 2.5 to 2.6 does not fill the chart.

Charts are Altair specifications built from the KPI series (:func:`clusternet.rounds.kpi_time_series`,
or :attr:`clusternet.view.View.kpi_series`); their words are messages rendered by ``text``.
"""

from __future__ import annotations

import math
import numbers
import textwrap
from collections.abc import Callable, Sequence

import altair as alt
import pandas as pd

from clusternet.kpis import KPI_BY_CODE
from clusternet.messages import ENGLISH, Message, message
from clusternet.rounds.scales import scale_of

ROUND_AXIS = message("chart.kpi.round_axis", "round")
CHART_WIDTH, CHART_HEIGHT = 200, 230
"""The size of one small chart in pixels, title and axes included (the page stretches its width to its column)."""
SUBTITLE_WIDTH = 34
"""Characters per line of a chart's subtitle, the KPI's meaning, so that it fits a small chart."""


def kpi_chart(
    series: pd.DataFrame,
    code: str,
    rounds: Sequence[str],
    text: Callable[[Message], str] = ENGLISH.render,
) -> alt.Chart:
    """The chart of the KPI ``code`` over ``rounds``, from ``series`` (one basis: one row per KPI,
    one column per round, as :func:`~clusternet.rounds.kpi_time_series` gives after choosing a basis).

    Titled with the KPI's name, its meaning (the series' ``meaning``, a message or already rendered) a
    subtitle; the value axis is that of the KPI's scale. A blank round (trust not asked there) has no
    point, rather than a 0.
    """
    row = series.loc[series["kpi"] == code]
    if row.empty:
        raise KeyError(f'no KPI "{code}" in the series; it has {", ".join(series["kpi"])}')
    scale = scale_of(code)
    values = [_number(row.iloc[0][label]) for label in rounds]
    data = pd.DataFrame({"round": list(rounds), "value": values})
    domain = _domain(scale.low, scale.high, values)
    meaning = row.iloc[0]["meaning"]
    meaning = meaning if isinstance(meaning, str) else text(meaning)
    x = alt.X("round:N", sort=list(rounds), title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y(
        "value:Q",
        title=text(scale.axis_title()),
        scale=alt.Scale(domain=domain, nice=False),
        axis=alt.Axis(format=scale.axis_format, tickCount=4),
    )
    tooltip = [alt.Tooltip("round:N", title=text(ROUND_AXIS())), alt.Tooltip("value:Q", format=".3g")]
    chart: alt.Chart = (
        alt.Chart(data.dropna())
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=50))
        .encode(x=x, y=y, tooltip=tooltip)
        .properties(
            title=alt.TitleParams(
                text(KPI_BY_CODE[code].label()),
                subtitle=textwrap.wrap(meaning, SUBTITLE_WIDTH),
                anchor="start",
                fontSize=13,
                subtitleFontSize=11,
            ),
            width=CHART_WIDTH,
            height=CHART_HEIGHT,
            autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        )
    )
    return chart


def _domain(low: float | None, high: float | None, values: Sequence[float]) -> list[float]:
    """The value axis: the scale's fixed range, or up to the largest value (at least 1) for counts."""
    shown = [value for value in values if not math.isnan(value)]
    top = high if high is not None else max([1.0, *shown])
    bottom = low if low is not None else min([0.0, *shown])
    return [float(bottom), float(top)]


def _number(value: object) -> float:
    """A value of the series as a float; NaN for a blank."""
    return float(value) if isinstance(value, numbers.Real) else math.nan
