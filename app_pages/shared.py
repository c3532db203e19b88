"""What every page shares: the survey in use, the sidebar, and the one view every page draws from.

A page asks :func:`current_view` for the :class:`~clusternet.view.View` of the sidebar's selection and
audience, and shows only what the view gives it: labels or codes, suppressed trust figures and every
sentence are decided there, never on a page. Computations are kept per survey content in one
:class:`~clusternet.cache.AnalysisCache`, so that a widget change recomputes only what depends on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from clusternet.anonymize import configured_key
from clusternet.cache import AnalysisCache
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.export.formats import FORMATS, default_file_name, export_bytes, report_bytes
from clusternet.graph import TIE_MODES, Selection
from clusternet.i18n import SOURCE_LANGUAGE, available_languages, language_name, preferred_language, translations
from clusternet.sanitize.markup import markdown_text
from clusternet.survey import Survey, SurveyError, load_survey
from clusternet.survey.uploads import load_uploaded_survey
from clusternet.view import Audience, View, view_for

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "surveys" / "sample" / "handloom_cluster.xlsx"
TEMPLATE = ROOT / "surveys" / "template.xlsx"


def _(text: str) -> str:
    """A label of the app in the session's language (extracted by ``pybabel`` as ``_``)."""
    return translations(current_language()).gettext(text)


def current_language() -> str:
    return str(st.session_state.get("language", SOURCE_LANGUAGE))


def start_language() -> None:
    """The session's language before anything is drawn: ``?lang=`` of the URL (a workshop link opens
    in its language), else the browser's, else English; the sidebar's select box changes it."""
    if st.session_state.get("language") not in available_languages():
        st.session_state["language"] = preferred_language(st.query_params.get("lang"), st.context.locale)


def language_control() -> None:
    """The sidebar's language select box (key ``language``), kept in the URL as ``?lang=``."""
    st.sidebar.selectbox(_("Language"), available_languages(), key="language", format_func=language_name)
    if st.query_params.get("lang") != current_language():
        st.query_params["lang"] = current_language()


def download_labels() -> dict[str, str]:
    return {
        "report": _("HTML report"),
        "xlsx": _("Excel tables"),
        "gexf": _("GEXF (Gephi)"),
        "graphml": _("GraphML"),
        "csv": _("Edge list (CSV)"),
        "png": _("Map (PNG)"),
        "svg": _("Map (SVG)"),
        "pdf": _("Map (PDF)"),
        "strip-png": _("Rounds side by side (PNG)"),
        "strip-pdf": _("Rounds side by side (PDF)"),
        "feedback-pdf": _("Feedback sheets (PDF)"),
    }


def tie_mode_labels() -> dict[str, str]:
    return {
        "reported": _("reported (directed)"),
        "any": _("any (either side)"),
        "confirmed": _("confirmed (both sides)"),
    }


UploadedFiles = tuple[tuple[str, bytes], ...]
"""Files uploaded together, as (name, bytes) in the order given: what ``st.session_state["upload"]`` holds."""


@st.cache_data(show_spinner=False, max_entries=8)
def read_upload(files: UploadedFiles) -> Survey:
    return load_uploaded_survey(files)


@st.cache_data(show_spinner=False)
def read_sample() -> Survey:
    return load_survey(SAMPLE)


def uploaded_files() -> UploadedFiles | None:
    """The files of the survey in use, None for the sample.

    The upload lives in the session state, so it stays across page switches; a reload of the page
    starts a new session, which begins on the sample. ``(bytes, name)``, one workbook, is read as
    ``((name, bytes),)``.
    """
    upload = st.session_state.get("upload")
    if upload is None:
        return None
    if isinstance(upload[0], bytes):
        return ((upload[1], upload[0]),)
    return tuple(upload)


def current_survey() -> Survey | None:
    """The survey chosen on the Data page (the bundled sample until the user uploads one).

    A survey that fails validation leaves ``None`` and its error in ``st.session_state``.
    """
    files = uploaded_files()
    if files is None:
        st.session_state.pop("upload_error", None)
        return read_sample()
    try:
        survey = read_upload(files)
    except SurveyError as error:
        st.session_state["upload_error"] = error
        return None
    st.session_state.pop("upload_error", None)
    return survey


