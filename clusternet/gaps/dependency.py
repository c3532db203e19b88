"""Dependency on one broker: actors whose removal would cut the cluster apart, or who hold its paths."""

from __future__ import annotations

import networkx as nx

from clusternet.gaps.clauses import actor_list
from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import GapWording, Opportunity, clip
from clusternet.messages import Actor, Param, message
from clusternet.metrics.fragmentation import fragmentation, fragmentation_without_each

DEPENDENCY = GapWording(
    message(
        "gap.broker_dependency.explanation",
        "{actor} lies on {share:.0%} of the shortest paths between actors{cut_off}.",
    ),
    message(
        "gap.broker_dependency.action",
        "Build channels that do not run through {actor}: bring its partners ({partners}) together directly.",
    ),
)
DEPENDENCY_WITH_SECOND_BROKER = GapWording(
    message(
        "gap.broker_dependency.with_second_broker.explanation",
        "{actor} lies on {share:.0%} of the shortest paths between actors{cut_off}.",
    ),
    message(
        "gap.broker_dependency.with_second_broker.action",
        "Build channels that do not run through {actor}: bring its partners ({partners}) together directly, "
        "and strengthen {second_broker} as a second broker.",
    ),
)
CUT_OFF = message(
    "gap.broker_dependency.clause.cut_off",
    "; without it {cut_off} actors would be cut off from the main network (fragmentation +{rise:.2f})",
)
"""``cut_off``: removing the actor raises fragmentation (blank when it does not)."""


def broker_dependency(context: GapContext) -> list[Opportunity]:
    """``broker_dependency``: articulation points and actors holding a large share of betweenness.

    For each candidate the rise in Borgatti's fragmentation on removing it (the share of pairs of
    the remaining actors that could no longer reach each other) and its share of all betweenness
    are measured (for every actor at once, by :func:`fragmentation_without_each`); intensity is the
    larger of the rise over ``fragmentation_scale`` and the share.
    A cluster that leans on one master weaver, or on the project itself, is fragile.
    """
    ties, config = context.ties, context.config
    betweenness = context.actors["betweenness"]
    total = betweenness.sum()
    shares = betweenness / total if total > 0 else betweenness * 0
    without = fragmentation_without_each(ties)
    candidates = set(without.index[without["articulation"]]) | set(shares.index[shares >= config.dependency_share])
    baseline = fragmentation(ties)
    main_before = max((len(piece) for piece in nx.connected_components(ties)), default=0)
    degree = context.actors["degree"].to_dict()
    opportunities = []
    for actor in sorted(candidates, key=lambda node: -shares[node]):
        rise = float(without["fragmentation"][actor]) - baseline
        cut_off = ties.number_of_nodes() - 1 - int(without["largest_component"][actor])
        cut_off -= ties.number_of_nodes() - main_before  # already outside the main network
        intensity = clip(max(rise / config.fragmentation_scale, shares[actor]))
        if rise <= 0 and shares[actor] < config.dependency_share:
            continue
        partners = [str(node) for node in sorted(ties.neighbors(actor), key=lambda node: -degree[node])]
        alternative = context.best_trusted([node for node in partners if node != actor])
        about: dict[str, Param] = {
            "actor": Actor(actor),
            "share": float(shares[actor]),
            "cut_off": CUT_OFF(cut_off=max(cut_off, 0), rise=rise) if rise > 0 else "",
            "partners": actor_list(partners, 3),
        }
        gap_message = (
            DEPENDENCY_WITH_SECOND_BROKER(**about, second_broker=Actor(alternative))
            if alternative
            else DEPENDENCY(**about)
        )
        opportunities.append(
            Opportunity(
                "broker_dependency",
                (actor,) + ((alternative,) if alternative else ()),
                clip(config.weight("broker_dependency") * intensity),
                gap_message,
                {"betweenness_share": float(shares[actor]), "fragmentation_rise": rise},
                key=actor,
            )
        )
    return opportunities
