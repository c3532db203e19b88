"""Workshop: presentation mode, large type, the map at full width, stepping through the rounds."""

import streamlit as st

from app_pages.map_view import network_map, show
from app_pages.shared import analysis_for, current_selection, download_buttons, md, require_survey, time_series_for
from clusternet.graph import Selection
from clusternet.rounds.messages import key_messages

LARGE_TYPE = """
<style>
  section.main p, section.main li, [data-testid="stMarkdownContainer"] p { font-size: 1.35rem; line-height: 1.5; }
  h1 { font-size: 2.6rem !important; }
</style>
"""


survey = require_survey()
selection = current_selection(survey)
rounds = survey.round_labels
st.html(LARGE_TYPE)

step = st.session_state.setdefault("workshop_step", 0)
step = min(step, len(rounds) - 1)
round_label = rounds[step]
st.title(f"The cluster at {md(round_label)}")
previous, counter, following = st.columns([1, 4, 1])
if previous.button("← Previous", disabled=step == 0, width="stretch"):
    st.session_state["workshop_step"] = step - 1
    st.rerun()
counter.progress(
    (step + 1) / len(rounds),
    text=" → ".join(f"**{md(label)}**" if position == step else md(label) for position, label in enumerate(rounds)),
)
if following.button("Next →", disabled=step == len(rounds) - 1, width="stretch"):
    st.session_state["workshop_step"] = step + 1
    st.rerun()

snapshot = Selection(round_label, selection.relations, selection.ties, selection.min_trust, selection.group_by)
analysis = analysis_for(survey, snapshot)
show(
    network_map(survey, analysis, color_by="type", size_by="betweenness_norm", title=round_label, height=720),
    height=720,
)

if step > 0:
    st.subheader("Key messages")
    series = time_series_for(survey, selection)
    for message in key_messages(series, rounds[0], round_label):
        st.markdown(f"- {md(message)}")
else:
    network = dict(zip(analysis.network["metric"], analysis.network["value"]))
    st.markdown(
        f"- {int(network['actors'])} actors, {int(network['ties'])} ties, "
        f"{int(network['isolates'])} with no tie at all."
    )
    st.markdown(
        f"- Mean trust {network['mean_trust']:.1f} of 5; "
        f"{network['firm_institution_linkage']:.0%} of firms tied to a support institution."
    )

st.divider()
download_buttons(survey, snapshot, ["report", "strip-png", "strip-pdf", "png"], key="workshop_download")
