"""The network map as the pages show it: stable positions, colours, sizes, tooltips, highlight."""

from __future__ import annotations

import math
from typing import Collection

import networkx as nx
import pandas as pd
import streamlit as st

from app_pages.shared import actor_labels, is_anonymised, min_ratings_shown
from clusternet.analysis import Analysis
from clusternet.rounds.changes import DROPPED, KEPT, NEW, pair_changes
from clusternet.survey import Survey
from clusternet.viz.aggregate import aggregated_map_html, group_graph
from clusternet.viz.layout import stable_layout
from clusternet.viz.network_map import network_map_html
from clusternet.viz.styles import category_colors, node_sizes
from clusternet.viz.tooltips import actor_tooltip

LABELS_UP_TO = 150
"""Above this many actors names are hidden on the map (they stay in the tooltips)."""
CHANGE_COLORS = {NEW: "#1B9E77", DROPPED: "#D95F02", KEPT: "#B8B8B8"}
MAP_HEIGHT = 650


@st.cache_data(show_spinner="Placing the actors…", max_entries=8)
def _positions(_survey: Survey, fingerprint: str) -> dict:
    return stable_layout(_survey)


def positions_for(survey: Survey) -> dict:
    """Positions computed once per survey and kept across rounds and filters."""
    return _positions(survey, survey.fingerprint)


def colour_groups(survey: Survey, analysis: Analysis, color_by: str) -> tuple[dict, dict]:
    """Each actor's group for ``color_by`` and colours fixed over all the survey's values."""
    actors = analysis.actors.set_index("actor_id")
    values = actors[color_by]
    groups = {actor: (None if pd.isna(value) else value) for actor, value in values.items()}
    every_value = survey.actors[color_by].dropna().unique() if color_by in survey.actors.columns else values.dropna().unique()
    return groups, category_colors(list(every_value))


def network_map(survey: Survey, analysis: Analysis, *, color_by: str = "type", size_by: str = "degree",
                highlight: Collection[str] | None = None, title: str = "", height: int = MAP_HEIGHT,
                graph: nx.Graph | None = None) -> str:
    """The selection's map as a self-contained HTML page (``graph``: a part of it, e.g. one group)."""
    actors = analysis.actors.set_index("actor_id")
    labels = actor_labels(survey)
    groups, colors = colour_groups(survey, analysis, color_by)
    sizes = node_sizes({actor: (value if isinstance(value, (int, float)) and not math.isnan(value) else None)
                        for actor, value in actors[size_by].items()})
    if is_anonymised():  # a mean of one or two ratings would let a rater read its own rating back
        thin = actors["trust_received_n"] < min_ratings_shown()
        actors = actors.assign(trust_received_n=actors["trust_received_n"].where(~thin, 0))
    tooltips = {actor: actor_tooltip(row, labels[actor]) for actor, row in actors.iterrows()}
    graph = analysis.graph if graph is None else graph
    return network_map_html(
        graph, positions_for(survey), labels=labels, groups=groups, sizes=sizes, tooltips=tooltips,
        highlight=highlight, title=title, height_px=height, show_labels=graph.number_of_nodes() <= LABELS_UP_TO,
        legend_title=color_by, size_title=size_by.replace("_", " "), group_colors=colors,
    )


def show(page: str, height: int = MAP_HEIGHT) -> None:
    st.iframe(page, height=height)


def change_map(survey: Survey, tie_changes: pd.DataFrame, from_round: str, to_round: str,
               height: int = MAP_HEIGHT) -> None:
    """New ties green, dropped red, kept grey, every actor where the Map page puts it."""
    graph = nx.Graph()
    graph.add_nodes_from(survey.actors["actor_id"])
    for pair in pair_changes(tie_changes).itertuples(index=False):
        graph.add_edge(pair.first, pair.second, change=pair.status)
    types = dict(zip(survey.actors["actor_id"], survey.actors["type"]))
    labels = actor_labels(survey)
    page = network_map_html(graph, positions_for(survey), labels=labels, groups=types,
                            title=f"{from_round} → {to_round}", height_px=height,
                            show_labels=graph.number_of_nodes() <= LABELS_UP_TO, legend_title="type",
                            group_colors=category_colors(list(survey.actors["type"].unique())),
                            tie_colors=("change", CHANGE_COLORS))
    show(page, height)


def aggregated_map(analysis: Analysis, membership: dict, group_by: str, title: str,
                   height: int = MAP_HEIGHT) -> tuple[str, nx.Graph]:
    """The map of a large network with one dot per group; returns the page and the group graph."""
    groups = group_graph(analysis.graph, membership)
    return aggregated_map_html(groups, title=title, height_px=height, legend_title=group_by), groups
