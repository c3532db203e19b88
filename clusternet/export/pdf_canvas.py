"""PDF pages drawn directly: text in embedded TrueType subsets, lines, dots and boxes.

The feedback sheets are many pages of mostly text. matplotlib lays every text out twice through
FreeType and writes it glyph by glyph, about 90 ms a page, so the 66 pages of the sample took
10 s; written here, a page is a few milliseconds of string formatting (``docs/performance.md``).

What a page keeps from matplotlib's PDFs:

- the **same fonts**, in the same order (``figures.render_settings``: DejaVu Sans first, then the
  Noto faces and Liberation Sans that are installed); each character is drawn in the first face
  that has it, as matplotlib falls back from font to font;
- **text as text**: fonts are embedded as TrueType subsets (Type 0 fonts with ``Identity-H``
  glyph codes) with a ``ToUnicode`` map, so the text is searched, copied and read aloud;
- **drawn-text sanitising**: every text goes through :func:`~clusternet.sanitize.picture.drawn_text`
  before it is measured or written, as every text of a figure does (``figures._drawable``);
- **no personal metadata**: the file's information holds the title the caller gives, and
  "clusternet" as creator and producer; no dates, so the same pages give the same bytes.

A drawing that many pages share (the feedback map's grey background) is a :class:`PdfForm`: the file
holds it once and each page places it. A page's resources name only the forms it places, so a page
taken out of the file by any PDF tool carries no other page's drawing.

What it does not do: shaping. Letters are placed one after another with the font's advances,
without kerning, ligatures or the reordering and conjuncts that Odia, Devanagari or Arabic need
(matplotlib 3.11 shapes through libraqm); a name in such a script shows its letters in order.

Coordinates are PDF points from the bottom-left corner of the page; colours are ``#RRGGBB``.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from fontTools import subset  # type: ignore[import-untyped]  # fontTools ships no type hints
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from matplotlib.font_manager import FontProperties, fontManager

from clusternet.export.figures import CREATOR, render_settings
from clusternet.sanitize.picture import drawn_text

A4_POINTS = (595.28, 841.89)
"""An A4 page (210 × 297 mm) in PDF points."""

ASCENT = 0.76
"""Height above the baseline of the tallest lower-case letters (DejaVu Sans' "l"), in ems: where
``anchor="top"`` puts the top of a line, as matplotlib's ``va="top"`` does."""

DESCENT = 0.21
"""Depth below the baseline of a descender (DejaVu Sans' "p"), in ems."""

LINE_STEP = 1.2
"""Baseline-to-baseline distance of the lines of one text, in ems (as matplotlib spaces DejaVu Sans)."""

_CIRCLE = 0.5523
"""Control-point distance of the four Bézier curves that draw a circle of radius 1."""

Anchor = Literal["baseline", "top", "center", "bottom"]
Align = Literal["left", "center"]
Weight = Literal["normal", "bold"]


@dataclass(frozen=True)
class Face:
    """A font file's metrics, read once per process (no glyph outlines: those are read to subset)."""

    path: str
    postscript_name: str
    glyph_ids: dict[int, int]
    """Code point to glyph id."""
    advances: tuple[int, ...]
    """Advance width of each glyph id, in font units."""
    units_per_em: int
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]

    def width(self, glyph: int) -> float:
        """The advance of ``glyph`` in thousandths of an em (PDF glyph space)."""
        return self.advances[glyph] * 1000 / self.units_per_em


@functools.lru_cache(maxsize=32)
def _face(path: str) -> Face:
    font = TTFont(path, lazy=True, fontNumber=0)
    order = font.getGlyphOrder()
    glyph_id = {name: number for number, name in enumerate(order)}
    metrics = font["hmtx"].metrics
    head, hhea = font["head"], font["hhea"]
    os2 = font.get("OS/2")
    name = font["name"].getDebugName(6) or path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return Face(
        path=path,
        postscript_name="".join(character for character in name if character.isalnum() or character in "-_"),
        glyph_ids={code: glyph_id[glyph] for code, glyph in font.getBestCmap().items()},
        advances=tuple(metrics[glyph][0] for glyph in order),
        units_per_em=int(head.unitsPerEm),
        ascent=int(hhea.ascent),
        descent=int(hhea.descent),
        cap_height=int(getattr(os2, "sCapHeight", 0) or hhea.ascent),
        bbox=(int(head.xMin), int(head.yMin), int(head.xMax), int(head.yMax)),
    )


@functools.lru_cache(maxsize=4)
def faces(weight: Weight) -> tuple[Face, ...]:
    """The faces a text of ``weight`` is drawn with, in the order a character looks for its glyph."""
    paths: list[str] = []
    for family in render_settings()["font.family"]:
        try:
            path = fontManager.findfont(FontProperties(family=[family], weight=weight), fallback_to_default=False)
        except ValueError:
            continue
        if str(path) not in paths:
            paths.append(str(path))
    return tuple(_face(path) for path in paths)


