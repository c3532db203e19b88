"""Static snapshots of the map for slides and print: PNG, SVG or PDF, and a strip of rounds side by side.

A snapshot draws what the app's Map page draws, with matplotlib (Agg canvas, no pyplot): every
actor where ``stable_layout`` puts it, nodes coloured and sized as :func:`map_style` says, ties
coloured by trust (``trust_color``), as wide as ``edge_width`` makes them, dashed when the partner
did not confirm them and arrowed when ties are directed (reciprocal arcs curve apart, as in the
app). Sizes are kept in proportion to the layout: a node is as large, relative to the distances
between actors, as in the app. A legend (``legend_items``), a title and a caption with the
selection, the numbers of actors and ties and the response rate complete it.

The round strip draws each round of the survey (baseline | midterm | endline) in one figure, with
the same positions, colours and size scale in every panel, so that a tie gained or lost shows as a
line appearing or vanishing between actors who stay put.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Hashable, Iterable, Mapping

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import ArrowStyle, FancyArrowPatch

from clusternet.analysis import Analysis
from clusternet.export.figures import PNG_DPI, figure_bytes, new_figure, render_settings
from clusternet.export.map_style import COLOR_BY, SIZE_BY, MapStyle, map_style
from clusternet.export.view import ExportView
from clusternet.graph import UNCONFIRMABLE, UNCONFIRMED, python_value
from clusternet.viz.network_map import DEFAULT_NODE_SIZE_PX, LARGE_MAP_EDGES
from clusternet.viz.styles import (
    LegendItem,
    blend,
    category_colors,
    category_label,
    edge_width,
    legend_items,
    node_sizes,
    trust_color,
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


# --- the map ---------------------------------------------------------------------------------


def map_figure(
    view: ExportView,
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
    view: ExportView,
    fmt: str = "png",
    *,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    show_labels: bool | None = None,
    dpi: int = PNG_DPI,
) -> bytes:
    """The selection's map as a PNG, SVG or PDF file's bytes (``fmt``), with legend, title and caption.

    ``title`` defaults to ``"<round>: <relations>"``, as in the app; in an anonymised view any
    actor id or name in it is replaced by its code. ``color_by``, ``size_by``: as on the Map page.
    ``show_labels`` None names the actors when there are at most ``LABELS_UP_TO``. ``dpi``: pixels
    per inch of a PNG (the map is 12 x 7.5 inches).
    """
    title = view.scrub(view.title if title is None else title)
    return figure_bytes(lambda: _map_figure(view, title, color_by, size_by, show_labels), fmt, title=title, dpi=dpi)


def _map_figure(view: ExportView, title: str | None, color_by: str, size_by: str, show_labels: bool | None) -> Figure:
    title = view.scrub(view.title if title is None else title)
    style = map_style(view, color_by=color_by, size_by=size_by)
    graph = view.analysis.graph
    figure = new_figure(*MAP_SIZE_IN)
    axes = figure.add_axes((0.01, 0.07, 0.75, 0.84))
    legend_axes = figure.add_axes((0.775, 0.07, 0.215, 0.84))
    figure.text(0.012, 0.955, title, fontsize=16, fontweight="bold", color=TEXT_COLOR, va="center")
    draw_network(
        axes, graph, view.positions, style, show_labels=style.show_labels if show_labels is None else show_labels
    )
    draw_legend(legend_axes, map_legend(graph, style))
    figure.text(0.012, 0.03, caption(view, view.analysis, style), fontsize=9, color="#555555", va="center")
    return figure


def caption(view: ExportView, analysis: Analysis, style: MapStyle | None = None) -> str:
    """``Round endline · all relations · reported ties · 383 ties among 66 actors · response rate 89%``."""
    network = dict(zip(analysis.network["metric"], analysis.network["value"]))
    text = (
        f"{view.describe_selection(analysis)} · {int(network['ties'])} ties among {int(network['actors'])} "
        f"actors · response rate {network['response_rate']:.0%}"
    )
    if style is not None:
        text += f" · node size: {style.size_title}"
    return text + (" · names replaced by codes" if view.anonymized else "")


def map_legend(graph: nx.Graph, style: MapStyle) -> list[LegendItem]:
    """The app's legend for this map: the groups present, size, trust scale, dashes and arrows."""
    colors = _colors_by_label(style)
    present = {category_label(python_value(value)) for value in style.groups.values()}
    shown = {label: color for label, color in colors.items() if label in present}  # the app's order
    return legend_items(shown, group_title=style.color_by, directed=graph.is_directed(), size_title=style.size_title)


