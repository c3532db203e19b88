"""How the map of a selection looks in an export: the same labels, colours and sizes as the app's map.

The interactive map in the HTML report and the static snapshots (PNG, SVG, PDF) both take their
styling from :func:`map_style`, which follows the app's Map page: nodes coloured by a category
(``type`` by default) with colours fixed over all the survey's values (``category_colors``), sized
by a measure (``degree`` by default, ``node_sizes``), labelled when there are at most
``LABELS_UP_TO`` actors.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from clusternet.analysis import Analysis
from clusternet.export.view import ExportView
from clusternet.viz.network_map import network_map_html
from clusternet.viz.styles import category_colors, node_sizes
from clusternet.viz.tooltips import actor_tooltip

LABELS_UP_TO = 150
"""Above this many actors the map shows no names (the app's threshold; tooltips keep them)."""

COLOR_BY = "type"
SIZE_BY = "degree"


@dataclass(frozen=True)
class MapStyle:
    """Labels, groups and their colours, node radii (px) and tooltips of one map."""

    labels: dict[Hashable, str]
    groups: dict[Hashable, object]
    group_colors: dict[object, str]
    sizes: dict[Hashable, float]
    tooltips: dict[Hashable, str]
    color_by: str
    size_by: str
    show_labels: bool

    @property
    def size_title(self) -> str:
        return self.size_by.replace("_", " ")


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if math.isnan(value) else float(value)


def map_style(
    view: ExportView,
    analysis: Analysis | None = None,
    *,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    size_values: dict[Hashable, float] | None = None,
) -> MapStyle:
    """The styling of ``analysis`` (default: the view's) as the app draws it.

    ``color_by`` is ``type``, ``community`` or any actor attribute; ``size_by`` any numeric column of
    the actors table. ``size_values`` gives the node radii instead (the round strip passes radii
    scaled over all rounds at once). Raises ``ValueError`` naming the valid columns when either is
    unknown, or is a free-text attribute of an anonymised view.
    """
    analysis = analysis or view.analysis
    actors = view.actors_table(analysis).assign(actor_id=list(analysis.actors["actor_id"])).set_index("actor_id")
    _check_column(actors, color_by, "colour by", view)
    _check_column(actors, size_by, "size by", view, numeric=True)
    groups = {actor: (None if pd.isna(value) else value) for actor, value in actors[color_by].items()}
    if color_by in view.survey.actors.columns:
        every_value = list(view.survey.actors[color_by].dropna().unique())
    else:
        every_value = list(actors[color_by].dropna().unique())
    sizes = (
        size_values
        if size_values is not None
        else node_sizes({actor: _number(value) for actor, value in actors[size_by].items()})
    )
    labels = {actor: view.labels[actor] for actor in actors.index}
    return MapStyle(
        labels=labels,
        groups=groups,
        group_colors=category_colors(every_value),
        sizes=sizes,
        tooltips={actor: actor_tooltip(row, labels[actor]) for actor, row in actors.iterrows()},
        color_by=color_by,
        size_by=size_by,
        show_labels=len(actors) <= LABELS_UP_TO,
    )


def _check_column(actors: pd.DataFrame, column: str, what: str, view: ExportView, numeric: bool = False) -> None:
    valid = [
        name
        for name in actors.columns
        if name not in ("name",) and (not numeric or pd.api.types.is_numeric_dtype(actors[name]))
    ]
    if column not in valid:
        hidden = " (a free-text attribute, left out of anonymised exports)" if column in view.hidden_columns else ""
        raise ValueError(f'cannot {what} "{column}"{hidden}; choose one of {", ".join(valid)}')


def interactive_map_html(
    view: ExportView,
    style: MapStyle,
    *,
    title: str,
    height_px: int = 650,
    highlight: Collection[Hashable] | None = None,
    graph: nx.Graph | None = None,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> str:
    """The selection's interactive map page (``network_map_html``): the one the app shows and the report embeds.

    ``graph`` draws a part of the selection (one group of a large network) with the same style;
    ``positions`` default to the view's (pass already computed ones to save the layout).
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
    )
