"""Data: choose the survey (the sample, or an upload), see its problems or what it holds; for an
administrator, the programme store: its clusters (deleted here) and its roles (edited here)."""

import pandas as pd
import streamlit as st

from app_pages.field_forms import field_forms_section
from app_pages.shared import (
    TEMPLATE,
    UploadedFiles,
    _,
    current_access,
    current_language,
    current_survey,
    current_view,
    md,
    read_upload,
    save_to_store,
    say,
    store_clusters,
    store_engine,
    stored_cluster,
    uploaded_files,
    uploader_key,
    uploads_changed,
    use_stored_cluster,
    use_the_sample,
)
from clusternet.i18n import renderer
from clusternet.messages import message, plural_message
from clusternet.store.access import NOT_ADMIN
from clusternet.store.clusters import cluster_contents, clusters_table, delete_cluster
from clusternet.store.errors import StoreError
from clusternet.store.roles import EVERY_CLUSTER, Role, replace_roles, roles_table
from clusternet.survey import Survey
from clusternet.survey.problems import problems_table
from clusternet.survey.summary import summarize

REFUSED = message(
    "page.data.refused",
    "The survey cannot be analysed: {errors} error(s), {warnings} warning(s). Correct the file and upload it again.",
)
USING = message("page.data.using", "Using {source}: {actors} actors, {tie_rows} tie rows, {rounds} round(s).")
THE_SAMPLE = message("page.data.source.sample", "the bundled sample")
AN_UPLOAD = message("page.data.source.upload", "the uploaded survey")
A_STORED_CLUSTER = message("page.data.source.stored", 'the cluster "{cluster}" of the programme store')
SAVED = message(
    "page.data.saved",
    'Saved as the cluster "{cluster}" of the programme store: it is the survey in use, and the sidebar\'s '
    "Cluster picker opens it from now on.",
)
REPLACES = message(
    "page.data.replaces",
    'The store already holds a cluster "{cluster}": saving replaces everything it held with this survey.',
)
DELETE_WARNING = message(
    "page.data.store.delete_warning",
    'Deleting "{cluster}" removes its survey ({actors} actors, {ties} tie rows, {rounds} round(s)), its import '
    "log and the roles given for it, for everyone; the audit log keeps the deletion. Type the cluster's name to "
    "confirm.",
)
DELETED = message("page.data.store.deleted", 'The cluster "{cluster}" was deleted from the programme store.')
NOT_DELETABLE = message("page.data.store.not_deletable", 'Only an administrator of "{cluster}" may delete it.')
ROLES_SAVED = message("page.data.store.roles_saved", "Roles saved: {given} given or changed, {removed} taken away.")
ROLES_BY_ADMINS = message(
    "page.data.store.roles_by_admins", "The roles are managed by an administrator of every cluster (*)."
)
WARNINGS = plural_message(
    "page.data.warnings",
    "{count} warning: the survey was analysed, but check it.",
    "{count} warnings: the survey was analysed, but check these.",
)

st.title(_("Data"))
st.write(
    _(
        "clusternet reads a survey workbook (.xlsx) with the sheets actors, ties, and optionally rounds and "
        "respondents, or the same tables as CSV files. The bundled sample is a fictional handloom weavers' "
        "cluster surveyed at baseline, midterm and endline."
    )
)


def save_upload(files: UploadedFiles) -> None:
    """The Save button: the upload in use saved as the cluster named in the box (admins of it only)."""
    cluster = str(st.session_state.get("save_cluster_name", "")).strip()
    if not current_access().may_save_as(cluster):
        st.session_state["save_notice"] = ("error", say(NOT_ADMIN(cluster=md(cluster))))
        return
    try:
        saved = save_to_store(read_upload(files), files, cluster)
    except StoreError as error:
        st.session_state["save_notice"] = ("error", say(error.message))
    else:
        st.session_state["save_notice"] = ("success", say(SAVED(cluster=md(saved))))


def save_section(files: UploadedFiles) -> None:
    """For an administrator: the upload in use (it validated) saved to the programme store as a cluster."""
    st.subheader(_("Save to the programme store"))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        _("Cluster name"),
        value=files[0][0].rsplit(".", 1)[0] if len(files) == 1 else "",
        max_chars=200,
        key="save_cluster_name",
        help=_("The name the programme's clusters are listed by; saving under a name the store holds replaces it."),
    )
    name = str(st.session_state.get("save_cluster_name", "")).strip()
    right.button(_("Save as a cluster"), key="save_cluster", on_click=save_upload, args=(files,), disabled=not name)
    if name in store_clusters():
        st.caption(say(REPLACES(cluster=md(name))))


