"""What every page shares: the survey in use, the global controls, and cached analyses.

Analyses are cached on the survey's content (its fingerprint) and the selection, so changing a
widget recomputes only what depends on it.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from clusternet.analysis import Analysis, analyze
from clusternet.anonymize import actor_codes, anonymize_actor_table, text_scrubber
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.export.formats import FORMATS, default_file_name, export_bytes, report_bytes
from clusternet.gaps import GapsConfig, gaps_table
from clusternet.graph import TIE_MODES, Selection
from clusternet.rounds import kpi_time_series
from clusternet.survey import Survey, SurveyError, load_survey, load_survey_csv_files, load_survey_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "surveys" / "sample" / "handloom_cluster.xlsx"
TEMPLATE = ROOT / "surveys" / "template.xlsx"
DOWNLOAD_LABELS = {
    "report": "HTML report",
    "xlsx": "Excel tables",
    "gexf": "GEXF (Gephi)",
    "graphml": "GraphML",
    "csv": "Edge list (CSV)",
    "png": "Map (PNG)",
    "svg": "Map (SVG)",
    "pdf": "Map (PDF)",
    "strip-png": "Rounds side by side (PNG)",
    "strip-pdf": "Rounds side by side (PDF)",
    "feedback-pdf": "Feedback sheets (PDF)",
}
TIE_MODE_LABELS = {"reported": "reported (directed)", "any": "any (either side)", "confirmed": "confirmed (both sides)"}


@st.cache_data(show_spinner="Reading the survey…", max_entries=8)
def read_workbook(data: bytes, name: str) -> Survey:
    return load_survey_workbook(data, name)


@st.cache_data(show_spinner="Reading the survey…", max_entries=8)
def read_csv_files(files: tuple[tuple[str, bytes], ...]) -> Survey:
    return load_survey_csv_files(dict(files))


@st.cache_data(show_spinner="Reading the sample…")
def read_sample() -> Survey:
    return load_survey(SAMPLE)


def current_survey() -> Survey | None:
    """The survey chosen on the Data page (the bundled sample until the user uploads one).

    A survey that fails validation leaves ``None`` and its error in ``st.session_state``.
    """
    upload = st.session_state.get("upload")
    if upload is None:
        return read_sample()
    try:
        survey = read_workbook(*upload) if isinstance(upload[0], bytes) else read_csv_files(upload)
    except SurveyError as error:
        st.session_state["upload_error"] = error
        return None
    st.session_state.pop("upload_error", None)
    return survey


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """Survey text made literal inside Markdown: no emphasis, link or image can come from the data.

    An image link in a name would otherwise make the browser fetch it, even offline-minded.
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def is_anonymised() -> bool:
    return bool(st.session_state.get("anonymise", False))


def min_ratings_shown() -> int:
    """Anonymised, trust figures backed by fewer ratings are hidden (the sidebar sets it)."""
    return int(st.session_state.get("min_ratings", MIN_RATINGS_SHOWN))


@st.cache_data(show_spinner=False, max_entries=16)
def _codes(_survey: Survey, fingerprint: str) -> dict[str, str]:
    return actor_codes(_survey.actors, salt=fingerprint)


def actor_labels(survey: Survey) -> dict[str, str]:
    """What the app shows for each actor: its name, or its code when the view is anonymised."""
    if is_anonymised():
        return _codes(survey, survey.fingerprint)
    return dict(zip(survey.actors["actor_id"], survey.actors["name"]))


@st.cache_resource(show_spinner=False, max_entries=8)
def _scrubber(_survey: Survey, fingerprint: str):
    return text_scrubber(_survey.actors, _codes(_survey, fingerprint))


def shown_text(survey: Survey, text: str) -> str:
    """Library text that may name actors (notes, messages), with ids and names as codes when anonymised."""
    return _scrubber(survey, survey.fingerprint)(text) if is_anonymised() else text


def shown_actor_table(survey: Survey, table):
    """An actor table as the page may show it: codes instead of ids and names when anonymised."""
    if not is_anonymised():
        return table
    return anonymize_actor_table(table, _codes(survey, survey.fingerprint), survey.actors)


