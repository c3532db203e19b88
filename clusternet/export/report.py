"""The HTML report: one self-contained file for an M&E report or a workshop, that works offline.

Double-clicked from a USB stick on a laptop without internet, the file shows

1. a summary: the headline figures of the round and the key messages since the first round;
2. the KPI table: every KPI in every round, with the change between the compared rounds, its
   95 % bootstrap interval and what it means (all actors; the balanced panel folded below);
3. the interactive map, exactly the app's (``clusternet.viz.network_map_html``, with vis-network
   inlined), inside an ``iframe`` whose ``srcdoc`` holds the escaped page and whose sandbox lets
   it run its own script and nothing else; a static picture of the map replaces it in print;
4. the ranked gaps, with their explanations and suggested actions;
5. the actors table (click a column header to sort).

Nothing is loaded from anywhere: styles and scripts are inline and the printed map is a
``data:`` image. All survey text is escaped (``html.escape``) wherever it appears; the map page
escapes its own (see ``clusternet.viz.network_map``). Anonymised, every label is a code and the
survey's file name and round descriptions are left out (see :mod:`clusternet.export.view`).
"""

from __future__ import annotations

import base64
import html
import math
from importlib import metadata

import pandas as pd

from clusternet.export.map_style import COLOR_BY, SIZE_BY, interactive_map_html, map_style
from clusternet.export.snapshot import map_image
from clusternet.export.view import ExportView
from clusternet.graph import python_value
from clusternet.rounds.messages import key_messages

MAP_HEIGHT_PX = 650

GAPS_SHOWN = 40
"""The report lists the most important gaps up to this many; the workbook and gaps.csv hold them all."""

HEADLINES = (
    ("actors", "actors", "{:.0f}"),
    ("ties", "ties", "{:.0f}"),
    ("response_rate", "answered the survey", "{:.0%}"),
    ("density", "density", "{:.3f}"),
    ("components", "separate pieces", "{:.0f}"),
    ("isolates", "actors with no tie", "{:.0f}"),
    ("mean_trust", "mean trust (1–5)", "{:.2f}"),
    ("high_trust_share", "ratings of high trust (4–5)", "{:.0%}"),
    ("firm_institution_linkage", "firms tied to a support institution", "{:.0%}"),
    ("confirmed_share", "ties confirmed by the partner", "{:.0%}"),
    ("ei_index", "E-I index (reach across groups)", "{:+.2f}"),
    ("communities", "communities", "{:.0f}"),
)
"""The figures of the summary: network.csv metric, what it is called, how it is written."""

ACTOR_COLUMNS = (
    ("label", "actor"),
    ("type", "type"),
    ("degree", "partners"),
    ("in_degree", "named by"),
    ("out_degree", "named"),
    ("betweenness_norm", "betweenness"),
    ("constraint", "constraint"),
    ("brokerage_total", "brokerage"),
    ("community", "community"),
    ("trust_received", "trust"),
    ("trust_received_n", "ratings"),
    ("respondent", "answered"),
)

_STYLE = """
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #222; margin: 0 auto;
       max-width: 1180px; padding: 16px 24px 48px; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0.4em 0 0.1em; }
h2 { font-size: 1.3rem; margin: 1.6em 0 0.4em; border-bottom: 2px solid #E8EEF4; padding-bottom: 4px; }
.meta { color: #555; margin: 0 0 0.6em; }
.badge { display: inline-block; background: #FFF3CD; border: 1px solid #E6C96B; border-radius: 4px;
         padding: 1px 8px; font-size: 0.9em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.card { border: 1px solid #DDE3EA; border-radius: 6px; padding: 8px 12px; background: #FAFCFE; }
.card .value { font-size: 1.5rem; font-weight: 600; }
.card .label { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.4em 0 1em; }
th, td { border-bottom: 1px solid #E3E7EC; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #E8EEF4; position: sticky; top: 0; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable th { cursor: pointer; }
table.sortable th:after { content: " \\2195"; color: #99A; font-size: 0.8em; }
.better { color: #1B7F3B; font-weight: 600; } .worse { color: #B2182B; font-weight: 600; }
.map { width: 100%; height: __HEIGHT__px; border: 1px solid #DDE3EA; border-radius: 6px; }
.print-only { display: none; }
.note { color: #555; font-size: 0.9em; }
.wide { overflow-x: auto; }
details summary { cursor: pointer; color: #0B5394; }
footer { margin-top: 3em; color: #777; font-size: 0.85em; }
@media print {
  .map, .screen-only { display: none; }
  .print-only { display: block; max-width: 100%; }
  th { position: static; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
}
"""

