"""Workshop: presentation mode, large type, the map at full width, stepping through the rounds."""

import streamlit as st

from app_pages.map_view import network_map, show
from app_pages.shared import _, current_view, download_buttons, md, require_survey
from clusternet.constants import TRUST_MAX
from clusternet.messages import message

LARGE_TYPE = """
<style>
  section.main p, section.main li, [data-testid="stMarkdownContainer"] p { font-size: 1.35rem; line-height: 1.5; }
  h1 { font-size: 2.6rem !important; }
</style>
"""
TITLE = message("page.workshop.title", "The cluster at {round}")
SIZE = message("page.workshop.size", "{actors} actors, {ties} ties, {isolates} with no tie at all.")
TRUST_AND_LINKAGE = message(
    "page.workshop.trust_and_linkage",
    "Mean trust {mean_trust:.1f} of {trust_max}; {linkage:.0%} of firms tied to a support institution.",
)

survey = require_survey()
view = current_view(survey)
rounds = survey.round_labels
st.html(LARGE_TYPE)

step = st.session_state.setdefault("workshop_step", 0)
step = min(step, len(rounds) - 1)
round_label = rounds[step]
snapshot = view.with_selection(round=round_label)
st.title(md(view.text(TITLE(round=round_label))))
previous, counter, following = st.columns([1, 4, 1])
if previous.button(_("← Previous"), disabled=step == 0, width="stretch"):
    st.session_state["workshop_step"] = step - 1
    st.rerun()
counter.progress(
    (step + 1) / len(rounds),
    text=" → ".join(f"**{md(label)}**" if position == step else md(label) for position, label in enumerate(rounds)),
)
if following.button(_("Next →"), disabled=step == len(rounds) - 1, width="stretch"):
    st.session_state["workshop_step"] = step + 1
    st.rerun()

show(
    network_map(snapshot, color_by="type", size_by="betweenness_norm", title=round_label, height=720),
    height=720,
)

if step > 0:
    st.subheader(_("Key messages"))
    for key_message in view.key_messages(rounds[0], round_label):
        st.markdown(f"- {md(key_message)}")
else:
    network = snapshot.network_values
    st.markdown(
        "- "
        + md(
            view.text(SIZE(actors=int(network["actors"]), ties=int(network["ties"]), isolates=int(network["isolates"])))
        )
    )
    st.markdown(
        "- "
        + md(
            view.text(
                TRUST_AND_LINKAGE(
                    mean_trust=network["mean_trust"], trust_max=TRUST_MAX, linkage=network["firm_institution_linkage"]
                )
            )
        )
    )

st.divider()
download_buttons(snapshot, ["report", "strip-png", "strip-pdf", "png"], key="workshop_download")
