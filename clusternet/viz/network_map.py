"""The interactive network map: one self-contained, offline HTML page drawn with pyvis.

pyvis 0.3.2 bundles vis-network 9.1.2; the page inlines it (``cdn_resources="in_line"``) and keeps
no link to the internet. Survey text is untrusted, so it only ever reaches the page

- as JSON inside the script (Jinja's ``tojson``, which writes ``<``, ``>``, ``&`` and ``'`` as
  ``\\u003c`` and so on, so ``</script>`` in a name cannot end the script), or
- as escaped HTML in the title and legend.

Tooltips are shown as plain text: each node and edge carries its text under ``tooltip``, and a
small script turns it into a ``div`` whose ``textContent`` is the text, which vis-network shows as
it is (an element ``title`` is appended, never parsed). Strings are not passed as ``title``
because pyvis switches to a popup that assigns ``innerHTML`` when any node title contains
"href". The page title is not pyvis's ``heading`` either: pyvis writes that unescaped.

Nodes are identified in the page by their index in the graph, never by actor id (ids may be
names, and the anonymised view must not show them): only the given labels, tooltips and group
names appear. The page draws without a view: the title, labels and tooltips come written by the
caller, and the tie tooltips and the legend are messages written by the caller's ``text`` (a view's
:meth:`~clusternet.view.View.text`; English by default). A map that does not show trust
(``tie_trust=False``, for an anonymised audience) draws every tie in one neutral colour and leaves
trust out of the tie tooltips, so that the page holds no rating of one actor by another.

Reading it (the page's own script, offline):

- labels are ``LABEL_PX`` tall on screen at any zoom (their size follows the canvas scale), and only
  those that fit are drawn: in order of priority (the highlighted actors, then the largest nodes),
  a label is shown when its box overlaps no label already shown; zooming in makes room for more, and
  every actor's name stays in its tooltip;
- a highlighted actor's ego network is zoomed to (``focus``);
- each group entry of the legend hides or shows its group's actors when clicked.

``vis_network="static"`` loads vis-network from the app's static files (``STATIC_SCRIPT`` and
``STATIC_STYLE``, served by Streamlit with ``server.enableStaticServing``) so that the browser fetches
it once and caches it; ``"inline"`` (the default, for the report and every exported page) keeps the
page self-contained.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Hashable, Iterable, Mapping
from functools import cache
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from clusternet.constants import TRUST_LABELS
from clusternet.graph import CONFIRMED, UNCONFIRMABLE, UNCONFIRMED, python_value
from clusternet.messages import ENGLISH, Message, message
from clusternet.viz.offline import strip_external_resources
from clusternet.viz.styles import (
    UNKNOWN_COLOR,
    UNRATED_COLOR,
    LegendItem,
    Render,
    as_number,
    blend,
    category_colors,
    category_label,
    edge_width,
    legend_items,
    tie_color,
)

DEFAULT_NODE_SIZE_PX = 10.0
"""Radius of a node when no size is given."""

FADE_SHARE = 0.82
"""How far a colour is mixed with white for what lies outside a highlighted ego network."""

LARGE_MAP_EDGES = 3000
"""Above this many ties, ties are drawn straight and hidden while the map is dragged or zoomed,
to keep it fluid."""

LABEL_PX = 13
"""Height of a label on screen, in CSS pixels, at every zoom (at least 12 to be read on a projector)."""

FOCUS_MAX_SCALE = 2.0
"""Largest zoom of a highlighted actor's ego network (a lone actor is not blown up to fill the map)."""

STATIC_SCRIPT = "./app/static/vis-network.min.js"
STATIC_STYLE = "./app/static/vis-network.css"
"""Where the app serves vis-network (the repository's ``static/`` folder, a copy of pyvis's own)."""

FONT_FACE = "system-ui, Segoe UI, Roboto, Arial, sans-serif"

DASHES = [5, 5]
"""Dash pattern of ties that the partner has not confirmed (status unconfirmed or unconfirmable)."""

STATUS_MEANINGS = {
    CONFIRMED: message("map.tie.status.confirmed", "confirmed: the partner reports it too"),
    UNCONFIRMED: message("map.tie.status.unconfirmed", "unconfirmed: the partner answered but did not report it"),
    UNCONFIRMABLE: message("map.tie.status.unconfirmable", "unconfirmable: the partner did not answer this round"),
}
"""What a tie's status means, in its tooltip."""

