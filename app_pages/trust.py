"""Trust: who trusts whom by type, how ratings are spread, and one-sided trust."""

import altair as alt
import networkx as nx
import streamlit as st

from app_pages.shared import (
    actor_labels,
    analysis_for,
    current_selection,
    is_anonymised,
    md,
    min_ratings_shown,
    require_survey,
)
from clusternet.constants import TRUST_LABELS
from clusternet.metrics.trust import asymmetric_pairs, rating_distribution, trust_between_groups, trust_summary

survey = require_survey()
selection = current_selection(survey)
analysis = analysis_for(survey, selection)
reported = analysis.reported
summary = trust_summary(reported)

st.title("Trust")
if summary["trust_ratings"] == 0:
    st.info(
        f"No trust ratings in round {md(selection.round)} for this selection: the round may not have asked about trust."
    )
    st.stop()
columns = st.columns(3)
columns[0].metric("Mean trust", f"{summary['mean_trust']:.2f}", help="1 no trust … 5 full trust")
columns[1].metric("High trust (4–5)", f"{summary['high_trust_share']:.0%}")
columns[2].metric("Ratings", summary["trust_ratings"])

st.subheader(f"Mean trust given by each {md(selection.group_by)} (rows) to each (columns)")
groups = nx.get_node_attributes(reported, selection.group_by)
minimum = min_ratings_shown() if is_anonymised() else 1
means, counts = trust_between_groups(reported, groups, min_ratings=minimum)
cells = means.stack(future_stack=True).rename("mean_trust").reset_index()
cells.columns = ["from", "to", "mean_trust"]
cells["ratings"] = counts.stack(future_stack=True).values
heat = (
    alt.Chart(cells)
    .mark_rect()
    .encode(
        x=alt.X("to:N", title=f"rated ({selection.group_by})"),
        y=alt.Y("from:N", title=f"rater ({selection.group_by})"),
        color=alt.Color("mean_trust:Q", scale=alt.Scale(domain=[1, 5], scheme="redyellowgreen"), title="mean trust"),
        tooltip=["from", "to", alt.Tooltip("mean_trust:Q", format=".2f"), "ratings"],
    )
)
labels_layer = (
    alt.Chart(cells.dropna())
    .mark_text(fontSize=12)
    .encode(x="to:N", y="from:N", text=alt.Text("mean_trust:Q", format=".1f"))
)
st.altair_chart(heat + labels_layer, width="stretch")
if is_anonymised():
    st.caption(f"Cells backed by fewer than {minimum} ratings are hidden in the anonymised view.")

left, right = st.columns(2)
left.subheader("Ratings given")
distribution = rating_distribution(reported).reset_index()
distribution["label"] = distribution["trust"].map(lambda value: f"{value} {TRUST_LABELS[value]}")
left.altair_chart(
    alt.Chart(distribution)
    .mark_bar()
    .encode(x=alt.X("label:N", title="rating", sort=None), y=alt.Y("ratings:Q", title="ratings")),
    width="stretch",
)
right.subheader("One-sided trust")
pairs = asymmetric_pairs(reported)
labels = actor_labels(survey)
pairs[["truster", "trusted"]] = pairs[["truster", "trusted"]].apply(lambda column: column.map(labels))
if is_anonymised():
    right.write(
        f"{len(pairs)} pair(s) where one side rates the other 4 or more and gets 2 or less back; "
        "who said what is hidden in the anonymised view."
    )
else:
    right.caption("One side rates the other 4 or more and gets 2 or less back.")
    right.dataframe(pairs, hide_index=True, width="stretch")
