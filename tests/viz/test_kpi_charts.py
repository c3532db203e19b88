"""Small multiples of the KPIs: each chart on the axis of its KPI's scale, its data the series' values."""

import math

import pandas as pd
import pytest

from clusternet.kpis import KPI_BY_CODE
from clusternet.viz.kpi_charts import kpi_chart

ROUNDS = ["r1", "r2", "r3"]
SERIES = pd.DataFrame(
    [
        {"kpi": code, "r1": r1, "r2": r2, "r3": r3, "meaning": KPI_BY_CODE[code].meaning_for("village")}
        for code, r1, r2, r3 in [
            ("mean_trust", 2.5, math.nan, 3.75),
            ("firm_institution_linkage", 0.2, 0.5, 0.8),
            ("joint_action_ties", 1, 40, 112),
            ("isolates", 0, 0, 0),
            ("ei_index", -0.3, 0.0, 0.2),
        ]
    ]
)


def spec(code):
    chart = kpi_chart(SERIES, code, ROUNDS).to_dict()
    return chart, next(iter(chart["datasets"].values()))


@pytest.mark.parametrize(
    ("code", "domain", "axis_format", "axis_title"),
    [
        ("mean_trust", [1.0, 5.0], ".1f", "mean rating (1-5)"),
        ("firm_institution_linkage", [0.0, 1.0], ".0%", "share"),
        ("joint_action_ties", [0.0, 112.0], "d", "count"),
        ("isolates", [0.0, 1.0], "d", "count"),
        ("ei_index", [-1.0, 1.0], "+.1f", "index (-1 to +1)"),
    ],
)
def test_each_kpi_is_drawn_on_the_axis_of_its_scale(code, domain, axis_format, axis_title):
    chart, _ = spec(code)
    y = chart["encoding"]["y"]
    assert y["scale"]["domain"] == domain
    assert (y["axis"]["format"], y["title"]) == (axis_format, axis_title)


def test_a_chart_is_titled_with_the_kpi_and_its_meaning_and_keeps_the_round_order():
    chart, data = spec("ei_index")
    assert chart["title"]["text"] == "Reach across groups (E-I index)"
    assert " ".join(chart["title"]["subtitle"]) == (
        "E-I index by village: -1 every tie inside a group, +1 every tie across groups"
    )
    assert chart["encoding"]["x"]["sort"] == ROUNDS
    assert data == [{"round": "r1", "value": -0.3}, {"round": "r2", "value": 0.0}, {"round": "r3", "value": 0.2}]


def test_a_blank_round_has_no_point_rather_than_a_zero():
    _, data = spec("mean_trust")
    assert data == [{"round": "r1", "value": 2.5}, {"round": "r3", "value": 3.75}]


def test_a_rendered_meaning_is_used_as_it_is():
    rendered = SERIES.assign(meaning=["already rendered"] * len(SERIES))
    assert kpi_chart(rendered, "isolates", ROUNDS).to_dict()["title"]["subtitle"] == ["already rendered"]


def test_a_kpi_missing_from_the_series_is_refused():
    with pytest.raises(KeyError, match='no KPI "ties" in the series'):
        kpi_chart(SERIES, "ties", ROUNDS)
