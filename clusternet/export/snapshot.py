"""Static snapshots of the map for slides and print: PNG, SVG or PDF, and a strip of rounds side by side.

A snapshot draws what the app's Map page draws, with matplotlib (Agg canvas, no pyplot): every
actor where ``stable_layout`` puts it, nodes coloured and sized as :func:`map_style` says, ties
coloured by trust (``tie_color``; one neutral colour when anonymised, see ``MapStyle.tie_trust``),
as wide as ``edge_width`` makes them, dashed when the partner did not confirm them and arrowed when
ties are directed (reciprocal arcs curve apart, as in the app). Sizes are kept in proportion to the
layout: a node is as large, relative to the distances between actors, as in the app. A legend
(``legend_items``), a title and a caption with the selection, the numbers of actors and ties and the
response rate complete it.

The round strip draws each round of the survey (baseline | midterm | endline) in one figure, with
the same positions, colours and size scale in every panel, so that a tie gained or lost shows as a
line appearing or vanishing between actors who stay put.

Labels, legend, title and caption come from the :class:`~clusternet.view.View`: names or codes, and
every text a message written in the view's language.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from clusternet.analysis import Analysis
from clusternet.export.figures import PNG_DPI, figure_bytes, new_figure, render_settings
from clusternet.graph import UNCONFIRMABLE, UNCONFIRMED, python_value
from clusternet.messages import Message, message
from clusternet.view import ALL_RELATIONS, View
from clusternet.viz.map_style import COLOR_BY, SIZE_BY, MapStyle, map_style
from clusternet.viz.network_map import DEFAULT_NODE_SIZE_PX, LARGE_MAP_EDGES
from clusternet.viz.styles import (
    LegendItem,
    Render,
    as_number,
    blend,
    category_colors,
    category_label,
    edge_width,
    legend_items,
    node_sizes,
    tie_color,
)

MAP_SIZE_IN = (12.0, 7.5)
"""Width and height of a map snapshot in inches: 16:10, fits a slide and an A4 page across."""

STRIP_PANEL_IN = (5.0, 6.4)
"""Width of one round's panel and the height of the round strip, in inches."""

STRIP_LABELS_UP_TO = 40
"""The round strip names the actors only up to this many (its panels are small)."""

CURVE = -0.12
"""Bend of directed ties, as a share of their length (vis-network's ``curvedCW``, roundness 0.12)."""

ARROW_SCALE = 0.35
"""Arrow head length per unit of vis-network's arrow size (the app uses 0.5 on a map it shows zoomed
out; 0.35 gives heads of the same look on a snapshot)."""

DASH_PATTERN = (0, (4.0, 3.0))
FONT_PX = 12.0
"""Label size of the app's map, in layout pixels; a snapshot keeps it in proportion within bounds."""

LABEL_POINTS = (4.5, 9.0)
MARGIN_PX = 45.0
TEXT_COLOR = "#222222"
_BLACK, _WHITE = "#000000", "#FFFFFF"

CAPTION = message(
    "snapshot.caption", "{selection} · {ties} ties among {actors} actors · response rate {response_rate:.0%}"
)
CAPTION_NODE_SIZE = message("snapshot.caption.node_size", "{caption} · node size: {size}")
CAPTION_ANONYMISED = message("snapshot.caption.anonymised", "{caption} · names replaced by codes")
STRIP_TITLE = message("snapshot.strip.title", "The cluster over the rounds")
STRIP_TITLE_RELATIONS = message("snapshot.strip.title.relations", "The cluster over the rounds: {relations}")
STRIP_HEADING = message("snapshot.strip.heading", "{round}")
STRIP_HEADING_DATED = message("snapshot.strip.heading.dated", "{round}  ({date})")
STRIP_FIGURES = message("snapshot.strip.figures", "{ties} ties · mean trust {trust:.1f} · response {response_rate:.0%}")
STRIP_FIGURES_UNRATED = message(
    "snapshot.strip.figures.unrated", "{ties} ties · trust not rated · response {response_rate:.0%}"
)
STRIP_SELECTION = message("snapshot.strip.selection", "{relations} · {ties} ties")
STRIP_SELECTION_FLOOR = message(
    "snapshot.strip.selection.trust_floor", "{relations} · {ties} ties · trust ≥ {min_trust}"
)


# --- the map ---------------------------------------------------------------------------------


def map_figure(
    view: View,
    *,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    show_labels: bool | None = None,
) -> Figure:
    """The selection's map as a matplotlib figure (for a notebook; exports use :func:`map_image`)."""
    with matplotlib.rc_context(render_settings()):
        return _map_figure(view, title, color_by, size_by, show_labels)


