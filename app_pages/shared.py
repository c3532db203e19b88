"""What every page shares: the survey in use, the sidebar, and the one view every page draws from.

A page asks :func:`current_view` for the :class:`~clusternet.view.View` of the sidebar's selection and
audience, and shows only what the view gives it: labels or codes, suppressed trust figures and every
sentence are decided there, never on a page. Computations are kept per survey content in one
:class:`~clusternet.cache.AnalysisCache`, so that a widget change recomputes only what depends on it.

The survey in use is a cluster of the programme store chosen in the sidebar, else the Data page's
upload, else the bundled sample. Who may see what comes from :mod:`clusternet.store.access`: local
mode (no ``[auth]`` in the secrets) is one administrator; shared mode signs people in with
``st.login`` and takes their roles from the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine
from streamlit.delta_generator import DeltaGenerator

from clusternet.anonymize import configured_key
from clusternet.cache import AnalysisCache
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.export.formats import FORMATS, default_file_name, export_bytes, report_bytes
from clusternet.graph import TIE_MODES, Selection
from clusternet.i18n import (
    SOURCE_LANGUAGE,
    available_languages,
    language_name,
    preferred_language,
    renderer,
    translations,
)
from clusternet.messages import Message, message
from clusternet.sanitize.markup import markdown_text
from clusternet.store.access import Access, administrators, session_access
from clusternet.store.clusters import checked_name, cluster_names, import_survey, load_cluster
from clusternet.store.engine import shown_url
from clusternet.store.errors import StoreError
from clusternet.store.opening import app_store_url, content_key, existing_store, store_to_write
from clusternet.store.uploads import uploaded_source
from clusternet.survey import Survey, SurveyError, load_survey
from clusternet.survey.uploads import load_uploaded_survey
from clusternet.view import Audience, View, view_for

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "surveys" / "sample" / "handloom_cluster.xlsx"
TEMPLATE = ROOT / "surveys" / "template.xlsx"
PROGRAMME = ROOT / "surveys" / "programme"
"""The bundled programme of three clusters: the Portfolio page shows it while the store holds none."""

STORE_PROBLEM = message("page.store.problem", "The programme store cannot be used: {problem}")


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


def say(item: Message) -> str:
    """A message of the library in the session's language, for what is drawn before any view."""
    return renderer(current_language()).render(item)


def _secrets() -> dict[str, Any]:
    """The app's secrets (``.streamlit/secrets.toml``), empty when there are none."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # Streamlit's "no secrets found"
        return {}


def shared_mode() -> bool:
    """Whether people sign in (an ``[auth]`` section in the secrets), else local mode."""
    return "auth" in _secrets()


def store_url_in_use() -> str:
    """The store's URL: ``CLUSTERNET_DB_URL``, ``[connections.clusternet] url``, else ``clusternet.db``."""
    url = _secrets().get("connections", {}).get("clusternet", {}).get("url")
    return app_store_url(str(url) if url else None)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(url: str) -> Engine:
    store = existing_store(url)
    if store is None:  # not cached: the first save creates it
        raise LookupError(url)
    return store


def store_engine() -> Engine | None:
    """The programme store, None while it holds nothing (or cannot be used: the sidebar says why)."""
    url = store_url_in_use()
    try:
        return _store(url)
    except LookupError:
        return None
    except StoreError as error:
        st.session_state["store_problem"] = say(STORE_PROBLEM(problem=error.message))
        return None


@st.cache_data(show_spinner=False, max_entries=4)
def _cluster_names(_engine: Engine, url: str, content: str) -> list[str]:
    return cluster_names(_engine)


def store_clusters() -> list[str]:
    """The clusters of the store this session may open."""
    engine = store_engine()
    if engine is None:
        return []
    names = _cluster_names(engine, shown_url(engine.url), content_key(engine))
    return current_access().clusters(names)


@st.cache_data(show_spinner=False, max_entries=16)
def _read_cluster(_engine: Engine, url: str, content: str, cluster: str) -> Survey:
    return load_cluster(_engine, cluster)


def read_cluster(cluster: str) -> Survey:
    """A stored cluster's survey, read once per store content (read again after an import)."""
    engine = store_engine()
    assert engine is not None  # only a cluster of store_clusters() is read
    return _read_cluster(engine, shown_url(engine.url), content_key(engine), cluster)


def stored_cluster() -> str | None:
    """The stored cluster in use (the sidebar's cluster picker), None for the Data page's survey."""
    cluster = st.session_state.get("stored_cluster")
    return cluster if cluster is not None and cluster in store_clusters() else None


def use_stored_cluster(cluster: str | None) -> None:
    """Make a stored cluster the survey in use (None: back to the Data page's survey)."""
    if cluster is None:
        st.session_state.pop("stored_cluster", None)
    else:
        st.session_state["stored_cluster"] = cluster


