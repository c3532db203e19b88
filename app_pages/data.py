"""Data: choose the survey (the sample, or an upload), see its problems or what it holds."""

import streamlit as st

from app_pages.shared import TEMPLATE, _, current_language, current_survey, current_view, md
from clusternet.i18n import renderer
from clusternet.messages import message, plural_message
from clusternet.survey.problems import problems_table
from clusternet.survey.summary import summarize

REFUSED = message(
    "page.data.refused",
    "The survey cannot be analysed: {errors} error(s), {warnings} warning(s). Correct the file and upload it again.",
)
USING = message("page.data.using", "Using {source}: {actors} actors, {tie_rows} tie rows, {rounds} round(s).")
THE_SAMPLE = message("page.data.source.sample", "the bundled sample")
AN_UPLOAD = message("page.data.source.upload", "the uploaded survey")
WARNINGS = plural_message(
    "page.data.warnings",
    "{count} warning: the survey was analysed, but check it.",
    "{count} warnings: the survey was analysed, but check these.",
)

st.title(_("Data"))
st.write(
    _(
        "clusternet reads a survey workbook (.xlsx) with the sheets actors, ties, and optionally rounds and "
        "respondents, or the same tables as CSV files. The bundled sample is a fictional handloom weavers' "
        "cluster surveyed at baseline, midterm and endline."
    )
)

left, right = st.columns([3, 1])
uploads = left.file_uploader(
    _("Upload a survey workbook, or its CSV files together"),
    type=["xlsx", "csv"],
    accept_multiple_files=True,
    key="uploader",
)
right.download_button(
    _("Empty survey template"),
    TEMPLATE.read_bytes(),
    file_name="clusternet-template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
if right.button(_("Use the bundled sample"), disabled=st.session_state.get("upload") is None):
    st.session_state.pop("upload", None)
    st.session_state.pop("upload_error", None)

if uploads:
    workbooks = [upload for upload in uploads if upload.name.lower().endswith(".xlsx")]
    if workbooks:
        st.session_state["upload"] = (workbooks[0].getvalue(), workbooks[0].name)
    else:
        st.session_state["upload"] = tuple(sorted((upload.name, upload.getvalue()) for upload in uploads))

survey = current_survey()
if survey is None:
    error = st.session_state["upload_error"]
    # a refused survey has no view; its problems name no actor but by the file's own text
    problems = renderer(current_language())
    st.error(problems.render(REFUSED(errors=len(error.errors), warnings=len(error.warnings))))
    st.dataframe(problems_table(error.problems, problems), hide_index=True, width="stretch")
    st.stop()

view = current_view(survey)
if st.session_state.get("upload") is None:
    source = THE_SAMPLE()
elif view.source_name:
    source = md(view.source_name)
else:
    source = AN_UPLOAD()
st.success(
    view.text(
        USING(source=source, actors=len(survey.actors), tie_rows=len(survey.ties), rounds=len(survey.round_labels))
    )
)
if survey.warnings:
    st.warning(view.text(WARNINGS(count=len(survey.warnings))))
    if view.anonymized:  # a warning quotes the file's cells, names included
        st.caption(_("Turn Anonymise off to read them: they quote the file's cells."))
    else:
        st.dataframe(problems_table(survey.warnings, view.renderer), hide_index=True, width="stretch")

summary = summarize(view.survey)
left, middle, right = st.columns([1, 2, 2])
left.subheader(_("Actors by type"))
left.dataframe(summary.actors_by_type, hide_index=True)
middle.subheader(_("Tie rows by round and relation"))
middle.dataframe(summary.ties_by_round, hide_index=True)
right.subheader(_("Response by round"))
right.dataframe(
    summary.response_by_round,
    hide_index=True,
    column_config={"response_rate": st.column_config.NumberColumn(_("response rate"), format="percent")},
)
