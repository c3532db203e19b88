"""Map: the interactive network of the selected round, coloured, sized, filtered and searchable.

Its downloads draw what it shows: the same colour, size, filter, found actor and neighbourhood.
"""

import streamlit as st

from app_pages.downloads import map_download_buttons
from app_pages.map_view import aggregated_map, network_map, show
from app_pages.shared import _, current_view, md, require_survey
from clusternet.messages import message
from clusternet.viz.aggregate import AGGREGATE_ABOVE_ACTORS, drill_down
from clusternet.viz.map_style import ActorFilter, MapScope, filter_columns, filter_values

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
    placeholder=_("Type a name to zoom to it and its partners"),
    key="map_search",
)
steps_labels = {0: _("the whole map"), 1: _("its partners only"), 2: _("two steps around it")}
shown_left, filter_middle, filter_right = st.columns(3)
steps = shown_left.radio(
    _("Show"),
    list(steps_labels),
    format_func=steps_labels.get,
    horizontal=True,
    key="map_steps",
    disabled=search is None,
    help=_("Find an actor first: then show only its neighbourhood, one or two ties away"),
)
filter_by = filter_middle.selectbox(
    _("Filter actors by"), filter_columns(view), index=None, placeholder=_("No filter"), key="map_filter_by"
)
kept_values: list[str] = []
if filter_by is not None:
    kept_values = filter_right.multiselect(
        _("Keep only"),
        sorted(set(filter_values(view, filter_by).values()), key=str.casefold),
        key=f"map_filter_values_{filter_by}",
        placeholder=_("Every value"),
    )
scope = MapScope(
    highlight=frozenset({search}) if search else frozenset(),
    actor_filter=ActorFilter(filter_by, frozenset(kept_values)) if filter_by and kept_values else None,
    steps=int(steps) if search else 0,
)

if len(actor_ids) > AGGREGATE_ABOVE_ACTORS:
    st.info(md(view.text(AGGREGATED(actors=len(actor_ids), group_by=color_by))))
    overview, groups = aggregated_map(view, color_by, view.title)
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
    shown = scope.graph(view)
    show(
        network_map(
            view,
            color_by=color_by,
            size_by=size_by,
            highlight=scope.highlight or None,
            title=view.title,
            graph=shown if shown is not view.analysis.graph else None,
        )
    )
st.caption(
    _(
        "Hover an actor or a tie for details; drag to pan, scroll to zoom. Dashed ties are not confirmed by the "
        "partner (unconfirmable when the partner did not answer)."
    )
)
st.subheader(_("Take it out"))
map_download_buttons(
    view,
    ["png", "svg", "pdf", "gexf", "graphml", "csv"],
    key="map_download",
    color_by=color_by,
    size_by=size_by,
    scope=scope,
)
