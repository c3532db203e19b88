"""Institutional reach: support institutions that reach few firms, and segments of firms none reach."""

from __future__ import annotations

from itertools import combinations

from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import Opportunity, clip

OUTREACH_BY_TYPE = {
    "association": "recruit firms as members with a first service they value (joint yarn purchase, a fair stand)",
    "government": "bring its officers to a cluster meeting with firms to present schemes and hear needs",
    "ngo": "extend its programme to firms it does not yet work with",
    "university": "run a design or technology clinic open to the cluster's firms",
    "training": "hold a training day in the cluster, recruited through trusted firms",
    "bds": "offer a first service session (costing, marketing, quality) to a group of firms",
    "finance": "hold a finance clinic with firms, through the association that firms trust",
    "other": "present what it offers at a cluster meeting with firms",
}


def institution_reach(context: GapContext) -> list[Opportunity]:
    """``institution_reach``: a support institution tied to fewer than ``reach_target`` of the firms.

    Intensity is the shortfall, 1 - share reached / target: 1 for an institution reaching no firm.
    """
    firms = len(context.firms)
    if not firms:
        return []
    target = context.config.reach_target
    host = context.best_trusted(context.firms)
    opportunities = []
    for institution in context.institutions:
        row = context.actors.loc[institution]
        reached = int(row["ties_to_firms"])
        share = reached / firms
        if share >= target:
            continue
        name = context.label(institution)
        reach_text = "reaches no firm" if reached == 0 else f"is tied to {reached} of the {firms} firms ({share:.0%})"
        explanation = (
            f"{name} ({row['type']}) {reach_text}; a support institution should reach at least {target:.0%} of them."
        )
        action = f"Ask {name} to {OUTREACH_BY_TYPE.get(row['type'], OUTREACH_BY_TYPE['other'])}"
        action += f"; {context.label(host)}, a well-trusted firm, can bring others." if host else "."
        opportunities.append(
            Opportunity(
                "institution_reach",
                (institution,) + ((host,) if host else ()),
                clip(context.config.weight("institution_reach") * (1 - share / target)),
                explanation,
                action,
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
    singles, found = set(), []
    attributes = context.group_attributes
    conditions = [((attribute,),) for attribute in attributes] + [
        ((first,), (second,)) for first, second in combinations(attributes, 2)
    ]
    for condition in conditions:
        columns = [part[0] for part in condition]
        for values, members in firms.groupby(columns, dropna=True):
            values = values if isinstance(values, tuple) else (values,)
            if len(members) < minimum or linked[members.index].any():
                continue
            pairs = tuple(zip(columns, values))
            if len(pairs) == 2 and any((pair,) in singles for pair in pairs):
                continue
            if len(pairs) == 1:
                singles.add(pairs)
            found.append((pairs, list(members.index)))
    opportunities = []
    helpers = [
        institution for institution in context.institutions if context.actors.loc[institution, "ties_to_firms"] > 0
    ]
    helper = context.best_trusted(helpers)
    for pairs, members in found:
        description = " and ".join(f"{column} {value}" for column, value in pairs)
        intensity = clip(0.4 + 0.6 * (len(members) / len(firms)) ** 0.5)
        explanation = (
            f"None of the {len(members)} firms with {description} has a tie to a support "
            f"institution ({context.label_list(members)})."
        )
        action = (
            f"Ask {context.label(helper)}, the institution firms trust most, to run an outreach session "
            f"for these firms."
            if helper
            else "Organise an outreach session of the support institutions for these firms."
        )
        opportunities.append(
            Opportunity(
                "unreached_segment",
                tuple(members) + ((helper,) if helper else ()),
                clip(context.config.weight("unreached_segment") * intensity),
                explanation,
                action,
                {"segment": dict(pairs), "firms": len(members)},
                key=description,
            )
        )
    return opportunities
