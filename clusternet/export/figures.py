"""Turning a matplotlib figure into PNG, SVG or PDF bytes: fonts, text as text, no personal metadata.

Figures are built on ``matplotlib.figure.Figure`` with the Agg canvas, never through pyplot, so no
window or global figure list is involved. matplotlib's settings are process-wide and it is not
thread-safe (the app serves several people from threads), so building and saving a figure happen
under one lock with the settings of ``RENDER_SETTINGS`` applied only for that time.

- Survey text is never read as mathematics (``text.parse_math`` off): a name with ``$`` signs
  is drawn as written, and an unbalanced one cannot break the export.
- SVG keeps text as text (``svg.fonttype: none``), so a slide editor can change it; PDF embeds
  TrueType fonts (``pdf.fonttype: 42``), so the text can be searched, copied and read aloud.
- The metadata matplotlib writes by default (creator, dates, software) is replaced: only a
  title that the caller gives (with codes when anonymised) and "clusternet" as creator remain.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.text import Text

from clusternet.sanitize.picture import drawn_text

if TYPE_CHECKING:  # matplotlib.typing is 3.8 and later; only the type checker needs it
    from matplotlib.typing import RcKeyType

IMAGE_FORMATS = ("png", "svg", "pdf")

PNG_DPI = 150
"""Pixels per inch of PNG snapshots: a 12-inch map is 1800 pixels wide, sharp on a projector."""

PREFERRED_FONTS = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans Devanagari",
    "Noto Sans Oriya",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans Telugu",
    "Noto Sans Thai",
    "Noto Sans Ethiopic",
    "Noto Sans Arabic",
    "Liberation Sans",
)
"""Fonts tried in turn for each character (those installed); DejaVu Sans ships with matplotlib and
covers Latin (with diacritics), Greek and Cyrillic."""

CREATOR = "clusternet"

_LOCK = threading.Lock()


def _font_families() -> list[str]:
    installed = {font.name for font in fontManager.ttflist}
    return [name for name in PREFERRED_FONTS if name in installed] + ["sans-serif"]


def render_settings() -> dict[RcKeyType, Any]:
    """The matplotlib settings every export figure is built and saved with."""
    return {
        "text.parse_math": False,
        "text.usetex": False,
        "font.family": _font_families(),
        "svg.fonttype": "none",
        "svg.hashsalt": CREATOR,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "axes.unicode_minus": False,
    }


def _metadata(fmt: str, title: str) -> dict[str, str | None]:
    if fmt == "png":
        return {"Software": None, "Title": title or None}
    if fmt == "svg":
        return {"Creator": CREATOR, "Date": None, "Title": title or None, "Format": None, "Type": None}
    return {
        "Creator": CREATOR,
        "Producer": CREATOR,
        "Author": None,
        "CreationDate": None,
        "ModDate": None,
        "Title": title or None,
    }


def new_figure(width_in: float, height_in: float) -> Figure:
    """A figure with the Agg canvas attached (call inside :func:`figure_bytes`'s builder)."""
    figure = Figure(figsize=(width_in, height_in), facecolor="white")
    FigureCanvasAgg(figure)
    return figure


def _drawable(figure: Figure) -> Figure:
    """``figure`` with every text it draws made safe for every picture format (:func:`drawn_text`)."""
    for artist in figure.findobj(Text):
        artist.set_text(drawn_text(artist.get_text()))
    return figure


def figure_bytes(build: Callable[[], Figure], fmt: str, *, title: str = "", dpi: int = PNG_DPI) -> bytes:
    """The figure that ``build()`` returns, saved as ``fmt`` (png, svg or pdf) with clean metadata.

    ``title`` goes into the file's metadata: give the anonymised title for an anonymised export.
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f'there is no image format "{fmt}"; the formats are {", ".join(IMAGE_FORMATS)}')
    with _LOCK, matplotlib.rc_context(render_settings()):
        figure = _drawable(build())
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=_metadata(fmt, title), facecolor="white")
    return buffer.getvalue()


def pdf_pages(builds: list[Callable[[], Figure]], *, title: str = "") -> bytes:
    """One PDF with a page per figure (each ``build()`` makes one), metadata as :func:`figure_bytes`."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with (
        _LOCK,
        matplotlib.rc_context(render_settings()),
        PdfPages(buffer, metadata=_metadata("pdf", title)) as pages,
    ):
        for build in builds:
            pages.savefig(_drawable(build()))
    return buffer.getvalue()