OTHER_STATUS = message("map.tie.status.other", "status: {status}")
TIE_DIRECTED = message("map.tie.ends.directed", "{source} → {target}")
TIE_UNDIRECTED = message("map.tie.ends.undirected", "{source} — {target}")
TIE_RELATIONS = message("map.tie.relations", "relations: {relations}")
TIE_NOT_RATED = message("map.tie.trust.not_rated", "trust: not rated")
TIE_TRUST = message("map.tie.trust", "trust: {trust:.3g}")
TIE_TRUST_MEANING = message("map.tie.trust.meaning", "trust: {trust:.3g} ({meaning})")
TIE_WEIGHT = message("map.tie.weight", "weight: {weight:.3g}")
LEGEND = message("map.legend.title", "Legend")
TOGGLE = message("map.legend.toggle", "Click to hide or show this group")

_WHITE, _BLACK = "#FFFFFF", "#000000"
_FADED_LABEL = "#C4C4C4"


def network_map_html(
    graph: nx.Graph[str],
    positions: Mapping[str, tuple[float, float]],
    *,
    labels: Mapping[str, str],
    groups: Mapping[str, object],
    sizes: Mapping[str, float] | None = None,
    tooltips: Mapping[str, str] | None = None,
    highlight: Collection[str] | None = None,
    title: str = "",
    height_px: int = 650,
    show_labels: bool = True,
    legend_title: str = "",
    size_title: str = "",
    group_colors: Mapping[Hashable, str] | None = None,
    tie_colors: tuple[str, Mapping[str, str]] | None = None,
    tie_dashes: tuple[str, Collection[str]] | None = None,
    tie_trust: bool = True,
    color_scale: tuple[float, float] | None = None,
    focus: bool = True,
    vis_network: str = "inline",
    text: Render = ENGLISH.render,
) -> str:
    """The network map of ``graph`` as a complete HTML page that loads nothing from the internet.

    - ``positions``: pixel positions of every node (``stable_layout``); physics is off, so the
      map appears at once and an actor stays in place across rounds and filters.
    - ``labels``: the text drawn by every node (required for each node, as ids must not show);
      ``show_labels=False`` hides it for big maps (it stays in the tooltip).
    - ``groups``: a category per node (e.g. its type), coloured by ``category_colors`` and listed
      in the legend under ``legend_title``; missing ones are "unknown" and grey.
      ``group_colors`` (by group label) overrides them, e.g. colours of all the survey's groups so
      that a filtered view keeps them.
    - ``sizes``: node radii in pixels (scale a measure with ``node_sizes``); missing ones get
      ``DEFAULT_NODE_SIZE_PX``. ``size_title`` says in the legend what size shows.
    - ``tooltips``: plain text shown on hover (default: the label); line breaks are kept.
    - ``highlight``: actors whose ego network (them, their partners and the ties among these)
      is emphasised while the rest fades (None or empty: nothing fades), and zoomed to unless
      ``focus`` is False. Ids not in the graph are ignored, so if none is in it everything fades.
    - ``color_scale``: (low, high) of a numeric ``groups`` attribute coloured as a gradient (give
      its colours as ``group_colors``): the legend shows the scale instead of one entry per value.
    - ``vis_network``: ``"inline"`` or ``"static"`` (see the module's docstring).

    ``tie_colors``: (attribute, colour by value) colours ties by that edge attribute instead of by
    trust, and the legend lists the values (the change map: ``("change", {"new": green, ...})``).
    ``tie_dashes``: (attribute, values) dashes the ties whose edge attribute holds one of these values
    instead of those the partner has not confirmed, and the legend marks those values dashed (the
    what-if map: ``("change", {"new"})``).
    ``tie_trust`` False (an anonymised audience) keeps every tie's trust off the page: ties are drawn
    in ``NEUTRAL_TIE_COLOR`` (unless ``tie_colors`` colours them), their tooltips leave trust out and
    the legend says why.

    Ties are coloured by their mean trust (``trust_color``), as wide as their weight allows
    (``edge_width``), dashed when the partner has not confirmed them, and arrowed when the graph
    is directed. The page is ``height_px`` tall, title and legend drawn over the map. ``title``,
    ``labels``, ``tooltips``, ``legend_title`` and ``size_title`` are shown as given; the tie
    tooltips and the rest of the legend are written by ``text``.
    """
    _check_every_node_has(graph, labels, "label")
    _check_every_node_has(graph, positions, "position (compute positions with stable_layout)")
    index = {node: number for number, node in enumerate(graph)}
    group_values = {node: python_value(groups.get(node)) for node in graph}
    group_labels = {node: category_label(value) for node, value in group_values.items()}
    colors = _group_colors(group_values.values(), group_colors)
    centres = {node for node in highlight or () if node in index}
    emphasised = _ego_nodes(graph, centres) if highlight else set(graph)

    # labels in order of priority: highlighted actors, their partners, then the largest nodes
    priority = sorted(
        graph,
        key=lambda node: (node not in centres, node not in emphasised, -(as_number((sizes or {}).get(node)) or 0.0)),
    )
    rank = {node: number for number, node in enumerate(priority)}
    # vis-network draws in list order: faded items first, so that the emphasised ones lie on top
    nodes = [
        _node_item(
            node,
            index[node],
            positions[node],
            labels,
            tooltips,
            sizes,
            colors[group_labels[node]],
            faded=node not in emphasised,
            centre=node in centres,
            show_label=show_labels,
            group=group_labels[node],
            rank=rank[node],
        )
        for node in sorted(graph, key=lambda node: node in emphasised)
    ]
    ties = [
        (source in emphasised and target in emphasised, number, source, target, data)
        for number, (source, target, data) in enumerate(graph.edges(data=True))
    ]
    edges = [
        _edge_item(
            number,
            index[source],
            index[target],
            data,
            edge_tooltip_lines(
                data, str(labels[source]), str(labels[target]), graph.is_directed(), text, tie_trust=tie_trust
            ),
            faded=not emphasised_tie,
            tie_colors=tie_colors,
            tie_dashes=tie_dashes,
            tie_trust=tie_trust,
        )
        for emphasised_tie, number, source, target, data in sorted(ties, key=lambda tie: tie[0])
    ]

    network = Network(height=f"{int(height_px)}px", width="100%", directed=graph.is_directed(), cdn_resources="in_line")
    network.templateEnv = _templates(network.template_dir)
    network.nodes, network.edges = nodes, edges
    network.options = _vis_options(graph.is_directed(), len(edges))
    legend = legend_items(
        {label: colors[label] for label in colors if label in set(group_labels.values())},
        group_title=legend_title,
        directed=graph.is_directed(),
        size_title=size_title,
        tie_colors=tie_colors,
        tie_dashes=tie_dashes,
        tie_trust=tie_trust,
        color_scale=color_scale,
        text=text,
    )
    settings = {
        "labelPx": LABEL_PX,
        "font": FONT_FACE,
        "focus": sorted(index[node] for node in emphasised) if highlight and focus else [],
        "focusMaxScale": FOCUS_MAX_SCALE,
    }
    page = _finish_page(network.generate_html(), title, legend_html(legend, text), int(height_px), settings)
    if vis_network == "static":
        return _static_vis_network(page)
    if vis_network != "inline":
        raise ValueError(f'vis_network is "inline" or "static", not "{vis_network}"')
    return page


