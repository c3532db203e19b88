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

import networkx as nx
import pandas as pd

from clusternet.constants import HIGH_TRUST, TRUST_MAX, TRUST_MIN
from clusternet.graph import CONFIRMED, UNCONFIRMED
from clusternet.indicator_codes import INDICATOR_CODES as INDICATOR_CODES
from clusternet.messages import Message, Param, Template, message
from clusternet.metrics.adjacency import edge_values
from clusternet.metrics.concentration import gini, top_share
from clusternet.metrics.fragmentation import fragmentation
from clusternet.metrics.groups import ei_index
from clusternet.rounds.network import RoundNetwork, joint_action_ties
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
from clusternet.survey.model import PARTICIPANT_SEPARATOR
from clusternet.survey.vocabulary import INSTITUTION_TYPES

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
    _, _, statuses = edge_values(network.reported, "status")
    confirmable = [status for status in statuses if status in (CONFIRMED, UNCONFIRMED)]
    return confirmable.count(CONFIRMED) / len(confirmable) if confirmable else NAN


def _joint_action_ties(network: RoundNetwork) -> float:
    """Ties (arcs, or edges for any/confirmed ties) carrying the relation ``joint_action``: joint
    purchasing, marketing, a shared stand, the collective efficiency a cluster programme builds
    (Schmitz, H. (1995). Collective efficiency: growth path for small-scale industry. *Journal of
    Development Studies* 31(4), 529-566). NaN when the relation is not compared."""
    if not network.joint_action_selected:
        return NAN
    return float(joint_action_ties(network.graph)[0].size)


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


@dataclass(frozen=True)
class ProgrammeRound:
    """One round as a programme's monitoring sees it, for the indicators of :data:`MONITORING_KPIS`.

    - ``network``: the round on the whole roster (:class:`~clusternet.rounds.network.RoundNetwork`);
    - ``previous``: the round before it on the whole roster, None for the first round;
    - ``panel``: the actors who answered both this round and the one before (empty for the first);
    - ``actions``: the actions done in the round's period, after the previous round's date and up to
      this round's (for the first round, up to its date), rows of the survey's ``actions``;
    - ``logged``: whether the survey has a facilitation log at all (without one, the indicators
      that count actions are blank, not 0);
    - ``project``: the project's own actors (its office, its facilitators), by actor id.
    """

    network: RoundNetwork
    previous: RoundNetwork | None
    panel: frozenset[str]
    actions: pd.DataFrame
    logged: bool
    project: frozenset[str]


@dataclass(frozen=True)
class MonitoringKpi:
    """An indicator a programme reports that is not a figure of one round's network alone: it reads
    the facilitation log, the round before, or the project's own actors. No bootstrap interval:
    the logframe shows its value per round. ``code``, ``name``, ``meaning`` and ``good_direction``
    are those of :class:`Kpi`."""

    code: str
    name: Template
    meaning: Template
    good_direction: str
    measure: Callable[[ProgrammeRound], float]

    def label(self) -> Message:
        return self.name.bind(SCALE)

    def meaning_for(self, group_by: str) -> Message:
        return self.meaning.bind({**SCALE, "group_by": group_by})

    def value(self, programme_round: ProgrammeRound) -> float:
        """The indicator; NaN on a network without actors."""
        return self.measure(programme_round) if programme_round.network.size else NAN


def action_participants(actions: pd.DataFrame) -> list[list[str]]:
    """Each action's participants, as a list of actor ids."""
    return [[actor for actor in str(ids).split(PARTICIPANT_SEPARATOR) if actor] for ids in actions["participants"]]


JOINT_ACTION_KIND = "joint_action"
"""The kind of action that is a joint action of the actors (the ``actions`` sheet's vocabulary)."""
MULTILATERAL_FIRMS = 3
"""Firms an action needs to be multilateral: a network of firms rather than a pair (Ceglie and Dini 1999)."""


def _active_actors(programme_round: ProgrammeRound) -> float:
    """Actors of the roster who took part in at least one joint action, or in two other actions, in
    the round's period: the programme's active membership (UNIDO 2013, the indicators of
    participation in a cluster initiative). NaN without a facilitation log."""
    if not programme_round.logged:
        return NAN
    roster = set(programme_round.network.actors.index)
    joint: set[str] = set()
    others: dict[str, int] = {}
    for kind, participants in zip(programme_round.actions["kind"], action_participants(programme_round.actions)):
        for actor in set(participants) & roster:
            if kind == JOINT_ACTION_KIND:
                joint.add(actor)
            else:
                others[actor] = others.get(actor, 0) + 1
    return len(joint | {actor for actor, count in others.items() if count >= 2})


def _firms_in_multilateral_actions(programme_round: ProgrammeRound) -> float:
    """Firms that took part, in the round's period, in an action with ``MULTILATERAL_FIRMS`` (3) or
    more firms: the multilateral networks of firms that UNIDO's approach builds beyond bilateral
    links (Ceglie, G., & Dini, M. (1999). *SME cluster and network development in developing
    countries: the experience of UNIDO*. UNIDO). NaN without a facilitation log."""
    if not programme_round.logged:
        return NAN
    actors = programme_round.network.actors
    firms = set(actors.index[actors["firm"].to_numpy(dtype=bool)])
    counted: set[str] = set()
    for participants in action_participants(programme_round.actions):
        taking_part = set(participants) & firms
        if len(taking_part) >= MULTILATERAL_FIRMS:
            counted |= taking_part
    return len(counted)


