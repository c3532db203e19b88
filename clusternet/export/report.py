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
``data:`` image. All text is escaped wherever it appears
(:func:`~clusternet.sanitize.markup.html_text`: HTML's special characters, and the characters XML
forbids written as their escape, so that the page can always be encoded and parsed); the map page
escapes its own (see ``clusternet.viz.network_map``). Every table, label and sentence comes from the
:class:`~clusternet.view.View`: anonymised, every label is a code, thin trust is blank and the
survey's file name and round descriptions are left out, and the map (interactive and printed) shows
no tie's trust, neither as its colour nor in its tooltip (``MapStyle.tie_trust``); every sentence is a
message written in the view's language.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable
from importlib import metadata
from typing import Any, cast

import pandas as pd

from clusternet.export.snapshot import map_image
from clusternet.graph import python_value
from clusternet.kpis import SCALE
from clusternet.messages import ENGLISH, Message, Template, message
from clusternet.rounds.comparison import BETTER, NO_CLEAR_CHANGE, WORSE
from clusternet.sanitize.markup import html_text
from clusternet.view import View
from clusternet.viz.map_style import COLOR_BY, SIZE_BY, interactive_map_html, map_style
from clusternet.viz.styles import Render

MAP_HEIGHT_PX = 650

GAPS_SHOWN = 40
"""The report lists the most important gaps up to this many; the workbook and gaps.csv hold them all."""

HEADLINES: tuple[tuple[str, Message, str], ...] = (
    ("actors", message("report.headline.actors", "actors")(), "{:.0f}"),
    ("ties", message("report.headline.ties", "ties")(), "{:.0f}"),
    ("response_rate", message("report.headline.response_rate", "answered the survey")(), "{:.0%}"),
    ("density", message("report.headline.density", "density")(), "{:.3f}"),
    ("components", message("report.headline.components", "separate pieces")(), "{:.0f}"),
    ("isolates", message("report.headline.isolates", "actors with no tie")(), "{:.0f}"),
    (
        "mean_trust",
        message("report.headline.mean_trust", "mean trust ({trust_min}–{trust_max})").bind(SCALE),
        "{:.2f}",
    ),
    (
        "high_trust_share",
        message("report.headline.high_trust_share", "ratings of high trust ({high_trust}–{trust_max})").bind(SCALE),
        "{:.0%}",
    ),
    (
        "firm_institution_linkage",
        message("report.headline.firm_institution_linkage", "firms tied to a support institution")(),
        "{:.0%}",
    ),
    ("confirmed_share", message("report.headline.confirmed_share", "ties confirmed by the partner")(), "{:.0%}"),
    ("ei_index", message("report.headline.ei_index", "E-I index (reach across groups)")(), "{:+.2f}"),
    ("communities", message("report.headline.communities", "communities")(), "{:.0f}"),
)
"""The figures of the summary: network.csv metric, what it is called, how its number is written."""

ACTOR_COLUMNS: tuple[tuple[str, Message], ...] = (
    ("label", message("report.actors.header.actor", "actor")()),
    ("type", message("report.actors.header.type", "type")()),
    ("degree", message("report.actors.header.degree", "partners")()),
    ("in_degree", message("report.actors.header.in_degree", "named by")()),
    ("out_degree", message("report.actors.header.out_degree", "named")()),
    ("betweenness_norm", message("report.actors.header.betweenness", "betweenness")()),
    ("constraint", message("report.actors.header.constraint", "constraint")()),
    ("brokerage_total", message("report.actors.header.brokerage", "brokerage")()),
    ("community", message("report.actors.header.community", "community")()),
    ("trust_received", message("report.actors.header.trust", "trust")()),
    ("trust_received_n", message("report.actors.header.ratings", "ratings")()),
    ("respondent", message("report.actors.header.respondent", "answered")()),
)
"""The columns of the actors table: actors.csv column, its header."""

