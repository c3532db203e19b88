"""Workshop: presentation mode for a meeting with the cluster, stepped through with buttons or arrow keys.

The slides: the cluster at each round, what changed between consecutive rounds (the change map), the
key messages from the first round to the last, and the top opportunities. Each slide shows its map and
its message side by side, so that both fit a 1280x720 projector; the caption names the slide's own
selection, which is the one drawn whatever round the sidebar holds. The page is anonymised unless the
presenter turns that off here (or the sidebar already anonymises everything).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_pages.map_view import change_map, network_map, show
from app_pages.shared import _, current_view, download_buttons, md, require_survey
from clusternet.constants import TRUST_MAX
from clusternet.messages import message
from clusternet.survey import SelectionError
from clusternet.view import View

Area = DeltaGenerator  # a part of the page a slide writes into (a column or a container)

# (a page's bare strings are shown by Streamlit, so these constants are explained in comments)
MAP_HEIGHT = 540  # tall enough to read the sample's map, low enough that title, buttons and map fit 720 pixels
KEY_MESSAGES_ON_A_ROUND = 3  # on a round's or a change's slide, better changes first; the key messages slide has all
OPPORTUNITIES = 3  # cards on the last slide: the first of the ranked gaps

PRESENTATION_STYLE = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stSidebarCollapseButton"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding-top: 1.5rem; padding-bottom: 1rem; max-width: 100%; }
  [data-testid="stHeader"] { display: none; }
</style>
"""
SLIDE_STYLE = """
<style>
  .st-key-workshop_message [data-testid="stMarkdownContainer"] p,
  .st-key-workshop_message [data-testid="stMarkdownContainer"] li { font-size: 26px; line-height: 1.35; }
  .st-key-workshop_title h1 { font-size: 2rem; padding: 0; }
</style>
"""
ARROW_KEYS = """
<script>
(() => {
  // Left and Right arrows (and a presenter's Page Up / Page Down) click Previous and Next; once per window.
  if (window.clusternetSlideKeys) return;
  window.clusternetSlideKeys = true;
  const keys = {ArrowRight: "next", PageDown: "next", ArrowLeft: "previous", PageUp: "previous"};
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (!keys[event.key] || typing || event.altKey || event.ctrlKey || event.metaKey) return;
    const button = document.querySelector(`.st-key-workshop_${keys[event.key]} button`);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });
})();
</script>
"""

TITLE = message("page.workshop.title", "The cluster at {round}")
CHANGE_TITLE = message("page.workshop.change_title", "What changed: {from_round} → {to_round}")
KEY_MESSAGES_TITLE = message("page.workshop.key_messages_title", "Key messages: {from_round} → {to_round}")
OPPORTUNITIES_TITLE = message("page.workshop.opportunities_title", "Where to act next ({round})")
SIZE = message("page.workshop.size", "{actors} actors, {ties} ties, {isolates} with no tie at all.")
TRUST_AND_LINKAGE = message(
    "page.workshop.trust_and_linkage",
    "Mean trust {mean_trust:.1f} of {trust_max}; {linkage:.0%} of firms tied to a support institution.",
)
SINCE = message("page.workshop.since", "Since {round}:")
COUNTER = message("page.workshop.counter", "Slide {number} of {count}")
SLIDE_SELECTION = message("page.workshop.selection", "This slide: {selection}")
CHANGE_CAPTION = message(
    "page.workshop.change_caption", "Same layout as the other slides: new ties black, dropped magenta, kept light grey."
)
NOTHING_TO_COMPARE = message(
    "page.workshop.nothing_to_compare", "The rounds cannot be compared on this selection: {reason}"
)
NO_OPPORTUNITY = message("page.workshop.no_opportunity", "No opportunity stands out in this round.")
OPPORTUNITY = message("page.workshop.opportunity", "**{rank}.** {explanation}  \n*Action:* {action}")
TRUST_FLOOR_NOT_APPLIED = message(
    "page.workshop.trust_floor_not_applied",
    "The minimum trust of the sidebar ({min_trust}) applies to the maps of a round, not to the key messages "
    "and change maps: rounds are compared on every tie of the selected relations, rated or not.",
)
TRUST_FLOOR_ANONYMISED = message(
    "page.workshop.trust_floor_anonymised",
    "The minimum trust of the sidebar ({min_trust}) is not applied: anonymised, a map of the ties rated at "
    "least this much would show single ratings.",
)
GROUPS_NOT_SHOWN = message(
    "page.workshop.groups_not_shown",
    "Grouped by type: {group_by} is not shown to an anonymised audience.",
)