def save_to_store(survey: Survey, files: UploadedFiles, cluster: str) -> str:
    """Save ``survey`` (from ``files``) as the stored ``cluster``, added or replacing it, and use it from now
    on; returns the cluster's name as stored. :class:`StoreError` when the name or the store cannot be used;
    the store is created at the first save. Whether the session may save is the caller's to check."""
    name = checked_name(cluster)
    engine = store_to_write(store_url_in_use())
    try:
        import_survey(engine, survey, name, uploaded_source(files, current_access().who))
    finally:
        engine.dispose()
    use_stored_cluster(name)
    return name


def start_access() -> Access:
    """Who the session's user is and what they may do, once per run (read again on every run, so that a
    role given or taken applies on the next click)."""
    shared = shared_mode()
    email = st.user.get("email") if shared and st.user.get("is_logged_in", False) else None
    access = session_access(store_engine(), shared=shared, email=None if email is None else str(email))
    st.session_state["access"] = access
    return access


def current_access() -> Access:
    access = st.session_state.get("access")
    return access if isinstance(access, Access) else start_access()


def require_access() -> Access:
    """The session's access; a session that may see nothing gets a sign-in button, or whom to ask, and stops."""
    access = start_access()
    if access.admitted:
        return access
    language_control()
    st.title(_("clusternet"))
    st.info(say(access.refusal(administrators(store_engine()))))
    if not access.signed_in:
        st.button(_("Sign in"), key="sign_in", on_click=st.login, type="primary")
    else:
        st.button(_("Sign out"), key="sign_out", on_click=st.logout)
    st.stop()
    return access


def current_survey() -> Survey | None:
    """The stored cluster chosen in the sidebar, else the survey of the Data page (the bundled sample until
    the user uploads one).

    A survey that fails validation leaves ``None`` and its error in ``st.session_state``.
    """
    cluster = stored_cluster()
    if cluster is not None:
        st.session_state.pop("upload_error", None)
        return read_cluster(cluster)
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
        use_stored_cluster(None)
    else:
        use_the_sample()
        st.session_state["upload_notice"] = "removed"


def use_survey_file(name: str, data: bytes) -> None:
    """Make one workbook the survey in use, as if it had been uploaded (an import of the Data page)."""
    use_the_sample()
    st.session_state["upload"] = ((name, data),)


def use_the_sample() -> None:
    """Forget the upload and its problems, and empty the file chooser: back to the bundled sample."""
    use_stored_cluster(None)
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
    asked = bool(st.session_state.get("anonymise", False))
    minimum = int(st.session_state.get("min_ratings", MIN_RATINGS_SHOWN)) if asked else MIN_RATINGS_SHOWN
    anonymised, minimum = current_access().audience(stored_cluster(), asked, minimum)
    key = st.session_state.setdefault("anonymisation_key", configured_key())
    return Audience(anonymised, minimum, current_language(), key)


def may_see_names() -> bool:
    """Whether the session may turn Anonymise off for the survey in use (a viewer may not)."""
    return not current_access().audience(stored_cluster(), False, MIN_RATINGS_SHOWN)[0]


def access_controls() -> None:
    """The sidebar's line on who the user is (local mode, or the address and role, with Sign out), any
    problem of the store, and the cluster picker when the store holds clusters."""
    access = current_access()
    st.sidebar.caption(say(access.status()))
    if not access.local:
        st.sidebar.button(_("Sign out"), key="sign_out", on_click=st.logout)
    if problem := st.session_state.pop("store_problem", None):
        st.sidebar.warning(problem)
    clusters = store_clusters()
    if not clusters:
        return
    st.session_state["cluster_picker"] = stored_cluster()
    st.sidebar.selectbox(
        _("Cluster"),
        [None, *clusters],
        key="cluster_picker",
        format_func=lambda name: _("The Data page's survey") if name is None else name,
        on_change=lambda: use_stored_cluster(st.session_state.get("cluster_picker")),
        help=_("A cluster of the programme store, or the sample or upload of the Data page."),
    )


def global_controls(survey: Survey | None) -> None:
    """The sidebar: language, who the user is, the cluster, anonymise toggle and the selection every
    analysis page uses. A viewer's Anonymise is on and locked, and its threshold of ratings no lower than k."""
    language_control()
    access_controls()
    named = may_see_names()
    if not named:
        st.session_state["anonymise"] = True
        if int(st.session_state.get("min_ratings", MIN_RATINGS_SHOWN)) < MIN_RATINGS_SHOWN:
            st.session_state["min_ratings"] = MIN_RATINGS_SHOWN
    st.sidebar.toggle(
        _("Anonymise"),
        key="anonymise",
        disabled=not named,
        help=_("Show codes by type (FIRM-07, NGO-01) instead of names on every page, map and download.")
        if named
        else _("Your role shows the anonymised views only."),
    )
    if st.session_state.get("anonymise"):
        st.sidebar.number_input(
            _("Hide trust figures with fewer ratings than"),
            min_value=1 if named else MIN_RATINGS_SHOWN,
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