def _colors_by_label(style: MapStyle) -> dict[str, str]:
    """Colour by the label a group is shown with: the style's colours, then colours for any group they lack."""
    colors: dict[str, str] = {}
    for value, color in style.group_colors.items():
        colors.setdefault(category_label(value), color)
    for value, color in category_colors(style.groups.values()).items():
        colors.setdefault(category_label(value), color)
    return colors


# --- drawing ---------------------------------------------------------------------------------


def layout_bounds(positions: Mapping[Hashable, tuple[float, float]]) -> tuple[float, float, float, float]:
    """``(left, right, top, bottom)`` of every position, with room for the largest node and a label."""
    if not positions:
        return -100.0, 100.0, -100.0, 100.0
    points = np.array(list(positions.values()), dtype=float)
    left, top = points.min(axis=0) - MARGIN_PX
    right, bottom = points.max(axis=0) + MARGIN_PX
    return float(left), float(right), float(top), float(bottom)


def fit_axes(axes, bounds: tuple[float, float, float, float]) -> float:
    """Set the axes to show ``bounds`` (layout pixels, y downwards) at one scale on both axes, centred;
    return the points per layout pixel."""
    figure_width, figure_height = axes.figure.get_size_inches()
    box = axes.get_position()
    width_pt, height_pt = box.width * figure_width * 72, box.height * figure_height * 72
    left, right, top, bottom = bounds
    scale = min(width_pt / max(right - left, 1e-9), height_pt / max(bottom - top, 1e-9))
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    half_width, half_height = width_pt / scale / 2, height_pt / scale / 2
    axes.set_xlim(centre_x - half_width, centre_x + half_width)
    axes.set_ylim(centre_y + half_height, centre_y - half_height)
    axes.set_axis_off()
    return scale


def draw_network(
    axes,
    graph: nx.Graph,
    positions: Mapping[Hashable, tuple[float, float]],
    style: MapStyle,
    *,
    show_labels: bool,
    bounds: tuple[float, float, float, float] | None = None,
) -> None:
    """Draw ``graph`` on ``axes`` as the app draws it: ties first, then nodes, then labels."""
    scale = fit_axes(axes, bounds or layout_bounds(positions))
    radius = {node: float(style.sizes.get(node) or DEFAULT_NODE_SIZE_PX) for node in graph}
    draw_ties(axes, graph, positions, radius, scale)
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


def _node_colors(graph: nx.Graph, style: MapStyle) -> dict[Hashable, str]:
    colors = _colors_by_label(style)
    return {node: colors[category_label(python_value(style.groups.get(node)))] for node in graph}


