"""The sheets and columns of the survey format, and how headers and labels are matched."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


def canonical_name(text: object) -> str:
    """Header, sheet or label as compared: lower case, no surrounding spaces, and runs of
    spaces, ``-`` and ``_`` as one ``_`` ("Actor ID " and "actor-id" are both ``actor_id``)."""
    return re.sub(r"[\s\-_]+", "_", str(text).strip().lower()).strip("_")


def near_matches(name: str, candidates: list[str], limit: int = 3) -> list[str]:
    """Candidates that look like a misspelling of ``name``, closest first."""
    by_canonical = {canonical_name(candidate): candidate for candidate in candidates}
    close = difflib.get_close_matches(canonical_name(name), list(by_canonical), n=limit, cutoff=0.6)
    return [by_canonical[match] for match in close]


@dataclass(frozen=True)
class SheetSpec:
    """A sheet (or CSV file) of the survey format and its columns."""

    name: str
    required: bool
    required_columns: tuple[str, ...]
    optional_columns: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required_columns + self.optional_columns


ACTORS = SheetSpec("actors", True, ("actor_id",), ("name", "type"))
TIES = SheetSpec("ties", True, ("source", "target"), ("round", "relation", "trust", "weight"))
ROUNDS = SheetSpec("rounds", False, ("round",), ("date", "description"))
RESPONDENTS = SheetSpec("respondents", False, ("round", "actor_id"))
ATTRIBUTES = SheetSpec("attributes", False, ("attribute", "privacy"), ("note",))
ACTIONS = SheetSpec(
    "actions",
    False,
    ("action_id", "date"),
    ("kind", "participants", "lead_actor", "gap_key", "indicator_id", "title", "notes", "status"),
)
LOGFRAME = SheetSpec(
    "logframe", False, ("indicator_id",), ("level", "name", "kpi", "basis", "baseline_round", "target", "target_round")
)
LOGFRAME_VALUE_PREFIX = "value_"
"""A logframe column ``value_<round>`` holds a value typed by hand for that round."""
SHEETS = (ACTORS, TIES, ROUNDS, RESPONDENTS, ATTRIBUTES, ACTIONS, LOGFRAME)
