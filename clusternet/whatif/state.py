"""One state of a scenario: the round as it is before the first step or after a step, measured.

A state's graphs are built by :func:`clusternet.graph.build_graph` from the round's tables as the
step left them, and its per-actor measures by the functions :func:`clusternet.analysis.analyze`
uses, so that the KPIs of step 0 are those of ``network.csv`` for the same selection. Only what
the KPIs, the gaps and the actor changes read is computed (no structural holes, no z-scores), and
two things are held fixed across the states of one scenario:

- **communities** are those of the survey as it is (Louvain is run once, or taken from the
  analysis that already found them): a gap between two communities is judged on the same groups
  before and after, not on a partition that a random restart of Louvain redraws after every tie;
  an added actor is a community of its own;
- on a network of more than ``EXACT_MAX_ACTORS`` actors, **betweenness** and the
  **distance-weighted fragmentation** are estimated from the shortest paths of ``PIVOTS`` actors
  drawn once (:func:`pivots`, seeded by the selection's seed) instead of every actor's, so that ten
  steps on 5,000 actors take seconds. Every state uses the same sampled actors (those a step
  removes drop out), so that a step's change is not the noise of two samples; the KPIs that read
  them are then flagged approximate. The estimate is Brandes and Pich's (2007), as
  :func:`clusternet.metrics.centrality.betweenness` makes above its own, larger, threshold: step 0
  of a scenario on more than ``EXACT_MAX_ACTORS`` actors therefore estimates what ``network.csv``
  computes exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from itertools import combinations
from typing import TypeVar

import networkx as nx
import numpy as np
import pandas as pd

from clusternet.analysis import Analysis
from clusternet.graph import Selection, build_graph
from clusternet.metrics.brokerage import brokerage_roles
from clusternet.metrics.centrality import betweenness
from clusternet.metrics.communities import louvain_communities
from clusternet.metrics.keyplayer import distance_weighted_fragmentation, distances_from
from clusternet.metrics.linkages import linkages
from clusternet.metrics.trust import trust_received
from clusternet.rounds.network import PRECOMPUTED_MEASURES, RoundNetwork, reported_graph
from clusternet.survey import Survey
from clusternet.survey.vocabulary import INSTITUTION_TYPES
from clusternet.whatif.scenario import ADD_ARC, ADD_TIE, JOIN_ACTION, REMOVE_ACTOR, REMOVE_TIE, Step

EXACT_MAX_ACTORS = 1000
"""Largest network whose states are measured exactly (every actor's shortest paths): about 0.1 s a
state at 1,000 actors. Above it betweenness and distance-weighted fragmentation are estimated."""

PIVOTS = 300
"""Sampled source actors of the estimates above ``EXACT_MAX_ACTORS`` (about 0.13 s a state at 5,000
actors for both measures)."""

NO_NETWORK_TABLE = pd.DataFrame({"metric": [], "value": []})
"""A state's analysis has no network table: the gap finders do not read it."""


@dataclass(frozen=True, eq=False)
class State:
    """The round of a scenario at one step, with its graphs and per-actor measures.

    ``actors`` is indexed by actor id in the order of the state's survey (and of its graphs):
    ``name``, ``type``, ``respondent``, the linkages, ``betweenness`` and ``betweenness_norm``,
    ``brokerage_total``, ``trust_received`` and ``trust_received_n``, ``community``, then the
    survey's attributes. ``sources`` are the sampled actors that betweenness and the
    distance-weighted fragmentation are estimated from (None: computed exactly).
    """

    survey: Survey
    selection: Selection
    graph: nx.Graph[str]
    reported: nx.DiGraph[str]
    actors: pd.DataFrame
    network: RoundNetwork
    sources: tuple[str, ...] | None

    @property
    def approximate(self) -> bool:
        """Whether betweenness and the distance-weighted fragmentation are estimates."""
        return self.sources is not None

    @cached_property
    def analysis(self) -> Analysis:
        """The state as the gap finders read an analysis: its graphs and actors table (``actor_id``
        a column), without the network table that they do not read. Text columns are plain Python
        strings: the finders look actors up row by row, a quarter faster so than in Arrow arrays
        (columns of Python objects already are)."""
        table = self.actors.reset_index()
        text = {
            column: object
            for column, dtype in table.dtypes.items()
            if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype)
        }
        return Analysis(self.selection, self.graph, self.reported, table.astype(text), NO_NETWORK_TABLE)

    @cached_property
    def steps_to_institution(self) -> pd.Series:
        """The fewest steps from each actor to a support institution on the tie graph (0 for an
        institution; NaN when none can be reached), indexed like ``actors``."""
        types = self.actors["type"]
        institutions = list(types.index[types.isin(INSTITUTION_TYPES)])
        steps = pd.Series(distances_from(self.graph, institutions), index=list(self.graph))
        return steps.reindex(self.actors.index).replace(np.inf, np.nan).rename("steps_to_institution")

    @cached_property
    def distance_weighted_fragmentation(self) -> float:
        """Borgatti's DF of the state's ties (estimated on large networks, see the module's docstring)."""
        return distance_weighted_fragmentation(self.graph, self.sources)