def global_controls(survey: Survey | None) -> None:
    """The sidebar: anonymise toggle and the selection every analysis page uses."""
    st.sidebar.toggle(
        "Anonymise",
        key="anonymise",
        help="Show codes by type (FIRM-07, NGO-01) instead of names on every page, map and download.",
    )
    if is_anonymised():
        st.sidebar.number_input(
            "Hide trust figures with fewer ratings than",
            min_value=1,
            max_value=20,
            value=MIN_RATINGS_SHOWN,
            key="min_ratings",
            help="So that no respondent's rating of a partner can be read back",
        )
    if survey is None:
        return
    rounds = survey.round_labels
    st.sidebar.selectbox("Round", rounds, index=len(rounds) - 1, key="round")
    st.sidebar.multiselect("Relations", survey.relation_labels, key="relations", placeholder="All relations")
    st.sidebar.radio(
        "Ties",
        TIE_MODES,
        key="ties",
        format_func=TIE_MODE_LABELS.get,
        help="Reported: as each respondent reported them. Any: when either side reports. Confirmed: only when both do.",
    )
    st.sidebar.select_slider(
        "Minimum trust",
        options=[None, 1, 2, 3, 4, 5],
        key="min_trust",
        format_func=lambda value: "any" if value is None else str(value),
    )
    attributes = survey.attribute_names
    st.sidebar.selectbox(
        "Group by",
        attributes,
        index=attributes.index("type"),
        key="group_by",
        help="Groups for brokerage roles and the E-I index",
    )


def current_selection(survey: Survey) -> Selection:
    """The selection the sidebar shows, checked against the survey."""
    relations = tuple(st.session_state.get("relations") or ()) or None
    round_label = st.session_state.get("round")
    if round_label not in survey.round_labels:
        round_label = survey.latest_round
    group_by = st.session_state.get("group_by")
    if group_by not in survey.attribute_names:
        group_by = "type"
    return Selection(
        round_label, relations, st.session_state.get("ties", "reported"), st.session_state.get("min_trust"), group_by, 0
    )


@st.cache_data(show_spinner="Computing the measures…", max_entries=64)
def _analysis(_survey: Survey, fingerprint: str, selection: Selection) -> Analysis:
    return analyze(_survey, selection)


def analysis_for(survey: Survey, selection: Selection) -> Analysis:
    return _analysis(survey, survey.fingerprint, selection)


@st.cache_data(show_spinner="Looking for gaps…", max_entries=64)
def _gaps(_survey: Survey, fingerprint: str, selection: Selection, config: GapsConfig, anonymised: bool):
    analysis = _analysis(_survey, fingerprint, selection)
    labels = _codes(_survey, fingerprint) if anonymised else None
    return gaps_table(analysis, config, labels)


def gaps_for(survey: Survey, selection: Selection, config: GapsConfig):
    """The ranked gaps: the table with actor ids (to highlight on the map) and the one to show.

    Anonymised, the shown table has codes in ``actors`` and in the explanations, and no ``key``.
    """
    table = _gaps(survey, survey.fingerprint, selection, config, is_anonymised())
    if not is_anonymised():
        return table, table
    codes = _codes(survey, survey.fingerprint)
    shown = table.assign(
        actors=[";".join(codes[actor] for actor in involved.split(";") if actor) for involved in table["actors"]]
    ).drop(columns="key")
    return table, shown


@st.cache_data(show_spinner="Computing the KPIs of every round…", max_entries=16)
def _time_series(_survey: Survey, fingerprint: str, relations, ties: str):
    return kpi_time_series(_survey, relations=relations, ties=ties)


def time_series_for(survey: Survey, selection: Selection):
    """Every KPI of every round for the selection's relations and tie mode (cached)."""
    return _time_series(survey, survey.fingerprint, selection.relations, selection.ties)


def require_survey() -> Survey:
    """The current survey, or stop the page with a pointer to the Data page."""
    survey = current_survey()
    if survey is None:
        st.error("The uploaded survey has problems: see the Data page.")
        st.stop()
    return survey


@st.cache_data(show_spinner=False, max_entries=32)
def _export(
    _survey: Survey, fingerprint: str, selection: Selection, fmt: str, anonymised: bool, min_ratings: int
) -> bytes:
    analysis = _analysis(_survey, fingerprint, selection)
    if fmt == "report":
        return report_bytes(_survey, selection, anonymize=anonymised, analysis=analysis, min_ratings=min_ratings)
    return export_bytes(_survey, selection, fmt, anonymize=anonymised, analysis=analysis, min_ratings=min_ratings)


def download_buttons(survey: Survey, selection: Selection, formats: list[str], key: str) -> None:
    """One download button per format; each file is built when its button is clicked (then cached).

    ``report`` is the HTML report; every other name is a key of ``FORMATS``. Files follow the
    anonymise toggle: anonymised, no name is in them.
    """
    anonymised, minimum = is_anonymised(), min_ratings_shown()
    for column, fmt in zip(st.columns(len(formats)), formats):
        column.download_button(
            DOWNLOAD_LABELS[fmt],
            data=lambda fmt=fmt: _export(survey, survey.fingerprint, selection, fmt, anonymised, minimum),
            file_name=default_file_name(survey, selection, fmt, anonymize=anonymised),
            mime="text/html" if fmt == "report" else FORMATS[fmt].mime,
            help="" if fmt == "report" else FORMATS[fmt].description.capitalize(),
            key=f"{key}_{fmt}",
            width="stretch",
        )