def uploader_key() -> str:
    """The key of the Data page's file chooser; a new one empties it (back to the sample)."""
    return f"uploader_{st.session_state.get('uploader_generation', 0)}"


def uploads_changed() -> None:
    """The user added or removed files in the file chooser: use them, or go back to the sample.

    Only a change the user makes calls this, so coming back to the Data page, whose chooser is then
    empty, keeps the survey uploaded earlier in the session.
    """
    files = st.session_state.get(uploader_key()) or []
    if files:
        st.session_state["upload"] = tuple((file.name, file.getvalue()) for file in files)
        st.session_state.pop("upload_notice", None)
    else:
        use_the_sample()
        st.session_state["upload_notice"] = "removed"


def use_survey_file(name: str, data: bytes) -> None:
    """Make one workbook the survey in use, as if it had been uploaded (an import of the Data page)."""
    use_the_sample()
    st.session_state["upload"] = ((name, data),)


def use_the_sample() -> None:
    """Forget the upload and its problems, and empty the file chooser: back to the bundled sample."""
    st.session_state.pop("upload", None)
    st.session_state.pop("upload_error", None)
    st.session_state.pop("upload_notice", None)
    st.session_state["uploader_generation"] = st.session_state.get("uploader_generation", 0) + 1


def md(text: object) -> str:
    """Survey text made literal inside Markdown (:func:`~clusternet.sanitize.markup.markdown_text`): no
    emphasis, link or image can come from the data; an image link in a name would otherwise make the
    browser fetch it."""
    return markdown_text(text)


@st.cache_resource(show_spinner=False, max_entries=8)
def _analysis_cache(_survey: Survey, fingerprint: str) -> AnalysisCache:
    return AnalysisCache(_survey)


def analysis_cache(survey: Survey) -> AnalysisCache:
    """The survey's computations, shared by every page, session and audience (keyed by its content)."""
    return _analysis_cache(survey, survey.fingerprint)


def current_audience() -> Audience:
    """Named or anonymised (the sidebar's toggle), k, the language, and the session's anonymisation key
    (the same codes and map on every page and download of the session)."""
    anonymised = bool(st.session_state.get("anonymise", False))
    minimum = int(st.session_state.get("min_ratings", MIN_RATINGS_SHOWN)) if anonymised else MIN_RATINGS_SHOWN
    key = st.session_state.setdefault("anonymisation_key", configured_key())
    return Audience(anonymised, minimum, current_language(), key)


def global_controls(survey: Survey | None) -> None:
    """The sidebar: language, anonymise toggle and the selection every analysis page uses."""
    language_control()
    st.sidebar.toggle(
        _("Anonymise"),
        key="anonymise",
        help=_("Show codes by type (FIRM-07, NGO-01) instead of names on every page, map and download."),
    )
    if st.session_state.get("anonymise"):
        st.sidebar.number_input(
            _("Hide trust figures with fewer ratings than"),
            min_value=1,
            max_value=20,
            value=MIN_RATINGS_SHOWN,
            key="min_ratings",
            help=_("So that no respondent's rating of a partner can be read back"),
        )
    if survey is None:
        return
    rounds = survey.round_labels
    st.sidebar.selectbox(_("Round"), rounds, index=len(rounds) - 1, key="round")
    st.sidebar.multiselect(_("Relations"), survey.relation_labels, key="relations", placeholder=_("All relations"))
    st.sidebar.radio(
        _("Ties"),
        TIE_MODES,
        key="ties",
        format_func=tie_mode_labels().get,
        help=_(
            "Reported: as each respondent reported them. Any: when either side reports. Confirmed: only when both do."
        ),
    )
    anonymised = bool(st.session_state.get("anonymise"))
    st.sidebar.select_slider(
        _("Minimum trust"),
        options=[None, 1, 2, 3, 4, 5],
        key="min_trust",
        format_func=lambda value: _("any") if value is None else str(value),
        disabled=anonymised,
        help=_("Not applied when anonymised: a map of the ties rated at least this much shows single ratings.")
        if anonymised
        else None,
    )
    attributes = _view_attributes(survey)
    if st.session_state.get("group_by") not in attributes:
        st.session_state["group_by"] = "type"
    st.sidebar.selectbox(
        _("Group by"), attributes, key="group_by", help=_("Groups for brokerage roles, the E-I index and trust")
    )


