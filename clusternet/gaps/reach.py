"""Institutional reach: support institutions that reach few firms, and segments of firms none reach."""

from __future__ import annotations

from itertools import combinations

import numpy as np

from clusternet.gaps.clauses import actor_list, attribute_values
from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import GapWording, Opportunity, clip
from clusternet.messages import Actor, Param, message

OUTREACH_BY_TYPE = {
    "association": message(
        "gap.institution_reach.outreach.association",
        "recruit firms as members with a first service they value (joint yarn purchase, a fair stand)",
    ),
    "government": message(
        "gap.institution_reach.outreach.government",
        "bring its officers to a cluster meeting with firms to present schemes and hear needs",
    ),
    "ngo": message("gap.institution_reach.outreach.ngo", "extend its programme to firms it does not yet work with"),
    "university": message(
        "gap.institution_reach.outreach.university", "run a design or technology clinic open to the cluster's firms"
    ),
    "training": message(
        "gap.institution_reach.outreach.training", "hold a training day in the cluster, recruited through trusted firms"
    ),
    "bds": message(
        "gap.institution_reach.outreach.bds",
        "offer a first service session (costing, marketing, quality) to a group of firms",
    ),
    "finance": message(
        "gap.institution_reach.outreach.finance",
        "hold a finance clinic with firms, through the association that firms trust",
    ),
    "other": message("gap.institution_reach.outreach.other", "present what it offers at a cluster meeting with firms"),
}
"""``outreach``: what an institution of each type can do to reach firms."""
REACHES_NO_FIRM = message("gap.institution_reach.clause.no_firm", "reaches no firm")
REACHES_FEW_FIRMS = message(
    "gap.institution_reach.clause.few_firms", "is tied to {reached} of the {firms} firms ({share:.0%})"
)
INSTITUTION_REACH = GapWording(
    message(
        "gap.institution_reach.explanation",
        "{actor} ({type}) {reach}; a support institution should reach at least {target:.0%} of them.",
    ),
    message(
        "gap.institution_reach.action", "Ask {actor} to {outreach}; {host}, a well-trusted firm, can bring others."
    ),
)
UNREACHED_SEGMENT = GapWording(
    message(
        "gap.unreached_segment.explanation",
        "None of the {size} firms with {segment} has a tie to a support institution ({members}).",
    ),
    message(
        "gap.unreached_segment.action", "Organise an outreach session of the support institutions for these firms."
    ),
)
UNREACHED_SEGMENT_WITH_HELPER = GapWording(
    message(
        "gap.unreached_segment.with_helper.explanation",
        "None of the {size} firms with {segment} has a tie to a support institution ({members}).",
    ),
    message(
        "gap.unreached_segment.with_helper.action",
        "Ask {helper}, the institution firms trust most, to run an outreach session for these firms.",
    ),
)


def institution_reach(context: GapContext) -> list[Opportunity]:
    """``institution_reach``: a support institution tied to fewer than ``reach_target`` of the firms.

    Intensity is the shortfall, 1 - share reached / target: 1 for an institution reaching no firm.
    """
    host = context.best_trusted(context.firms)
    if host is None:  # a cluster without firms
        return []
    firms, target = len(context.firms), context.config.reach_target
    ties_to_firms, types = context.actors["ties_to_firms"], context.actors["type"]
    opportunities = []
    for institution in context.institutions:
        reached = int(ties_to_firms[institution])
        share = reached / firms
        if share >= target:
            continue
        institution_type = str(types[institution])
        gap_message = INSTITUTION_REACH(
            actor=Actor(institution),
            type=institution_type,
            reach=REACHES_FEW_FIRMS(reached=reached, firms=firms, share=share) if reached else REACHES_NO_FIRM(),
            target=target,
            outreach=OUTREACH_BY_TYPE.get(institution_type, OUTREACH_BY_TYPE["other"])(),
            host=Actor(host),
        )
        opportunities.append(
            Opportunity(
                "institution_reach",
                (institution, host),
                clip(context.config.weight("institution_reach") * (1 - share / target)),
                gap_message,
                {"firms_reached": reached, "share": share},
                key=institution,
            )
        )
    return opportunities