def pivots(survey: Survey, seed: int) -> tuple[str, ...] | None:
    """The actors whose shortest paths estimate the measures of a scenario's states (``PIVOTS`` of
    them drawn with ``seed``), or None when the network is small enough to measure exactly."""
    actors = survey.actors["actor_id"].to_numpy()
    if len(actors) <= EXACT_MAX_ACTORS:
        return None
    drawn = np.random.default_rng(seed).choice(len(actors), size=PIVOTS, replace=False)
    return tuple(str(actor) for actor in actors[np.sort(drawn)])


def measure_state(
    survey: Survey,
    selection: Selection,
    joint_action: bool,
    communities: pd.Series | None = None,
    sources: tuple[str, ...] | None = None,
) -> State:
    """The state of the one-round ``survey`` under ``selection`` (resolved on the survey as loaded).

    ``joint_action`` says whether the joint-action KPIs mean something (the relation is selected,
    or the scenario brings it in). ``communities`` holds each actor's community in the survey as it
    is (actors it does not hold get communities of their own); None finds them, as
    :func:`clusternet.analysis.analyze` does, on this state (the survey as it is). ``sources`` are
    the sampled actors of :func:`pivots` (None: every actor, exact).
    """
    present = _present_relations(selection, survey)
    graph = build_graph(survey, present)
    return _measured(survey, present, graph, reported_graph(survey, present, graph), joint_action, communities, sources)


def state_after(state: State, survey: Survey, step: Step, selection: Selection, joint_action: bool) -> State:
    """The state after ``step``, ``survey`` being the round as the step left it (:func:`.apply.apply_step`).

    Its graphs are those :func:`measure_state` would build from ``survey``, made faster: the state's
    own graphs copied, the actors the step adds or removes added or removed, and the ties of every
    pair of actors it touches built again by :func:`clusternet.graph.build_graph` from the rows of
    those pairs alone. A tie's relations, weight, trust and status depend only on the rows of its
    pair and on whether its two actors answered, so every other tie is as a rebuild would give it
    (only the order of the ties rebuilt differs: they come last). Communities and sampled actors
    are the state's.
    """
    present = _present_relations(selection, survey)
    pairs, gone = _touched(step)
    actors = survey.actors["actor_id"]
    new = actors[~actors.isin(list(state.graph)) | actors.isin(list(gone))]
    ends = {actor for pair in pairs for actor in pair} | set(new)
    ties = survey.ties
    near = ties.loc[ties["source"].isin(list(ends)) & ties["target"].isin(list(ends))]
    rows = [frozenset(pair) in pairs for pair in zip(near["source"], near["target"])]
    local = replace(
        survey,
        actors=survey.actors.loc[actors.isin(list(ends))].reset_index(drop=True),
        ties=near.loc[rows].reset_index(drop=True),
        respondents=survey.respondents.loc[survey.respondents["actor_id"].isin(list(ends))].reset_index(drop=True),
    )
    local_present = _present_relations(selection, local)
    local_graph = build_graph(local, local_present)
    graph = _edited(state.graph, actors, gone, pairs, local_graph)
    if state.reported is state.graph:
        reported: nx.DiGraph[str] = graph  # type: ignore[assignment]  # reported ties: one graph
    else:
        local_reported = reported_graph(local, local_present, local_graph)
        reported = _edited(state.reported, actors, gone, pairs, local_reported)
    graph.graph["relations"] = present.relations
    return _measured(survey, present, graph, reported, joint_action, state.actors["community"], state.sources)


