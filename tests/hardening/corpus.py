"""A corpus of corrupt, hostile and oversized survey files: many instances of each kind, generated.

Each :class:`Case` writes one survey (a workbook, or a folder of CSV files) and says what a reader must
make of it: ``refused`` with a problem whose message (or whose message's detail) has the given id,
``accepted`` (with that id among the warnings, when given), or ``either``. The kinds:

- corrupt parts: a number cell holding text, bad cell references, row numbers and dates, shared-text
  numbers out of range, truncated or unclosed XML in every part, corrupt and truncated compressed
  streams, missing parts, rows out of order;
- hostile XML: entity bombs ("billion laughs", quadratic blow-up), external and parameter entities,
  a document type, in every part a workbook is read from;
- oversized: cells far to the right (values, blank styled cells, a header), a bogus dimension, rows far
  down, 2,100,000 rows of CSV (20 MB), 100,000 columns, a line of 200,000 commas, more cells than the
  limit, a decompression bomb, many merged ranges;
- odd encodings: UTF-16 with and without a byte order mark, UTF-32, Windows-1252, Latin-1, broken
  UTF-8, carriage returns alone and inside quoted cells, NUL bytes, overlong fields, control characters;
- hidden and merged sheets: a hidden sheet named like a visible one, a hidden sheet alone, two visible
  sheets read as one, merged cells in the data.

The workbooks are written part by part (:class:`RawWorkbook`), so that a case breaks one part and no
other; tests/hardening/test_corpus.py loads every case in a worker process.
"""

from __future__ import annotations

import codecs
import io
import random
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DAMAGED = "problem.workbook.damaged"
ENTITIES = "problem.workbook.damaged.xml_entities"
NOT_XML = "problem.workbook.damaged.not_xml"
BEYOND = "problem.row.beyond_last_column"
TOO_MANY_ROWS = "problem.sheet.too_many_rows"
TOO_MANY_CELLS = "problem.sheet.too_many_cells"
NUL_BYTES = "problem.csv.nul_bytes"
NOT_UTF8 = "problem.csv.not_utf8"
MERGED = "problem.sheet.merged_cells"

ACTORS = [
    ["actor_id", "name", "type"],
    ["A", "Alpha Weavers", "firm"],
    ["B", "Beta Looms", "ngo"],
    ["C", "Gamma", "firm"],
]
TIES = [["source", "target", "trust"], ["A", "B", 3], ["B", "C", 4], ["C", "A", 5]]
PART_NAMES = {
    "xl/worksheets/sheet2.xml": "sheet",
    "xl/sharedStrings.xml": "shared-strings",
    "xl/workbook.xml": "workbook",
    "xl/_rels/workbook.xml.rels": "workbook-relationships",
    "xl/styles.xml": "styles",
    "_rels/.rels": "package-relationships",
}
ACTORS_CSV = "actor_id,name,type\nA,Alpha Weavers,firm\nB,Beta Looms,ngo\nC,Gamma,firm\n"
TIES_CSV = "source,target,trust\nA,B,3\nB,C,4\nC,A,5\n"


@dataclass(frozen=True)
class Case:
    """One file of the corpus: ``write`` makes it in a folder and returns its path."""

    name: str
    expect: str  # "refused", "accepted" or "either"
    problem: str | None
    write: Callable[[Path], Path]


# --- workbooks, part by part -------------------------------------------------------------------


