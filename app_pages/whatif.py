"""What if: try a facilitation plan on a copy of the network before spending on it. Steps come from the
gaps or are built by hand; every KPI is shown as it is and after the plan, with its direction; both maps
share the Map page's layout; the plan downloads as a scenario file."""

import datetime as dt
import math

import streamlit as st

from app_pages.map_view import scenario_maps, show
from app_pages.shared import _, current_view, md, require_survey
from clusternet.export.tables import table_csv
from clusternet.gaps import action_of
from clusternet.gaps.agenda import kind_name
from clusternet.graph import Selection
from clusternet.messages import message, plural_message
from clusternet.rounds.network import JOINT_ACTION
from clusternet.survey.problems import ERROR
from clusternet.view import Audience, View
from clusternet.whatif import Operation, ScenarioError, Simulation, Step, scenario_of
from clusternet.whatif.from_gaps import facilitated_relation, gap_steps, has_step
from clusternet.whatif.kpis import HEADLINE_KPIS
from clusternet.whatif.scenario import (
    ADD_ACTOR,
    ADD_ARC,
    ADD_TIE,
    JOIN_ACTION,
    OPERATIONS,
    REMOVE_ACTOR,
    REMOVE_TIE,
    plan_table,
)
from clusternet.whatif.simulation import EFFECT_WORDS, KEPT, NEW, REMOVED

CAPTION = message(
    "page.whatif.caption",
    "Round {round}: try actions on a copy of the network before spending on them. The survey is not "
    "changed; see docs/whatif.md.",
)
GAP_OPTION = message("page.whatif.gap_option", "{kind}: {action}")
STEPS = plural_message(
    "page.whatif.steps",
    "The plan: {count} step, applied in order.",
    "The plan: {count} steps, applied in order; each starts where the one before left the network.",
)
PROBLEM = message("page.whatif.problem", "Row {row} of the plan: {problem}; {fix}.")
MAP_BEFORE = message("page.whatif.map.before", "As it is: round {round}")
MAP_AFTER = message("page.whatif.map.after", "After the plan")
FIGURE = message("page.whatif.figure", "{value:.3g}")
CHANGE = message("page.whatif.change", "{change:+.3g}")

# a change that is better is blue, worse orange, none grey: colour-blind safe, and its word says it too
READING_COLOURS = {"better": "blue", "worse": "orange"}
MAP_HEIGHT = 520
# the choice of no relation (a removed tie of every relation) or of no trust rating
ANY = "any"


@st.cache_data(show_spinner=False, max_entries=16)
def both_maps(
    _view: View,
    _simulation: Simulation,
    fingerprint: str,
    selection: Selection,
    audience: Audience,
    plan: str,
    titles: tuple[str, str],
    words: dict[str, str],
) -> tuple[str, str]:
    """The two maps of a plan, drawn once per survey, selection, audience and plan (``plan``: its steps)."""
    return scenario_maps(_view, _simulation, titles, words, MAP_HEIGHT)


def operation_labels() -> dict[str, str]:
    return {
        ADD_TIE: _("Introduce two actors (a tie both ways)"),
        ADD_ARC: _("One actor starts naming another (one arc)"),
        REMOVE_TIE: _("Remove a tie"),
        REMOVE_ACTOR: _("Remove an actor"),
        ADD_ACTOR: _("Add an actor"),
        JOIN_ACTION: _("A joint action among several actors"),
    }


def hand_steps() -> list[Operation]:
    """The operations added by hand this session, in order."""
    return list(st.session_state.setdefault("whatif_hand_steps", []))


def add_hand_step(operation: Operation) -> None:
    st.session_state["whatif_hand_steps"] = [*hand_steps(), operation]


def clear_hand_steps() -> None:
    st.session_state["whatif_hand_steps"] = []


