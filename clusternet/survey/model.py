"""The validated survey: actors, ties, rounds and respondents as DataFrames, and the attribute marks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd

from clusternet.messages import Message, message
from clusternet.survey.problems import Problem
from clusternet.survey.schema import ACTIONS, LOGFRAME

UNKNOWN_ROUND = message("selection.unknown_round", 'there is no round "{round}"; the rounds are {rounds}')
UNKNOWN_RELATIONS = message(
    "selection.unknown_relations", "there is no relation {unknown}; the relations are {relations}"
)
UNKNOWN_ATTRIBUTE = message(
    "selection.unknown_attribute", 'there is no actor attribute "{attribute}"; the attributes are {attributes}'
)


class SelectionError(ValueError):
    """A round, relation or attribute that the survey does not have; the message lists valid ones.

    ``message`` is the :class:`~clusternet.messages.Message` to show; ``str(error)`` is its English.
    """

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


def _listing(values: Iterable[str]) -> str:
    """Survey labels as the user wrote them, each quoted: ``"baseline", "endline"``."""
    return ", ".join(f'"{value}"' for value in values)


PARTICIPANT_SEPARATOR = ";"
"""Separates the actor ids of an action's ``participants``."""


def empty_actions() -> pd.DataFrame:
    """The facilitation log of a survey without an ``actions`` sheet: no rows, every column."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in ACTIONS.columns})
    return frame.assign(date=pd.Series(dtype="datetime64[ns]"))


def empty_logframe() -> pd.DataFrame:
    """The logframe of a survey without a ``logframe`` sheet: no rows, every column."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in LOGFRAME.columns})
    return frame.assign(target=pd.Series(dtype=float))


@dataclass(frozen=True, eq=False)
class Survey:
    """A validated cluster survey.

    - ``actors``: one row per actor, columns ``actor_id``, ``name``, ``type``, then attributes
      (numbers as numbers); ids are text.
    - ``ties``: one row per reported tie, columns ``source``, ``target``, ``round``,
      ``relation``, ``trust`` (Int64, missing when not asked), ``weight`` (float), then any
      further columns of the ties sheet.
    - ``rounds``: ``round``, ``date``, ``description``, in chronological order.
    - ``respondents``: ``round``, ``actor_id``: who answered in each round. When the survey has no
      respondents sheet they are the actors who reported at least one tie in the round, and
      ``respondents_inferred`` is true.
    - ``actions``: the facilitation log, one row per action: ``action_id``, ``date``
      (``datetime64[ns]``), ``kind``, ``participants`` (actor ids joined by ``;``), ``lead_actor``,
      ``gap_key``, ``indicator_id``, ``title``, ``notes``, ``status`` (``done`` or ``planned``);
      blank text is ``""``. No rows when the survey has no actions sheet.
    - ``logframe``: the indicators, one row each: ``indicator_id``, ``level``, ``name``, ``kpi``
      (``""`` for a value typed by hand), ``basis`` (``all`` or ``panel``), ``baseline_round``,
      ``target`` (float), ``target_round``, then ``value_<round>`` (float) for values typed by hand.
      No rows when the survey has no logframe sheet.
    - ``attribute_privacy``: the marks of the ``attributes`` sheet, actors column (as named in
      ``actors``) -> ``"safe"`` or ``"private"``; columns it does not name are unmarked. Read only.
    """

    actors: pd.DataFrame
    ties: pd.DataFrame
    rounds: pd.DataFrame
    respondents: pd.DataFrame
    source: str = ""
    warnings: tuple[Problem, ...] = ()
    respondents_inferred: bool = False
    attribute_privacy: Mapping[str, str] = field(default_factory=dict)
    actions: pd.DataFrame = field(default_factory=empty_actions)
    logframe: pd.DataFrame = field(default_factory=empty_logframe)

    @property
    def round_labels(self) -> list[str]:
        """Round labels in chronological order."""
        return list(self.rounds["round"])

    @property
    def latest_round(self) -> str:
        return self.round_labels[-1]

    @property
    def relation_labels(self) -> list[str]:
        """Relations named in the ties, in alphabetical order."""
        return sorted(self.ties["relation"].unique())

    @property
    def attribute_names(self) -> list[str]:
        """Actor columns that can group actors: ``type`` and every attribute column."""
        return [column for column in self.actors.columns if column not in ("actor_id", "name")]

    def respondents_in(self, round_label: str) -> frozenset[str]:
        """Actor ids who answered in ``round_label``."""
        self.check_round(round_label)
        in_round = self.respondents["round"] == round_label
        return frozenset(self.respondents.loc[in_round, "actor_id"])

    def check_round(self, round_label: str) -> str:
        if round_label not in self.round_labels:
            raise SelectionError(UNKNOWN_ROUND(round=round_label, rounds=_listing(self.round_labels)))
        return round_label

    def check_relations(self, relations: Iterable[str]) -> list[str]:
        relations = list(relations)
        unknown = [relation for relation in relations if relation not in self.relation_labels]
        if unknown:
            raise SelectionError(UNKNOWN_RELATIONS(unknown=_listing(unknown), relations=_listing(self.relation_labels)))
        return relations

    def check_attribute(self, attribute: str) -> str:
        if attribute not in self.attribute_names:
            raise SelectionError(UNKNOWN_ATTRIBUTE(attribute=attribute, attributes=_listing(self.attribute_names)))
        return attribute

    def ties_in(self, round_label: str | None = None, relations: Iterable[str] | None = None) -> pd.DataFrame:
        """Tie rows of one round (default: the latest) and of the given relations (default: all)."""
        round_label = self.check_round(round_label if round_label is not None else self.latest_round)
        selected = self.ties["round"] == round_label
        if relations is not None:
            selected &= self.ties["relation"].isin(self.check_relations(relations))
        return self.ties.loc[selected].reset_index(drop=True)

    def select(self, round_label: str | None = None, relations: Iterable[str] | None = None) -> Survey:
        """The same survey restricted to one round and some relations (all actors are kept)."""
        round_label = self.check_round(round_label if round_label is not None else self.latest_round)
        return replace(
            self,
            ties=self.ties_in(round_label, relations),
            rounds=self.rounds.loc[self.rounds["round"] == round_label].reset_index(drop=True),
            respondents=self.respondents.loc[self.respondents["round"] == round_label].reset_index(drop=True),
        )

    def response_rate(self, round_label: str) -> float:
        """Share of the actors who answered in the round."""
        return len(self.respondents_in(round_label)) / len(self.actors) if len(self.actors) else float("nan")

    @cached_property
    def fingerprint(self) -> str:
        """A digest of the survey's content, a cache key that changes whenever any value does."""
        digest = hashlib.sha256()
        for frame in (self.actors, self.ties, self.rounds, self.respondents):
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
            digest.update("|".join(map(str, frame.columns)).encode())
        if self.attribute_privacy:  # a survey without marks keeps the digest it always had
            digest.update(json.dumps(sorted(self.attribute_privacy.items())).encode())
        for frame in (self.actions, self.logframe):  # nor does one without a log or a logframe
            if len(frame):
                digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
                digest.update("|".join(map(str, frame.columns)).encode())
        return digest.hexdigest()