def _check_every_node_has(graph: nx.Graph[str], mapping: Mapping[str, object], what: str) -> None:
    missing = sum(1 for node in graph if node not in mapping)
    if missing:
        raise ValueError(f"{missing} of {graph.number_of_nodes()} actors have no {what}; give one for every actor")


def _group_colors(values: Iterable[Hashable], overrides: Mapping[Hashable, str] | None) -> dict[str, str]:
    """Colour by group label, in legend order: sorted categories, "unknown" last."""
    colors: dict[str, str] = {}
    for value, color in category_colors(values).items():
        colors.setdefault(category_label(value), color)
    for value, color in (overrides or {}).items():
        if category_label(value) in colors:
            colors[category_label(value)] = color
    return colors


def _ego_nodes(graph: nx.Graph[str], centres: set[str]) -> set[str]:
    """The centres and everyone tied to one of them, in either direction."""
    nodes = set(centres)
    for centre in centres:
        nodes.update(nx.all_neighbors(graph, centre))
    return nodes


def _node_item(
    node: str,
    number: int,
    position: tuple[float, float],
    labels: Mapping[str, str],
    tooltips: Mapping[str, str] | None,
    sizes: Mapping[str, float] | None,
    color: str,
    *,
    faded: bool,
    centre: bool,
    show_label: bool,
    group: str,
    rank: int,
) -> dict[str, Any]:
    label = str(labels[node])
    tooltip = str(tooltips[node]) if tooltips is not None and node in tooltips else label
    size = as_number(sizes.get(node)) if sizes is not None else None
    # a white (unknown) dot needs a border dark enough to be seen as a dot
    border = blend(color, _BLACK, 0.55 if color == UNKNOWN_COLOR else 0.35)
    if faded:
        color, border = blend(color, _WHITE, FADE_SHARE), blend(border, _WHITE, FADE_SHARE)
    item: dict[str, Any] = {
        "id": number,
        "x": float(position[0]),
        "y": float(position[1]),
        "size": size if size is not None else DEFAULT_NODE_SIZE_PX,
        "tooltip": tooltip,
        "color": {
            "background": color,
            "border": _BLACK if centre else border,
            "highlight": {"background": color, "border": _BLACK},
            "hover": {"background": color, "border": _BLACK},
        },
        "borderWidth": 3 if centre else 1,
        "cnGroup": group,
        "cnRank": rank,
    }
    if show_label:
        item["label"] = label
    if faded:
        item["font"] = {"color": _FADED_LABEL}
    return item


