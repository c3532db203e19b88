r"""The key performance indicators (KPIs) of a cluster programme: one registry, :data:`KPIS`.

Each KPI is one :class:`Kpi` entry: its ``code`` (the ``kpi`` column of ``kpis.csv``), its name
and meaning for people (message templates), the direction that is good, how it is computed on a
round's network, and how it is estimated on a bootstrap resample of that network's actors. The
comparison of rounds, the time series, the key messages of a workshop and the network table of
``clusternet analyze`` all read their KPIs from here, so a KPI is defined once: add one by adding
an entry.

A KPI is a whole-network figure of one round on one basis (the whole roster, or the balanced
panel; see :mod:`clusternet.rounds.panel`), computed on a :class:`~clusternet.rounds.network.RoundNetwork`
with the measures of :mod:`clusternet.metrics`. Conventions shared by every KPI:

* a basis without actors (nobody answered both rounds) has no KPI: every value is NaN (blank),
  counts included, never a measured 0;
* undefined values are NaN: shares over nothing, reciprocity of undirected ties, trust KPIs when no
  tie was rated, joint-action KPIs when the relation ``joint_action`` is not selected;
* trust KPIs read the reported ties (a rating has a direction), whatever the tie mode.

The estimator of a resample is written with the arrays of :class:`~clusternet.rounds.resampling.Resampling`;
the method and its limits are in :mod:`clusternet.rounds.resampling` and ``docs/rounds.md``.

Example: the density of one reported arc among three actors is 1 / 6.

>>> import networkx as nx
>>> from clusternet.rounds.network import RoundNetwork
>>> graph = nx.DiGraph([("a", "b")])
>>> graph.add_node("c")
>>> graph.add_nodes_from(graph, type="firm", respondent=True)
>>> network = RoundNetwork.of("r1", "type", graph, graph, joint_action_selected=False)
>>> round(KPI_BY_CODE["density"].value(network), 4), KPI_BY_CODE["isolates"].value(network)
(0.1667, 1)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from clusternet.constants import HIGH_TRUST, TRUST_MAX, TRUST_MIN
from clusternet.graph import CONFIRMED, UNCONFIRMED
from clusternet.messages import Message, Param, Template, message
from clusternet.metrics.concentration import gini, top_share
from clusternet.metrics.fragmentation import fragmentation
from clusternet.metrics.groups import ei_index
from clusternet.rounds.network import JOINT_ACTION, RoundNetwork
from clusternet.rounds.resampling import (
    ALL_PAIRS,
    ActorRatio,
    Centralization,
    Estimator,
    PairRatio,
    Resampling,
    TopShare,
    Unavailable,
    WeightedGini,
)

UP, DOWN, NEITHER = "up", "down", "neither"
"""Good directions: the KPI should rise, fall, or it is context that has no good direction."""

SCALE: dict[str, Param] = {"trust_min": TRUST_MIN, "trust_max": TRUST_MAX, "high_trust": HIGH_TRUST}
"""The parameters that a KPI's name or meaning may use besides ``{group_by}``: the trust scale."""


@dataclass(frozen=True)
class Kpi:
    """One KPI: what it is called and means, which way is good, how it is computed and estimated.

    - ``code``: the ``kpi`` column of ``kpis.csv`` and the row of ``network.csv`` (``mean_trust``);
    - ``name``: what people call it ("Mean trust"), a template that may use :data:`SCALE`;
    - ``meaning``: a one-line meaning for an M&E report; it may hold ``{group_by}``, the group
      attribute of the comparison, and the parameters of :data:`SCALE`;
    - ``good_direction``: :data:`UP`, :data:`DOWN` or :data:`NEITHER` (context);
    - ``measure``: its value on a round's network (see :meth:`value`);
    - ``estimator``: its estimator for bootstrap resamples of that network's actors, whose value at
      unit weights is the measure.
    """

    code: str
    name: Template
    meaning: Template
    good_direction: str
    measure: Callable[[RoundNetwork], float]
    estimator: Callable[[Resampling], Estimator]

    def label(self) -> Message:
        """The KPI's name for people."""
        return self.name.bind(SCALE)

    def meaning_for(self, group_by: str) -> Message:
        """The KPI's meaning, its groups those of the attribute ``group_by``."""
        return self.meaning.bind({**SCALE, "group_by": group_by})

    def value(self, network: RoundNetwork) -> float:
        """The KPI on ``network``; NaN on a network without actors, whose counts are blank, not 0."""
        return self.measure(network) if network.size else float("nan")


