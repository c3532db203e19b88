"""Groups that never meet: disconnected components, and communities or attribute groups barely tied."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import networkx as nx
import numpy as np

from clusternet.gaps.clauses import actor_list, attribute_values
from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import GapWording, Opportunity, clip
from clusternet.messages import Actor, Message, Param, message, plural_message

WEAK_BRIDGE = GapWording(
    plural_message(
        "gap.weak_bridge.explanation",
        "The {second_size} actors of {second} have {ties} tie to the {first_size} actors of {first}{gatekeeper}: "
        "{ratio:.0%} of what random mixing at this density would give ({expected:.1f}).{common_partner}",
        "The {second_size} actors of {second} have {ties} ties to the {first_size} actors of {first}{gatekeeper}: "
        "{ratio:.0%} of what random mixing at this density would give ({expected:.1f}).{common_partner}",
        count="ties",
    ),
    message(
        "gap.weak_bridge.action",
        "A joint meeting hosted by {host} would bridge them{second_host}; "
        "follow it with one small joint action across the groups.",
    ),
)
"""Two groups barely tied, with an actor tied to both to host their meeting."""
WEAK_BRIDGE_NO_COMMON_PARTNER = GapWording(
    plural_message(
        "gap.weak_bridge.no_common_partner.explanation",
        "The {second_size} actors of {second} have {ties} tie to the {first_size} actors of {first}{gatekeeper}: "
        "{ratio:.0%} of what random mixing at this density would give ({expected:.1f}).{common_partner}",
        "The {second_size} actors of {second} have {ties} ties to the {first_size} actors of {first}{gatekeeper}: "
        "{ratio:.0%} of what random mixing at this density would give ({expected:.1f}).{common_partner}",
        count="ties",
    ),
    message("gap.weak_bridge.no_common_partner.action", "Convene both groups at a neutral venue{co_hosts}."),
)
"""Two groups barely tied, and no actor (but the gatekeeper) tied to both."""
GATEKEEPER = plural_message(
    "gap.weak_bridge.clause.gatekeeper",
    ", but {held} of them run through {gatekeeper} alone; without it {remaining} remains",
    ", but {held} of them run through {gatekeeper} alone; without it {remaining} remain",
    count="remaining",
)
"""``gatekeeper``: most ties between the groups run through one actor (blank otherwise)."""
TRUSTED_BY_BOTH = message("gap.weak_bridge.clause.trusted_by_both", " Both groups trust {host} (mean {trust:.1f}).")
TIED_TO_BOTH_RATED = message(
    "gap.weak_bridge.clause.tied_to_both_rated", " {host} is tied to both (mean trust {trust:.1f})."
)
TIED_TO_BOTH = message("gap.weak_bridge.clause.tied_to_both", " {host} is tied to both.")
RATED_HOST_CLAUSES = frozenset({TRUSTED_BY_BOTH.id, TIED_TO_BOTH_RATED.id})
"""Clauses that state the mean trust a host receives from two groups: an aggregate of its own, left
out of anonymised gaps (:func:`unrated_host`)."""
NO_ACTOR_TIED = message("gap.weak_bridge.clause.no_actor_tied", " No actor is tied to both groups.")
NO_OTHER_ACTOR_TIED = message("gap.weak_bridge.clause.no_other_actor_tied", " No other actor is tied to both groups.")
SECOND_HOST = message("gap.weak_bridge.clause.second_host", ", with {second_host} as a second host")
CO_HOSTS = message("gap.weak_bridge.clause.co_hosts", ", co-hosted by {hosts}, the most trusted actor of each side")
COMMUNITY = message("gap.weak_bridge.clause.community", "community {community} ({members})")
"""A Louvain community named by two of its members: "community 2 (A and B)"."""

DISCONNECTED = GapWording(
    message(
        "gap.disconnected_component.explanation",
        "{size} actors ({members}) are tied among themselves but to no one in the main network of {main_size} actors.",
    ),
    message(
        "gap.disconnected_component.action",
        "Introduce {inside} to {outside} so that the group joins the cluster's main network.",
    ),
)


def bridge_builders(context: GapContext, in_first: np.ndarray, in_second: np.ndarray) -> list[tuple[str, float | None]]:
    """Actors tied to both groups (masks over the rows of ``actors``), best first: by the mean trust
    both groups give them, then ties.

    Returns (actor, mean trust received from members of either group, None when unrated).
    """
    groups = np.column_stack([in_first, in_second, in_first | in_second]).astype(float)
    partners_in = context.partners @ groups
    builders = np.flatnonzero((partners_in[:, 0] > 0) & (partners_in[:, 1] > 0))
    rating_sums, rating_counts = context.ratings
    either = groups[:, 2]
    sums, counts = (rating_sums.T @ either)[builders], (rating_counts.T @ either)[builders]
    rated = counts > 0
    mean = np.divide(sums, counts, out=np.zeros(builders.size), where=rated)
    ties_to_groups = partners_in[builders, 2]
    ranked = np.lexsort((builders, -ties_to_groups, -mean, ~rated))
    names = context.actors.index[builders[ranked]].tolist()
    return [(name, float(mean[at]) if rated[at] else None) for name, at in zip(names, ranked.tolist())]


def group_pair_gap(
    context: GapContext,
    first_name: Message,
    first: set[str],
    second_name: Message,
    second: set[str],
    key: str,
    weight: float,
) -> Opportunity | None:
    """A ``weak_bridge`` when the two groups hold fewer ties than random mixing would give.

    Ties that all run through one actor do not bridge two groups: when a single actor holds at
    least half of the ties between them, the groups are judged on the ties without it (the two
    villages that meet only through one master weaver).
    """
    config = context.config
    n = len(context.positions)
    expected = context.density * len(first) * len(second)
    if expected == 0:
        return None
    in_first, in_second = context.members(first), context.members(second)
    ends_u, ends_v = context.tie_ends
    crossing = (in_first[ends_u] & in_second[ends_v]) | (in_second[ends_u] & in_first[ends_v])
    between = int(crossing.sum())
    holder, held = _main_holder(context, ends_u[crossing], ends_v[crossing])
    concentrated = held >= max(2, between / 2)
    independent = between - held if concentrated else between
    ratio = independent / expected
    if ratio >= config.bridge_deficit:
        return None
    size_factor = min(1.0, (min(len(first), len(second)) / (n / 4)) ** 0.5)
    intensity = (1 - ratio / config.bridge_deficit) * size_factor
    gatekeeper = holder if concentrated else None
    about: dict[str, Param] = {
        "first": first_name,
        "first_size": len(first),
        "second": second_name,
        "second_size": len(second),
        "ties": between,
        "gatekeeper": GATEKEEPER(held=held, gatekeeper=Actor(gatekeeper), remaining=independent) if gatekeeper else "",
        "ratio": ratio,
        "expected": expected,
    }
    builders = [builder for builder in bridge_builders(context, in_first, in_second) if builder[0] != holder]
    involved: tuple[str, ...]
    if builders:
        host, trust = builders[0]
        if trust is not None and trust >= config.high_trust:
            common_partner = TRUSTED_BY_BOTH(host=Actor(host), trust=trust)
        elif trust is not None:
            common_partner = TIED_TO_BOTH_RATED(host=Actor(host), trust=trust)
        else:
            common_partner = TIED_TO_BOTH(host=Actor(host))
        involved = (host,) + ((builders[1][0],) if len(builders) > 1 else ())
        second_host = SECOND_HOST(second_host=Actor(builders[1][0])) if len(builders) > 1 else ""
        gap_message = WEAK_BRIDGE(**about, common_partner=common_partner, host=Actor(host), second_host=second_host)
    else:
        hosts = [context.best_trusted(context.in_survey_order(group - {holder})) for group in (first, second)]
        involved = tuple(host for host in hosts if host)
        gap_message = WEAK_BRIDGE_NO_COMMON_PARTNER(
            **about,
            common_partner=NO_OTHER_ACTOR_TIED() if concentrated else NO_ACTOR_TIED(),
            co_hosts=CO_HOSTS(hosts=actor_list(involved)) if involved else "",
        )
    if gatekeeper:
        involved += (gatekeeper,)
    return Opportunity(
        "weak_bridge",
        involved,
        clip(weight * intensity),
        gap_message,
        {
            "ties": between,
            "without_gatekeeper": independent,
            "expected": expected,
            "ratio": ratio,
            "members": first | second,
        },
        key=key,
    )


def _main_holder(context: GapContext, ends_u: np.ndarray, ends_v: np.ndarray) -> tuple[str | None, int]:
    """The actor at an end of most of these ties (the first met, in tie order, among equals), and how many."""
    if not ends_u.size:
        return None, 0
    ends = np.column_stack([ends_u, ends_v]).ravel()
    actors, first_met, held = np.unique(ends, return_index=True, return_counts=True)
    most = held.max()
    holder = actors[held == most][np.argmin(first_met[held == most])]
    return context.actors.index[holder], int(most)


def attribute_group_gaps(context: GapContext) -> list[Opportunity]:
    """Weakly bridged pairs of values of each group attribute (village, sector, women-led, ...)."""
    opportunities = []
    for attribute in context.group_attributes:
        values = context.actors[attribute].dropna()
        groups = {
            value: set(members.index)
            for value, members in values.groupby(values)
            if len(members) >= context.config.min_group_size
        }
        for first, second in combinations(sorted(groups, key=str), 2):
            if len(groups[first]) < len(groups[second]):
                first, second = second, first
            gap = group_pair_gap(
                context,
                attribute_values([(attribute, first)]),
                groups[first],
                attribute_values([(attribute, second)]),
                groups[second],
                key=f"{attribute}:{first}|{second}",
                weight=context.config.weight("weak_bridge"),
            )
            if gap:
                opportunities.append(gap)
    return opportunities


def community_gaps(context: GapContext, covered: list[set[str]]) -> list[Opportunity]:
    """Weakly bridged pairs of Louvain communities (each of a tenth of the actors or more) that no
    attribute group pair already covers."""
    membership = context.actors["community"]
    smallest = max(context.config.min_group_size, 0.1 * len(membership))
    communities = {
        label: set(members.index) for label, members in membership.groupby(membership) if len(members) >= smallest
    }
    opportunities = []
    covered_masks = np.array([context.members(members) for members in covered], dtype=float).reshape(
        len(covered), len(context.positions)
    )
    covered_sizes = covered_masks.sum(axis=1)
    for first, second in combinations(sorted(communities), 2):
        union = context.members(communities[first] | communities[second])
        shared = covered_masks @ union
        if (shared / (covered_sizes + union.sum() - shared) >= 0.7).any():
            continue
        first_members, second_members = communities[first], communities[second]
        gap = group_pair_gap(
            context,
            COMMUNITY(community=str(first), members=actor_list(sorted(first_members), 2)),
            first_members,
            COMMUNITY(community=str(second), members=actor_list(sorted(second_members), 2)),
            second_members,
            key=f"community:{first}|{second}",
            weight=context.config.weight_community_bridge,
        )
        if gap:
            opportunities.append(gap)
    return opportunities


def disconnected_components(context: GapContext) -> list[Opportunity]:
    """Groups of two or more actors tied among themselves but cut off from the main network."""
    pieces = sorted(
        (set(piece) for piece in nx.connected_components(context.ties) if len(piece) > 1), key=len, reverse=True
    )
    if len(pieces) < 2:
        return []
    main = pieces[0]
    n = context.ties.number_of_nodes()
    outside = context.best_trusted(context.in_survey_order(main))
    opportunities = []
    for piece in pieces[1:]:
        inside = context.best_trusted(context.in_survey_order(piece))
        assert inside is not None and outside is not None, "both components have members"
        intensity = clip(0.6 + 0.4 * len(piece) / (0.1 * n))
        gap_message = DISCONNECTED(
            size=len(piece),
            members=actor_list(sorted(piece)),
            main_size=len(main),
            inside=Actor(inside),
            outside=Actor(outside),
        )
        opportunities.append(
            Opportunity(
                "disconnected_component",
                tuple(sorted(piece)) + (outside,),
                clip(context.config.weight("disconnected_component") * intensity),
                gap_message,
                {"size": len(piece), "main": len(main)},
                key="component:" + ",".join(sorted(piece)),
            )
        )
    return opportunities


def bridging_gaps(context: GapContext) -> list[Opportunity]:
    """Components apart, then attribute groups and communities barely tied to each other."""
    attribute_gaps = attribute_group_gaps(context)
    covered = [members for gap in attribute_gaps if isinstance(members := gap.evidence["members"], set)]
    return disconnected_components(context) + attribute_gaps + community_gaps(context, covered)


def unrated_host(gap: Message) -> Message:
    """A gap without the mean trust of a weak bridge's host (its clause written as "tied to both"):
    that mean is over the host's ratings from two groups, perhaps few, and published nowhere else."""
    clause = gap.arguments.get("common_partner")
    if not isinstance(clause, Message) or clause.id not in RATED_HOST_CLAUSES:
        return gap
    unrated = TIED_TO_BOTH(host=clause.arguments["host"])
    return replace(
        gap, params=tuple((name, unrated if name == "common_partner" else value) for name, value in gap.params)
    )
