"""Change below the network level: which reported ties are new, dropped or kept, and who gained or lost."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from clusternet.messages import Message, message
from clusternet.rounds.network import RoundNetwork
from clusternet.survey import Survey

NEW, DROPPED, KEPT = "new", "dropped", "kept"
STATUS_ORDER = (NEW, DROPPED, KEPT)

TIE_CHANGE_COLUMNS = [
    "source",
    "target",
    "relation",
    "status",
    "trust_from",
    "trust_to",
    "trust_change",
    "in_panel",
    "note",
]
"""Columns of ``tie_changes.csv``: the interface's six, then further ones."""

ACTOR_CHANGE_MEASURES = {
    "degree": "degree",
    "trust_received": "trust_received",
    "brokerage": "brokerage_total",
    "betweenness_norm": "betweenness_norm",
}
"""Measures of :func:`actor_changes`, each with ``_from``, ``_to`` and ``_change`` columns, and the
column of the round network's actors they come from: distinct partners either way, the mean trust
the others report in the actor, brokered two-paths (Gould and Fernandez, all roles), and the share
of pairs whose shortest paths run through the actor."""

SOURCE_DID_NOT_ANSWER = message("round.tie_change.source_did_not_answer", "the source did not answer {round}")


def tie_changes(
    survey: Survey, from_round: str, to_round: str, relations: Sequence[str] | None, panel: Collection[str]
) -> pd.DataFrame:
    """One row per report (source named target for a relation) in either round, with what became of it.

    ``status`` is ``new`` (reported at the end, not at the start), ``dropped`` (the reverse) or
    ``kept`` (both); ``trust_from`` and ``trust_to`` the trust the source gave the target for that
    relation in each round (blank when not reported or not rated) and ``trust_change`` their
    difference. ``in_panel`` is true when both ends answered both rounds, so that the tie could
    have been reported each time. ``note`` flags a change that may only be non-response, as a
    :class:`~clusternet.messages.Message` (``""`` when there is nothing to say): a tie dropped by
    a source that did not answer the later round, or new from a source that did not answer the
    earlier one. Rows are ordered new, dropped, kept, then by the roster order of
    source and target, then by relation.

    These are the reports as given, whatever tie mode the KPIs use.
    """
    key = ["source", "target", "relation"]
    start = survey.ties_in(from_round, relations)[key + ["trust"]]
    end = survey.ties_in(to_round, relations)[key + ["trust"]]
    ties = start.merge(end, on=key, how="outer", suffixes=("_from", "_to"), indicator=True)
    ties["status"] = ties["_merge"].map({"left_only": DROPPED, "right_only": NEW, "both": KEPT}).astype(object)
    ties["trust_change"] = ties["trust_to"] - ties["trust_from"]
    panel = set(panel)
    ties["in_panel"] = ties["source"].isin(panel) & ties["target"].isin(panel)
    answered_start, answered_end = survey.respondents_in(from_round), survey.respondents_in(to_round)
    notes: list[Message | str] = [
        SOURCE_DID_NOT_ANSWER(round=to_round)
        if status == DROPPED and source not in answered_end
        else SOURCE_DID_NOT_ANSWER(round=from_round)
        if status == NEW and source not in answered_start
        else ""
        for source, status in zip(ties["source"], ties["status"])
    ]
    ties["note"] = pd.Series(notes, index=ties.index, dtype=object)
    roster = {actor: at for at, actor in enumerate(survey.actors["actor_id"])}
    order = pd.DataFrame(
        {
            "status": ties["status"].map(STATUS_ORDER.index),
            "source": ties["source"].map(roster),
            "target": ties["target"].map(roster),
            "relation": ties["relation"],
        }
    ).sort_values(["status", "source", "target", "relation"], kind="stable")
    changes: pd.DataFrame = ties.loc[order.index, TIE_CHANGE_COLUMNS].reset_index(drop=True)
    return changes


def actor_changes(survey: Survey, start: RoundNetwork, end: RoundNetwork, panel: Collection[str]) -> pd.DataFrame:
    """One row per actor: whether it answered each round, and its degree, trust received, brokerage
    and normalised betweenness at the start, at the end and their change (end minus start).

    Computed on each round's network of the basis both networks share (the whole roster in a
    comparison), in the selected tie mode; ``trust_received`` comes from the reported ties. Rows
    follow the roster; sort by a ``*_change`` column to see who gained and who lost.
    """
    attributes = ["name", "type"] + ([start.group_by] if start.group_by != "type" else [])
    table = survey.actors.set_index("actor_id").loc[list(start.graph), attributes]
    panel = set(panel)
    table = table.assign(
        answered_from=start.actors["respondent"],
        answered_to=end.actors["respondent"],
        in_panel=[actor in panel for actor in start.graph],
    )
    for measure, column in ACTOR_CHANGE_MEASURES.items():
        before, after = start.actors[column], end.actors[column].reindex(start.actors.index)
        table[f"{measure}_from"] = before
        table[f"{measure}_to"] = after
        table[f"{measure}_change"] = after - before
    table.index.name = "actor_id"
    actors: pd.DataFrame = table.reset_index()
    return actors


def biggest_changes(actor_table: pd.DataFrame, measure: str, count: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``count`` actors who gained most and those who lost most on ``measure``, largest change
    first, earlier rows first among equal changes; nobody with no change or a blank one, so either
    table may be empty (identical rounds, or every actor losing)."""
    change = actor_table[f"{measure}_change"].astype(float)
    # select rows by the index of the changes picked, so that an empty pick selects no row
    gained = change[change.gt(0)].nlargest(count, keep="first").index
    lost = change[change.lt(0)].nsmallest(count, keep="first").index
    gainers: pd.DataFrame = actor_table.loc[gained]
    losers: pd.DataFrame = actor_table.loc[lost]
    return gainers, losers


def pair_changes(tie_changes_table: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors with what became of the tie between them, whatever its direction or relation.

    ``kept`` when the pair had a report in both rounds, ``new`` when only in the later one,
    ``dropped`` when only in the earlier one: what a change map draws in green, red and grey.
    """
    if tie_changes_table.empty:
        nothing: pd.DataFrame = pd.DataFrame(columns=["first", "second", "status"])
        return nothing
    ends = tie_changes_table[["source", "target"]].to_numpy()
    pairs = pd.DataFrame({"first": ends.min(axis=1), "second": ends.max(axis=1)})
    pairs["before"] = tie_changes_table["status"].isin([DROPPED, KEPT]).to_numpy()
    pairs["after"] = tie_changes_table["status"].isin([NEW, KEPT]).to_numpy()
    pairs = pairs.groupby(["first", "second"], as_index=False, sort=False)[["before", "after"]].any()
    pairs["status"] = [
        KEPT if before and after else NEW if after else DROPPED
        for before, after in zip(pairs["before"], pairs["after"])
    ]
    changes: pd.DataFrame = pairs[["first", "second", "status"]]
    return changes
