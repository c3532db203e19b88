"""Map: the interactive network of the selected round, coloured, sized and searchable."""

import streamlit as st

from app_pages.map_view import aggregated_map, network_map, show
from app_pages.shared import _, current_view, download_buttons, md, require_survey
from clusternet.messages import message
from clusternet.viz.aggregate import AGGREGATE_ABOVE_ACTORS, drill_down
from clusternet.viz.map_style import map_style

SIZE_MEASURES = [
    "degree",
    "in_degree",
    "betweenness_norm",
    "trust_received",
    "effective_size",
    "brokerage_total",
    "prestige",
]

CAPTION = message(
    "page.map.caption",
    "{selection} · {ties} ties among {actors} actors · response rate {response_rate:.0%}. Actors keep their "
    "place across rounds and filters.",
)
AGGREGATED = message(
    "page.map.aggregated",
    "{actors:,} actors: the map opens on one dot per {group_by} group (size: actors, lines: ties between "
    "groups). Choose a group to see its actors and their partners.",
)

survey = require_survey()
view = current_view(survey)
network = view.network_values

st.title(_("Map"))
st.caption(
    md(
        view.text(
            CAPTION(
                selection=view.selection_message(),
                ties=int(network["ties"]),
                actors=int(network["actors"]),
                response_rate=network["response_rate"],
            )
        )
    )
)

left, middle, right = st.columns(3)
color_options = ["type", "community", *[name for name in view.attributes if name != "type"]]
color_by = left.selectbox(_("Colour by"), color_options, key="map_color_by")
size_by = middle.selectbox(
    _("Size by"), SIZE_MEASURES, key="map_size_by", format_func=lambda name: name.replace("_", " ")
)
actor_ids = list(view.labels)
search = right.selectbox(
    _("Find an actor"),
    actor_ids,
    index=None,
    format_func=view.label,
    placeholder=_("Type a name to highlight its partners"),
    key="map_search",
)

if len(actor_ids) > AGGREGATE_ABOVE_ACTORS:
    st.info(md(view.text(AGGREGATED(actors=len(actor_ids), group_by=color_by))))
    style = map_style(view, view.analysis, color_by=color_by, size_by=size_by)
    overview, groups = aggregated_map(view, style, view.title)
    group = st.selectbox(
        _("Open a group"),
        list(groups.nodes),
        index=None,
        key="map_group",
        format_func=lambda label: _("{group} ({actors:,} actors)").format(
            group=label, actors=groups.nodes[label]["actors"]
        ),
        placeholder=_("The overview of all groups"),
    )
    if group is None and search is None:
        show(overview)
    else:
        members = groups.nodes[group]["members"] if group is not None else [search]
        show(
            network_map(
                view,
                color_by=color_by,
                size_by=size_by,
                highlight=set(members),
                title=f"{view.title} · {group if group is not None else view.label(search)}",
                graph=drill_down(view.analysis.graph, members, with_partners=True),
            )
        )
else:
    show(
        network_map(view, color_by=color_by, size_by=size_by, highlight={search} if search else None, title=view.title)
    )
st.caption(
    _(
        "Hover an actor or a tie for details; drag to pan, scroll to zoom. Dashed ties are not confirmed by the "
        "partner (unconfirmable when the partner did not answer)."
    )
)
st.subheader(_("Take it out"))
download_buttons(view, ["png", "svg", "pdf", "gexf", "graphml", "csv"], key="map_download")
