"""Feedback sheets: one printed page per actor, as the PARTNER tool reports back to its respondents.

Why a PDF with one A4 page per actor: the sheets are handed out (or e-mailed one by one) at a
feedback meeting, often where there is no printer driver for HTML and no internet; a PDF prints
the same everywhere, page ``k`` is always actor ``k``, and a broker can split or reorder pages with
any PDF tool. The text stays searchable and readable aloud (fonts are embedded as TrueType).

The pages are drawn straight into the PDF (:mod:`clusternet.export.pdf_canvas`), not through
matplotlib, whose text layout made the sample's 66 pages take 10 s; what every page shares (the
map's points and colours, ranks, medians, each round's table) is worked out once per file.

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

Every text on a page is a message written by the view (``view.text``), partners by name or by code.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

import pandas as pd

from clusternet.analysis import Analysis
from clusternet.constants import MIN_RATINGS_SHOWN, TRUST_LABELS, TRUST_MAX, TRUST_MIN
from clusternet.export.pdf_canvas import A4_POINTS, ASCENT, DESCENT, Anchor, PdfDocument, PdfForm, PdfPage, Weight
from clusternet.export.snapshot import TEXT_COLOR, layout_bounds
from clusternet.messages import Actor, Message, Param, message, plural_message
from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES, MARKET_TYPES
from clusternet.view import View
from clusternet.viz.map_style import map_style
from clusternet.viz.styles import MISSING_COLOR, blend, category_label

PARTNER_ROWS = 12
"""Most partners listed on a page; the rest are counted."""

PARTNER_KINDS = (("firms", FIRM_TYPES), ("support institutions", INSTITUTION_TYPES), ("market actors", MARKET_TYPES))
"""Kinds of partners whose trust is shown apart, as in ``metrics.linkages`` (by key; :data:`KIND_NAMES`
says how a page names them)."""

KIND_NAMES = {
    "firms": message("feedback.kind.firms", "firms"),
    "support institutions": message("feedback.kind.support_institutions", "support institutions"),
    "market actors": message("feedback.kind.market_actors", "market actors"),
}

NO_RATINGS = message("feedback.trust.no_ratings", "no ratings")
NOT_SHOWN_COUNTED = plural_message(
    "feedback.trust.not_shown_counted",
    "not shown ({count} rating: fewer than {minimum})",
    "not shown ({count} ratings: fewer than {minimum})",
)
TRUST_MEAN = plural_message(
    "feedback.trust.mean", "{mean:.1f} of {trust_max}  ({count} rating)", "{mean:.1f} of {trust_max}  ({count} ratings)"
)
NOT_SHOWN = message("feedback.trust.not_shown", "not shown")

FOOTER = message(
    "feedback.footer",
    "What others said is shown only as totals and averages, never who said what about whom; an average of fewer "
    "than {min_ratings} ratings is not shown. Trust: {trust_min} = {lowest} … {trust_max} = {highest}.",
)
PAGE_TITLE = message("feedback.title", "Your place in the cluster network")
ACTOR = message("feedback.actor", "{actor}")
ANSWERED = message("feedback.answered", "You answered this round.")
NOT_ANSWERED = message(
    "feedback.not_answered", "You did not answer this round: what others reported about you is still counted."
)
SUBTITLE = message(
    "feedback.subtitle",
    "{type} · survey round {round} · {respondents} of {actors} organisations answered. {answered}",
)
SUBTITLE_DATED = message(
    "feedback.subtitle.dated",
    "{type} · survey round {round} ({date}) · {respondents} of {actors} organisations answered. {answered}",
)

POSITION = message("feedback.position.title", "Your position")
PARTNERS = message("feedback.position.partners", "Partners")
TYPICAL = message("feedback.position.typical", "typical {type}: {median:.0f}")
NAMED_YOU = message("feedback.position.named_you", "Named you as a partner")
ORGANISATIONS = message("feedback.position.organisations", "organisations")
YOU_NAMED = message("feedback.position.you_named", "You named")
LINKING = message("feedback.position.linking", "Linking others")
LINKED_THROUGH_YOU = message(
    "feedback.position.linked_through_you",
    "of pairs of organisations are linked through you; rank {rank} of {actors}",
)
NOBODY_DEPENDS = message("feedback.position.nobody_depends", "no pair of organisations depends on you to be linked")
YOUR_GROUP = message("feedback.position.group", "Your group")
GROUP_MEMBERS = message("feedback.position.group_members", "organisations that work closely together, you included")
NO_TIE = message("feedback.position.no_tie", "you have no tie in this round")
MAP_NOTE = message(
    "feedback.position.map_note",
    "Grey: other organisations and their ties (no names). Colour: you and the partners you named.",
)
YOU = message("feedback.position.you", "you")

TRUST_TITLE = message("feedback.trust.title", "Trust others place in you")
AVERAGE_RATING = message("feedback.trust.average", "Average rating from the organisations that rated you")
WHOLE_CLUSTER = message("feedback.trust.whole_cluster", "Whole cluster: {mean:.1f} of {trust_max}")
NO_TRUST_RATINGS = message("feedback.trust.none_in_round", "No trust ratings in this round.")
FROM_KIND = message("feedback.trust.from_kind", "From {kind}: {value}")
OWN_RATINGS = plural_message(
    "feedback.trust.own_ratings",
    "Your own ratings of your partners: {mean:.1f} on average ({count} rating)",
    "Your own ratings of your partners: {mean:.1f} on average ({count} ratings)",
)

ROUNDS_TITLE = message("feedback.rounds.title", "Over the survey rounds")
ROUNDS_HEADERS = (
    message("feedback.rounds.header.round", "round")(),
    message("feedback.rounds.header.partners", "partners")(),
    message("feedback.rounds.header.named_you", "named you")(),
    message("feedback.rounds.header.trust", "trust in you")(),
)
ROUND_TRUST = message("feedback.rounds.trust", "{mean:.1f} ({count})")
ROUND_NOT_ANSWERED = message("feedback.rounds.not_answered", "{round} *")
NOT_ANSWERED_MARK = message("feedback.rounds.not_answered_note", "* you did not answer that round")

NAMED_TITLE = message("feedback.partners.title", "Partners you named")
NAMED_HEADERS = (
    message("feedback.partners.header.partner", "partner")(),
    message("feedback.partners.header.type", "type")(),
    message("feedback.partners.header.relations", "relations")(),
    message("feedback.partners.header.trust", "your trust")(),
)
NAMED_NOBODY = message("feedback.partners.none", "You named no partner in this round.")
DID_NOT_ANSWER = message("feedback.partners.not_answered", "You did not answer this round.")
MORE_PARTNERS = message("feedback.partners.more", "… and {count} more")
SHEETS_TITLE = message("feedback.file_title", "Feedback sheets, round {round}")

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

    def message(self) -> Message:
        """The aggregate for people: the mean and its count, or why it is not shown."""
        if self.count == 0:
            return NO_RATINGS()
        if not self.shown:
            return NOT_SHOWN_COUNTED(count=self.count, minimum=self.minimum)
        return TRUST_MEAN(mean=self.mean, trust_max=TRUST_MAX, count=self.count)


def ratings_received(analysis: Analysis, actor_id: str) -> pd.DataFrame:
    """The trust ratings others gave ``actor_id``: ``rater_type``, ``trust`` (never who gave them)."""
    reported = analysis.reported
    rows = [
        (reported.nodes[source].get("type"), float(data["trust"]))
        for source, _, data in reported.in_edges(actor_id, data=True)
        if data.get("trust") is not None
    ]
    table: pd.DataFrame = pd.DataFrame(rows, columns=["rater_type", "trust"])
    return table


def aggregate(ratings: pd.Series[float], minimum: int = MIN_RATINGS_SHOWN) -> TrustAggregate:
    """The mean of ``ratings``, shown only when there are at least ``minimum``.

    >>> str(aggregate(pd.Series([4.0, 5.0, 3.0])).message()), str(aggregate(pd.Series([2.0])).message())
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

