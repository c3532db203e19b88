"""How the map of a view looks, wherever it is drawn: the app's Map page, the report, the snapshots.

The interactive map (app and HTML report) and the static snapshots (PNG, SVG, PDF) all take their
styling from :func:`map_style`: nodes coloured by a category (``type`` by default) with colours fixed
over all the survey's values (``category_colors``), sized by a measure (``degree`` by default,
``node_sizes``), labelled when there are at most ``LABELS_UP_TO`` actors, and with tooltips written
for the view's audience (names or codes, trust backed by fewer than k ratings left out when
anonymised, since the styling reads the view's actors table). Anonymised, ties show no trust
(``MapStyle.tie_trust``): a tie's colour or tooltip would be one actor's rating of another.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from clusternet.analysis import Analysis
from clusternet.messages import message
from clusternet.survey import SelectionError
from clusternet.view import View
from clusternet.viz.network_map import network_map_html
from clusternet.viz.styles import as_number, category_colors, node_sizes
from clusternet.viz.tooltips import actor_tooltip

LABELS_UP_TO = 150
"""Above this many actors the map shows no names (the app's threshold; tooltips keep them)."""

COLOR_BY = "type"
SIZE_BY = "degree"

CANNOT_COLOR_BY = message("map.problem.color_by", 'cannot colour by "{column}"; choose one of {choices}')
CANNOT_COLOR_BY_HIDDEN = message(
    "map.problem.color_by.hidden",
    'cannot colour by "{column}" (a free-text attribute, left out of anonymised exports); choose one of {choices}',
)
CANNOT_SIZE_BY = message("map.problem.size_by", 'cannot size by "{column}"; choose one of {choices}')
CANNOT_SIZE_BY_HIDDEN = message(
    "map.problem.size_by.hidden",
    'cannot size by "{column}" (a free-text attribute, left out of anonymised exports); choose one of {choices}',
)


@dataclass(frozen=True)
class MapStyle:
    """Labels, groups and their colours, node radii (px) and tooltips of one map, as its audience reads
    them; by actor id, the group colours by group value. ``tie_trust``: whether ties are coloured by
    trust and their tooltips say it (False when anonymised)."""

    labels: dict[str, str]
    groups: dict[str, object]
    group_colors: dict[Hashable, str]
    sizes: dict[str, float]
    tooltips: dict[str, str]
    color_by: str
    size_by: str
    show_labels: bool
    tie_trust: bool

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

    ``color_by`` is ``type``, ``community`` or any actor attribute; ``size_by`` any numeric column of
    the actors table. ``size_values`` gives the node radii instead (the round strip passes radii
    scaled over all rounds at once). Raises ``SelectionError`` naming the valid columns when either
    is unknown, or is a free-text attribute of an anonymised view.
    """
    analysis = analysis or view.analysis
    actors = view.actors_table(analysis).assign(actor_id=list(analysis.actors["actor_id"])).set_index("actor_id")
    _check_column(actors, color_by, view, numeric=False)
    _check_column(actors, size_by, view, numeric=True)
    ids = [str(actor) for actor in actors.index]
    groups: dict[str, object] = {
        actor: (None if pd.isna(value) else value) for actor, value in zip(ids, actors[color_by])
    }
    if color_by in view.survey.actors.columns:
        every_value = list(view.survey.actors[color_by].dropna().unique())
    else:
        every_value = list(actors[color_by].dropna().unique())
    sizes = (
        dict(size_values)
        if size_values is not None
        else node_sizes({actor: _measure(value) for actor, value in zip(ids, actors[size_by])})
    )
    return MapStyle(
        labels={actor: view.label(actor) for actor in ids},
        groups=groups,
        group_colors=category_colors(every_value),
        sizes=sizes,
        tooltips={
            actor: "\n".join(view.texts(actor_tooltip(row, actor))) for actor, (_, row) in zip(ids, actors.iterrows())
        },
        color_by=color_by,
        size_by=size_by,
        show_labels=len(actors) <= LABELS_UP_TO,
        tie_trust=view.shows_tie_ratings,
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
) -> str:
    """The view's interactive map page (``network_map_html``): the one the app shows and the report embeds.

    ``graph`` draws a part of the selection (one group of a large network) with the same style;
    ``positions`` default to the view's. ``title`` is shown as given; the legend and the tie
    tooltips are written for the view's audience (anonymised, without trust: ``style.tie_trust``).
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
        show_labels=graph.number_of_nodes() <= LABELS_UP_TO,
        legend_title=style.color_by,
        size_title=style.size_title,
        group_colors=style.group_colors,
        tie_trust=style.tie_trust,
        text=view.text,
    )
