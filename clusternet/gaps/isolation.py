"""Isolated and peripheral actors: no tie, or a single one; firms without an institution most of all."""

from __future__ import annotations

import numpy as np

from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import Opportunity, clip
from clusternet.survey.vocabulary import FIRM_TYPES


def nearby_host(context: GapContext, actor_id: str) -> str | None:
    """A well-trusted, connected actor who shares the most attributes with ``actor_id`` (same village...)."""
    at = context.positions[actor_id]
    connected = context.actors["degree"].to_numpy() > 0
    connected[at] = False
    if not connected.any():
        return None
    codes = context.attribute_codes
    if codes.shape[1]:
        own = codes[at]
        shared = ((codes == own) & (own >= 0)).sum(axis=1)
        connected &= shared == shared[connected].max()
    return context.best_trusted_at(np.flatnonzero(connected))


def isolated_and_peripheral(context: GapContext) -> list[Opportunity]:
    """One opportunity per actor with no tie (``isolated_actor``) or one tie (``peripheral_actor``).

    Intensity: 1 for a firm without any tie to a support institution, less for other actors, and
    halved for actors who did not answer the survey (their ties may simply be unreported).
    """
    opportunities = []
    for actor_id, row in context.actors.loc[context.actors["degree"] <= 1].iterrows():
        is_firm = row["type"] in FIRM_TYPES
        unreached_firm = is_firm and row["ties_to_institutions"] == 0
        intensity = 1.0 if unreached_firm else 0.8 if is_firm else 0.6
        if not row["respondent"]:
            intensity /= 2
        name = context.label(actor_id)
        host = nearby_host(context, actor_id)
        host_text = f" {context.label(host)} is well trusted and close to it" if host else ""
        silent = " It did not answer this round, so some of its ties may be missing." if not row["respondent"] else ""
        if row["degree"] == 0:
            kind = "isolated_actor"
            explanation = (
                f"{name} ({row['type']}) has no tie in this round: it named no one and no one named it.{silent}"
            )
            action = (
                f"Visit {name} and invite it to the next cluster meeting;{host_text} and could introduce it."
                if host
                else f"Visit {name} and invite it to the next cluster meeting."
            )
            actors = (actor_id,) + ((host,) if host else ())
        else:
            kind = "peripheral_actor"
            partner = next(iter(set(context.ties.neighbors(actor_id))))
            no_institution = " and none to a support institution" if unreached_firm else ""
            explanation = (
                f"{name} ({row['type']}) has a single tie, to {context.label(partner)}{no_institution}: "
                f"if that tie breaks it is cut off.{silent}"
            )
            second = host if host not in (None, partner) else None
            action = (
                f"Give {name} a second partner: introduce it to {context.label(second)}."
                if second
                else f"Give {name} a second partner at the next cluster meeting."
            )
            actors = (actor_id, partner) + ((second,) if second else ())
        opportunities.append(
            Opportunity(
                kind,
                actors,
                clip(context.config.weight(kind) * intensity),
                explanation,
                action,
                {"degree": int(row["degree"]), "respondent": bool(row["respondent"])},
                key=actor_id,
            )
        )
    return opportunities