def delete_chosen_cluster() -> None:
    """The Delete button: the chosen cluster deleted, once its name is typed (admins of it only)."""
    cluster = st.session_state.get("delete_cluster")
    engine = store_engine()
    if engine is None or cluster is None or st.session_state.get("delete_confirmation", "").strip() != cluster:
        return
    access = current_access()
    if not access.may_delete(cluster):
        st.session_state["store_notice"] = ("error", say(NOT_DELETABLE(cluster=md(cluster))))
        return
    try:
        delete_cluster(engine, cluster, by=access.who)
    except StoreError as error:
        st.session_state["store_notice"] = ("error", say(error.message))
        return
    if stored_cluster() == cluster:
        use_stored_cluster(None)
    st.session_state.pop("delete_cluster", None)
    st.session_state["delete_confirmation"] = ""
    st.session_state["store_notice"] = ("success", say(DELETED(cluster=md(cluster))))


def save_roles(edited: pd.DataFrame) -> None:
    """The Save roles button: the store's roles made those of the table (an admin of every cluster only)."""
    engine = store_engine()
    access = current_access()
    if engine is None or not access.may_manage_roles:
        return
    cells = edited.dropna(how="all").astype(object).where(edited.notna(), "")
    wanted = [(str(row.email), str(row.cluster), str(row.role)) for row in cells.itertuples(index=False)]
    try:
        changes = replace_roles(engine, wanted, by=access.who)
    except StoreError as error:
        st.session_state["store_notice"] = ("error", say(error.message))
        return
    st.session_state["roles_generation"] = st.session_state.get("roles_generation", 0) + 1
    st.session_state["store_notice"] = ("success", say(ROLES_SAVED(given=changes.given, removed=changes.removed)))


def store_tab() -> None:
    """For an administrator: the store's clusters, each of those it administers deletable after typing its
    name; and, for an administrator of every cluster, the roles as a table to edit."""
    engine = store_engine()
    access = current_access()
    if notice := st.session_state.pop("store_notice", None):
        kind, text = notice
        (st.success if kind == "success" else st.error)(text)
    if engine is None:
        st.caption(_("The programme store holds nothing yet: save an upload as a cluster to start it."))
        return
    st.subheader(_("Clusters"))
    listed = clusters_table(engine)
    listed = listed[listed["cluster"].isin(access.clusters(listed["cluster"]))]
    st.dataframe(listed, hide_index=True, width="stretch")
    deletable = [name for name in listed["cluster"] if access.may_delete(name)]
    if deletable:
        if st.session_state.get("delete_cluster") not in deletable:
            st.session_state.pop("delete_cluster", None)
        left, right = st.columns([2, 3], vertical_alignment="bottom")
        left.selectbox(_("Cluster to delete"), deletable, index=None, key="delete_cluster",
                       placeholder=_("Choose a cluster"))  # fmt: skip
        chosen = st.session_state.get("delete_cluster")
        if chosen is not None:
            held = cluster_contents(engine, chosen)
            st.warning(say(DELETE_WARNING(cluster=md(chosen), actors=held.actors, ties=held.ties, rounds=held.rounds)))
            right.text_input(_("Type its name to confirm"), key="delete_confirmation")
            typed = str(st.session_state.get("delete_confirmation", "")).strip()
            st.button(_("Delete the cluster"), key="delete_cluster_button", type="primary",
                      on_click=delete_chosen_cluster, disabled=typed != chosen)  # fmt: skip

    st.subheader(_("Roles"))
    if not access.may_manage_roles:
        st.caption(say(ROLES_BY_ADMINS()))
        return
    roles = roles_table(engine)
    scopes = [EVERY_CLUSTER, *sorted(set(listed["cluster"]) | set(roles["cluster"]) - {EVERY_CLUSTER})]
    edited = st.data_editor(
        roles,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"roles_editor_{st.session_state.get('roles_generation', 0)}",
        column_config={
            "email": st.column_config.TextColumn(_("e-mail address"), required=True),
            "cluster": st.column_config.SelectboxColumn(
                _("cluster"), options=scopes, required=True, help=_("A cluster of the store, or * for every cluster")
            ),
            "role": st.column_config.SelectboxColumn(_("role"), options=[role.code for role in Role], required=True),
        },
    )
    st.caption(
        _(
            "viewer: anonymised views only; analyst: names, every analysis and export; admin: besides, saves and "
            "deletes clusters. A role for a cluster wins over the role for every cluster (*). The store keeps at "
            "least one admin for every cluster."
        )
    )
    st.button(_("Save roles"), key="save_roles", on_click=save_roles, args=(edited,))


