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
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
from pyvis.network import Network

from clusternet.constants import TRUST_LABELS
from clusternet.graph import CONFIRMED, UNCONFIRMABLE, UNCONFIRMED, python_value
from clusternet.messages import ENGLISH, Message, message
from clusternet.viz.offline import strip_external_resources
from clusternet.viz.styles import (
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
    tie_trust: bool = True,
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
      is emphasised while the rest fades (None or empty: nothing fades). Ids not in the graph
      are ignored, so if none is in it everything fades.

    ``tie_colors``: (attribute, colour by value) colours ties by that edge attribute instead of by
    trust, and the legend lists the values (the change map: ``("change", {"new": green, ...})``).
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
            tie_trust=tie_trust,
        )
        for emphasised_tie, number, source, target, data in sorted(ties, key=lambda tie: tie[0])
    ]

    network = Network(height=f"{int(height_px)}px", width="100%", directed=graph.is_directed(), cdn_resources="in_line")
    network.nodes, network.edges = nodes, edges
    network.options = _vis_options(graph.is_directed(), len(edges))
    legend = legend_items(
        {label: colors[label] for label in colors if label in set(group_labels.values())},
        group_title=legend_title,
        directed=graph.is_directed(),
        size_title=size_title,
        tie_colors=tie_colors,
        tie_trust=tie_trust,
        text=text,
    )
    return _finish_page(network.generate_html(), title, legend_html(legend, text), int(height_px))


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
) -> dict[str, Any]:
    label = str(labels[node])
    tooltip = str(tooltips[node]) if tooltips is not None and node in tooltips else label
    size = as_number(sizes.get(node)) if sizes is not None else None
    border = blend(color, _BLACK, 0.35)
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
        "dashes": DASHES if data.get("status") in (UNCONFIRMED, UNCONFIRMABLE) else False,
        "tooltip": "\n".join(tooltip_lines),
    }


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
                "size": 12,
                "face": "system-ui, Segoe UI, Roboto, Arial, sans-serif",
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
  .cn-dot { flex: none; width: 11px; height: 11px; border-radius: 50%; }
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

    // Fit the map into the space the title and an open legend leave free, when that space is
    // most of the canvas (on a narrow canvas the legend stays over the map; it can be closed).
    function fitBesideLegend() {
      var ids = nodes.getIds();
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
                           (canvas.clientHeight - top - 24) / Math.max(box.bottom - box.top, 1), 1);
      network.moveTo({
        position: {x: (box.left + box.right + right / scale) / 2, y: (box.top + box.bottom - top / scale) / 2},
        scale: scale
      });
    }
    network.once("afterDrawing", fitBesideLegend);
  })();
</script>
"""

_EMPTY_HEADING = re.compile(r"\s*<center>\s*<h1>\s*</h1>\s*</center>")


def _finish_page(page: str, title: str, legend: str, height_px: int) -> str:
    """pyvis's page made offline, with our style, title, legend (:func:`legend_html`) and plain-text tooltips."""
    page = strip_external_resources(page)
    page = "<!DOCTYPE html>\n" + _EMPTY_HEADING.sub("", page).lstrip()
    overlay = (f'<div class="cn-title">{html.escape(title)}</div>\n' if title else "") + legend
    page = _insert_before(page, "</head>", _PAGE_STYLE.replace("__HEIGHT__", str(height_px)))
    page = _insert_before(page, '<div id="mynetwork"', overlay)
    return _insert_before(page, "</body>", _PAGE_SCRIPT)


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
        parts.append(f'<div class="cn-item">{mark}<span>{html.escape(item.label)}</span></div>')
    parts.append("</details>")
    return "\n".join(parts) + "\n"
