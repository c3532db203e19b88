"""Static snapshots of the map for slides and print: PNG, SVG or PDF, and a strip of rounds side by side.

A snapshot draws what the app's Map page draws, with matplotlib (Agg canvas, no pyplot): every
actor where ``stable_layout`` puts it, nodes coloured and sized as :func:`map_style` says, ties
coloured by trust (``tie_color``; one neutral colour when anonymised, see ``MapStyle.tie_trust``),
as wide as ``edge_width`` makes them, dashed when the partner did not confirm them and arrowed when
ties are directed (reciprocal arcs curve apart, as in the app). Sizes are kept in proportion to the
layout: a node is as large, relative to the distances between actors, as in the app. A legend
(``legend_items``), a title and a caption with the selection, the numbers of actors and ties and the
response rate complete it. With the default colour and size (by an attribute, by a degree) a map
reads all it draws off the selection's graph (:func:`drawn_map`): it computes no other measure.

What the page shows beyond its style comes as a :class:`~clusternet.viz.map_style.MapScope`, as on
the Map page: only the actors its filter keeps (or a highlighted actor's neighbourhood), framed to fit
them, and the highlighted actors' ego networks standing out while the rest fades, as in the app.
Labels are drawn where they fit: in order of priority (the highlighted actors, then the largest
nodes), a label that would overlap one already drawn is left out (``labels_that_fit``).

The round strip draws each round of the survey (baseline | midterm | endline) in one figure, with
the same positions, colours and size scale in every panel, so that a tie gained or lost shows as a
line appearing or vanishing between actors who stay put.

Labels, legend, title and caption come from the :class:`~clusternet.view.View`: names or codes, and
every text a message written in the view's language.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from clusternet.analysis import Analysis
from clusternet.export.figures import PNG_DPI, figure_bytes, new_figure, render_settings
from clusternet.graph import UNCONFIRMABLE, UNCONFIRMED, build_graph, python_value
from clusternet.messages import Message, message
from clusternet.metrics.cohesion import cohesion_measures
from clusternet.view import ALL_RELATIONS, View
from clusternet.viz.layout import labels_that_fit
from clusternet.viz.map_style import (
    COLOR_BY,
    SIZE_BY,
    MapScope,
    MapStyle,
    map_style,
    neighbourhood,
    picture_style,
    reads_graph_only,
)
from clusternet.viz.network_map import DEFAULT_NODE_SIZE_PX, FADE_SHARE, LARGE_MAP_EDGES
from clusternet.viz.styles import (
    UNKNOWN_COLOR,
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

LABEL_POINTS = (7.0, 9.0)
"""Smallest and largest label, in points: 7 points is 14.6 pixels of a PNG at ``PNG_DPI``."""
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
    show_labels: bool = True,
    scope: MapScope | None = None,
) -> Figure:
    """The selection's map as a matplotlib figure (for a notebook; exports use :func:`map_image`)."""
    with matplotlib.rc_context(render_settings()):
        return _map_figure(view, title, color_by, size_by, show_labels, scope or MapScope())


def map_image(
    view: View,
    fmt: str = "png",
    *,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    show_labels: bool = True,
    scope: MapScope | None = None,
    dpi: int = PNG_DPI,
) -> bytes:
    """The selection's map as a PNG, SVG or PDF file's bytes (``fmt``), with legend, title and caption.

    ``title`` defaults to ``"<round>: <relations>"``, as in the app (a title given is drawn as
    written, and goes into the file's metadata). ``color_by``, ``size_by`` and ``scope`` (actors
    filtered, highlighted, neighbourhood only): as on the Map page. ``show_labels`` False draws no
    names; True those that fit. ``dpi``: pixels per inch of a PNG (the map is 12 x 7.5 inches).
    """
    shown = view.title if title is None else title
    return figure_bytes(
        lambda: _map_figure(view, shown, color_by, size_by, show_labels, scope or MapScope()), fmt, title=shown, dpi=dpi
    )


