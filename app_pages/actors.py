"""Actors: the measures table, filterable and downloadable, and one actor's profile."""

import math

import streamlit as st

from app_pages.shared import _, current_view, download_buttons, md, require_survey
from clusternet.export.tables import table_csv
from clusternet.messages import Template, message, plural_message
from clusternet.metrics.brokerage import ROLE_COLUMNS
from clusternet.view import View

CAPTION = message(
    "page.actors.caption",
    "Round {round} · {ties} ties · brokerage roles by {group_by}. Click a column header to sort; see "
    "docs/metrics.md for what each measure means.",
)
RATINGS_RECEIVED = plural_message(
    "page.actors.ratings_received", "Mean of {count} rating by others", "Mean of {count} ratings by others"
)
RATINGS_GIVEN = plural_message(
    "page.actors.ratings_given", "Mean of {count} rating of partners", "Mean of {count} ratings of partners"
)
HIDDEN_TRUST = message(
    "page.actors.hidden_trust",
    "Hidden in the anonymised view: backed by fewer than {k} ratings, or hidden so that such a figure cannot be "
    "worked out from the others",
)
PROFILE = message(
    "page.actors.profile",
    "**Type:** {type} · **answered this round:** {answered} · **constraint:** {constraint:.2f} · "
    "**effective size:** {effective_size:.1f}",
)
PROFILE_WITHOUT_TIES = message("page.actors.profile.no_tie", "**Type:** {type} · no tie in this round")
YES = message("page.actors.answered.yes", "yes")
NO = message("page.actors.answered.no", "no")


def trust_help(view: View, ratings: float, template: Template) -> str:
    """What a trust metric rests on: its ratings; anonymised and hidden (the view blanks the count
    too), only that it is hidden, since the count would tell how few partners said it."""
    if math.isnan(ratings):
        return view.text(HIDDEN_TRUST(k=view.min_ratings))
    return view.text(template(count=int(ratings)))


survey = require_survey()
view = current_view(survey)

st.title(_("Actors"))
st.caption(
    md(view.text(CAPTION(round=view.selection.round, ties=view.selection.ties, group_by=view.selection.group_by)))
)

table = view.actors_table()
left, right = st.columns(2)
types = left.multiselect(_("Types"), sorted(table["type"].unique()), placeholder=_("All types"))
communities = right.multiselect(_("Communities"), sorted(table["community"].unique()), placeholder=_("All communities"))
shown = table
if types:
    shown = shown.loc[shown["type"].isin(types)]
if communities:
    shown = shown.loc[shown["community"].isin(communities)]
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    height=420,
    column_config={
        "betweenness_norm": st.column_config.NumberColumn(format="%.3f"),
        "constraint": st.column_config.NumberColumn(format="%.3f"),
        "trust_received": st.column_config.NumberColumn(format="%.2f"),
        "trust_given": st.column_config.NumberColumn(format="%.2f"),
    },
)
st.download_button(
    _("Download this table (CSV)"),
    table_csv(shown),
    file_name=f"actors-{view.selection.round}.csv",
    mime="text/csv",
)

download_buttons(view, ["xlsx", "feedback-pdf"], key="actors_download")
st.caption(
    _(
        "The feedback sheets give each actor one page with its own position, partners and trust received in "
        "aggregate (never who said what), to hand back to respondents; they take a few seconds."
    )
)


st.header(_("Actor profile"))
chosen = st.selectbox(_("Actor"), list(view.labels), format_func=view.label, key="profile_actor")
row = view.actor_row(chosen)
received, given = float(row["trust_received"]), float(row["trust_given"])
columns = st.columns(5)
columns[0].metric(_("Partners"), int(row["degree"]))
columns[1].metric(
    _("Trust received"),
    "–" if math.isnan(received) else f"{received:.1f}",
    help=trust_help(view, float(row["trust_received_n"]), RATINGS_RECEIVED),
)
columns[2].metric(
    _("Trust given"),
    "–" if math.isnan(given) else f"{given:.1f}",
    help=trust_help(view, float(row["trust_given_n"]), RATINGS_GIVEN),
)
columns[3].metric(_("Betweenness"), f"{row['betweenness_norm']:.1%}", help=_("Share of pairs it stands between"))
columns[4].metric(_("Community"), int(row["community"]))
if row["degree"]:
    profile = PROFILE(
        type=md(row["type"]),
        answered=YES() if row["respondent"] else NO(),
        constraint=float(row["constraint"]),
        effective_size=float(row["effective_size"]),
    )
else:
    profile = PROFILE_WITHOUT_TIES(type=md(row["type"]))
st.write(view.text(profile))

roles = row[list(ROLE_COLUMNS)].astype(int).rename(_("two-paths brokered")).to_frame()
roles[_("z-score")] = [row[f"{role}_z"] for role in ROLE_COLUMNS]
partners = view.partners_table(chosen)
if view.anonymized:
    st.caption(_("Anonymised: each partner's own rating of this actor is hidden; the mean above remains."))
left, right = st.columns([3, 2])
left.subheader(_("Partners"))
left.dataframe(partners, hide_index=True, width="stretch")
right.subheader(_("Brokerage roles"))
right.dataframe(roles, width="stretch")
