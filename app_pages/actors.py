"""Actors: the measures table, filterable and downloadable, and one actor's profile."""

import streamlit as st

from app_pages.shared import (
    actor_labels,
    analysis_for,
    current_selection,
    download_buttons,
    is_anonymised,
    md,
    require_survey,
    shown_actor_table,
)
from clusternet.export.tables import neutralize_formulas
from clusternet.metrics.brokerage import ROLE_COLUMNS
from clusternet.profile import partners_table

survey = require_survey()
selection = current_selection(survey)
analysis = analysis_for(survey, selection)
labels = actor_labels(survey)

st.title("Actors")
st.caption(
    f"Round {md(selection.round)} · {selection.ties} ties · brokerage roles by {md(selection.group_by)}. "
    "Click a column header to sort; see docs/metrics.md for what each measure means."
)

table = shown_actor_table(survey, analysis.actors)
left, right = st.columns(2)
types = left.multiselect("Types", sorted(table["type"].unique()), placeholder="All types")
communities = right.multiselect("Communities", sorted(table["community"].unique()), placeholder="All communities")
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
    "Download this table (CSV)",
    neutralize_formulas(shown).to_csv(index=False).encode("utf-8"),
    file_name=f"actors-{selection.round}.csv",
    mime="text/csv",
)

download_buttons(survey, selection, ["xlsx", "feedback-pdf"], key="actors_download")
st.caption(
    "The feedback sheets give each actor one page with its own position, partners and trust received "
    "in aggregate (never who said what), to hand back to respondents; they take a few seconds."
)

st.header("Actor profile")
actor_ids = list(analysis.actors["actor_id"])
chosen = st.selectbox("Actor", actor_ids, format_func=labels.get, key="profile_actor")
row = analysis.actors.set_index("actor_id").loc[chosen]
columns = st.columns(5)
columns[0].metric("Partners", int(row["degree"]))
columns[1].metric(
    "Trust received",
    "–" if row["trust_received_n"] == 0 else f"{row['trust_received']:.1f}",
    help=f"Mean of {int(row['trust_received_n'])} rating(s) by others",
)
columns[2].metric("Trust given", "–" if row["trust_given_n"] == 0 else f"{row['trust_given']:.1f}")
columns[3].metric("Betweenness", f"{row['betweenness_norm']:.1%}", help="Share of pairs it stands between")
columns[4].metric("Community", int(row["community"]))
st.write(
    f"**Type:** {md(row['type'])} · **answered this round:** {'yes' if row['respondent'] else 'no'} · "
    f"**constraint:** {row['constraint']:.2f} · **effective size:** {row['effective_size']:.1f}"
    if row["degree"]
    else f"**Type:** {md(row['type'])} · no tie in this round"
)

roles = row[list(ROLE_COLUMNS)].astype(int).rename("two-paths brokered").to_frame()
roles["z-score"] = [row[f"{role}_z"] for role in ROLE_COLUMNS]
partners = partners_table(analysis, chosen)
partners["partner"] = partners["partner"].map(labels)
if is_anonymised():
    partners = partners.drop(columns="trust_received")
    st.caption("Anonymised: each partner's own rating of this actor is hidden; the mean above remains.")
left, right = st.columns([3, 2])
left.subheader("Partners")
left.dataframe(partners, hide_index=True, width="stretch")
right.subheader("Brokerage roles")
right.dataframe(roles, width="stretch")