@dataclass(frozen=True)
class Slide:
    """One slide: a round (``to_round`` only), a change between two rounds, the key messages from the
    first round to the last, or the opportunities of a round."""

    kind: str
    to_round: str
    from_round: str = ""


def slides(rounds: list[str]) -> list[Slide]:
    """Every round, each change between consecutive rounds, the key messages from the first round to the
    last (when that is not the only change already shown), then the opportunities of the last round."""
    shown = [Slide("round", label) for label in rounds]
    shown += [Slide("change", later, earlier) for earlier, later in pairwise(rounds)]
    if len(rounds) > 2:
        shown.append(Slide("key_messages", rounds[-1], rounds[0]))
    shown.append(Slide("opportunities", rounds[-1]))
    return shown


def step_by(change: int) -> None:
    st.session_state["workshop_step"] = st.session_state.get("workshop_step", 0) + change


def audience_view(sidebar: View, anonymised: bool) -> tuple[View, str | None]:
    """The sidebar's view for the page's audience, and the sidebar's grouping when that audience may not
    see it (the view then groups by type)."""
    try:
        return sidebar.with_audience(anonymized=anonymised), None
    except SelectionError:
        grouped = sidebar.with_selection(group_by="type")
        return grouped.with_audience(anonymized=anonymised), sidebar.selection.group_by


def bullets(items: list[str]) -> None:
    st.markdown("\n".join(f"- {md(item)}" for item in items))


def round_slide(view: View, slide: Slide, first_round: str, drawing: Area, words: Area) -> View:
    """The round's map; its size, trust and linkage, and its first key messages since the first round."""
    snapshot = view.with_selection(round=slide.to_round)
    with drawing:
        show(network_map(snapshot, color_by="type", size_by="betweenness_norm", height=MAP_HEIGHT), MAP_HEIGHT)
    network = snapshot.network_values
    with words:
        bullets(
            view.texts(
                [
                    SIZE(actors=int(network["actors"]), ties=int(network["ties"]), isolates=int(network["isolates"])),
                    TRUST_AND_LINKAGE(
                        mean_trust=network["mean_trust"],
                        trust_max=TRUST_MAX,
                        linkage=network["firm_institution_linkage"],
                    ),
                ]
            )
        )
        if slide.to_round != first_round:
            st.markdown(md(view.text(SINCE(round=first_round))))
            bullets(view.key_messages(first_round, slide.to_round)[:KEY_MESSAGES_ON_A_ROUND])
    return snapshot


def change_slide(view: View, slide: Slide, drawing: Area, words: Area) -> View:
    """The change map between the slide's two rounds and the key messages of that change."""
    snapshot = view.with_selection(round=slide.to_round)
    try:
        comparison = snapshot.compare(slide.from_round, slide.to_round)
    except SelectionError as error:
        words.info(md(view.text(NOTHING_TO_COMPARE(reason=error.message))))
        return snapshot
    with drawing:
        change_map(snapshot, comparison, height=MAP_HEIGHT)
    shown = snapshot.key_messages(slide.from_round, slide.to_round)
    with words:
        bullets(shown if slide.kind == "key_messages" else shown[:KEY_MESSAGES_ON_A_ROUND])
        st.caption(view.text(CHANGE_CAPTION()))
    return snapshot