def _map_figure(
    view: View, title: str | None, color_by: str, size_by: str, show_labels: bool, scope: MapScope
) -> Figure:
    title = view.title if title is None else title
    graph, style, figures = drawn_map(view, color_by, size_by, scope)
    figure = new_figure(*MAP_SIZE_IN)
    axes = figure.add_axes((0.01, 0.07, 0.75, 0.84))
    legend_axes = figure.add_axes((0.775, 0.07, 0.215, 0.84))
    figure.text(0.012, 0.955, title, fontsize=16, fontweight="bold", color=TEXT_COLOR, va="center")
    draw_network(
        axes,
        graph,
        view.positions,
        style,
        show_labels=show_labels,
        bounds=layout_bounds({node: view.positions[node] for node in graph}),
        highlight=scope.highlight,
    )
    draw_legend(legend_axes, map_legend(graph, style, view.text))
    figure.text(0.012, 0.03, caption(view, figures, style), fontsize=9, color="#555555", va="center")
    return figure


def drawn_map(
    view: View, color_by: str, size_by: str, scope: MapScope
) -> tuple[nx.Graph[str], MapStyle, Mapping[str, float]]:
    """What a map picture draws: the scope's part of the selection's graph, its style, and the
    whole-network figures of its caption.

    Coloured by an attribute and sized by a degree (the default ``type`` and ``degree``), without a
    filter, all three are read off the selection's graph, built without any measure
    (:func:`picture_style`, :func:`graph_figures`): a picture of a large network then computes no
    betweenness, communities or brokerage, and anonymised no release of trust figures. Otherwise they
    come from the view's analysis.
    """
    if scope.actor_filter is None and reads_graph_only(view, color_by, size_by):
        whole = build_graph(view.survey, view.selection)
        style = picture_style(view, whole, color_by=color_by, size_by=size_by)
        return scope.part(whole), style, graph_figures(whole)
    style = map_style(view, color_by=color_by, size_by=size_by)
    return scope.graph(view), style, view.analysis.network_values


def graph_figures(graph: nx.Graph[str]) -> dict[str, float]:
    """The caption's figures of the selection's ``graph``, as ``network.csv`` has them: ``actors``,
    ``ties`` (both :func:`~clusternet.metrics.cohesion.cohesion_measures`', as their KPIs take them)
    and ``response_rate`` (the actors marked ``respondent`` over all), each NaN without actors."""
    cohesion = cohesion_measures(graph)
    actors = int(cohesion["actors"])
    if not actors:
        return dict.fromkeys(("actors", "ties", "response_rate"), math.nan)
    respondents = sum(1 for _, answered in graph.nodes(data="respondent") if answered)
    return {"actors": actors, "ties": cohesion["ties"], "response_rate": respondents / actors}