def map_image(
    view: View,
    fmt: str = "png",
    *,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    show_labels: bool | None = None,
    dpi: int = PNG_DPI,
) -> bytes:
    """The selection's map as a PNG, SVG or PDF file's bytes (``fmt``), with legend, title and caption.

    ``title`` defaults to ``"<round>: <relations>"``, as in the app (a title given is drawn as
    written, and goes into the file's metadata). ``color_by``, ``size_by``: as on the Map page.
    ``show_labels`` None names the actors when there are at most ``LABELS_UP_TO``. ``dpi``: pixels
    per inch of a PNG (the map is 12 x 7.5 inches).
    """
    shown = view.title if title is None else title
    return figure_bytes(lambda: _map_figure(view, shown, color_by, size_by, show_labels), fmt, title=shown, dpi=dpi)


def _map_figure(view: View, title: str | None, color_by: str, size_by: str, show_labels: bool | None) -> Figure:
    title = view.title if title is None else title
    style = map_style(view, color_by=color_by, size_by=size_by)
    graph = view.analysis.graph
    figure = new_figure(*MAP_SIZE_IN)
    axes = figure.add_axes((0.01, 0.07, 0.75, 0.84))
    legend_axes = figure.add_axes((0.775, 0.07, 0.215, 0.84))
    figure.text(0.012, 0.955, title, fontsize=16, fontweight="bold", color=TEXT_COLOR, va="center")
    draw_network(
        axes, graph, view.positions, style, show_labels=style.show_labels if show_labels is None else show_labels
    )
    draw_legend(legend_axes, map_legend(graph, style, view.text))
    figure.text(0.012, 0.03, caption(view, view.analysis, style), fontsize=9, color="#555555", va="center")
    return figure


def caption(view: View, analysis: Analysis, style: MapStyle | None = None) -> str:
    """``Round endline · all relations · reported ties · 383 ties among 66 actors · response rate 89%``
    (then what node size shows, and that names are codes when anonymised)."""
    network = analysis.network_values
    written: Message = CAPTION(
        selection=view.selection_message(analysis),
        ties=int(network["ties"]),
        actors=int(network["actors"]),
        response_rate=float(network["response_rate"]),
    )
    if style is not None:
        written = CAPTION_NODE_SIZE(caption=written, size=style.size_title)
    if view.anonymized:
        written = CAPTION_ANONYMISED(caption=written)
    return view.text(written)


def map_legend(graph: nx.Graph[str], style: MapStyle, text: Render) -> list[LegendItem]:
    """The app's legend for this map: the groups present, size, trust scale (or, anonymised, why ties are
    not coloured by trust), dashes and arrows."""
    colors = _colors_by_label(style)
    present = {category_label(python_value(value)) for value in style.groups.values()}
    shown = {label: color for label, color in colors.items() if label in present}  # the app's order
    return legend_items(
        shown,
        group_title=style.color_by,
        directed=graph.is_directed(),
        size_title=style.size_title,
        tie_trust=style.tie_trust,
        text=text,
    )


def _colors_by_label(style: MapStyle) -> dict[str, str]:
    """Colour by the label a group is shown with: the style's colours, then colours for any group they lack."""
    colors: dict[str, str] = {}
    for value, color in style.group_colors.items():
        colors.setdefault(category_label(value), color)
    for value, color in category_colors(style.groups.values()).items():
        colors.setdefault(category_label(value), color)
    return colors


# --- drawing ---------------------------------------------------------------------------------


def layout_bounds(positions: Mapping[str, tuple[float, float]]) -> tuple[float, float, float, float]:
    """``(left, right, top, bottom)`` of every position, with room for the largest node and a label."""
    if not positions:
        return -100.0, 100.0, -100.0, 100.0
    points = np.array(list(positions.values()), dtype=float)
    left, top = points.min(axis=0) - MARGIN_PX
    right, bottom = points.max(axis=0) + MARGIN_PX
    return float(left), float(right), float(top), float(bottom)


def fit_axes(axes: Axes, bounds: tuple[float, float, float, float]) -> float:
    """Set the axes to show ``bounds`` (layout pixels, y downwards) at one scale on both axes, centred;
    return the points per layout pixel."""
    box = axes.get_window_extent()  # in pixels of the figure's dpi
    width_pt, height_pt = box.width * 72 / axes.figure.dpi, box.height * 72 / axes.figure.dpi
    left, right, top, bottom = bounds
    scale = min(width_pt / max(right - left, 1e-9), height_pt / max(bottom - top, 1e-9))
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    half_width, half_height = width_pt / scale / 2, height_pt / scale / 2
    axes.set_xlim(centre_x - half_width, centre_x + half_width)
    axes.set_ylim(centre_y + half_height, centre_y - half_height)
    axes.set_axis_off()
    return float(scale)


