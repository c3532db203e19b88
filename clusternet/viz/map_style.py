"""How the map of a view looks, wherever it is drawn: the app's Map page, the report, the snapshots.

The interactive map (app and HTML report) and the static snapshots (PNG, SVG, PDF) all take their
styling from :func:`map_style`: nodes coloured by a category (``type`` by default) with colours fixed
over all the survey's values (``category_colors``), or by a numeric attribute as a gradient over all
the survey's values (``gradient_colors``), sized by a measure (``degree`` by default,
``node_sizes``), and with tooltips written for the view's audience (names or codes, trust backed by
fewer than k ratings left out when anonymised, since the styling reads the view's actors table).
Anonymised, ties show no trust (``MapStyle.tie_trust``): a tie's colour or tooltip would be one
actor's rating of another. A map without tooltips (a picture, the overview of groups) takes
:func:`picture_style`, which for the default colour and size reads the graph alone.

What a map shows beyond its style is a :class:`MapScope`: the actors found and highlighted, an
``ActorFilter`` (actors of some values of a type or attribute), and whether only the highlighted
actors' neighbourhood is drawn. The Map page and its downloads share one, so that a file shows what
the screen shows.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from clusternet.analysis import Analysis
from clusternet.messages import message
from clusternet.metrics.linkages import linkages
from clusternet.survey import SelectionError
from clusternet.view import View
from clusternet.viz.network_map import network_map_html
from clusternet.viz.styles import as_number, category_colors, category_label, gradient_colors, node_sizes
from clusternet.viz.tooltips import actor_tooltip

CATEGORICAL_NUMBERS = ("community",)
"""Numeric columns that name groups rather than measure something: coloured as categories."""

COLOR_BY = "type"
SIZE_BY = "degree"

GRAPH_SIZES = ("degree", "in_degree", "out_degree")
"""Sizes read off the graph alone (:func:`~clusternet.metrics.linkages.linkages`): a picture sized by one
needs none of the analysis's other measures."""

CANNOT_COLOR_BY = message("map.problem.color_by", 'cannot colour by "{column}"; choose one of {choices}')
CANNOT_COLOR_BY_HIDDEN = message(
    "map.problem.color_by.hidden",
    'cannot colour by "{column}" (a free-text attribute, left out of anonymised exports); choose one of {choices}',
)
CANNOT_SIZE_BY = message("map.problem.size_by", 'cannot size by "{column}"; choose one of {choices}')
CANNOT_FILTER_BY = message("map.problem.filter_by", 'cannot filter by "{column}"; choose one of {choices}')
CANNOT_SIZE_BY_HIDDEN = message(
    "map.problem.size_by.hidden",
    'cannot size by "{column}" (a free-text attribute, left out of anonymised exports); choose one of {choices}',
)


@dataclass(frozen=True)
class MapStyle:
    """Labels, groups and their colours, node radii (px) and tooltips of one map, as its audience reads
    them; by actor id, the group colours by group value. ``tie_trust``: whether ties are coloured by
    trust and their tooltips say it (False when anonymised). ``color_scale``: (low, high) when the
    groups are a numeric attribute drawn as a gradient, else None."""

    labels: dict[str, str]
    groups: dict[str, object]
    group_colors: dict[Hashable, str]
    sizes: dict[str, float]
    tooltips: dict[str, str]
    color_by: str
    size_by: str
    tie_trust: bool
    color_scale: tuple[float, float] | None = None

    @property
    def size_title(self) -> str:
        """What node size shows, as the legend names it: the column, spaced (``trust received``)."""
        return self.size_by.replace("_", " ")


def map_style(
    view: View,
    analysis: Analysis | None = None,
    *,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    size_values: Mapping[str, float] | None = None,
) -> MapStyle:
    """The styling of ``analysis`` (default: the view's) as the app draws it.

    ``color_by`` is ``type``, ``community`` or any actor attribute (a numeric one is a gradient);
    ``size_by`` any numeric column of the actors table. ``size_values`` gives the node radii instead
    (the round strip passes radii scaled over all rounds at once). Raises ``SelectionError`` naming
    the valid columns when either is unknown, or is a free-text attribute of an anonymised view.
    """
    analysis = analysis or view.analysis
    actors = view.actors_table(analysis).assign(actor_id=list(analysis.actors["actor_id"])).set_index("actor_id")
    _check_column(actors, color_by, view, numeric=False)
    _check_column(actors, size_by, view, numeric=True)
    tooltips = {str(actor): "\n".join(view.texts(actor_tooltip(row, str(actor)))) for actor, row in actors.iterrows()}
    return _styled(view, actors, color_by, size_by, size_values, tooltips)


