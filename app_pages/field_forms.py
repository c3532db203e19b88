"""The Data page's field forms: the KoboToolbox/ODK form made from the survey's roster, and an export
of its submissions turned back into a survey (docs/field-forms.md).

Both hold every organisation's name (the form's roster, the imported survey), so an anonymised
audience gets neither: the section says to turn Anonymise off instead.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from app_pages.shared import _, current_language, md, use_survey_file
from clusternet.export.survey_files import survey_workbook
from clusternet.fieldforms.imports import ImportResult, detected_platform, import_export, unmatched_csv
from clusternet.fieldforms.roster import Roster, roster_from_csv, roster_from_survey
from clusternet.fieldforms.xlsform import FORM_FILE, ROSTER_FILE, field_form, form_version, form_workbook, roster_csv
from clusternet.i18n import available_languages, language_name, renderer
from clusternet.messages import message
from clusternet.survey import Survey, SurveyError
from clusternet.survey.problems import problems_table
from clusternet.view import View

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_REFUSED = message(
    "page.data.fieldforms.refused",
    "The export cannot be imported: {errors} error(s). Nothing was changed; correct what the table says.",
)


@st.cache_data(show_spinner=False, max_entries=8)
def _form_files(_roster: Roster, fingerprint: str, languages: tuple[str, ...], frequency: bool) -> tuple[bytes, bytes]:
    form = field_form(_roster, version=form_version(datetime.now()), languages=languages, frequency=frequency)
    return form_workbook(form), roster_csv(form)


@st.cache_data(show_spinner=False, max_entries=8)
def _imported(
    data: bytes,
    name: str,
    _roster: Roster,
    roster_key: str,
    _into: Survey | None,
    into_key: str,
    round_label: str | None,
    replace_rounds: bool,
) -> tuple[ImportResult, bytes, bytes]:
    result = import_export(
        detected_platform(data),
        data,
        name,
        _roster,
        into=_into,
        round_label=round_label,
        replace_rounds=replace_rounds,
    )
    return result, survey_workbook(result.survey), unmatched_csv(result)


def field_forms_section(survey: Survey | None, view: View | None) -> None:
    """The form's downloads and the import of its submissions, for the survey in use (None when the
    survey in use was refused: the import then needs an uploaded roster)."""
    if view is not None and view.anonymized:
        st.info(
            _(
                "Turn Anonymise off to make a field form or import its submissions: the form's roster and the "
                "imported survey name every organisation."
            )
        )
        return
    st.subheader(_("1. The form for the phones"))
    st.write(
        _(
            "An XLSForm for KoboToolbox or ODK Central, made from the actors of the survey in use: the respondent "
            "picks its organisation and its partners from the roster, then the relations and trust for each "
            "partner. Upload the form and its roster.csv (the form's media file) to the platform."
        )
    )
    if survey is None:
        st.caption(_("Correct the survey in use on the Survey tab first: its actors are the form's roster."))
    else:
        _form_downloads(survey)
    st.subheader(_("2. The submissions back"))
    _import_controls(survey)


def _form_downloads(survey: Survey) -> None:
    try:
        roster = roster_from_survey(survey)
    except SurveyError as error:
        st.error(_("The survey's actor ids cannot be carried by a form:"))
        st.dataframe(problems_table(error.problems, renderer(current_language())), hide_index=True, width="stretch")
        return
    left, right = st.columns([2, 1])
    languages = left.multiselect(
        _("Languages of the form (the first is its default)"),
        available_languages(),
        default=[current_language()],
        format_func=language_name,
        key="form_languages",
    )
    frequency = right.checkbox(
        _("Also ask how often each partner was met"), key="form_frequency", help=_("Stored as the tie's weight, 1-5")
    )
    if not languages:
        st.caption(_("Choose at least one language."))
        return
    chosen = tuple(languages)
    form_column, roster_column = st.columns(2)
    form_column.download_button(
        _("Field form (XLSForm)"),
        data=lambda: _form_files(roster, survey.fingerprint, chosen, frequency)[0],
        file_name=FORM_FILE,
        mime=XLSX_MIME,
        key="download_form",
        width="stretch",
    )
    roster_column.download_button(
        _("Its roster (roster.csv)"),
        data=lambda: _form_files(roster, survey.fingerprint, chosen, frequency)[1],
        file_name=ROSTER_FILE,
        mime="text/csv",
        key="download_roster",
        width="stretch",
    )


def _import_controls(survey: Survey | None) -> None:
    export = st.file_uploader(
        _("The export: KoboToolbox's XLSX (XML values and headers) or ODK Central's zip of CSV files"),
        type=["xlsx", "zip"],
        key="field_export",
    )
    own_roster = st.file_uploader(
        _("The form's roster.csv, or a CSV file of actors (leave empty to use the survey in use)"),
        type=["csv"],
        key="field_roster",
    )
    left, right = st.columns(2)
    into = left.checkbox(
        _("Add the rounds to the survey in use"),
        disabled=survey is None,
        key="field_into",
        help=_("Otherwise the import is a survey of its own, with the roster's actors"),
    )
    replace_rounds = left.checkbox(
        _("Replace a round the survey already holds"), disabled=not into, key="field_replace"
    )
    round_label = right.text_input(_("Round of the submissions that answer none"), key="field_round").strip()
    if export is None:
        return
    roster = _roster(survey, own_roster)
    if roster is None:
        return
    base = survey if into else None
    try:
        result, workbook, unmatched = _imported(
            export.getvalue(),
            export.name,
            roster,
            hashlib.sha256(own_roster.getvalue()).hexdigest() if own_roster else str(survey and survey.fingerprint),
            base,
            "" if base is None else base.fingerprint,
            round_label or None,
            replace_rounds,
        )
    except SurveyError as error:
        words = renderer(current_language())
        st.error(words.render(IMPORT_REFUSED(errors=len(error.errors))))
        st.dataframe(problems_table(error.problems, words), hide_index=True, width="stretch")
        return
    _import_result(result, workbook, unmatched)


def _roster(survey: Survey | None, upload: UploadedFile | None) -> Roster | None:
    """The uploaded roster, else the survey in use's; None after showing why neither can be used."""
    words = renderer(current_language())
    try:
        if upload is not None:
            return roster_from_csv(upload.getvalue(), upload.name)
        if survey is None:
            st.error(_("Give the form's roster.csv: the survey in use has problems."))
            return None
        return roster_from_survey(survey)
    except SurveyError as error:
        st.error(_("The roster cannot be used:"))
        st.dataframe(problems_table(error.problems, words), hide_index=True, width="stretch")
        return None


def _import_result(result: ImportResult, workbook: bytes, unmatched: bytes) -> None:
    words = renderer(current_language())
    lines = [words.render(line) for line in result.summary.messages()]
    st.success(md(lines[0]))
    st.markdown("\n".join(f"- {md(line)}" for line in lines[1:]))
    if result.warnings:
        st.warning(_("Warnings: the export was imported, but check these."))
        st.dataframe(problems_table(result.warnings, words), hide_index=True, width="stretch")
    survey_column, unmatched_column = st.columns(2)
    survey_column.download_button(
        _("Imported survey (.xlsx)"),
        data=workbook,
        file_name="imported_survey.xlsx",
        mime=XLSX_MIME,
        key="download_imported",
        width="stretch",
    )
    unmatched_column.download_button(
        _("Partners to reconcile (unmatched.csv)"),
        data=unmatched,
        file_name="unmatched.csv",
        mime="text/csv",
        key="download_unmatched",
        width="stretch",
    )
    st.button(
        _("Analyse the imported survey"),
        on_click=use_survey_file,
        args=("imported_survey.xlsx", workbook),
        help=_("Makes it the survey in use, as if its workbook had been uploaded above"),
    )
