"""Gaps: where facilitation should go next: this quarter's agenda as cards, the count of each kind, and
every gap ranked and explained below, each shown on a map of its actors and their partners."""

from dataclasses import fields

import streamlit as st

from app_pages.map_view import network_map, show
from app_pages.shared import _, current_view, md, require_survey
from clusternet.export.tables import neutralize_formulas
from clusternet.gaps import GapsConfig
from clusternet.gaps.agenda import AGENDA_SIZE, CARDS_PER_ACTOR, agenda, kind_name, kinds_summary
from clusternet.messages import message, plural_message
from clusternet.view import View
from clusternet.viz.aggregate import drill_down

CAPTION = message(
    "page.gaps.caption",
    "Round {round}: opportunities for facilitation, most important first. The score (0–1) is the weight of "
    "the kind times how strong this case is; see docs/gaps.md.",
)
PICKED = message("page.gaps.picked", "**{kind}** (score {score:.2f}): {explanation}  \n*Action:* {action}")
AGENDA_CAPTION = plural_message(
    "page.gaps.agenda.caption",
    "The most important gap. Open its map to see its actors with their partners.",
    "The {count} most important gaps that ask something new: none repeats a pair of actors, none names only "
    "actors already on a card, and no actor is on more than {cards} cards. Open a card's map to see its "
    "actors with their partners.",
)
CARD = message("page.gaps.card", "**{rank}. {kind}** · score {score:.2f}  \n{explanation}  \n*Action:* {action}")
CARD_MAP_HEIGHT = 420


def show_gap_map(view: View, position: int, title: str) -> None:
    """Show the map of the gap at ``position`` of ``view.gaps_table()``: its actors highlighted among their
    partners, where the Map page puts them; low, so that it stays beside the gap's sentences."""
    actors = view.gap_actor_ids(position)
    graph = drill_down(view.analysis.graph, actors, with_partners=True)
    show(network_map(view, highlight=actors, graph=graph, title=title, height=CARD_MAP_HEIGHT), CARD_MAP_HEIGHT)


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
        # a setting is labelled by its name, a code in every language, as ``clusternet gaps --set NAME=VALUE`` and
        # docs/gaps.md call it
        if isinstance(default, int) and not isinstance(default, bool):
            overrides[setting.name] = column.number_input(
                f"`{setting.name}`", value=default, min_value=0, step=1, key=f"gap_{setting.name}"
            )
        else:
            overrides[setting.name] = column.number_input(
                f"`{setting.name}`",
                value=float(default),
                min_value=0.0,
                step=0.05,
                key=f"gap_{setting.name}",
            )
view = view.with_config(defaults.with_overrides(overrides))
table = view.gaps_table()

picked = agenda(view.shown_gaps())  # each gap's actors as ids: an id may hold a ';'
cards = list(enumerate(table.loc[picked.index].iterrows(), start=1))
if cards:
    st.subheader(_("This quarter"))
    st.caption(view.text(AGENDA_CAPTION(count=len(cards), cards=CARDS_PER_ACTOR)))
for rank, (position, gap) in cards:
    kind = view.text(kind_name(str(gap["kind"])))
    # one card a row: an opened map then has the page's width, and its legend leaves the actors visible
    card = st.container(border=True)
    card.markdown(
        view.text(
            CARD(
                rank=rank,
                kind=kind,
                score=float(gap["score"]),
                explanation=md(gap["explanation"]),
                action=md(gap["action"]),
            )
        )
    )
    # drawn only while open: one small map per opened card, not ten maps on every run
    opened = card.expander(_("Show on the map"), key=f"gap_card_map_{rank}", on_change="rerun")
    if opened.open:
        with opened:
            show_gap_map(view, int(position), kind)
if 0 < len(cards) < min(AGENDA_SIZE, len(table)):
    st.caption(_("The other gaps repeat the actors or pairs of these cards; every gap is in the table below."))

st.subheader(_("By kind"))
summary = kinds_summary(table)
st.table(
    summary.assign(
        kind=[view.text(kind_name(kind)) for kind in summary["kind"]],
        top_score=[f"{score:.2f}" for score in summary["top_score"]],
    ).rename(columns={"kind": _("Kind"), "gaps": _("Gaps"), "top_score": _("Top score")}),
    hide_index=True,
    width="content",
)

st.subheader(_("All gaps"))
kinds = sorted(table["kind"].unique())
chosen_kinds = st.multiselect(
    _("Kinds"),
    kinds,
    format_func=lambda kind: view.text(kind_name(kind)),
    placeholder=_("All kinds"),
    key="gap_kinds",
)
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

rows = [row for row in (event.selection.rows if event is not None else []) if row < len(shown)]
if rows:
    picked = shown.iloc[rows[0]]
    kind = view.text(kind_name(str(picked["kind"])))
    st.subheader(_("On the map"))
    st.markdown(
        view.text(
            PICKED(
                kind=kind,
                score=float(picked["score"]),
                explanation=md(picked["explanation"]),
                action=md(picked["action"]),
            )
        )
    )
    show_gap_map(view, int(table.index.get_loc(picked.name)), kind)
else:
    st.caption(_("Select a row to see its gap on the map."))

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
