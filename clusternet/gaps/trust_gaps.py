"""Trust gaps: actors trusted little, one-sided trust, and ties only one side reports."""

from __future__ import annotations

from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import Opportunity, clip
from clusternet.graph import UNCONFIRMED


def low_trust(context: GapContext) -> list[Opportunity]:
    """``low_trust``: actors whose mean trust received is at or below ``low_trust``, from enough ratings.

    Intensity runs from 0 at ``high_trust`` to 1 at a mean rating of 1.
    """
    config = context.config
    opportunities = []
    rated = context.actors.loc[context.actors["trust_received_n"] >= config.min_ratings]
    for actor, row in rated.loc[rated["trust_received"] <= config.low_trust].iterrows():
        name = context.label(actor)
        intensity = clip((config.high_trust - row["trust_received"]) / (config.high_trust - 1))
        opportunities.append(
            Opportunity(
                "low_trust",
                (actor,),
                clip(config.weight("low_trust") * intensity),
                f"{name} is trusted little: a mean rating of {row['trust_received']:.1f} from "
                f"{int(row['trust_received_n'])} partners.",
                f"Talk with {name} and its partners about what blocks trust; start with a small joint task "
                f"with clear, shared rules.",
                {"trust_received": float(row["trust_received"]), "ratings": int(row["trust_received_n"])},
                key=actor,
            )
        )
    return opportunities


def trust_asymmetry(context: GapContext) -> list[Opportunity]:
    """``trust_asymmetry``: A rates B ``high_trust`` or more while B rates A ``low_trust`` or less."""
    config = context.config
    opportunities = []
    for (source, target), given in context.trust.items():
        back = context.trust.get((target, source))
        if back is None or given < config.high_trust or back > config.low_trust:
            continue
        intensity = clip((given - back) / 4)
        opportunities.append(
            Opportunity(
                "trust_asymmetry",
                (source, target),
                clip(config.weight("trust_asymmetry") * intensity),
                f"{context.label(source)} trusts {context.label(target)} ({given:.0f} of 5) but "
                f"{context.label(target)} trusts {context.label(source)} little ({back:.0f} of 5).",
                f"Meet {context.label(target)} to learn why; a small, visible joint task can rebuild trust.",
                {"given": given, "received": back},
                key=f"{source}|{target}",
            )
        )
    return opportunities


def unconfirmed_ties(context: GapContext) -> list[Opportunity]:
    """``unconfirmed_tie``: a tie one respondent reports and the other, who also answered, does not."""
    opportunities = []
    for source, target, data in context.analysis.reported.edges(data=True):
        if data["status"] != UNCONFIRMED:
            continue
        relations = ", ".join(data["relations"]).replace("_", " ")
        opportunities.append(
            Opportunity(
                "unconfirmed_tie",
                (source, target),
                clip(context.config.weight("unconfirmed_tie")),
                f"{context.label(source)} reports a tie to {context.label(target)} ({relations}), but "
                f"{context.label(target)}, who answered the survey, does not report it.",
                "Check with both: a one-sided tie is often a relationship that one side values more.",
                {"relations": data["relations"]},
                key=f"{source}|{target}",
            )
        )
    return opportunities