def picture_style(view: View, graph: nx.Graph[str], *, color_by: str = COLOR_BY, size_by: str = SIZE_BY) -> MapStyle:
    """The styling of a map that shows no tooltips (a picture, the overview of groups): :func:`map_style`'s
    without them. ``graph`` is the view's selection's graph (``view.analysis.graph``, or the same graph
    built without its measures).

    Coloured by an attribute the view offers and sized by a degree (the default ``type`` and
    ``degree``), it is read off the survey's actors and ``graph`` alone, so that no other measure
    (betweenness, communities, brokerage) nor, anonymised, any trust figure is computed for it;
    otherwise it is :func:`map_style`'s on the view's analysis (whose errors it raises).
    """
    if not reads_graph_only(view, color_by, size_by):
        return replace(map_style(view, color_by=color_by, size_by=size_by), tooltips={})
    attributes = view.survey.actors.set_index("actor_id")[[color_by]]
    actors = attributes.join(linkages(graph)[[size_by]])
    return _styled(view, actors, color_by, size_by, None, {})


def reads_graph_only(view: View, color_by: str, size_by: str) -> bool:
    """Whether :func:`picture_style` reads the style off the graph: colour an attribute the view offers,
    size a degree (``GRAPH_SIZES``)."""
    return color_by in view.attributes and size_by in GRAPH_SIZES


def _styled(
    view: View,
    actors: pd.DataFrame,
    color_by: str,
    size_by: str,
    size_values: Mapping[str, float] | None,
    tooltips: dict[str, str],
) -> MapStyle:
    """The style of ``actors`` (indexed by actor id, with the columns ``color_by`` and ``size_by``)."""
    ids = [str(actor) for actor in actors.index]
    groups: dict[str, object] = {
        actor: (None if pd.isna(value) else value) for actor, value in zip(ids, actors[color_by])
    }
    if color_by in view.survey.actors.columns:
        every_value = list(view.survey.actors[color_by].dropna().unique())
    else:
        every_value = list(actors[color_by].dropna().unique())
    color_scale: tuple[float, float] | None = None
    if is_gradient(actors[color_by], color_by):
        group_colors, color_scale = gradient_colors([*every_value, *groups.values()])
    else:
        group_colors = category_colors(every_value)
    sizes = (
        dict(size_values)
        if size_values is not None
        else node_sizes({actor: _measure(value) for actor, value in zip(ids, actors[size_by])})
    )
    return MapStyle(
        labels={actor: view.label(actor) for actor in ids},
        groups=groups,
        group_colors=group_colors,
        sizes=sizes,
        tooltips=tooltips,
        color_by=color_by,
        size_by=size_by,
        tie_trust=view.shows_tie_ratings,
        color_scale=color_scale,
    )


def is_gradient(values: pd.Series[Any], column: str) -> bool:
    """Whether a column is coloured as a gradient: numbers that measure (not booleans, not community)."""
    return (
        column not in CATEGORICAL_NUMBERS
        and pd.api.types.is_numeric_dtype(values)
        and not pd.api.types.is_bool_dtype(values)
    )


def _measure(value: object) -> float | None:
    """A size measure's value; booleans (a numeric dtype to pandas) and missing values size nothing."""
    return None if isinstance(value, (bool, np.bool_)) else as_number(value)


def _check_column(actors: pd.DataFrame, column: str, view: View, *, numeric: bool) -> None:
    valid = [
        str(name)
        for name in actors.columns
        if name != "name" and (not numeric or pd.api.types.is_numeric_dtype(actors[name]))
    ]
    if column in valid:
        return
    if column in view.hidden_columns:
        problem = CANNOT_SIZE_BY_HIDDEN if numeric else CANNOT_COLOR_BY_HIDDEN
    else:
        problem = CANNOT_SIZE_BY if numeric else CANNOT_COLOR_BY
    raise SelectionError(problem(column=column, choices=", ".join(valid)))