def _edge_item(
    number: int,
    source: int,
    target: int,
    data: Mapping[str, Any],
    tooltip_lines: list[str],
    *,
    faded: bool,
    tie_colors: tuple[str, Mapping[str, str]] | None = None,
    tie_dashes: tuple[str, Collection[str]] | None = None,
    tie_trust: bool = True,
) -> dict[str, Any]:
    if tie_colors is None:
        color = tie_color(data, tie_trust=tie_trust)
    else:
        attribute, colors = tie_colors
        color = colors.get(str(data.get(attribute)), UNRATED_COLOR)
    if faded:
        color = blend(color, _WHITE, FADE_SHARE)
    return {
        "id": number,
        "from": source,
        "to": target,
        "width": edge_width(data.get("weight")),
        "color": {"color": color, "highlight": color, "hover": color, "inherit": False},
        "dashes": DASHES if _dashed(data, tie_dashes) else False,
        "tooltip": "\n".join(tooltip_lines),
    }


def _dashed(data: Mapping[str, Any], tie_dashes: tuple[str, Collection[str]] | None) -> bool:
    """Whether a tie is drawn dashed: its attribute holds a dashed value, or else its partner has not confirmed it."""
    if tie_dashes is not None:
        attribute, values = tie_dashes
        return str(data.get(attribute)) in values
    return data.get("status") in (UNCONFIRMED, UNCONFIRMABLE)


def edge_tooltip_lines(
    data: Mapping[str, Any],
    source_label: str,
    target_label: str,
    directed: bool,
    text: Render = ENGLISH.render,
    *,
    tie_trust: bool = True,
) -> list[str]:
    """What a tie's tooltip says: who (the labels as given), relations, trust (unless ``tie_trust`` is
    False: an anonymised map), weight and status, one fact per line, written by ``text``."""
    ends = TIE_DIRECTED if directed else TIE_UNDIRECTED
    lines = [ends(source=source_label, target=target_label)]
    relations = data.get("relations")
    if relations:
        lines.append(TIE_RELATIONS(relations=", ".join(map(str, relations))))
    if tie_trust:
        lines.append(_trust_line(as_number(data.get("trust"))))
    weight = as_number(data.get("weight"))
    if weight is not None:
        lines.append(TIE_WEIGHT(weight=weight))
    status = data.get("status")
    if status:
        meaning_of_status = STATUS_MEANINGS.get(status)
        lines.append(OTHER_STATUS(status=str(status)) if meaning_of_status is None else meaning_of_status())
    return [text(line) for line in lines]


