"""The map of a large network, one node per group (communities, types, villages), with drill-down.

A browser draws a few thousand actors with their ties well; a national programme pooling clusters
has tens of thousands, whose page would weigh tens of megabytes and show a grey disc. Above
``AGGREGATE_ABOVE_ACTORS`` actors the map therefore opens on the *aggregated view*: each group of
actors is one node, sized by its number of actors, and the ties between two groups are one line,
as wide as they are many and coloured by their mean trust. Choosing a group drills down to the
ordinary map of its actors (and, if asked, their partners outside it), at their usual places.

Positions of the ordinary map are always computed in Python (``stable_layout``) and vis-network's
physics is always off, at any size: the default physics needs about 38 s before a 500-actor map
appears and never settles at 5,000.

- :func:`group_graph` builds the aggregated graph (pure: a networkx graph in, one out);
- :func:`group_positions` places its nodes; :func:`aggregated_map_html` draws it offline;
- :func:`drill_down` gives the ties of one group's actors, for :func:`network_map_html`.

Like the ordinary map, the page draws without a view: its title and legend title come written by
the caller, and its labels, tooltips and legend are messages written by the caller's ``text``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from pyvis.network import Network

from clusternet.graph import python_value
from clusternet.messages import ENGLISH, message, plural_message
from clusternet.metrics.adjacency import tie_ends
from clusternet.viz.network_map import (
    FOCUS_MAX_SCALE,
    FONT_FACE,
    LABEL_PX,
    TIE_NOT_RATED,
    TIE_UNDIRECTED,
    _finish_page,
    _static_vis_network,
    _vis_options,
    legend_html,
)
from clusternet.viz.styles import (
    MISSING_COLOR,
    LegendItem,
    Render,
    as_number,
    blend,
    category_colors,
    category_label,
    legend_items,
    trust_color,
)

AGGREGATE_ABOVE_ACTORS = 2000
"""Above this many actors the map opens on the aggregated view. At 2,000 actors (about 8,000 ties)
the ordinary map's page weighs about 3 MB and appears in about a second; at 20,000 it weighs
about 30 MB, which a browser tab and Streamlit's connection handle badly."""

MAX_GROUPS = 60
"""Most groups drawn in the aggregated view; the smallest ones beyond are pooled into one node
(``OTHER_GROUPS``), so that Louvain's many small communities and isolates do not bury the map."""

OTHER_GROUPS = "other groups"
"""The node that pools the smallest groups (its key and ``label`` in :func:`group_graph`; the page
writes it as :data:`OTHER_GROUPS_LABEL`)."""

OTHER_GROUPS_LABEL = message("map.group.other_groups", "other groups")
GROUP_LABEL = message("map.group.label", "{group} ({actors:,})")
GROUP_ACTORS = message("map.group.actors", "actors: {actors:,}")
GROUPS_POOLED = message("map.group.pooled", "{count} smaller groups pooled")
TIES_INSIDE = message("map.group.ties_inside", "ties inside: {ties:,}")
TIES_INSIDE_DENSITY = message(
    "map.group.ties_inside.density", "ties inside: {ties:,} ({density:.1%} of the possible ones)"
)
CHOOSE_GROUP = message("map.group.choose", "choose the group to see its actors")
GROUP_TIES = message("map.group.ties_between", "ties: {ties:,} ({density:.2%} of the possible ones)")
GROUP_TRUST = plural_message(
    "map.group.mean_trust", "mean trust: {trust:.2f} ({count:,} rating)", "mean trust: {trust:.2f} ({count:,} ratings)"
)
LEGEND_SIZE = message("map.legend.size", "Size")
LEGEND_DOT_AREA = message("map.legend.dot_area", "dot area: actors in the group")
LEGEND_LINE_WIDTH = message("map.legend.line_width", "line width: ties between the groups")

GROUP_SIZE_PX = (12.0, 60.0)
"""Radius of the smallest and the largest group; the area grows with the number of actors."""

GROUP_TIE_WIDTH_PX = (1.0, 14.0)
"""Width of the thinnest and the thickest tie between groups; the width grows with the square
root of the number of ties."""

