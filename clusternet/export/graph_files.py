"""The selection's network for other tools: GEXF (Gephi), GraphML (Gephi, yEd, Kumu via conversion) and an
edge list CSV.

Each takes the map's ``scope`` (:class:`~clusternet.viz.map_style.MapScope`), as the map's pictures do:
a file downloaded from the Map page holds exactly the actors and ties the map shows (its filter, the
found actor's neighbourhood); without one, the whole selection.

networkx's GEXF and GraphML writers fail on None, pandas NA, lists and dicts, and write an attribute
whose values mix integers and floats in a way their own readers then refuse. :func:`export_graph`
therefore builds a clean copy of the graph:

- every node is an actor, identified by its id (its code when anonymised) and carrying ``label``
  (name or code), its type and grouping attributes (free text dropped when anonymised), the
  measures of the actors table, its map position ``map_x``, ``map_y`` (the app's layout, y
  downwards), ``map_color`` (the app's colour of its type) and ``map_size`` (its radius on the
  app's map); a survey attribute whose name the writers reserve (``label``, ``id``, ...) is
  written as ``attribute_<name>``; GEXF also gets Gephi's ``viz`` colour, position
  and size, so that Gephi opens it looking like the app's map;
- every tie carries ``relations`` (joined by ``;``), ``weight``, one ``weight_<relation>`` per
  relation, ``trust``, ``status``, ``reports`` (undirected ties) and ``map_color`` (its trust colour);
  anonymised, a tie carries no ``trust`` and its ``map_color`` is one neutral colour
  (``NEUTRAL_TIE_COLOR``): a tie's trust is one actor's rating of another, which codes must not
  reveal (trust is published only as aggregates backed by at least k ratings);
- a missing value leaves the attribute out of that node or tie; one attribute has one type over
  the whole file (integers become floats when any value is fractional; booleans stay booleans);
- every text (ids, labels, values and names of attributes) is XML-safe
  (:func:`~clusternet.sanitize.xml.xml_text`): a control character in a name is written as its
  escape instead of making the file unreadable.

The edge list CSV is :func:`~clusternet.export.tables.table_csv` of :func:`edge_list_table`: formula-safe
and quoted for either separator locale.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import Any

import networkx as nx
import pandas as pd

from clusternet.export.tables import table_csv
from clusternet.graph import python_value
from clusternet.sanitize.xml import xml_text
from clusternet.view import View
from clusternet.viz.map_style import COLOR_BY, SIZE_BY, MapScope, map_style
from clusternet.viz.network_map import DEFAULT_NODE_SIZE_PX
from clusternet.viz.styles import category_label, tie_color

EDGE_LIST_COLUMNS = ["source", "target", "relations", "weight", "trust", "status"]
"""The leading columns of the edge list CSV (without ``trust`` when anonymised); ``reports`` follows
for undirected ties, then the names of both ends when not anonymised."""

TIE_RATING = "trust"
"""The tie attribute holding a rating (the source's of the target; the mean of both sides' for an
undirected tie): left out of every anonymised graph file and edge list."""

_NODE_COLUMNS_LEFT_OUT = ("actor_id", "name")
RESERVED_NAMES = frozenset({"label", "viz", "id", "pid", "start", "end", "map_x", "map_y", "map_color", "map_size"})
"""Node attribute names the writers or the map use; a survey attribute so named gets ``attribute_`` before it."""


def _attribute_name(column: str) -> str:
    return xml_text(f"attribute_{column}" if column in RESERVED_NAMES else column)


def _clean(value: object) -> object:
    """A value GEXF and GraphML can hold: a plain bool, int, float or XML-safe str; None when missing."""
    value = python_value(value)
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [str(item) for item in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
        return xml_text(";".join(items))
    if isinstance(value, dict):
        return None
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (bool, int, float)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return xml_text(str(value))


def _harmonise(records: list[dict[str, Any]]) -> None:
    """Give every attribute one type over all records: int + float -> float, anything + str -> str."""
    kinds: dict[str, set[type]] = {}
    for record in records:
        for name, value in record.items():
            kinds.setdefault(name, set()).add(type(value))
    for name, types in kinds.items():
        if types <= {bool} or types <= {int} or types <= {float} or types <= {str}:
            continue
        target: type[float] | type[str] = float if types <= {int, float} else str
        for record in records:
            if name in record:
                record[name] = target(record[name])


def _shown(view: View, scope: MapScope | None) -> nx.Graph[str]:
    """The part of the selection's graph that the map of ``scope`` draws (all of it without a scope)."""
    return view.analysis.graph if scope is None else scope.graph(view)