PAGE_WIDTH, PAGE_HEIGHT = A4_POINTS
MAP_BOX = (0.04, 0.53, 0.5, 0.315)
"""Where the position map is drawn: left, bottom, width, height in fractions of the page."""


@dataclass(frozen=True)
class _Cluster:
    """What every page of one file shares, worked out once for the file rather than once per page:
    the actors table, ranks, medians, the map's points, colours and background, each round's table,
    the footer."""

    view: View
    document: PdfDocument

    @cached_property
    def actors(self) -> pd.DataFrame:
        return self.view.analysis.actors.set_index("actor_id")

    @cached_property
    def betweenness_rank(self) -> pd.Series[float]:
        return self.actors["betweenness"].rank(ascending=False, method="min")

    @cached_property
    def median_degree(self) -> dict[object, float]:
        return {kind: float(degrees.median()) for kind, degrees in self.actors.groupby("type")["degree"]}

    @cached_property
    def community_sizes(self) -> dict[object, int]:
        return {community: int(size) for community, size in self.actors["community"].value_counts().items()}

    @cached_property
    def colors(self) -> dict[str, str]:
        """Each actor's colour on the position map (by type, as on the app's map)."""
        style = map_style(self.view, color_by="type", size_by="degree")
        by_group = {category_label(value): color for value, color in style.group_colors.items()}
        return {
            str(node): by_group.get(category_label(style.groups.get(str(node))), MISSING_COLOR)
            for node in self.view.analysis.reported
        }

    @cached_property
    def map_scale(self) -> float:
        """Points per layout pixel: the whole layout fits the map's box, centred, at one scale."""
        left, right, top, bottom = layout_bounds(self.view.positions)
        width, height = MAP_BOX[2] * PAGE_WIDTH, MAP_BOX[3] * PAGE_HEIGHT
        return min(width / max(right - left, 1e-9), height / max(bottom - top, 1e-9))

    @cached_property
    def points(self) -> dict[str, tuple[float, float]]:
        """Each actor's place on the page (points from the bottom-left; the layout's y runs downwards)."""
        left, right, top, bottom = layout_bounds(self.view.positions)
        centre_x = (MAP_BOX[0] + MAP_BOX[2] / 2) * PAGE_WIDTH
        centre_y = (MAP_BOX[1] + MAP_BOX[3] / 2) * PAGE_HEIGHT
        middle_x, middle_y, scale = (left + right) / 2, (top + bottom) / 2, self.map_scale
        return {
            str(node): (centre_x + (x - middle_x) * scale, centre_y - (y - middle_y) * scale)
            for node, (x, y) in self.view.positions.items()
        }

    @cached_property
    def ties(self) -> list[tuple[str, str]]:
        return [(str(source), str(target)) for source, target in self.view.analysis.graph.edges()]

    @cached_property
    def backdrop(self) -> _Backdrop:
        return _Backdrop(self)

    @cached_property
    def round_actors(self) -> dict[str, pd.DataFrame]:
        """The actors table of each round shown on a page (the last six)."""
        return {
            label: self.view.round_analysis(label).actors.set_index("actor_id")
            for label in self.view.survey.round_labels[-6:]
        }

    @cached_property
    def round_date(self) -> object:
        return dict(zip(self.view.survey.rounds["round"], self.view.survey.rounds["date"])).get(
            self.view.selection.round
        )

    @cached_property
    def footer(self) -> str:
        footer = FOOTER(
            min_ratings=self.view.min_ratings,
            trust_min=TRUST_MIN,
            lowest=TRUST_LABELS[TRUST_MIN](),
            trust_max=TRUST_MAX,
            highest=TRUST_LABELS[TRUST_MAX](),
        )
        return textwrap.fill(self.view.text(footer), 120)


