"""Gaps: where facilitation should go next, ranked and explained, each shown on the map."""

from dataclasses import fields

import streamlit as st

from app_pages.map_view import network_map, show
from app_pages.shared import _, current_view, md, require_survey
from clusternet.export.tables import neutralize_formulas
from clusternet.gaps import GapsConfig
from clusternet.messages import message

CAPTION = message(
    "page.gaps.caption",
    "Round {round}: opportunities for facilitation, most important first. The score (0–1) is the weight of "
    "the kind times how strong this case is; see docs/gaps.md.",
)
PICKED = message("page.gaps.picked", "**{kind}** (score {score:.2f}): {explanation}  \n*Action:* {action}")

survey = require_survey()
view = current_view(survey)

st.title(_("Gaps"))
st.caption(md(view.text(CAPTION(round=view.selection.round))))

defaults = GapsConfig()
with st.expander(_("Thresholds and weights")):
    columns = st.columns(3)
    overrides: dict[str, str | float] = {}
    for position, setting in enumerate(fields(GapsConfig)):
        default = getattr(defaults, setting.name)
        column = columns[position % 3]
        # a setting is labelled by its name, as ``clusternet gaps --set NAME=VALUE`` and docs/gaps.md call it
        if isinstance(default, int) and not isinstance(default, bool):
            overrides[setting.name] = column.number_input(
                setting.name.replace("_", " "), value=default, min_value=0, step=1, key=f"gap_{setting.name}"
            )
        else:
            overrides[setting.name] = column.number_input(
                setting.name.replace("_", " "),
                value=float(default),
                min_value=0.0,
                step=0.05,
                key=f"gap_{setting.name}",
            )
view = view.with_config(defaults.with_overrides(overrides))
table = view.gaps_table()

kinds = sorted(table["kind"].unique())
chosen_kinds = st.multiselect(_("Kinds"), kinds, placeholder=_("All kinds"), key="gap_kinds")
shown = table.loc[table["kind"].isin(chosen_kinds)] if chosen_kinds else table
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
    _("Download the gaps (CSV)"),
    neutralize_formulas(shown).to_csv(index=False).encode("utf-8"),
    file_name=f"gaps-{view.selection.round}.csv",
    mime="text/csv",
)

rows = event.selection.rows if event is not None else []
picked = shown.iloc[rows[0]] if rows else (shown.iloc[0] if len(shown) else None)
if picked is not None:
    kind = str(picked["kind"]).replace("_", " ")
    st.subheader(_("On the map"))
    st.markdown(
        view.text(
            PICKED(
                kind=md(kind),
                score=float(picked["score"]),
                explanation=md(picked["explanation"]),
                action=md(picked["action"]),
            )
        )
    )
    highlighted = set(view.gap_actor_ids(table.index.get_loc(picked.name)))
    show(network_map(view, highlight=highlighted, title=kind))

with st.expander(_("Brokerage roles and structural holes, in plain words")):
    st.markdown(
        _(
            """
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
        )
    )
