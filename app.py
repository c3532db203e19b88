"""clusternet's Streamlit app. Until the analysis pages land it shows the survey check."""

from pathlib import Path

import streamlit as st

from clusternet.survey import SurveyError, load_survey, load_survey_workbook
from clusternet.survey.problems import problems_table
from clusternet.survey.summary import summarize

SAMPLE = Path(__file__).parent / "surveys" / "sample" / "handloom_cluster.xlsx"

st.set_page_config(page_title="clusternet", layout="wide")
st.title("clusternet")
st.caption("Trust, linkages and brokerage gaps in an industrial cluster.")

upload = st.file_uploader("Survey workbook (.xlsx)", type=["xlsx"])
try:
    survey = (load_survey_workbook(upload.getvalue(), upload.name) if upload is not None
              else load_survey(SAMPLE))
except SurveyError as error:
    st.error(f"The survey cannot be analysed: {len(error.errors)} error(s).")
    st.dataframe(problems_table(error.problems), hide_index=True)
    st.stop()

st.write("Using the bundled sample handloom cluster." if upload is None else f"Using {upload.name}.")
summary = summarize(survey)
left, middle, right = st.columns(3)
left.subheader("Actors by type")
left.dataframe(summary.actors_by_type, hide_index=True)
middle.subheader("Tie rows by round and relation")
middle.dataframe(summary.ties_by_round, hide_index=True)
right.subheader("Respondents by round")
right.dataframe(summary.response_by_round, hide_index=True,
                column_config={"response_rate": st.column_config.NumberColumn(format="percent")})
if survey.warnings:
    st.subheader("Warnings")
    st.dataframe(problems_table(survey.warnings), hide_index=True)
