"""Rounds: what changed between two survey rounds, with intervals, over time, and on the map."""

import altair as alt
import streamlit as st

from app_pages.map_view import change_map
from app_pages.shared import current_selection, download_buttons, md, require_survey, shown_text, time_series_for
from clusternet.rounds import compare_rounds
from clusternet.survey import Survey


@st.cache_data(show_spinner="Comparing the rounds…", max_entries=32)
def comparison(_survey: Survey, fingerprint: str, from_round: str, to_round: str, relations, ties: str):
    return compare_rounds(_survey, from_round, to_round, relations=relations, ties=ties)


survey = require_survey()
selection = current_selection(survey)
rounds = survey.round_labels
st.title("Rounds")
if len(rounds) < 2:
    st.info("This survey has one round: there is nothing to compare yet.")
    st.stop()

left, middle, right = st.columns([1, 1, 2])
from_round = left.selectbox("From", rounds, index=0, key="from_round")
to_round = middle.selectbox("To", rounds, index=len(rounds) - 1, key="to_round")
basis = right.radio(
    "Basis",
    ["all", "panel"],
    horizontal=True,
    key="basis",
    format_func={"all": "all actors", "panel": "panel (answered both rounds)"}.get,
)
if from_round == to_round:
    st.warning("Choose two different rounds.")
    st.stop()
try:
    result = comparison(survey, survey.fingerprint, from_round, to_round, selection.relations, selection.ties)
except ValueError as error:
    st.error(str(error))
    st.stop()

kpis = result.kpis.loc[result.kpis["basis"] == basis].drop(columns="basis")
st.caption(
    "Intervals: the central 95 % of changes over bootstrap resamples of actors (seeded). An interval "
    "that excludes 0 is a change the choice of actors alone could not produce; see docs/rounds.md."
)
st.dataframe(
    kpis,
    hide_index=True,
    width="stretch",
    column_config={
        column: st.column_config.NumberColumn(format="%.3g")
        for column in ["from_value", "to_value", "change", "low", "high", "relative_change"]
    },
)
for note in result.notes:
    st.caption(f"Note: {md(shown_text(survey, note))}")

st.subheader("KPIs over all rounds")
series = time_series_for(survey, selection)
series = series.loc[series["basis"] == basis]
chosen = st.multiselect(
    "KPIs",
    list(series["kpi"]),
    default=["mean_trust", "high_trust_share", "firm_institution_linkage"],
    key="series_kpis",
)
long = series.loc[series["kpi"].isin(chosen)].melt(
    id_vars=["kpi"], value_vars=rounds, var_name="round", value_name="value"
)
st.altair_chart(
    alt.Chart(long)
    .mark_line(point=True)
    .encode(
        x=alt.X("round:N", sort=rounds, title="round"),
        y=alt.Y("value:Q", title="value"),
        color="kpi:N",
        tooltip=["kpi", "round", alt.Tooltip("value:Q", format=".3g")],
    ),
    width="stretch",
)

st.subheader(f"Change map: {md(from_round)} → {md(to_round)}")
st.caption("Same layout as the Map page: new ties green, dropped red, kept grey.")
change_map(survey, result.tie_changes, from_round, to_round)
st.subheader("Take it out")
download_buttons(survey, selection, ["report", "xlsx", "strip-png", "strip-pdf"], key="rounds_download")