_SORT_SCRIPT = """
(function () {
  // Click a header to sort its table; numbers sort as numbers (from data-value), blanks last.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (header, column) {
      header.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var ascending = header.getAttribute("data-order") !== "ascending";
        table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("data-order"); });
        header.setAttribute("data-order", ascending ? "ascending" : "descending");
        function key(row) {
          var cell = row.cells[column];
          var value = cell.getAttribute("data-value");
          return value === null ? cell.textContent.toLowerCase() : (value === "" ? null : parseFloat(value));
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null) { return y === null ? 0 : 1; }
          if (y === null) { return -1; }
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"""


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def format_number(value: object, pattern: str = "{:.3g}") -> str:
    """A number for people: integers without decimals, others by ``pattern``; blank when missing.

    >>> format_number(3.0), format_number(0.12345), format_number(float("nan")), format_number(True)
    ('3', '0.123', '', 'yes')
    """
    value = python_value(value)
    if _is_missing(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if float(value).is_integer() and abs(value) < 1e15 and pattern == "{:.3g}":
            return f"{int(value):,}"
        return pattern.format(value)
    return str(value)


def _cell(value: object, pattern: str = "{:.3g}") -> str:
    value = python_value(value)
    if (isinstance(value, (int, float)) and not isinstance(value, bool)) or _is_missing(value):
        data = "" if _is_missing(value) else repr(float(value))
        return f'<td class="number" data-value="{data}">{_escape(format_number(value, pattern))}</td>'
    return f"<td>{_escape(format_number(value))}</td>"


def _table(
    headers: list[str],
    rows: list[list[str]],
    *,
    sortable: bool = False,
    numeric: set[int] = frozenset(),
    caption: str = "",
) -> str:
    head = "".join(
        f'<th class="number">{_escape(text)}</th>' if index in numeric else f"<th>{_escape(text)}</th>"
        for index, text in enumerate(headers)
    )
    body = "\n".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)
    css = ' class="sortable"' if sortable else ""
    caption_html = f'<caption class="note">{_escape(caption)}</caption>' if caption else ""
    return (
        f'<div class="wide"><table{css}>{caption_html}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n'
        "</tbody></table></div>"
    )


# --- sections --------------------------------------------------------------------------------


def _summary(view: ExportView) -> str:
    network = dict(zip(view.analysis.network["metric"], view.analysis.network["value"]))
    cards = []
    for metric, label, pattern in HEADLINES:
        value = network.get(metric)
        if value is None or _is_missing(value):
            continue
        cards.append(
            f'<div class="card"><div class="value">{_escape(pattern.format(value))}</div>'
            f'<div class="label">{_escape(label)}</div></div>'
        )
    parts = ['<h2 id="summary">Summary</h2>', f'<div class="cards">{"".join(cards)}</div>']
    if view.compared_rounds and view.kpi_series is not None:
        messages = key_messages(view.kpi_series, *view.compared_rounds)
        if messages:
            parts.append(f"<h3>Key messages, {_escape(' → '.join(view.compared_rounds))}</h3>")
            parts.append("<ul>" + "".join(f"<li>{_escape(view.scrub(message))}</li>" for message in messages) + "</ul>")
    return "\n".join(parts)