def survey_tab(survey: Survey | None) -> None:
    """The survey in use: upload, template, sample; its problems, or what it holds."""
    left, right = st.columns([3, 1])
    left.file_uploader(
        _("Upload a survey workbook, or its CSV files together"),
        accept_multiple_files=True,
        key=uploader_key(),
        on_change=uploads_changed,
        help=_("An .xlsx workbook, or the CSV files of its sheets. Other files are named with what to do about them."),
    )
    right.download_button(
        _("Empty survey template"),
        TEMPLATE.read_bytes(),
        file_name="clusternet-template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    right.button(
        _("Use the bundled sample"),
        disabled=uploaded_files() is None and stored_cluster() is None,
        on_click=use_the_sample,
    )
    if notice := st.session_state.pop("save_notice", None):
        kind, text = notice
        (st.success if kind == "success" else st.error)(text)

    if st.session_state.pop("upload_notice", None) == "removed":
        st.info(_("The uploaded files were removed, and with them their problems: back to the bundled sample."))
    left.caption(
        _(
            "An uploaded survey stays while this browser tab is open, from page to page. Reloading the page or "
            "opening the app in a new tab starts again from the bundled sample: upload the survey again then."
        )
    )
    files = uploaded_files()

    if survey is None:
        error = st.session_state["upload_error"]
        # a refused survey has no view; its problems name no actor but by the file's own text
        problems = renderer(current_language())
        st.error(problems.render(REFUSED(errors=len(error.errors), warnings=len(error.warnings))))
        st.dataframe(problems_table(error.problems, problems), hide_index=True, width="stretch")
        return

    view = current_view(survey)
    cluster = stored_cluster()
    if cluster is not None:
        source = A_STORED_CLUSTER(cluster=md(cluster))
    elif files is None:
        source = THE_SAMPLE()
    elif view.source_name:
        source = md(view.source_name)
    else:
        source = AN_UPLOAD()
    st.success(
        view.text(
            USING(source=source, actors=len(survey.actors), tie_rows=len(survey.ties), rounds=len(survey.round_labels))
        )
    )
    if survey.warnings:
        st.warning(view.text(WARNINGS(count=len(survey.warnings))))
        if view.anonymized:  # a warning quotes the file's cells, names included
            st.caption(_("Turn Anonymise off to read them: they quote the file's cells."))
        else:
            st.dataframe(problems_table(survey.warnings, view.renderer), hide_index=True, width="stretch")
    if cluster is None and files is not None and current_access().may_save_clusters:
        if view.anonymized:  # the name box starts with the file's name
            st.caption(_("Turn Anonymise off to save this survey to the programme store."))
        else:
            save_section(files)

    summary = summarize(view.survey)
    left, middle, right = st.columns([1, 2, 2])
    left.subheader(_("Actors by type"))
    left.dataframe(summary.actors_by_type, hide_index=True)
    middle.subheader(_("Tie rows by round and relation"))
    middle.dataframe(summary.ties_by_round, hide_index=True)
    right.subheader(_("Response by round"))
    right.dataframe(
        summary.response_by_round,
        hide_index=True,
        column_config={"response_rate": st.column_config.NumberColumn(_("response rate"), format="percent")},
    )


survey = current_survey()
administers = current_access().may_save_clusters
tabs = st.tabs([_("Survey"), _("Field forms (KoboToolbox, ODK)"), *([_("Programme store")] if administers else [])])
with tabs[0]:
    survey_tab(survey)
with tabs[1]:
    field_forms_section(survey, None if survey is None else current_view(survey))
if administers:
    with tabs[2]:
        store_tab()