ASSESSMENTS: dict[str, Template] = {
    BETTER: message("report.assessment.better", "better"),
    WORSE: message("report.assessment.worse", "worse"),
    NO_CLEAR_CHANGE: message("report.assessment.no_clear_change", "no clear change"),
    "up": message("report.assessment.up", "up"),
    "down": message("report.assessment.down", "down"),
}
"""How each assessment of a KPI change (``kpis.csv``'s codes) reads in the report."""

YES = message("report.value.yes", "yes")
NO = message("report.value.no", "no")

TITLE = message("report.title", "Cluster network report: {title}")
META_SURVEY = message("report.meta.survey", "survey {file}")
META_GROUPS = message("report.meta.groups", "groups by {group_by}")
META_CHANGE = message("report.meta.change", "change from {from_round} to {to_round}")
ANONYMISED_BADGE = message(
    "report.meta.anonymised",
    "anonymised: names replaced by codes, identifying attributes left out, trust means of fewer than "
    "{min_ratings} ratings hidden",
)
CONTENTS = message("report.nav.contents", "Contents:")
CONTENTS_SUMMARY = message("report.nav.summary", "summary")
CONTENTS_KPIS = message("report.nav.kpis", "KPIs")
CONTENTS_MAP = message("report.nav.map", "map")
CONTENTS_GAPS = message("report.nav.gaps", "gaps")
CONTENTS_ACTORS = message("report.nav.actors", "actors")
FOOTER = message(
    "report.footer",
    "Made offline with clusternet {version}. Measures and their meaning: docs/metrics.md, docs/gaps.md and "
    "docs/rounds.md of clusternet.",
)

SUMMARY = message("report.summary.title", "Summary")
KEY_MESSAGES = message("report.summary.key_messages", "Key messages, {from_round} → {to_round}")

KPIS_TITLE = message("report.kpis.title", "Key performance indicators across rounds")
NOT_COMPARABLE = message("report.kpis.not_comparable", "The rounds cannot be compared.")
KPIS_NOTE = message(
    "report.kpis.note",
    "On all actors of the roster. An interval that excludes 0 marks a change larger than the choice of actors "
    "alone could produce; one that includes 0 cannot be told from noise (bootstrap over actors, seeded).",
)
KPIS_PANEL = message("report.kpis.panel", "The same on the panel: actors who answered every round")
KPI_HEADER = message("report.kpis.header.kpi", "KPI")
CHANGE_HEADER = message("report.kpis.header.change", "change {from_round} → {to_round}")
INTERVAL_HEADER = message("report.kpis.header.interval", "95 % interval")
ASSESSMENT_HEADER = message("report.kpis.header.assessment", "assessment")
MEANING_HEADER = message("report.kpis.header.meaning", "meaning")
INTERVAL = message("report.kpis.interval", "{low} to {high}")

MAP_TITLE = message("report.map.title", "The network map")
MAP_NOTE = message(
    "report.map.note",
    "{selection}. Hover an actor or a tie for details; drag to pan, scroll to zoom. Dashed ties are not "
    "confirmed by the partner.",
)
MAP_FRAME = message("report.map.frame_title", "Network map: {title}")

GAPS_TITLE = message("report.gaps.title", "Where facilitation should go next")
NO_GAPS = message("report.gaps.none", "No gap found in this selection.")
GAPS_NOTE = message(
    "report.gaps.note",
    "Ranked by score (0–1): how much a broker should care about this kind of gap times how strong this one is. "
    "See docs/gaps.md.",
)
GAPS_NOTE_SHORTENED = message(
    "report.gaps.note.shortened",
    "Ranked by score (0–1): how much a broker should care about this kind of gap times how strong this one is. "
    "See docs/gaps.md. The {shown} most important of {count} are listed; the workbook holds them all.",
)
GAP_HEADERS: tuple[Message, ...] = (
    message("report.gaps.header.rank", "rank")(),
    message("report.gaps.header.kind", "kind")(),
    message("report.gaps.header.actors", "actors")(),
    message("report.gaps.header.score", "score")(),
    message("report.gaps.header.explanation", "explanation")(),
    message("report.gaps.header.action", "action")(),
)

