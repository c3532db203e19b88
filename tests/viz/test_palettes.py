"""Palettes: no node colour is a tie colour, the change map's ties are no type's colour, a gradient
darkens or lightens steadily, and a numeric attribute is drawn as one."""

import numpy as np
import pytest

from app_pages.map_view import CHANGE_COLORS
from clusternet import load_survey
from clusternet.graph import Selection
from clusternet.view import view_of
from clusternet.viz.map_style import map_style
from clusternet.viz.styles import (
    CATEGORY_PALETTE,
    GRADIENT,
    MIN_NODE_TIE_DISTANCE,
    NEUTRAL_TIE_COLOR,
    OKABE_ITO,
    TRUST_COLORS,
    UNKNOWN_COLOR,
    UNRATED_COLOR,
    gradient_color,
    gradient_colors,
    gradient_legend,
    legend_items,
    trust_color,
)
from tests.conftest import SAMPLE_WORKBOOK


def lab(color: str) -> np.ndarray:
    """CIE L*a*b* (D65) of an sRGB colour ``#RRGGBB``."""
    rgb = np.array([int(color[index : index + 2], 16) / 255 for index in (1, 3, 5)])
    linear = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    scaled = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(scaled > 0.008856, np.cbrt(scaled), 7.787 * scaled + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def distance(one: str, other: str) -> float:
    return float(np.linalg.norm(lab(one) - lab(other)))


TIE_COLORS = [trust_color(rating / 4) for rating in range(4, 21)] + [UNRATED_COLOR, NEUTRAL_TIE_COLOR]
"""Every trust colour from 1 to 5 in quarter steps, unrated and anonymised ties."""

NODE_COLORS = [*CATEGORY_PALETTE, UNKNOWN_COLOR] + [gradient_color(step, 0, 20) for step in range(21)]


def test_the_lab_helper_matches_known_values():
    assert lab("#FFFFFF") == pytest.approx([100, 0, 0], abs=0.05)
    assert lab("#000000") == pytest.approx([0, 0, 0], abs=0.01)
    assert distance("#FF0000", "#FF0000") == 0


@pytest.mark.parametrize("node", NODE_COLORS)
def test_no_node_colour_is_near_a_tie_colour(node):
    closest = min(distance(node, tie) for tie in TIE_COLORS)
    assert closest >= MIN_NODE_TIE_DISTANCE, f"{node} is {closest:.1f} from a tie colour"


def test_change_map_ties_are_no_types_colour_and_differ_in_lightness():
    for change in CHANGE_COLORS.values():
        assert min(distance(change, node) for node in OKABE_ITO) >= MIN_NODE_TIE_DISTANCE
    lightness = sorted(lab(color)[0] for color in CHANGE_COLORS.values())
    assert np.diff(lightness).min() > 20  # new, dropped and kept read apart in grey too


def test_trust_darkens_steadily_from_no_trust_to_full_trust():
    lightness = [lab(trust_color(rating / 4))[0] for rating in range(4, 21)]
    assert all(np.diff(lightness) < 0)
    assert list(TRUST_COLORS.values()) == [trust_color(rating) for rating in range(1, 6)]


def test_a_gradient_lightens_steadily_from_its_lowest_to_its_highest_value():
    lightness = [lab(gradient_color(value, 10, 30))[0] for value in range(10, 31)]
    assert all(np.diff(lightness) > 0)
    assert gradient_color(10, 10, 30) == GRADIENT[0] and gradient_color(30, 10, 30) == GRADIENT[-1]
    assert gradient_color(5, 10, 30) == GRADIENT[0] and gradient_color(99, 10, 30) == GRADIENT[-1]
    assert gradient_color(20, 10, 30) == GRADIENT[2]
    assert gradient_color(float("nan"), 10, 30) == UNKNOWN_COLOR


def test_gradient_colours_and_their_legend_scale():
    colors, scale = gradient_colors([2, 6, None, 2])
    assert colors == {2: GRADIENT[0], 6: GRADIENT[-1], None: UNKNOWN_COLOR} and scale == (2.0, 6.0)
    assert gradient_colors([None]) == ({None: UNKNOWN_COLOR}, None)
    assert [(item.label, item.color) for item in gradient_legend("looms", 2, 6)] == list(
        zip(["2", "3", "4", "5", "6"], GRADIENT)
    )
    items = legend_items({"2": GRADIENT[0], "6": GRADIENT[-1]}, group_title="looms", color_scale=(2, 6))
    assert [item.label for item in items if item.section == "looms"] == ["2", "3", "4", "5", "6"]
    assert all(item.group == "" for item in items)  # a scale's entries toggle nothing


def test_a_numeric_attribute_is_a_gradient_and_community_stays_categories():
    view = view_of(load_survey(SAMPLE_WORKBOOK), Selection())
    looms = map_style(view, color_by="looms")
    values = view.survey.actors["looms"].dropna()
    assert looms.color_scale == (float(values.min()), float(values.max()))
    assert looms.group_colors[values.min()] == GRADIENT[0] and looms.group_colors[values.max()] == GRADIENT[-1]
    assert map_style(view, color_by="community").color_scale is None
    assert map_style(view, color_by="type").color_scale is None