def _trust_line(trust: float | None) -> Message:
    """A tie's trust in its tooltip: the rating and its meaning, or that it was not rated."""
    if trust is None:
        return TIE_NOT_RATED()
    meaning = TRUST_LABELS.get(round(trust))
    return TIE_TRUST(trust=trust) if meaning is None else TIE_TRUST_MEANING(trust=trust, meaning=meaning())


def _vis_options(directed: bool, edge_count: int) -> dict[str, Any]:
    """vis-network options: fixed positions (no physics), hover tooltips, zoom and drag."""
    large = edge_count > LARGE_MAP_EDGES
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": True,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "nodes": {
            "shape": "dot",
            "font": {
                "size": LABEL_PX,
                "face": FONT_FACE,
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": _WHITE,
            },
        },
        # reciprocal arcs curve apart, so that both reports and their trust stay visible
        "edges": {
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12} if directed and not large else False,
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
            "selectionWidth": 1.5,
            "hoverWidth": 1.0,
        },
    }


_PAGE_STYLE = """
<style>
  html, body { margin: 0; padding: 0; background: #FFFFFF; overflow: hidden;
               font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; }
  .card { position: relative; }
  #mynetwork { float: none; border: 0; width: 100%; height: __HEIGHT__px; }
  .cn-title { position: absolute; top: 8px; left: 10px; z-index: 5; max-width: 55%; padding: 2px 6px;
              font-size: 16px; font-weight: 600; color: #222222; background: rgba(255, 255, 255, 0.85);
              pointer-events: none; }
  .cn-legend { position: absolute; top: 8px; right: 8px; z-index: 5; max-width: 270px;
               max-height: calc(100% - 80px); overflow-y: auto; padding: 4px 10px 6px;
               font-size: 12px; color: #222222; background: rgba(255, 255, 255, 0.92);
               border: 1px solid #DDDDDD; border-radius: 4px; }
  .cn-legend summary { cursor: pointer; font-weight: 600; }
  .cn-section { margin: 6px 0 2px; font-weight: 600; }
  .cn-item { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
  button.cn-item { width: 100%; padding: 0; border: 0; background: none; font: inherit; color: inherit;
                   text-align: left; cursor: pointer; }
  button.cn-item[aria-pressed="true"] { opacity: 0.4; text-decoration: line-through; }
  .cn-dot { flex: none; width: 11px; height: 11px; border-radius: 50%; box-sizing: border-box;
            border: 1px solid rgba(0, 0, 0, 0.45); }
  .cn-line { flex: none; width: 24px; height: 0; border-top: 3px solid; }
  .cn-dashed { border-top: 2px dashed; }
  .cn-arrow { flex: none; width: 24px; text-align: center; line-height: 12px; }
  div.vis-tooltip { font-family: inherit; font-size: 13px; color: #222222; }
  .cn-tooltip { white-space: pre-line; max-width: 380px; }
  .vis-network:focus { outline: none; }
</style>
"""

