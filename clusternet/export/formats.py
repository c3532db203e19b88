"""Every export by name: what the command line's ``--format`` and the app's download buttons call.

``export_bytes(view, "xlsx")`` returns the file's bytes for the view's selection and audience (an
anonymised view gives an anonymised file); write them with :func:`clusternet.export.writing.write_export`.
``report_bytes(view)`` is the HTML report. ``FORMATS`` lists each format with its file suffix, MIME
type and a line for people (a message, written with ``view.text``), so that the command line's
choices, its help and the app's ``st.download_button`` come from one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from clusternet.export.feedback import feedback_sheets
from clusternet.export.graph_files import edge_list_csv, graph_gexf, graph_graphml
from clusternet.export.report import report_html
from clusternet.export.snapshot import map_image, round_strip_image
from clusternet.export.survey_files import survey_workbook
from clusternet.export.workbook import tables_workbook
from clusternet.messages import Message, message
from clusternet.survey import SelectionError
from clusternet.view import View
from clusternet.viz.map_style import COLOR_BY, SIZE_BY, MapScope

UNKNOWN_FORMAT = message(
    "export.problem.unknown_format", 'there is no export format "{format}"; the formats are {formats}'
)
SURVEY_NOT_ANONYMISED = message(
    "export.problem.survey_not_anonymised",
    "the survey copy holds every individual rating under its actor, so it cannot be anonymised; "
    "export the tables (xlsx) instead",
)


class Build(Protocol):
    """What builds one kind of file from a view, styled as asked (``scope``: what the map shows)."""

    def __call__(
        self, view: View, *, color_by: str, size_by: str, title: str | None, scope: MapScope | None = None
    ) -> bytes: ...


@dataclass(frozen=True)
class ExportFormat:
    """One kind of file: its ``--format`` name, file suffix, MIME type, what it holds (a message for
    people: ``view.text(FORMATS["xlsx"].description)``), how it is built, a file name stem."""

    name: str
    suffix: str
    mime: str
    description: Message
    build: Build
    stem: str


def _map(fmt: str) -> Build:
    def build(view: View, *, color_by: str, size_by: str, title: str | None, scope: MapScope | None = None) -> bytes:
        return map_image(view, fmt, title=title, color_by=color_by, size_by=size_by, scope=scope)

    return build


def _strip(fmt: str) -> Build:
    def build(view: View, *, color_by: str, size_by: str, title: str | None, scope: MapScope | None = None) -> bytes:
        return round_strip_image(view, fmt, title=title, color_by=color_by, size_by=size_by, scope=scope)

    return build


def _workbook(view: View, **_: object) -> bytes:
    return tables_workbook(view)


def _survey(view: View, **_: object) -> bytes:
    if view.anonymized:
        raise SelectionError(SURVEY_NOT_ANONYMISED())
    return survey_workbook(view.survey)


def _gexf(view: View, *, color_by: str, size_by: str, scope: MapScope | None = None, **_: object) -> bytes:
    return graph_gexf(view, color_by=color_by, size_by=size_by, scope=scope)


def _graphml(view: View, *, color_by: str, size_by: str, scope: MapScope | None = None, **_: object) -> bytes:
    return graph_graphml(view, color_by=color_by, size_by=size_by, scope=scope)


def _edge_list(view: View, *, scope: MapScope | None = None, **_: object) -> bytes:
    return edge_list_csv(view, scope)


def _feedback(view: View, **_: object) -> bytes:
    return feedback_sheets(view)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMATS = {
    item.name: item
    for item in (
        ExportFormat(
            "xlsx",
            ".xlsx",
            XLSX_MIME,
            message(
                "export.format.xlsx", "Excel workbook of every table: actors, network, gaps, ties, KPIs, tie changes"
            )(),
            _workbook,
            "tables",
        ),
        ExportFormat(
            "gexf",
            ".gexf",
            "application/xml",
            message("export.format.gexf", "the network for Gephi, with the app's colours and positions")(),
            _gexf,
            "network",
        ),
        ExportFormat(
            "graphml",
            ".graphml",
            "application/xml",
            message("export.format.graphml", "the network for Gephi, yEd and other tools")(),
            _graphml,
            "network",
        ),
        ExportFormat(
            "csv",
            ".csv",
            "text/csv",
            message("export.format.csv", "edge list: one row per tie, with relations, weight, trust, status")(),
            _edge_list,
            "ties",
        ),
        ExportFormat(
            "png",
            ".png",
            "image/png",
            message("export.format.png", "picture of the map, with legend and title")(),
            _map("png"),
            "map",
        ),
        ExportFormat(
            "svg",
            ".svg",
            "image/svg+xml",
            message("export.format.svg", "the map as a drawing with editable text, for slides")(),
            _map("svg"),
            "map",
        ),
        ExportFormat(
            "pdf",
            ".pdf",
            "application/pdf",
            message("export.format.pdf", "the map as a printable PDF page")(),
            _map("pdf"),
            "map",
        ),
        ExportFormat(
            "strip-png",
            ".png",
            "image/png",
            message("export.format.strip_png", "every round's map side by side, for slides")(),
            _strip("png"),
            "rounds",
        ),
        ExportFormat(
            "strip-svg",
            ".svg",
            "image/svg+xml",
            message("export.format.strip_svg", "every round's map side by side, editable")(),
            _strip("svg"),
            "rounds",
        ),
        ExportFormat(
            "strip-pdf",
            ".pdf",
            "application/pdf",
            message("export.format.strip_pdf", "every round's map side by side, printable")(),
            _strip("pdf"),
            "rounds",
        ),
        ExportFormat(
            "survey",
            ".xlsx",
            XLSX_MIME,
            message("export.format.survey", "the validated survey in its own format (every round; never anonymised)")(),
            _survey,
            "survey",
        ),
        ExportFormat(
            "feedback-pdf",
            ".pdf",
            "application/pdf",
            message(
                "export.format.feedback_pdf",
                "one feedback page per actor, to hand back to respondents (aggregates only)",
            )(),
            _feedback,
            "feedback",
        ),
    )
}
"""Every export format by its ``--format`` name."""


def export_bytes(
    view: View,
    fmt: str,
    *,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    title: str | None = None,
    scope: MapScope | None = None,
) -> bytes:
    """The file of format ``fmt`` (a key of ``FORMATS``) of the view's selection, for its audience, as bytes.

    An anonymised view gives an anonymised file (see :mod:`clusternet.view`); ``color_by``,
    ``size_by`` and ``title`` style the maps, ``scope`` says what the map shows (the Map page's
    filter, highlighted actors and neighbourhood; default: every actor, nothing highlighted): the
    pictures of the map and the round strip draw it, and the graph files (GEXF, GraphML, the edge
    list) hold exactly its actors and the ties among them. Raises ``SelectionError`` for an unknown format, an
    unknown ``color_by`` or ``size_by`` (naming the valid choices), or an anonymised survey copy.
    """
    export = FORMATS.get(fmt)
    if export is None:
        raise SelectionError(UNKNOWN_FORMAT(format=fmt, formats=", ".join(FORMATS)))
    return export.build(view, color_by=color_by, size_by=size_by, title=title, scope=scope or MapScope())


def report_bytes(
    view: View,
    *,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    title: str | None = None,
    static_map: bool = True,
) -> bytes:
    """The HTML report (``report_html``) of the view as UTF-8 bytes; arguments as :func:`export_bytes`."""
    return report_html(view, color_by=color_by, size_by=size_by, title=title, static_map=static_map).encode("utf-8")


def default_file_name(view: View, fmt: str) -> str:
    """A file name for a download: ``clusternet-tables-endline-anonymised.xlsx`` (``fmt`` "report" for HTML).

    Built from the round label only (never from the survey's file name, which may name actors),
    with characters that file systems refuse replaced; ``anonymised`` when the view is.
    """
    round_label = view.selection.round if view.selection.round is not None else view.survey.latest_round
    safe = "".join(character if character.isalnum() or character in "-_" else "-" for character in str(round_label))
    kind, suffix = ("report", ".html") if fmt == "report" else (FORMATS[fmt].stem, FORMATS[fmt].suffix)
    parts = ["clusternet", kind, safe.strip("-") or "round", "anonymised" if view.anonymized else ""]
    return "-".join(part for part in parts if part) + suffix