def draw_network(
    axes: Axes,
    graph: nx.Graph[str],
    positions: Mapping[str, tuple[float, float]],
    style: MapStyle,
    *,
    show_labels: bool,
    bounds: tuple[float, float, float, float] | None = None,
) -> None:
    """Draw ``graph`` on ``axes`` as the app draws it: ties first, then nodes, then labels."""
    scale = fit_axes(axes, bounds or layout_bounds(positions))
    radius = {node: float(style.sizes.get(node) or DEFAULT_NODE_SIZE_PX) for node in graph}
    draw_ties(axes, graph, positions, radius, scale, lambda data: tie_color(data, tie_trust=style.tie_trust))
    colors = _node_colors(graph, style)
    nodes = list(graph)
    if nodes:
        xy = np.array([positions[node] for node in nodes], dtype=float)
        axes.scatter(
            xy[:, 0],
            xy[:, 1],
            s=[(2 * radius[node] * scale) ** 2 for node in nodes],
            c=[colors[node] for node in nodes],
            edgecolors=[blend(colors[node], _BLACK, 0.35) for node in nodes],
            linewidths=max(0.3, scale),
            zorder=3,
        )
    if show_labels:
        size = min(max(FONT_PX * scale, LABEL_POINTS[0]), LABEL_POINTS[1])
        # a light box rather than the app's white outline: an outline turns text into paths in SVG
        # and PDF, where it should stay text (editable, searchable, readable aloud)
        backing = {"boxstyle": "round,pad=0.08", "facecolor": _WHITE, "alpha": 0.6, "edgecolor": "none"}
        for node in nodes:
            x, y = positions[node]
            axes.text(
                x,
                y + radius[node] + 2,
                style.labels[node],
                fontsize=size,
                color=TEXT_COLOR,
                ha="center",
                va="top",
                zorder=4,
                bbox=backing,
                clip_on=True,
            )


def _node_colors(graph: nx.Graph[str], style: MapStyle) -> dict[str, str]:
    colors = _colors_by_label(style)
    return {node: colors[category_label(python_value(style.groups.get(node)))] for node in graph}


def draw_ties(
    axes: Axes,
    graph: nx.Graph[str],
    positions: Mapping[str, tuple[float, float]],
    radius: Mapping[str, float],
    scale: float,
    color_of: Callable[[Mapping[str, Any]], str] | None = None,
) -> None:
    """Ties coloured by trust (or by ``color_of(data)``), dashed when unconfirmed, arrowed when directed.

    Directed maps of up to ``LARGE_MAP_EDGES`` ties get curved arcs with arrow heads, each ending at
    its node's border; larger maps get straight lines (as the app does).
    """
    color_of = color_of or tie_color
    ties = list(graph.edges(data=True))
    if not ties:
        return
    if graph.is_directed() and len(ties) <= LARGE_MAP_EDGES:
        for source, target, data in ties:
            width_px = edge_width(data.get("weight"))
            head = (10 + 5 * width_px) * ARROW_SCALE * scale
            start, end = _trimmed_arc(
                positions[source], positions[target], radius[source], radius[target] + 0.5 / scale
            )
            axes.add_patch(
                FancyArrowPatch(
                    start,
                    end,
                    connectionstyle=f"arc3,rad={CURVE}",
                    arrowstyle=f"-|>,head_length={head},head_width={head * 0.6}",
                    shrinkA=0,
                    shrinkB=0,
                    linewidth=width_px * scale,
                    color=color_of(data),
                    zorder=2,
                    linestyle=DASH_PATTERN if data.get("status") in (UNCONFIRMED, UNCONFIRMABLE) else "solid",
                )
            )
        return
    segments = [(positions[source], positions[target]) for source, target, _ in ties]
    axes.add_collection(
        LineCollection(
            segments,
            colors=[color_of(data) for _, _, data in ties],
            linewidths=[edge_width(data.get("weight")) * scale for _, _, data in ties],
            linestyles=[
                DASH_PATTERN if data.get("status") in (UNCONFIRMED, UNCONFIRMABLE) else "solid" for _, _, data in ties
            ],
            zorder=2,
            capstyle="round",
        )
    )


