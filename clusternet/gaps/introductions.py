"""Introductions: two actors without a tie who trust the same partners, "introduce A to B, through C"."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from clusternet.gaps.clauses import actor_list, attribute_values
from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import GapWording, Opportunity, clip
from clusternet.messages import Actor, Message, message
from clusternet.survey.vocabulary import FIRM_TYPES, INSTITUTION_TYPES

INTRODUCTION = GapWording(
    message(
        "gap.introduction.explanation",
        "{first} and {second} are not tied, yet both trust {partners} (rated {high_trust:.0f} or more); {reason}.",
    ),
    message("gap.introduction.action", "Introduce {first} to {second}, through {through}."),
)
SAME_SEGMENT = message(
    "gap.introduction.reason.same_segment", "both are firms with {segment}: candidates for a joint action"
)
FIRMS = message("gap.introduction.reason.firms", "both are firms of the cluster: candidates for a joint action")
SERVICES = message("gap.introduction.reason.services", "{institution} offers services ({type}) that firms need")
SHARED_PARTNERS = message("gap.introduction.reason.shared_partners", "they share trusted partners")


def fit(context: GapContext, first: str, second: str) -> tuple[float, Message]:
    """How well a pair fits, and why: peers of one segment can act jointly, firms need institutions."""
    a, b = context.actors.loc[first], context.actors.loc[second]
    if a["type"] in FIRM_TYPES and b["type"] in FIRM_TYPES:
        shared = [(column, a[column]) for column in context.group_attributes if a[column] == b[column]]
        if shared:
            return 1.0, SAME_SEGMENT(segment=attribute_values(shared[:2]))
        return 0.8, FIRMS()
    types = {a["type"], b["type"]}
    if types & FIRM_TYPES and types & INSTITUTION_TYPES:
        institution = second if b["type"] in INSTITUTION_TYPES else first
        return 0.8, SERVICES(institution=Actor(institution), type=str(context.actors.loc[institution, "type"]))
    return 0.5, SHARED_PARTNERS()


def introductions(context: GapContext) -> list[Opportunity]:
    """``introduction``: pairs not tied who both rate at least ``min_shared_partners`` partners highly.

    Intensity = min(1, shared trusted partners / 4) x fit (1 same segment of firms, 0.8 firms or
    firm and institution, 0.5 otherwise). The intermediary proposed is the shared partner the two
    trust most together.
    """
    config = context.config
    trusted_by = defaultdict(set)
    for (source, target), rating in context.trust.items():
        if rating >= config.high_trust:
            trusted_by[target].add(source)
    shared = defaultdict(list)
    for partner, raters in trusted_by.items():
        for first, second in combinations(sorted(raters), 2):
            shared[first, second].append(partner)
    opportunities = []
    for (first, second), partners in shared.items():
        if len(partners) < config.min_shared_partners or context.ties.has_edge(first, second):
            continue
        partners.sort(key=lambda partner: -(context.trust[first, partner] + context.trust[second, partner]))
        through = partners[0]
        weight, reason = fit(context, first, second)
        intensity = min(1.0, len(partners) / 4) * weight
        opportunities.append(
            Opportunity(
                "introduction",
                (first, second, through),
                clip(config.weight("introduction") * intensity),
                INTRODUCTION(
                    first=Actor(first),
                    second=Actor(second),
                    partners=actor_list(partners),
                    high_trust=config.high_trust,
                    reason=reason,
                    through=Actor(through),
                ),
                {"shared_trusted_partners": len(partners)},
                key=f"{first}|{second}",
            )
        )
    opportunities.sort(key=lambda item: (-item.score, item.key))
    return opportunities[: config.max_introductions]
