"""The linear-algebra audit of an anonymised view: what its published trust figures let anyone compute.

The unknowns are the round's single ratings (one per reported arc with a trust rating, as the named
survey holds them). Every trust figure an anonymised view publishes that is a mean of some of them
is one linear equation: its mean times its count is the sum of its ratings, and the ratings it sums
follow from what the view also publishes (the edge list's ties, the actors' types and groups).
A hidden figure, or a single rating, is *disclosed* when its indicator vector lies in the row space
of the published equations: then some sum and difference of published figures gives it exactly.

Reference: Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, section 4.2.4
(auditing a table's suppression pattern by linear programming / linear algebra).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from clusternet.graph import python_value
from clusternet.survey import Survey
from clusternet.view import View
from clusternet.viz.map_style import map_style
from clusternet.viz.styles import category_label

RESIDUAL = 1e-6
"""A target whose distance to the row space is below this share of its length is disclosed."""


@dataclass(frozen=True)
class Ratings:
    """The round's single ratings: arc ``i`` is ``sources[i]`` rating ``targets[i]`` ``trust[i]``
    (the mean over relations, as every trust figure counts it)."""

    sources: np.ndarray
    targets: np.ndarray
    trust: np.ndarray

    def __len__(self) -> int:
        return len(self.trust)

    def among(self, raters: set[str] | None = None, rated: set[str] | None = None) -> np.ndarray:
        """The ratings given by ``raters`` (anyone when None) to ``rated`` (anyone when None)."""
        chosen = np.ones(len(self), dtype=bool)
        if raters is not None:
            chosen &= np.isin(self.sources, list(raters))
        if rated is not None:
            chosen &= np.isin(self.targets, list(rated))
        return chosen


def round_ratings(survey: Survey, round_label: str) -> Ratings:
    """Every rated arc of the round in the named survey (read from its ties, not from an analysis)."""
    ties = survey.ties.loc[(survey.ties["round"] == round_label) & survey.ties["trust"].notna()]
    ties = ties.loc[ties["source"] != ties["target"]]
    arcs = ties.groupby(["source", "target"])["trust"].mean().reset_index()
    return Ratings(arcs["source"].to_numpy(str), arcs["target"].to_numpy(str), arcs["trust"].to_numpy(float))


@dataclass(frozen=True)
class Figure:
    """One trust aggregate of the view: ``name`` says where it is published (table and row),
    ``weights`` says which ratings it sums (+1, or -1 for an asymmetry), ``value`` is its published sum
    (mean times count), None when the view hides it."""

    name: str
    weights: np.ndarray
    value: float | None

    @property
    def ratings(self) -> int:
        return int(np.count_nonzero(self.weights))


def _figure(name: str, chosen: np.ndarray, mean: object, count: object = None) -> Figure:
    weights = chosen.astype(float)
    if mean is None or pd.isna(mean):
        return Figure(name, weights, None)
    ratings = int(chosen.sum()) if count is None or pd.isna(count) else int(count)
    return Figure(name, weights, float(mean) * ratings)


def view_figures(view: View, ratings: Ratings) -> list[Figure]:
    """Every trust aggregate of the anonymised ``view`` (its selection's round), published or hidden.

    - the actors table: each actor's trust received and given, and its trust asymmetry (the mean of
      ``t_ji - t_ij`` over the partners j it rates and is rated by: the edge list says which);
    - the round's trust summary, the network table's mean trust and the KPI series' mean trust;
    - trust between groups, for every attribute the view offers as Group by;
    - the lines of the aggregated map, for every colouring the Map page offers;
    - the trust the gaps state: low trust received, the mean trust of a weak bridge's host.
    """
    ids = {code: actor for actor, code in view.codes.items()}
    figures = list(_actor_figures(view, ratings, ids))
    everything = np.ones(len(ratings), dtype=bool)
    summary = view.trust_summary()
    figures.append(_figure("trust summary of the round", everything, summary["mean_trust"], summary["trust_ratings"]))
    network = view.network_values
    figures.append(
        _figure("network.csv mean_trust", everything, network.get("mean_trust"), network.get("trust_ratings"))
    )
    series = view.kpi_series
    if series is not None:
        row = series.loc[(series["kpi"] == "mean_trust") & (series["basis"] == "all")]
        if view.selection.round in row.columns:
            figures.append(_figure("KPI series mean_trust", everything, row[view.selection.round].iloc[0]))
    groups_of = view.survey.actors.set_index("actor_id")
    for attribute in view.attributes:
        label = {actor: _group(value) for actor, value in groups_of[attribute].items()}
        means, counts = view.with_selection(group_by=attribute).trust_between_groups()
        for rater in means.index:
            for rated in means.columns:
                chosen = ratings.among(
                    {actor for actor, group in label.items() if group == str(rater)},
                    {actor for actor, group in label.items() if group == str(rated)},
                )
                if chosen.any():
                    name = f"trust between groups by {attribute}: {rater} -> {rated}"
                    figures.append(_figure(name, chosen, means.at[rater, rated], counts.at[rater, rated]))
    figures += _line_figures(view, ratings)
    figures += _gap_figures(view, ratings, ids)
    return figures


def _group(value: object) -> str:
    return "unknown" if value is None or pd.isna(value) else str(value)


def _actor_figures(view: View, ratings: Ratings, ids: dict[str, str]) -> Iterator[Figure]:
    rated = set(zip(ratings.sources, ratings.targets))
    for _, row in view.actors_table().iterrows():
        actor = ids[row["actor_id"]]
        received, given = ratings.among(rated={actor}), ratings.among(raters={actor})
        if received.any():
            yield _figure(
                f"trust received by {row['actor_id']}", received, row["trust_received"], row["trust_received_n"]
            )
        if given.any():
            yield _figure(f"trust given by {row['actor_id']}", given, row["trust_given"], row["trust_given_n"])
        mutual = {partner for source, partner in rated if source == actor and (partner, actor) in rated}
        if mutual and "trust_asymmetry" in row and not pd.isna(row["trust_asymmetry"]):
            weights = ratings.among(mutual, {actor}).astype(float) - ratings.among({actor}, mutual).astype(float)
            name = f"trust asymmetry of {row['actor_id']} ({len(mutual)} mutual partners)"
            yield Figure(name, weights, float(row["trust_asymmetry"]) * len(mutual))


def _line_figures(view: View, ratings: Ratings) -> Iterator[Figure]:
    """The lines between groups of the aggregated map, for each colouring the Map page offers."""
    for color_by in ["type", "community", *[name for name in view.attributes if name != "type"]]:
        style = map_style(view, color_by=color_by)
        label = {actor: category_label(python_value(group)) for actor, group in style.groups.items()}
        graph = view.group_graph(style.groups, style.color_by)
        for one, other, line in graph.edges(data=True):
            first = {actor for actor, group in label.items() if group == one}
            second = {actor for actor, group in label.items() if group == other}
            chosen = ratings.among(first, second) | ratings.among(second, first)
            if chosen.any():
                yield _figure(f"map line by {color_by}: {one} - {other}", chosen, line["trust"], line["rated"] or None)


def _gap_figures(view: View, ratings: Ratings, ids: dict[str, str]) -> Iterator[Figure]:
    """The trust a gap states: low trust (an actor's trust received) and a weak bridge's host (the mean
    trust the members of the two groups give it; the groups are attribute values or communities, as
    the actors table publishes them)."""
    groups_of = view.survey.actors.set_index("actor_id")
    community = dict(zip(view.actors_table()["actor_id"].map(ids), view.actors_table()["community"]))
    for position, gap in view.gaps_table().iterrows():
        params = json.loads(gap["params"])
        where = f"gap {position + 1} ({gap['kind']})"
        if gap["kind"] == "low_trust":
            actor = ids[params["actor"]]
            yield _figure(
                f"{where}: trust of {params['actor']}", ratings.among(rated={actor}), params["trust"], params["ratings"]
            )
        clause = params.get("common_partner")
        if isinstance(clause, dict) and "trust" in clause.get("params", {}):
            members: set[str] = set()
            for side in ("first", "second"):
                group = params[side]["params"]
                if "community" in group:
                    members |= {actor for actor, number in community.items() if str(number) == group["community"]}
                else:
                    values = groups_of[group["attribute"]].map(_group)
                    members |= set(values.index[values == str(group["value"])])
            host = clause["params"]["host"]
            chosen = ratings.among(members, {ids[host]})
            yield _figure(f"{where}: trust of its host {host}", chosen, clause["params"]["trust"])


@dataclass(frozen=True)
class Disclosure:
    """A target worked out from published figures: the combination (weight, figure) that gives it."""

    target: str
    ratings: int
    combination: list[tuple[float, str]]

    def __str__(self) -> str:
        terms = " ".join(f"{weight:+g} x [{name}]" for weight, name in self.combination)
        return f"{self.target} ({self.ratings} ratings) = {terms}"


def targets(view: View, ratings: Ratings, figures: list[Figure]) -> list[tuple[str, np.ndarray]]:
    """What must stay unknown: every hidden figure's sum, and every single rating (by codes)."""
    hidden = [(f"hidden {figure.name}", figure.weights) for figure in figures if figure.value is None]
    codes = view.codes
    single = [
        (f"the rating {codes[source]} -> {codes[target]}", np.eye(1, len(ratings), index).ravel())
        for index, (source, target) in enumerate(zip(ratings.sources, ratings.targets))
    ]
    return hidden + single


class RowSpace:
    """The row space of the published figures, with a test of membership and an explanation."""

    def __init__(self, figures: list[Figure], size: int) -> None:
        self.published = [figure for figure in figures if figure.value is not None]
        self.matrix = np.array([figure.weights for figure in self.published]).reshape(-1, size)
        if len(self.published):
            _, singular, basis = np.linalg.svd(self.matrix, full_matrices=False)
            rank = int((singular > singular[0] * 1e-10).sum()) if singular.size else 0
            self.basis = basis[:rank]
        else:
            self.basis = np.zeros((0, size))

    def holds(self, target: np.ndarray) -> bool:
        residual = target - self.basis.T @ (self.basis @ target)
        return bool(np.linalg.norm(residual) < RESIDUAL * np.linalg.norm(target))

    def combination(self, target: np.ndarray) -> list[tuple[float, str]]:
        """A sparse combination of published figures giving ``target`` (least total weight)."""
        count = len(self.published)
        result = linprog(
            np.ones(2 * count),
            A_eq=np.hstack([self.matrix.T, -self.matrix.T]),
            b_eq=target,
            bounds=(0, None),
            method="highs",
        )
        weights = result.x[:count] - result.x[count:]
        return [
            (round(float(weight), 3), self.published[at].name)
            for at, weight in enumerate(weights)
            if abs(weight) > 1e-7
        ]


def disclosures(
    view: View,
    ratings: Ratings,
    figures: list[Figure],
    known: Sequence[np.ndarray] = (),
    only: Callable[[str], bool] | None = None,
) -> list[Disclosure]:
    """Every target (those ``only`` accepts by name) that the published figures, and the ``known``
    ratings (one indicator vector each: what a respondent answered), give away."""
    extra = [Figure("a rating the reader gave", vector, 0.0) for vector in known]
    space = RowSpace(figures + extra, len(ratings))
    found = []
    for name, target in targets(view, ratings, figures):
        if (only is None or only(name)) and space.holds(target):
            found.append(Disclosure(name, int(np.count_nonzero(target)), space.combination(target)))
    return found


def misread(figures: list[Figure], ratings: Ratings) -> list[str]:
    """The published figures whose value is not the sum of the ratings the audit says they hold:
    empty when the audit reads every table where the view publishes it."""
    return [
        f"{figure.name}: published {figure.value}, the ratings give {figure.weights @ ratings.trust}"
        for figure in figures
        if figure.value is not None and not math.isclose(figure.value, figure.weights @ ratings.trust, abs_tol=1e-6)
    ]