def _trimmed_arc(
    start: tuple[float, float], end: tuple[float, float], start_cut: float, end_cut: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The ends of an arc from ``start`` to ``end`` moved inwards by the two nodes' radii, along the
    directions in which the arc leaves and enters them.

    matplotlib can trim an arc itself (``shrinkA``/``shrinkB``), but by bisecting the curve, which
    takes most of the drawing time of a map; the arc's bend is small, so moving the ends along its
    tangents lands them on the node borders as well.
    """
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    # arc3's control point in layout coordinates (y downwards, as the axes are inverted)
    control = ((x1 + x2) / 2 - CURVE * dy, (y1 + y2) / 2 + CURVE * dx)

    def moved(point: tuple[float, float], cut: float) -> tuple[float, float]:
        towards = (control[0] - point[0], control[1] - point[1])
        length = math.hypot(*towards)
        if length < 1e-9:
            return point
        return point[0] + towards[0] / length * cut, point[1] + towards[1] / length * cut

    if math.hypot(dx, dy) <= start_cut + end_cut:
        return start, end
    return moved(start, start_cut), moved(end, end_cut)


# --- legend ----------------------------------------------------------------------------------


def _handle(item: LegendItem) -> Line2D:
    if item.mark == "dot":
        return Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=8,
            markerfacecolor=item.color,
            markeredgecolor=blend(item.color, _BLACK, 0.35),
        )
    if item.mark == "dashed":
        return Line2D([], [], color=item.color, linewidth=1.8, linestyle=(0, (3, 2)))
    if item.mark == "arrow":
        return Line2D([], [], color=item.color, linewidth=1.4, marker=">", markersize=6)
    return Line2D([], [], color=item.color, linewidth=3)


def _sections(items: Iterable[LegendItem]) -> list[tuple[str, list[LegendItem]]]:
    sections: list[tuple[str, list[LegendItem]]] = []
    for item in items:
        if not sections or sections[-1][0] != item.section:
            sections.append((item.section, []))
        sections[-1][1].append(item)
    return sections


def draw_legend(
    axes: Axes, items: list[LegendItem], *, across: bool = False, wrap: int = 32, fontsize: float = 8.5, rows: int = 6
) -> None:
    """The legend in ``axes``: one block per section, stacked downwards (or side by side, ``across``,
    each section in columns of at most ``rows`` entries)."""
    axes.set_axis_off()
    axes_box = axes.get_window_extent()
    x, y = 0.0, 1.0
    for section, entries in _sections(items):
        legend = axes.legend(
            [_handle(item) for item in entries],
            [textwrap.fill(item.label, wrap) for item in entries],
            title=section,
            title_fontproperties={"weight": "bold", "size": fontsize + 0.5},
            alignment="left",
            loc="upper left",
            bbox_to_anchor=(x, y),
            frameon=False,
            fontsize=fontsize,
            handlelength=2.2,
            borderaxespad=0.0,
            borderpad=0.2,
            labelspacing=0.35,
            ncols=math.ceil(len(entries) / rows) if across else 1,
            columnspacing=1.2,
        )
        axes.add_artist(legend)
        box = legend.get_window_extent()
        if across:
            x += (box.width + 14) / max(axes_box.width, 1)
        else:
            y -= (box.height + 6) / max(axes_box.height, 1)


# --- the round strip -------------------------------------------------------------------------


def round_strip_figure(
    view: View,
    *,
    rounds: list[str] | None = None,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    show_labels: bool | None = None,
) -> Figure:
    """Every round side by side (for a notebook; exports use :func:`round_strip_image`)."""
    with matplotlib.rc_context(render_settings()):
        return _round_strip_figure(view, rounds, title, color_by, size_by, show_labels)


def round_strip_image(
    view: View,
    fmt: str = "png",
    *,
    rounds: list[str] | None = None,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    show_labels: bool | None = None,
    dpi: int = PNG_DPI,
) -> bytes:
    """The maps of ``rounds`` (default: every round, in date order) side by side, as PNG, SVG or PDF.

    Each panel is the view's selection (relations, tie mode, trust floor) in one round, at the same
    positions, with the same colours and one node-size scale over all panels. Its heading gives the
    round, its date and its ties, mean trust and response rate. ``show_labels`` None names the
    actors when there are at most ``STRIP_LABELS_UP_TO``.
    """
    shown = _strip_title(view) if title is None else title
    return figure_bytes(
        lambda: _round_strip_figure(view, rounds, shown, color_by, size_by, show_labels), fmt, title=shown, dpi=dpi
    )


def _strip_title(view: View) -> str:
    relations = view.selection.relations
    return view.text(STRIP_TITLE_RELATIONS(relations=", ".join(relations)) if relations else STRIP_TITLE())


def _strip_selection(view: View) -> str:
    """What the strip shows of every round: ``all relations · reported ties`` (and the trust floor)."""
    selection = view.selection
    relations: str | Message = ", ".join(selection.relations) if selection.relations else ALL_RELATIONS()
    described = (
        STRIP_SELECTION_FLOOR(relations=relations, ties=selection.ties, min_trust=selection.min_trust)
        if selection.min_trust
        else STRIP_SELECTION(relations=relations, ties=selection.ties)
    )
    return view.text(CAPTION_ANONYMISED(caption=described) if view.anonymized else described)


def _round_strip_figure(
    view: View, rounds: list[str] | None, title: str | None, color_by: str, size_by: str, show_labels: bool | None
) -> Figure:
    rounds = rounds or view.survey.round_labels
    for label in rounds:
        view.survey.check_round(label)
    rounds = [label for label in view.survey.round_labels if label in set(rounds)]
    title = _strip_title(view) if title is None else title
    analyses = [view.round_analysis(label) for label in rounds]
    sizes = _common_sizes(analyses, size_by)
    styles = [
        map_style(view, analysis, color_by=color_by, size_by=size_by, size_values=sizes.get(label))
        for label, analysis in zip(rounds, analyses)
    ]
    labels_shown = (len(view.survey.actors) <= STRIP_LABELS_UP_TO) if show_labels is None else show_labels

    figure = new_figure(STRIP_PANEL_IN[0] * len(rounds), STRIP_PANEL_IN[1])
    figure.text(0.01, 0.96, title, fontsize=16, fontweight="bold", color=TEXT_COLOR, va="center")
    bounds = layout_bounds(view.positions)
    dates = dict(zip(view.survey.rounds["round"], view.survey.rounds["date"]))
    width = 1.0 / len(rounds)
    for index, (label, analysis, style) in enumerate(zip(rounds, analyses, styles)):
        axes = figure.add_axes((index * width + 0.005, 0.25, width - 0.01, 0.6))
        draw_network(axes, analysis.graph, view.positions, style, show_labels=labels_shown, bounds=bounds)
        date = dates.get(label)
        heading = (
            STRIP_HEADING_DATED(round=label, date=f"{date:%b %Y}")
            if isinstance(date, pd.Timestamp) and not pd.isna(date)
            else STRIP_HEADING(round=label)
        )
        axes.set_title(
            view.text(heading) + "\n" + _round_figures(view, analysis),
            fontsize=11,
            color=TEXT_COLOR,
            loc="center",
            linespacing=1.5,
        )
        if index:
            figure.add_artist(Line2D([index * width] * 2, [0.26, 0.86], color="#DDDDDD", linewidth=0.8))
    legend_axes = figure.add_axes((0.01, 0.015, 0.98, 0.19))
    draw_legend(
        legend_axes, map_legend(analyses[-1].graph, styles[-1], view.text), across=True, wrap=40, fontsize=8, rows=5
    )
    figure.text(
        0.99,
        0.96,
        _strip_selection(view),
        fontsize=9,
        color="#555555",
        ha="right",
        va="center",
    )
    return figure


def _round_figures(view: View, analysis: Analysis) -> str:
    network = analysis.network_values
    trust = float(network.get("mean_trust", math.nan))
    ties, response_rate = int(network["ties"]), float(network["response_rate"])
    if math.isnan(trust):
        return view.text(STRIP_FIGURES_UNRATED(ties=ties, response_rate=response_rate))
    return view.text(STRIP_FIGURES(ties=ties, trust=trust, response_rate=response_rate))


def _common_sizes(analyses: list[Analysis], size_by: str) -> dict[str, dict[str, float]]:
    """Node radii per round on one scale over all rounds, so that a node that grows looks bigger;
    none when ``size_by`` is not a column (``map_style`` then names the valid ones)."""
    if any(size_by not in analysis.actors.columns for analysis in analyses):
        return {}
    values: dict[tuple[str, str], float | None] = {
        (str(analysis.selection.round), str(actor)): as_number(value)
        for analysis in analyses
        for actor, value in zip(analysis.actors["actor_id"], analysis.actors[size_by])
    }
    sizes: dict[str, dict[str, float]] = {}
    for (label, actor), radius in node_sizes(values).items():
        sizes.setdefault(label, {})[actor] = radius
    return sizes
