"""The network map as the pages show it, drawn from the page's view: positions, colours, sizes, tooltips.

Pages show the map with vis-network loaded from the app's static files (``static/``, served with
``server.enableStaticServing``), so that the browser fetches the library once and caches it instead
of receiving it with every rerun.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Hashable

import networkx as nx
import streamlit as st

from clusternet.messages import message
from clusternet.rounds import Comparison
from clusternet.rounds.changes import DROPPED, KEPT, NEW, pair_changes
from clusternet.view import View
from clusternet.viz.aggregate import aggregated_map_html
from clusternet.viz.layout import placed_beside
from clusternet.viz.map_style import interactive_map_html, map_style, picture_style
from clusternet.viz.network_map import network_map_html
from clusternet.viz.styles import category_colors
from clusternet.whatif import Simulation
from clusternet.whatif import simulation as plan

CHANGE_COLORS = {NEW: "#1A1A1A", DROPPED: "#E7298A", KEPT: "#C8C8C8"}
"""Ties of the change map: new near-black, dropped magenta, kept light grey. None is a node colour
of the type palette (tests/viz/test_palettes.py), and they differ in lightness, so they read to
colour-blind eyes and in grey too."""

MAP_HEIGHT = 650
VIS_NETWORK = "static"
"""How the app's maps load vis-network: from the app's static files, fetched once and cached."""

SCENARIO_COLORS = {plan.NEW: "#1A9641", plan.REMOVED: "#D7191C", plan.KEPT: "#C8C8C8"}
"""Ties of the what-if maps: new green (and dashed), removed red, kept light grey."""

CHANGE_TITLE = message("page.rounds.change_map.title", "{from_round} → {to_round}")
TYPE_LEGEND = message("page.map.legend.type", "type")


def network_map(
    view: View,
    *,
    color_by: str = "type",
    size_by: str = "degree",
    highlight: Collection[Hashable] | None = None,
    title: str = "",
    height: int = MAP_HEIGHT,
    graph: nx.Graph | None = None,
) -> str:
    """The view's map as an HTML page (``graph``: a part of it, e.g. one group or a ``MapScope``'s).

    Styled by the same code as the exports' maps, so that labels, colours, sizes and anonymised
    tooltips cannot drift apart. A highlighted actor's ego network is zoomed to. Made once per survey,
    selection, audience (names or codes, k, language, anonymisation key) and every argument, the part
    drawn by its content (:func:`graph_key`): a rerun that changes nothing the map shows sends the
    page again without drawing it again.
    """
    shown = None if highlight is None else tuple(sorted({str(actor) for actor in highlight}))
    return _network_map_page(
        view,
        graph,
        view.survey.fingerprint,
        view.selection,
        view.audience,
        color_by,
        size_by,
        shown,
        title,
        height,
        graph_key(graph),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _network_map_page(
    _view: View,
    _graph: nx.Graph | None,
    fingerprint: str,
    selection: Hashable,
    audience: Hashable,
    color_by: str,
    size_by: str,
    highlight: tuple[str, ...] | None,
    title: str,
    height: int,
    graph: str | None,
) -> str:
    """The page of :func:`network_map`, keyed by what it shows (``graph``: the part's key, None for the
    whole selection)."""
    style = map_style(_view, _view.analysis, color_by=color_by, size_by=size_by)
    return interactive_map_html(
        _view,
        style,
        title=title,
        height_px=height,
        highlight=None if highlight is None else set(highlight),
        graph=_graph,
        positions=_view.positions,
        vis_network=VIS_NETWORK,
    )


def graph_key(graph: nx.Graph | None) -> str | None:
    """A part of the view's graph as a cache key: a digest of its actors and ties, sorted (a tie's
    direction kept when directed); None for the whole graph. Never the part's identity: a rerun builds
    the same part again as a new object, and a new object may take the place of a dropped one."""
    if graph is None:
        return None
    directed = graph.is_directed()
    ties = sorted(tuple(edge) if directed else tuple(sorted(edge)) for edge in graph.edges)
    content = json.dumps([directed, sorted(map(str, graph)), ties])
    return hashlib.sha256(content.encode()).hexdigest()


def show(page: str, height: int = MAP_HEIGHT) -> None:
    st.iframe(page, height=height)


def change_map(view: View, comparison: Comparison, height: int = MAP_HEIGHT) -> None:
    """New ties near-black, dropped magenta, kept light grey, every actor where the Map page puts it
    and labelled as the view labels it."""
    page = _change_map_page(
        view,
        comparison,
        view.survey.fingerprint,
        view.selection,
        view.audience,
        comparison.from_round,
        comparison.to_round,
        height,
    )
    show(page, height)


@st.cache_data(show_spinner=False, max_entries=16)
def _change_map_page(
    _view: View,
    _comparison: Comparison,
    fingerprint: str,
    selection: Hashable,
    audience: Hashable,
    from_round: str,
    to_round: str,
    height: int,
) -> str:
    """The change map's page, made once per survey, selection, audience and pair of rounds (a rerun of
    the Rounds page sends it again without drawing it again)."""
    graph = nx.Graph()
    graph.add_nodes_from(_view.labels)
    for pair in pair_changes(_comparison.tie_changes).itertuples(index=False):
        graph.add_edge(pair.first, pair.second, change=pair.status)
    types = dict(zip(_view.survey.actors["actor_id"], _view.survey.actors["type"]))
    return network_map_html(
        graph,
        _view.positions,
        labels=_view.labels,
        groups=types,
        title=_view.text(CHANGE_TITLE(from_round=from_round, to_round=to_round)),
        height_px=height,
        legend_title=_view.text(TYPE_LEGEND()),
        group_colors=category_colors(list(_view.survey.actors["type"].unique())),
        tie_colors=("change", CHANGE_COLORS),
        tie_trust=_view.shows_tie_ratings,
        vis_network=VIS_NETWORK,
        text=_view.text,
    )


def aggregated_map(view: View, color_by: str, title: str, height: int = MAP_HEIGHT) -> tuple[str, nx.Graph]:
    """The map of a large network with one dot per group of ``color_by``; returns the page and the
    group graph, made once per survey, selection, audience and argument.

    Anonymised, the view shows a line's mean trust only where published cells of trust between groups
    give it.
    """
    return _aggregated_map_page(view, view.survey.fingerprint, view.selection, view.audience, color_by, title, height)


@st.cache_data(show_spinner=False, max_entries=16)
def _aggregated_map_page(
    _view: View, fingerprint: str, selection: Hashable, audience: Hashable, color_by: str, title: str, height: int
) -> tuple[str, nx.Graph]:
    """The page and group graph of :func:`aggregated_map`, keyed by what they show."""
    style = picture_style(_view, _view.analysis.graph, color_by=color_by)
    groups = _view.group_graph(style.groups, style.color_by)
    page = aggregated_map_html(
        groups,
        title=title,
        height_px=height,
        legend_title=style.color_by,
        group_colors=style.group_colors,
        vis_network=VIS_NETWORK,
        text=_view.text,
    )
    return page, groups


def scenario_maps(
    view: View, simulation: Simulation, titles: tuple[str, str], words: dict[str, str], height: int = MAP_HEIGHT
) -> tuple[str, str]:
    """The round as it is (removed ties red) and after the scenario (new ties dashed green), both on
    the Map page's layout, kept ties light grey; an actor the scenario adds is put beside its
    partners. ``words`` names the three kinds of tie (``new``, ``removed``, ``kept``) in the legend,
    under ``words["section"]``."""
    changes = simulation.tie_changes()
    section = words["section"]
    colors = {words[status]: SCENARIO_COLORS[status] for status in (plan.NEW, plan.REMOVED, plan.KEPT)}
    pages = []
    for state, shown, title in (
        (simulation.before, (plan.KEPT, plan.REMOVED), titles[0]),
        (simulation.after, (plan.KEPT, plan.NEW), titles[1]),
    ):
        graph = nx.Graph()
        graph.add_nodes_from(state.actors.index)
        for pair in changes.loc[changes["status"].isin(shown)].itertuples(index=False):
            graph.add_edge(pair.first, pair.second, **{section: words[pair.status]})
        pages.append(
            network_map_html(
                graph,
                placed_beside(view.positions, graph),
                labels={actor: view.labels.get(actor, actor) for actor in graph},
                groups=state.actors["type"].to_dict(),
                title=title,
                height_px=height,
                legend_title=view.text(TYPE_LEGEND()),
                group_colors=category_colors(list(view.survey.actors["type"].unique())),
                tie_colors=(section, {label: colors[label] for label in (words[status] for status in shown)}),
                tie_dashes=(section, {words[plan.NEW]}),
                tie_trust=view.shows_tie_ratings,
                vis_network=VIS_NETWORK,
                text=view.text,
            )
        )
    return pages[0], pages[1]
