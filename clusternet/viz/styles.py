"""Colours, sizes and legend entries of the network map, readable by colour-blind viewers.

Node colours come from Okabe & Ito's palette (safe for the common colour-vision deficiencies),
extended by Paul Tol's "muted" palette when there are more categories; a missing category is white
(a hollow dot). A numeric attribute is a gradient (``gradient_color``, viridis: dark purple to
yellow, lightness rising all the way, so it reads in grey and to colour-blind eyes) with its scale
in the legend. Ties never take a node colour, so a line is never read as a group: trust runs
from light to dark warm grey (no trust to full trust), unrated ties are light neutral grey, and
every node colour lies at least ``MIN_NODE_TIE_DISTANCE`` apart (CIE76) from every tie colour. An
anonymised map draws every tie in one neutral colour (``NEUTRAL_TIE_COLOR``): a tie's trust colour
is one actor's rating of another, which codes must not reveal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from clusternet.constants import TRUST_LABELS, TRUST_MAX, TRUST_MIN
from clusternet.messages import ENGLISH, Message, message
from clusternet.survey.vocabulary import UNKNOWN_TYPE

Key = TypeVar("Key", bound=Hashable)

Render = Callable[[Message], str]
"""How a drawing writes a message: a view's ``text`` (names or codes, the audience's language).
Functions that draw without a view take one and default to English (``ENGLISH.render``)."""

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
"""Okabe & Ito (2008) without black, which would hide the labels and borders."""

TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
"""Paul Tol's muted scheme (2021), for the 8th to 16th category."""

CATEGORY_PALETTE = OKABE_ITO + TOL_MUTED
"""Colours given to categories in order; beyond 16 categories colours repeat (group them instead)."""

MISSING_COLOR = "#BBBBBB"
"""Grey for anything not measured (the legend's size dot, actors outside a feedback sheet's focus)."""

UNKNOWN_COLOR = "#FFFFFF"
"""A missing or "unknown" category: a white, hollow-looking dot (its border is drawn darker); not
grey, which is a tie colour."""

UNKNOWN_CATEGORY = UNKNOWN_TYPE
"""The category label shown for a missing value."""

TRUST_COLORS = {1: "#BCAE9E", 2: "#9A8B7B", 3: "#76675A", 4: "#52463B", 5: "#2F2620"}
"""Edge colour at each trust rating, warm greys from light (no trust) to dark (full trust): the more
trust, the more a tie stands out, and no tie shares a hue with a node. In between, colours are
interpolated, so a mean of 3.5 lies between 3 and 4. The slight warm tint keeps them apart from the
neutral greys of text and of anonymised ties."""

UNRATED_COLOR = "#C6C6C6"
"""Edge colour for ties whose trust was not asked: a light neutral grey."""

NEUTRAL_TIE_COLOR = "#7A7A7A"
"""Edge colour of every tie of a map that does not show trust (an anonymised one): a mid grey, darker
than ``UNRATED_COLOR`` and unlike any colour of the trust scale."""

GRADIENT = ("#440154", "#3B528B", "#21918C", "#5EC962", "#FDE725")
"""Anchors of the sequential scale of a numeric attribute (viridis, van der Walt & Smith 2015),
from its lowest value to its highest; in between, colours are interpolated."""

GRADIENT_STOPS = 5
"""Values the legend shows on a gradient's scale (lowest, highest and evenly in between)."""

MIN_NODE_TIE_DISTANCE = 20.0
"""Fewest CIE76 units (Delta E) between any node colour and any tie colour: clearly different hues
or lightness, so that a line is never taken for a group."""

EDGE_WIDTH_PX = (1.0, 6.0)
"""Thinnest and thickest tie: weight 1 draws 1 px, each further unit of weight adds half a pixel."""

LEGEND_GROUPS = message("map.legend.groups", "Groups")
LEGEND_NODE_SIZE = message("map.legend.node_size", "Node size")
LEGEND_TRUST = message("map.legend.trust", "Trust")
LEGEND_TRUST_LEVEL = message("map.legend.trust_level", "{rating} {meaning}")
LEGEND_NOT_RATED = message("map.legend.not_rated", "not rated")
LEGEND_TIES = message("map.legend.ties", "Ties")
LEGEND_DASHED = message("map.legend.dashed", "dashed: not confirmed by the partner (unconfirmed or unconfirmable)")
LEGEND_ARROW = message("map.legend.arrow", "arrow: from the actor who reported the tie")
LEGEND_NOT_BY_TRUST = message(
    "map.legend.ties.not_by_trust", "Ties are not coloured by trust in an anonymised map: single ratings would show"
)


def is_missing(value: object) -> bool:
    """Whether a category value is missing: None, NaN, pandas NA, blank text or "unknown"."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().casefold() in ("", UNKNOWN_CATEGORY)


def category_label(value: object) -> str:
    """The text shown for a category value: "unknown" when missing, else the value as text."""
    if is_missing(value):
        return UNKNOWN_CATEGORY
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _category_order(value: Hashable) -> tuple[int, float, str]:
    """Numbers first in numeric order, then text in case-insensitive alphabetical order."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value).casefold())


