"""What hovering an actor on the map says: plain text, the same in the app and in every export."""

from __future__ import annotations

from typing import Any

import pandas as pd

from clusternet.messages import Actor, Message, message, plural_message

ACTOR = message("map.actor.name", "{actor}")
TYPE = message("map.actor.type", "type: {type}")
PARTNERS = message("map.actor.partners", "partners: {partners}")
TRUST_RECEIVED = plural_message(
    "map.actor.trust_received",
    "trust received: {trust:.1f} ({count} rating)",
    "trust received: {trust:.1f} ({count} ratings)",
)
BETWEENNESS = message("map.actor.betweenness", "betweenness: {share:.1%} of pairs")
COMMUNITY = message("map.actor.community", "community: {community}")
NOT_ANSWERED = message("map.actor.not_answered", "did not answer this round")


def actor_tooltip(row: pd.Series[Any], actor_id: str) -> list[Message]:
    """A node's hover text, one message per line: who it is (written as a name or a code) and its key
    measures, from its row of the actors table as the audience sees it (a blank trust is left out)."""
    lines = [ACTOR(actor=Actor(actor_id)), TYPE(type=str(row["type"])), PARTNERS(partners=int(row["degree"]))]
    if row["trust_received_n"] and not pd.isna(row["trust_received"]):
        lines.append(TRUST_RECEIVED(trust=float(row["trust_received"]), count=int(row["trust_received_n"])))
    lines.append(BETWEENNESS(share=float(row["betweenness_norm"])))
    lines.append(COMMUNITY(community=int(row["community"])))
    if not row["respondent"]:
        lines.append(NOT_ANSWERED())
    return lines