@dataclass
class _UsedFace:
    """A face as one document uses it: its PDF name and the glyphs drawn, with the text each shows."""

    face: Face
    name: str
    characters: dict[int, str] = field(default_factory=dict)
    """Glyph id to the character it shows (for the ``ToUnicode`` map)."""


class PdfDocument:
    """Pages of one PDF file: ``new_page()`` to draw on, ``new_form()`` for a drawing that many pages
    place, then ``to_bytes(title=...)``."""

    def __init__(self, page_size: tuple[float, float] = A4_POINTS) -> None:
        self.page_size = page_size
        self.pages: list[PdfPage] = []
        self.forms: list[PdfForm] = []
        self._used: dict[str, _UsedFace] = {}
        self._glyphs: dict[tuple[Weight, str], tuple[_UsedFace, int]] = {}

    def new_page(self) -> PdfPage:
        page = PdfPage(self)
        self.pages.append(page)
        return page

    def new_form(self) -> PdfForm:
        """A drawing (in the page's coordinates) that the file holds once, however many pages place it."""
        form = PdfForm(self, f"X{len(self.forms) + 1}")
        self.forms.append(form)
        return form

    def glyph_runs(self, text: str, weight: Weight) -> list[tuple[_UsedFace, list[int]]]:
        """``text`` as runs of glyph ids, each in the first face that has its characters (a character no
        face has is the first face's missing-glyph box)."""
        runs: list[tuple[_UsedFace, list[int]]] = []
        for character in text:
            found = self._glyphs.get((weight, character))
            if found is None:
                found = self._glyphs[weight, character] = self._find(character, weight)
            used, glyph = found
            if runs and runs[-1][0] is used:
                runs[-1][1].append(glyph)
            else:
                runs.append((used, [glyph]))
        return runs

    def _find(self, character: str, weight: Weight) -> tuple[_UsedFace, int]:
        tried = faces(weight)
        face = next((face for face in tried if ord(character) in face.glyph_ids), tried[0])
        used = self._used.get(face.path)
        if used is None:
            used = self._used[face.path] = _UsedFace(face, f"F{len(self._used) + 1}")
        glyph = face.glyph_ids.get(ord(character), 0)
        if glyph:
            used.characters.setdefault(glyph, character)
        return used, glyph

    def to_bytes(self, *, title: str = "") -> bytes:
        """The document as a PDF file whose information holds ``title`` and "clusternet" only.

        Each page's resources name only the forms it places, so that a page taken out of the file
        (any PDF tool keeps a page's resources with it) holds no other page's drawing."""
        writer = _Writer()
        catalog, pages_id, fonts_id = writer.reserve(), writer.reserve(), writer.reserve()
        media_box = f"[0 0 {_number(self.page_size[0])} {_number(self.page_size[1])}]"
        form_resources = writer.add(f"<< /Font {fonts_id} 0 R /ProcSet [/PDF /Text] >>")
        form_ids = {
            form.name: writer.add_stream(
                form.content(), f" /Type /XObject /Subtype /Form /BBox {media_box} /Resources {form_resources} 0 R"
            )
            for form in self.forms
        }
        page_ids = []
        for page in self.pages:
            content = writer.add_stream(page.content())
            placed = " ".join(f"/{name} {form_ids[name]} 0 R" for name in page.placed)
            resources = f"<< /Font {fonts_id} 0 R /XObject << {placed} >> /ProcSet [/PDF /Text] >>"
            page_ids.append(
                writer.add(
                    f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox {media_box} /Resources {resources} "
                    f"/Contents {content} 0 R >>"
                )
            )
        fonts = " ".join(f"/{used.name} {_embed_font(writer, used)} 0 R" for used in self._used.values())
        writer.set(fonts_id, f"<< {fonts} >>")
        kids = " ".join(f"{page} 0 R" for page in page_ids)
        writer.set(pages_id, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>")
        writer.set(catalog, f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
        entries = [f"/Creator {_text_string(CREATOR)}", f"/Producer {_text_string(CREATOR)}"]
        if title:
            entries.insert(0, f"/Title {_text_string(title)}")
        info = writer.add(f"<< {' '.join(entries)} >>")
        return writer.finish(catalog, info)


class _Canvas:
    """What a page or a form draws: text, lines, dots and boxes, in the order they are given."""

    def __init__(self, document: PdfDocument) -> None:
        self.document = document
        self._operators: list[str] = []

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float,
        color: str,
        weight: Weight = "normal",
        anchor: Anchor = "baseline",
        align: Align = "left",
    ) -> None:
        """``text`` (lines split at line breaks) at ``(x, y)``: ``anchor`` says which height of the text
        ``y`` is (the first line's baseline, the top, the middle or the bottom of the whole text),
        ``align`` whether ``x`` is its left or its centre."""
        lines = drawn_text(text).split("\n")
        height = ASCENT + DESCENT + LINE_STEP * (len(lines) - 1)
        first = {
            "baseline": y,
            "top": y - ASCENT * size,
            "center": y + (height / 2 - ASCENT) * size,
            "bottom": y + (height - ASCENT) * size,
        }[anchor]
        operators = [f"BT {_color(color)} rg"]
        for number, line in enumerate(lines):
            runs = self.document.glyph_runs(line, weight)
            left = x
            if align == "center":
                left -= sum(used.face.width(glyph) for used, glyphs in runs for glyph in glyphs) * size / 2000
            operators.append(f"1 0 0 1 {_number(left)} {_number(first - number * LINE_STEP * size)} Tm")
            for used, glyphs in runs:
                operators.append(f"/{used.name} {_number(size)} Tf <{''.join(f'{glyph:04X}' for glyph in glyphs)}> Tj")
        operators.append("ET")
        self._operators.append(" ".join(operators))

    def text_width(self, text: str, *, size: float, weight: Weight = "normal") -> float:
        """How wide one line of ``text`` is drawn, in points."""
        runs = self.document.glyph_runs(drawn_text(text), weight)
        return sum(used.face.width(glyph) for used, glyphs in runs for glyph in glyphs) * size / 1000

    def lines(
        self, segments: Iterable[tuple[tuple[float, float], tuple[float, float]]], *, color: str, width: float
    ) -> None:
        """Straight lines of one colour and width, each from its first point to its second."""
        path = [f"{_number(x0)} {_number(y0)} m {_number(x1)} {_number(y1)} l" for (x0, y0), (x1, y1) in segments]
        if path:
            self._operators.append(f"q {_color(color)} RG {_number(width)} w {' '.join(path)} S Q")

    def dots(
        self,
        centres: Sequence[tuple[float, float]],
        radius: float,
        *,
        fill: str | Sequence[str],
        edge: str | Sequence[str] | None = None,
        edge_width: float = 0.0,
    ) -> None:
        """Filled circles of one ``radius`` (points), each of its own colour when ``fill`` (or ``edge``)
        is a list, with an edge of ``edge_width`` when ``edge`` is given."""
        fills = [fill] * len(centres) if isinstance(fill, str) else list(fill)
        edges = [edge] * len(centres) if edge is None or isinstance(edge, str) else list(edge)
        operators = ["q", f"{_number(edge_width)} w"] if edge is not None else ["q"]
        for (x, y), fill_color, edge_color in zip(centres, fills, edges):
            operators.append(f"{_color(fill_color)} rg")
            if edge_color is not None:
                operators.append(f"{_color(edge_color)} RG")
            operators.append(_circle(x, y, radius))
            operators.append("B" if edge_color is not None else "f")
        operators.append("Q")
        self._operators.append(" ".join(operators))

    def box(self, left: float, bottom: float, width: float, height: float, *, fill: str) -> None:
        """A filled rectangle without an edge."""
        rectangle = f"{_number(left)} {_number(bottom)} {_number(width)} {_number(height)} re f"
        self._operators.append(f"q {_color(fill)} rg {rectangle} Q")

    def content(self) -> bytes:
        return "\n".join(self._operators).encode("ascii")


class PdfForm(_Canvas):
    """A drawing made once and placed on many pages (a PDF form XObject, named ``name``)."""

    def __init__(self, document: PdfDocument, name: str) -> None:
        super().__init__(document)
        self.name = name


class PdfPage(_Canvas):
    """One page of the document."""

    def __init__(self, document: PdfDocument) -> None:
        super().__init__(document)
        self.placed: list[str] = []
        """The names of the forms the page places, in its resources."""

    def place(self, form: PdfForm) -> None:
        """Draw ``form`` here, over what is drawn so far."""
        if form.name not in self.placed:
            self.placed.append(form.name)
        self._operators.append(f"/{form.name} Do")


# --- writing the file ------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.2f}"


def _color(color: str) -> str:
    return " ".join(_number(int(color[index : index + 2], 16) / 255) for index in (1, 3, 5))


def _circle(x: float, y: float, radius: float) -> str:
    k = _CIRCLE * radius
    points = [
        (x + radius, y),
        (x + radius, y + k, x + k, y + radius, x, y + radius),
        (x - k, y + radius, x - radius, y + k, x - radius, y),
        (x - radius, y - k, x - k, y - radius, x, y - radius),
        (x + k, y - radius, x + radius, y - k, x + radius, y),
    ]
    start, *curves = points
    return " ".join(
        [f"{_number(start[0])} {_number(start[1])} m"]
        + [" ".join(_number(value) for value in curve) + " c" for curve in curves]
    )


def _text_string(text: str) -> str:
    """A PDF text string (UTF-16 with a byte order mark, as hex: nothing in it needs escaping)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class _Writer:
    """Numbered objects written one after another, then the cross-reference table and trailer."""

    def __init__(self) -> None:
        self._objects: dict[int, bytes] = {}
        self._next = 1

    def reserve(self) -> int:
        number = self._next
        self._next += 1
        return number

    def set(self, number: int, body: str | bytes) -> None:
        self._objects[number] = body.encode("ascii") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        number = self.reserve()
        self.set(number, body)
        return number

    def add_stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data, 6)
        header = f"<< /Length {len(packed)} /Filter /FlateDecode{extra} >>\nstream\n".encode("ascii")
        return self.add(header + packed + b"\nendstream")

    def finish(self, root: int, info: int) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = {}
        for number in range(1, self._next):
            offsets[number] = out.tell()
            out.write(f"{number} 0 obj\n".encode("ascii") + self._objects[number] + b"\nendobj\n")
        start = out.tell()
        out.write(f"xref\n0 {self._next}\n0000000000 65535 f \n".encode("ascii"))
        for number in range(1, self._next):
            out.write(f"{offsets[number]:010d} 00000 n \n".encode("ascii"))
        out.write(f"trailer\n<< /Size {self._next} /Root {root} 0 R /Info {info} 0 R >>\n".encode("ascii"))
        out.write(f"startxref\n{start}\n%%EOF\n".encode("ascii"))
        return out.getvalue()


def _subset(face: Face, glyphs: Iterable[int]) -> tuple[bytes, dict[int, int]]:
    """The font file of ``face`` holding only ``glyphs`` (and the glyphs they are built of), and each
    original glyph id's id in it."""
    font = TTFont(face.path, lazy=True, fontNumber=0, recalcTimestamp=False)  # the file carries no date
    names = font.getGlyphOrder()
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted({0, *glyphs}))
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # it reports every table it drops
    subsetter.subset(font)
    kept = {name: number for number, name in enumerate(font.getGlyphOrder())}
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), {glyph: kept[names[glyph]] for glyph in {0, *glyphs} if names[glyph] in kept}


