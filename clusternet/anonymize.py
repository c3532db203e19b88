"""Codes instead of names, for workshops and shared files: no actor name may leak.

An anonymised audience sees a *redacted* survey (:func:`redacted_survey`): its private attributes
dropped, types of fewer than k actors pooled, its rows in an order that is not the file's (files are
often sorted by name). Each actor appears by a code that says its type and a number (``FIRM-07``,
``INST-02``): enough to read a map in a workshop, nothing that names an organisation. Numbers are
drawn in an order fixed by a secret key (:func:`new_key`), so that nobody holding the survey or a
named export can rebuild them; the same key gives the same codes and map, for a set of files that
belong together.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from clusternet.survey import Survey
from clusternet.survey.vocabulary import POOLED_TYPE, PRIVATE, SAFE, UNKNOWN_TYPE

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

TIE_COLUMNS = ("source", "target", "round", "relation", "trust", "weight")
"""The tie columns an anonymised audience's analyses see: further columns of the ties sheet (a
comment, an interviewer's note) are free text and stay with the broker."""


KEY_VARIABLE = "CLUSTERNET_ANONYMIZE_KEY"
"""Environment variable holding the anonymised set's key, for codes that match across runs and the app."""


def new_key() -> str:
    """A fresh secret key for one anonymised set of outputs (128 random bits, as hex)."""
    return secrets.token_hex(16)


def configured_key() -> str:
    """The key of ``CLUSTERNET_ANONYMIZE_KEY`` when it is set, else a fresh one (:func:`new_key`)."""
    return os.environ.get(KEY_VARIABLE, "").strip() or new_key()


def layout_seed(key: str) -> int:
    """The map layout's seed for an anonymised set: its own positions, never the named map's."""
    return int(hashlib.sha256(f"layout|{key}".encode()).hexdigest()[:8], 16) + 1


def actor_codes(actors: pd.DataFrame, salt: str = "", min_actors: int = 1) -> dict[str, str]:
    """Map each ``actor_id`` to a code by type, numbered in an order fixed by ``salt`` and the id.

    Pass the anonymised set's secret key as ``salt``: codes stay the same for every output made
    with that key, and nobody without it can number them. A type held by fewer than ``min_actors``
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


def code_order(code: str) -> tuple[str, int]:
    """Where ``code`` comes in a list of codes: by prefix, then by number (FIRM-9 before FIRM-10)."""
    prefix, _, number = code.rpartition("-")
    return prefix, int(number)


def private_attributes(actors: pd.DataFrame, min_actors: int, marks: Mapping[str, str] | None = None) -> list[str]:
    """The attributes an anonymised audience may not see: every one but the allowed (an allow-list).

    Allowed are ``type`` and the text attributes whose every value, blank included, is held by at
    least ``min_actors`` actors (k) and names no actor: a village of thirty firms, a sector. Numbers
    (a phone, a registration number, the looms of one workshop), free text (a contact person, a note),
    a value held by fewer than k actors (the one firm in the capital), and values that are other
    actors' names (``main_buyer``) are private: each could point at one organisation. ``marks`` (the
    survey's ``attributes`` sheet: column -> ``safe`` or ``private``) decide for the columns they name.
    """
    marks = marks or {}
    named = {str(text).strip().casefold() for text in [*actors["actor_id"], *actors["name"]] if str(text).strip()}
    private = []
    for column in actors.columns:
        if column in IDENTIFYING_COLUMNS or column == "type" or marks.get(column) == SAFE:
            continue
        if marks.get(column) == PRIVATE:
            private.append(column)
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


def pooled_types(types: pd.Series[str], min_actors: int) -> pd.Series[str]:
    """Actor types as an anonymised audience sees them: a type held by fewer than ``min_actors``
    actors (the only bank) becomes :data:`~clusternet.survey.vocabulary.POOLED_TYPE`."""
    sizes = types.value_counts()
    small = sizes.index[sizes < min_actors]
    return types.where(~types.isin(small), POOLED_TYPE)


def redacted_survey(survey: Survey, min_actors: int, key: str) -> Survey:
    """The survey an anonymised audience's analyses run on, so that nothing private can reach any
    table, map, graph file or sentence made from it.

    Private attributes (:func:`private_attributes`, at k = ``min_actors``) and further tie columns
    are dropped, and the facilitation log's free text (title, notes) and gap keys (they can name
    actors or attribute values); types of fewer than k actors are pooled (:func:`pooled_types`); names are the ids
    (an anonymised output shows codes); actors, ties and respondents are put in the order of the
    actors' codes under the set's secret ``key`` (:func:`actor_codes`): a file's row order often
    follows names, and an order anyone could compute from the survey would link rows to actors.
    Measures that do not group by type are the same as the named survey's.
    """
    private = private_attributes(survey.actors, min_actors, survey.attribute_privacy)
    actors = survey.actors.drop(columns=private)
    actors["type"] = pooled_types(actors["type"], min_actors)
    actors["name"] = actors["actor_id"]
    codes = actor_codes(actors, salt=key, min_actors=min_actors)
    order = [code_order(codes[str(actor)]) for actor in actors["actor_id"]]
    actors = actors.iloc[sorted(range(len(actors)), key=order.__getitem__)]
    rank = {actor: position for position, actor in enumerate(actors["actor_id"])}
    ties = survey.ties[[column for column in TIE_COLUMNS if column in survey.ties.columns]]
    ties = ties.sort_values(["source", "target"], key=lambda ids: ids.map(rank), kind="stable")
    respondents = survey.respondents.sort_values("actor_id", key=lambda ids: ids.map(rank), kind="stable")
    return replace(
        survey,
        actors=actors.reset_index(drop=True),
        ties=ties.reset_index(drop=True),
        respondents=respondents.reset_index(drop=True),
        source="",
        warnings=(),
        attribute_privacy={},
        actions=survey.actions.assign(title="", notes="", gap_key=""),
    )


def anonymize_actor_table(table: pd.DataFrame, codes: dict[str, str], hidden: list[str]) -> pd.DataFrame:
    """A table keyed by ``actor_id`` with ids and names replaced by codes and ``hidden`` columns dropped."""
    anonymous = table.drop(columns=[column for column in hidden if column in table.columns])
    anonymous["actor_id"] = anonymous["actor_id"].map(codes)
    if "name" in anonymous.columns:
        anonymous["name"] = anonymous["actor_id"]
    return anonymous