def _kpi_rows(view: ExportView, basis: str) -> tuple[list[str], list[list[str]], set[int]]:
    rounds = view.survey.round_labels
    series = view.kpi_series.loc[view.kpi_series["basis"] == basis].set_index("kpi")
    comparison = None
    if view.comparison is not None:
        kpis = view.comparison.kpis
        comparison = kpis.loc[kpis["basis"] == basis].set_index("kpi")
    headers = ["KPI", *rounds]
    if comparison is not None:
        headers += [f"change {' → '.join(view.compared_rounds)}", "95 % interval", "assessment"]
    headers.append("meaning")
    rows = []
    for kpi, row in series.iterrows():
        cells = [f"<td>{_escape(kpi)}</td>"] + [_cell(row[label]) for label in rounds]
        if comparison is not None and kpi in comparison.index:
            change = comparison.loc[kpi]
            interval = (
                ""
                if _is_missing(change["low"])
                else f"{format_number(change['low'])} to {format_number(change['high'])}"
            )
            assessment = str(change["assessment"] or "")
            css = ' class="better"' if assessment == "better" else ' class="worse"' if assessment == "worse" else ""
            cells += [
                _cell(change["change"]),
                f'<td class="number">{_escape(interval)}</td>',
                f"<td{css}>{_escape(assessment)}</td>",
            ]
        elif comparison is not None:
            cells += ["<td></td>"] * 3
        cells.append(f'<td class="note">{_escape(row["meaning"])}</td>')
        rows.append(cells)
    numeric = set(range(1, 1 + len(rounds) + (1 if comparison is not None else 0)))
    return headers, rows, numeric


def _kpis(view: ExportView) -> str:
    parts = ['<h2 id="kpis">Key performance indicators across rounds</h2>']
    if view.kpi_series is None:
        parts.append(f'<p class="note">{_escape(view.comparison_problem or "The rounds cannot be compared.")}</p>')
        return "\n".join(parts)
    headers, rows, numeric = _kpi_rows(view, "all")
    parts.append(
        '<p class="note">On all actors of the roster. An interval that excludes 0 marks a change larger '
        "than the choice of actors alone could produce; one that includes 0 cannot be told from noise "
        "(bootstrap over actors, seeded).</p>"
    )
    parts.append(_table(headers, rows, numeric=numeric))
    if len(view.survey.round_labels) > 1:
        headers, rows, numeric = _kpi_rows(view, "panel")
        parts.append(
            "<details><summary>The same on the panel: actors who answered every round</summary>"
            + _table(headers, rows, numeric=numeric)
            + "</details>"
        )
    if view.comparison_problem:
        parts.append(f'<p class="note">{_escape(view.comparison_problem)}</p>')
    if view.notes:
        parts.append('<ul class="note">' + "".join(f"<li>{_escape(note)}</li>" for note in view.notes) + "</ul>")
    return "\n".join(parts)


def _map(view: ExportView, color_by: str, size_by: str, static_map: bool) -> str:
    style = map_style(view, color_by=color_by, size_by=size_by)
    page = interactive_map_html(view, style, title=view.scrub(view.title), height_px=MAP_HEIGHT_PX - 4)
    parts = [
        '<h2 id="map">The network map</h2>',
        f'<p class="note screen-only">{_escape(view.describe_selection())}. Hover an actor or a tie for details; '
        "drag to pan, scroll to zoom. Dashed ties are not confirmed by the partner.</p>",
        f'<iframe class="map" title="{_escape("Network map: " + view.scrub(view.title))}" sandbox="allow-scripts" '
        f'srcdoc="{_escape(page)}"></iframe>',
    ]
    if static_map:
        picture = base64.b64encode(map_image(view, "png", title=view.title, color_by=color_by, size_by=size_by)).decode(
            "ascii"
        )
        parts.append(
            f'<img class="print-only" alt="{_escape("Network map: " + view.scrub(view.title))}" '
            f'src="data:image/png;base64,{picture}">'
        )
    return "\n".join(parts)


def _gaps(view: ExportView) -> str:
    table = view.gaps_table()
    parts = ['<h2 id="gaps">Where facilitation should go next</h2>']
    if table.empty:
        parts.append('<p class="note">No gap found in this selection.</p>')
        return "\n".join(parts)
    labels = {code: code for code in view.codes.values()} if view.anonymized else view.labels
    rows = []
    for rank, row in enumerate(table.head(GAPS_SHOWN).itertuples(index=False), start=1):
        involved = ", ".join(labels.get(actor, actor) for actor in str(row.actors).split(";") if actor)
        rows.append(
            [
                _cell(rank),
                f"<td>{_escape(row.kind.replace('_', ' '))}</td>",
                f"<td>{_escape(involved)}</td>",
                _cell(row.score, "{:.2f}"),
                f"<td>{_escape(row.explanation)}</td>",
                f"<td>{_escape(row.action)}</td>",
            ]
        )
    more = (
        f" The {GAPS_SHOWN} most important of {len(table)} are listed; the workbook holds them all."
        if len(table) > GAPS_SHOWN
        else ""
    )
    parts.append(
        '<p class="note">Ranked by score (0–1): how much a broker should care about this kind of gap '
        f"times how strong this one is. See docs/gaps.md.{_escape(more)}</p>"
    )
    parts.append(
        _table(["rank", "kind", "actors", "score", "explanation", "action"], rows, sortable=True, numeric={0, 3})
    )
    return "\n".join(parts)


