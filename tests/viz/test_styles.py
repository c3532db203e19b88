"""Colours, sizes, widths and legend entries of the map."""

import math

import numpy as np
import pandas as pd

from clusternet.viz.styles import (
    CATEGORY_PALETTE,
    OKABE_ITO,
    TRUST_COLORS,
    UNKNOWN_COLOR,
    UNRATED_COLOR,
    LegendItem,
    category_colors,
    category_label,
    edge_width,
    legend_items,
    node_sizes,
    trust_color,
)


def test_categories_get_the_same_colours_whatever_their_order():
    assert category_colors(["firm", "bank", "firm", "ngo"]) == category_colors(["ngo", "firm", "bank"])
    assert category_colors(["bank", "firm", "ngo"]) == dict(zip(["bank", "firm", "ngo"], OKABE_ITO))


def test_missing_and_unknown_categories_are_white():
    colors = category_colors(["firm", None, float("nan"), pd.NA, "", "Unknown"])
    assert colors["firm"] == OKABE_ITO[0]
    assert [colors[value] for value in (None, "", "Unknown")] == [UNKNOWN_COLOR] * 3
    assert category_label(None) == category_label(float("nan")) == category_label("unknown") == "unknown"


def test_numbered_categories_are_ordered_numerically():
    colors = category_colors([10, 2, 1])
    assert list(colors) == [1, 2, 10]
    assert category_label(2.0) == "2"


def test_colours_repeat_beyond_the_palette():
    colors = category_colors([f"group {number:02d}" for number in range(len(CATEGORY_PALETTE) + 1)])
    assert len(set(colors.values())) == len(CATEGORY_PALETTE)
    assert colors["group 16"] == colors["group 00"]


def test_trust_runs_from_red_to_blue_and_unrated_is_light_grey():
    assert trust_color(1) == TRUST_COLORS[1] and trust_color(5) == TRUST_COLORS[5]
    assert trust_color(None) == trust_color(float("nan")) == UNRATED_COLOR
    assert trust_color(0) == TRUST_COLORS[1] and trust_color(9) == TRUST_COLORS[5]


def test_a_mean_trust_between_ratings_mixes_their_colours():
    low, high = TRUST_COLORS[3], TRUST_COLORS[4]
    between = trust_color(3.5)
    for channel in (slice(1, 3), slice(3, 5), slice(5, 7)):
        a, b, c = (int(color[channel], 16) for color in (low, between, high))
        assert min(a, c) <= b <= max(a, c)
    assert between not in (low, high)


def test_tie_width_grows_with_weight_within_bounds():
    assert [edge_width(weight) for weight in (None, 0, 1, 3, 100)] == [1.0, 1.0, 1.0, 2.0, 6.0]
    assert type(edge_width(np.float64(3))) is float


def test_node_sizes_span_the_range_with_area_growing_linearly():
    sizes = node_sizes({"low": 0, "middle": 5, "high": 10}, min_px=10, max_px=20)
    assert sizes["low"] == 10 and sizes["high"] == 20
    assert math.isclose(sizes["middle"] ** 2, (10**2 + 20**2) / 2)


def test_missing_measures_get_the_smallest_size_and_equal_ones_the_middle():
    assert node_sizes({"a": float("nan"), "b": None, "c": 4, "d": 8}, 5, 15)["a"] == 5
    assert node_sizes({"a": 4, "b": 4}, 5, 15) == {"a": 10.0, "b": 10.0}
    assert node_sizes({"a": None}, 5, 15) == {"a": 5.0}


def test_node_sizes_of_a_series_are_plain_floats():
    sizes = node_sizes(pd.Series([1, 3], index=["W01", "W02"], dtype="Int64"))
    assert sizes == {"W01": 8.0, "W02": 30.0}
    assert all(type(size) is float for size in sizes.values())


def test_the_legend_lists_groups_trust_and_line_styles():
    items = legend_items({"firm": "#111111", "unknown": UNKNOWN_COLOR}, group_title="Actor type", directed=True)
    assert items[:2] == [
        LegendItem("Actor type", "firm", "#111111", "dot", group="firm"),
        LegendItem("Actor type", "unknown", UNKNOWN_COLOR, "dot", group="unknown"),
    ]
    trust = [item for item in items if item.section == "Trust"]
    assert [item.label for item in trust] == [
        "1 no trust",
        "2 little trust",
        "3 some trust",
        "4 much trust",
        "5 full trust",
        "not rated",
    ]
    assert [item.mark for item in items if item.section == "Ties"] == ["dashed", "arrow"]


def test_an_undirected_legend_has_no_arrow():
    assert "arrow" not in {item.mark for item in legend_items({"firm": "#111111"})}
