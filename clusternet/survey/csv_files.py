"""CSV files as a stream: the encoding and the separator found from the bytes, then rows decoded, split
and counted one at a time within the limits.

Excel and LibreOffice save CSV as UTF-8 (with or without a byte order mark), as UTF-16 with one
("Unicode text"), or in the Windows code page (Windows-1252). The text is decoded as it is read, never
whole; each line is checked for its length and its separators before the csv module splits it, and the
table counts rows and cells as it keeps them (:func:`~clusternet.survey.tables.table_from_rows`). A file
whose bytes alone could hold more rows or cells than the limits allow is first counted without keeping
anything, so that one beyond them is refused before any of its rows fills the memory. Line breaks are
kept as written, so a carriage return inside a quoted cell stays in the cell and never splits its row.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from clusternet.messages import message
from clusternet.survey import limits
from clusternet.survey.problems import ERROR, WARNING, Problem, Refusal
from clusternet.survey.tables import RawTable, table_from_rows

CSV_DELIMITERS = (",", ";", "\t")
"""The separators a CSV file may use: comma, semicolon (Excel in many European languages) or tab."""
MAX_LINE_CHARACTERS = 2**24
"""Longest line read (16,777,216 characters): far beyond a row of the most columns of the longest cells."""
DECODED_CHUNK_BYTES = 2**20
"""How much of a file is decoded at a time to check its encoding."""

CSV_NUL_BYTES = message("problem.csv.nul_bytes", "the file holds NUL bytes, so it is not a plain text CSV file")
CSV_NUL_BYTES_FIX = message(
    "problem.csv.nul_bytes.fix", "open it in Excel and save it again as 'CSV UTF-8 (comma delimited)'"
)
CSV_NOT_UTF8 = message(
    "problem.csv.not_utf8", "the file is not UTF-8; it was read as {encoding} (as Excel on Windows saves CSV)"
)
CSV_NOT_UTF8_FIX = message(
    "problem.csv.not_utf8.fix", "check that accented names look right; to be sure, save as 'CSV UTF-8' next time"
)
CSV_UNREADABLE = message("problem.csv.unreadable", "the CSV text cannot be read: {error}")
CSV_UNREADABLE_FIX = message(
    "problem.csv.unreadable.fix", "check the quotes from this row on: a quote that opens a cell must close it"
)
CSV_LINE_TOO_LONG = message(
    "problem.csv.line_too_long", "a line of the file is longer than {limit:,} characters, which no survey row is"
)
CSV_LINE_TOO_LONG_FIX = message(
    "problem.csv.line_too_long.fix", "check that this is the survey's CSV file, saved from Excel as 'CSV UTF-8'"
)


def read_csv_table(data: bytes, where: str, problems: list[Problem]) -> RawTable | None:
    """One CSV file's table, read as a stream; problems are appended to ``problems``."""
    encoding = csv_encoding(data, where, problems)
    if encoding is None:
        return None
    records = CsvRecords(data, encoding, where)
    try:
        if records.could_pass_limits():
            for number, _ in records:
                if number > limits.MAX_ROWS:
                    raise Refusal(limits.too_many_rows(where, number))
        return table_from_rows(where, records, problems)
    except Refusal as refusal:
        problems.append(refusal.problem)
    except csv.Error as error:
        problems.append(
            Problem(ERROR, where, records.read + 1, None, None, CSV_UNREADABLE(error=str(error)), CSV_UNREADABLE_FIX())
        )
    return None


def csv_encoding(data: bytes, where: str, problems: list[Problem]) -> str | None:
    """The encoding of a CSV file's bytes: UTF-16 with its byte order mark, UTF-8 (a mark is dropped),
    else Windows-1252 or, as the last resort, Latin-1 (with a warning). None after a problem for a file
    holding NUL bytes, which is no text file at all."""
    if _is_utf16(data):
        return "utf-16"
    first_nul = data.find(b"\x00")
    if first_nul >= 0:
        row = data.count(b"\n", 0, first_nul) + 1
        problems.append(Problem(ERROR, where, row, None, None, CSV_NUL_BYTES(), CSV_NUL_BYTES_FIX()))
        return None
    if _decodes(data, "utf-8"):
        return "utf-8-sig"
    encoding, name = ("cp1252", "Windows-1252") if _decodes(data, "cp1252") else ("latin-1", "Latin-1")
    problems.append(Problem(WARNING, where, None, None, None, CSV_NOT_UTF8(encoding=name), CSV_NOT_UTF8_FIX()))
    return encoding


