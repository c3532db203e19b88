"""Map: the interactive network of the selected round, coloured, sized and searchable."""

import streamlit as st

from app_pages.map_view import network_map, show
from app_pages.shared import actor_labels, analysis_for, current_selection, download_buttons, md, require_survey

SIZE_MEASURES = ["degree", "in_degree", "betweenness_norm", "trust_received", "effective_size",
                 "brokerage_total", "prestige"]

survey = require_survey()
selection = current_selection(survey)
analysis = analysis_for(survey, selection)
labels = actor_labels(survey)

st.title("Map")
relations = ", ".join(selection.relations) if selection.relations else "all relations"
place = f"Round {md(selection.round)} · {md(relations)}"
network = dict(zip(analysis.network["metric"], analysis.network["value"]))
st.caption(f"{place} · {selection.ties} ties"
           + (f" · trust ≥ {selection.min_trust}" if selection.min_trust else "")
           + f" · {int(network['ties'])} ties among {int(network['actors'])} actors · response rate "
           f"{network['response_rate']:.0%}. Actors keep their place across rounds and filters.")

left, middle, right = st.columns(3)
color_options = ["type", "community"] + [name for name in survey.attribute_names if name != "type"]
color_by = left.selectbox("Colour by", color_options, key="map_color_by")
size_by = middle.selectbox("Size by", SIZE_MEASURES, key="map_size_by",
                           format_func=lambda name: name.replace("_", " "))
actor_ids = list(analysis.actors["actor_id"])
search = right.selectbox("Find an actor", actor_ids, index=None, format_func=labels.get,
                         placeholder="Type a name to highlight its partners", key="map_search")

page = network_map(survey, analysis, color_by=color_by, size_by=size_by,
                   highlight={search} if search else None,
                   title=f"{selection.round}: {relations}")
show(page)
st.caption("Hover an actor or a tie for details; drag to pan, scroll to zoom. Dashed ties are not confirmed "
           "by the partner (unconfirmable when the partner did not answer).")
st.subheader("Take it out")
download_buttons(survey, selection, ["png", "svg", "pdf", "gexf", "graphml", "csv"], key="map_download")