_PAGE_SCRIPT = """
<script>
  (function () {
    var settings = __SETTINGS__;
    // Tooltips hold survey text: each becomes a text node, which is never parsed as HTML.
    function plainText(text) {
      var box = document.createElement("div");
      box.className = "cn-tooltip";
      box.textContent = text;
      return box;
    }
    [nodes, edges].forEach(function (items) {
      items.update(items.get({fields: ["id", "tooltip"]})
        .filter(function (item) { return typeof item.tooltip === "string"; })
        .map(function (item) { return {id: item.id, title: plainText(item.tooltip)}; }));
    });

    // Fit ``ids`` (all nodes when empty) into the space the title and an open legend leave free,
    // when that space is most of the canvas (on a narrow canvas the legend stays over the map).
    function fitBesideLegend(ids, maxScale) {
      if (!ids.length) { return; }
      var canvas = document.getElementById("mynetwork");
      var legend = document.querySelector(".cn-legend");
      var title = document.querySelector(".cn-title");
      var right = legend && legend.open ? legend.offsetWidth + 16 : 0;
      if (canvas.clientWidth - right < 0.6 * canvas.clientWidth) { right = 0; }
      var top = title ? title.offsetHeight + 12 : 0;
      var box = {left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity};
      ids.forEach(function (id) {
        var node = network.getBoundingBox(id);
        box.left = Math.min(box.left, node.left);
        box.right = Math.max(box.right, node.right);
        box.top = Math.min(box.top, node.top);
        box.bottom = Math.max(box.bottom, node.bottom);
      });
      var scale = Math.min((canvas.clientWidth - right - 24) / Math.max(box.right - box.left, 1),
                           (canvas.clientHeight - top - 24) / Math.max(box.bottom - box.top, 1), maxScale);
      network.moveTo({
        position: {x: (box.left + box.right + right / scale) / 2, y: (box.top + box.bottom - top / scale) / 2},
        scale: scale
      });
    }

    // Labels: settings.labelPx tall on screen at every zoom; shown in order of priority (cnRank)
    // when their box overlaps no label already shown; the others stay in the tooltips.
    var names = {};
    var order = nodes.get({fields: ["id", "label", "cnRank"]})
      .filter(function (node) { names[node.id] = node.label; return typeof node.label === "string"; })
      .sort(function (a, b) { return a.cnRank - b.cnRank; })
      .map(function (node) { return node.id; });
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = settings.labelPx + "px " + settings.font;
    var widths = {};
    function placeLabels() {
      var scale = network.getScale();
      network.setOptions({nodes: {font: {size: settings.labelPx / scale}}});
      var canvas = document.getElementById("mynetwork");
      var width = canvas.clientWidth, height = canvas.clientHeight, cell = 64, grid = {};
      var positions = network.getPositions(order);
      var changes = [];
      function free(box) {
        var cells = [];
        for (var x = Math.floor(box[0] / cell); x <= Math.floor(box[2] / cell); x++) {
          for (var y = Math.floor(box[1] / cell); y <= Math.floor(box[3] / cell); y++) {
            var key = x + ":" + y, taken = grid[key] || [];
            for (var i = 0; i < taken.length; i++) {
              var other = taken[i];
              if (box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3]) { return false; }
            }
            cells.push(key);
          }
        }
        cells.forEach(function (key) { (grid[key] = grid[key] || []).push(box); });
        return true;
      }
      // no label under the title or the open legend
      var frame = canvas.getBoundingClientRect();
      document.querySelectorAll(".cn-title, .cn-legend").forEach(function (overlay) {
        var area = overlay.getBoundingClientRect();
        free([area.left - frame.left, area.top - frame.top, area.right - frame.left, area.bottom - frame.top]);
      });
      order.forEach(function (id) {
        var node = nodes.get(id, {fields: ["id", "label", "hidden", "size"]});
        var text = names[id], shown = false;
        if (!node.hidden) {
          if (!(text in widths)) { widths[text] = measure.measureText(text).width; }
          var at = network.canvasToDOM(positions[id]);
          var half = widths[text] / 2 + 3, top = at.y + (node.size || 10) * scale + 1;
          var box = [at.x - half, top, at.x + half, top + settings.labelPx * 1.3];
          shown = box[2] > 0 && box[0] < width && box[3] > 0 && box[1] < height && free(box);
        }
        var wanted = shown ? text : null;
        if ((node.label || null) !== wanted) { changes.push({id: id, label: wanted}); }
      });
      if (changes.length) { nodes.update(changes); }
    }
    var pending = null;
    function placeLabelsSoon() {
      if (pending !== null) { clearTimeout(pending); }
      pending = setTimeout(function () { pending = null; placeLabels(); }, 60);
    }
    network.on("zoom", placeLabelsSoon);
    network.on("dragEnd", placeLabelsSoon);

    // A click on a group of the legend hides or shows its actors (and so their ties).
    document.querySelectorAll(".cn-toggle").forEach(function (entry) {
      entry.addEventListener("click", function () {
        var hidden = entry.getAttribute("aria-pressed") === "true";
        entry.setAttribute("aria-pressed", hidden ? "false" : "true");
        var group = entry.getAttribute("data-group");
        nodes.update(nodes.get({fields: ["id", "cnGroup"], filter: function (node) { return node.cnGroup === group; }})
          .map(function (node) { return {id: node.id, hidden: !hidden}; }));
        placeLabels();
      });
    });

    network.once("afterDrawing", function () {
      fitBesideLegend(nodes.getIds(), 1);
      if (settings.focus.length) {
        fitBesideLegend(settings.focus, Math.max(network.getScale(), settings.focusMaxScale));
      }
      placeLabels();
    });
    window.clusternetMap = {placeLabels: placeLabels, settings: settings};
  })();
</script>
"""

