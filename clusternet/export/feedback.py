"""Feedback sheets: one printed page per actor, as the PARTNER tool reports back to its respondents.

Why a PDF with one A4 page per actor: the sheets are handed out (or e-mailed one by one) at a
feedback meeting, often where there is no printer driver for HTML and no internet; a PDF prints
the same everywhere, page ``k`` is always actor ``k``, and a broker can split or reorder pages with
any PDF tool. The text stays searchable and readable aloud (fonts are embedded as TrueType).

Each page shows the actor its own place in the network and aggregates of what the others
reported, never who said what about whom:

- **Your position**: a small map of the whole cluster with no names but the actor's own partners
  (the ones it named itself); ties between other actors are faint and uncoloured; ties others
  reported to the actor are not drawn (a line from an unnamed partner would say who named it).
  Beside it: partners (against the typical actor of the same type), how many named it, how many
  it named, its betweenness rank, the size of its community.
- **Trust others place in you**: the mean rating the others gave it and how many ratings stand
  behind it, against the cluster's mean; the same by kind of partner (firms, support
  institutions, market actors). A mean of fewer than ``MIN_RATINGS_SHOWN`` ratings is not shown;
  when the ratings left over by the kinds shown number fewer than that, the smallest kind shown
  is hidden as well, so that no single rating can be worked out by subtraction; and a hidden
  kind is listed without its count (a count of one, from the only firm the actor named, would
  say who rated it).
- **Partners you named**: its own answers (partner, type, relations, its own trust rating).
- **Over the rounds**: partners, times named and trust received (same rule) in every round.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from clusternet.analysis import Analysis
from clusternet.constants import MIN_RATINGS_SHOWN, TRUST_LABELS, TRUST_MAX
from clusternet.export.figures import new_figure, pdf_pages
from clusternet.export.map_style import map_style
from clusternet.export.snapshot import TEXT_COLOR, fit_axes, layout_bounds
from clusternet.export.view import ExportView
from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES, MARKET_TYPES
from clusternet.viz.styles import MISSING_COLOR, blend, category_label

A4_PORTRAIT_IN = (8.27, 11.69)
PARTNER_ROWS = 12
"""Most partners listed on a page; the rest are counted."""

PARTNER_KINDS = (("firms", FIRM_TYPES), ("support institutions", INSTITUTION_TYPES), ("market actors", MARKET_TYPES))
"""Kinds of partners whose trust is shown apart, as in ``metrics.linkages``."""

_MUTED = "#666666"
_FAINT_TIE = "#E3E3E3"
_OWN_TIE = "#555555"


@dataclass(frozen=True)
class TrustAggregate:
    """A mean of ratings and how many stand behind it; ``shown`` False when too few to show."""

    mean: float
    count: int
    shown: bool
    minimum: int = MIN_RATINGS_SHOWN

    def text(self) -> str:
        if self.count == 0:
            return "no ratings"
        if not self.shown:
            return f"not shown ({self.count} rating{'s' if self.count != 1 else ''}: fewer than {self.minimum})"
        return f"{self.mean:.1f} of {TRUST_MAX}  ({self.count} ratings)"


def ratings_received(analysis: Analysis, actor_id: str) -> pd.DataFrame:
    """The trust ratings others gave ``actor_id``: ``rater_type``, ``trust`` (never who gave them)."""
    reported = analysis.reported
    rows = [
        (reported.nodes[source].get("type"), float(trust))
        for source, _, trust in reported.in_edges(actor_id, data="trust")
        if trust is not None
    ]
    return pd.DataFrame(rows, columns=["rater_type", "trust"])


def aggregate(ratings: pd.Series, minimum: int = MIN_RATINGS_SHOWN) -> TrustAggregate:
    """The mean of ``ratings``, shown only when there are at least ``minimum``.

    >>> aggregate(pd.Series([4.0, 5.0, 3.0])).text(), aggregate(pd.Series([2.0])).text()
    ('4.0 of 5  (3 ratings)', 'not shown (1 rating: fewer than 3)')
    """
    count = int(ratings.count())
    mean = float(ratings.mean()) if count else math.nan
    return TrustAggregate(mean, count, count >= minimum, minimum)


def trust_by_kind(ratings: pd.DataFrame, minimum: int = MIN_RATINGS_SHOWN) -> dict[str, TrustAggregate]:
    """Trust received by kind of rater, with the smallest kinds hidden until no hidden remainder of
    1 or 2 ratings could be worked out from the overall mean by subtraction.

    >>> ratings = pd.DataFrame({"rater_type": ["firm"] * 3 + ["ngo"], "trust": [4.0, 4.0, 5.0, 1.0]})
    >>> {kind: value.shown for kind, value in trust_by_kind(ratings).items()}
    {'firms': False, 'support institutions': False, 'market actors': False}
    """
    kinds = {
        name: aggregate(ratings.loc[ratings["rater_type"].isin(types), "trust"], minimum)
        for name, types in PARTNER_KINDS
    }
    shown = {name for name, value in kinds.items() if value.shown}
    while shown:
        remainder = len(ratings) - sum(kinds[name].count for name in shown)
        if remainder == 0 or remainder >= minimum:
            break
        shown.remove(min(shown, key=lambda name: (kinds[name].count, name)))
    return {name: TrustAggregate(value.mean, value.count, name in shown, minimum) for name, value in kinds.items()}


# --- one page --------------------------------------------------------------------------------


def feedback_figure(view: ExportView, actor_id: str) -> Figure:
    """The feedback page of ``actor_id`` (build inside ``figures.pdf_pages`` or ``figure_bytes``)."""
    analysis = view.analysis
    actors = analysis.actors.set_index("actor_id")
    if actor_id not in actors.index:
        raise KeyError(f"there is no actor {actor_id!r} in the survey")
    row = actors.loc[actor_id]
    figure = new_figure(*A4_PORTRAIT_IN)
    _header(figure, view, actor_id, row)
    _position(figure, view, actor_id, row, actors)
    _trust(figure, view, actor_id)
    _rounds(figure, view, actor_id)
    _partners(figure, view, actor_id)
    figure.text(
        0.06,
        0.012,
        textwrap.fill(
            f"What others said is shown only as totals and averages, never who said what about whom; an average of "
            f"fewer than {view.min_ratings} ratings is not shown. Trust: 1 = {TRUST_LABELS[1]} … "
            f"{TRUST_MAX} = {TRUST_LABELS[TRUST_MAX]}.",
            120,
        ),
        fontsize=7.5,
        color=_MUTED,
        va="bottom",
    )
    return figure


def _header(figure: Figure, view: ExportView, actor_id: str, row: pd.Series) -> None:
    selection = view.selection
    dates = dict(zip(view.survey.rounds["round"], view.survey.rounds["date"]))
    date = dates.get(selection.round)
    when = f" ({date:%B %Y})" if isinstance(date, pd.Timestamp) and not pd.isna(date) else ""
    figure.text(0.06, 0.955, "Your place in the cluster network", fontsize=18, fontweight="bold", color=TEXT_COLOR)
    figure.text(0.06, 0.93, view.labels[actor_id], fontsize=14, color=TEXT_COLOR, va="center")
    network = dict(zip(view.analysis.network["metric"], view.analysis.network["value"]))
    answered = (
        "You answered this round."
        if row["respondent"]
        else "You did not answer this round: what others reported about you is still counted."
    )
    figure.text(
        0.06,
        0.905,
        textwrap.fill(
            f"{category_label(row['type']).capitalize()} · survey round {selection.round}{when} · "
            f"{int(network['respondents'])} of {int(network['actors'])} organisations answered. {answered}",
            110,
        ),
        fontsize=9,
        color=_MUTED,
        va="top",
    )


def _position(figure: Figure, view: ExportView, actor_id: str, row: pd.Series, actors: pd.DataFrame) -> None:
    figure.text(0.06, 0.855, "Your position", fontsize=13, fontweight="bold", color=TEXT_COLOR)
    axes = figure.add_axes((0.04, 0.53, 0.5, 0.315))
    _position_map(axes, view, actor_id)

    same_type = actors.loc[actors["type"] == row["type"], "degree"]
    ranked = actors["betweenness"].rank(ascending=False, method="min")
    community_size = int((actors["community"] == row["community"]).sum())
    facts = [
        ("Partners", f"{int(row['degree'])}", f"typical {category_label(row['type'])}: {same_type.median():.0f}"),
        ("Named you as a partner", f"{int(row['in_degree'])}", "organisations"),
        ("You named", f"{int(row['out_degree'])}", "organisations"),
        (
            "Linking others",
            f"{row['betweenness_norm']:.1%}",
            f"of pairs of organisations are linked through you; rank {int(ranked[actor_id])} of {len(actors)}"
            if row["betweenness"] > 0
            else "no pair of organisations depends on you to be linked",
        ),
        (
            "Your group",
            f"{community_size}",
            "organisations that work closely together, you included"
            if int(row["degree"])
            else "you have no tie in this round",
        ),
    ]
    y = 0.825
    for title, value, note in facts:
        figure.text(0.57, y, title, fontsize=9, color=_MUTED, va="top")
        figure.text(0.57, y - 0.017, value, fontsize=17, fontweight="bold", color=TEXT_COLOR, va="top")
        figure.text(0.70, y - 0.021, textwrap.fill(note, 34), fontsize=8.5, color=TEXT_COLOR, va="top")
        y -= 0.061


def _position_map(axes, view: ExportView, actor_id: str) -> None:
    """The whole cluster without names; the actor and the partners it named in colour."""
    analysis = view.analysis
    reported = analysis.reported
    positions = view.positions
    style = map_style(view, color_by="type", size_by="degree")
    named = set(reported.successors(actor_id))
    scale = fit_axes(axes, layout_bounds(positions))
    others = [
        (positions[source], positions[target])
        for source, target in analysis.graph.edges()
        if actor_id not in (source, target)
    ]
    axes.add_collection(LineCollection(others, colors=_FAINT_TIE, linewidths=max(0.4, 0.8 * scale), zorder=1))
    own = [(positions[actor_id], positions[partner]) for partner in named]
    axes.add_collection(LineCollection(own, colors=_OWN_TIE, linewidths=max(0.8, 2 * scale), zorder=2))
    colors = {category_label(value): color for value, color in style.group_colors.items()}

    def color_of(node: str) -> str:
        return colors.get(category_label(style.groups.get(node)), MISSING_COLOR)

    background = [node for node in reported if node != actor_id and node not in named]
    if background:
        xy = np.array([positions[node] for node in background])
        axes.scatter(
            xy[:, 0], xy[:, 1], s=(9 * scale) ** 2, c=blend(MISSING_COLOR, "#FFFFFF", 0.35), linewidths=0, zorder=3
        )
    for node in named:
        x, y = positions[node]
        axes.scatter(
            [x],
            [y],
            s=(16 * scale) ** 2,
            c=color_of(node),
            edgecolors=blend(color_of(node), "#000000", 0.35),
            linewidths=0.6,
            zorder=4,
        )
        if len(named) <= 12:
            axes.text(x, y + 16, view.labels[node], fontsize=6, color=TEXT_COLOR, ha="center", va="top", zorder=5)
    x, y = positions[actor_id]
    axes.scatter([x], [y], s=(28 * scale) ** 2, c=color_of(actor_id), edgecolors="#000000", linewidths=1.6, zorder=6)
    axes.text(
        x,
        y - 30,
        "you",
        fontsize=10,
        fontweight="bold",
        color=TEXT_COLOR,
        ha="center",
        va="bottom",
        zorder=7,
        bbox={"boxstyle": "round,pad=0.1", "facecolor": "#FFFFFF", "alpha": 0.8, "edgecolor": "none"},
    )
    axes.text(
        0.0,
        0.0,
        "Grey: other organisations and their ties (no names). Colour: you and the partners you named.",
        transform=axes.transAxes,
        fontsize=7,
        color=_MUTED,
        va="top",
    )


def _trust(figure: Figure, view: ExportView, actor_id: str) -> None:
    figure.text(0.06, 0.475, "Trust others place in you", fontsize=13, fontweight="bold", color=TEXT_COLOR)
    ratings = ratings_received(view.analysis, actor_id)
    overall = aggregate(ratings["trust"], view.min_ratings)
    network = dict(zip(view.analysis.network["metric"], view.analysis.network["value"]))
    figure.text(0.06, 0.45, "Average rating from the organisations that rated you", fontsize=9, color=_MUTED, va="top")
    figure.text(
        0.06, 0.43, overall.text(), fontsize=15 if overall.shown else 10, fontweight="bold", color=TEXT_COLOR, va="top"
    )
    cluster = network.get("mean_trust", math.nan)
    lines = [
        f"Whole cluster: {cluster:.1f} of {TRUST_MAX}" if not math.isnan(cluster) else "No trust ratings in this round."
    ]
    if overall.shown:
        # every kind is listed, hidden ones without their count: a count of 1 from the only firm
        # the actor named would say that this firm rated it
        for name, value in trust_by_kind(ratings, view.min_ratings).items():
            lines.append(f"From {name}: {value.text() if value.shown else 'not shown'}")
    given = view.analysis.actors.set_index("actor_id").loc[actor_id, ["trust_given", "trust_given_n"]]
    if given["trust_given_n"]:
        lines.append(
            f"Your own ratings of your partners: {given['trust_given']:.1f} on average "
            f"({int(given['trust_given_n'])} ratings)"
        )
    y = 0.395
    for line in lines:
        figure.text(0.06, y, line, fontsize=9, color=TEXT_COLOR, va="top")
        y -= 0.018


def _rounds(figure: Figure, view: ExportView, actor_id: str) -> None:
    rounds = view.survey.round_labels
    figure.text(0.57, 0.475, "Over the survey rounds", fontsize=13, fontweight="bold", color=TEXT_COLOR)
    columns = (0.57, 0.685, 0.77, 0.86)
    for x, header in zip(columns, ("round", "partners", "named you", "trust in you")):
        figure.text(x, 0.437, header, fontsize=8.5, color=_MUTED, va="baseline")
    shown = rounds[-6:]
    cells = []
    for label in shown:
        analysis = view.round_analysis(label)
        row = analysis.actors.set_index("actor_id").loc[actor_id]
        trust = aggregate(ratings_received(analysis, actor_id)["trust"], view.min_ratings)
        trust_text = f"{trust.mean:.1f} ({trust.count})" if trust.shown else "–" if not trust.count else "not shown"
        cells.append(
            (
                textwrap.shorten(label + ("" if row["respondent"] else " *"), 18, placeholder="…"),
                f"{int(row['degree'])}",
                f"{int(row['in_degree'])}",
                trust_text,
            )
        )
    current = shown.index(view.selection.round) if view.selection.round in shown else None
    _text_table(figure, columns, 0.43, cells, fontsize=9, row_height=0.02, bold_row=current)
    if any(row[0].endswith("*") for row in cells):
        figure.text(
            0.57,
            0.43 - 0.02 * len(shown) - 0.004,
            "* you did not answer that round",
            fontsize=7.5,
            color=_MUTED,
            va="top",
        )


def _text_table(
    figure: Figure,
    columns: tuple[float, ...],
    top: float,
    rows: list[tuple[str, ...]],
    *,
    fontsize: float,
    row_height: float,
    bold_row: int | None = None,
) -> None:
    """Rows of text in columns, each cell its own text so that rows line up whatever letters they hold."""
    for number, row in enumerate(rows):
        for x, value in zip(columns, row):
            figure.text(
                x,
                top - (number + 0.75) * row_height,
                value,
                fontsize=fontsize,
                color=TEXT_COLOR,
                va="baseline",
                fontweight="bold" if number == bold_row else "normal",
            )


def _partners(figure: Figure, view: ExportView, actor_id: str) -> None:
    reported = view.analysis.reported
    figure.text(0.06, 0.275, "Partners you named", fontsize=13, fontweight="bold", color=TEXT_COLOR)
    named = []
    for partner in reported.successors(actor_id):
        data = reported.edges[actor_id, partner]
        named.append(
            (
                view.labels[partner],
                category_label(reported.nodes[partner].get("type")),
                ", ".join(map(str, data.get("relations") or ())),
                data.get("trust"),
            )
        )
    if not named:
        figure.text(
            0.06,
            0.25,
            "You named no partner in this round."
            if reported.nodes[actor_id].get("respondent")
            else "You did not answer this round.",
            fontsize=9,
            color=TEXT_COLOR,
            va="top",
        )
        return
    named.sort(key=lambda item: (-(item[3] or 0), item[0].casefold()))
    columns = (0.06, 0.42, 0.56, 0.85)
    for x, header in zip(columns, ("partner", "type", "relations", "your trust")):
        figure.text(x, 0.24, header, fontsize=8.5, color=_MUTED, va="baseline")
    rows = [
        (
            textwrap.shorten(label, 44, placeholder="…"),
            kind,
            textwrap.shorten(relations, 44, placeholder="…"),
            "–" if trust is None else f"{trust:.0f}" if float(trust).is_integer() else f"{trust:.1f}",
        )
        for label, kind, relations, trust in named[:PARTNER_ROWS]
    ]
    _text_table(figure, columns, 0.232, rows, fontsize=8.5, row_height=0.0145)
    if len(named) > PARTNER_ROWS:
        figure.text(
            0.06,
            0.232 - 0.0145 * (len(rows) + 0.75),
            f"… and {len(named) - PARTNER_ROWS} more",
            fontsize=8.5,
            color=_MUTED,
            va="baseline",
        )


# --- the file --------------------------------------------------------------------------------


def feedback_sheets(view: ExportView, actors: Iterable[str] | None = None) -> bytes:
    """A PDF with one feedback page per actor (default: every actor, in the survey's order).

    Raises ``KeyError`` for an actor id the survey does not have.
    """
    chosen = list(view.survey.actors["actor_id"]) if actors is None else list(actors)
    known = set(view.analysis.actors["actor_id"])
    unknown = [actor for actor in chosen if actor not in known]
    if unknown:
        raise KeyError(f"there is no actor {', '.join(map(repr, unknown))} in the survey")
    title = view.scrub(f"Feedback sheets, round {view.selection.round}")
    return pdf_pages([lambda actor=actor: feedback_figure(view, actor) for actor in chosen], title=title)