def step_by_hand(view: View, actor_ids: list[str], relations: list[str]) -> None:
    """The controls of one step built by hand, and the button that adds it to the plan."""
    labels = operation_labels()
    op = st.selectbox(_("Action"), OPERATIONS, format_func=labels.get, key="whatif_op")
    left, right = st.columns(2)
    operation: Operation | None = None
    if op in (ADD_TIE, ADD_ARC, REMOVE_TIE):
        source = left.selectbox(_("From"), actor_ids, format_func=view.label, key="whatif_source")
        target = right.selectbox(_("To"), actor_ids, index=min(1, len(actor_ids) - 1), format_func=view.label,
                                 key="whatif_target")  # fmt: skip
        choices = relations if op != REMOVE_TIE else [ANY, *relations]
        relation = left.selectbox(
            _("Relation"),
            choices,
            format_func=lambda item: _("every relation") if item == ANY else item.replace("_", " "),
            key="whatif_relation",
        )
        trust = None
        if op != REMOVE_TIE:
            rating = right.selectbox(
                _("Trust"),
                [ANY, 1, 2, 3, 4, 5],
                format_func=lambda item: _("not rated") if item == ANY else str(item),
                key="whatif_trust",
            )
            trust = None if rating == ANY else int(rating)
        operation = Operation(
            op, source=source, target=target, relation=None if relation == ANY else relation, trust=trust
        )
    elif op == JOIN_ACTION:
        members = st.multiselect(_("Actors"), actor_ids, format_func=view.label, key="whatif_members")
        operation = Operation(op, actors=tuple(members))
    elif op == REMOVE_ACTOR:
        actor = left.selectbox(_("Actor"), actor_ids, format_func=view.label, key="whatif_actor")
        operation = Operation(op, actors=(actor,))
    else:
        new_id = left.text_input(_("New actor's id"), key="whatif_new_id").strip()
        kind = right.selectbox(_("Type"), sorted(view.survey.actors["type"].unique()), key="whatif_new_type")
        operation = Operation(op, actors=(new_id,) if new_id else (), type=kind)
    if st.button(_("Add this step to the plan"), key="whatif_add"):
        add_hand_step(operation)
        st.rerun()


survey = require_survey()
view = current_view(survey)

st.title(_("What if"))
st.caption(md(view.text(CAPTION(round=view.selection.round))))

gaps = view.shown_gaps()
relation = facilitated_relation(view.survey, view.selection)
steppable = [position for position, steps in enumerate(has_step(gaps)) if steps]
gap_labels = {
    position: view.text(GAP_OPTION(kind=kind_name(str(kind)), action=action_of(gap)))
    for position, kind, gap in zip(range(len(gaps)), gaps["kind"], gaps["message"])
    if position in steppable
}
# another round or selection has other gaps: keep only the chosen gaps it still has
kept = [position for position in st.session_state.get("whatif_gaps", []) if position in gap_labels]
if kept != st.session_state.get("whatif_gaps", kept):
    st.session_state["whatif_gaps"] = kept

st.subheader(_("The plan"))
chosen = st.multiselect(
    _("Gaps to act on"),
    steppable,
    format_func=lambda position: gap_labels.get(position, ""),
    placeholder=_("Choose gaps: each becomes its step (an introduction, a joint meeting)"),
    key="whatif_gaps",
    help=_("Gaps that a new tie could close, most important first; the others (trust, reach, dependency) have none."),
)
added_ids = [actor for operation in hand_steps() if operation.op == ADD_ACTOR for actor in operation.actors]
actor_ids = list(dict.fromkeys([*view.labels, *added_ids]))
relations = list(dict.fromkeys([*(view.selection.relations or view.survey.relation_labels), JOINT_ACTION]))
with st.expander(_("Add a step by hand"), expanded=not chosen and not hand_steps()):
    step_by_hand(view, actor_ids, relations)

from_gaps = gap_steps(gaps, relation, chosen)
by_hand = [Step(len(from_gaps) + number, (operation,)) for number, operation in enumerate(hand_steps(), start=1)]
steps = [*from_gaps, *by_hand]
if not steps:
    st.info(_("Choose gaps or add a step by hand to see what the plan would change."))
    st.stop()

st.caption(view.text(STEPS(count=len(steps))))
plan_shown = plan_table(steps, view.label, gap_keys=False).drop(columns=["gap_key"])
plan_shown["op"] = plan_shown["op"].map(operation_labels())
st.dataframe(plan_shown, hide_index=True, width="stretch")
if hand_steps():
    st.button(_("Remove the steps added by hand"), on_click=clear_hand_steps, key="whatif_clear")

try:
    scenario = scenario_of(steps, view.survey, view.selection, where=_("plan"))
except ScenarioError as error:
    for problem in error.problems:
        if problem.severity == ERROR:
            fix = "" if problem.fix is None else view.text(problem.fix)
            st.error(view.text(PROBLEM(row=problem.row or 0, problem=md(view.text(problem.message)), fix=md(fix))))
    st.stop()

