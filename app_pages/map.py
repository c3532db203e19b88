"""Map: the interactive network of the selected round, coloured, sized and searchable."""

import streamlit as st

from app_pages.map_view import aggregated_map, network_map, show
from app_pages.shared import (
    actor_labels,
    analysis_for,
    current_selection,
    download_buttons,
    is_anonymised,
    md,
    require_survey,
)
from clusternet.anonymize import free_text_columns
from clusternet.viz.aggregate import AGGREGATE_ABOVE_ACTORS, drill_down

SIZE_MEASURES = [
    "degree",
    "in_degree",
    "betweenness_norm",
    "trust_received",
    "effective_size",
    "brokerage_total",
    "prestige",
]

survey = require_survey()
selection = current_selection(survey)
analysis = analysis_for(survey, selection)
labels = actor_labels(survey)

st.title("Map")
relations = ", ".join(selection.relations) if selection.relations else "all relations"
place = f"Round {md(selection.round)} · {md(relations)}"
network = dict(zip(analysis.network["metric"], analysis.network["value"]))
st.caption(
    f"{place} · {selection.ties} ties"
    + (f" · trust ≥ {selection.min_trust}" if selection.min_trust else "")
    + f" · {int(network['ties'])} ties among {int(network['actors'])} actors · response rate "
    f"{network['response_rate']:.0%}. Actors keep their place across rounds and filters."
)

left, middle, right = st.columns(3)
hidden = free_text_columns(survey.actors) if is_anonymised() else []  # their values would name actors
color_options = ["type", "community"] + [name for name in survey.attribute_names if name not in ["type", *hidden]]
color_by = left.selectbox("Colour by", color_options, key="map_color_by")
size_by = middle.selectbox("Size by", SIZE_MEASURES, key="map_size_by", format_func=lambda name: name.replace("_", " "))
actor_ids = list(analysis.actors["actor_id"])
search = right.selectbox(
    "Find an actor",
    actor_ids,
    index=None,
    format_func=labels.get,
    placeholder="Type a name to highlight its partners",
    key="map_search",
)

title = f"{selection.round}: {relations}"
if len(actor_ids) > AGGREGATE_ABOVE_ACTORS:
    st.info(
        f"{len(actor_ids):,} actors: the map opens on one dot per {color_by} group (size: actors, lines: "
        "ties between groups). Choose a group to see its actors and their partners."
    )
    membership = dict(zip(analysis.actors["actor_id"], analysis.actors[color_by]))
    overview, groups = aggregated_map(analysis, membership, color_by, title)
    group = st.selectbox(
        "Open a group",
        list(groups.nodes),
        index=None,
        key="map_group",
        format_func=lambda label: f"{label} ({groups.nodes[label]['actors']:,} actors)",
        placeholder="The overview of all groups",
    )
    if group is None and search is None:
        show(overview)
    else:
        members = groups.nodes[group]["members"] if group is not None else [search]
        part = drill_down(analysis.graph, members, with_partners=True)
        show(
            network_map(
                survey,
                analysis,
                color_by=color_by,
                size_by=size_by,
                highlight=set(members),
                title=f"{title} · {group if group is not None else labels[search]}",
                graph=part,
            )
        )
else:
    show(
        network_map(
            survey, analysis, color_by=color_by, size_by=size_by, highlight={search} if search else None, title=title
        )
    )
st.caption(
    "Hover an actor or a tie for details; drag to pan, scroll to zoom. Dashed ties are not confirmed "
    "by the partner (unconfirmable when the partner did not answer)."
)
st.subheader("Take it out")
download_buttons(survey, selection, ["png", "svg", "pdf", "gexf", "graphml", "csv"], key="map_download")
