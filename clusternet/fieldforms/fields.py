"""The form's field names (fixed by the interface) and how an export's headers are matched to them.

KoboToolbox and ODK Central write a field's header with the path of the groups around it (``partner/trust``
in Kobo, ``meta-instanceID`` in Central) and, for a select-many question, may add one 0/1 column per
choice (``relation/joint_action``). :func:`locate_fields` finds our fields whatever the layout: a
header is matched by its last path segment (split on ``/`` and ``-``), and a column whose header is
another column's header plus ``/choice``, or whose last-but-one segment is a select-many field, is a
choice column of that field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

ROUND = "round"
RESPONDENT = "respondent"
PARTNERS = "partners"
PARTNER = "partner"
PARTNER_ID = "partner_id"
PARTNER_NAME = "partner_name"
RELATION = "relation"
TRUST = "trust"
WEIGHT = "weight"
OTHER_PARTNERS = "other_partners"

SUBMISSION_FIELDS = (ROUND, RESPONDENT, OTHER_PARTNERS)
"""Fields of a submission's main row that the import reads."""
REQUIRED_SUBMISSION_FIELDS = (RESPONDENT,)
"""Without these a main row cannot be read (the round may come from ``--round``)."""
PARTNER_FIELDS = (PARTNER_ID, RELATION, TRUST, WEIGHT)
"""Fields of a partner row (one instance of the repeat ``partner``) that the import reads."""
REQUIRED_PARTNER_FIELDS = (PARTNER_ID, RELATION)
SELECT_MANY_FIELDS = frozenset({RELATION})
"""Fields an export may split into one 0/1 column per choice."""

PATH_SEPARATORS = re.compile(r"[/\-]")


@dataclass(frozen=True)
class FieldColumns:
    """Where our fields are in a header: a field's own column, or its choice columns (position,
    choice name) when the export has only split columns for it."""

    columns: dict[str, int] = field(default_factory=dict)
    choices: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def missing(self, required: Sequence[str]) -> list[str]:
        return [name for name in required if name not in self.columns and name not in self.choices]


def segments(header: str) -> list[str]:
    return [part for part in PATH_SEPARATORS.split(header.strip()) if part]


def locate_fields(headers: Sequence[str], fields: Sequence[str]) -> FieldColumns:
    """The columns of ``fields`` among ``headers`` (see the module's docstring).

    >>> found = locate_fields(["partner/partner_id", "partner/relation/information", "partner/relation/supply"],
    ...                       ["partner_id", "relation"])
    >>> found.columns, found.choices
    ({'partner_id': 0}, {'relation': [(1, 'information'), (2, 'supply')]})
    """
    written = {header.strip() for header in headers}
    wanted = set(fields)
    located = FieldColumns()
    for position, header in enumerate(headers):
        parts = segments(header)
        if not parts:
            continue
        parent = header.strip().rsplit("/", 1)[0] if "/" in header else ""
        is_choice = parent in written or (
            len(parts) >= 2 and parts[-2] in SELECT_MANY_FIELDS and parts[-2] in wanted and parts[-1] not in wanted
        )
        if is_choice and len(parts) >= 2 and parts[-2] in wanted:
            located.choices.setdefault(parts[-2], []).append((position, parts[-1]))
        elif not is_choice and parts[-1] in wanted:
            located.columns.setdefault(parts[-1], position)
    return located