def _local_brokerage_share(programme_round: ProgrammeRound) -> float:
    r"""Share of all brokered two-paths (Gould and Fernandez 1989, every role) held by the cluster's
    own support institutions, not the project's actors: $\sum_{i \in L} b_i / \sum_i b_i$ over local
    institutions $L$. Brokering that stays when the project leaves is the sustainability a programme
    aims for (UNIDO 2013). NaN when nobody brokers."""
    actors = programme_round.network.actors
    brokerage = actors["brokerage_total"].astype(float)
    total = float(brokerage.sum())
    if total == 0:
        return NAN
    local = actors["type"].isin(INSTITUTION_TYPES).to_numpy() & ~actors.index.isin(programme_round.project)
    return float(brokerage[local].sum()) / total


def _project_dependence(programme_round: ProgrammeRound) -> float:
    """Borgatti's fragmentation F of the network without the project's own actors: the share of pairs
    of the other actors that no chain of ties would join if the project left (Borgatti 2006;
    :func:`clusternet.metrics.fragmentation.fragmentation`). NaN when no actor is marked as the
    project's (attribute ``is_project``)."""
    project = programme_round.project & set(programme_round.network.actors.index)
    if not project:
        return NAN
    graph = programme_round.network.graph
    return float(fragmentation(graph.subgraph([actor for actor in graph if actor not in project])))


def _ties_among(graph: nx.Graph[str], actors: frozenset[str]) -> set[tuple[str, str]]:
    """The ties of ``graph`` with both ends among ``actors``: arcs, or edges in a canonical order."""
    directed = graph.is_directed()
    return {
        (u, v) if directed or u <= v else (v, u) for u, v in graph.edges() if u != v and u in actors and v in actors
    }


def _tie_persistence(programme_round: ProgrammeRound) -> float:
    r"""Jaccard similarity of the panel's ties in the round before and in this one,
    $|T_{t-1} \cap T_t| / |T_{t-1} \cup T_t|$ over the ties among actors who answered both rounds: 1 every
    tie kept, 0 none (Jaccard 1901; as a measure of network stability, Snijders, T. A. B., van de
    Bunt, G. G., & Steglich, C. E. G. (2010). Introduction to stochastic actor-based models for
    network dynamics. *Social Networks* 32(1), 44-60). NaN for the first round, or when the panel
    has no tie in either round."""
    if programme_round.previous is None:
        return NAN
    before = _ties_among(programme_round.previous.graph, programme_round.panel)
    now = _ties_among(programme_round.network.graph, programme_round.panel)
    union = before | now
    return len(before & now) / len(union) if union else NAN


MONITORING_KPIS = (
    MonitoringKpi(
        "active_actors",
        message("kpi.active_actors.name", "Active actors"),
        message(
            "kpi.active_actors.meaning",
            "actors who took part in a joint action or in two other actions since the round before",
        ),
        UP,
        _active_actors,
    ),
    MonitoringKpi(
        "firms_in_multilateral_actions",
        message("kpi.firms_in_multilateral_actions.name", "Firms in multilateral actions"),
        message(
            "kpi.firms_in_multilateral_actions.meaning",
            "firms that took part in an action with three or more firms since the round before",
        ),
        UP,
        _firms_in_multilateral_actions,
    ),
    MonitoringKpi(
        "local_brokerage_share",
        message("kpi.local_brokerage_share.name", "Brokerage held by local institutions"),
        message(
            "kpi.local_brokerage_share.meaning",
            "share of all brokered two-paths held by the cluster's own institutions, not the project",
        ),
        UP,
        _local_brokerage_share,
    ),
    MonitoringKpi(
        "project_dependence",
        message("kpi.project_dependence.name", "Dependence on the project"),
        message(
            "kpi.project_dependence.meaning",
            "fragmentation of the network without the project's own actors: what would fall apart if it left",
        ),
        DOWN,
        _project_dependence,
    ),
    MonitoringKpi(
        "tie_persistence",
        message("kpi.tie_persistence.name", "Ties kept since the round before"),
        message(
            "kpi.tie_persistence.meaning",
            "Jaccard similarity of the panel's ties in this round and the round before: 1 every tie kept",
        ),
        NEITHER,
        _tie_persistence,
    ),
)
"""The programme's monitoring indicators beyond the network KPIs, computed per round by
:mod:`clusternet.logframe` (see ``docs/logframe.md``).

References: Borgatti (2006) and Gould and Fernandez (1989) as above. Jaccard, P. (1901). Étude
comparative de la distribution florale dans une portion des Alpes et du Jura. *Bulletin de la
Société Vaudoise des Sciences Naturelles* 37, 547-579. UNIDO (2013). *The UNIDO Approach to
Cluster Development: Key Ideas from the Field*. Vienna: UNIDO.
"""

MONITORING_KPI_BY_CODE = {kpi.code: kpi for kpi in MONITORING_KPIS}
"""Every code a logframe indicator may be computed from."""