NAN = float("nan")


def _actors(network: RoundNetwork) -> float:
    """Actors of the basis: the whole roster, or the panel."""
    return network.size


def _respondents(network: RoundNetwork) -> float:
    """Actors of the basis who answered the round (its respondents sheet, or else who reported a tie)."""
    return int(network.actors["respondent"].sum())


def _response_rate(network: RoundNetwork) -> float:
    """Respondents over actors of the basis: a change is about the data, not the cluster."""
    return _respondents(network) / network.size


def _ties(network: RoundNetwork) -> float:
    """Distinct ties among the basis actors without self-loops: arcs of reported ties, edges of
    ``any`` or ``confirmed`` ties (Wasserman and Faust 1994, ch. 4; see
    :func:`clusternet.metrics.cohesion.density`)."""
    return network.cohesion["ties"]


def _density(network: RoundNetwork) -> float:
    r"""Ties over possible ties, $m / n(n-1)$ for arcs, $m / (n(n-1)/2)$ for edges (Wasserman and
    Faust 1994, ch. 4; :func:`clusternet.metrics.cohesion.density`)."""
    return network.cohesion["density"]


def _reciprocity(network: RoundNetwork) -> float:
    """Share of reported arcs whose reverse arc was reported too; NaN for undirected ties (Wasserman
    and Faust 1994, ch. 13; :func:`clusternet.metrics.cohesion.reciprocity`)."""
    return network.cohesion["reciprocity"]


def _mean_degree(network: RoundNetwork) -> float:
    """Mean number of distinct partners per actor, either way (Wasserman and Faust 1994, ch. 4;
    :func:`clusternet.metrics.cohesion.mean_degree`)."""
    return network.cohesion["mean_degree"]


def _components(network: RoundNetwork) -> float:
    """Weak components, an isolate counting as one (Wasserman and Faust 1994, ch. 4;
    :func:`clusternet.metrics.cohesion.components`)."""
    return network.cohesion["components"]


def _isolates(network: RoundNetwork) -> float:
    """Actors without any partner (:func:`clusternet.metrics.cohesion.isolates`)."""
    return network.cohesion["isolates"]


def _largest_component_share(network: RoundNetwork) -> float:
    """Share of actors in the largest weak component (:func:`clusternet.metrics.cohesion.largest_component_share`)."""
    return network.cohesion["largest_component_share"]


def _fragmentation(network: RoundNetwork) -> float:
    r"""Share of ordered pairs that no chain of ties joins, $1 - \sum_k s_k(s_k - 1) / n(n-1)$ over
    weak components of $s_k$ actors (Borgatti 2006; :func:`clusternet.metrics.fragmentation.fragmentation`)."""
    return float(fragmentation(network.graph))


def _degree_centralization(network: RoundNetwork) -> float:
    r"""Freeman's degree centralisation $\sum_i (d_{\max} - d_i) / (n-1)(n-2)$ of the partners
    either way: 1 a star, 0 all alike (Freeman 1979; :func:`clusternet.metrics.cohesion.degree_centralization`)."""
    return network.cohesion["degree_centralization"]


def _confirmed_share(network: RoundNetwork) -> float:
    """Of the reported arcs between two respondents, the share that the partner also reported.

    Arcs to non-respondents are left out: they could not be confirmed. NaN when there is none. A
    tie both sides report is the usual check on the reliability of network recall (Marsden, P. V.
    (1990). Network data and measurement. *Annual Review of Sociology* 16, 435-463).
    """
    statuses = [data.get("status") for _, _, data in network.reported.edges(data=True)]
    confirmable = [status for status in statuses if status in (CONFIRMED, UNCONFIRMED)]
    return confirmable.count(CONFIRMED) / len(confirmable) if confirmable else NAN