def _touched(step: Step) -> tuple[set[frozenset[str]], set[str]]:
    """The pairs of actors whose ties a step adds or removes, and the actors it removes."""
    pairs: set[frozenset[str]] = set()
    gone: set[str] = set()
    for operation in step.operations:
        if operation.op in (ADD_TIE, ADD_ARC, REMOVE_TIE):
            pairs.add(frozenset((str(operation.source), str(operation.target))))
        elif operation.op == JOIN_ACTION:
            pairs.update(frozenset(pair) for pair in combinations(dict.fromkeys(operation.actors), 2))
        elif operation.op == REMOVE_ACTOR:
            gone.update(operation.actors)
    return pairs, gone


AnyGraph = TypeVar("AnyGraph", bound="nx.Graph[str]")


def _edited(
    graph: AnyGraph, actors: pd.Series, gone: set[str], pairs: set[frozenset[str]], rebuilt: nx.Graph[str]
) -> AnyGraph:
    """A copy of ``graph`` with only ``actors`` (those ``gone`` and the new ones last, with their
    attributes from ``rebuilt``: an actor removed and added again is a new actor) and the ties of
    ``pairs`` replaced by those of ``rebuilt``."""
    edited = graph.copy()
    keep = set(actors) - gone
    edited.remove_nodes_from([node for node in graph if node not in keep])
    edited.add_nodes_from((actor, rebuilt.nodes[actor]) for actor in actors if actor not in edited)
    for pair in pairs:
        first, second = tuple(pair)
        for source, target in ((first, second), (second, first)):
            if edited.has_edge(source, target):
                edited.remove_edge(source, target)
    edited.add_edges_from(rebuilt.edges(data=True))
    return edited


def _measured(
    survey: Survey,
    selection: Selection,
    graph: nx.Graph[str],
    reported: nx.DiGraph[str],
    joint_action: bool,
    communities: pd.Series | None,
    sources: tuple[str, ...] | None,
) -> State:
    """The state of these graphs, measured; the graphs are frozen first, so that the measures that each
    read the ties as a matrix share one (:mod:`clusternet.metrics.adjacency`)."""
    nx.freeze(graph)
    nx.freeze(reported)
    groups = nx.get_node_attributes(graph, selection.group_by)
    if communities is None:
        communities = louvain_communities(graph, seed=selection.seed).membership
    measures = pd.concat(
        [
            linkages(graph),
            betweenness(graph, seed=selection.seed, sources=sources),
            brokerage_roles(graph, groups)[["brokerage_total"]],
            trust_received(reported),
            _communities_of(list(graph), communities).to_frame(),
        ],
        axis=1,
    )
    measures.index.name = "actor_id"
    roster = survey.actors.set_index("actor_id")
    respondent = pd.Series(nx.get_node_attributes(graph, "respondent"), name="respondent")
    actors = roster[["name", "type"]].join(respondent).join(measures).join(roster.drop(columns=["name", "type"]))
    assert selection.round is not None  # resolved
    network = RoundNetwork.of(
        selection.round, selection.group_by, graph, reported, joint_action, precomputed=actors[PRECOMPUTED_MEASURES]
    )
    return State(survey, selection, graph, reported, actors, network, sources)


def _present_relations(selection: Selection, survey: Survey) -> Selection:
    """The selection with only the selected relations that the state's ties still hold (a step may
    remove the last tie of one; none left selects no tie, as it should)."""
    if selection.relations is None:
        return selection
    present = set(survey.relation_labels)
    return replace(selection, relations=tuple(relation for relation in selection.relations if relation in present))


def _communities_of(actors: list[str], communities: pd.Series) -> pd.Series:
    """Each actor's community in the survey as it is; an actor it does not hold is a community of its own."""
    known = communities.reindex(actors)
    numbers = known.to_numpy(dtype=float, copy=True)
    unknown = np.isnan(numbers)
    first_new = int(communities.max()) + 1 if len(communities) else 0
    numbers[unknown] = np.arange(first_new, first_new + int(unknown.sum()))
    return pd.Series(numbers.astype(int), index=known.index, name="community")