def cell_xml(reference: str, value: object) -> str:
    """A cell as Excel writes it: text inline, numbers as numbers; ``None`` is no cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def rows_xml(rows: Sequence[Sequence[object]], first_row: int = 1) -> str:
    """The ``<row>`` elements of ``rows`` (lists of values), numbered from ``first_row``."""
    return "".join(
        f'<row r="{number}">'
        + "".join(cell_xml(f"{column_letters(index)}{number}", value) for index, value in enumerate(row))
        + "</row>"
        for number, row in enumerate(rows, start=first_row)
    )


def sheet_xml(rows: str, before: str = "", after: str = "", prolog: str = "") -> str:
    """A worksheet part around the ``<row>`` elements ``rows``."""
    return f'{prolog}<worksheet xmlns="{MAIN}">{before}<sheetData>{rows}</sheetData>{after}</worksheet>'


STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>'
)
"""Cell styles: 0 general, 1 a date of the workbook's own format, 2 Excel's built-in short date."""


@dataclass(frozen=True)
class RawWorkbook:
    """An .xlsx file as its parts; ``sheets`` are (title, worksheet XML, state)."""

    sheets: tuple[tuple[str, str, str], ...]
    shared_strings: tuple[str, ...] = ()
    styles: str = STYLES
    replaced: dict[str, bytes] = field(default_factory=dict)
    removed: tuple[str, ...] = ()
    encrypted: tuple[str, ...] = ()
    """Parts flagged as encrypted (their data is not: a reader must not try them)."""
    compression: int = zipfile.ZIP_DEFLATED

    def parts(self) -> dict[str, bytes]:
        sheet_entries = "".join(
            f"<sheet name={quoteattr(title)} sheetId={quoteattr(str(number))}"
            + ("" if state == "visible" else f" state={quoteattr(state)}")
            + f' r:id="rId{number}"/>'
            for number, (title, _, state) in enumerate(self.sheets, start=1)
        )
        sheet_relationships = "".join(
            f'<Relationship Id="rId{number}" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet{number}.xml"/>'
            for number in range(1, len(self.sheets) + 1)
        )
        count = len(self.sheets)
        parts = {
            "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "_rels/.rels": f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><workbookPr/>'
            f"<sheets>{sheet_entries}</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{sheet_relationships}'
            f'<Relationship Id="rId{count + 1}" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId{count + 2}" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
            "</Relationships>",
            "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">'
            + "".join(f"<si><t>{escape(text)}</t></si>" for text in self.shared_strings)
            + "</sst>",
            "xl/styles.xml": self.styles,
        }
        for number, (_, xml, _) in enumerate(self.sheets, start=1):
            parts[f"xl/worksheets/sheet{number}.xml"] = xml
        encoded = {name: text.encode() for name, text in parts.items()}
        encoded.update(self.replaced)
        return {name: data for name, data in encoded.items() if name not in self.removed}

    def data(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", self.compression) as archive:
            for name, data in self.parts().items():
                archive.writestr(name, data)
        written = bytearray(buffer.getvalue())
        for name in self.encrypted:  # zipfile writes no such flag itself: set it in both headers
            local = zipfile.ZipFile(io.BytesIO(bytes(written))).getinfo(name).header_offset
            written[local + 6] |= 0x1
            central = written.find(b"PK\x01\x02")
            while (
                written[central + 46 : central + 46 + int.from_bytes(written[central + 28 : central + 30], "little")]
                != name.encode()
            ):
                central = written.find(b"PK\x01\x02", central + 4)
            written[central + 8] |= 0x1
        return bytes(written)


def survey_workbook(actors: str | None = None, ties: str | None = None, **changes: object) -> RawWorkbook:
    """The valid three-actor survey, with the actors' texts as shared strings, and ``actors`` or ``ties``
    worksheet XML in place of its own."""
    strings = sorted({str(value) for row in ACTORS for value in row})
    actor_rows = "".join(
        f'<row r="{number}">'
        + "".join(
            f'<c r="{column_letters(index)}{number}" t="s"><v>{strings.index(str(value))}</v></c>'
            for index, value in enumerate(row)
        )
        + "</row>"
        for number, row in enumerate(ACTORS, start=1)
    )
    workbook = RawWorkbook(
        sheets=(
            ("actors", actors if actors is not None else sheet_xml(actor_rows), "visible"),
            ("ties", ties if ties is not None else sheet_xml(rows_xml(TIES)), "visible"),
        ),
        shared_strings=tuple(strings),
    )
    return replace(workbook, **changes)


def ties_with(cell: str, row: int = 2) -> str:
    """The ties sheet with ``cell`` (raw XML) as the trust cell of ``row``."""
    rows = [
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{source}</t></is></c>'
        f'<c r="B{number}" t="inlineStr"><is><t>{target}</t></is></c>'
        + (cell if number == row else f'<c r="C{number}"><v>{trust}</v></c>')
        + "</row>"
        for number, (source, target, trust) in enumerate(TIES[1:], start=2)
    ]
    return sheet_xml(rows_xml(TIES[:1]) + "".join(rows))


def workbook_case(name: str, expect: str, problem: str | None, workbook: RawWorkbook | bytes) -> Case:
    def write(folder: Path) -> Path:
        path = folder / f"{name}.xlsx"
        path.write_bytes(workbook if isinstance(workbook, bytes) else workbook.data())
        return path

    return Case(name, expect, problem, write)


def csv_case(name: str, expect: str, problem: str | None, files: dict[str, bytes | str | Callable[[], bytes]]) -> Case:
    """A CSV folder: the valid survey's files, with ``files`` in place of them (a callable makes a large
    file only when the corpus is written)."""

    def write(folder: Path) -> Path:
        survey = folder / name
        survey.mkdir()
        for file_name, content in {"actors.csv": ACTORS_CSV, "ties.csv": TIES_CSV, **files}.items():
            data = content() if callable(content) else content
            (survey / file_name).write_bytes(data.encode() if isinstance(data, str) else data)
        return survey

    return Case(name, expect, problem, write)


# --- the kinds ---------------------------------------------------------------------------------


def corrupt_parts() -> list[Case]:
    cases = []
    for number, text in enumerate(["abc", "3,5", "nan", "inf", "1e", "--1", " ", "3 4", "0x10", "½"]):
        cases.append(
            workbook_case(
                f"number-text-{number}",
                "refused",
                DAMAGED,
                survey_workbook(ties=ties_with(f'<c r="C2"><v>{escape(text)}</v></c>')),
            )
        )
    for number, reference in enumerate(["ZZZZ2", "C0", "2C", "C-2", "AAAA1", "C2:D3", "$$C2", "c 2", "C99999999"]):
        cell = f'<c r="{reference}"><v>3</v></c>'
        cases.append(
            workbook_case(f"cell-reference-{number}", "refused", DAMAGED, survey_workbook(ties=ties_with(cell)))
        )
    for number, row in enumerate(["x", "0", "-3", "2.5", "1e400", ""]):
        xml = sheet_xml(rows_xml(TIES[:1]) + f'<row r="{row}"><c r="A2" t="inlineStr"><is><t>A</t></is></c></row>')
        cases.append(workbook_case(f"row-number-{number}", "refused", DAMAGED, survey_workbook(ties=xml)))
    for number, text in enumerate(["2024-13-45", "yesterday", "2024-02-30T10:00", "T", "24:61:00"]):
        cell = f'<c r="C2" t="d"><v>{text}</v></c>'
        cases.append(workbook_case(f"iso-date-{number}", "refused", DAMAGED, survey_workbook(ties=ties_with(cell))))
    for number, serial in enumerate(["1e300", "-1e300", "3e6"]):
        # a number styled as a date that no date is: Excel shows #####, the number is read (and the
        # trust cell refuses it as a rating)
        cell = f'<c r="C2" s="1"><v>{serial}</v></c>'
        cases.append(
            workbook_case(
                f"date-serial-{number}", "refused", "problem.trust.outside_scale", survey_workbook(ties=ties_with(cell))
            )
        )
    for number, index in enumerate(["11", "16", "-1", "x", "1.5", "99999999999999999999", "٣"]):  # of 11 texts
        cell = f'<c r="C2" t="s"><v>{index}</v></c>'
        cases.append(workbook_case(f"shared-text-{number}", "refused", DAMAGED, survey_workbook(ties=ties_with(cell))))
    for number, text in enumerate(["x", "yes", "1.0"]):
        cell = f'<c r="C2" t="b"><v>{text}</v></c>'
        cases.append(workbook_case(f"boolean-{number}", "refused", DAMAGED, survey_workbook(ties=ties_with(cell))))
    cases.append(
        workbook_case(
            "style-not-a-number", "refused", DAMAGED, survey_workbook(ties=ties_with('<c r="C2" s="x"><v>3</v></c>'))
        )
    )
    valid = survey_workbook()
    parts = valid.parts()
    for part in [
        "xl/worksheets/sheet2.xml",
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "_rels/.rels",
    ]:
        data = parts[part]
        for number, cut in enumerate(
            sorted({len(data) // 7, len(data) // 3, len(data) // 2, len(data) - 20, len(data) - 1})
        ):
            cases.append(
                workbook_case(
                    f"truncated-{PART_NAMES[part]}-{number}",
                    "refused",
                    None,
                    replace(valid, replaced={part: data[:cut]}),
                )
            )
    unclosed = sheet_xml(rows_xml(TIES)).replace("</row>", "", 2).encode()
    cases.append(
        workbook_case(
            "unclosed-rows", "refused", NOT_XML, replace(valid, replaced={"xl/worksheets/sheet2.xml": unclosed})
        )
    )
    cases.append(
        workbook_case(
            "not-xml-at-all",
            "refused",
            NOT_XML,
            replace(valid, replaced={"xl/worksheets/sheet2.xml": b"\x89PNG\r\n\x1a\n" * 40}),
        )
    )
    cases.append(
        workbook_case(
            "unknown-xml-encoding",
            "refused",
            DAMAGED,
            replace(
                valid,
                replaced={
                    "xl/worksheets/sheet2.xml": b'<?xml version="1.0" encoding="klingon"?>'
                    + parts["xl/worksheets/sheet2.xml"]
                },
            ),
        )
    )
    cases.append(
        workbook_case(
            "undefined-entity", "refused", NOT_XML, survey_workbook(ties=ties_with('<c r="C2"><v>&bogus;</v></c>'))
        )
    )
    order = sheet_xml(rows_xml(TIES[:1]) + rows_xml(TIES[2:3], 3) + rows_xml(TIES[1:2], 2))
    cases.append(workbook_case("rows-out-of-order", "refused", DAMAGED, survey_workbook(ties=order)))
    cases.append(
        workbook_case(
            "row-given-twice",
            "refused",
            DAMAGED,
            survey_workbook(ties=sheet_xml(rows_xml(TIES) + rows_xml(TIES[1:2], 4))),
        )
    )
    cases.append(
        workbook_case(
            "cells-out-of-order", "refused", DAMAGED, survey_workbook(ties=ties_with('<c r="A2"><v>3</v></c>'))
        )
    )
    cases.append(
        workbook_case(
            "cell-outside-a-row",
            "refused",
            DAMAGED,
            survey_workbook(ties=sheet_xml(rows_xml(TIES) + '<c r="A9"><v>1</v></c>')),
        )
    )
    for part in ["xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels"]:
        expect = "accepted" if part == "xl/styles.xml" else "refused"
        cases.append(workbook_case(f"missing-{PART_NAMES[part]}", expect, None, replace(valid, removed=(part,))))
    cases.append(
        workbook_case(
            "missing-workbook-part",
            "refused",
            "problem.workbook.no_workbook_part",
            replace(valid, removed=("xl/workbook.xml",)),
        )
    )
    data = valid.data()
    for number, length in enumerate([0, 4, 30, len(data) // 4, len(data) // 2, len(data) - 30, len(data) - 1]):
        cases.append(workbook_case(f"truncated-zip-{number}", "refused", None, data[:length]))
    random_bytes = random.Random(15)
    for number in range(8):
        corrupted = bytearray(data)
        start = data.index(b"xl/worksheets/sheet2.xml") + 40  # inside the member's compressed stream
        for offset in random_bytes.sample(range(start, start + 150), 6):
            corrupted[offset] ^= 0xFF
        cases.append(workbook_case(f"corrupt-stream-{number}", "refused", None, bytes(corrupted)))
    for number in range(12):  # bytes of the archive overwritten anywhere: headers, directory, streams
        mutated = bytearray(data)
        start = random_bytes.randrange(len(data))
        mutated[start : start + random_bytes.randrange(1, 40)] = random_bytes.randbytes(random_bytes.randrange(40))
        cases.append(workbook_case(f"mutated-zip-{number}", "either", None, bytes(mutated)))
    stored = replace(valid, compression=zipfile.ZIP_STORED).data()
    flipped = bytearray(stored)
    flipped[stored.index(b"<sheetData>") + 30] ^= 0x01
    cases.append(
        workbook_case("stored-member-bad-crc", "refused", "problem.workbook.damaged.not_unpacked", bytes(flipped))
    )
    cases.append(
        workbook_case(
            "encrypted-member",
            "refused",
            "problem.workbook.damaged.encrypted",
            replace(valid, encrypted=("xl/worksheets/sheet2.xml",)),
        )
    )
    cases.append(
        workbook_case("random-bytes", "refused", "problem.workbook.unreadable", random.Random(7).randbytes(3000))
    )
    cases.append(
        workbook_case("zip-of-a-csv", "refused", "problem.workbook.no_workbook_part", _zip({"actors.csv": ACTORS_CSV}))
    )
    return cases


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
    + "]>"
)
"""The billion laughs: nine levels of ten references each, a gigabyte of "lol" once expanded."""
HOSTILE_PROLOGS = {
    "billion-laughs": LAUGHS,
    "quadratic": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "' + "a" * 50_000 + '">]>',
    "external-file": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',
    "external-url": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]>',
    "parameter-entity": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>',
    "external-dtd": '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
    "bare-doctype": '<?xml version="1.0"?><!DOCTYPE worksheet>',
}
ENTITY_USES = {"billion-laughs": "&lol9;", "quadratic": "&a;" * 2000, "external-file": "&ext;", "external-url": "&ext;"}


def hostile_xml() -> list[Case]:
    cases = []
    valid = survey_workbook()
    parts = valid.parts()
    for kind, prolog in HOSTILE_PROLOGS.items():
        use = ENTITY_USES.get(kind, "")
        ties = sheet_xml(
            rows_xml(TIES[:1]) + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{use}</t></is></c></row>', prolog=prolog
        )
        cases.append(workbook_case(f"{kind}-in-sheet", "refused", ENTITIES, survey_workbook(ties=ties)))
        for part in [
            "xl/sharedStrings.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "_rels/.rels",
        ]:
            text = parts[part].decode()
            body = text.replace("</t>", f"{use}</t>", 1) if part.endswith("sharedStrings.xml") else text
            cases.append(
                workbook_case(
                    f"{kind}-in-{PART_NAMES[part]}",
                    "refused",
                    ENTITIES,
                    replace(valid, replaced={part: (prolog + body).encode()}),
                )
            )
    return cases


def oversized() -> list[Case]:
    cases = []
    blank_far = "".join(f'<row r="{n}"><c r="XFD{n}" s="1"/></row>' for n in range(5, 3000))
    cases.append(
        workbook_case(
            "far-right-blank-styled", "accepted", None, survey_workbook(ties=sheet_xml(rows_xml(TIES) + blank_far))
        )
    )
    spaces_far = "".join(
        f'<row r="{n + 2}">'
        + "".join(cell_xml(f"{column_letters(i)}{n + 2}", v) for i, v in enumerate([f"A{n}", f"A{n + 1}", 3]))
        + f'<c r="XFD{n + 2}" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>'
        for n in range(3400)
    )
    actors_far = rows_xml([["actor_id"]] + [[f"A{n}"] for n in range(3401)])
    cases.append(
        workbook_case(
            "far-right-spaces-130kB",
            "accepted",
            None,
            survey_workbook(actors=sheet_xml(actors_far), ties=sheet_xml(rows_xml(TIES[:1]) + spaces_far)),
        )
    )
    for number, column in enumerate(["XFD", "ALM", "ZZZ"]):
        far = sheet_xml(
            rows_xml(TIES).replace("</row>", f'<c r="{column}1" t="inlineStr"><is><t>note</t></is></c></row>', 1)
        )
        cases.append(workbook_case(f"far-right-header-{number}", "refused", BEYOND, survey_workbook(ties=far)))
        value = sheet_xml(rows_xml(TIES) + f'<row r="9"><c r="{column}9"><v>1</v></c></row>')
        cases.append(workbook_case(f"far-right-value-{number}", "refused", BEYOND, survey_workbook(ties=value)))
    wide = rows_xml([["source", "target"] + [f"c{n}" for n in range(2000)], ["A", "B"]])
    cases.append(workbook_case("two-thousand-columns", "refused", BEYOND, survey_workbook(ties=sheet_xml(wide))))
    no_references = sheet_xml(
        rows_xml(TIES).replace("</row>", "<c><v>1</v></c>" * 1200 + "</row>", 1).replace(' r="D1"', "")
    )
    cases.append(workbook_case("cells-without-references", "refused", BEYOND, survey_workbook(ties=no_references)))
    for number, dimension in enumerate(["A1:XFD1048576", "A1:ZZZZ99999999", "garbage"]):
        cases.append(
            workbook_case(
                f"bogus-dimension-{number}",
                "accepted",
                None,
                survey_workbook(ties=sheet_xml(rows_xml(TIES), before=f'<dimension ref="{dimension}"/>')),
            )
        )
    cases.append(
        workbook_case(
            "last-row-of-excel",
            "accepted",
            None,
            survey_workbook(ties=sheet_xml(rows_xml(TIES) + rows_xml([["A", "C", 2]], 1_048_576))),
        )
    )
    cases.append(
        workbook_case(
            "row-beyond-the-limit",
            "refused",
            TOO_MANY_ROWS,
            survey_workbook(ties=sheet_xml(rows_xml(TIES) + rows_xml([["A", "C", 2]], 3_000_000))),
        )
    )
    many_merged = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(2, 20_000))
    cases.append(
        workbook_case(
            "twenty-thousand-merged-ranges",
            "accepted",
            MERGED,
            survey_workbook(ties=sheet_xml(rows_xml(TIES), after=f"<mergeCells>{many_merged}</mergeCells>")),
        )
    )
    cases.append(
        workbook_case(
            "many-shared-texts",
            "accepted",
            None,
            survey_workbook(
                shared_strings=tuple(sorted({str(v) for row in ACTORS for v in row}))
                + tuple(f"unused {n}" for n in range(200_000))
            ),
        )
    )
    long_text = "x" * 2_000_000
    cases.append(
        workbook_case(
            "two-megabyte-cell",
            "either",
            None,
            survey_workbook(ties=ties_with(f'<c r="C2" t="inlineStr"><is><t>{long_text}</t></is></c>')),
        )
    )
    deep = "<x>" * 50_000 + "</x>" * 50_000
    cases.append(
        workbook_case(
            "deeply-nested-elements", "either", None, survey_workbook(ties=sheet_xml(rows_xml(TIES), after=deep))
        )
    )
    flood = sheet_xml(
        rows_xml(TIES) + "".join(f'<row r="{n}">' + '<c s="1"/>' * 1000 + "</row>" for n in range(5, 3905))
    )
    cases.append(
        workbook_case(
            "flood-of-empty-cells", "refused", "problem.workbook.decompression_bomb", survey_workbook(ties=flood)
        )
    )
    padded = survey_workbook(ties=flood, replaced={"docProps/padding.bin": random.Random(3).randbytes(400_000)})
    cases.append(workbook_case("flood-padded-with-noise", "refused", "problem.workbook.decompression_bomb", padded))
    styled = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{column_letters(column)}{n}" s="1"/>' for column in range(1000)) + "</row>"
        for n in range(5, 505)
    )
    cases.append(
        workbook_case(
            "half-a-million-styled-blank-cells",
            "accepted",
            None,
            survey_workbook(ties=sheet_xml(rows_xml(TIES) + styled)),
        )
    )
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in survey_workbook().parts().items():
            archive.writestr(name, data)
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            for _ in range(6):
                member.write(b"\0" * 2**24)
    cases.append(workbook_case("decompression-bomb", "refused", "problem.workbook.decompression_bomb", bomb.getvalue()))

    def tall() -> bytes:
        return b"actor_id\n" + b"".join(b"W%07d\n" % n for n in range(2_100_000))

    cases.append(csv_case("csv-2100000-rows-20MB", "refused", TOO_MANY_ROWS, {"actors.csv": tall}))
    wide_csv = ",".join(["actor_id"] + [f"c{n}" for n in range(99_999)]) + "\nA" + "," * 99_999 + "\n"
    cases.append(csv_case("csv-100000-columns", "refused", BEYOND, {"actors.csv": wide_csv}))
    cases.append(
        csv_case("csv-200000-commas-on-a-line", "refused", BEYOND, {"actors.csv": "actor_id\nA" + "," * 200_000 + "\n"})
    )
    cases.append(
        csv_case(
            "csv-blank-columns-far-right", "accepted", None, {"actors.csv": ACTORS_CSV.replace("\n", "," * 5000 + "\n")}
        )
    )
    cells = ",".join(["actor_id"] + [f"c{n}" for n in range(999)]) + "\n" + "".join(f"A{n}\n" for n in range(10_001))
    cases.append(csv_case("csv-more-cells-than-the-limit", "refused", TOO_MANY_CELLS, {"actors.csv": cells}))
    cases.append(
        csv_case("csv-one-huge-line", "refused", None, {"actors.csv": lambda: b"actor_id\n" + b"x" * 20_000_000})
    )
    return cases


def odd_encodings() -> list[Case]:
    cases = []
    for number, (encoding, expect, problem) in enumerate(
        [
            ("utf-16", "accepted", None),
            ("utf-16-le", "refused", NUL_BYTES),
            ("utf-16-be", "refused", NUL_BYTES),
            ("utf-32", "refused", NUL_BYTES),
            ("utf-8-sig", "accepted", None),
            ("cp1252", "accepted", NOT_UTF8),
            ("latin-1", "accepted", NOT_UTF8),
        ]
    ):
        text = ACTORS_CSV.replace("Gamma", "Gàmmä Peñalolén")
        cases.append(csv_case(f"encoding-{number}-{encoding}", expect, problem, {"actors.csv": text.encode(encoding)}))
    cases.append(
        csv_case(
            "latin-1-undefined-in-cp1252",
            "accepted",
            NOT_UTF8,
            {"actors.csv": ACTORS_CSV.encode().replace(b"Gamma", b"G\x81\x8d\x90a")},
        )
    )
    cases.append(
        csv_case(
            "broken-utf-8",
            "accepted",
            NOT_UTF8,
            {"actors.csv": ACTORS_CSV.encode().replace(b"Gamma", b"G\xc3\x28\xe2\x82")},
        )
    )
    cases.append(
        csv_case(
            "utf-16-odd-length",
            "refused",
            NUL_BYTES,
            {"actors.csv": codecs.BOM_UTF16_LE + ACTORS_CSV.encode("utf-16-le") + b"\x00"},
        )
    )
    cases.append(
        csv_case(
            "utf-16-lone-surrogate",
            "refused",
            NUL_BYTES,
            {"actors.csv": codecs.BOM_UTF16_LE + ACTORS_CSV.encode("utf-16-le") + b"\x00\xd8"},
        )
    )
    cases.append(
        csv_case(
            "carriage-returns-only",
            "accepted",
            None,
            {"actors.csv": ACTORS_CSV.replace("\n", "\r"), "ties.csv": TIES_CSV.replace("\n", "\r")},
        )
    )
    cases.append(
        csv_case(
            "carriage-return-in-a-quoted-name",
            "accepted",
            None,
            {"actors.csv": ACTORS_CSV.replace("Gamma", '"Gam\rma"')},
        )
    )
    cases.append(
        csv_case(
            "line-breaks-in-quoted-names",
            "accepted",
            None,
            {"actors.csv": ACTORS_CSV.replace("Gamma", '"Gam\r\nma\nx\ry"')},
        )
    )
    cases.append(csv_case("mixed-line-endings", "accepted", None, {"actors.csv": "actor_id,name\r\nA,a\rB,b\nC,c\r\n"}))
    cases.append(
        csv_case("byte-order-mark-inside", "either", None, {"actors.csv": ACTORS_CSV.replace("Gamma", "\ufeffGamma")})
    )
    for number, position in enumerate([0, 10, len(ACTORS_CSV) - 2]):
        data = ACTORS_CSV.encode()
        cases.append(
            csv_case(
                f"nul-byte-{number}", "refused", NUL_BYTES, {"actors.csv": data[:position] + b"\x00" + data[position:]}
            )
        )
    cases.append(
        csv_case(
            "field-longer-than-the-csv-limit",
            "refused",
            "problem.csv.unreadable",
            {"actors.csv": ACTORS_CSV.replace("Gamma", "G" * 200_000)},
        )
    )
    cases.append(
        csv_case(
            "unclosed-quote", "refused", "problem.csv.unreadable", {"actors.csv": ACTORS_CSV.replace("Gamma", '"Gamma')}
        )
    )
    cases.append(csv_case("only-a-byte-order-mark", "refused", "problem.sheet.empty", {"actors.csv": codecs.BOM_UTF8}))
    hostile = "\x1b[2J\x1b]52;c;aGk=\x07\u202eevil"
    cases.append(
        csv_case(
            "escape-sequences-in-a-repeated-id",
            "refused",
            "problem.actor.id_repeated",
            {"actors.csv": f"actor_id\n{hostile}\n{hostile}\n"},
        )
    )
    cases.append(
        csv_case(
            "control-characters-in-names",
            "accepted",
            None,
            {"actors.csv": ACTORS_CSV.replace("Gamma", "Ga\x01\x08\x7f\x9bmma")},
        )
    )
    return cases


def hidden_and_merged() -> list[Case]:
    cases = []
    other_ties = sheet_xml(rows_xml([["source", "target", "trust"], ["A", "C", 1]]))
    for number, (title, state) in enumerate([("ties", "hidden"), ("TIES ", "veryHidden"), ("Ties", "hidden")]):
        workbook = survey_workbook()
        sheets = (
            (*workbook.sheets, (title, other_ties, state))
            if number != 2
            else ((title, other_ties, state), *workbook.sheets)
        )
        cases.append(
            workbook_case(
                f"hidden-look-alike-{number}",
                "accepted",
                "problem.workbook.hidden_sheet_left_out",
                replace(workbook, sheets=sheets),
            )
        )
    hidden_only = survey_workbook()
    sheets = (hidden_only.sheets[0], ("ties", hidden_only.sheets[1][1], "hidden"))
    cases.append(
        workbook_case(
            "hidden-ties-alone", "accepted", "problem.workbook.hidden_sheet_read", replace(hidden_only, sheets=sheets)
        )
    )
    two = survey_workbook()
    cases.append(
        workbook_case(
            "two-visible-ties",
            "refused",
            "problem.workbook.sheets_for_one_sheet",
            replace(two, sheets=(*two.sheets, ("Ties", other_ties, "visible"))),
        )
    )
    for number, reference in enumerate(["A2:A3", "B2:C4", "A1:C1", "C3:D3"]):
        merged = sheet_xml(rows_xml(TIES), after=f'<mergeCells count="1"><mergeCell ref="{reference}"/></mergeCells>')
        cases.append(workbook_case(f"merged-cells-{number}", "accepted", MERGED, survey_workbook(ties=merged)))
    beside = sheet_xml(
        rows_xml(TIES), after='<mergeCells><mergeCell ref="E2:F3"/><mergeCell ref="A7:C9"/></mergeCells>'
    )
    cases.append(workbook_case("merged-cells-outside-the-table", "accepted", None, survey_workbook(ties=beside)))
    cases.append(
        workbook_case(
            "merged-bad-reference",
            "refused",
            DAMAGED,
            survey_workbook(ties=sheet_xml(rows_xml(TIES), after='<mergeCells><mergeCell ref="A:B9"/></mergeCells>')),
        )
    )
    return cases


def corpus() -> list[Case]:
    """Every case, in a fixed order (a fixed seed for the random ones)."""
    return corrupt_parts() + hostile_xml() + oversized() + odd_encodings() + hidden_and_merged()
