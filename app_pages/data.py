"""Data: choose the survey (the sample, or an upload), see its problems or what it holds."""

import streamlit as st

from app_pages.shared import TEMPLATE, current_survey, md
from clusternet.survey.problems import problems_table
from clusternet.survey.summary import summarize

st.title("Data")
st.write(
    "clusternet reads a survey workbook (.xlsx) with the sheets actors, ties, and optionally rounds "
    "and respondents, or the same tables as CSV files. The bundled sample is a fictional handloom "
    "weavers' cluster surveyed at baseline, midterm and endline."
)

left, right = st.columns([3, 1])
uploads = left.file_uploader(
    "Upload a survey workbook, or its CSV files together",
    type=["xlsx", "csv"],
    accept_multiple_files=True,
    key="uploader",
)
right.download_button(
    "Empty survey template",
    TEMPLATE.read_bytes(),
    file_name="clusternet-template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
if right.button("Use the bundled sample", disabled=st.session_state.get("upload") is None):
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
    st.error(
        f"The survey cannot be analysed: {len(error.errors)} error(s), {len(error.warnings)} warning(s). "
        "Correct the file and upload it again."
    )
    st.dataframe(problems_table(error.problems), hide_index=True, width="stretch")
    st.stop()

source = "the bundled sample" if st.session_state.get("upload") is None else survey.source
st.success(
    f"Using {md(source)}: {len(survey.actors)} actors, {len(survey.ties)} tie rows, "
    f"{len(survey.round_labels)} round(s)."
)
if survey.warnings:
    st.warning(f"{len(survey.warnings)} warning(s): the survey was analysed, but check these.")
    st.dataframe(problems_table(survey.warnings), hide_index=True, width="stretch")

summary = summarize(survey)
left, middle, right = st.columns([1, 2, 2])
left.subheader("Actors by type")
left.dataframe(summary.actors_by_type, hide_index=True)
middle.subheader("Tie rows by round and relation")
middle.dataframe(summary.ties_by_round, hide_index=True)
right.subheader("Response by round")
right.dataframe(
    summary.response_by_round,
    hide_index=True,
    column_config={"response_rate": st.column_config.NumberColumn("response rate", format="percent")},
)
