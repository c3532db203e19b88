"""Trust gaps: actors trusted little, one-sided trust, and ties only one side reports."""

from __future__ import annotations

from clusternet.constants import TRUST_MAX, TRUST_MIN
from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import GapWording, Opportunity, clip
from clusternet.graph import UNCONFIRMED
from clusternet.messages import Actor, message

TRUSTED_LITTLE = GapWording(
    message(
        "gap.low_trust.explanation", "{actor} is trusted little: a mean rating of {trust:.1f} from {ratings} partners."
    ),
    message(
        "gap.low_trust.action",
        "Talk with {actor} and its partners about what blocks trust; start with a small joint task "
        "with clear, shared rules.",
    ),
)
ONE_SIDED_TRUST = GapWording(
    message(
        "gap.trust_asymmetry.explanation",
        "{truster} trusts {trusted} ({given:.0f} of {top}) but {trusted} trusts {truster} little "
        "({back:.0f} of {top}).",
    ),
    message(
        "gap.trust_asymmetry.action", "Meet {trusted} to learn why; a small, visible joint task can rebuild trust."
    ),
)
UNCONFIRMED_TIE = GapWording(
    message(
        "gap.unconfirmed_tie.explanation",
        "{reporter} reports a tie to {partner} ({relations}), but {partner}, who answered the survey, "
        "does not report it.",
    ),
    message(
        "gap.unconfirmed_tie.action",
        "Check with both: a one-sided tie is often a relationship that one side values more.",
    ),
)


def low_trust(context: GapContext) -> list[Opportunity]:
    """``low_trust``: actors whose mean trust received is at or below ``low_trust``, from enough ratings.

    Intensity runs from 0 at ``high_trust`` to 1 at a mean rating of 1.
    """
    config = context.config
    opportunities = []
    rated = context.actors.loc[context.actors["trust_received_n"] >= config.min_ratings]
    for index, row in rated.loc[rated["trust_received"] <= config.low_trust].iterrows():
        actor = str(index)
        trust, ratings = float(row["trust_received"]), int(row["trust_received_n"])
        intensity = clip((config.high_trust - trust) / (config.high_trust - TRUST_MIN))
        opportunities.append(
            Opportunity(
                "low_trust",
                (actor,),
                clip(config.weight("low_trust") * intensity),
                TRUSTED_LITTLE(actor=Actor(actor), trust=trust, ratings=ratings),
                {"trust_received": trust, "ratings": ratings},
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
        intensity = clip((given - back) / (TRUST_MAX - TRUST_MIN))
        opportunities.append(
            Opportunity(
                "trust_asymmetry",
                (source, target),
                clip(config.weight("trust_asymmetry") * intensity),
                ONE_SIDED_TRUST(truster=Actor(source), trusted=Actor(target), given=given, back=back, top=TRUST_MAX),
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
                UNCONFIRMED_TIE(reporter=Actor(source), partner=Actor(target), relations=relations),
                {"relations": data["relations"]},
                key=f"{source}|{target}",
            )
        )
    return opportunities