class _Backdrop:
    """The position map's grey background, drawn once for the file as forms that every page places.

    The actors are cut into blocks (in the layout's order) and the faint ties between other actors
    into one form per pair of blocks. A page places the dots of every actor, and every form of the
    pairs of blocks without its actor's block, and draws the ties of its own block one by one, leaving
    out each tie to or from its actor. So which forms a page places and which ties it draws itself
    depend on its actor's block only, never on who named the actor: a page whose forms were chosen by
    its actor's own ties would say, by those it leaves out, who named it. A page's resources hold only
    the forms it places, so a page taken out of the file holds no other page's ties."""

    def __init__(self, cluster: _Cluster) -> None:
        points, scale, document = cluster.points, cluster.map_scale, cluster.document
        actors = list(points)
        blocks = max(1, min(len(actors), round(2 * len(cluster.ties) ** (1 / 3))))
        per_block = math.ceil(len(actors) / blocks) if actors else 1
        self.block_of = {actor: position // per_block for position, actor in enumerate(actors)}
        self.width = max(0.4, 0.8 * scale)
        self.points = points
        by_pair: dict[tuple[int, int], list[tuple[str, str]]] = {}
        self.block_ties: dict[int, list[tuple[str, str]]] = {}
        for source, target in cluster.ties:
            ends = sorted({self.block_of[source], self.block_of[target]})
            by_pair.setdefault((ends[0], ends[-1]), []).append((source, target))
            for block in ends:
                self.block_ties.setdefault(block, []).append((source, target))
        self.forms: dict[tuple[int, int], PdfForm] = {}
        for pair, ties in by_pair.items():
            form = self.forms[pair] = document.new_form()
            form.lines(
                [(points[source], points[target]) for source, target in ties], color=_FAINT_TIE, width=self.width
            )
        self.dots = document.new_form()
        self.dots.dots(
            [points[str(node)] for node in cluster.view.analysis.reported],
            4.5 * scale,
            fill=blend(MISSING_COLOR, "#FFFFFF", 0.35),
        )

    def draw_ties(self, page: PdfPage, actor_id: str) -> None:
        """Every faint tie but those to or from ``actor_id``."""
        block = self.block_of[actor_id]
        for pair, form in self.forms.items():
            if block not in pair:
                page.place(form)
        own_block = [
            (self.points[source], self.points[target])
            for source, target in self.block_ties.get(block, [])
            if actor_id not in (source, target)
        ]
        page.lines(own_block, color=_FAINT_TIE, width=self.width)


def _write(
    page: PdfPage,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    color: str = TEXT_COLOR,
    bold: bool = False,
    anchor: Anchor = "baseline",
) -> None:
    """``text`` at ``(x, y)`` in fractions of the page's width and height, from its bottom-left corner."""
    weight: Weight = "bold" if bold else "normal"
    page.text(x * PAGE_WIDTH, y * PAGE_HEIGHT, text, size=size, color=color, weight=weight, anchor=anchor)


def _draw_page(page: PdfPage, cluster: _Cluster, actor_id: str) -> None:
    row = cast("pd.Series[Any]", cluster.actors.loc[actor_id])
    _header(page, cluster, actor_id, row)
    _position(page, cluster, actor_id, row)
    _trust(page, cluster.view, actor_id, row)
    _rounds(page, cluster, actor_id)
    _partners(page, cluster.view, actor_id)
    _write(page, 0.06, 0.012, cluster.footer, size=7.5, color=_MUTED, anchor="bottom")


def _header(page: PdfPage, cluster: _Cluster, actor_id: str, row: pd.Series[Any]) -> None:
    view = cluster.view
    _write(page, 0.06, 0.955, view.text(PAGE_TITLE()), size=18, bold=True)
    _write(page, 0.06, 0.93, view.text(ACTOR(actor=Actor(actor_id))), size=14, anchor="center")
    network = view.network_values
    facts: dict[str, Param] = {
        "type": category_label(row["type"]).capitalize(),
        "round": view.selection.round,
        "respondents": int(network["respondents"]),
        "actors": int(network["actors"]),
        "answered": ANSWERED() if row["respondent"] else NOT_ANSWERED(),
    }
    date = cluster.round_date
    subtitle = (
        SUBTITLE_DATED(**facts, date=f"{date:%B %Y}")
        if isinstance(date, pd.Timestamp) and not pd.isna(date)
        else SUBTITLE(**facts)
    )
    _write(page, 0.06, 0.905, textwrap.fill(view.text(subtitle), 110), size=9, color=_MUTED, anchor="top")


def _position(page: PdfPage, cluster: _Cluster, actor_id: str, row: pd.Series[Any]) -> None:
    view = cluster.view
    _write(page, 0.06, 0.855, view.text(POSITION()), size=13, bold=True)
    _position_map(page, cluster, actor_id)

    community_size = cluster.community_sizes.get(row["community"], 0)
    facts: list[tuple[Message, str, Message]] = [
        (
            PARTNERS(),
            f"{int(row['degree'])}",
            TYPICAL(type=category_label(row["type"]), median=cluster.median_degree.get(row["type"], math.nan)),
        ),
        (NAMED_YOU(), f"{int(row['in_degree'])}", ORGANISATIONS()),
        (YOU_NAMED(), f"{int(row['out_degree'])}", ORGANISATIONS()),
        (
            LINKING(),
            f"{row['betweenness_norm']:.1%}",
            LINKED_THROUGH_YOU(rank=int(cluster.betweenness_rank[actor_id]), actors=len(cluster.actors))
            if row["betweenness"] > 0
            else NOBODY_DEPENDS(),
        ),
        (YOUR_GROUP(), f"{community_size}", GROUP_MEMBERS() if int(row["degree"]) else NO_TIE()),
    ]
    y = 0.825
    for title, value, note in facts:
        _write(page, 0.57, y, view.text(title), size=9, color=_MUTED, anchor="top")
        _write(page, 0.57, y - 0.017, value, size=17, bold=True, anchor="top")
        _write(page, 0.70, y - 0.021, textwrap.fill(view.text(note), 34), size=8.5, anchor="top")
        y -= 0.061


def _position_map(page: PdfPage, cluster: _Cluster, actor_id: str) -> None:
    """The whole cluster without names; the actor and the partners it named in colour."""
    view = cluster.view
    reported = view.analysis.reported
    points, scale, colors = cluster.points, cluster.map_scale, cluster.colors
    named = [str(partner) for partner in reported.successors(actor_id)]
    cluster.backdrop.draw_ties(page, actor_id)
    page.lines([(points[actor_id], points[partner]) for partner in named], color=_OWN_TIE, width=max(0.8, 2 * scale))
    page.place(cluster.backdrop.dots)  # every actor grey; the actor and its partners are drawn over it
    page.dots(
        [points[node] for node in named],
        8 * scale,
        fill=[colors[node] for node in named],
        edge=[blend(colors[node], "#000000", 0.35) for node in named],
        edge_width=0.6,
    )
    if len(named) <= 12:
        for node in named:
            x, y = points[node]
            page.text(x, y - 16 * scale, view.label(node), size=6, color=TEXT_COLOR, anchor="top", align="center")
    x, y = points[actor_id]
    page.dots([(x, y)], 14 * scale, fill=colors[actor_id], edge="#000000", edge_width=1.6)
    you = view.text(YOU())
    size, pad, bottom = 10, 1.0, y + 30 * scale
    width = page.text_width(you, size=size, weight="bold")
    page.box(x - width / 2 - pad, bottom - pad, width + 2 * pad, (ASCENT + DESCENT) * size + 2 * pad, fill="#FFFFFF")
    page.text(x, bottom, you, size=size, color=TEXT_COLOR, weight="bold", anchor="bottom", align="center")
    _write(page, MAP_BOX[0], MAP_BOX[1], view.text(MAP_NOTE()), size=7, color=_MUTED, anchor="top")


def _trust(page: PdfPage, view: View, actor_id: str, row: pd.Series[Any]) -> None:
    _write(page, 0.06, 0.475, view.text(TRUST_TITLE()), size=13, bold=True)
    ratings = ratings_received(view.analysis, actor_id)
    overall = aggregate(ratings["trust"], view.min_ratings)
    _write(page, 0.06, 0.45, view.text(AVERAGE_RATING()), size=9, color=_MUTED, anchor="top")
    _write(page, 0.06, 0.43, view.text(overall.message()), size=15 if overall.shown else 10, bold=True, anchor="top")
    cluster = float(view.network_values.get("mean_trust", math.nan))
    lines = [NO_TRUST_RATINGS() if math.isnan(cluster) else WHOLE_CLUSTER(mean=cluster, trust_max=TRUST_MAX)]
    if overall.shown:
        # every kind is listed, hidden ones without their count: a count of 1 from the only firm
        # the actor named would say that this firm rated it
        for name, value in trust_by_kind(ratings, view.min_ratings).items():
            lines.append(FROM_KIND(kind=KIND_NAMES[name](), value=value.message() if value.shown else NOT_SHOWN()))
    if row["trust_given_n"]:
        lines.append(OWN_RATINGS(mean=float(row["trust_given"]), count=int(row["trust_given_n"])))
    y = 0.395
    for line in view.texts(lines):
        _write(page, 0.06, y, line, size=9, anchor="top")
        y -= 0.018


def _rounds(page: PdfPage, cluster: _Cluster, actor_id: str) -> None:
    view = cluster.view
    _write(page, 0.57, 0.475, view.text(ROUNDS_TITLE()), size=13, bold=True)
    columns = (0.57, 0.685, 0.77, 0.86)
    for x, header in zip(columns, view.texts(ROUNDS_HEADERS)):
        _write(page, x, 0.437, header, size=8.5, color=_MUTED)
    shown = list(cluster.round_actors)
    cells = []
    missed = False
    for label, actors in cluster.round_actors.items():
        row = cast("pd.Series[Any]", actors.loc[actor_id])
        trust = aggregate(ratings_received(view.round_analysis(label), actor_id)["trust"], view.min_ratings)
        if trust.shown:
            trust_text = view.text(ROUND_TRUST(mean=trust.mean, count=trust.count))
        else:
            trust_text = view.text(NOT_SHOWN()) if trust.count else "–"
        missed = missed or not row["respondent"]
        round_text = label if row["respondent"] else view.text(ROUND_NOT_ANSWERED(round=label))
        cells.append(
            (
                textwrap.shorten(round_text, 18, placeholder="…"),
                f"{int(row['degree'])}",
                f"{int(row['in_degree'])}",
                trust_text,
            )
        )
    current = shown.index(view.selection.round) if view.selection.round in shown else None
    _text_table(page, columns, 0.43, cells, size=9, row_height=0.02, bold_row=current)
    if missed:
        _write(
            page,
            0.57,
            0.43 - 0.02 * len(shown) - 0.004,
            view.text(NOT_ANSWERED_MARK()),
            size=7.5,
            color=_MUTED,
            anchor="top",
        )


def _text_table(
    page: PdfPage,
    columns: tuple[float, ...],
    top: float,
    rows: Sequence[tuple[str, ...]],
    *,
    size: float,
    row_height: float,
    bold_row: int | None = None,
) -> None:
    """Rows of text in columns, each cell placed on its own so that rows line up whatever letters they hold."""
    for number, row in enumerate(rows):
        for x, value in zip(columns, row):
            _write(page, x, top - (number + 0.75) * row_height, value, size=size, bold=number == bold_row)


def _partners(page: PdfPage, view: View, actor_id: str) -> None:
    reported = view.analysis.reported
    _write(page, 0.06, 0.275, view.text(NAMED_TITLE()), size=13, bold=True)
    named: list[tuple[str, str, str, float | None]] = []
    for partner in reported.successors(actor_id):
        data = reported.edges[actor_id, partner]
        named.append(
            (
                view.label(partner),
                category_label(reported.nodes[partner].get("type")),
                ", ".join(map(str, data.get("relations") or ())),
                data.get("trust"),
            )
        )
    if not named:
        nobody = NAMED_NOBODY() if reported.nodes[actor_id].get("respondent") else DID_NOT_ANSWER()
        _write(page, 0.06, 0.25, view.text(nobody), size=9, anchor="top")
        return
    named.sort(key=lambda item: (-(item[3] or 0), item[0].casefold()))
    columns = (0.06, 0.42, 0.56, 0.85)
    for x, header in zip(columns, view.texts(NAMED_HEADERS)):
        _write(page, x, 0.24, header, size=8.5, color=_MUTED)
    rows = [
        (
            textwrap.shorten(label, 44, placeholder="…"),
            kind,
            textwrap.shorten(relations, 44, placeholder="…"),
            "–" if trust is None else f"{trust:.0f}" if float(trust).is_integer() else f"{trust:.1f}",
        )
        for label, kind, relations, trust in named[:PARTNER_ROWS]
    ]
    _text_table(page, columns, 0.232, rows, size=8.5, row_height=0.0145)
    if len(named) > PARTNER_ROWS:
        more = view.text(MORE_PARTNERS(count=len(named) - PARTNER_ROWS))
        _write(page, 0.06, 0.232 - 0.0145 * (len(rows) + 0.75), more, size=8.5, color=_MUTED)


# --- the file --------------------------------------------------------------------------------


def feedback_sheets(view: View, actors: Iterable[str] | None = None) -> bytes:
    """A PDF with one feedback page per actor (default: every actor, in the survey's order).

    Raises ``KeyError`` for an actor id the survey does not have.
    """
    chosen = list(view.survey.actors["actor_id"]) if actors is None else list(actors)
    known = set(view.analysis.actors["actor_id"])
    unknown = [actor for actor in chosen if actor not in known]
    if unknown:
        raise KeyError(f"there is no actor {', '.join(map(repr, unknown))} in the survey")
    document = PdfDocument(A4_POINTS)
    cluster = _Cluster(view, document)
    for actor in chosen:
        _draw_page(document.new_page(), cluster, actor)
    return document.to_bytes(title=view.text(SHEETS_TITLE(round=view.selection.round)))