def opportunities_slide(view: View, slide: Slide, drawing: Area, words: Area) -> View:
    """The first gaps of the round as cards, their actors highlighted on the round's map."""
    snapshot = view.with_selection(round=slide.to_round)
    gaps = snapshot.gaps_table().head(OPPORTUNITIES)
    chosen = sorted({actor for position in range(len(gaps)) for actor in snapshot.gap_actor_ids(position)})
    with drawing:
        page = network_map(snapshot, color_by="type", size_by="betweenness_norm", highlight=chosen, height=MAP_HEIGHT)
        show(page, MAP_HEIGHT)
    with words:
        if gaps.empty:
            st.markdown(md(view.text(NO_OPPORTUNITY())))
        for rank, gap in enumerate(gaps.itertuples(index=False), start=1):
            card = st.container(border=True)
            card.markdown(view.text(OPPORTUNITY(rank=rank, explanation=md(gap.explanation), action=md(gap.action))))
    return snapshot


survey = require_survey()
sidebar_view = current_view(survey)
rounds = survey.round_labels
deck = slides(rounds)
step = min(max(int(st.session_state.get("workshop_step", 0)), 0), len(deck) - 1)
st.session_state["workshop_step"] = step
slide = deck[step]

presenting = bool(st.session_state.get("workshop_presenting", True))
st.html(SLIDE_STYLE + (PRESENTATION_STYLE if presenting else ""))
st.html(ARROW_KEYS, unsafe_allow_javascript=True)

titles = {
    "round": TITLE(round=slide.to_round),
    "change": CHANGE_TITLE(from_round=slide.from_round, to_round=slide.to_round),
    "key_messages": KEY_MESSAGES_TITLE(from_round=slide.from_round, to_round=slide.to_round),
    "opportunities": OPPORTUNITIES_TITLE(round=slide.to_round),
}
with st.container(key="workshop_title"):
    st.title(md(sidebar_view.text(titles[slide.kind])))
previous, counter, following, settings = st.columns([1, 3, 1, 2], vertical_alignment="center")
previous.button(
    _("← Previous"), key="workshop_previous", disabled=step == 0, width="stretch", on_click=step_by, args=(-1,)
)
counter.progress((step + 1) / len(deck), text=sidebar_view.text(COUNTER(number=step + 1, count=len(deck))))
following.button(
    _("Next →"), key="workshop_next", disabled=step == len(deck) - 1, width="stretch", on_click=step_by, args=(1,)
)
settings.toggle(
    _("Presentation mode"),
    value=True,
    key="workshop_presenting",
    help=_("Hides the sidebar; turn it off to change the selection. Arrow keys step through the slides."),
)
settings.toggle(
    _("Anonymised"),
    value=True,
    key="workshop_anonymised",
    disabled=sidebar_view.anonymized,
    help=_("Codes instead of names on every slide, as for an audience of the cluster's members."),
)
anonymised = sidebar_view.anonymized or bool(st.session_state.get("workshop_anonymised", True))
view, hidden_grouping = audience_view(sidebar_view, anonymised)

map_column, message_column = st.columns([3, 2])
message_area = message_column.container(key="workshop_message")
if slide.kind == "round":
    shown = round_slide(view, slide, rounds[0], map_column, message_area)
elif slide.kind in ("change", "key_messages"):
    shown = change_slide(view, slide, map_column, message_area)
else:
    shown = opportunities_slide(view, slide, map_column, message_area)

notes = [SLIDE_SELECTION(selection=shown.describe_selection())]
floor = sidebar_view.selection.min_trust
if floor is not None:
    notes.append(TRUST_FLOOR_ANONYMISED(min_trust=floor) if anonymised else TRUST_FLOOR_NOT_APPLIED(min_trust=floor))
if hidden_grouping is not None:
    notes.append(GROUPS_NOT_SHOWN(group_by=hidden_grouping))
message_column.caption(md(" ".join(view.texts(notes))))

st.divider()
download_buttons(shown, ["report", "strip-png", "strip-pdf", "png"], key="workshop_download")
