"""Every export by name: what the command line's ``--format`` and the app's download buttons call.

``export_bytes(survey, selection, "xlsx", anonymize=True)`` returns the file's bytes; write them
with :func:`clusternet.export.writing.write_export`. ``report_bytes`` is the HTML report.
``FORMATS`` lists each format with its file suffix, MIME type and a line for people, so that the
command line's choices, its help and the app's ``st.download_button`` come from one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clusternet.analysis import Analysis
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.export.feedback import feedback_sheets
from clusternet.export.graph_files import edge_list_csv, graph_gexf, graph_graphml
from clusternet.export.map_style import COLOR_BY, SIZE_BY
from clusternet.export.report import report_html
from clusternet.export.snapshot import map_image, round_strip_image
from clusternet.export.survey_files import survey_workbook
from clusternet.export.view import ExportView, export_view
from clusternet.export.workbook import tables_workbook
from clusternet.gaps import GapsConfig
from clusternet.graph import Selection
from clusternet.survey import SelectionError, Survey


@dataclass(frozen=True)
class ExportFormat:
    """One kind of file: its ``--format`` name, file suffix, MIME type, what it holds, a file name stem."""

    name: str
    suffix: str
    mime: str
    description: str
    build: Callable[..., bytes]
    stem: str


def _map(fmt: str) -> Callable[..., bytes]:
    def build(view: ExportView, *, color_by: str, size_by: str, title: str | None) -> bytes:
        return map_image(view, fmt, title=title, color_by=color_by, size_by=size_by)

    return build


def _strip(fmt: str) -> Callable[..., bytes]:
    def build(view: ExportView, *, color_by: str, size_by: str, title: str | None) -> bytes:
        return round_strip_image(view, fmt, title=title, color_by=color_by, size_by=size_by)

    return build


def _workbook(view: ExportView, **_) -> bytes:
    return tables_workbook(view)


def _survey(view: ExportView, **_) -> bytes:
    if view.anonymized:
        raise ValueError(
            "the survey copy holds every individual rating under its actor, so it cannot be "
            "anonymised; export the tables (xlsx) instead"
        )
    return survey_workbook(view.survey)


def _gexf(view: ExportView, *, color_by: str, size_by: str, **_) -> bytes:
    return graph_gexf(view, color_by=color_by, size_by=size_by)


def _graphml(view: ExportView, *, color_by: str, size_by: str, **_) -> bytes:
    return graph_graphml(view, color_by=color_by, size_by=size_by)


def _edge_list(view: ExportView, **_) -> bytes:
    return edge_list_csv(view)


def _feedback(view: ExportView, **_) -> bytes:
    return feedback_sheets(view)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMATS = {
    item.name: item
    for item in (
        ExportFormat(
            "xlsx",
            ".xlsx",
            XLSX_MIME,
            "Excel workbook of every table: actors, network, gaps, ties, KPIs, tie changes",
            _workbook,
            "tables",
        ),
        ExportFormat(
            "gexf",
            ".gexf",
            "application/xml",
            "the network for Gephi, with the app's colours and positions",
            _gexf,
            "network",
        ),
        ExportFormat(
            "graphml", ".graphml", "application/xml", "the network for Gephi, yEd and other tools", _graphml, "network"
        ),
        ExportFormat(
            "csv",
            ".csv",
            "text/csv",
            "edge list: one row per tie, with relations, weight, trust, status",
            _edge_list,
            "ties",
        ),
        ExportFormat("png", ".png", "image/png", "picture of the map, with legend and title", _map("png"), "map"),
        ExportFormat(
            "svg", ".svg", "image/svg+xml", "the map as a drawing with editable text, for slides", _map("svg"), "map"
        ),
        ExportFormat("pdf", ".pdf", "application/pdf", "the map as a printable PDF page", _map("pdf"), "map"),
        ExportFormat(
            "strip-png", ".png", "image/png", "every round's map side by side, for slides", _strip("png"), "rounds"
        ),
        ExportFormat(
            "strip-svg", ".svg", "image/svg+xml", "every round's map side by side, editable", _strip("svg"), "rounds"
        ),
        ExportFormat(
            "strip-pdf", ".pdf", "application/pdf", "every round's map side by side, printable", _strip("pdf"), "rounds"
        ),
        ExportFormat(
            "survey",
            ".xlsx",
            XLSX_MIME,
            "the validated survey in its own format (every round; never anonymised)",
            _survey,
            "survey",
        ),
        ExportFormat(
            "feedback-pdf",
            ".pdf",
            "application/pdf",
            "one feedback page per actor, to hand back to respondents (aggregates only)",
            _feedback,
            "feedback",
        ),
    )
}
"""Every export format by its ``--format`` name."""


def export_bytes(
    survey: Survey,
    selection: Selection,
    fmt: str,
    *,
    anonymize: bool = False,
    config: GapsConfig | None = None,
    analysis: Analysis | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    title: str | None = None,
    min_ratings: int = MIN_RATINGS_SHOWN,
) -> bytes:
    """The file of format ``fmt`` (a key of ``FORMATS``) for ``selection`` of ``survey``, as bytes.

    ``anonymize`` replaces names and ids by codes everywhere (see :mod:`clusternet.export.view`);
    ``config`` tunes the gaps (workbook); ``analysis`` is the selection's analysis when the caller
    has it already (the app's cache); ``color_by``, ``size_by`` and ``title`` style the maps.
    Raises ``SelectionError`` for an unknown format, round, relation, tie mode or attribute, and
    ``ValueError`` for an unknown ``color_by`` or ``size_by``, each naming the valid choices.
    """
    export = FORMATS.get(fmt)
    if export is None:
        raise SelectionError(f'there is no export format "{fmt}"; the formats are {", ".join(FORMATS)}')
    view = export_view(
        survey, selection, anonymize=anonymize, config=config, analysis=analysis, min_ratings=min_ratings
    )
    return export.build(view, color_by=color_by, size_by=size_by, title=title)


def report_bytes(
    survey: Survey,
    selection: Selection,
    *,
    anonymize: bool = False,
    config: GapsConfig | None = None,
    analysis: Analysis | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    title: str | None = None,
    static_map: bool = True,
    min_ratings: int = MIN_RATINGS_SHOWN,
) -> bytes:
    """The HTML report (``report_html``) of ``selection`` as UTF-8 bytes; arguments as :func:`export_bytes`."""
    view = export_view(
        survey, selection, anonymize=anonymize, config=config, analysis=analysis, min_ratings=min_ratings
    )
    return report_from_view(view, color_by=color_by, size_by=size_by, title=title, static_map=static_map)


def report_from_view(view: ExportView, **options) -> bytes:
    """The HTML report of an existing view as UTF-8 bytes."""
    return report_html(view, **options).encode("utf-8")


def default_file_name(survey: Survey, selection: Selection, fmt: str, *, anonymize: bool = False) -> str:
    """A file name for a download: ``clusternet-tables-endline-anonymised.xlsx`` (``fmt`` "report" for HTML).

    Built from the round label only (never from the survey's file name, which may name actors),
    with characters that file systems refuse replaced.
    """
    round_label = selection.round if selection.round is not None else survey.latest_round
    safe = "".join(character if character.isalnum() or character in "-_" else "-" for character in str(round_label))
    kind, suffix = ("report", ".html") if fmt == "report" else (FORMATS[fmt].stem, FORMATS[fmt].suffix)
    parts = ["clusternet", kind, safe.strip("-") or "round", "anonymised" if anonymize else ""]
    return "-".join(part for part in parts if part) + suffix
