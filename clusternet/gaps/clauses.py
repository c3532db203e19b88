"""Clauses that the sentences of several kinds of gap share: lists of actors, attribute values, silence.

Each is a message nested in a gap's parameters, so a list of actors is written as names or codes
by the renderer and its "and" is translated with the rest of the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clusternet.messages import Actor, ActorList, Message, Param, message, plural_message

AND = message("gap.clause.and", "{first} and {last}")
AND_MORE = plural_message("gap.clause.and_more", "{actors} and {count} more", "{actors} and {count} more")
ATTRIBUTE_VALUE = message("gap.clause.attribute_value", "{attribute} {value}")
"""A group of actors by one attribute value: "village North"."""
DID_NOT_ANSWER = message(
    "gap.clause.did_not_answer", " It did not answer this round, so some of its ties may be missing."
)
"""``silent`` of an isolated or peripheral actor that did not answer the round (blank when it did)."""


def actor_list(actor_ids: Iterable[str], limit: int = 4) -> Param:
    """Actors as "A, B and C", or "A, B, C, D and 5 more" when there are more than ``limit``."""
    ids = tuple(actor_ids)
    if len(ids) > limit:
        return AND_MORE(actors=ActorList(ids[:limit]), count=len(ids) - limit)
    if len(ids) < 2:
        return ActorList(ids)
    return AND(first=ActorList(ids[:-1]), last=Actor(ids[-1]))


def attribute_values(values: Sequence[tuple[str, object]]) -> Message:
    """One or two attribute values: "village North", or "village North and sector dyeing"."""
    first, *rest = (ATTRIBUTE_VALUE(attribute=attribute, value=str(value)) for attribute, value in values)
    if not rest:
        return first
    [last] = rest
    return AND(first=first, last=last)