def caption(view: View, figures: Mapping[str, float], style: MapStyle | None = None) -> str:
    """``Round endline · all relations · reported ties · 383 ties among 66 actors · response rate 89%``
    (then what node size shows, and that names are codes when anonymised); ``figures``: the view's
    whole-network measures (``analysis.network_values``, or :func:`graph_figures`)."""
    written: Message = CAPTION(
        selection=view.selection_message(),
        ties=int(figures["ties"]),
        actors=int(figures["actors"]),
        response_rate=float(figures["response_rate"]),
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
    present = {category_label(python_value(style.groups.get(node))) for node in graph}
    shown = {label: color for label, color in colors.items() if label in present}  # the app's order
    return legend_items(
        shown,
        group_title=style.color_by,
        directed=graph.is_directed(),
        size_title=style.size_title,
        tie_trust=style.tie_trust,
        color_scale=style.color_scale,
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
    highlight: Collection[str] = (),
) -> None:
    """Draw ``graph`` on ``axes`` as the app draws it: ties first, then nodes, then the labels that fit.

    With ``highlight``, what lies outside the highlighted actors' ego network fades (as in the app)
    and the highlighted actors get a black border.
    """
    scale = fit_axes(axes, bounds or layout_bounds(positions))
    radius = {node: float(style.sizes.get(node) or DEFAULT_NODE_SIZE_PX) for node in graph}
    centres = {node for node in highlight if node in graph}
    emphasised = neighbourhood(graph, centres, 1) if highlight else set(graph)

    def tie_shade(source: str, target: str, data: Mapping[str, Any]) -> str:
        color = tie_color(data, tie_trust=style.tie_trust)
        return color if source in emphasised and target in emphasised else blend(color, _WHITE, FADE_SHARE)

    draw_ties(axes, graph, positions, radius, scale, tie_shade)
    colors = _node_colors(graph, style)
    # faded first, so that the ego network lies on top
    nodes = sorted(graph, key=lambda node: node in emphasised)
    if nodes:
        xy = np.array([positions[node] for node in nodes], dtype=float)
        fill = [colors[node] if node in emphasised else blend(colors[node], _WHITE, FADE_SHARE) for node in nodes]
        border = [_border(colors[node]) for node in nodes]
        axes.scatter(
            xy[:, 0],
            xy[:, 1],
            s=[(2 * radius[node] * scale) ** 2 for node in nodes],
            c=fill,
            edgecolors=[
                _BLACK if node in centres else color if node in emphasised else blend(color, _WHITE, FADE_SHARE)
                for node, color in zip(nodes, border)
            ],
            linewidths=[max(0.3, scale) * (3 if node in centres else 1) for node in nodes],
            zorder=3,
        )
    if show_labels:
        _draw_labels(axes, graph, positions, style, radius, scale, centres, emphasised)


def _border(color: str) -> str:
    """A node's border: its colour darkened (more for a white, unknown one, to show the dot)."""
    return blend(color, _BLACK, 0.55 if color == UNKNOWN_COLOR else 0.35)


def _draw_labels(
    axes: Axes,
    graph: nx.Graph[str],
    positions: Mapping[str, tuple[float, float]],
    style: MapStyle,
    radius: Mapping[str, float],
    scale: float,
    centres: Collection[str],
    emphasised: Collection[str],
) -> None:
    """The labels that fit, in the app's order of priority: highlighted actors, their partners, the
    largest nodes; each below its node, or else above, right or left of it (``labels_that_fit`` on
    their boxes, measured with the figure's renderer)."""
    size = min(max(FONT_PX * scale, LABEL_POINTS[0]), LABEL_POINTS[1])
    renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    font = FontProperties(family=matplotlib.rcParams["font.family"], size=size)
    points_to_pixels = axes.figure.dpi / 72
    boxes: dict[str, list[tuple[float, float, float, float]]] = {}
    for node in graph:
        width, height, _ = renderer.get_text_width_height_descent(style.labels[node], font, ismath=False)
        x, y = axes.transData.transform(positions[node])
        gap = (radius[node] + 2) * scale * points_to_pixels
        # in display pixels, y upwards; as boxes whose y runs downwards: below, above, right, left of the node
        middle = -y - height / 2 - 1
        boxes[node] = [
            (x - width / 2 - 2, -y + gap, x + width / 2 + 2, -y + gap + height + 2),
            (x - width / 2 - 2, -y - gap - height - 2, x + width / 2 + 2, -y - gap),
            (x + gap, middle, x + gap + width + 4, middle + height + 2),
            (x - gap - width - 4, middle, x - gap, middle + height + 2),
        ]
    order = sorted(
        graph, key=lambda node: (node not in centres, node not in emphasised, -radius[node], str(style.labels[node]))
    )
    # a light box rather than the app's white outline: an outline turns text into paths in SVG
    # and PDF, where it should stay text (editable, searchable, readable aloud)
    backing = {"boxstyle": "round,pad=0.08", "facecolor": _WHITE, "alpha": 0.6, "edgecolor": "none"}
    offset = {0: (0.0, 1.0), 1: (0.0, -1.0), 2: (1.0, 0.0), 3: (-1.0, 0.0)}
    alignment = {0: ("center", "top"), 1: ("center", "bottom"), 2: ("left", "center"), 3: ("right", "center")}
    for node, place in labels_that_fit(boxes, order).items():
        x, y = positions[node]
        away = radius[node] + 2
        axes.text(
            x + offset[place][0] * away,
            y + offset[place][1] * away,
            style.labels[node],
            fontproperties=font,
            color=TEXT_COLOR if node in emphasised else blend(TEXT_COLOR, _WHITE, FADE_SHARE),
            ha=alignment[place][0],
            va=alignment[place][1],
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
    color_of: Callable[[str, str, Mapping[str, Any]], str] | None = None,
) -> None:
    """Ties coloured by trust (or by ``color_of(source, target, data)``), dashed when unconfirmed,
    arrowed when directed.

    Directed maps of up to ``LARGE_MAP_EDGES`` ties get curved arcs with arrow heads, each ending at
    its node's border; larger maps get straight lines (as the app does).
    """
    color_of = color_of or (lambda _source, _target, data: tie_color(data))
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
                    color=color_of(source, target, data),
                    zorder=2,
                    linestyle=DASH_PATTERN if data.get("status") in (UNCONFIRMED, UNCONFIRMABLE) else "solid",
                )
            )
        return
    segments = [(positions[source], positions[target]) for source, target, _ in ties]
    axes.add_collection(
        LineCollection(
            segments,
            colors=[color_of(source, target, data) for source, target, data in ties],
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
    scope: MapScope | None = None,
) -> Figure:
    """Every round side by side (for a notebook; exports use :func:`round_strip_image`)."""
    with matplotlib.rc_context(render_settings()):
        return _round_strip_figure(view, rounds, title, color_by, size_by, show_labels, scope or MapScope())


def round_strip_image(
    view: View,
    fmt: str = "png",
    *,
    rounds: list[str] | None = None,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    show_labels: bool | None = None,
    scope: MapScope | None = None,
    dpi: int = PNG_DPI,
) -> bytes:
    """The maps of ``rounds`` (default: every round, in date order) side by side, as PNG, SVG or PDF.

    Each panel is the view's selection (relations, tie mode, trust floor) in one round, at the same
    positions, with the same colours and one node-size scale over all panels. Its heading gives the
    round, its date and its ties, mean trust and response rate. ``show_labels`` None names the
    actors (those that fit) when there are at most ``STRIP_LABELS_UP_TO``. ``scope``: as on the Map
    page, applied to each round (its filter, highlight and neighbourhood), framed over all rounds.
    """
    shown = _strip_title(view) if title is None else title
    return figure_bytes(
        lambda: _round_strip_figure(view, rounds, shown, color_by, size_by, show_labels, scope or MapScope()),
        fmt,
        title=shown,
        dpi=dpi,
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
    view: View,
    rounds: list[str] | None,
    title: str | None,
    color_by: str,
    size_by: str,
    show_labels: bool | None,
    scope: MapScope,
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
    graphs = [scope.graph(view, analysis) for analysis in analyses]
    bounds = layout_bounds({node: view.positions[node] for graph in graphs for node in graph})
    dates = dict(zip(view.survey.rounds["round"], view.survey.rounds["date"]))
    width = 1.0 / len(rounds)
    for index, (label, analysis, graph, style) in enumerate(zip(rounds, analyses, graphs, styles)):
        axes = figure.add_axes((index * width + 0.005, 0.25, width - 0.01, 0.6))
        draw_network(
            axes, graph, view.positions, style, show_labels=labels_shown, bounds=bounds, highlight=scope.highlight
        )
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
    draw_legend(legend_axes, map_legend(graphs[-1], styles[-1], view.text), across=True, wrap=40, fontsize=8, rows=5)
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