def _joint_action_ties(network: RoundNetwork) -> float:
    """Ties (arcs, or edges for any/confirmed ties) carrying the relation ``joint_action``: joint
    purchasing, marketing, a shared stand, the collective efficiency a cluster programme builds
    (Schmitz, H. (1995). Collective efficiency: growth path for small-scale industry. *Journal of
    Development Studies* 31(4), 529-566). NaN when the relation is not compared."""
    if not network.joint_action_selected:
        return NAN
    return sum(
        u != v and JOINT_ACTION in (data.get("relations") or ()) for u, v, data in network.graph.edges(data=True)
    )


def _firms_in_joint_action(network: RoundNetwork) -> float:
    """Firms with at least one joint-action partner (Schmitz 1995, as for joint-action ties). NaN when
    the relation ``joint_action`` is not compared."""
    if not network.joint_action_selected:
        return NAN
    actors = network.actors
    return int((actors["firm"] & (actors["joint_action_partners"] > 0)).sum())


def _mean_trust(network: RoundNetwork) -> float:
    """Mean of every trust rating of the reported ties, on the scale 1 (no trust) to 5 (full trust);
    NaN when no tie was rated (Varda 2011, the PARTNER tool; :func:`clusternet.metrics.trust.trust_summary`)."""
    return network.trust["mean_trust"]


def _high_trust_share(network: RoundNetwork) -> float:
    """Share of the trust ratings at ``HIGH_TRUST`` (much trust) or more; NaN when no tie was rated
    (:func:`clusternet.metrics.trust.trust_summary`)."""
    return network.trust["high_trust_share"]


def _firm_institution_linkage(network: RoundNetwork) -> float:
    """Share of firms with a tie, either way, to a support institution: the core outcome of
    institutional strengthening (UNIDO (2013). *The UNIDO Approach to Cluster Development*;
    :func:`clusternet.metrics.linkages.firm_institution_linkage`, read from the network's per-actor
    ``ties_to_institutions``, which are those linkages of the same graph)."""
    actors = network.actors
    firms = actors["firm"].to_numpy(dtype=bool)
    return float((actors["ties_to_institutions"].to_numpy()[firms] > 0).mean()) if firms.any() else NAN


def _ei_index(network: RoundNetwork) -> float:
    """Krackhardt and Stern's E-I index by the group attribute, $(E - I) / (E + I)$ over ties across
    ($E$) and within ($I$) groups, blank labels a group "unknown" (Krackhardt and Stern 1988;
    :func:`clusternet.metrics.groups.ei_index`)."""
    return float(ei_index(network.graph, network.actors["group"].to_dict()))


def _brokerage_top_share(network: RoundNetwork) -> float:
    """Share of all brokered two-paths (Gould and Fernandez 1989, every role, by the group) held by
    the top broker, the concentration ratio $CR_1$ (Hall and Tideman 1967;
    :func:`clusternet.metrics.concentration.top_share`)."""
    return float(top_share(network.actors["brokerage_total"]))


def _betweenness_gini(network: RoundNetwork) -> float:
    """Gini coefficient of the actors' betweenness (Freeman 1977): 0 spread evenly, towards 1 held by
    a few (Gini 1912; :func:`clusternet.metrics.concentration.gini`)."""
    return float(gini(network.actors["betweenness"]))


