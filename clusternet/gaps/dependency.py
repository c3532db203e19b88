"""Dependency on one broker: actors whose removal would cut the cluster apart, or who hold its paths."""

from __future__ import annotations

import networkx as nx

from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import Opportunity, clip
from clusternet.metrics.fragmentation import fragmentation, fragmentation_without_each


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
        rise = float(without.at[actor, "fragmentation"]) - baseline
        cut_off = ties.number_of_nodes() - 1 - int(without.at[actor, "largest_component"])
        cut_off -= ties.number_of_nodes() - main_before  # already outside the main network
        intensity = clip(max(rise / config.fragmentation_scale, shares[actor]))
        if rise <= 0 and shares[actor] < config.dependency_share:
            continue
        name = context.label(actor)
        partners = sorted(ties.neighbors(actor), key=lambda node: -degree[node])
        alternative = context.best_trusted([node for node in partners if node != actor])
        explanation = (
            f"{name} lies on {shares[actor]:.0%} of the shortest paths between actors"
            + (
                f"; without it {max(cut_off, 0)} actors would be cut off from the main network "
                f"(fragmentation +{rise:.2f})"
                if rise > 0
                else ""
            )
            + "."
        )
        action = (
            f"Build channels that do not run through {name}: bring its partners "
            f"({context.label_list(partners, 3)}) together directly"
            + (f", and strengthen {context.label(alternative)} as a second broker." if alternative else ".")
        )
        opportunities.append(
            Opportunity(
                "broker_dependency",
                (actor,) + ((alternative,) if alternative else ()),
                clip(config.weight("broker_dependency") * intensity),
                explanation,
                action,
                {"betweenness_share": float(shares[actor]), "fragmentation_rise": rise},
                key=actor,
            )
        )
    return opportunities
