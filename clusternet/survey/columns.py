"""Columns a sheet holds beyond the format's own: each named, with the known column it looks like.

A header that is not a column of the format is never renamed and never dropped unseen. On
``actors`` it is kept as an attribute of the actors; on the other sheets it is not read. Either way,
when it looks like a column the sheet lacks (``Kind`` for ``type``, ``Partner`` for ``target``,
``trust level (1-5)`` for ``trust``) a warning says so and how to rename it, and a ties sheet without
``trust`` whose other column holds ratings 1-5 gets a warning that no trust rating was read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping

from clusternet.constants import TRUST_MAX, TRUST_MIN
from clusternet.messages import Template, message
from clusternet.survey.cells import as_trust, is_blank
from clusternet.survey.problems import WARNING, Problem
from clusternet.survey.reading import RawTable
from clusternet.survey.schema import ACTORS, LOGFRAME, LOGFRAME_VALUE_PREFIX, TIES, SheetSpec, canonical_name
from clusternet.survey.vocabulary import COLUMN_SYNONYMS

FUZZY_CUTOFF = 0.75
"""How close (difflib's ratio) a header must be to a column or one of its synonyms to look like it:
``Typ`` (0.86) and ``trst`` (0.89) do, ``size`` against ``type`` (0.25) does not."""
SHORTEST_WORD = 4
"""Shortest name recognised as a word inside a longer header: ``trust`` in ``trust level (1-5)``,
but not ``to`` in ``time to market``."""

LOOKS_LIKE: dict[str, Template] = {
    ACTORS.name: message(
        "problem.column.looks_like.kept", '"{column}" looks like "{known}": rename it, or it is kept as an attribute'
    ),
    TIES.name: message(
        "problem.column.looks_like.not_used",
        '"{column}" looks like "{known}": rename it, or it is not used in the analysis',
    ),
}
LOOKS_LIKE_NOT_READ = message(
    "problem.column.looks_like.not_read", '"{column}" looks like "{known}": rename it, or it is not read'
)
LOOKS_LIKE_FIX = message("problem.column.looks_like.fix", 'write "{known}" as its header')
NOT_USED = message(
    "problem.column.not_used", '"{column}" is not a column of {sheet}: it is kept, but not used in the analysis'
)
NOT_READ = message("problem.column.not_read", '"{column}" is not a column of {sheet}: it is not read')
UNKNOWN_FIX = message(
    "problem.column.unknown.fix", "if it holds one of {columns}, rename it so; otherwise it can stay as it is"
)
NO_TRUST_READ = message(
    "problem.ties.no_trust_read",
    'no trust ratings were read: the ties have no "trust" column, but "{column}" holds whole numbers '
    "{lowest}-{highest} as ratings do",
)
NO_TRUST_READ_FIX = message(
    "problem.ties.no_trust_read.fix", 'if it holds the trust ratings, write "trust" as its header'
)


def look_alike(header: str, sheet: str, candidates: Collection[str]) -> str | None:
    """The column among ``candidates`` (columns of ``sheet``) that ``header`` looks like, or None.

    A header looks like a column when it is one of the column's synonyms
    (:data:`~clusternet.survey.vocabulary.COLUMN_SYNONYMS`), when one of its words is the column or
    a synonym of at least :data:`SHORTEST_WORD` letters, or when it is a near spelling of either
    (:data:`FUZZY_CUTOFF`). Candidates are tried in the order given.
    """
    name = canonical_name(header)
    synonyms = COLUMN_SYNONYMS.get(sheet, {})
    spellings = {column: (column, *synonyms.get(column, ())) for column in candidates}
    for column, names in spellings.items():
        if name in names:
            return column
    words = set(re.findall(r"[^\W_]+", name))
    for column, names in spellings.items():
        if any(len(word) >= SHORTEST_WORD and word in names for word in words):
            return column
    by_spelling = {spelling: column for column, names in spellings.items() for spelling in names}
    close = difflib.get_close_matches(name, list(by_spelling), n=1, cutoff=FUZZY_CUTOFF)
    return by_spelling[close[0]] if close else None


def unknown_column_problems(
    table: RawTable, spec: SheetSpec, positions: Mapping[str, tuple[int, str]], named: Collection[str] = ()
) -> list[Problem]:
    """A warning for each column of ``table`` that is not one of ``spec``'s, in file order.

    ``positions`` maps the sheet's canonical headers to (index, header as written); headers in
    ``named`` are already named by another problem (the rename fix of a missing required column)
    and get no second one. Extra columns of ``actors`` that look like no column are the actors'
    attributes, as the format describes them, and need no warning.
    """
    absent = [column for column in spec.columns if column not in positions]
    extra = [(index, header) for name, (index, header) in positions.items() if name not in spec.columns]
    ratings = trust_look_alike(table, spec, absent, extra)
    problems: list[Problem] = []
    for _, header in extra:
        if header in named or is_hand_value(spec, header):
            continue
        known = look_alike(header, spec.name, absent)
        if header == ratings:
            text, fix = NO_TRUST_READ(column=header, lowest=TRUST_MIN, highest=TRUST_MAX), NO_TRUST_READ_FIX()
        elif known is not None:
            text = LOOKS_LIKE.get(spec.name, LOOKS_LIKE_NOT_READ)(column=header, known=known)
            fix = LOOKS_LIKE_FIX(known=known)
        elif spec.name == ACTORS.name:
            continue
        else:
            text = (NOT_USED if spec.name == TIES.name else NOT_READ)(column=header, sheet=spec.name)
            fix = UNKNOWN_FIX(columns=", ".join(spec.columns))
        problems.append(Problem(WARNING, table.where, table.header_row, header, None, text, fix))
    return problems


def is_hand_value(spec: SheetSpec, header: str) -> bool:
    """A logframe column ``value_<round>``: a value typed by hand, checked with the logframe's rows."""
    return spec.name == LOGFRAME.name and canonical_name(header).startswith(LOGFRAME_VALUE_PREFIX)


def trust_look_alike(
    table: RawTable, spec: SheetSpec, absent: Collection[str], extra: list[tuple[int, str]]
) -> str | None:
    """The header of a ties column that holds trust ratings when the sheet has no ``trust`` column.

    A column qualifies when every filled cell is a whole number of the trust scale and its header
    looks like ``trust`` or like no column at all (a ``frequency`` of 1-5 is a weight); one whose
    header looks like ``trust`` comes first.
    """
    if spec.name != TIES.name or "trust" not in absent:
        return None
    holding = [
        header
        for index, header in extra
        if look_alike(header, spec.name, absent) in ("trust", None) and holds_ratings(table, index)
    ]
    holding.sort(key=lambda header: look_alike(header, spec.name, absent) != "trust")
    return holding[0] if holding else None


def holds_ratings(table: RawTable, index: int) -> bool:
    """True when the column at ``index`` has a filled cell and every filled cell is a valid trust rating."""
    cells = {values[index] for _, values in table.rows}
    filled = [cell for cell in cells if not is_blank(cell)]
    return bool(filled) and all(as_trust(cell)[1] is None for cell in filled)
