"""The network map as the pages show it: stable positions, colours, sizes, tooltips, highlight."""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
import pandas as pd
import streamlit as st

from app_pages.shared import actor_labels, is_anonymised, min_ratings_shown
from clusternet.analysis import Analysis
from clusternet.export.map_style import LABELS_UP_TO, interactive_map_html, map_style
from clusternet.export.view import export_view
from clusternet.rounds.changes import DROPPED, KEPT, NEW, pair_changes
from clusternet.survey import Survey
from clusternet.viz.aggregate import aggregated_map_html, group_graph
from clusternet.viz.layout import stable_layout
from clusternet.viz.network_map import network_map_html
from clusternet.viz.styles import category_colors

CHANGE_COLORS = {NEW: "#1B9E77", DROPPED: "#D95F02", KEPT: "#B8B8B8"}
MAP_HEIGHT = 650


@st.cache_data(show_spinner="Placing the actors…", max_entries=8)
def _positions(_survey: Survey, fingerprint: str) -> dict:
    return stable_layout(_survey)


def positions_for(survey: Survey) -> dict:
    """Positions computed once per survey and kept across rounds and filters."""
    return _positions(survey, survey.fingerprint)


def network_map(
    survey: Survey,
    analysis: Analysis,
    *,
    color_by: str = "type",
    size_by: str = "degree",
    highlight: Collection[str] | None = None,
    title: str = "",
    height: int = MAP_HEIGHT,
    graph: nx.Graph | None = None,
) -> str:
    """The selection's map as a self-contained HTML page (``graph``: a part of it, e.g. one group).

    Styled by the same code as the exports' maps, so that labels, colours, sizes and anonymised
    tooltips cannot drift apart.
    """
    view = export_view(
        survey, analysis.selection, anonymize=is_anonymised(), analysis=analysis, min_ratings=min_ratings_shown()
    )
    style = map_style(view, analysis, color_by=color_by, size_by=size_by)
    return interactive_map_html(
        view, style, title=title, height_px=height, highlight=highlight, graph=graph, positions=positions_for(survey)
    )


def show(page: str, height: int = MAP_HEIGHT) -> None:
    st.iframe(page, height=height)


def change_map(
    survey: Survey, tie_changes: pd.DataFrame, from_round: str, to_round: str, height: int = MAP_HEIGHT
) -> None:
    """New ties green, dropped red, kept grey, every actor where the Map page puts it."""
    graph = nx.Graph()
    graph.add_nodes_from(survey.actors["actor_id"])
    for pair in pair_changes(tie_changes).itertuples(index=False):
        graph.add_edge(pair.first, pair.second, change=pair.status)
    types = dict(zip(survey.actors["actor_id"], survey.actors["type"]))
    labels = actor_labels(survey)
    page = network_map_html(
        graph,
        positions_for(survey),
        labels=labels,
        groups=types,
        title=f"{from_round} → {to_round}",
        height_px=height,
        show_labels=graph.number_of_nodes() <= LABELS_UP_TO,
        legend_title="type",
        group_colors=category_colors(list(survey.actors["type"].unique())),
        tie_colors=("change", CHANGE_COLORS),
    )
    show(page, height)


def aggregated_map(
    analysis: Analysis, membership: dict, group_by: str, title: str, height: int = MAP_HEIGHT
) -> tuple[str, nx.Graph]:
    """The map of a large network with one dot per group; returns the page and the group graph."""
    groups = group_graph(analysis.graph, membership)
    return aggregated_map_html(groups, title=title, height_px=height, legend_title=group_by), groups
