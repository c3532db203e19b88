"""The key performance indicators of a cluster programme: what each means, which way is good, its value.

Each KPI is a whole-network figure of one round on one basis (see :mod:`.panel`), computed with the
measures of :mod:`clusternet.metrics` on the graph of :meth:`.network.RoundGraphs.on`. On the whole
roster (basis ``all``) the shared KPIs equal the ``network.csv`` values of ``clusternet analyze``
for the same round, relations, tie mode and group attribute.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusternet.analysis import confirmed_share
from clusternet.constants import HIGH_TRUST
from clusternet.metrics.cohesion import cohesion_measures
from clusternet.metrics.concentration import gini, top_share
from clusternet.metrics.fragmentation import fragmentation
from clusternet.metrics.groups import ei_index
from clusternet.metrics.linkages import firm_institution_linkage
from clusternet.metrics.trust import trust_summary
from clusternet.rounds.network import JOINT_ACTION, RoundNetwork, group_labels

UP, DOWN, NEITHER = "up", "down", "neither"
"""Good directions: the KPI should rise, fall, or it is context that has no good direction."""


@dataclass(frozen=True)
class Kpi:
    """A KPI: its name (a column or row label), a one-line meaning, and the direction that is good.

    ``meaning`` may hold ``{group_by}``, filled in with the group attribute of the comparison.
    """

    name: str
    meaning: str
    good_direction: str

    def meaning_for(self, group_by: str) -> str:
        return self.meaning.format(group_by=group_by)


KPIS = (
    Kpi("actors", "actors in the basis: the whole roster, or the panel who answered every round compared", NEITHER),
    Kpi("respondents", "actors of the basis who answered the round's survey", NEITHER),
    Kpi("response_rate", "share of the basis who answered; a change is about the data, not the cluster", NEITHER),
    Kpi("ties", "reported ties (arcs) among the basis actors; edges for any or confirmed ties", UP),
    Kpi("density", "share of all possible ties that are present", UP),
    Kpi("reciprocity", "share of reported ties that the partner reported back (blank for any/confirmed)", UP),
    Kpi("mean_degree", "mean number of distinct partners per actor", UP),
    Kpi("components", "separate pieces of the network that no chain of ties joins (an isolate is one)", DOWN),
    Kpi("isolates", "actors with no tie at all", DOWN),
    Kpi("largest_component_share", "share of actors in the largest connected piece", UP),
    Kpi("fragmentation", "share of pairs of actors that no chain of ties joins (Borgatti)", DOWN),
    Kpi("degree_centralization", "how far ties centre on one hub: 1 a star, 0 all actors alike", DOWN),
    Kpi("confirmed_share", "of ties reported between two respondents, the share both sides reported", UP),
    Kpi("joint_action_ties", "ties of the relation joint_action (joint purchasing, marketing, a shared stand)", UP),
    Kpi("firms_in_joint_action", "firms with at least one joint-action tie", UP),
    Kpi("mean_trust", "mean trust rating over all rated ties, 1 no trust .. 5 full trust", UP),
    Kpi("high_trust_share", f"share of trust ratings of {HIGH_TRUST} or more (much or full trust)", UP),
    Kpi("firm_institution_linkage", "share of firms tied to at least one support institution", UP),
    Kpi("ei_index", "E-I index by {group_by}: -1 every tie inside a group, +1 every tie across groups", UP),
    Kpi("brokerage_top_share", "share of all brokered two-paths held by the top broker: dependence on one actor", DOWN),
    Kpi("betweenness_gini", "inequality of betweenness: 0 spread evenly, towards 1 held by a few", DOWN),
)
"""Every KPI, in the order of ``kpis.csv``."""

KPI_BY_NAME = {kpi.name: kpi for kpi in KPIS}


def kpi_values(network: RoundNetwork) -> dict[str, float]:
    """The value of every KPI of ``KPIS`` on one round's network, in that order.

    Counts are ints. Undefined values are NaN: shares over nothing, reciprocity on undirected ties,
    trust KPIs when no tie was rated, joint-action KPIs when the relation ``joint_action`` is not
    selected.
    """
    graph, actors = network.graph, network.actors
    cohesion = cohesion_measures(graph)
    trust = trust_summary(network.reported)
    respondents = int(actors["respondent"].sum())
    joint_action = network.joint_action_selected
    values = {
        "actors": network.size,
        "respondents": respondents,
        "response_rate": respondents / network.size if network.size else float("nan"),
        **{
            name: cohesion[name]
            for name in (
                "ties",
                "density",
                "reciprocity",
                "mean_degree",
                "components",
                "isolates",
                "largest_component_share",
            )
        },
        "fragmentation": fragmentation(graph),
        "degree_centralization": cohesion["degree_centralization"],
        "confirmed_share": confirmed_share(network.reported),
        "joint_action_ties": _joint_action_ties(network) if joint_action else float("nan"),
        "firms_in_joint_action": (
            int((actors["firm"] & (actors["joint_action_partners"] > 0)).sum()) if joint_action else float("nan")
        ),
        "mean_trust": trust["mean_trust"],
        "high_trust_share": trust["high_trust_share"],
        "firm_institution_linkage": firm_institution_linkage(graph),
        "ei_index": ei_index(graph, group_labels(graph, network.group_by)),
        "brokerage_top_share": top_share(actors["brokerage_total"]),
        "betweenness_gini": gini(actors["betweenness"]),
    }
    return {kpi.name: values[kpi.name] for kpi in KPIS}


def _joint_action_ties(network: RoundNetwork) -> int:
    """Ties (arcs, or edges for any/confirmed ties) carrying the relation ``joint_action``."""
    return sum(
        1 for u, v, relations in network.graph.edges(data="relations") if u != v and JOINT_ACTION in (relations or ())
    )