def unreached_segments(context: GapContext) -> list[Opportunity]:
    """``unreached_segment``: firms sharing one or two attribute values, none tied to an institution.

    Only the largest such segments are listed: a pair (village and women-led) is reported only when
    neither of its single values is already an unreached segment.
    """
    firms = context.actors.loc[context.firms]
    if firms.empty:
        return []
    linked = firms["ties_to_institutions"] > 0
    minimum = context.config.min_group_size
    singles: set[tuple[tuple[str, object], ...]] = set()
    found: list[tuple[tuple[tuple[str, object], ...], list[str]]] = []
    attributes = context.group_attributes
    conditions = [((attribute,),) for attribute in attributes] + [
        ((first,), (second,)) for first, second in combinations(attributes, 2)
    ]
    firm_codes = context.attribute_codes[[context.positions[firm] for firm in context.firms]]
    linked_firms = linked.to_numpy(dtype=bool)
    for condition in conditions:
        columns = [part[0] for part in condition]
        codes = firm_codes[:, [attributes.index(column) for column in columns]]
        if not _may_have_unreached_group(codes, linked_firms, minimum):
            continue
        # each group's size and whether a firm of it is linked, at once: most groups are linked
        summary = linked.groupby([firms[column] for column in columns], dropna=True).agg(["size", "any"])
        for key in summary.index[(summary["size"] >= minimum) & ~summary["any"].astype(bool)]:
            values = key if isinstance(key, tuple) else (key,)
            group = firms.loc[
                np.logical_and.reduce(
                    [
                        firms[column].eq(value).fillna(False).to_numpy(dtype=bool)
                        for column, value in zip(columns, values)
                    ]
                )
            ]
            pairs = tuple(zip(columns, values))
            if len(pairs) == 2 and any((pair,) in singles for pair in pairs):
                continue
            if len(pairs) == 1:
                singles.add(pairs)
            found.append((pairs, [str(actor) for actor in group.index]))
    opportunities = []
    ties_to_firms = context.actors["ties_to_firms"]
    helpers = [institution for institution in context.institutions if ties_to_firms[institution] > 0]
    helper = context.best_trusted(helpers)
    for pairs, members in found:
        intensity = clip(0.4 + 0.6 * (len(members) / len(firms)) ** 0.5)
        about: dict[str, Param] = {
            "size": len(members),
            "segment": attribute_values(pairs),
            "members": actor_list(members),
        }
        gap_message = (
            UNREACHED_SEGMENT_WITH_HELPER(**about, helper=Actor(helper)) if helper else UNREACHED_SEGMENT(**about)
        )
        opportunities.append(
            Opportunity(
                "unreached_segment",
                tuple(members) + ((helper,) if helper else ()),
                clip(context.config.weight("unreached_segment") * intensity),
                gap_message,
                {"segment": dict(pairs), "firms": len(members)},
                key=" and ".join(f"{column} {value}" for column, value in pairs),
            )
        )
    return opportunities


def _may_have_unreached_group(codes: np.ndarray, linked: np.ndarray, minimum: int) -> bool:
    """Whether the firms grouped by these attribute codes (one column per attribute, -1 blank: such a
    firm is in no group) form a group of at least ``minimum`` firms none of them ``linked``: a check
    over arrays that spares most conditions the grouping of :func:`unreached_segments`, whose groups
    are mostly linked."""
    grouped = (codes >= 0).all(axis=1)
    if not grouped.any():
        return False
    _, group, sizes = np.unique(codes[grouped], axis=0, return_inverse=True, return_counts=True)
    reached = np.bincount(group.ravel(), weights=linked[grouped], minlength=sizes.size) > 0
    return bool(((sizes >= minimum) & ~reached).any())