GROUP_GAP_PX = 12.0
"""Least space between two groups' dots."""

_BLACK, _WHITE = "#000000", "#FFFFFF"


def group_graph(graph: nx.Graph[str], groups: Mapping[str, object], *, max_groups: int = MAX_GROUPS) -> nx.Graph[str]:
    """The aggregated graph: one node per group of actors, one edge per pair of groups with ties.

    ``groups`` maps actors to a group (a community number, a type, a village...); a missing value
    puts the actor in the group "unknown", as the map's colours do. Groups are named by their
    label as the map shows it (``category_label``), ordered from the largest; beyond
    ``max_groups`` the smallest are pooled into one node labelled ``OTHER_GROUPS``.

    Node attributes: ``label``; ``actors`` (how many); ``members`` (their ids, in the order of
    ``graph``: pass them to :func:`drill_down`); ``groups`` (the labels pooled into the node, one
    for an ordinary group); ``internal_ties`` (ties with both ends in the group) and
    ``internal_density`` (their share of the possible ones; NaN under two actors).

    Edge attributes: ``ties`` between the two groups (a directed graph counts arcs both ways, an
    undirected one its edges); ``weight``, the same number as a float; ``density``, their share of
    the possible ones; ``trust``, the mean trust of the rated ties among them (None when none is
    rated) and ``rated``, how many are. Self-loops are left out. Runs in time linear in actors
    plus ties.

    Example: two firms tied to each other and to one NGO give the groups firm (2 actors, 1 tie
    inside) and ngo (1 actor), with 2 ties between them.
    """
    if max_groups < 1:
        raise ValueError(f"the aggregated view needs room for at least one group, not {max_groups}")
    nodes = list(graph)
    labels = [category_label(python_value(groups.get(node))) for node in nodes]
    codes, uniques = pd.factorize(pd.Series(labels, dtype=object))
    sizes = np.bincount(codes, minlength=len(uniques))
    ranked = sorted(range(len(uniques)), key=lambda code: (-sizes[code], str(uniques[code]).casefold()))
    if len(ranked) > max_groups:
        kept, pooled = ranked[: max_groups - 1], ranked[max_groups - 1 :]
    else:
        kept, pooled = ranked, []
    shown = [str(uniques[code]) for code in kept] + ([OTHER_GROUPS] if pooled else [])
    group_of_code = np.empty(len(uniques), dtype=np.int64)
    group_of_code[kept] = np.arange(len(kept))
    group_of_code[pooled] = len(kept)
    group = group_of_code[codes] if len(nodes) else np.zeros(0, dtype=np.int64)

    source, target = tie_ends(graph)
    ratings = [as_number(data.get("trust")) for _, _, data in graph.edges(data=True)]
    trust = np.array([np.nan if rating is None else rating for rating in ratings], dtype=np.float64).reshape(-1)
    between = source != target
    source, target, trust = source[between], target[between], trust[between]
    first, second = group[source], group[target]
    count = len(shown)
    internal = np.bincount(first[first == second], minlength=count)
    crossing = first != second
    low, high = np.minimum(first, second)[crossing], np.maximum(first, second)[crossing]
    pairs, pair_of_tie, pair_ties = np.unique(low * count + high, return_inverse=True, return_counts=True)
    rated = ~np.isnan(trust[crossing])
    rated_ties = np.bincount(pair_of_tie, weights=rated, minlength=pairs.size)
    trust_sums = np.bincount(pair_of_tie, weights=np.where(rated, trust[crossing], 0.0), minlength=pairs.size)

    actors = np.bincount(group, minlength=count)
    members: list[list[str]] = [[] for _ in range(count)]
    for node, at in zip(nodes, group.tolist()):
        members[at].append(node)
    pooled_labels = [str(uniques[code]) for code in pooled]
    per_pair = 2 if graph.is_directed() else 1
    aggregated: nx.Graph[str] = nx.Graph(directed_ties=graph.is_directed())
    for at, label in enumerate(shown):
        size = int(actors[at])
        possible = size * (size - 1) / 2 * per_pair
        aggregated.add_node(
            label,
            label=label,
            actors=size,
            members=tuple(members[at]),
            groups=tuple(pooled_labels) if label == OTHER_GROUPS and pooled else (label,),
            internal_ties=int(internal[at]),
            internal_density=int(internal[at]) / possible if possible else float("nan"),
        )
    for pair, ties, ratings, total in zip(pairs.tolist(), pair_ties.tolist(), rated_ties.tolist(), trust_sums.tolist()):
        one, other = divmod(pair, count)
        possible = int(actors[one]) * int(actors[other]) * per_pair
        aggregated.add_edge(
            shown[one],
            shown[other],
            ties=int(ties),
            weight=float(ties),
            density=ties / possible,
            trust=total / ratings if ratings else None,
            rated=int(ratings),
        )
    return aggregated


