"""Rounds: what changed between two survey rounds, with intervals, over time, and on the map."""

import altair as alt
import streamlit as st

from app_pages.map_view import change_map
from app_pages.shared import _, current_view, download_buttons, md, require_survey
from clusternet.kpis import KPI_BY_CODE
from clusternet.messages import message
from clusternet.survey import SelectionError

SETTINGS = message(
    "page.rounds.settings",
    "Relations and tie mode as in the sidebar; groups of the E-I index and of brokerage by {group_by}.",
)
TRUST_FLOOR_NOT_APPLIED = message(
    "page.rounds.trust_floor_not_applied",
    "The minimum trust of the sidebar ({min_trust}) does not apply here: rounds are compared on every tie "
    "of the selected relations, rated or not.",
)
NOTE = message("page.rounds.note", "Note: {note}")
CHANGE_MAP = message("page.rounds.change_map", "Change map: {from_round} → {to_round}")

survey = require_survey()
view = current_view(survey)
rounds = survey.round_labels
st.title(_("Rounds"))
if len(rounds) < 2:
    st.info(_("This survey has one round: there is nothing to compare yet."))
    st.stop()

left, middle, right = st.columns([1, 1, 2])
from_round = left.selectbox(_("From"), rounds, index=0, key="from_round")
to_round = middle.selectbox(_("To"), rounds, index=len(rounds) - 1, key="to_round")
basis_labels = {"all": _("all actors"), "panel": _("panel (answered both rounds)")}
basis = right.radio(_("Basis"), list(basis_labels), horizontal=True, key="basis", format_func=basis_labels.get)
if from_round == to_round:
    st.warning(_("Choose two different rounds."))
    st.stop()
try:
    comparison = view.compare(from_round, to_round)
except SelectionError as error:
    st.error(md(view.text(error.message)))
    st.stop()

st.caption(md(view.text(SETTINGS(group_by=view.selection.group_by))))
if view.selection.min_trust:
    st.caption(view.text(TRUST_FLOOR_NOT_APPLIED(min_trust=view.selection.min_trust)))
kpis = view.kpi_table(comparison)
kpis = kpis.loc[kpis["basis"] == basis].drop(columns="basis")
st.caption(
    _(
        "Intervals: the central 95 % of changes over bootstrap resamples of actors (seeded). An interval that "
        "excludes 0 is a change the choice of actors alone could not produce; see docs/rounds.md."
    )
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
for note in view.notes(comparison):
    st.caption(view.text(NOTE(note=md(note))))

st.subheader(_("KPIs over all rounds"))
series = view.kpi_series
if series is None:
    st.info(_("The KPIs of every round cannot be drawn for this selection: not every round can be compared."))
else:
    series = series.loc[series["basis"] == basis]
    chosen = st.multiselect(
        _("KPIs"),
        list(series["kpi"]),
        default=["mean_trust", "high_trust_share", "firm_institution_linkage"],
        format_func=lambda code: view.text(KPI_BY_CODE[code].label()),
        key="series_kpis",
    )
    long = series.loc[series["kpi"].isin(chosen)].melt(
        id_vars=["kpi"], value_vars=rounds, var_name="round", value_name="value"
    )
    long["name"] = [view.text(KPI_BY_CODE[code].label()) for code in long["kpi"]]
    long.attrs.clear()  # the series' notes are messages, not chart data
    st.altair_chart(
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("round:N", sort=rounds, title=_("round")),
            y=alt.Y("value:Q", title=_("value")),
            color=alt.Color("name:N", title=_("KPI")),
            tooltip=["name", "round", alt.Tooltip("value:Q", format=".3g")],
        ),
        width="stretch",
    )

st.subheader(md(view.text(CHANGE_MAP(from_round=from_round, to_round=to_round))))
st.caption(_("Same layout as the Map page: new ties green, dropped red, kept grey."))
change_map(view, comparison)
st.subheader(_("Take it out"))
download_buttons(view, ["report", "xlsx", "strip-png", "strip-pdf"], key="rounds_download")
