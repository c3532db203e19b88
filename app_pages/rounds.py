"""Rounds: did trust and joint action grow? Headline cards, every KPI on its own scale, the table, the map."""

import streamlit as st

from app_pages.map_view import change_map
from app_pages.shared import _, current_view, download_buttons, md, require_survey, tie_mode_labels
from clusternet.messages import message
from clusternet.rounds.headlines import HEADLINE_KPIS, VERDICTS, headlines
from clusternet.survey import SelectionError
from clusternet.viz.kpi_charts import kpi_chart

ANSWER = message("page.rounds.answer", "{from_round} → {to_round}, {basis}: did it grow?")
SETTINGS = message(
    "page.rounds.settings",
    "Relations: {relations}; ties {ties}; groups of the E-I index and of brokerage by {group_by}.",
)
ALL_RELATIONS = message("page.rounds.all_relations", "all")
ROUND_NOT_APPLIED = message(
    "page.rounds.round_not_applied",
    "The sidebar's round ({round}) does not apply here: the two rounds compared are chosen above.",
)
TRUST_FLOOR_NOT_APPLIED = message(
    "page.rounds.trust_floor_not_applied",
    "The minimum trust of the sidebar ({min_trust}) does not apply here: rounds are compared on every tie "
    "of the selected relations, rated or not.",
)
TRUST_OF_REPORTS = message(
    "page.rounds.trust_of_reports",
    "Trust reads the reported ties whatever the tie mode: a rating has a direction.",
)
TRUST_ANONYMISED = message(
    "page.rounds.trust_anonymised",
    "Anonymised: trust over every rated tie of each round (every relation, as reported), whatever the "
    "sidebar's relations and ties, so that no filter can be subtracted from another.",
)
PANEL_SERIES = message(
    "page.rounds.panel_series",
    "On the panel, the charts follow the actors who answered every round, who may be fewer than those of "
    "the two rounds above.",
)
NOTE = message("page.rounds.note", "Note: {note}")
CHANGE_MAP = message("page.rounds.change_map", "Change map: {from_round} → {to_round}")

# A card's change is blue when better, orange when worse, grey otherwise: colour-blind safe, and its word
# says it too.
READING_COLOURS = {"better": "blue", "worse": "orange"}
SERIES_DEFAULT = [*HEADLINE_KPIS, "high_trust_share", "firms_in_joint_action", "ei_index", "ties"]
CHARTS_PER_ROW = 4

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

st.markdown(f"**{md(view.text(ANSWER(from_round=from_round, to_round=to_round, basis=basis_labels[basis])))}**")
for column, headline in zip(st.columns(len(HEADLINE_KPIS)), headlines(comparison, basis, anonymized=view.anonymized)):
    with column:
        st.metric(
            view.text(headline.name),
            None if headline.values is None else view.text(headline.values),
            None if headline.delta is None else view.text(headline.delta),
            READING_COLOURS.get(headline.reading, "gray"),
            help=view.text(headline.meaning),
            border=True,
            delta_arrow="off" if headline.change == 0 else "auto",
            delta_description=None if headline.verdict is None else view.text(headline.verdict),
        )
        st.caption(md(view.text(headline.sentence)))
        if headline.kpi == "mean_trust" and view.anonymized:
            st.caption(view.text(TRUST_ANONYMISED()))
        elif headline.kpi == "mean_trust" and view.selection.ties != "reported":
            st.caption(view.text(TRUST_OF_REPORTS()))

relations = view.selection.relations
st.caption(
    md(
        view.text(
            SETTINGS(
                relations=", ".join(relations) if relations else ALL_RELATIONS(),
                ties=tie_mode_labels()[view.selection.ties],
                group_by=view.selection.group_by,
            )
        )
    )
)
st.caption(md(view.text(ROUND_NOT_APPLIED(round=view.selection.round))))
if view.selection.min_trust:
    st.caption(view.text(TRUST_FLOOR_NOT_APPLIED(min_trust=view.selection.min_trust)))

st.subheader(_("Every KPI over all rounds"))
series = view.kpi_series
if series is None:
    st.info(_("The KPIs of every round cannot be drawn for this selection: not every round can be compared."))
else:
    series = series.loc[series["basis"] == basis]
    st.caption(_("Each KPI on its own scale: shares from 0 to 100 %, trust over the rating scale, counts from 0."))
    if basis == "panel":
        st.caption(view.text(PANEL_SERIES()))
    chosen = st.multiselect(
        _("KPIs"),
        list(series["kpi"]),
        default=SERIES_DEFAULT,
        format_func=view.kpi_name,
        key="series_kpis",
    )
    for start in range(0, len(chosen), CHARTS_PER_ROW):
        for column, code in zip(st.columns(CHARTS_PER_ROW), chosen[start : start + CHARTS_PER_ROW]):
            column.altair_chart(kpi_chart(series, code, rounds, view.text), width="stretch")

st.subheader(_("Every KPI, with its interval"))
st.caption(
    _(
        "Intervals: the central 95 % of changes over bootstrap resamples of actors (seeded). An interval that "
        "excludes 0 is a change the choice of actors alone could not produce; see docs/rounds.md."
    )
)
kpis = view.kpi_table(comparison)
kpis = kpis.loc[kpis["basis"] == basis].drop(columns="basis")
directions = {"up": _("higher"), "down": _("lower"), "neither": _("neither way")}
kpis.insert(0, "name", [view.kpi_name(code) for code in kpis["kpi"]])
kpis["assessment"] = [view.text(VERDICTS[reading]()) if reading in VERDICTS else "" for reading in kpis["assessment"]]
kpis["good_direction"] = kpis["good_direction"].map(directions)
figures = {
    "from_value": from_round,
    "to_value": to_round,
    "change": _("change"),
    "low": _("interval from"),
    "high": _("interval to"),
    "relative_change": _("relative change"),
}
st.dataframe(
    kpis,
    hide_index=True,
    width="stretch",
    column_order=["name", *figures, "assessment", "good_direction", "meaning", "kpi"],
    column_config={
        "name": st.column_config.TextColumn(_("KPI"), pinned=True),
        **{column: st.column_config.NumberColumn(label, format="%.3g") for column, label in figures.items()},
        "assessment": _("reading"),
        "good_direction": _("better when"),
        "meaning": _("meaning"),
        "kpi": _("code"),
    },
)
for note in view.notes(comparison):
    st.caption(view.text(NOTE(note=md(note))))

st.subheader(md(view.text(CHANGE_MAP(from_round=from_round, to_round=to_round))))
st.caption(_("Same layout as the Map page: new ties black, dropped magenta, kept light grey."))
change_map(view, comparison)
st.subheader(_("Take it out"))
download_buttons(view, ["report", "xlsx", "strip-png", "strip-pdf"], key="rounds_download")
