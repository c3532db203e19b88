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
"""Code prefix by actor type; types outside the recommended list, and types held by too few actors to
hide among (fewer than k), are coded ``INST``."""

POOLED_PREFIX = "INST"

IDENTIFYING_COLUMNS = ("actor_id", "name")


def actor_codes(actors: pd.DataFrame, salt: str = "", min_actors: int = 1) -> dict[str, str]:
    """Map each ``actor_id`` to a code by type, numbered in an order fixed by ``salt`` and the id.

    Pass the survey's fingerprint as ``salt`` so that codes stay the same for one survey
    throughout a session and in every export made from it. A type held by fewer than ``min_actors``
    actors (k: the only bank of a cluster) shares the prefix ``INST`` with the other small types, so
    that its code does not name it.
    """
    sizes = actors["type"].value_counts()
    small = set(sizes.index[sizes < min_actors])
    order = sorted(
        zip(actors["actor_id"], actors["type"]),
        key=lambda actor: hashlib.sha256(f"{salt}|{actor[0]}".encode()).hexdigest(),
    )
    counters: dict[str, int] = {}
    codes: dict[str, str] = {}
    for actor_id, actor_type in order:
        prefix = POOLED_PREFIX if actor_type in small else TYPE_PREFIXES.get(actor_type, POOLED_PREFIX)
        counters[prefix] = counters.get(prefix, 0) + 1
        codes[actor_id] = f"{prefix}-{counters[prefix]:02d}"
    return codes


def private_attributes(actors: pd.DataFrame, min_actors: int) -> list[str]:
    """The attributes an anonymised audience may not see: every one but the allowed (an allow-list).

    Allowed are ``type`` and the text attributes whose every value, blank included, is held by at
    least ``min_actors`` actors (k) and names no actor: a village of thirty firms, a sector. Numbers
    (a phone, a registration number, the looms of one workshop), free text (a contact person, a note),
    a value held by fewer than k actors (the one firm in the capital), and values that are other
    actors' names (``main_buyer``) are private: each could point at one organisation.
    """
    named = {str(text).strip().casefold() for text in [*actors["actor_id"], *actors["name"]] if str(text).strip()}
    private = []
    for column in actors.columns:
        if column in IDENTIFYING_COLUMNS or column == "type":
            continue
        values = actors[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            private.append(column)
            continue
        written = values.astype("string").fillna("").str.strip()
        counts = written.value_counts()
        names_an_actor = any(value.casefold() in named for value in counts.index if value)
        if names_an_actor or (counts < min_actors).any():
            private.append(column)
    return private


def anonymize_actor_table(table: pd.DataFrame, codes: dict[str, str], hidden: list[str]) -> pd.DataFrame:
    """A table keyed by ``actor_id`` with ids and names replaced by codes and ``hidden`` columns dropped."""
    anonymous = table.drop(columns=[column for column in hidden if column in table.columns])
    anonymous["actor_id"] = anonymous["actor_id"].map(codes)
    if "name" in anonymous.columns:
        anonymous["name"] = anonymous["actor_id"]
    return anonymous
