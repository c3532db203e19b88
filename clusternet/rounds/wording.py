"""How the messages of the rounds list several things: quoted labels, actors, clauses.

A message names actors through :class:`~clusternet.messages.Actor` and
:class:`~clusternet.messages.ActorList` parameters, so that the renderer writes names or codes;
the listings here are nested messages built from them, so that a translator sees every word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clusternet.messages import Actor, ActorList, Message, Template, message

LISTED_ACTORS = 8
"""How many actors a note names before it says "and N more"."""

SEVERAL_ACTORS = message("round.wording.several_actors", "{actors} and {last}")
MANY_ACTORS = message("round.wording.many_actors", "{actors} and {count} more")
SEMICOLON_LIST = message("round.wording.semicolon_list", "{first}; {rest}")
COMMA_LIST = message("round.wording.comma_list", "{first}, {rest}")


def quoted(labels: Iterable[str]) -> str:
    """Survey labels (rounds, relations) as the user wrote them, each quoted: ``"baseline", "endline"``."""
    return ", ".join(f'"{label}"' for label in labels)


def actor_listing(actors: Sequence[str], limit: int = LISTED_ACTORS) -> Actor | Message:
    """``A``, ``A, B and C``, or the first ``limit`` actors and ``and N more``, as a message parameter.

    >>> actor_listing(["W01"])
    Actor(id='W01')
    >>> str(actor_listing(["W01", "W02", "W03"])), str(actor_listing(["W01", "W02", "W03"], limit=2))
    ('W01, W02 and W03', 'W01, W02 and 1 more')
    """
    if len(actors) > limit:
        return MANY_ACTORS(actors=ActorList(tuple(actors[:limit])), count=len(actors) - limit)
    if len(actors) == 1:
        return Actor(actors[0])
    return SEVERAL_ACTORS(actors=ActorList(tuple(actors[:-1])), last=Actor(actors[-1]))


def one_after_another(items: Sequence[Message], pair: Template = COMMA_LIST) -> Message:
    """Several messages as one, each joined to the rest by ``pair``, a template of ``{first}`` and ``{rest}``.

    >>> from clusternet.messages import message
    >>> item = message("test.wording.item", "item {number}")
    >>> str(one_after_another([item(number=1), item(number=2), item(number=3)], SEMICOLON_LIST))
    'item 1; item 2; item 3'
    """
    joined = items[-1]
    for item in reversed(items[:-1]):
        joined = pair(first=item, rest=joined)
    return joined