def _actors(view: ExportView) -> str:
    table = view.actors_table()
    table["label"] = [view.labels[actor] for actor in view.analysis.actors["actor_id"]]
    patterns = {"betweenness_norm": "{:.1%}", "constraint": "{:.2f}", "trust_received": "{:.2f}"}
    rows = []
    for _, row in table.iterrows():
        cells = []
        for column, _ in ACTOR_COLUMNS:
            value = row[column]
            if column in ("label", "type"):
                cells.append(f"<td>{_escape(value)}</td>")
            else:
                cells.append(_cell(value, patterns.get(column, "{:.3g}")))
        rows.append(cells)
    note = (
        "Betweenness: share of pairs of actors linked through this actor. Constraint: Burt's measure, high "
        "when an actor's partners are all tied to one another. Trust received: the mean rating others gave "
        "the actor, and how many ratings stand behind it."
    )
    if view.anonymized:
        note += f" Means of fewer than {view.min_ratings} ratings are left blank in this anonymised report."
    return "\n".join(
        [
            '<h2 id="actors">Actors</h2>',
            f'<p class="note">{_escape(note)} Click a header to sort.</p>',
            _table(
                [header for _, header in ACTOR_COLUMNS], rows, sortable=True, numeric=set(range(2, len(ACTOR_COLUMNS)))
            ),
        ]
    )


# --- the page --------------------------------------------------------------------------------


def report_html(
    view: ExportView,
    *,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    static_map: bool = True,
) -> str:
    """The report of the view's selection as one self-contained HTML page (see the module's docstring).

    ``title`` defaults to "Cluster network report: <round>: <relations>" (ids and names in it
    become codes when anonymised); ``color_by`` and ``size_by`` style the map as on the app's
    Map page; ``static_map`` adds the printed picture of the map (a PNG, about a second to draw).
    """
    title = view.scrub(title if title is not None else f"Cluster network report: {view.title}")
    try:
        version = metadata.version("clusternet")
    except metadata.PackageNotFoundError:
        version = ""
    meta = [view.describe_selection(), f"groups by {view.selection.group_by}"]
    if view.source_name:
        meta.insert(0, f"survey {view.source_name}")
    if view.compared_rounds:
        meta.append("change from " + " to ".join(view.compared_rounds))
    badge = (
        f' <span class="badge">anonymised: names replaced by codes, free text left out, trust means of fewer '
        f"than {view.min_ratings} ratings hidden</span>"
        if view.anonymized
        else ""
    )
    sections = [
        _summary(view),
        _kpis(view),
        _map(view, color_by, size_by, static_map),
        _gaps(view),
        _actors(view),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="clusternet">',
            f"<title>{_escape(title)}</title>",
            f"<style>{_STYLE.replace('__HEIGHT__', str(MAP_HEIGHT_PX))}</style>",
            "</head>",
            "<body>",
            f"<header><h1>{_escape(title)}</h1>",
            f'<p class="meta">{_escape(" · ".join(meta))}{badge}</p>',
            '<nav class="meta screen-only">Contents: <a href="#summary">summary</a> · <a href="#kpis">KPIs</a> · '
            '<a href="#map">map</a> · <a href="#gaps">gaps</a> · <a href="#actors">actors</a></nav></header>',
            *sections,
            f"<footer>Made offline with clusternet {_escape(version)}. Measures and their meaning: docs/metrics.md, "
            "docs/gaps.md and docs/rounds.md of clusternet.</footer>",
            f"<script>{_SORT_SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
