"""Logframe: did our facilitation work? Indicators against their targets per round, the actions on the
time line of the rounds, what followed each action, and the facilitation log edited here."""

import pandas as pd
import streamlit as st

from app_pages.shared import _, current_view, md, require_survey, save_to_store, say, stored_cluster, use_survey_file
from clusternet.export.survey_files import survey_workbook
from clusternet.export.tables import table_csv
from clusternet.messages import message
from clusternet.store.errors import StoreError
from clusternet.survey import SurveyError
from clusternet.survey.editing import with_actions
from clusternet.survey.facilitation import ACTION_KINDS, ACTION_STATUSES
from clusternet.viz.logframe_charts import action_timeline, indicator_chart

CHAIN = message(
    "page.logframe.chain",
    "Activities lead to outputs, outputs to outcomes, outcomes to impact: each indicator below is measured "
    "in every round and set against its value in the baseline round ({baseline}) and its target.",
)
NO_LOGFRAME = message(
    "page.logframe.none",
    "This survey has no logframe sheet. Add one (indicator_id, level, name, kpi, basis, baseline_round, "
    "target, target_round) to measure the programme's indicators here; docs/logframe.md shows how.",
)
IN_ROUND = message("page.logframe.in_round", "The indicators in {round} (the sidebar's round)")
INTERVAL = message("page.logframe.interval", "{low:+.3g} to {high:+.3g}")
PROBLEM = message("page.logframe.problem", "{where}, row {row}: {problem} ({fix})")
LOG_UPDATED = message("page.logframe.updated", "The facilitation log now has {count} actions: every page uses it.")
LOG_SAVED = message(
    "page.logframe.saved",
    'The facilitation log now has {count} actions, saved to the cluster "{cluster}" of the programme store: '
    "every page and every colleague uses it.",
)
ASSOCIATION = message(
    "page.logframe.association",
    "Ties among an action's participants before and after it show association, not attribution: they might "
    "have formed without it.",
)
CHARTS_PER_ROW = 4

survey = require_survey()
view = current_view(survey)
st.title(_("Logframe"))

indicators = view.logframe_table()
rounds = survey.round_labels
if indicators.empty:
    st.info(view.text(NO_LOGFRAME()))
else:
    st.caption(view.text(CHAIN(baseline=", ".join(dict.fromkeys(indicators["baseline_round"])))))
    shown_round = str(view.selection.round)
    st.subheader(view.text(IN_ROUND(round=shown_round)))
    in_round = indicators.loc[indicators["round"] == shown_round].copy()
    in_round["progress"] = in_round["progress"].clip(lower=0, upper=1)
    in_round["source"] = [view.indicator_name(code) if code else _("typed by hand") for code in in_round["kpi"]]
    in_round["interval"] = [
        "" if pd.isna(low) else view.text(INTERVAL(low=low, high=high))
        for low, high in zip(in_round["low"], in_round["high"])
    ]
    st.dataframe(
        in_round[["indicator_id", "name", "baseline", "value", "target", "progress", "interval", "level", "source"]],
        hide_index=True,
        width="stretch",
        column_config={
            "indicator_id": st.column_config.TextColumn(_("id"), width="small"),
            "level": st.column_config.TextColumn(_("level"), width="small"),
            "name": st.column_config.TextColumn(_("indicator")),
            "source": st.column_config.TextColumn(_("computed from")),
            "baseline": st.column_config.NumberColumn(_("baseline"), format="%.3g"),
            "value": st.column_config.NumberColumn(_("value"), format="%.3g"),
            "target": st.column_config.NumberColumn(_("target"), format="%.3g"),
            "progress": st.column_config.ProgressColumn(
                _("progress to target"), min_value=0.0, max_value=1.0, format="percent"
            ),
            "interval": st.column_config.TextColumn(_("change since baseline, 95 % interval")),
        },
    )
    codes = list(dict.fromkeys(indicators["indicator_id"]))
    for start in range(0, len(codes), CHARTS_PER_ROW):
        columns = st.columns(CHARTS_PER_ROW)
        for column, code in zip(columns, codes[start : start + CHARTS_PER_ROW]):
            rows = indicators.loc[indicators["indicator_id"] == code]
            column.altair_chart(indicator_chart(rows, rounds, view.text), width="stretch")

st.subheader(_("Actions and what followed"))
actions = view.actions_table()
followup = view.followup_table()
if actions.empty:
    st.info(_("The survey has no facilitation log yet: add actions below, or an actions sheet to the survey."))
else:
    st.altair_chart(action_timeline(actions, survey.rounds, view.text), width="stretch")
    st.caption(view.text(ASSOCIATION()))
    st.dataframe(followup, hide_index=True, width="stretch")

st.subheader(_("The facilitation log"))
if view.anonymized:
    st.caption(_("Anonymised: the log shows codes and no titles or notes, and cannot be edited."))
    st.dataframe(actions, hide_index=True, width="stretch")
else:
    edited = st.data_editor(
        survey.actions,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key="logframe_editor",
        column_config={
            "date": st.column_config.DateColumn(_("date"), format="YYYY-MM-DD"),
            "kind": st.column_config.SelectboxColumn(_("kind"), options=list(ACTION_KINDS)),
            "status": st.column_config.SelectboxColumn(_("status"), options=list(ACTION_STATUSES)),
            "participants": st.column_config.TextColumn(_("participants (actor ids, separated by ;)")),
        },
    )
    if st.button(_("Use this log"), key="logframe_apply"):
        try:
            updated = with_actions(survey, edited, _("the facilitation log"))
        except SurveyError as error:
            for problem in error.problems:
                fix = "" if problem.fix is None else view.text(problem.fix)
                shown = PROBLEM(where=problem.where, row=problem.row or 0, problem=view.text(problem.message), fix=fix)
                st.error(md(view.text(shown)))
        else:
            name = survey.source.rsplit("/", 1)[-1] or "survey.xlsx"
            workbook = (name if name.endswith(".xlsx") else f"{name}.xlsx", survey_workbook(updated))
            cluster = stored_cluster()
            if cluster is None:
                use_survey_file(*workbook)
                st.session_state["logframe_notice"] = view.text(LOG_UPDATED(count=len(updated.actions)))
                st.rerun()
            try:
                save_to_store(updated, (workbook,), cluster)
            except StoreError as error:
                st.error(say(error.message))
            else:
                st.session_state["logframe_notice"] = view.text(
                    LOG_SAVED(count=len(updated.actions), cluster=md(cluster))
                )
                st.rerun()
    if notice := st.session_state.pop("logframe_notice", None):
        st.success(notice)

left, middle, right = st.columns(3)
left.download_button(
    _("Download the log (actions sheet, CSV)"),
    table_csv(actions),
    file_name="actions.csv",
    mime="text/csv",
    key="logframe_actions_download",
)
middle.download_button(
    _("Download logframe.csv"),
    table_csv(indicators),
    file_name="logframe.csv",
    mime="text/csv",
    key="logframe_values_download",
)
right.download_button(
    _("Download action_followup.csv"),
    table_csv(followup),
    file_name="action_followup.csv",
    mime="text/csv",
    key="logframe_followup_download",
)
