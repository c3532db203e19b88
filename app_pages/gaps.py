"""Gaps: where facilitation should go next, ranked and explained, each shown on the map."""

from dataclasses import fields

import streamlit as st

from app_pages.map_view import network_map, show
from app_pages.shared import analysis_for, current_selection, gaps_for, md, require_survey
from clusternet.export.tables import neutralize_formulas
from clusternet.gaps import GapsConfig

ROLES_IN_PLAIN_WORDS = """
**Brokerage roles** (Gould & Fernandez 1989) count, for each actor B, the pairs A → B → C where A does
not reach C directly, by the groups of the three (default: actor type):

- **coordinator** — all three in one group: B brokers inside its own group;
- **gatekeeper** — A outside, B and C in one group: B lets outside resources into its group;
- **representative** — A and B in one group, C outside: B speaks for its group to outsiders;
- **consultant** — A and C in one group, B outside: an outsider links members of a group;
- **liaison** — all three differ: B links groups it does not belong to.

A z-score above about 2 means an actor brokers that role more than chance would give.

**Structural holes** (Burt 1992): an actor whose partners are not tied to each other spans holes
and can bring new information across them (low *constraint*, high *effective size*). An actor
whose partners all know each other is embedded in one closed circle (high constraint).
"""

survey = require_survey()
selection = current_selection(survey)
analysis = analysis_for(survey, selection)

st.title("Gaps")
st.caption(
    f"Round {md(selection.round)}: opportunities for facilitation, most important first. The score "
    "(0–1) is the weight of the kind times how strong this case is; see docs/gaps.md."
)

defaults = GapsConfig()
with st.expander("Thresholds and weights"):
    columns = st.columns(3)
    overrides = {}
    for position, field in enumerate(fields(GapsConfig)):
        default = getattr(defaults, field.name)
        column = columns[position % 3]
        if isinstance(default, int) and not isinstance(default, bool):
            overrides[field.name] = column.number_input(
                field.name.replace("_", " "), value=default, min_value=0, step=1, key=f"gap_{field.name}"
            )
        else:
            overrides[field.name] = column.number_input(
                field.name.replace("_", " "), value=float(default), min_value=0.0, step=0.05, key=f"gap_{field.name}"
            )
config = defaults.with_overrides(overrides)
table, display = gaps_for(survey, selection, config)

kinds = sorted(table["kind"].unique())
chosen_kinds = st.multiselect("Kinds", kinds, placeholder="All kinds", key="gap_kinds")
shown = display.loc[display["kind"].isin(chosen_kinds)] if chosen_kinds else display
event = st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    height=360,
    on_select="rerun",
    selection_mode="single-row",
    key="gap_table",
    column_config={
        "score": st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.2f"),
        "explanation": st.column_config.TextColumn(width="large"),
        "action": st.column_config.TextColumn(width="large"),
    },
)
st.download_button(
    "Download the gaps (CSV)",
    neutralize_formulas(shown).to_csv(index=False).encode("utf-8"),
    file_name=f"gaps-{selection.round}.csv",
    mime="text/csv",
)

rows = event.selection.rows if event is not None else []
picked = shown.iloc[rows[0]] if rows else (shown.iloc[0] if len(shown) else None)
if picked is not None:
    st.subheader("On the map")
    st.markdown(
        f"**{picked['kind'].replace('_', ' ')}** (score {picked['score']:.2f}): {md(picked['explanation'])}  \n"
        f"*Action:* {md(picked['action'])}"
    )
    highlighted = {actor for actor in table.loc[picked.name, "actors"].split(";") if actor}
    page = network_map(survey, analysis, highlight=highlighted, title=picked["kind"].replace("_", " "))
    show(page)

with st.expander("Brokerage roles and structural holes, in plain words"):
    st.markdown(ROLES_IN_PLAIN_WORDS)