def category_colors(values: Iterable[Key]) -> dict[Key, str]:
    """A colour for every distinct value, the same whatever order or repetition they come in.

    Values are sorted (numbers numerically, then text alphabetically) and take the palette's
    colours in turn, so the same set of categories always gets the same colours: pass all the
    survey's categories, not only those of a filtered view, to keep colours stable across views.
    Missing values (None, NaN, blank, "unknown") are white (``UNKNOWN_COLOR``). With more than 16
    categories the colours repeat.

    >>> category_colors(["firm", "bank", None, "firm"])
    {'bank': '#E69F00', 'firm': '#56B4E9', None: '#FFFFFF'}
    """
    distinct = list(dict.fromkeys(values))
    present = sorted((value for value in distinct if not is_missing(value)), key=_category_order)
    colors = {value: CATEGORY_PALETTE[index % len(CATEGORY_PALETTE)] for index, value in enumerate(present)}
    colors.update({value: UNKNOWN_COLOR for value in distinct if is_missing(value)})
    return colors


def gradient_color(value: object, low: float, high: float) -> str:
    """The colour of a numeric value on the scale from ``low`` to ``high`` (``GRADIENT``, clamped);
    ``UNKNOWN_COLOR`` when the value is missing, the middle colour when ``low == high``.

    >>> gradient_color(0, 0, 10), gradient_color(10, 0, 10), gradient_color(None, 0, 10)
    ('#440154', '#FDE725', '#FFFFFF')
    """
    number = as_number(value)
    if number is None:
        return UNKNOWN_COLOR
    share = 0.5 if high <= low else min(max((number - low) / (high - low), 0.0), 1.0)
    position = share * (len(GRADIENT) - 1)
    lower = min(int(position), len(GRADIENT) - 2)
    return blend(GRADIENT[lower], GRADIENT[lower + 1], position - lower)


def gradient_colors(values: Iterable[object]) -> tuple[dict[object, str], tuple[float, float] | None]:
    """A gradient colour for every distinct value (missing ones white), and the scale's ``(low, high)``
    (None when no value is a number).

    >>> gradient_colors([1, 3, None])
    ({1: '#440154', 3: '#FDE725', None: '#FFFFFF'}, (1.0, 3.0))
    """
    distinct = list(dict.fromkeys(values))
    numbers = [number for number in map(as_number, distinct) if number is not None]
    if not numbers:
        return dict.fromkeys(distinct, UNKNOWN_COLOR), None
    low, high = min(numbers), max(numbers)
    return {value: gradient_color(value, low, high) for value in distinct}, (low, high)


def gradient_legend(title: str, low: float, high: float) -> list[LegendItem]:
    """The legend of a gradient: ``GRADIENT_STOPS`` dots from ``low`` to ``high``, each with its value.

    >>> [item.label for item in gradient_legend("looms", 0, 8)]
    ['0', '2', '4', '6', '8']
    """
    stops = [low + (high - low) * step / (GRADIENT_STOPS - 1) for step in range(GRADIENT_STOPS)]
    if high <= low:
        stops = [low]
    return [LegendItem(title, f"{stop:.3g}", gradient_color(stop, low, high), "dot") for stop in stops]


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{round(channel):02X}" for channel in rgb)


def blend(color: str, other: str, share: float) -> str:
    """``color`` mixed with ``share`` (0..1) of ``other``, both ``#RRGGBB``."""
    return _hex(a + (b - a) * share for a, b in zip(_rgb(color), _rgb(other)))


def trust_color(trust: object) -> str:
    """The edge colour of a mean trust rating (clamped to the scale); light grey when unrated.

    >>> trust_color(1), trust_color(5), trust_color(None)
    ('#BCAE9E', '#2F2620', '#C6C6C6')
    """
    number = as_number(trust)
    if number is None:
        return UNRATED_COLOR
    rating = min(max(number, TRUST_MIN), TRUST_MAX)
    lower = min(math.floor(rating), TRUST_MAX - 1)
    return blend(TRUST_COLORS[lower], TRUST_COLORS[lower + 1], rating - lower)


def tie_color(tie: Mapping[str, object], *, tie_trust: bool = True) -> str:
    """A tie's colour on a map (``tie``: its attributes): its trust colour, or ``NEUTRAL_TIE_COLOR``
    on a map that does not show trust (``tie_trust`` False: an anonymised one).

    >>> tie_color({"trust": 1}), tie_color({"trust": 1}, tie_trust=False)
    ('#BCAE9E', '#7A7A7A')
    """
    return trust_color(tie.get("trust")) if tie_trust else NEUTRAL_TIE_COLOR


def edge_width(weight: object) -> float:
    """Tie width in pixels from its weight, bounded so that heavy ties do not hide the others.

    >>> edge_width(1), edge_width(5), edge_width(40), edge_width(None)
    (1.0, 3.0, 6.0, 1.0)
    """
    thinnest, thickest = EDGE_WIDTH_PX
    number = as_number(weight)
    if number is None:
        return thinnest
    return min(max(thinnest + (number - 1) / 2, thinnest), thickest)


