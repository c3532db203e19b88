"""The parts of an .xlsx workbook that a survey is read from, parsed safely and as a stream.

An .xlsx file is a zip archive of XML parts (Office Open XML, ECMA-376 part 1): ``xl/workbook.xml``
lists the sheets (name, whether hidden, and the relationship that leads to each sheet's part),
``xl/sharedStrings.xml`` holds the texts that cells refer to by number, and ``xl/styles.xml`` says which
cell styles show a number as a date. Every part is parsed with defusedxml, which refuses a document
type and entities, so that an entity bomb ("billion laughs") or an external entity is refused instead
of expanded or fetched; and it is fed to the parser in chunks, as a stream of events of which nothing is
kept but what a survey needs. A part that is missing, encrypted, cannot be unpacked or is not
well-formed XML raises :class:`DamagedWorkbook`, which says so; the cells of a sheet are read by
:mod:`clusternet.survey.xlsx_sheet`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol
from xml.etree.ElementTree import ParseError

import defusedxml  # type: ignore[import-untyped]  # no stubs in requirements-dev.txt (types-defusedxml would do)
import defusedxml.ElementTree as safe_xml  # type: ignore[import-untyped]

from clusternet.messages import Message, message
from clusternet.survey import limits
from clusternet.survey.problems import Refusal

CHUNK_BYTES = 2**16
"""How much of a part is unpacked and parsed at a time."""
VISIBLE = "visible"
"""The state of a sheet that is not hidden (the others are ``hidden`` and ``veryHidden``)."""

NOT_XML = message("problem.workbook.damaged.not_xml", "{part} is not well-formed XML ({error})")
XML_ENTITIES = message(
    "problem.workbook.damaged.xml_entities",
    "{part} declares a document type or XML entities, which no spreadsheet program writes; they were not expanded",
)
NOT_UNPACKED = message("problem.workbook.damaged.not_unpacked", "{part} cannot be unpacked ({error})")
ENCRYPTED = message("problem.workbook.damaged.encrypted", "{part} is encrypted")
MISSING_PART = message("problem.workbook.damaged.missing_part", "{part} is missing from the file")
SHEET_WITHOUT_PART = message(
    "problem.workbook.damaged.sheet_without_part", 'the sheet "{sheet}" leads to no part of the file'
)
NOT_A_NUMBER = message("problem.workbook.damaged.style", "a cell style or number format is not a number")


class DamagedWorkbook(Exception):
    """What is wrong with a part of a workbook, and the cell at fault when there is one (its row
    number, column letter and the text it holds); ``where`` is the sheet, once the reader knows it."""

    def __init__(
        self,
        detail: Message,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        where: str | None = None,
    ):
        self.detail = detail
        self.row = row
        self.column = column
        self.value = value
        self.where = where
        super().__init__(detail.id)


class NotAWorkbook(Exception):
    """A zip archive that holds no workbook part (a Word document, an ODK export, ...)."""


class XmlTarget(Protocol):
    """What the parser tells as it reads a part: where each element starts and ends, and its text."""

    def start(self, tag: str, attrib: dict[str, str]) -> None: ...

    def end(self, tag: str) -> None: ...

    def data(self, text: str) -> None: ...


def local_name(tag: str) -> str:
    """An element or attribute name without its namespace: ``{http://...}row`` -> ``row``."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag[tag.rfind("}") + 1 :]
        if len(_LOCAL_NAMES) < 1000:  # a part may name any number of elements: keep the usual ones
            _LOCAL_NAMES[tag] = name
    return name


_LOCAL_NAMES: dict[str, str] = {}


@dataclass(frozen=True)
class Sheet:
    """A sheet as the workbook lists it: its name, ``state`` (:data:`VISIBLE`, ``hidden`` or
    ``veryHidden``) and the part holding its cells (None for a chart sheet, which holds none)."""

    title: str
    state: str
    part: str | None


@dataclass(frozen=True)
class Workbook:
    """What reading a sheet's cells needs from the rest of the workbook."""

    archive: zipfile.ZipFile
    sheets: tuple[Sheet, ...]
    shared_strings: tuple[str, ...]
    date_styles: frozenset[int]
    """Cell styles whose number format shows a date or a time."""
    timedelta_styles: frozenset[int]
    """Cell styles whose number format shows a duration (``[h]:mm``)."""
    epoch: dt.datetime
    """Day 0 of the workbook's date serials: 1899-12-30, or 1904-01-01 for a workbook from an old Mac."""


def parse_part(archive: zipfile.ZipFile, part: str, target: XmlTarget) -> Iterator[None]:
    """Feed ``part`` to ``target`` chunk by chunk, yielding after each chunk so that the caller can take
    what the target completed (the rows of a sheet) before the next; :class:`DamagedWorkbook` if the
    part is missing, encrypted, cannot be unpacked or is not well-formed XML."""
    try:
        member = archive.getinfo(part)
    except KeyError:
        raise DamagedWorkbook(MISSING_PART(part=part)) from None
    if member.flag_bits & 0x1:
        raise DamagedWorkbook(ENCRYPTED(part=part))
    parser = safe_xml.XMLParser(target=target, forbid_dtd=True)
    with _unpacking(part):
        stream = archive.open(member)
    with stream:
        while True:
            with _unpacking(part):
                chunk = stream.read(CHUNK_BYTES)
            if not chunk:
                break
            with _parsing(part):
                parser.feed(chunk)
            yield
    with _parsing(part):
        parser.close()
    yield


@contextmanager
def _unpacking(part: str) -> Iterator[None]:
    """Turn the failures of unpacking a part into :class:`DamagedWorkbook`: a corrupt deflate stream, a
    CRC mismatch, a truncated member, an unknown compression method, a header pointing outside the file
    or a name that is not UTF-8 as its flag says."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        raise DamagedWorkbook(NOT_UNPACKED(part=part, error=str(error) or type(error).__name__)) from None


@contextmanager
def _parsing(part: str) -> Iterator[None]:
    """Turn the failures of parsing a part into :class:`DamagedWorkbook`: a document type or entities
    (refused by defusedxml before anything is expanded or fetched), XML that is not well-formed, an
    encoding that no codec knows. What the target raises (a damaged cell, a limit) goes through."""
    try:
        yield
    except defusedxml.DefusedXmlException:
        raise DamagedWorkbook(XML_ENTITIES(part=part)) from None
    except (ParseError, LookupError) as error:
        raise DamagedWorkbook(NOT_XML(part=part, error=str(error))) from None


def parse_whole_part(archive: zipfile.ZipFile, part: str, target: XmlTarget) -> None:
    """Feed all of ``part`` to ``target``, for the parts read whole before any sheet (relationships,
    workbook, shared strings, styles)."""
    for _ in parse_part(archive, part, target):
        pass


def open_workbook(archive: zipfile.ZipFile, where: str) -> Workbook:
    """The sheets, shared strings and date styles of the workbook in ``archive``.

    Raises :class:`NotAWorkbook` for an archive without a workbook part, :class:`DamagedWorkbook` for a
    part that cannot be read, and :class:`~clusternet.survey.problems.Refusal` (at ``where``) for more
    sheets or shared strings than a survey can hold.
    """
    members = {name.lower(): name for name in archive.namelist()}
    package = _Relationships()
    if "_rels/.rels" in members:
        parse_whole_part(archive, members["_rels/.rels"], package)
    workbook_part = package.target_of("/officeDocument", "") or "xl/workbook.xml"
    if workbook_part.lower() not in members:
        raise NotAWorkbook(workbook_part)
    workbook_part = members[workbook_part.lower()]
    listing = _SheetListing(where)
    parse_whole_part(archive, workbook_part, listing)
    relationships = _Relationships()
    relationships_part = _relationships_part(workbook_part)
    if relationships_part.lower() in members:
        parse_whole_part(archive, members[relationships_part.lower()], relationships)
    base = posixpath.dirname(workbook_part)
    sheets = []
    for title, state, relationship in listing.sheets:
        kind, target = relationships.by_id.get(relationship, ("", ""))
        if not target:
            raise DamagedWorkbook(SHEET_WITHOUT_PART(sheet=title))
        part = _resolved(base, target)
        sheets.append(Sheet(title, state, members.get(part.lower(), part) if kind.endswith("/worksheet") else None))
    strings_part = relationships.target_of("/sharedStrings", base)
    strings = _SharedStrings(where)
    if strings_part and strings_part.lower() in members:
        parse_whole_part(archive, members[strings_part.lower()], strings)
    styles_part = relationships.target_of("/styles", base)
    styles = _Styles()
    if styles_part and styles_part.lower() in members:
        parse_whole_part(archive, members[styles_part.lower()], styles)
    date_styles, timedelta_styles = styles.date_styles()
    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH  # here: a CSV survey never loads openpyxl

    return Workbook(
        archive,
        tuple(sheets),
        tuple(strings.texts),
        date_styles,
        timedelta_styles,
        MAC_EPOCH if listing.date1904 else WINDOWS_EPOCH,
    )


def _relationships_part(part: str) -> str:
    """The part listing the relationships of ``part``: ``xl/workbook.xml`` -> ``xl/_rels/workbook.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _resolved(base: str, target: str) -> str:
    """A relationship's target as a zip member name: absolute (``/xl/...``) or relative to ``base``."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target))


class _Relationships:
    """The relationships of a part (``Id`` -> type and target), internal targets only."""

    def __init__(self) -> None:
        self.by_id: dict[str, tuple[str, str]] = {}
        self.kinds: dict[str, str] = {}

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if local_name(tag) == "Relationship" and attrib.get("TargetMode") != "External":
            kind, target = attrib.get("Type", ""), attrib.get("Target", "")
            self.by_id[attrib.get("Id", "")] = (kind, target)
            self.kinds.setdefault(kind[kind.rfind("/") :], target)

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def target_of(self, kind: str, base: str) -> str | None:
        """The target of the first relationship of ``kind`` (``/styles``), as a zip member name."""
        target = self.kinds.get(kind)
        return None if not target else _resolved(base, target)


class _SheetListing:
    """The sheets of ``xl/workbook.xml`` (name, state, relationship id) and its date system."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.sheets: list[tuple[str, str, str]] = []
        self.date1904 = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "sheet":
            if len(self.sheets) == limits.MAX_SHEETS:
                raise Refusal(limits.too_many_sheets(self.where))
            relationship = next((value for key, value in attrib.items() if local_name(key) == "id" and "}" in key), "")
            self.sheets.append((attrib.get("name", ""), attrib.get("state", VISIBLE), relationship))
        elif name == "workbookPr":
            self.date1904 = attrib.get("date1904", "").lower() in ("1", "true")

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass


class _SharedStrings:
    """The texts of ``xl/sharedStrings.xml``, in order: each item's text, and the text of its runs of
    rich text, without the phonetic guides of East Asian text (as openpyxl reads them)."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.texts: list[str] = []
        self._parts: list[str] | None = None
        self._collecting = False
        self._phonetic = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "si":
            if len(self.texts) == limits.MAX_CELLS:
                raise Refusal(limits.too_many_cells(self.where, None))
            self._parts = []
        elif name == "rPh":
            self._phonetic += 1
        elif name == "t" and self._parts is not None and not self._phonetic:
            self._collecting = True

    def end(self, tag: str) -> None:
        name = local_name(tag)
        if name == "t":
            self._collecting = False
        elif name == "rPh":
            self._phonetic -= 1
        elif name == "si" and self._parts is not None:
            # "_x005F_" escapes an underscore that would otherwise start an escape such as "_x000D_"
            self.texts.append("".join(self._parts).replace("x005F_", ""))
            self._parts = None

    def data(self, text: str) -> None:
        if self._collecting and self._parts is not None:
            self._parts.append(text)


class _Styles:
    """The number format of every cell style (``cellXfs``) and the workbook's own number formats."""

    def __init__(self) -> None:
        self.formats: dict[int, str] = {}
        self.style_formats: list[int] = []
        self._in_cell_styles = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "numFmt":
            self.formats[_whole_number(attrib.get("numFmtId", "0"))] = attrib.get("formatCode", "")
        elif name == "cellXfs":
            self._in_cell_styles = True
        elif name == "xf" and self._in_cell_styles:
            self.style_formats.append(_whole_number(attrib.get("numFmtId", "0")))

    def end(self, tag: str) -> None:
        if local_name(tag) == "cellXfs":
            self._in_cell_styles = False

    def data(self, text: str) -> None:
        pass

    def date_styles(self) -> tuple[frozenset[int], frozenset[int]]:
        """The cell styles that show dates (or times), and those that show durations."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        dates, durations = set(), set()
        for style, number_format in enumerate(self.style_formats):
            code = self.formats.get(number_format, BUILTIN_FORMATS.get(number_format))
            if is_date_format(code):
                dates.add(style)
            if is_timedelta_format(code):
                durations.add(style)
        return frozenset(dates), frozenset(durations)


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DamagedWorkbook(NOT_A_NUMBER(), value=text) from None