def drill_down(graph: nx.Graph[str], members: Collection[str], *, with_partners: bool = False) -> nx.Graph[str]:
    """The ties among ``members`` (a group's actors), with every attribute, in the order of ``graph``.

    With ``with_partners`` their partners outside the group come too, with the ties that lead to
    them (not the ties among outsiders): draw them with ``highlight=members`` so that the group
    stands out and its bridges to the rest of the cluster stay visible. Pass ``members`` from
    :func:`group_graph` (``group_graph(...).nodes[label]["members"]``).
    """
    inside = set(members)
    keep = set(inside)
    if with_partners:
        for member in inside:
            if member in graph:
                keep.update(nx.all_neighbors(graph, member))
    view = graph.subgraph(keep)
    if with_partners:
        view = nx.restricted_view(view, [], [(u, v) for u, v in view.edges if u not in inside and v not in inside])
    return view.copy()


def group_positions(aggregated: nx.Graph[str], seed: int = 0) -> dict[str, tuple[float, float]]:
    """Pixel positions of the groups: groups with many ties between them close, none overlapping.

    Groups tied to others are placed by Fruchterman-Reingold's spring layout on the logarithm of
    their ties (so that a few heavy pairs do not pull everything into one spot), spread over a
    disc whose area fits the groups' dots, then pushed apart until no two dots overlap. Groups
    without a tie to another group sit in rows below. Deterministic for a seed.
    """
    radius = _group_radii(aggregated)
    tied = [group for group in aggregated if aggregated.degree(group) > 0]
    alone = [group for group in aggregated if aggregated.degree(group) == 0]
    positions: dict[str, tuple[float, float]] = {}
    bottom = 0.0
    if tied:
        weighted: nx.Graph[str] = nx.Graph()
        weighted.add_nodes_from(tied)
        weighted.add_edges_from(
            (one, other, {"weight": math.log1p(data["ties"])}) for one, other, data in aggregated.edges(data=True)
        )
        layout = nx.spring_layout(weighted, seed=seed)
        coordinates = np.array([layout[group] for group in tied], dtype=float).reshape(-1, 2)
        coordinates -= coordinates.mean(axis=0)
        sizes = np.array([radius[group] for group in tied])
        disc = math.sqrt((np.pi * (sizes + GROUP_GAP_PX) ** 2).sum() / np.pi) * 1.3
        farthest = np.linalg.norm(coordinates, axis=1).max()
        coordinates *= disc / farthest if farthest > 0 else 1.0
        coordinates = _without_overlaps(coordinates, sizes)
        positions.update({group: (float(x), float(y)) for group, (x, y) in zip(tied, coordinates)})
        bottom = float((coordinates[:, 1] + sizes).max())
        left, right = float((coordinates[:, 0] - sizes).min()), float((coordinates[:, 0] + sizes).max())
    else:
        left = right = 0.0
    if alone:
        step = 2 * max(radius[group] for group in alone) + GROUP_GAP_PX * 2
        width = max(right - left, step * min(len(alone), 8))
        per_row = max(1, int(width // step))
        for number, group in enumerate(alone):
            row, column = divmod(number, per_row)
            in_row = min(per_row, len(alone) - row * per_row)
            x = (left + right) / 2 + (column - (in_row - 1) / 2) * step
            positions[group] = (x, bottom + GROUP_GAP_PX * 3 + step / 2 + row * step)
    return {group: (round(x, 1), round(y, 1)) for group, (x, y) in positions.items()}


def _without_overlaps(coordinates: np.ndarray, radius: np.ndarray, steps: int = 500) -> np.ndarray:
    """Dots pushed apart, a little at a time, until every pair is ``GROUP_GAP_PX`` apart or more."""
    coordinates = coordinates.copy()
    needed = radius[:, None] + radius[None, :] + GROUP_GAP_PX
    np.fill_diagonal(needed, 0.0)
    for _ in range(steps):
        offsets = coordinates[:, None, :] - coordinates[None, :, :]
        distance = np.linalg.norm(offsets, axis=2)
        overlap = np.maximum(needed - distance, 0.0)
        if overlap.max() < 0.5:
            break
        direction = offsets / np.maximum(distance, 1e-6)[:, :, None]
        coincide = distance < 1e-6  # same spot: push along a fixed direction that differs per pair
        direction[coincide] = [1.0, 0.0]
        coordinates += (direction * (overlap / 2)[:, :, None]).sum(axis=1) * 0.5
    return coordinates


def aggregated_map_html(
    aggregated: nx.Graph[str],
    positions: Mapping[str, tuple[float, float]] | None = None,
    *,
    title: str = "",
    height_px: int = 650,
    legend_title: str = "",
    group_colors: Mapping[Hashable, str] | None = None,
    highlight: Collection[str] | None = None,
    seed: int = 0,
    vis_network: str = "inline",
    text: Render = ENGLISH.render,
) -> str:
    """The aggregated view of :func:`group_graph` as an offline HTML page, like the ordinary map.

    Each group is a dot whose area grows with its actors, labelled with its name and number of
    actors; each pair of groups with ties is a line as wide as the square root of their ties and
    coloured by their mean trust (grey when unrated). Hovering shows the numbers. ``positions``
    default to :func:`group_positions`; ``group_colors`` (by group label) default to
    ``category_colors`` of the labels (pass the map's colours so that a type keeps its colour);
    ``highlight`` names groups to emphasise (the others fade). Group labels are survey text:
    they reach the page only as JSON data and escaped text, as on the ordinary map. ``title`` and
    ``legend_title`` are shown as given; labels, tooltips and the legend are written by ``text``.
    ``vis_network``: as :func:`~clusternet.viz.network_map.network_map_html`'s.
    """
    positions = dict(group_positions(aggregated, seed) if positions is None else positions)
    missing = [group for group in aggregated if group not in positions]
    if missing:
        raise ValueError(f"{len(missing)} of {aggregated.number_of_nodes()} groups have no position")
    index = {group: number for number, group in enumerate(aggregated)}
    colors = dict(category_colors(list(aggregated)))
    chosen = {category_label(group): color for group, color in (group_colors or {}).items()}
    names = {group: _group_name(aggregated.nodes[group], text) for group in aggregated}
    colors.update({group: color for group, color in chosen.items() if group in colors})
    if OTHER_GROUPS in colors and OTHER_GROUPS not in chosen:
        colors[OTHER_GROUPS] = MISSING_COLOR
    emphasised = set(highlight) if highlight else set(aggregated)
    radius = _group_radii(aggregated)
    widest = max((int(data["ties"]) for _, _, data in aggregated.edges(data=True)), default=1)

    # the largest groups are labelled first when labels do not all fit
    rank = {
        group: number
        for number, group in enumerate(sorted(aggregated, key=lambda group: -int(aggregated.nodes[group]["actors"])))
    }
    nodes: list[dict[str, Any]] = []
    for group in sorted(aggregated, key=lambda group: group in emphasised):
        data = aggregated.nodes[group]
        color = colors[group]
        faded = group not in emphasised
        border = blend(color, _BLACK, 0.35)
        if faded:
            color, border = blend(color, _WHITE, 0.82), blend(border, _WHITE, 0.82)
        x, y = positions[group]
        nodes.append(
            {
                "id": index[group],
                "x": float(x),
                "y": float(y),
                "size": radius[group],
                "label": text(GROUP_LABEL(group=names[group], actors=int(data["actors"]))),
                "tooltip": _group_tooltip(names[group], data, text),
                "color": {
                    "background": color,
                    "border": border,
                    "highlight": {"background": color, "border": _BLACK},
                    "hover": {"background": color, "border": _BLACK},
                },
                "borderWidth": 3 if highlight and not faded else 1,
                "cnGroup": names[group],
                "cnRank": rank[group],
            }
        )
    edges: list[dict[str, Any]] = []
    for number, (one, other, tie) in enumerate(aggregated.edges(data=True)):
        color = trust_color(tie.get("trust"))
        if highlight and not (one in emphasised or other in emphasised):
            color = blend(color, _WHITE, 0.82)
        share = math.sqrt(tie["ties"] / widest)
        edges.append(
            {
                "id": number,
                "from": index[one],
                "to": index[other],
                "width": round(GROUP_TIE_WIDTH_PX[0] + share * (GROUP_TIE_WIDTH_PX[1] - GROUP_TIE_WIDTH_PX[0]), 2),
                "color": {"color": color, "highlight": color, "hover": color, "inherit": False},
                "dashes": False,
                "tooltip": _tie_tooltip(names[one], names[other], tie, text),
            }
        )
    network = Network(height=f"{int(height_px)}px", width="100%", directed=False, cdn_resources="in_line")
    network.nodes, network.edges = nodes, edges
    network.options = _vis_options(False, len(edges))
    legend = _legend(aggregated, colors, names, legend_title, text)
    settings = {"labelPx": LABEL_PX, "font": FONT_FACE, "focus": [], "focusMaxScale": FOCUS_MAX_SCALE}
    page = _finish_page(network.generate_html(), title, legend_html(legend, text), int(height_px), settings)
    return _static_vis_network(page) if vis_network == "static" else page


def _group_radii(aggregated: nx.Graph[str]) -> dict[str, float]:
    smallest, largest = GROUP_SIZE_PX
    actors = {group: int(aggregated.nodes[group]["actors"]) for group in aggregated}
    most = max(actors.values(), default=1) or 1
    return {
        group: round(math.sqrt(smallest**2 + count / most * (largest**2 - smallest**2)), 2)
        for group, count in actors.items()
    }


def _group_name(data: Mapping[str, Any], text: Render) -> str:
    """A group as the page names it: its label, or "other groups" for the node pooling the smallest."""
    pooled = tuple(data["groups"]) != (data["label"],)
    return text(OTHER_GROUPS_LABEL()) if pooled else str(data["label"])


def _group_tooltip(name: str, data: Mapping[str, Any], text: Render) -> str:
    lines = [GROUP_ACTORS(actors=int(data["actors"]))]
    if len(data["groups"]) > 1:
        lines.append(GROUPS_POOLED(count=len(data["groups"])))
    density = float(data["internal_density"])
    ties = int(data["internal_ties"])
    lines.append(TIES_INSIDE(ties=ties) if math.isnan(density) else TIES_INSIDE_DENSITY(ties=ties, density=density))
    lines.append(CHOOSE_GROUP())
    return "\n".join([name, *map(text, lines)])


def _tie_tooltip(one: str, other: str, data: Mapping[str, Any], text: Render) -> str:
    lines = [
        TIE_UNDIRECTED(source=one, target=other),
        GROUP_TIES(ties=int(data["ties"]), density=float(data["density"])),
    ]
    if data.get("trust") is None:
        lines.append(TIE_NOT_RATED())
    else:
        lines.append(GROUP_TRUST(trust=float(data["trust"]), count=int(data["rated"])))
    return "\n".join(map(text, lines))


def _legend(
    aggregated: nx.Graph[str], colors: Mapping[str, str], names: Mapping[str, str], legend_title: str, text: Render
) -> list[LegendItem]:
    items = legend_items({names[group]: colors[group] for group in aggregated}, group_title=legend_title, text=text)
    size = text(LEGEND_SIZE())
    extra = [
        LegendItem(size, text(LEGEND_DOT_AREA()), MISSING_COLOR, "dot"),
        LegendItem(size, text(LEGEND_LINE_WIDTH()), "#555555", "line"),
    ]
    # the aggregated view has no dashed or arrowed ties: keep the groups, the trust scale and the sizes
    return [item for item in items if item.mark not in ("dashed", "arrow")] + extra