def _is_utf16(data: bytes) -> bool:
    """True for UTF-16 text with its byte order mark and no NUL character (UTF-32 starts with the same
    mark, and holds NUL characters)."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    decoder = codecs.getincrementaldecoder("utf-16")()
    try:
        for start in range(0, len(data), DECODED_CHUNK_BYTES):
            if "\x00" in decoder.decode(data[start : start + DECODED_CHUNK_BYTES]):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _decodes(data: bytes, encoding: str) -> bool:
    """True when all of ``data`` decodes as ``encoding``, checked a chunk at a time (nothing is kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), DECODED_CHUNK_BYTES):
            decoder.decode(data[start : start + DECODED_CHUNK_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(line: str) -> str:
    """The separator of a header line: comma, semicolon (European Excel) or tab, whichever it holds most
    (a comma when it holds none)."""
    counts = {delimiter: line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


class CsvRecords:
    """The records of a CSV file, numbered from 1 as a text editor shows them (a record whose quoted cell
    holds a line break counts once), decoded and split as they are iterated.

    ``read`` counts the records given so far. Iterating raises
    :class:`~clusternet.survey.problems.Refusal` at a line longer than :data:`MAX_LINE_CHARACTERS` or
    holding more than :data:`~clusternet.survey.limits.MAX_CSV_LINE_SEPARATORS` separators, or past
    :data:`~clusternet.survey.limits.MAX_CELLS` cells read; ``csv.Error`` at text the csv module cannot
    split (an unclosed quote).
    """

    def __init__(self, data: bytes, encoding: str, where: str):
        self.data = data
        self.encoding = encoding
        self.where = where
        self.read = 0
        self.delimiter = sniff_delimiter(self._first_line())

    def could_pass_limits(self) -> bool:
        """Whether the bytes alone could hold more rows or cells than the limits: an upper bound from
        counts of line breaks and separators (an ASCII character is one byte, or holds one byte of the
        same value in UTF-16), so that most files need not be counted before they are read."""
        line_breaks = self.data.count(b"\n") + self.data.count(b"\r") - self.data.count(b"\r\n")
        separators = self.data.count(self.delimiter.encode("ascii"))
        return line_breaks + 1 > limits.MAX_ROWS or separators + line_breaks + 1 > limits.MAX_CELLS

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        self.read = 0
        cells = 0
        for values in csv.reader(self._lines(), delimiter=self.delimiter, strict=True):
            self.read += 1
            cells += len(values)
            if cells > limits.MAX_CELLS:
                raise Refusal(limits.too_many_cells(self.where, self.read))
            yield self.read, values

    def _text(self) -> io.TextIOWrapper:
        # newline="" hands every line break to the csv module as written (a lone CR included), so that one
        # inside a quoted cell stays in the cell
        return io.TextIOWrapper(io.BytesIO(self.data), encoding=self.encoding, newline="")

    def _first_line(self) -> str:
        """The first line that is not blank (the header), for the separator; blank if there is none."""
        text = self._text()
        while line := text.readline(MAX_LINE_CHARACTERS):
            if line.strip():
                return line
        return ""

    def _lines(self) -> Iterator[str]:
        text = self._text()
        while line := text.readline(MAX_LINE_CHARACTERS):
            if len(line) == MAX_LINE_CHARACTERS and not line.endswith(("\n", "\r")):
                raise Refusal(
                    Problem(
                        ERROR,
                        self.where,
                        self.read + 1,
                        None,
                        None,
                        CSV_LINE_TOO_LONG(limit=MAX_LINE_CHARACTERS),
                        CSV_LINE_TOO_LONG_FIX(),
                    )
                )
            if line.count(self.delimiter) > limits.MAX_CSV_LINE_SEPARATORS:
                raise Refusal(limits.beyond_last_column(self.where, self.read + 1, None, None))
            yield line