_EMPTY_HEADING = re.compile(r"\s*<center>\s*<h1>\s*</h1>\s*</center>")


@cache
def _templates(folder: str) -> Environment:
    """pyvis's template folder as one jinja2 environment for every map of the process, so that the
    page's template is compiled once (each pyvis ``Network`` makes an environment of its own and
    compiles it again: about 0.05 s a map)."""
    return Environment(loader=FileSystemLoader(folder))


def _finish_page(page: str, title: str, legend: str, height_px: int, settings: Mapping[str, object]) -> str:
    """pyvis's page made offline, with our style, title, legend (:func:`legend_html`), plain-text
    tooltips, labels that fit and the zoom to a highlight (``settings``: numbers and the font only)."""
    page = strip_external_resources(page)
    page = "<!DOCTYPE html>\n" + _EMPTY_HEADING.sub("", page).lstrip()
    overlay = (f'<div class="cn-title">{html.escape(title)}</div>\n' if title else "") + legend
    page = _insert_before(page, "</head>", _PAGE_STYLE.replace("__HEIGHT__", str(height_px)))
    page = _insert_before(page, '<div id="mynetwork"', overlay)
    return _insert_before(page, "</body>", _PAGE_SCRIPT.replace("__SETTINGS__", _script_json(settings)))


def _script_json(value: object) -> str:
    """``value`` as JSON that cannot end or escape a ``<script>``."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_INLINE_VIS_SCRIPT = re.compile(r"<script>/\*\*\s*\n\s*\* vis-network\b.*?</script>", re.DOTALL)
_INLINE_VIS_STYLE = re.compile(r"<style>\.vis-overlay\{.*?</style>", re.DOTALL)


def _static_vis_network(page: str) -> str:
    """``page`` with vis-network's inlined script and style replaced by links to the app's static copies."""
    page, scripts = _INLINE_VIS_SCRIPT.subn(lambda _: f'<script src="{STATIC_SCRIPT}"></script>', page, count=1)
    page, styles = _INLINE_VIS_STYLE.subn(lambda _: f'<link rel="stylesheet" href="{STATIC_STYLE}">', page, count=1)
    if not (scripts and styles):
        raise RuntimeError("pyvis's page does not inline vis-network as expected: its template changed")
    return page


def _insert_before(page: str, marker: str, text: str) -> str:
    """``text`` inserted before the last ``marker`` (the last, as the inline scripts come first)."""
    position = page.rfind(marker)
    if position < 0:
        raise RuntimeError(f"pyvis's page has no {marker}: its template changed, adapt network_map")
    return page[:position] + text + page[position:]


def legend_html(items: list[LegendItem], text: Render = ENGLISH.render) -> str:
    """The legend as an HTML block (a collapsible ``details`` headed by ``text`` of "Legend"), every text escaped."""
    parts: list[str] = [f'<details class="cn-legend" open><summary>{html.escape(text(LEGEND()))}</summary>']
    section: str | None = None
    for item in items:
        if item.section != section:
            section = item.section
            parts.append(f'<div class="cn-section">{html.escape(section)}</div>')
        color = html.escape(item.color)
        if item.mark == "dot":
            mark = f'<span class="cn-dot" style="background:{color}"></span>'
        elif item.mark == "dashed":
            mark = f'<span class="cn-line cn-dashed" style="border-color:{color}"></span>'
        elif item.mark == "arrow":
            mark = f'<span class="cn-arrow" style="color:{color}">&#8594;</span>'
        else:
            mark = f'<span class="cn-line" style="border-color:{color}"></span>'
        if item.group:
            parts.append(
                f'<button type="button" class="cn-item cn-toggle" data-group="{html.escape(item.group)}"'
                f' aria-pressed="false" title="{html.escape(text(TOGGLE()))}">{mark}'
                f"<span>{html.escape(item.label)}</span></button>"
            )
        else:
            parts.append(f'<div class="cn-item">{mark}<span>{html.escape(item.label)}</span></div>')
    parts.append("</details>")
    return "\n".join(parts) + "\n"
