"""Isolated and peripheral actors: no tie, or a single one; firms without an institution most of all."""

from __future__ import annotations

import numpy as np

from clusternet.gaps.clauses import DID_NOT_ANSWER
from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import GapWording, Opportunity, clip
from clusternet.messages import Actor, Param, message
from clusternet.survey.vocabulary import FIRM_TYPES

ISOLATED = GapWording(
    message(
        "gap.isolated_actor.explanation",
        "{actor} ({type}) has no tie in this round: it named no one and no one named it.{silent}",
    ),
    message("gap.isolated_actor.action", "Visit {actor} and invite it to the next cluster meeting."),
)
ISOLATED_WITH_HOST = GapWording(
    message(
        "gap.isolated_actor.with_host.explanation",
        "{actor} ({type}) has no tie in this round: it named no one and no one named it.{silent}",
    ),
    message(
        "gap.isolated_actor.with_host.action",
        "Visit {actor} and invite it to the next cluster meeting; {host} is well trusted and close to it "
        "and could introduce it.",
    ),
)
PERIPHERAL = GapWording(
    message(
        "gap.peripheral_actor.explanation",
        "{actor} ({type}) has a single tie, to {partner}{no_institution}: if that tie breaks it is cut off.{silent}",
    ),
    message("gap.peripheral_actor.action", "Give {actor} a second partner at the next cluster meeting."),
)
PERIPHERAL_WITH_HOST = GapWording(
    message(
        "gap.peripheral_actor.with_host.explanation",
        "{actor} ({type}) has a single tie, to {partner}{no_institution}: if that tie breaks it is cut off.{silent}",
    ),
    message("gap.peripheral_actor.with_host.action", "Give {actor} a second partner: introduce it to {host}."),
)
NO_INSTITUTION = message("gap.peripheral_actor.clause.no_institution", " and none to a support institution")
"""``no_institution``: a firm whose single tie is not to a support institution (blank otherwise)."""


class NearbyHosts:
    """The host who could introduce each actor of one context: a well-trusted, connected actor who
    shares the most attributes with it (same village...).

    The hosts an actor could have depend only on its attribute values, and an actor shares all of its
    own: so the best host of every actor with the same values is the same, unless it would be the
    actor itself (then it is found again without it). A round with a few hundred actors of one or
    two ties, most in a handful of villages, thus ranks a handful of candidate sets, not hundreds.
    """

    def __init__(self, context: GapContext) -> None:
        self.context = context
        self.connected = context.actors["degree"].to_numpy() > 0
        self._best: dict[tuple[int, ...], str | None] = {}

    def of(self, actor_id: str) -> str | None:
        """The host of ``actor_id`` (None when no other actor has a tie)."""
        at = self.context.positions[actor_id]
        own = self.context.attribute_codes[at]
        values = tuple(own.tolist())
        if values not in self._best:
            self._best[values] = self._host(own, self.connected)
        best = self._best[values]
        if best != actor_id:
            return best
        others = self.connected.copy()
        others[at] = False
        return self._host(own, others)

    def _host(self, own: np.ndarray, connected: np.ndarray) -> str | None:
        """The best trusted of the ``connected`` actors who share the most of the values ``own``."""
        if not connected.any():
            return None
        codes = self.context.attribute_codes
        if codes.shape[1]:
            shared = ((codes == own) & (own >= 0)).sum(axis=1)
            connected = connected & (shared == shared[connected].max())
        return self.context.best_trusted_at(np.flatnonzero(connected))


def isolated_and_peripheral(context: GapContext) -> list[Opportunity]:
    """One opportunity per actor with no tie (``isolated_actor``) or one tie (``peripheral_actor``).

    Intensity: 1 for a firm without any tie to a support institution, less for other actors, and
    halved for actors who did not answer the survey (their ties may simply be unreported).
    """
    opportunities = []
    hosts = NearbyHosts(context)
    few = context.actors.loc[context.actors["degree"] <= 1]
    for index, actor_type, degree, ties_to_institutions, respondent in zip(
        few.index, few["type"], few["degree"], few["ties_to_institutions"], few["respondent"]
    ):
        actor_id = str(index)
        is_firm = actor_type in FIRM_TYPES
        unreached_firm = is_firm and ties_to_institutions == 0
        intensity = 1.0 if unreached_firm else 0.8 if is_firm else 0.6
        if not respondent:
            intensity /= 2
        host = hosts.of(actor_id)
        about: dict[str, Param] = {
            "actor": Actor(actor_id),
            "type": str(actor_type),
            "silent": "" if respondent else DID_NOT_ANSWER(),
        }
        if degree == 0:
            kind = "isolated_actor"
            gap_message = ISOLATED_WITH_HOST(**about, host=Actor(host)) if host else ISOLATED(**about)
            actors = (actor_id,) + ((host,) if host else ())
        else:
            kind = "peripheral_actor"
            partner = str(next(iter(set(context.ties.neighbors(actor_id)))))
            about |= {"partner": Actor(partner), "no_institution": NO_INSTITUTION() if unreached_firm else ""}
            second = host if host not in (None, partner) else None
            gap_message = PERIPHERAL_WITH_HOST(**about, host=Actor(second)) if second else PERIPHERAL(**about)
            actors = (actor_id, partner) + ((second,) if second else ())
        opportunities.append(
            Opportunity(
                kind,
                actors,
                clip(context.config.weight(kind) * intensity),
                gap_message,
                {"degree": int(degree), "respondent": bool(respondent)},
                key=actor_id,
            )
        )
    return opportunities
