"""Introductions: two actors without a tie who trust the same partners, "introduce A to B, through C"."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

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
    opportunities = []
    for (first, second), partners in shared_trusted_partners(context).items():
        if context.ties.has_edge(first, second):
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


def shared_trusted_partners(context: GapContext) -> dict[tuple[str, str], list[str]]:
    """Every pair of actors (the two ids in sorted order) who both rate at least ``min_shared_partners``
    (and at least one) of the same partners ``high_trust`` or more, with those partners in the order
    the ratings first name them.

    The pairs come from the product of the matrix of high ratings (rater x partner) with its
    transpose, which counts every pair's shared partners at once: an institution that a thousand
    firms trust makes half a million pairs, too many to list one by one.
    """
    high = [pair for pair, rating in context.trust.items() if rating >= context.config.high_trust]
    raters = sorted({source for source, _ in high})
    partners = list(dict.fromkeys(target for _, target in high))
    rater_at = {rater: at for at, rater in enumerate(raters)}
    partner_at = {partner: at for at, partner in enumerate(partners)}
    rows = np.fromiter((rater_at[source] for source, _ in high), dtype=np.int64, count=len(high))
    columns = np.fromiter((partner_at[target] for _, target in high), dtype=np.int64, count=len(high))
    rated = sp.csr_array((np.ones(len(high), dtype=np.int64), (rows, columns)), shape=(len(raters), len(partners)))
    rated.sort_indices()
    counts = sp.triu(rated @ rated.T, k=1).tocoo()
    enough = counts.data >= max(1, context.config.min_shared_partners)
    shared: dict[tuple[str, str], list[str]] = {}
    for first, second in zip(counts.row[enough].tolist(), counts.col[enough].tolist()):
        both = np.intersect1d(_row(rated, first), _row(rated, second), assume_unique=True)
        shared[raters[first], raters[second]] = [partners[at] for at in both.tolist()]
    return shared


def _row(matrix: sp.csr_array, row: int) -> np.ndarray:
    """The columns of a row's entries (sorted: ``matrix`` has sorted indices)."""
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
