"""Trust: who trusts whom by group, how ratings are spread, and one-sided trust."""

import altair as alt
import streamlit as st

from app_pages.shared import _, current_view, md, require_survey
from clusternet.constants import HIGH_TRUST, LOW_TRUST, TRUST_LABELS, TRUST_MAX, TRUST_MIN
from clusternet.messages import message, plural_message

NO_RATINGS = message(
    "page.trust.no_ratings",
    "No trust ratings in round {round} for this selection: the round may not have asked about trust.",
)
SCALE = message("page.trust.scale", "{lowest} no trust … {highest} full trust")
HIGH_TRUST_SHARE = message("page.trust.high_trust_share", "High trust ({high}–{highest})")
BETWEEN_GROUPS = message("page.trust.between_groups", "Mean trust given by each {group_by} (rows) to each (columns)")
RATED = message("page.trust.axis.rated", "rated ({group_by})")
RATER = message("page.trust.axis.rater", "rater ({group_by})")
HIDDEN_CELLS = message(
    "page.trust.hidden_cells", "Cells backed by fewer than {k} ratings are hidden in the anonymised view."
)
RATING = message("page.trust.rating", "{value} {meaning}")
ONE_SIDED = message("page.trust.one_sided", "One side rates the other {high} or more and gets {low} or less back.")
ONE_SIDED_HIDDEN = plural_message(
    "page.trust.one_sided.hidden",
    "{count} pair where one side rates the other {high} or more and gets {low} or less back; who said what is "
    "hidden in the anonymised view.",
    "{count} pairs where one side rates the other {high} or more and gets {low} or less back; who said what is "
    "hidden in the anonymised view.",
)

survey = require_survey()
view = current_view(survey)
summary = view.trust_summary()
group_by = view.selection.group_by

st.title(_("Trust"))
if summary["trust_ratings"] == 0:
    st.info(md(view.text(NO_RATINGS(round=view.selection.round))))
    st.stop()
columns = st.columns(3)
columns[0].metric(
    _("Mean trust"), f"{summary['mean_trust']:.2f}", help=view.text(SCALE(lowest=TRUST_MIN, highest=TRUST_MAX))
)
columns[1].metric(view.text(HIGH_TRUST_SHARE(high=HIGH_TRUST, highest=TRUST_MAX)), f"{summary['high_trust_share']:.0%}")
columns[2].metric(_("Ratings"), summary["trust_ratings"])

st.subheader(md(view.text(BETWEEN_GROUPS(group_by=group_by))))
means, counts = view.trust_between_groups()
cells = means.stack(future_stack=True).rename("mean_trust").reset_index()
cells.columns = ["from", "to", "mean_trust"]
cells["ratings"] = counts.stack(future_stack=True).to_numpy()
heat = (
    alt.Chart(cells)
    .mark_rect()
    .encode(
        x=alt.X("to:N", title=view.text(RATED(group_by=group_by))),
        y=alt.Y("from:N", title=view.text(RATER(group_by=group_by))),
        color=alt.Color(
            "mean_trust:Q",
            scale=alt.Scale(domain=[TRUST_MIN, TRUST_MAX], scheme="redyellowgreen"),
            title=_("mean trust"),
        ),
        tooltip=["from", "to", alt.Tooltip("mean_trust:Q", format=".2f"), "ratings"],
    )
)
labels_layer = (
    alt.Chart(cells.dropna())
    .mark_text(fontSize=12)
    .encode(x="to:N", y="from:N", text=alt.Text("mean_trust:Q", format=".1f"))
)
st.altair_chart(heat + labels_layer, width="stretch")
if view.anonymized:
    st.caption(view.text(HIDDEN_CELLS(k=view.min_ratings)))
with st.expander(_("The numbers behind the chart")):
    st.dataframe(
        cells,
        hide_index=True,
        width="stretch",
        column_config={"mean_trust": st.column_config.NumberColumn(format="%.2f")},
    )

left, right = st.columns(2)
left.subheader(_("Ratings given"))
distribution = view.rating_distribution().reset_index()
distribution["label"] = [
    view.text(RATING(value=value, meaning=TRUST_LABELS[value]())) for value in distribution["trust"]
]
left.altair_chart(
    alt.Chart(distribution)
    .mark_bar()
    .encode(x=alt.X("label:N", title=_("rating"), sort=None), y=alt.Y("ratings:Q", title=_("ratings"))),
    width="stretch",
)
right.subheader(_("One-sided trust"))
pairs = view.one_sided_trust()
if view.anonymized:
    right.write(view.text(ONE_SIDED_HIDDEN(count=len(pairs), high=HIGH_TRUST, low=LOW_TRUST)))
else:
    right.caption(view.text(ONE_SIDED(high=HIGH_TRUST, low=LOW_TRUST)))
    right.dataframe(pairs, hide_index=True, width="stretch")