simulation = view.simulate(scenario)
for problem in simulation.warnings:
    fix = "" if problem.fix is None else view.text(problem.fix)
    st.warning(view.text(PROBLEM(row=problem.row or 0, problem=md(view.text(problem.message)), fix=md(fix))))

st.subheader(_("As it is and after the plan"))
overall = view.whatif_overall(simulation).set_index("kpi")
for column, code in zip(st.columns(len(HEADLINE_KPIS)), HEADLINE_KPIS):
    row = overall.loc[code]
    effect = str(row["effect"])
    with column:
        st.metric(
            str(row["name"]),
            "–" if math.isnan(row["after"]) else view.text(FIGURE(value=float(row["after"]))),
            None if math.isnan(row["change"]) else view.text(CHANGE(change=float(row["change"]))),
            READING_COLOURS.get(effect, "gray"),
            help=str(row["meaning"]),
            border=True,
            delta_arrow="off" if effect == "unchanged" else "auto",
            delta_description=view.text(EFFECT_WORDS[effect]()) if effect in EFFECT_WORDS else None,
        )

directions = {"up": _("higher"), "down": _("lower"), "neither": _("neither way")}
table = overall.reset_index()
table["effect"] = [view.text(EFFECT_WORDS[effect]()) if effect in EFFECT_WORDS else "" for effect in table["effect"]]
table["good_direction"] = table["good_direction"].map(directions)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_order=["name", "before", "after", "change", "effect", "good_direction", "meaning", "kpi"],
    column_config={
        "name": st.column_config.TextColumn(_("KPI"), pinned=True),
        "before": st.column_config.NumberColumn(_("as it is"), format="%.3g"),
        "after": st.column_config.NumberColumn(_("after the plan"), format="%.3g"),
        "change": st.column_config.NumberColumn(_("change"), format="%+.3g"),
        "effect": _("reading"),
        "good_direction": _("better when"),
        "meaning": _("meaning"),
        "kpi": _("code"),
    },
)
if overall["approximate"].any():
    st.caption(_("On a network this large betweenness and distance-weighted fragmentation are estimates."))
if view.anonymized:
    st.caption(_("Anonymised: trust KPIs are left blank, so that no step can give a single rating away."))

st.subheader(_("The two maps"))
st.caption(_("Same layout as the Map page: new ties dashed green, removed ties red, the others light grey."))
words = {"section": _("plan"), NEW: _("new tie"), REMOVED: _("removed tie"), KEPT: _("kept")}
before_map, after_map = both_maps(
    view,
    simulation,
    view.survey.fingerprint,
    view.selection,
    view.audience,
    repr(scenario.steps),
    (view.text(MAP_BEFORE(round=view.selection.round)), view.text(MAP_AFTER())),
    words,
)
left, right = st.columns(2)
with left:
    show(before_map, MAP_HEIGHT)
with right:
    show(after_map, MAP_HEIGHT)

with st.expander(_("Every step, and the actors it changes")):
    steps_table = view.whatif_table(simulation)
    st.dataframe(steps_table, hide_index=True, width="stretch", height=320)
    changes = view.whatif_actor_changes(simulation)
    changes.insert(1, "name", [view.labels.get(actor, actor) for actor in simulation.actor_changes()["actor_id"]])
    st.dataframe(changes, hide_index=True, width="stretch", height=320)

st.subheader(_("Take it out"))
left, middle, right = st.columns(3)
left.download_button(
    _("Download the plan (CSV)"),
    table_csv(view.plan_table(scenario.steps)),
    file_name=f"plan-{view.selection.round}.csv",
    mime="text/csv",
    help=_("A scenario file: run it again with clusternet whatif, or take it into the facilitation log."),
    key="whatif_plan_download",
)
middle.download_button(
    _("Download as planned actions (CSV)"),
    table_csv(view.planned_actions(scenario.steps, dt.date.today())),
    file_name=f"planned-actions-{view.selection.round}.csv",
    mime="text/csv",
    help=_("The plan as rows of the survey's actions sheet, status planned: paste them into the facilitation log."),
    key="whatif_actions_download",
)
right.download_button(
    _("Download every KPI of every step (CSV)"),
    table_csv(view.whatif_table(simulation)),
    file_name=f"whatif-{view.selection.round}.csv",
    mime="text/csv",
    key="whatif_kpis_download",
)