def _view_attributes(survey: Survey) -> list[str]:
    return view_for(analysis_cache(survey), Selection(survey.latest_round), current_audience()).attributes


def current_selection(survey: Survey) -> Selection:
    """The selection the sidebar shows, checked against the survey and the audience."""
    relations = tuple(st.session_state.get("relations") or ()) or None
    round_label = st.session_state.get("round")
    if round_label not in survey.round_labels:
        round_label = survey.latest_round
    group_by = st.session_state.get("group_by")
    if group_by not in _view_attributes(survey):
        group_by = "type"
    return replace(
        Selection(),
        round=round_label,
        relations=relations,
        ties=st.session_state.get("ties", "reported"),
        min_trust=st.session_state.get("min_trust"),
        group_by=group_by,
    ).resolved(survey)


def current_view(survey: Survey) -> View:
    """The view of the sidebar's selection for the sidebar's audience: what every page shows."""
    return view_for(analysis_cache(survey), current_selection(survey), current_audience())


def require_survey() -> Survey:
    """The current survey, or stop the page with a pointer to the Data page."""
    survey = current_survey()
    if survey is None:
        st.error(_("The uploaded survey has problems: see the Data page."))
        st.stop()
    return survey


@st.cache_data(show_spinner=False, max_entries=32)
def _export(_view: View, fingerprint: str, selection: Selection, audience: Audience, fmt: str) -> bytes:
    if fmt == "report":
        return report_bytes(_view)
    return export_bytes(_view, fmt)


SLOW_FORMATS = frozenset({"report", "png", "svg", "pdf", "strip-png", "strip-svg", "strip-pdf", "feedback-pdf"})
"""Files that take seconds on a large cluster: at 500 actors each takes 2-4 s to make (benchmarks/exports.py)."""
PREPARE_FROM_ACTORS = 300
"""From this many actors a slow file is made on a click of its own, under a spinner, before it is offered,
so that the wait is visible; on a smaller cluster it takes well under a second and is offered at once."""


def offer_download(
    column: DeltaGenerator, *, label: str, make: Callable[[], bytes], token: str, slow: bool, key: str, **options: Any
) -> None:
    """A download button for the file ``make`` builds (cached by the caller); a ``slow`` file is first
    prepared on a button of its own under a spinner (once per ``token``: a view and its options)."""
    prepared: set[str] = st.session_state.setdefault("prepared_downloads", set())
    if slow and token not in prepared:
        if column.button(_("Prepare: {file}").format(file=label), key=f"{key}_prepare", width="stretch"):
            with column.spinner(_("Making the file: this takes a few seconds for a large cluster.")):
                make()
            prepared.add(token)
            st.rerun()
        return
    column.download_button(label, data=make, key=key, width="stretch", **options)


def is_slow(fmt: str, view: View) -> bool:
    """Whether the file ``fmt`` of ``view`` is prepared before it is offered (see ``PREPARE_FROM_ACTORS``)."""
    return fmt in SLOW_FORMATS and len(view.survey.actors) >= PREPARE_FROM_ACTORS


def download_buttons(view: View, formats: list[str], key: str) -> None:
    """One download button per format; each file is built when its button is clicked (then cached), a
    slow one on a large cluster on a "Prepare" button of its own first (:func:`offer_download`).

    ``report`` is the HTML report; every other name is a key of ``FORMATS``. Files follow the view's
    audience: anonymised, no name is in them.
    """
    labels = download_labels()
    for column, fmt in zip(st.columns(len(formats)), formats):
        offer_download(
            column,
            label=labels[fmt],
            make=lambda fmt=fmt: _export(view, view.survey.fingerprint, view.selection, view.audience, fmt),
            token=f"{key}|{fmt}|{view.survey.fingerprint}|{view.selection!r}|{view.audience!r}",
            slow=is_slow(fmt, view),
            key=f"{key}_{fmt}",
            file_name=default_file_name(view, fmt),
            mime="text/html" if fmt == "report" else FORMATS[fmt].mime,
            help="" if fmt == "report" else view.text(FORMATS[fmt].description),
        )
