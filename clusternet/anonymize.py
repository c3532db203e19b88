"""Codes instead of names, for workshops and shared files: no actor name may leak.

An actor's code says its type and a number (``FIRM-07``, ``NGO-01``): enough to read a map in a
workshop, nothing that names an organisation. Numbers are drawn in an order that depends on the
survey's content, not on the file's row order (which often follows names alphabetically).
"""

from __future__ import annotations

import hashlib

import pandas as pd

from clusternet.survey.vocabulary import UNKNOWN_TYPE

TYPE_PREFIXES = {
    "firm": "FIRM",
    "association": "ASSOC",
    "government": "GOV",
    "ngo": "NGO",
    "university": "UNI",
    "training": "TRAIN",
    "bds": "BDS",
    "finance": "FIN",
    "buyer": "BUYER",
    "supplier": "SUPPL",
    "other": "OTHER",
    UNKNOWN_TYPE: "ACTOR",
}
"""Code prefix by actor type; types outside the recommended list are coded ``INST``."""

IDENTIFYING_COLUMNS = ("actor_id", "name")


def actor_codes(actors: pd.DataFrame, salt: str = "") -> dict[str, str]:
    """Map each ``actor_id`` to a code by type, numbered in an order fixed by ``salt`` and the id.

    Pass the survey's fingerprint as ``salt`` so that codes stay the same for one survey
    throughout a session and in every export made from it.
    """
    order = sorted(
        zip(actors["actor_id"], actors["type"]),
        key=lambda actor: hashlib.sha256(f"{salt}|{actor[0]}".encode()).hexdigest(),
    )
    counters: dict[str, int] = {}
    codes: dict[str, str] = {}
    for actor_id, actor_type in order:
        prefix = TYPE_PREFIXES.get(actor_type, "INST")
        counters[prefix] = counters.get(prefix, 0) + 1
        codes[actor_id] = f"{prefix}-{counters[prefix]:02d}"
    return codes


def free_text_columns(actors: pd.DataFrame, max_share_distinct: float = 0.5) -> list[str]:
    """Text attributes whose values mostly differ from actor to actor (contact person, address, notes).

    Such columns identify an actor as surely as its name; grouping attributes (village, sector)
    repeat across actors and are kept.
    """
    columns = []
    for column in actors.columns:
        if column in IDENTIFYING_COLUMNS or column == "type":
            continue
        values = actors[column].dropna()
        is_text = not pd.api.types.is_numeric_dtype(values)
        if is_text and len(values) and values.nunique() > max(3, max_share_distinct * len(actors)):
            columns.append(column)
    return columns


def anonymize_actor_table(table: pd.DataFrame, codes: dict[str, str], actors: pd.DataFrame) -> pd.DataFrame:
    """A table keyed by ``actor_id`` with ids and names replaced by codes and free text dropped."""
    hidden = free_text_columns(actors)
    anonymous = table.drop(columns=[column for column in hidden if column in table.columns])
    anonymous["actor_id"] = anonymous["actor_id"].map(codes)
    if "name" in anonymous.columns:
        anonymous["name"] = anonymous["actor_id"]
    return anonymous