def draw_ties(axes, graph: nx.Graph, positions: Mapping, radius: Mapping, scale: float, color_of=None) -> None:
    """Ties coloured by trust (or by ``color_of(data)``), dashed when unconfirmed, arrowed when directed.

    Directed maps of up to ``LARGE_MAP_EDGES`` ties get curved arcs with arrow heads, each ending at
    its node's border; larger maps get straight lines (as the app does).
    """
    color_of = color_of or (lambda data: trust_color(python_value(data.get("trust"))))
    ties = list(graph.edges(data=True))
    if not ties:
        return
    if graph.is_directed() and len(ties) <= LARGE_MAP_EDGES:
        for source, target, data in ties:
            width_px = edge_width(python_value(data.get("weight")))
            head = (10 + 5 * width_px) * ARROW_SCALE * scale
            start, end = _trimmed_arc(
                positions[source], positions[target], radius[source], radius[target] + 0.5 / scale
            )
            axes.add_patch(
                FancyArrowPatch(
                    start,
                    end,
                    connectionstyle=f"arc3,rad={CURVE}",
                    arrowstyle=ArrowStyle("-|>", head_length=head, head_width=head * 0.6),
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
            linewidths=[edge_width(python_value(data.get("weight"))) * scale for _, _, data in ties],
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
    axes, items: list[LegendItem], *, across: bool = False, wrap: int = 32, fontsize: float = 8.5, rows: int = 6
) -> None:
    """The legend in ``axes``: one block per section, stacked downwards (or side by side, ``across``,
    each section in columns of at most ``rows`` entries)."""
    axes.set_axis_off()
    renderer = axes.figure.canvas.get_renderer()
    axes_box = axes.get_window_extent(renderer)
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
        box = legend.get_window_extent(renderer)
        if across:
            x += (box.width + 14) / max(axes_box.width, 1)
        else:
            y -= (box.height + 6) / max(axes_box.height, 1)


# --- the round strip -------------------------------------------------------------------------


def round_strip_figure(
    view: ExportView,
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
    view: ExportView,
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
    title = view.scrub(_strip_title(view) if title is None else title)
    return figure_bytes(
        lambda: _round_strip_figure(view, rounds, title, color_by, size_by, show_labels), fmt, title=title, dpi=dpi
    )


def _strip_title(view: ExportView) -> str:
    selection = view.selection
    relations = ", ".join(selection.relations) if selection.relations else "all relations"
    return "The cluster over the rounds" + ("" if relations == "all relations" else f": {relations}")


def _round_strip_figure(
    view: ExportView, rounds: list[str] | None, title: str | None, color_by: str, size_by: str, show_labels: bool | None
) -> Figure:
    rounds = rounds or view.survey.round_labels
    for label in rounds:
        view.survey.check_round(label)
    rounds = [label for label in view.survey.round_labels if label in set(rounds)]
    title = view.scrub(_strip_title(view) if title is None else title)
    analyses = [view.round_analysis(label) for label in rounds]
    sizes = _common_sizes(view, analyses, size_by)
    styles = [
        map_style(view, analysis, color_by=color_by, size_by=size_by, size_values=sizes[label])
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
        heading = label + (f"  ({date:%b %Y})" if date is not None and not _is_missing(date) else "")
        axes.set_title(
            heading + "\n" + _round_figures(analysis), fontsize=11, color=TEXT_COLOR, loc="center", linespacing=1.5
        )
        if index:
            figure.add_artist(Line2D([index * width] * 2, [0.26, 0.86], color="#DDDDDD", linewidth=0.8))
    legend_axes = figure.add_axes((0.01, 0.015, 0.98, 0.19))
    draw_legend(legend_axes, map_legend(analyses[-1].graph, styles[-1]), across=True, wrap=40, fontsize=8, rows=5)
    figure.text(
        0.99,
        0.96,
        view.describe_selection().split(" · ", 1)[1] + (" · names replaced by codes" if view.anonymized else ""),
        fontsize=9,
        color="#555555",
        ha="right",
        va="center",
    )
    return figure


def _is_missing(value: object) -> bool:
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def _round_figures(analysis: Analysis) -> str:
    network = dict(zip(analysis.network["metric"], analysis.network["value"]))
    trust = network.get("mean_trust", math.nan)
    parts = [f"{int(network['ties'])} ties"]
    parts.append(f"mean trust {trust:.1f}" if not math.isnan(trust) else "trust not rated")
    parts.append(f"response {network['response_rate']:.0%}")
    return " · ".join(parts)


def _common_sizes(view: ExportView, analyses: list[Analysis], size_by: str) -> dict[str, dict[Hashable, float]]:
    """Node radii per round on one scale over all rounds, so that a node that grows looks bigger."""
    values = {}
    for analysis in analyses:
        column = analysis.actors[size_by] if size_by in analysis.actors.columns else None
        if column is None:
            return {analysis.selection.round: None for analysis in analyses}
        for actor, value in zip(analysis.actors["actor_id"], column):
            number = python_value(value)
            values[analysis.selection.round, actor] = number if isinstance(number, (int, float)) else None
    radii = node_sizes(values)
    sizes: dict[str, dict[Hashable, float]] = {}
    for (label, actor), radius in radii.items():
        sizes.setdefault(label, {})[actor] = radius
    return sizes
