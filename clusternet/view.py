"""The one view: everything a person sees of a survey is drawn from a :class:`View`.

Every app page, CLI summary, export and report takes its tables, labels and sentences from a view,
so that what an audience may see is decided in this one place and nowhere else:

- **labels**: actors are shown by name, or by their code (``FIRM-07``) when the audience is
  anonymised; ids in tables are replaced by the codes;
- **messages**: every sentence of the library is a :class:`~clusternet.messages.Message`, rendered
  here for the audience's language, with actor parameters written as names or codes, so no finished
  text is ever scrubbed;
- **suppression**: anonymised, actor attributes that identify (free text) are dropped, and every
  trust figure backed by fewer than ``min_ratings`` (k) ratings is blanked, on every table and metric;
- **the selection**: the round, relations, tie mode, trust floor and groups are the view's
  :class:`~clusternet.graph.Selection`; another selection is ``view.with_selection(round=...)``
  (``dataclasses.replace``), and comparisons and KPI series use the same relations, tie mode and
  groups as the view, so a page and its download can never disagree.

Numbers come from an :class:`~clusternet.cache.AnalysisCache`, so many views of one survey (named and
anonymised, one per language) share every computation.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from clusternet.analysis import Analysis
from clusternet.anonymize import actor_codes, anonymize_actor_table, configured_key, layout_seed, new_key
from clusternet.cache import AnalysisCache
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.gaps import GAP_COLUMNS, GapsConfig, action_of, explanation_of, gaps_table
from clusternet.gaps.bridging import unrated_host
from clusternet.graph import Selection
from clusternet.i18n import SOURCE_LANGUAGE, translations
from clusternet.kpis import KPI_BY_CODE, MONITORING_KPI_BY_CODE
from clusternet.messages import Message, Renderer, message, params_json
from clusternet.metrics.trust import asymmetric_pairs, rating_distribution, trust_between_groups, trust_summary
from clusternet.profile import partners_table
from clusternet.rounds import Comparison
from clusternet.rounds.messages import key_messages
from clusternet.rounds.panel import ALL
from clusternet.suppression import TrustRelease, group_label
from clusternet.survey import SelectionError, Survey
from clusternet.survey.model import PARTICIPANT_SEPARATOR

if TYPE_CHECKING:  # what-if, logframe and map code are imported by the methods that use them: a command
    # that only analyses starts without them (and without the workbook and map libraries they import)
    from clusternet.whatif import Scenario, Simulation, WhatIfContext
    from clusternet.whatif.keyplayers import KeyPlayers
    from clusternet.whatif.scenario import Step

DEFAULT_RESAMPLES = 1000
"""Bootstrap resamples behind the intervals of KPI changes in exports and the app (1000 keeps an
interval within about 0.01 of 2000's and a report quick; ``clusternet compare`` uses its own default)."""

TRUST_COLUMNS = ("trust_received", "trust_given", "trust_received_n", "trust_given_n", "trust_asymmetry")
"""Per-actor trust aggregates; anonymised, they are taken from the round's complete ratings."""

ANONYMISED_OUT = ("trust_asymmetry",)
"""Actor measures never shown anonymised: each is made of single ratings in a way no release audits."""

SINGLE_RATING_GAPS = ("trust_asymmetry", "introduction")
"""Gap kinds whose every instance states single ratings (A rates B 5, B rates A 1; A and B both rate
C 4 or more): never anonymised."""

WHATIF_LEFT_OUT_GAPS = (*SINGLE_RATING_GAPS, "low_trust")
"""Gap kinds an anonymised what-if leaves out of the gaps' total score: those that state single
ratings, and low trust, whose score is one actor's mean rating (a step that rates it would give
that mean away)."""

TIE_RATINGS = ("trust_from", "trust_to", "trust_change")
"""The single ratings of a tie change, left out of anonymised tie changes."""

SUPPRESSED_TRUST = {"trust_received": "trust_received_n", "trust_given": "trust_given_n"}
"""Trust means of the actors table and the column counting the ratings behind each."""

TRUST_METRICS = ("mean_trust", "high_trust_share", "trust_ratings")
"""Whole-network measures (``network.csv``) made of ratings; anonymised, those of the complete round."""

TRUST_KPIS = ("mean_trust", "high_trust_share")
"""KPIs made of ratings; anonymised, those of the complete round, on the basis ``all`` only (a panel's
mean differs from the round's by the ratings of actors who answered one round only: perhaps few)."""

ALL_RELATIONS = message("selection.all_relations", "all relations")
SELECTION_TEXT = message("selection.description", "Round {round} · {relations} · {ties} ties")
TIE_MODE_WORDS = {
    "reported": message("selection.ties.reported", "reported"),
    "any": message("selection.ties.any", "any"),
    "confirmed": message("selection.ties.confirmed", "confirmed"),
}
"""How a tie mode reads inside the selection's description ("reported ties"); the mode itself is a code."""
SELECTION_WITH_FLOOR = message(
    "selection.description.trust_floor", "Round {round} · {relations} · {ties} ties · trust ≥ {min_trust}"
)
TITLE = message("selection.title", "{round}: {relations}")
TOO_FEW_RATINGS = message(
    "selection.min_ratings.too_small",
    "the fewest ratings behind a shown trust figure must be 1 or more, not {min_ratings}",
)
ONE_ROUND = message("rounds.problem.one_round", "The survey has one round: there is no change to show yet.")
NOT_COMPARABLE = message("rounds.problem.not_comparable", "The rounds cannot be compared: {reason}.")


@dataclass(frozen=True)
class Audience:
    """Who is looking: with names (the broker) or anonymised (a workshop, a donor), and in which language.

    ``min_ratings`` is k: anonymised, a trust figure backed by fewer ratings is hidden. ``key`` is the
    anonymised set's secret: the same key gives the same codes and map positions (files that belong
    together); a new audience draws a fresh one.
    """

    anonymized: bool = False
    min_ratings: int = MIN_RATINGS_SHOWN
    language: str = SOURCE_LANGUAGE
    key: str = field(default_factory=new_key, repr=False)

    def __post_init__(self) -> None:
        if self.min_ratings < 1:
            raise SelectionError(TOO_FEW_RATINGS(min_ratings=self.min_ratings))


@dataclass(frozen=True, eq=False)
class View:
    """One selection of a survey as one audience sees it. Build it with :func:`view_of`: anonymised,
    ``survey`` and ``cache`` are the redacted survey's (:func:`~clusternet.anonymize.redacted_survey`)."""

    survey: Survey
    selection: Selection
    cache: AnalysisCache
    audience: Audience = field(default_factory=Audience)
    config: GapsConfig = field(default_factory=GapsConfig)
    resamples: int = DEFAULT_RESAMPLES

    # --- who and what ----------------------------------------------------------------------

    @property
    def anonymized(self) -> bool:
        return self.audience.anonymized

    @property
    def min_ratings(self) -> int:
        """k: anonymised, trust figures backed by fewer ratings are hidden."""
        return self.audience.min_ratings

    @property
    def shows_tie_ratings(self) -> bool:
        """Whether a single tie's rating (rater -> rated -> trust) may be shown: to the broker only.
        Every edge list, graph file, tooltip, tie colour and tie change asks this, not the audience."""
        return not self.anonymized

    @cached_property
    def analysis(self) -> Analysis:
        """Every measure of the view's selection (from the cache)."""
        return self.cache.analysis(self.selection)

    def with_selection(self, **changes: Any) -> View:
        """The same audience looking at another selection (``round=...``, ``group_by=...``)."""
        selection = audience_selection(replace(self.selection, **changes), self.audience)
        return replace(self, selection=selection.resolved(self.survey))

    def with_config(self, config: GapsConfig) -> View:
        """The same view with other gap thresholds and weights (the Gaps page's controls)."""
        return replace(self, config=config)

    def with_audience(self, **changes: Any) -> View:
        """The same selection for another audience (``anonymized=True``, ``language="es"``)."""
        origin = self.cache.origin
        audience = replace(self.audience, **changes)
        return view_for(origin, self.selection, audience, self.config, self.resamples)

    def round_analysis(self, round_label: str) -> Analysis:
        """The analysis of another round with the same relations, tie mode, trust floor and groups."""
        return self.cache.analysis(replace(self.selection, round=round_label))

    # --- labels ----------------------------------------------------------------------------

    @cached_property
    def codes(self) -> dict[str, str]:
        """Each actor id's code, the same in the app and every export of this survey."""
        return actor_codes(self.survey.actors, salt=self.audience.key, min_actors=self.min_ratings)

    @cached_property
    def labels(self) -> dict[str, str]:
        """What is shown for each actor id: its name, or its code when anonymised."""
        if self.anonymized:
            return dict(self.codes)
        return {
            str(actor): str(name) for actor, name in zip(self.survey.actors["actor_id"], self.survey.actors["name"])
        }

    def label(self, actor_id: str) -> str:
        """An actor as shown: its name, or its code when anonymised (an unknown id as it is)."""
        return self.labels.get(actor_id, actor_id)

    def key(self, actor_id: str) -> str:
        """How an actor is identified in a table or graph file: its id, or its code when anonymised."""
        return self.codes[actor_id] if self.anonymized else actor_id

    @cached_property
    def hidden_columns(self) -> list[str]:
        """Actor attributes never shown to this audience: anonymised, all but the allowed ones
        (:func:`~clusternet.anonymize.private_attributes`); the redacted survey has none of them."""
        return self.cache.origin.private_attributes(self.min_ratings) if self.anonymized else []

    @property
    def attributes(self) -> list[str]:
        """The actor attributes this audience may group, colour and filter by (``type`` first)."""
        return [name for name in self.survey.attribute_names if name not in self.hidden_columns]

    @property
    def positions(self) -> dict[str, tuple[float, float]]:
        """Map positions of every actor, shared by every round and filter; anonymised, a layout of the
        set's own (seeded by its key), so that no named picture links a code to a name by position."""
        return self.cache.positions(layout_seed(self.audience.key) if self.anonymized else 0)

    @property
    def source_name(self) -> str:
        """The survey's file name, or blank when anonymised (file names often name the cluster's actors)."""
        return "" if self.anonymized or not self.survey.source else Path(self.survey.source).name

    # --- words -----------------------------------------------------------------------------

    @cached_property
    def renderer(self) -> Renderer:
        """Renders messages in the audience's language with actors as :meth:`label` writes them."""
        return Renderer(translations(self.audience.language), self.label, self.audience.language)

    def text(self, item: Message) -> str:
        """A message of the library as this audience reads it."""
        return self.renderer.render(item)

    def texts(self, items: Iterable[Message]) -> list[str]:
        return [self.renderer.render(item) for item in items]

    def gettext(self, text: str) -> str:
        """A plain label (``_("Anonymise")``) in the audience's language."""
        return self.renderer.gettext(text)

    def selection_message(self, analysis: Analysis | None = None) -> Message:
        """The selection of ``analysis`` (default: the view's own, whose measures it does not need) as a
        message (:meth:`describe_selection`)."""
        selection = self.selection if analysis is None else analysis.selection
        relations: str | Message = ", ".join(selection.relations) if selection.relations else ALL_RELATIONS()
        if selection.min_trust:
            return SELECTION_WITH_FLOOR(
                round=selection.round,
                relations=relations,
                ties=TIE_MODE_WORDS[selection.ties](),
                min_trust=selection.min_trust,
            )
        return SELECTION_TEXT(round=selection.round, relations=relations, ties=TIE_MODE_WORDS[selection.ties]())

    def describe_selection(self, analysis: Analysis | None = None) -> str:
        """``Round endline · all relations · reported ties`` (and the trust floor when set)."""
        return self.text(self.selection_message(analysis))

    @property
    def title(self) -> str:
        """The default title of a map or report: ``endline: all relations``."""
        relations: str | Message = ", ".join(self.selection.relations) if self.selection.relations else ALL_RELATIONS()
        return self.text(TITLE(round=self.selection.round, relations=relations))

    # --- tables ----------------------------------------------------------------------------

    @cached_property
    def network_values(self) -> dict[str, float]:
        """The whole-network measures (``network.csv``) by metric, as shown (:meth:`network_values_of`)."""
        return self.network_values_of(self.analysis)

    def network_values_of(self, analysis: Analysis) -> dict[str, float]:
        """The whole-network measures of ``analysis`` (another round of the view) as shown: anonymised,
        the trust measures are those of the round's complete ratings, whatever the filters."""
        values = dict(analysis.network_values)
        if self.anonymized:
            complete = self._trust_analysis(analysis).network_values
            values.update({metric: complete[metric] for metric in TRUST_METRICS if metric in complete})
        return values

    def network_table(self) -> pd.DataFrame:
        """The whole-network measures (``network.csv``) as shown."""
        table = self.analysis.network.copy()
        table["value"] = table["metric"].map(self.network_values)
        return table

    def actors_table(self, analysis: Analysis | None = None) -> pd.DataFrame:
        """The actors table (``actors.csv``) as shown: ids and names as codes, free text dropped and
        trust figures backed by fewer than k ratings blanked when anonymised."""
        if analysis is None or analysis is self.analysis:
            return self._own_actors_table.copy()
        return self._shown_actors(analysis)

    @cached_property
    def _own_actors_table(self) -> pd.DataFrame:
        return self._shown_actors(self.analysis)

    def _shown_actors(self, analysis: Analysis) -> pd.DataFrame:
        table = analysis.actors
        if not self.anonymized:
            return table.copy()
        release = self._release(analysis)
        hidden = {  # what the release does not list is hidden
            "trust_received": ~table["actor_id"].isin(list(release.received)).to_numpy(),
            "trust_given": ~table["actor_id"].isin(list(release.given)).to_numpy(),
        }
        shown = anonymize_actor_table(self._with_round_trust(table, analysis), self.codes, self.hidden_columns)
        for mean, count in SUPPRESSED_TRUST.items():
            shown.loc[hidden[mean], [column for column in (mean, count) if column in shown.columns]] = math.nan
        # an actor's asymmetry is a mean over its mutual partners' ratings both ways: an aggregate of
        # its own, outside the audited release, from which single ratings follow (received - given)
        return shown.drop(columns=[column for column in ANONYMISED_OUT if column in shown.columns])

    def _release(self, analysis: Analysis | None = None) -> TrustRelease:
        """Which trust aggregates of the round this (anonymised) audience may see."""
        return self.cache.trust_release(str((analysis or self.analysis).selection.round), self.min_ratings)

    def _trust_analysis(self, analysis: Analysis | None = None) -> Analysis:
        """Where this audience's trust aggregates come from: the selection's analysis for the broker;
        anonymised, every rating of the round (all relations, as reported, no trust floor), so that no
        filter changes a published aggregate and none can be subtracted from another."""
        analysis = analysis or self.analysis
        if not self.anonymized:
            return analysis
        complete = replace(self._complete_selection, round=analysis.selection.round)
        return self.cache.analysis(complete)

    def _with_round_trust(self, table: pd.DataFrame, analysis: Analysis) -> pd.DataFrame:
        source = self._trust_analysis(analysis).actors.set_index("actor_id")
        shown = table.copy()
        for column in TRUST_COLUMNS:
            if column in shown.columns and column in source.columns:
                shown[column] = shown["actor_id"].map(source[column])
        return shown

    def actor_row(self, actor_id: str) -> pd.Series[Any]:
        """One actor's row of :meth:`actors_table` (suppressed as the table is), by its id."""
        position = self.analysis.actors.index[self.analysis.actors["actor_id"] == actor_id]
        row: pd.Series[Any] = self._own_actors_table.loc[position[0]]
        return row

    def partners_table(self, actor_id: str) -> pd.DataFrame:
        """An actor's partners (``partner, type, relations, trust_given, trust_received, status``) as shown.

        Anonymised, the ratings both ways (``trust_given``, ``trust_received``) are left out: with the
        partner's code beside them, each is a single rating read back.
        """
        table = partners_table(self.analysis, actor_id)
        table["partner"] = table["partner"].map(self.label)
        return table if self.shows_tie_ratings else table.drop(columns=["trust_given", "trust_received"])

    def trust_summary(self) -> dict[str, float]:
        """Mean trust, high-trust share and the number of ratings of the selection (anonymised: of the
        whole round, see :meth:`_trust_analysis`)."""
        summary = trust_summary(self._trust_analysis().reported)
        if self.anonymized and not self._release().total:
            return {**summary, "mean_trust": math.nan, "high_trust_share": math.nan}
        return summary

    def trust_between_groups(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Mean trust given by each group (rows) to each (columns) by the selection's groups, and the
        ratings behind each; anonymised, over the whole round, and a cell of fewer than k ratings shows
        neither mean nor count."""
        reported = self._trust_analysis().reported
        groups = nx.get_node_attributes(reported, self.selection.group_by)
        means, counts = trust_between_groups(reported, groups)
        if self.anonymized:
            cells = self._release().cells.get(self.selection.group_by, {})
            hidden = np.array(
                [
                    [(group_label(row), group_label(column)) not in cells for column in counts.columns]
                    for row in counts.index
                ],
                dtype=bool,
            ).reshape(counts.shape)
            means, counts = means.mask(hidden), counts.astype(float).mask(hidden | (counts == 0).to_numpy())
        return means, counts

    def group_graph(self, groups: Mapping[str, object], attribute: str | None = None) -> nx.Graph[str]:
        """One node per group of actors (``groups``: actor -> group, the values of ``attribute``), one
        edge per pair of groups with ties (:func:`clusternet.viz.aggregate.group_graph`).

        Anonymised, a line's mean trust is that of the round's complete ratings between the two groups,
        shown only where it follows from published cells of trust between groups of ``attribute``
        (every cell it sums is published): a line then adds nothing a reader could subtract. Groups
        of anything else (communities, a measure) are drawn unrated.
        """
        from clusternet.viz.aggregate import group_graph

        graph = group_graph(self.analysis.graph, groups)
        if not self.anonymized:
            return graph
        cells = self._release().cells.get(attribute, {}) if attribute in self.attributes else {}
        complete = group_graph(self._trust_analysis().graph, groups)
        for one, other, tie in graph.edges(data=True):
            line = complete.edges[one, other] if complete.has_edge(one, other) else {"trust": None, "rated": 0}
            rated = int(line["rated"] or 0)
            published = sum(
                cells.get((first, second), 0)
                for a, b in ((one, other), (other, one))
                for first in graph.nodes[a]["groups"]
                for second in graph.nodes[b]["groups"]
            )  # the line's ratings are all in published cells, or it is drawn unrated
            derived = rated > 0 and published == rated
            tie["trust"], tie["rated"] = (line["trust"], rated) if derived else (None, 0)
        return graph

    def one_sided_trust(self) -> pd.DataFrame:
        """Pairs where one side trusts much and gets little back, actors as shown (``truster, trusted``,
        then both ratings; anonymised, without the ratings, and pages show only how many pairs)."""
        pairs = asymmetric_pairs(self._trust_analysis().reported)
        for column in ("truster", "trusted"):
            pairs[column] = pairs[column].map(self.label)
        if self.anonymized:  # each pair's two ratings are single ratings: the rows keep no rating
            return pairs[["truster", "trusted"]]
        return pairs

    @cached_property
    def _gaps(self) -> pd.DataFrame:
        """The ranked gaps this audience may see: anonymised, without the gaps that publish single
        ratings under codes (one-sided trust, introductions), low trust only as published, and weak
        bridges without their host's mean trust."""
        table = gaps_table(self.analysis, self.config)
        if not self.anonymized:
            return table
        published = self._own_actors_table.set_index(self.analysis.actors["actor_id"])
        table = table.assign(message=table["message"].map(unrated_host))
        shown = [
            kind not in SINGLE_RATING_GAPS and (kind != "low_trust" or _published(item, actors[0], published))
            for kind, actors, item in zip(table["kind"], table["actors"], table["message"])
        ]
        return table.loc[shown].reset_index(drop=True)

    def shown_gaps(self) -> pd.DataFrame:
        """The ranked gaps this audience may see, as the library holds them: ``kind``, ``actors`` (ids),
        ``score``, ``message`` (each gap's :class:`~clusternet.messages.Message`) and ``key``, in the
        order of :meth:`gaps_table`, which renders them: what the gaps' scenario steps are read from
        (:mod:`clusternet.whatif.from_gaps`)."""
        return self._gaps.copy()

    def gap_actor_ids(self, position: int) -> list[str]:
        """The actor ids of the gap at ``position`` of :meth:`gaps_table` (to highlight it on a map)."""
        return list(self._gaps["actors"].iloc[position])

    def gaps_table(self) -> pd.DataFrame:
        """The ranked gaps (``gaps.csv``): ``kind, actors, score, explanation, action``, evidence, then
        ``message_id`` and ``params``; anonymised, codes in ``actors``, the sentences and the params, and
        no ``key`` (it holds ids)."""
        raw = self._gaps
        table = raw.drop(columns="message").copy()
        table["actors"] = [";".join(self.key(actor) for actor in ids) for ids in raw["actors"]]
        table["explanation"] = [self.text(explanation_of(item)) for item in raw["message"]]
        table["action"] = [self.text(action_of(item)) for item in raw["message"]]
        table["message_id"] = [item.id for item in raw["message"]]
        table["params"] = [params_json(item, self.key) for item in raw["message"]]
        evidence = [column for column in table.columns if column not in (*GAP_COLUMNS, "key", "message_id", "params")]
        ordered = [*GAP_COLUMNS, *evidence, *([] if self.anonymized else ["key"]), "message_id", "params"]
        return table[ordered]

    # --- what if ---------------------------------------------------------------------------

    @property
    def whatif_context(self) -> WhatIfContext:
        """What the what-if KPIs of this view need: its gap settings, and anonymised the gap kinds left
        out of the gaps' total (:data:`WHATIF_LEFT_OUT_GAPS`)."""
        from clusternet.whatif import WhatIfContext

        return WhatIfContext(self.config, WHATIF_LEFT_OUT_GAPS if self.anonymized else ())

    def simulate(self, scenario: Scenario, project_attribute: str | None = None) -> Simulation:
        """The scenario tried on the view's round and selection (from the cache: the same steps on the
        same selection are measured once); ``project_attribute`` marks the project's own actors
        (:data:`clusternet.whatif.kpis.PROJECT_ATTRIBUTE` unless given)."""
        context = self.whatif_context
        if project_attribute is not None:
            context = replace(context, project_attribute=project_attribute)
        return self.cache.simulation(self.selection, scenario, context)

    def whatif_table(self, simulation: Simulation) -> pd.DataFrame:
        """``whatif.csv`` as shown: every KPI before and after each step; anonymised, the trust KPIs are
        blank (a step's change of a mean rating would give single ratings away)."""
        return self._whatif_shown(simulation.kpi_table())

    def whatif_overall(self, simulation: Simulation) -> pd.DataFrame:
        """Every KPI of the round as it is and after the whole scenario, with its ``name`` and
        ``meaning`` as this audience reads them (trust KPIs blank when anonymised)."""
        from clusternet.whatif.kpis import kpi_meaning, kpi_name

        table = self._whatif_shown(simulation.overall())
        table.insert(1, "name", [self.text(kpi_name(code)) for code in table["kpi"]])
        table["meaning"] = [self.text(kpi_meaning(code, self.selection.group_by)) for code in table["kpi"]]
        return table

    def _whatif_shown(self, table: pd.DataFrame) -> pd.DataFrame:
        shown = table.copy()
        if self.anonymized:
            trust = shown["kpi"].isin(TRUST_KPIS)
            shown.loc[trust, ["before", "after", "change"]] = math.nan
            shown.loc[trust, "effect"] = ""
        return shown

    def whatif_actor_changes(self, simulation: Simulation) -> pd.DataFrame:
        """``actor_changes.csv`` as shown: actors by id, or by code when anonymised (an actor the
        scenario added is shown as its id, which the user gave it)."""
        table = simulation.actor_changes()
        table["actor_id"] = [self.codes.get(actor, actor) if self.anonymized else actor for actor in table["actor_id"]]
        return table

    def key_players_table(self, found: KeyPlayers) -> pd.DataFrame:
        """The key players found (``clusternet keyplayers``): one row per member, ``actor_id`` (its key),
        ``name`` (its label), ``type`` and ``alone`` (its score as a set of one), then the set's
        ``goal``, ``steps``, ``score``, ``distance_weighted``, ``before``, ``distance_weighted_before``,
        ``method``, ``seed`` and ``sets_tried``."""
        types = dict(zip(self.survey.actors["actor_id"], self.survey.actors["type"]))
        rows = [
            {
                "actor_id": self.key(actor),
                "name": self.label(actor),
                "type": types.get(actor),
                "alone": alone,
                "goal": found.goal,
                "steps": found.steps,
                "score": found.score,
                "distance_weighted": found.distance_weighted,
                "before": found.before,
                "distance_weighted_before": found.distance_weighted_before,
                "method": found.method,
                "seed": found.seed,
                "sets_tried": found.sets_tried,
            }
            for actor, alone in zip(found.actors, found.alone)
        ]
        table = pd.DataFrame(rows)
        return table.astype({"steps": "Int64", "seed": "Int64"})

    def plan_table(self, steps: Iterable[Step]) -> pd.DataFrame:
        """The steps as a plan (a scenario file the facilitation log can take in), actors as
        :meth:`key` writes them; anonymised, codes and no gap keys (they hold ids)."""
        from clusternet.whatif.scenario import plan_table

        return plan_table(steps, lambda actor: self.codes.get(actor, actor) if self.anonymized else actor,
                          gap_keys=not self.anonymized)  # fmt: skip

    def planned_actions(self, steps: Iterable[Step], date: dt.date) -> pd.DataFrame:
        """The plan as planned actions of the facilitation log (the ``actions`` sheet), dated ``date``,
        actors as :meth:`key` writes them; anonymised, codes and no gap keys or notes."""
        from clusternet.logframe import plan_actions

        return plan_actions(steps, date, self.key, named=not self.anonymized)

    # --- the facilitation log and the logframe ----------------------------------------------

    def actions_table(self) -> pd.DataFrame:
        """The facilitation log as this audience may see it (the ``actions`` sheet): anonymised, actors
        as codes and no title, notes or gap key (free text and keys can name actors)."""
        actions = self.survey.actions.copy()
        if self.anonymized:
            for column in ("participants", "lead_actor"):
                actions[column] = [
                    PARTICIPANT_SEPARATOR.join(
                        self.key(actor) for actor in str(ids).split(PARTICIPANT_SEPARATOR) if actor
                    )
                    for ids in actions[column]
                ]
        return actions

    def monitoring_series(self) -> pd.DataFrame | None:
        """The monitoring indicators of every round (:func:`clusternet.logframe.monitoring_series`) on the
        view's relations, tie mode and groups, ``meaning`` rendered; None when the rounds cannot be compared."""
        try:
            series = self.cache.monitoring_series(self.selection)
        except SelectionError:
            return None
        return self._rendered_meanings(series)

    def logframe_table(self) -> pd.DataFrame:
        """``logframe.csv``: every indicator of the logframe in every round, with baseline, target and progress."""
        from clusternet.logframe import logframe_values

        return logframe_values(self)

    def followup_table(self) -> pd.DataFrame:
        """``action_followup.csv``: for each action, the ties among its participants before and after."""
        from clusternet.logframe import action_followup

        return action_followup(self)

    def indicator_name(self, code: str) -> str:
        """The name for people of a KPI or monitoring indicator code."""
        kpi = KPI_BY_CODE.get(code) or MONITORING_KPI_BY_CODE[code]
        return self.text(kpi.label())

    # --- rounds ----------------------------------------------------------------------------

    @property
    def compared_rounds(self) -> tuple[str, str] | None:
        """The rounds whose change the view shows by default: from the first round to the selection's
        round (to the latest when the selection is the first); None for a one-round survey."""
        rounds = self.survey.round_labels
        if len(rounds) < 2:
            return None
        selected = str(self.selection.round)
        return rounds[0], selected if selected != rounds[0] else rounds[-1]

    def compare(self, from_round: str, to_round: str) -> Comparison:
        """The comparison of two rounds on the view's relations, tie mode and groups (from the cache).

        Anonymised, the trust KPIs are those of the rounds' complete ratings (:data:`TRUST_KPIS`) and
        the actors' changes carry no trust. Raises ``SelectionError`` when the rounds cannot be compared.
        """
        comparison = self.cache.comparison(from_round, to_round, self.selection, self.resamples)
        if not self.anonymized:
            return comparison
        complete = self.cache.comparison(from_round, to_round, self._complete_selection, self.resamples)
        changes = comparison.actor_changes
        return replace(
            comparison,
            kpis=_with_complete_trust(comparison.kpis, complete.kpis, COMPARISON_VALUES),
            actor_changes=changes.drop(columns=[column for column in changes if str(column).startswith("trust")]),
        )

    @property
    def _complete_selection(self) -> Selection:
        """The view's round and groups with every relation, as reported, without trust floor: where an
        anonymised audience's trust aggregates come from."""
        return replace(self.selection, relations=None, ties="reported", min_trust=None)

    @cached_property
    def _comparison(self) -> tuple[Comparison | None, Message | None]:
        if self.compared_rounds is None:
            return None, ONE_ROUND()
        try:
            return self.compare(*self.compared_rounds), None
        except SelectionError as error:
            return None, NOT_COMPARABLE(reason=error.message)

    @property
    def comparison(self) -> Comparison | None:
        """The comparison of :attr:`compared_rounds`, or None (see :attr:`comparison_problem`)."""
        return self._comparison[0]

    @property
    def comparison_problem(self) -> str:
        """Why there is no comparison, for people; blank when there is one."""
        problem = self._comparison[1]
        return "" if problem is None else self.text(problem)

    @cached_property
    def _kpi_series(self) -> pd.DataFrame | None:
        """Every KPI of every round (anonymised, the trust KPIs of the complete rounds, basis all only)."""
        try:
            series = self.cache.kpi_series(self.selection)
            if not self.anonymized:
                return series
            complete = self.cache.kpi_series(self._complete_selection)
        except SelectionError:
            return None
        shown = _with_complete_trust(series, complete, self.survey.round_labels)
        shown.attrs = dict(series.attrs)
        return shown

    @cached_property
    def kpi_series(self) -> pd.DataFrame | None:
        """Every KPI of every round on the view's relations, tie mode and groups (``meaning`` as this
        audience reads it), or None when the rounds cannot be compared."""
        return None if self._kpi_series is None else self._rendered_meanings(self._kpi_series)

    def kpi_table(self, comparison: Comparison | None = None) -> pd.DataFrame | None:
        """``kpis.csv`` of a comparison (default :attr:`comparison`, ``meaning`` rendered), or None."""
        comparison = comparison or self.comparison
        return None if comparison is None else self._rendered_meanings(comparison.kpis)

    def _rendered_meanings(self, table: pd.DataFrame) -> pd.DataFrame:
        shown = table.copy()
        shown["meaning"] = [self.text(meaning) for meaning in table["meaning"]]
        shown.attrs = dict(table.attrs)
        return shown

    def kpi_name(self, code: str) -> str:
        """A KPI's name for people (``mean_trust`` -> "Mean trust")."""
        return self.text(KPI_BY_CODE[code].label())

    def rating_distribution(self) -> pd.Series:
        """How many ratings of each value (1..5) the selection holds (anonymised: the whole round)."""
        distribution: pd.Series[int] = rating_distribution(self._trust_analysis().reported)
        return distribution

    def tie_changes_table(self, comparison: Comparison | None = None) -> pd.DataFrame | None:
        """``tie_changes.csv`` of a comparison (codes for ids when anonymised), or None.

        Not anonymised, the partners' names follow as ``source_name`` and ``target_name``; the
        ``note`` column is rendered for the audience.
        """
        comparison = comparison or self.comparison
        if comparison is None:
            return None
        table = comparison.tie_changes.copy()
        table["note"] = [note if isinstance(note, str) else self.text(note) for note in table["note"]]
        if self.anonymized:
            table["source"] = table["source"].map(self.codes)
            table["target"] = table["target"].map(self.codes)
        if not self.shows_tie_ratings:
            table = table.drop(columns=[column for column in TIE_RATINGS if column in table.columns])
        else:
            table["source_name"] = table["source"].map(self.label)
            table["target_name"] = table["target"].map(self.label)
        return table

    def notes(self, comparison: Comparison | None = None) -> list[str]:
        """Caveats about the compared rounds (actors in one of them only, ...), or about all rounds when
        there is no comparison, as this audience reads them."""
        comparison = comparison or self.comparison
        if comparison is not None:
            return self.texts(comparison.notes)
        if self._kpi_series is not None and len(self.survey.round_labels) > 1:
            return self.texts(self._kpi_series.attrs.get("notes", []))
        return []

    def key_messages(self, from_round: str, to_round: str) -> list[str]:
        """The headline changes from one round to another, better changes first, as sentences."""
        if self._kpi_series is None:
            return []
        return self.texts(key_messages(self._kpi_series, from_round, to_round))


COMPARISON_VALUES = ("from_value", "to_value", "change", "low", "high", "relative_change", "assessment")
"""The columns of a comparison's KPI table that hold a KPI's values."""


def _with_complete_trust(table: pd.DataFrame, complete: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """A KPI table (``kpi``, ``basis``, then ``columns``) whose trust KPIs are taken from the table of
    the complete ratings (basis ``all``) or left blank (basis ``panel``)."""
    columns = [column for column in columns if column in table.columns]
    shown = table.copy()
    source = complete.set_index(["kpi", "basis"])
    for index in shown.index[shown["kpi"].isin(TRUST_KPIS)]:
        kpi, basis = shown.at[index, "kpi"], shown.at[index, "basis"]
        for column in columns:
            value: Any = source.at[(kpi, basis), column] if basis == ALL else None
            shown.at[index, column] = value
    return shown


def _published(gap: Message, actor_id: str, actors: pd.DataFrame) -> bool:
    """Whether a low-trust gap states only what the shown actors table (``actors``, indexed by id)
    publishes: the actor's trust received over the round's complete ratings, from as many ratings.
    Under a filter, or where suppression hides that figure, the gap would add a figure of its own."""
    trust, ratings = gap.arguments["trust"], gap.arguments["ratings"]
    row = actors.loc[actor_id]
    shown_trust, shown_ratings = row["trust_received"], row["trust_received_n"]
    if not isinstance(trust, (int, float)) or pd.isna(shown_trust):
        return False
    return math.isclose(float(trust), float(shown_trust)) and ratings == shown_ratings


def view_of(
    survey: Survey,
    selection: Selection = Selection(),
    *,
    anonymize: bool = False,
    min_ratings: int = MIN_RATINGS_SHOWN,
    language: str = SOURCE_LANGUAGE,
    key: str | None = None,
    config: GapsConfig | None = None,
    cache: AnalysisCache | None = None,
    resamples: int = DEFAULT_RESAMPLES,
) -> View:
    """The view of ``selection`` for an audience (named unless ``anonymize``; ``key`` the anonymised
    set's secret: when None, ``CLUSTERNET_ANONYMIZE_KEY`` or a fresh one), its numbers from ``cache``
    (a new one when None).

    Raises ``SelectionError`` naming the valid values for an unknown round, relation, tie mode or
    attribute (anonymised: an attribute it may not see is unknown to it).
    """
    audience = Audience(anonymize, min_ratings, language, key or configured_key())
    return view_for(cache or AnalysisCache(survey), selection, audience, config or GapsConfig(), resamples)


def view_for(
    cache: AnalysisCache,
    selection: Selection,
    audience: Audience,
    config: GapsConfig | None = None,
    resamples: int = DEFAULT_RESAMPLES,
) -> View:
    """The view of ``selection`` of the cache's survey for ``audience``.

    Anonymised, the view sees the redacted survey (:meth:`AnalysisCache.redacted`) and no trust
    floor: which ties are rated at or above a floor is a statement about single ratings.
    """
    translations(audience.language)  # an unknown language fails here, before any work
    if audience.anonymized:
        cache = cache.origin.redacted(audience.min_ratings, audience.key)
    selection = audience_selection(selection, audience).resolved(cache.survey)
    return View(cache.survey, selection, cache, audience, config or GapsConfig(), resamples)


def audience_selection(selection: Selection, audience: Audience) -> Selection:
    """The part of ``selection`` an audience may apply: anonymised, no trust floor (a map of the ties
    rated at or above a floor shows single ratings)."""
    return replace(selection, min_trust=None) if audience.anonymized else selection