def _embed_font(writer: _Writer, used: _UsedFace) -> int:
    """A Type 0 font for ``used``: glyph ids of the original face as codes, mapped to the subset's."""
    face = used.face
    glyphs = sorted(used.characters)
    program, new_ids = _subset(face, glyphs)
    tag = "".join(chr(65 + byte % 26) for byte in hashlib.sha256(program).digest()[:6])
    base_name = f"{tag}+{face.postscript_name}"
    font_file = writer.add_stream(program, f" /Length1 {len(program)}")
    scale = 1000 / face.units_per_em
    left, bottom, right, top = (round(value * scale) for value in face.bbox)
    descriptor = writer.add(
        f"<< /Type /FontDescriptor /FontName /{base_name} /Flags 32 /FontBBox [{left} {bottom} {right} {top}] "
        f"/ItalicAngle 0 /Ascent {round(face.ascent * scale)} /Descent {round(face.descent * scale)} "
        f"/CapHeight {round(face.cap_height * scale)} /StemV 80 /FontFile2 {font_file} 0 R >>"
    )
    widths = " ".join(f"{glyph} [{_number(face.width(glyph))}]" for glyph in glyphs)
    highest = max(new_ids, default=0)
    cid_to_gid = bytearray(2 * (highest + 1))
    for glyph, new in new_ids.items():
        cid_to_gid[2 * glyph : 2 * glyph + 2] = new.to_bytes(2, "big")
    mapping = writer.add_stream(bytes(cid_to_gid))
    descendant = writer.add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base_name} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW {_number(face.width(0))} /W [{widths}] /CIDToGIDMap {mapping} 0 R >>"
    )
    to_unicode = writer.add_stream(_to_unicode(used.characters))
    return writer.add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{base_name} /Encoding /Identity-H "
        f"/DescendantFonts [{descendant} 0 R] /ToUnicode {to_unicode} 0 R >>"
    )


def _to_unicode(characters: dict[int, str]) -> bytes:
    """The CMap that turns the glyph codes of a text back into its characters (search, copy, speech)."""
    entries = [
        f"<{glyph:04X}> <{character.encode('utf-16-be').hex().upper()}>"
        for glyph, character in sorted(characters.items())
    ]
    blocks = [
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar"
        for chunk in (entries[start : start + 100] for start in range(0, len(entries), 100))
    ]
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CIDResource defineresource pop\nend\nend\n"
    ).encode("ascii")
