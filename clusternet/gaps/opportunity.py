"""An opportunity for facilitation: what kind, who, how strong, and the message that says why and what to do.

A gap holds no English. Its :class:`~clusternet.messages.Message` has an id naming the variant of
the gap (``gap.isolated_actor.with_host``) and every parameter its two sentences need: actors as
:class:`~clusternet.messages.Actor` or :class:`~clusternet.messages.ActorList`, numbers, actor types,
group names and nested clauses. The sentences are the templates ``<id>.explanation`` and
``<id>.action``, declared together as a :class:`GapWording`; :func:`explanation_of` and
:func:`action_of` give them as messages, which the view renders for its audience (names or codes, a
language).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from clusternet.messages import Message, Param, Template, template

GAP_COLUMNS = ["kind", "actors", "score", "explanation", "action"]
"""The first columns of ``gaps.csv``, as the interface promises: the view renders ``explanation`` and
``action`` from each gap's message; evidence, ``message_id`` and ``params`` follow."""

TABLE_COLUMNS = ["kind", "actors", "score", "message", "key"]
"""The columns of :func:`opportunities_table`: ``message`` holds each gap's :class:`Message`."""


@dataclass(frozen=True)
class GapWording:
    """The two sentences of one variant of a gap: the templates ``<id>.explanation`` and ``<id>.action``.

    Calling it with the parameters of both sentences gives the gap's message (id ``<id>``).
    """

    explanation: Template
    action: Template

    def __post_init__(self) -> None:
        if self.explanation.id != f"{self.id}.explanation" or self.action.id != f"{self.id}.action":
            raise ValueError(f"{self.explanation.id} and {self.action.id} are not <id>.explanation and <id>.action")

    @cached_property
    def id(self) -> str:
        """The id of the gap variant's messages."""
        return self.explanation.id.removesuffix(".explanation")

    @cached_property
    def parameters(self) -> frozenset[str]:
        """Every parameter the two sentences use."""
        return self.explanation.parameters | self.action.parameters

    def __call__(self, **params: Param) -> Message:
        """The gap's message; ``params`` must be exactly those that the two sentences use."""
        expected = self.parameters
        if params.keys() != expected:
            raise TypeError(f"gap message {self.id} takes {sorted(expected)}, not {sorted(params)}")
        return Message(self.id, tuple(sorted(params.items())))


def explanation_of(gap_message: Message) -> Message:
    """Why a gap matters, with the numbers behind it: the template ``<id>.explanation`` of the gap's message."""
    return template(f"{gap_message.id}.explanation").bind(gap_message.arguments)


def action_of(gap_message: Message) -> Message:
    """What a broker can do about a gap: the template ``<id>.action`` of the gap's message."""
    return template(f"{gap_message.id}.action").bind(gap_message.arguments)


@dataclass(frozen=True)
class Opportunity:
    """One gap: ``score`` in [0, 1] ranks it within and across kinds; ``message`` says why and what to do
    (see :func:`explanation_of`); ``evidence`` holds the numbers."""

    kind: str
    actors: tuple[str, ...]
    score: float
    message: Message
    evidence: dict[str, object] = field(default_factory=dict)
    key: str = ""
    """Identifies the same gap across rounds (for example the pair of villages)."""

    @property
    def explanation(self) -> Message:
        return explanation_of(self.message)

    @property
    def action(self) -> Message:
        return action_of(self.message)


def clip(value: float) -> float:
    """``value`` limited to [0, 1]."""
    return min(1.0, max(0.0, float(value)))


def table_score(opportunity: Opportunity) -> float:
    """The gap's score as :func:`opportunities_table` holds it, and ranks by: 4 decimals."""
    return round(opportunity.score, 4)


def ranked(opportunities: Iterable[Opportunity]) -> list[Opportunity]:
    """Opportunities in the order of :func:`opportunities_table`: by :func:`table_score`, highest
    first, then by kind and key; equal ones keep their order."""
    return sorted(opportunities, key=lambda item: (-table_score(item), item.kind, item.key))


def opportunities_table(opportunities: Iterable[Opportunity]) -> pd.DataFrame:
    """Opportunities ranked by score, most important first (:func:`ranked`), with the columns
    :data:`TABLE_COLUMNS`; ``actors`` as a tuple of ids (never joined here: an id may hold ``;``)."""
    rows = [
        (item.kind, tuple(item.actors), table_score(item), item.message, item.key) for item in ranked(opportunities)
    ]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)
