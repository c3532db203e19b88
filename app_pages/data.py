"""Data: choose the survey (the sample, or an upload), see its problems or what it holds."""

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
    stored_cluster,
    uploaded_files,
    uploader_key,
    uploads_changed,
    use_the_sample,
)
from clusternet.i18n import renderer
from clusternet.messages import message, plural_message
from clusternet.store.access import NOT_ADMIN
from clusternet.store.errors import StoreError
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
survey_part, field_part = st.tabs([_("Survey"), _("Field forms (KoboToolbox, ODK)")])
with survey_part:
    survey_tab(survey)
with field_part:
    field_forms_section(survey, None if survey is None else current_view(survey))