def node_sizes(values: Mapping[Key, object], min_px: float = 8.0, max_px: float = 30.0) -> dict[Key, float]:
    """Node radii in pixels for any numeric measure (a dict or a pandas Series by actor).

    The smallest value gets ``min_px`` and the largest ``max_px``; in between the node *area*
    grows linearly with the value, since readers judge a dot by its area. Missing values (None,
    NaN) get ``min_px``; when all values are equal every node gets the midpoint.

    >>> node_sizes({"a": 0, "b": 1, "c": None}, 10, 20)
    {'a': 10.0, 'b': 20.0, 'c': 10.0}
    """
    numbers = {key: as_number(value) for key, value in values.items()}
    finite = [number for number in numbers.values() if number is not None]
    if not finite:
        return {key: float(min_px) for key in numbers}
    low, high = min(finite), max(finite)
    sizes: dict[Key, float] = {}
    for key, number in numbers.items():
        if number is None:
            sizes[key] = float(min_px)
        elif high == low:
            sizes[key] = (min_px + max_px) / 2
        else:
            share = (number - low) / (high - low)
            sizes[key] = math.sqrt(min_px**2 + share * (max_px**2 - min_px**2))
    return sizes


def as_number(value: object) -> float | None:
    """A measure or tie attribute as a plain float (numpy and pandas scalars too); None when it is
    missing, not finite or not a number.

    >>> as_number(3), as_number(float("nan")), as_number(None), as_number("3")
    (3.0, None, None, None)
    """
    if not hasattr(type(value), "__float__"):  # what isinstance(value, SupportsFloat) asks, ten times faster
        return None
    try:
        number = float(value)  # type: ignore[arg-type]  # it has __float__
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@dataclass(frozen=True)
class LegendItem:
    """One line of the map's legend: under ``section``, a ``mark`` drawn in ``color``, then ``label``.

    ``mark`` is ``dot`` (a node colour), ``line`` (a tie colour), ``dashed`` or ``arrow``. ``group``:
    the group a click on the entry hides or shows on an interactive map (its label; "" for none).
    """

    section: str
    label: str
    color: str
    mark: str
    group: str = ""


def legend_items(
    group_colors: Mapping[str, str],
    *,
    group_title: str = "",
    directed: bool = False,
    size_title: str = "",
    tie_colors: tuple[str, Mapping[str, str]] | None = None,
    tie_dashes: tuple[str, Collection[str]] | None = None,
    tie_trust: bool = True,
    color_scale: tuple[float, float] | None = None,
    text: Render = ENGLISH.render,
) -> list[LegendItem]:
    """The legend of a map: the node colour of each group, the trust scale and the line styles.

    ``group_colors`` maps the group labels shown on the map to their colours, in legend order (each
    entry toggles its group on an interactive map); ``color_scale`` (low, high) shows a gradient's
    scale instead (``gradient_legend``). ``group_title`` and ``size_title`` are shown as given; the
    rest is written by ``text``.
    ``tie_colors`` (attribute, colour by value) replaces the trust scale by the values of that tie
    attribute, listed as they are under the attribute's name. ``tie_trust`` False (an anonymised
    map, whose ties are all ``NEUTRAL_TIE_COLOR``) replaces the trust scale by a line saying why
    ties are not coloured by trust. ``tie_dashes`` (attribute, values) marks those values of
    ``tie_colors`` dashed, in place of the line on ties the partner has not confirmed.
    """
    groups = group_title or text(LEGEND_GROUPS())
    if color_scale is not None:
        items = gradient_legend(groups, *color_scale)
    else:
        items = [LegendItem(groups, label, color, "dot", group=label) for label, color in group_colors.items()]
    if size_title:
        items.append(LegendItem(text(LEGEND_NODE_SIZE()), size_title, MISSING_COLOR, "dot"))
    ties = text(LEGEND_TIES())
    if tie_colors is None and not tie_trust:
        items.append(LegendItem(ties, text(LEGEND_NOT_BY_TRUST()), NEUTRAL_TIE_COLOR, "line"))
    elif tie_colors is None:
        trust = text(LEGEND_TRUST())
        items += [
            LegendItem(
                trust,
                text(LEGEND_TRUST_LEVEL(rating=rating, meaning=TRUST_LABELS[rating]())),
                TRUST_COLORS[rating],
                "line",
            )
            for rating in range(TRUST_MIN, TRUST_MAX + 1)
        ]
        items.append(LegendItem(trust, text(LEGEND_NOT_RATED()), UNRATED_COLOR, "line"))
    else:
        attribute, colors = tie_colors
        dashed = set(tie_dashes[1]) if tie_dashes is not None else set()
        items += [
            LegendItem(attribute.capitalize(), str(value), color, "dashed" if str(value) in dashed else "line")
            for value, color in colors.items()
        ]
    if tie_dashes is None:
        items.append(LegendItem(ties, text(LEGEND_DASHED()), "#555555", "dashed"))
    if directed:
        items.append(LegendItem(ties, text(LEGEND_ARROW()), "#555555", "arrow"))
    return items