def export_graph(
    view: View, *, color_by: str = COLOR_BY, size_by: str = SIZE_BY, scope: MapScope | None = None
) -> nx.Graph[str]:
    """A copy of the selection's graph (the part ``scope`` shows) whose every attribute the GEXF and
    GraphML writers accept."""
    graph = _shown(view, scope)
    style = map_style(view, color_by=color_by, size_by=size_by)
    actors = view.actors_table().set_index(view.analysis.actors["actor_id"])
    actors = actors.drop(columns=[column for column in _NODE_COLUMNS_LEFT_OUT if column in actors.columns])
    colors = {category_label(value): color for value, color in style.group_colors.items()}

    node_records: list[dict[str, Any]] = []
    for actor in graph:
        record: dict[str, Any] = {}
        for column, value in actors.loc[actor].items():
            cleaned = _clean(value)
            if cleaned is not None:
                record[_attribute_name(str(column))] = cleaned
        x, y = view.positions[actor]
        record["label"] = xml_text(view.label(actor))
        record["map_x"], record["map_y"] = float(x), float(y)
        record["map_color"] = colors.get(category_label(python_value(style.groups.get(actor))), "#BBBBBB")
        record["map_size"] = float(style.sizes.get(actor) or DEFAULT_NODE_SIZE_PX)
        node_records.append(record)
    _harmonise(node_records)

    edge_records: list[dict[str, Any]] = []
    for _, _, data in graph.edges(data=True):
        record = {}
        for name, value in data.items():
            if name == TIE_RATING and not view.shows_tie_ratings:
                continue
            if name == "weights" and isinstance(value, Mapping):
                record.update({xml_text(f"weight_{relation}"): float(weight) for relation, weight in value.items()})
                continue
            cleaned = _clean(value)
            if cleaned is not None:
                record[xml_text(name)] = cleaned
        record["map_color"] = tie_color(data, tie_trust=view.shows_tie_ratings)
        edge_records.append(record)
    _harmonise(edge_records)

    clean: nx.Graph[str] = nx.DiGraph() if graph.is_directed() else nx.Graph()
    selection = view.selection
    clean.graph.update(
        {
            "round": xml_text(str(selection.round)),
            "relations": xml_text(";".join(selection.relations)) if selection.relations else "all",
            "ties": selection.ties,
            "anonymized": bool(view.anonymized),
        }
    )
    if selection.min_trust is not None:
        clean.graph["min_trust"] = int(selection.min_trust)

    def key(actor: str) -> str:
        return xml_text(view.key(actor))

    for actor, record in zip(graph, node_records):
        clean.add_node(key(actor), **record)
    for (source, target), record in zip(graph.edges(), edge_records):
        clean.add_edge(key(source), key(target), **record)
    return clean


def _rgb(color: str) -> dict[str, int]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16)}


def graph_gexf(view: View, *, color_by: str = COLOR_BY, size_by: str = SIZE_BY, scope: MapScope | None = None) -> bytes:
    """The selection's network (the part ``scope`` shows) as a GEXF 1.2 file (UTF-8), with Gephi's
    colours, positions and sizes.

    Positions are written with y upwards (Gephi's convention), so the picture is the app's.
    """
    graph = export_graph(view, color_by=color_by, size_by=size_by, scope=scope)
    for _, data in graph.nodes(data=True):
        data["viz"] = {
            "color": {**_rgb(data["map_color"]), "a": 1.0},
            "position": {"x": data["map_x"], "y": -data["map_y"], "z": 0.0},
            "size": data["map_size"],
        }
    for _, _, data in graph.edges(data=True):
        data["viz"] = {"color": {**_rgb(data["map_color"]), "a": 1.0}}
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def graph_graphml(
    view: View, *, color_by: str = COLOR_BY, size_by: str = SIZE_BY, scope: MapScope | None = None
) -> bytes:
    """The selection's network (the part ``scope`` shows) as a GraphML file (UTF-8)."""
    graph = export_graph(view, color_by=color_by, size_by=size_by, scope=scope)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def edge_list_table(view: View, scope: MapScope | None = None) -> pd.DataFrame:
    """One row per tie of the selection (among the actors ``scope`` shows): ``EDGE_LIST_COLUMNS``, then
    ``reports`` for undirected ties, then ``source_name`` and ``target_name`` when not anonymised.
    Anonymised, ids are codes and there is no ``trust`` column (a tie's trust is a single rating)."""
    graph = _shown(view, scope)
    rows: list[dict[str, Any]] = []
    for source, target, data in graph.edges(data=True):
        row: dict[str, Any] = {
            "source": view.key(source),
            "target": view.key(target),
            "relations": ";".join(map(str, data.get("relations") or ())),
            "weight": python_value(data.get("weight")),
            "status": data.get("status"),
        }
        if not graph.is_directed():
            row["reports"] = python_value(data.get("reports"))
        if not view.anonymized:
            row[TIE_RATING] = python_value(data.get(TIE_RATING))
            row["source_name"], row["target_name"] = view.label(source), view.label(target)
        rows.append(row)
    columns = (
        [column for column in EDGE_LIST_COLUMNS if view.shows_tie_ratings or column != TIE_RATING]
        + ([] if graph.is_directed() else ["reports"])
        + ([] if view.anonymized else ["source_name", "target_name"])
    )
    table: pd.DataFrame = pd.DataFrame(rows, columns=columns)
    table["weight"] = table["weight"].astype(float)
    if TIE_RATING in table.columns:
        table[TIE_RATING] = table[TIE_RATING].astype(float)
    return table


def edge_list_csv(view: View, scope: MapScope | None = None) -> bytes:
    """:func:`edge_list_table` as UTF-8 CSV (:func:`~clusternet.export.tables.table_csv`)."""
    return table_csv(edge_list_table(view, scope))