def interactive_map_html(
    view: View,
    style: MapStyle,
    *,
    title: str,
    height_px: int = 650,
    highlight: Collection[str] | None = None,
    graph: nx.Graph[str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    vis_network: str = "inline",
) -> str:
    """The view's interactive map page (``network_map_html``): the one the app shows and the report embeds.

    ``graph`` draws a part of the selection (one group of a large network, a ``MapScope``'s
    ``graph``) with the same style; ``positions`` default to the view's. ``title`` is shown as given;
    the legend and the tie tooltips are written for the view's audience (anonymised, without trust:
    ``style.tie_trust``). ``vis_network``: ``"static"`` in the app (see ``network_map_html``).
    """
    graph = view.analysis.graph if graph is None else graph
    return network_map_html(
        graph,
        view.positions if positions is None else positions,
        labels=style.labels,
        groups=style.groups,
        sizes=style.sizes,
        tooltips=style.tooltips,
        highlight=highlight,
        title=title,
        height_px=height_px,
        legend_title=style.color_by,
        size_title=style.size_title,
        group_colors=style.group_colors,
        tie_trust=style.tie_trust,
        color_scale=style.color_scale,
        vis_network=vis_network,
        text=view.text,
    )


@dataclass(frozen=True)
class ActorFilter:
    """The actors whose ``column`` (``type`` or an attribute the view offers) has one of ``values``,
    each written as the legend writes it (``category_label``: "unknown" for a missing value)."""

    column: str
    values: frozenset[str]

    def actors(self, view: View, analysis: Analysis | None = None) -> set[str]:
        """The ids of the analysis's actors (default: the view's) that the filter keeps, read from
        the actors table as the view's audience sees it. Raises ``SelectionError`` naming the valid
        columns when ``column`` is not one of them."""
        table = filter_values(view, self.column, analysis)
        return {actor for actor, value in table.items() if value in self.values}


def filter_columns(view: View) -> list[str]:
    """The columns a map can be filtered by: ``type`` and the attributes the view offers."""
    return ["type", *[name for name in view.attributes if name != "type"]]


def filter_values(view: View, column: str, analysis: Analysis | None = None) -> dict[str, str]:
    """Each actor's value of ``column`` as the legend writes it, by actor id (for a filter's choices)."""
    choices = filter_columns(view)
    if column not in choices:
        raise SelectionError(CANNOT_FILTER_BY(column=column, choices=", ".join(choices)))
    analysis = analysis or view.analysis
    table = view.actors_table(analysis)
    return {str(actor): category_label(value) for actor, value in zip(analysis.actors["actor_id"], table[column])}


@dataclass(frozen=True)
class MapScope:
    """What a map shows of its selection, beyond its style: the actors ``highlight``-ed (their ego
    network stands out), an ``actor_filter`` (only the actors it keeps are drawn), and ``steps``: 0
    draws every actor, 1 or 2 only those within that many ties of a highlighted actor."""

    highlight: frozenset[str] = field(default_factory=frozenset)
    actor_filter: ActorFilter | None = None
    steps: int = 0

    def graph(self, view: View, analysis: Analysis | None = None) -> nx.Graph[str]:
        """The part of the analysis's graph (default: the view's) that the map draws: the filter's actors,
        then, with ``steps``, those within ``steps`` ties (either direction, among them) of a highlighted
        actor. The highlighted actors are always kept. Every tie among the actors drawn is drawn."""
        analysis = analysis or view.analysis
        filtered = None if self.actor_filter is None else self.actor_filter.actors(view, analysis)
        return self.part(analysis.graph, filtered)

    def part(self, graph: nx.Graph[str], filtered: Collection[str] | None = None) -> nx.Graph[str]:
        """The part of ``graph`` that the map draws (see :meth:`graph`), ``filtered`` the actors that
        ``actor_filter`` keeps (None without a filter): all a scope without a filter needs is the graph."""
        kept = set(graph)
        if filtered is not None:
            kept = set(filtered) | (self.highlight & kept)
        if self.steps and self.highlight:
            kept = neighbourhood(graph.subgraph(kept), self.highlight, self.steps)
        if kept == set(graph):
            return graph
        return graph.subgraph([node for node in graph if node in kept])


def neighbourhood(graph: nx.Graph[str], centres: Collection[str], steps: int) -> set[str]:
    """The ``centres`` in ``graph`` and every actor within ``steps`` ties of one (in either direction)."""
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    reached = {centre for centre in centres if centre in graph}
    frontier = set(reached)
    for _ in range(steps):
        frontier = {partner for actor in frontier for partner in undirected[actor]} - reached
        reached |= frontier
    return reached
