"""Dependency on one broker: actors whose removal would cut the cluster apart, or who hold its paths."""

from __future__ import annotations

import networkx as nx

from clusternet.gaps.context import GapContext
from clusternet.gaps.opportunity import Opportunity, clip
from clusternet.metrics.fragmentation import fragmentation


def broker_dependency(context: GapContext) -> list[Opportunity]:
    """``broker_dependency``: articulation points and actors holding a large share of betweenness.

    For each candidate the rise in Borgatti's fragmentation on removing it (the share of pairs of
    the remaining actors that could no longer reach each other) and its share of all betweenness
    are measured; intensity is the larger of the rise over ``fragmentation_scale`` and the share.
    A cluster that leans on one master weaver, or on the project itself, is fragile.
    """
    ties, config = context.ties, context.config
    betweenness = context.actors["betweenness"]
    total = betweenness.sum()
    shares = betweenness / total if total > 0 else betweenness * 0
    candidates = set(nx.articulation_points(ties)) | set(shares.index[shares >= config.dependency_share])
    baseline = fragmentation(ties)
    opportunities = []
    for actor in sorted(candidates, key=lambda node: -shares[node]):
        remaining = ties.copy()
        remaining.remove_node(actor)
        rise = fragmentation(remaining) - baseline
        cut_off = ties.number_of_nodes() - 1 - max((len(piece) for piece in nx.connected_components(remaining)),
                                                   default=0)
        main_before = max((len(piece) for piece in nx.connected_components(ties)), default=0)
        cut_off -= ties.number_of_nodes() - main_before  # already outside the main network
        intensity = clip(max(rise / config.fragmentation_scale, shares[actor]))
        if rise <= 0 and shares[actor] < config.dependency_share:
            continue
        name = context.label(actor)
        partners = sorted(ties.neighbors(actor), key=lambda node: -context.actors.loc[node, "degree"])
        alternative = context.best_trusted([node for node in partners if node != actor])
        explanation = (f"{name} lies on {shares[actor]:.0%} of the shortest paths between actors"
                       + (f"; without it {max(cut_off, 0)} actors would be cut off from the main network "
                          f"(fragmentation +{rise:.2f})" if rise > 0 else "") + ".")
        action = (f"Build channels that do not run through {name}: bring its partners "
                  f"({context.label_list(partners, 3)}) together directly"
                  + (f", and strengthen {context.label(alternative)} as a second broker." if alternative else "."))
        opportunities.append(Opportunity(
            "broker_dependency", (actor,) + ((alternative,) if alternative else ()),
            clip(config.weight("broker_dependency") * intensity), explanation, action,
            {"betweenness_share": float(shares[actor]), "fragmentation_rise": rise}, key=actor,
        ))
    return opportunities