LOGFRAME_TITLE = message("report.logframe.title", "Logframe: indicators against their targets")
LOGFRAME_NOTE = message(
    "report.logframe.note",
    "Progress is (value - baseline) / (target - baseline): 0 at baseline, 1 at the target.",
)
LOGFRAME_HEADERS = [
    message("report.logframe.header.indicator", "indicator"),
    message("report.logframe.header.level", "level"),
    message("report.logframe.header.round", "round"),
    message("report.logframe.header.value", "value"),
    message("report.logframe.header.baseline", "baseline"),
    message("report.logframe.header.target", "target"),
    message("report.logframe.header.progress", "progress"),
]
FOLLOWUP_TITLE = message("report.followup.title", "Actions and what followed among their participants")
FOLLOWUP_NOTE = message(
    "report.followup.note",
    "Ties among an action's participants in the rounds before and after it: association, not attribution.",
)
FOLLOWUP_HEADERS = [
    message("report.followup.header.action", "action"),
    message("report.followup.header.date", "date"),
    message("report.followup.header.kind", "kind"),
    message("report.followup.header.status", "status"),
    message("report.followup.header.ties_before", "ties before"),
    message("report.followup.header.ties_after", "ties after"),
    message("report.followup.header.new_ties", "new ties among participants"),
]
CONTENTS_LOGFRAME = message("report.nav.logframe", "logframe")
ACTORS_TITLE = message("report.actors.title", "Actors")
ACTORS_NOTE = message(
    "report.actors.note",
    "Betweenness: share of pairs of actors linked through this actor. Constraint: Burt's measure, high when an "
    "actor's partners are all tied to one another. Trust received: the mean rating others gave the actor, and how "
    "many ratings stand behind it. Click a header to sort.",
)
ACTORS_NOTE_ANONYMISED = message(
    "report.actors.note.anonymised",
    "Betweenness: share of pairs of actors linked through this actor. Constraint: Burt's measure, high when an "
    "actor's partners are all tied to one another. Trust received: the mean rating others gave the actor, and how "
    "many ratings stand behind it. Means of fewer than {min_ratings} ratings are left blank in this anonymised "
    "report. Click a header to sort.",
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


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def format_number(value: object, pattern: str = "{:.3g}", text: Render = ENGLISH.render) -> str:
    """A number for people: integers without decimals, others by ``pattern``; blank when missing;
    a boolean as yes or no, written by ``text``.

    >>> format_number(3.0), format_number(0.12345), format_number(float("nan")), format_number(True)
    ('3', '0.123', '', 'yes')
    """
    value = python_value(value)
    if _is_missing(value):
        return ""
    if isinstance(value, bool):
        return text(YES() if value else NO())
    if isinstance(value, (int, float)):
        if float(value).is_integer() and abs(value) < 1e15 and pattern == "{:.3g}":
            return f"{int(value):,}"
        return pattern.format(value)
    return str(value)


def _cell(value: object, pattern: str = "{:.3g}", text: Render = ENGLISH.render) -> str:
    value = python_value(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="number" data-value="{float(value)!r}">{html_text(format_number(value, pattern))}</td>'
    if _is_missing(value):
        return '<td class="number" data-value=""></td>'
    return f"<td>{html_text(format_number(value, text=text))}</td>"


def _table(
    headers: list[str],
    rows: list[list[str]],
    *,
    sortable: bool = False,
    numeric: Iterable[int] = (),
    caption: str = "",
) -> str:
    numbers = set(numeric)
    head = "".join(
        f'<th class="number">{html_text(text)}</th>' if index in numbers else f"<th>{html_text(text)}</th>"
        for index, text in enumerate(headers)
    )
    body = "\n".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)
    css = ' class="sortable"' if sortable else ""
    caption_html = f'<caption class="note">{html_text(caption)}</caption>' if caption else ""
    return (
        f'<div class="wide"><table{css}>{caption_html}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n'
        "</tbody></table></div>"
    )


def _heading(view: View, level: int, title: Message, anchor: str = "") -> str:
    ident = f' id="{anchor}"' if anchor else ""
    return f"<h{level}{ident}>{html_text(view.text(title))}</h{level}>"


def _note(view: View, item: Message, css: str = "note") -> str:
    return f'<p class="{css}">{html_text(view.text(item))}</p>'


def _list(items: Iterable[str], css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<ul{attribute}>" + "".join(f"<li>{html_text(item)}</li>" for item in items) + "</ul>"


# --- sections --------------------------------------------------------------------------------


def _summary(view: View) -> str:
    network = view.network_values
    cards = []
    for metric, label, pattern in HEADLINES:
        value = network.get(metric)
        if value is None or _is_missing(value):
            continue
        cards.append(
            f'<div class="card"><div class="value">{html_text(pattern.format(value))}</div>'
            f'<div class="label">{html_text(view.text(label))}</div></div>'
        )
    parts = [_heading(view, 2, SUMMARY(), "summary"), f'<div class="cards">{"".join(cards)}</div>']
    if view.compared_rounds:
        from_round, to_round = view.compared_rounds
        messages = view.key_messages(from_round, to_round)
        if messages:
            parts.append(_heading(view, 3, KEY_MESSAGES(from_round=from_round, to_round=to_round)))
            parts.append(_list(messages))
    return "\n".join(parts)


def _kpi_rows(view: View, series: pd.DataFrame, basis: str) -> tuple[list[str], list[list[str]], set[int]]:
    rounds = view.survey.round_labels
    rows_of_basis = series.loc[series["basis"] == basis].set_index("kpi")
    comparison = None
    headers = [view.text(KPI_HEADER()), *rounds]
    if view.comparison is not None and view.compared_rounds is not None:
        kpis = view.comparison.kpis
        comparison = kpis.loc[kpis["basis"] == basis].set_index("kpi")
        from_round, to_round = view.compared_rounds
        headers += [
            view.text(CHANGE_HEADER(from_round=from_round, to_round=to_round)),
            view.text(INTERVAL_HEADER()),
            view.text(ASSESSMENT_HEADER()),
        ]
    headers.append(view.text(MEANING_HEADER()))
    rows = []
    for kpi, row in rows_of_basis.iterrows():
        cells = [f"<td>{html_text(kpi)}</td>"] + [_cell(row[label]) for label in rounds]
        if comparison is not None and kpi in comparison.index:
            change = cast("pd.Series[Any]", comparison.loc[str(kpi)])
            interval = (
                ""
                if _is_missing(change["low"])
                else view.text(INTERVAL(low=format_number(change["low"]), high=format_number(change["high"])))
            )
            assessment = str(change["assessment"] or "")
            css = ' class="better"' if assessment == BETTER else ' class="worse"' if assessment == WORSE else ""
            written = view.text(ASSESSMENTS[assessment]()) if assessment in ASSESSMENTS else assessment
            cells += [
                _cell(change["change"]),
                f'<td class="number">{html_text(interval)}</td>',
                f"<td{css}>{html_text(written)}</td>",
            ]
        elif comparison is not None:
            cells += ["<td></td>"] * 3
        meaning = row["meaning"]
        cells.append(
            f'<td class="note">{html_text(view.text(meaning) if isinstance(meaning, Message) else meaning)}</td>'
        )
        rows.append(cells)
    numeric = set(range(1, 1 + len(rounds) + (1 if comparison is not None else 0)))
    return headers, rows, numeric


def _kpis(view: View) -> str:
    parts = [_heading(view, 2, KPIS_TITLE(), "kpis")]
    series = view.kpi_series
    if series is None:
        problem = view.comparison_problem or view.text(NOT_COMPARABLE())
        parts.append(f'<p class="note">{html_text(problem)}</p>')
        return "\n".join(parts)
    headers, rows, numeric = _kpi_rows(view, series, "all")
    parts.append(_note(view, KPIS_NOTE()))
    parts.append(_table(headers, rows, numeric=numeric))
    if len(view.survey.round_labels) > 1:
        headers, rows, numeric = _kpi_rows(view, series, "panel")
        parts.append(
            f"<details><summary>{html_text(view.text(KPIS_PANEL()))}</summary>"
            + _table(headers, rows, numeric=numeric)
            + "</details>"
        )
    if view.comparison_problem:
        parts.append(f'<p class="note">{html_text(view.comparison_problem)}</p>')
    notes = view.notes()
    if notes:
        parts.append(_list(notes, "note"))
    return "\n".join(parts)


def _map(view: View, color_by: str, size_by: str, static_map: bool) -> str:
    style = map_style(view, color_by=color_by, size_by=size_by)
    page = interactive_map_html(view, style, title=view.title, height_px=MAP_HEIGHT_PX - 4)
    frame_title = html_text(view.text(MAP_FRAME(title=view.title)))
    note = view.text(MAP_NOTE(selection=view.selection_message()))
    parts = [
        _heading(view, 2, MAP_TITLE(), "map"),
        f'<p class="note screen-only">{html_text(note)}</p>',
        f'<iframe class="map" title="{frame_title}" sandbox="allow-scripts" srcdoc="{html_text(page)}"></iframe>',
    ]
    if static_map:
        picture = base64.b64encode(map_image(view, "png", title=view.title, color_by=color_by, size_by=size_by)).decode(
            "ascii"
        )
        parts.append(f'<img class="print-only" alt="{frame_title}" src="data:image/png;base64,{picture}">')
    return "\n".join(parts)


def _gaps(view: View) -> str:
    table = view.gaps_table()
    parts = [_heading(view, 2, GAPS_TITLE(), "gaps")]
    if table.empty:
        parts.append(_note(view, NO_GAPS()))
        return "\n".join(parts)
    rows = []
    for rank, row in enumerate(table.head(GAPS_SHOWN).itertuples(index=False), start=1):
        involved = ", ".join(view.label(actor) for actor in view.gap_actor_ids(rank - 1))
        rows.append(
            [
                _cell(rank),
                f"<td>{html_text(str(row.kind).replace('_', ' '))}</td>",
                f"<td>{html_text(involved)}</td>",
                _cell(row.score, "{:.2f}"),
                f"<td>{html_text(row.explanation)}</td>",
                f"<td>{html_text(row.action)}</td>",
            ]
        )
    note = GAPS_NOTE_SHORTENED(shown=GAPS_SHOWN, count=len(table)) if len(table) > GAPS_SHOWN else GAPS_NOTE()
    parts.append(_note(view, note))
    headers = view.texts(GAP_HEADERS)
    parts.append(_table(headers, rows, sortable=True, numeric={0, 3}))
    return "\n".join(parts)


def _logframe(view: View) -> str:
    """The logframe's indicators per round and each action's follow-up; nothing without them."""
    parts = []
    indicators = view.logframe_table()
    if len(indicators):
        parts += [_heading(view, 2, LOGFRAME_TITLE(), "logframe"), _note(view, LOGFRAME_NOTE())]
        rows = [
            [f"<td>{html_text(row.name)}</td>", f"<td>{html_text(row.level)}</td>", f"<td>{html_text(row.round)}</td>"]
            + [_cell(value, "{:.3g}", view.text) for value in (row.value, row.baseline, row.target)]
            + [_cell(row.progress, "{:.0%}", view.text)]
            for row in indicators.itertuples(index=False)
        ]
        parts.append(_table(view.texts(header() for header in LOGFRAME_HEADERS), rows, numeric={3, 4, 5, 6}))
    if len(view.survey.actions):
        followup = view.followup_table()
        rows = [
            [f"<td>{html_text(row.action_id)}</td>", f"<td>{html_text(row.date)}</td>"]
            + [f"<td>{html_text(row.kind)}</td>", f"<td>{html_text(row.status)}</td>"]
            + [
                _cell(value, "{:.0f}", view.text)
                for value in (row.ties_before, row.ties_after, row.new_ties_among_participants)
            ]
            for row in followup.itertuples(index=False)
        ]
        parts += [_heading(view, 2, FOLLOWUP_TITLE(), "followup"), _note(view, FOLLOWUP_NOTE())]
        parts.append(_table(view.texts(header() for header in FOLLOWUP_HEADERS), rows, numeric={4, 5, 6}))
    return "\n".join(parts)


def _actors(view: View) -> str:
    table = view.actors_table()
    table["label"] = [view.label(actor) for actor in view.analysis.actors["actor_id"]]
    patterns = {"betweenness_norm": "{:.1%}", "constraint": "{:.2f}", "trust_received": "{:.2f}"}
    rows = []
    for _, row in table.iterrows():
        cells = []
        for column, _header in ACTOR_COLUMNS:
            value = row[column]
            if column in ("label", "type"):
                cells.append(f"<td>{html_text(value)}</td>")
            else:
                cells.append(_cell(value, patterns.get(column, "{:.3g}"), view.text))
        rows.append(cells)
    note = ACTORS_NOTE_ANONYMISED(min_ratings=view.min_ratings) if view.anonymized else ACTORS_NOTE()
    headers = [view.text(header) for _, header in ACTOR_COLUMNS]
    return "\n".join(
        [
            _heading(view, 2, ACTORS_TITLE(), "actors"),
            _note(view, note),
            _table(headers, rows, sortable=True, numeric=range(2, len(ACTOR_COLUMNS))),
        ]
    )


# --- the page --------------------------------------------------------------------------------


def _contents(view: View) -> str:
    links = [
        ("summary", CONTENTS_SUMMARY),
        ("kpis", CONTENTS_KPIS),
        ("map", CONTENTS_MAP),
        ("gaps", CONTENTS_GAPS),
        *([("logframe", CONTENTS_LOGFRAME)] if len(view.survey.logframe) else []),
        ("actors", CONTENTS_ACTORS),
    ]
    entries = " · ".join(f'<a href="#{anchor}">{html_text(view.text(label()))}</a>' for anchor, label in links)
    return f'<nav class="meta screen-only">{html_text(view.text(CONTENTS()))} {entries}</nav>'


def report_html(
    view: View,
    *,
    title: str | None = None,
    color_by: str = COLOR_BY,
    size_by: str = SIZE_BY,
    static_map: bool = True,
) -> str:
    """The report of the view's selection as one self-contained HTML page (see the module's docstring).

    ``title`` defaults to "Cluster network report: <round>: <relations>" and is shown as given
    otherwise; ``color_by`` and ``size_by`` style the map as on the app's Map page; ``static_map``
    adds the printed picture of the map (a PNG, about a second to draw).
    """
    title = title if title is not None else view.text(TITLE(title=view.title))
    try:
        version = metadata.version("clusternet")
    except metadata.PackageNotFoundError:
        version = ""
    meta = [view.describe_selection(), view.text(META_GROUPS(group_by=view.selection.group_by))]
    if view.source_name:
        meta.insert(0, view.text(META_SURVEY(file=view.source_name)))
    if view.compared_rounds:
        from_round, to_round = view.compared_rounds
        meta.append(view.text(META_CHANGE(from_round=from_round, to_round=to_round)))
    badge = (
        f' <span class="badge">{html_text(view.text(ANONYMISED_BADGE(min_ratings=view.min_ratings)))}</span>'
        if view.anonymized
        else ""
    )
    sections = [
        _summary(view),
        _kpis(view),
        _map(view, color_by, size_by, static_map),
        _gaps(view),
        _logframe(view),
        _actors(view),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html_text(view.audience.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="clusternet">',
            f"<title>{html_text(title)}</title>",
            f"<style>{_STYLE.replace('__HEIGHT__', str(MAP_HEIGHT_PX))}</style>",
            "</head>",
            "<body>",
            f"<header><h1>{html_text(title)}</h1>",
            f'<p class="meta">{html_text(" · ".join(meta))}{badge}</p>',
            _contents(view) + "</header>",
            *sections,
            f"<footer>{html_text(view.text(FOOTER(version=version)))}</footer>",
            f"<script>{_SORT_SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