KPIS = (
    Kpi(
        "actors",
        message("kpi.actors.name", "Actors"),
        message(
            "kpi.actors.meaning",
            "actors in the basis: the whole roster, or the panel who answered every round compared",
        ),
        NEITHER,
        _actors,
        lambda observed: ActorRatio(observed.ones),
    ),
    Kpi(
        "respondents",
        message("kpi.respondents.name", "Respondents"),
        message("kpi.respondents.meaning", "actors of the basis who answered the round's survey"),
        NEITHER,
        _respondents,
        lambda observed: ActorRatio(observed.column("respondent")),
    ),
    Kpi(
        "response_rate",
        message("kpi.response_rate.name", "Response rate"),
        message(
            "kpi.response_rate.meaning",
            "share of the basis who answered; a change is about the data, not the cluster",
        ),
        NEITHER,
        _response_rate,
        lambda observed: ActorRatio(observed.column("respondent"), observed.ones),
    ),
    Kpi(
        "ties",
        message("kpi.ties.name", "Ties"),
        message("kpi.ties.meaning", "reported ties (arcs) among the basis actors; edges for any or confirmed ties"),
        UP,
        _ties,
        lambda observed: PairRatio(observed.ties, ALL_PAIRS, observed.possible_ties),
    ),
    Kpi(
        "density",
        message("kpi.density.name", "Density"),
        message("kpi.density.meaning", "share of all possible ties that are present"),
        UP,
        _density,
        lambda observed: PairRatio(observed.ties),
    ),
    Kpi(
        "reciprocity",
        message("kpi.reciprocity.name", "Reciprocity"),
        message(
            "kpi.reciprocity.meaning",
            "share of reported ties that the partner reported back (blank for any/confirmed)",
        ),
        UP,
        _reciprocity,
        lambda observed: PairRatio(observed.reciprocated, observed.ties),
    ),
    Kpi(
        "mean_degree",
        message("kpi.mean_degree.name", "Partners per actor"),
        message("kpi.mean_degree.meaning", "mean number of distinct partners per actor"),
        UP,
        _mean_degree,
        lambda observed: ActorRatio(observed.degree, observed.ones),
    ),
    Kpi(
        "components",
        message("kpi.components.name", "Separate pieces"),
        message(
            "kpi.components.meaning",
            "separate pieces of the network that no chain of ties joins (an isolate is one)",
        ),
        DOWN,
        _components,
        lambda observed: ActorRatio(1.0 / observed.component_size),
    ),
    Kpi(
        "isolates",
        message("kpi.isolates.name", "Actors with no tie"),
        message("kpi.isolates.meaning", "actors with no tie at all"),
        DOWN,
        _isolates,
        lambda observed: ActorRatio((observed.degree == 0).astype(float)),
    ),
    Kpi(
        "largest_component_share",
        message("kpi.largest_component_share.name", "Share in the largest piece"),
        message("kpi.largest_component_share.meaning", "share of actors in the largest connected piece"),
        UP,
        _largest_component_share,
        lambda observed: ActorRatio(observed.in_largest_component, observed.ones),
    ),
    Kpi(
        "fragmentation",
        message("kpi.fragmentation.name", "Fragmentation"),
        message("kpi.fragmentation.meaning", "share of pairs of actors that no chain of ties joins (Borgatti)"),
        DOWN,
        _fragmentation,
        lambda observed: ActorRatio(observed.size - observed.component_size, observed.ones * (observed.size - 1.0)),
    ),
    Kpi(
        "degree_centralization",
        message("kpi.degree_centralization.name", "Degree centralisation"),
        message(
            "kpi.degree_centralization.meaning",
            "how far ties centre on one hub: 1 a star, 0 all actors alike",
        ),
        DOWN,
        _degree_centralization,
        lambda observed: Centralization(observed.degree),
    ),
    Kpi(
        "confirmed_share",
        message("kpi.confirmed_share.name", "Ties confirmed by the partner"),
        message(
            "kpi.confirmed_share.meaning",
            "of ties reported between two respondents, the share both sides reported",
        ),
        UP,
        _confirmed_share,
        lambda observed: PairRatio(observed.confirmed, observed.confirmable),
    ),
    Kpi(
        "joint_action_ties",
        message("kpi.joint_action_ties.name", "Joint-action ties"),
        message(
            "kpi.joint_action_ties.meaning",
            "ties of the relation joint_action (joint purchasing, marketing, a shared stand)",
        ),
        UP,
        _joint_action_ties,
        lambda observed: PairRatio(observed.joint_action, ALL_PAIRS, observed.possible_ties),
    ),
    Kpi(
        "firms_in_joint_action",
        message("kpi.firms_in_joint_action.name", "Firms in at least one joint action"),
        message("kpi.firms_in_joint_action.meaning", "firms with at least one joint-action tie"),
        UP,
        _firms_in_joint_action,
        lambda observed: ActorRatio(observed.firm * (observed.column("joint_action_partners") > 0)),
    ),
    Kpi(
        "mean_trust",
        message("kpi.mean_trust.name", "Mean trust"),
        message(
            "kpi.mean_trust.meaning",
            "mean trust rating over all rated ties, {trust_min} no trust .. {trust_max} full trust",
        ),
        UP,
        _mean_trust,
        lambda observed: PairRatio(observed.trust, observed.rated),
    ),
    Kpi(
        "high_trust_share",
        message("kpi.high_trust_share.name", "Ratings of high trust ({high_trust}-{trust_max})"),
        message(
            "kpi.high_trust_share.meaning",
            "share of trust ratings of {high_trust} or more (much or full trust)",
        ),
        UP,
        _high_trust_share,
        lambda observed: PairRatio(observed.high_trust, observed.rated),
    ),
    Kpi(
        "firm_institution_linkage",
        message("kpi.firm_institution_linkage.name", "Firms tied to a support institution"),
        message(
            "kpi.firm_institution_linkage.meaning",
            "share of firms tied to at least one support institution",
        ),
        UP,
        _firm_institution_linkage,
        lambda observed: ActorRatio(observed.firm * (observed.column("ties_to_institutions") > 0), observed.firm),
    ),
    Kpi(
        "ei_index",
        message("kpi.ei_index.name", "Reach across groups (E-I index)"),
        message(
            "kpi.ei_index.meaning",
            "E-I index by {group_by}: -1 every tie inside a group, +1 every tie across groups",
        ),
        UP,
        _ei_index,
        lambda observed: PairRatio(observed.group_signs, observed.ties),
    ),
    Kpi(
        "brokerage_top_share",
        message("kpi.brokerage_top_share.name", "Brokerage held by the top broker"),
        message(
            "kpi.brokerage_top_share.meaning",
            "share of all brokered two-paths held by the top broker: dependence on one actor",
        ),
        DOWN,
        _brokerage_top_share,
        lambda observed: TopShare(observed.column("brokerage_total")),
    ),
    Kpi(
        "betweenness_gini",
        message("kpi.betweenness_gini.name", "Inequality of betweenness (Gini)"),
        message(
            "kpi.betweenness_gini.meaning",
            "inequality of betweenness: 0 spread evenly, towards 1 held by a few",
        ),
        DOWN,
        _betweenness_gini,
        lambda observed: WeightedGini(observed.column("betweenness")),
    ),
)
"""Every KPI, in the order of ``kpis.csv``.

References: Borgatti, S. P. (2006). Identifying sets of key players in a social network.
*Computational and Mathematical Organization Theory* 12(1), 21-34. Freeman, L. C. (1977). A set of
measures of centrality based on betweenness. *Sociometry* 40(1), 35-41. Freeman, L. C. (1979).
Centrality in social networks: conceptual clarification. *Social Networks* 1(3), 215-239. Gini, C.
(1912). *Variabilità e mutabilità*. Gould, R. V., & Fernandez, R. M. (1989). Structures of
mediation. *Sociological Methodology* 19, 89-126. Hall, M., & Tideman, N. (1967). Measures of
concentration. *JASA* 62(317), 162-168. Krackhardt, D., & Stern, R. N. (1988). Informal networks
and organizational crises. *Social Psychology Quarterly* 51(2), 123-140. Varda, D. M. (2011).
Data-driven management strategies in public health collaboratives. *J. Public Health Management
and Practice* 17(2), 122-132. Wasserman, S., & Faust, K. (1994). *Social Network Analysis*.
"""

KPI_BY_CODE = {kpi.code: kpi for kpi in KPIS}
"""The KPIs by code."""


def kpi_values(network: RoundNetwork) -> dict[str, float]:
    """The value of every KPI of :data:`KPIS` on one round's network, by code, in that order.

    Counts are ints; every value is NaN on a network without actors (see :meth:`Kpi.value`).
    """
    return {kpi.code: kpi.value(network) for kpi in KPIS}


def kpi_estimators(network: RoundNetwork, values: dict[str, float]) -> dict[str, Estimator]:
    """An estimator per KPI of :data:`KPIS` whose value at unit weights is the KPI's value on ``network``.

    ``values`` are the KPIs of :func:`kpi_values`: a KPI that is NaN there is
    :class:`~clusternet.rounds.resampling.Unavailable` here.
    """
    observed = Resampling(network)
    return {kpi.code: Unavailable() if math.isnan(values[kpi.code]) else kpi.estimator(observed) for kpi in KPIS}
