"""What followed each action of the facilitation log among its participants (``action_followup.csv``).

For an action, the **round before** is the last round dated before it and the **round after** the
first dated on or after it (:mod:`.periods`). Among its participants, ``ties_before`` and
``ties_after`` count the pairs tied, either way, in the view's relations and tie mode in those
rounds, and ``new_ties_among_participants`` the pairs tied after and not before. The gap it answers
(``gap_key``, a ``key`` of ``gaps.csv``) is looked up in the gaps of both rounds: its score, 0 when
the round has no such gap any more (closed, or never there), blank without a round or a key.

This is evidence of **association**, never of attribution: the ties might have formed without the
action, and an action's participants are often chosen because they were about to work together.
"""

from __future__ import annotations

import math
from itertools import combinations
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from clusternet.kpis import action_participants
from clusternet.logframe.periods import round_after, round_before
from clusternet.survey.model import PARTICIPANT_SEPARATOR

if TYPE_CHECKING:
    from clusternet.view import View

FOLLOWUP_COLUMNS = [
    "action_id",
    "date",
    "participants",
    "ties_before",
    "ties_after",
    "new_ties_among_participants",
    "gap_key",
    "gap_score_before",
    "gap_score_after",
    "round_before",
    "round_after",
    "kind",
    "status",
    "pairs",
]
"""Columns of ``action_followup.csv``: the interface's nine, then the two rounds, the action's kind
and status, and how many pairs its participants make."""


def tied_pairs(graph: nx.Graph[str], actors: list[str]) -> set[frozenset[str]]:
    """Pairs of ``actors`` with a tie either way in ``graph``.

    >>> sorted(map(sorted, tied_pairs(nx.DiGraph([("a", "b"), ("c", "b")]), ["a", "b", "c"])))
    [['a', 'b'], ['b', 'c']]
    """
    present = [actor for actor in actors if actor in graph]
    return {
        frozenset(pair) for pair in combinations(present, 2) if graph.has_edge(*pair) or graph.has_edge(*pair[::-1])
    }


def gap_score(gaps: pd.DataFrame, key: str) -> float:
    """The score of the gap with ``key`` (the highest when several kinds share it), 0 when there is none."""
    scores = gaps.loc[gaps["key"] == key, "score"]
    return float(scores.max()) if len(scores) else 0.0


def action_followup(view: View) -> pd.DataFrame:
    """One row per action of the log, columns :data:`FOLLOWUP_COLUMNS`; actors as the view shows them
    (codes when anonymised, and then no gap key: keys hold ids)."""
    actions = view.survey.actions
    rounds: dict[str, View] = {}

    def in_round(label: str) -> View:
        if label not in rounds:
            rounds[label] = view.with_selection(round=label)
        return rounds[label]

    rows: list[dict[str, Any]] = []
    for action, participants in zip(actions.to_dict("records"), action_participants(actions)):
        date = pd.Timestamp(action["date"])
        before, after = round_before(view.survey, date), round_after(view.survey, date)
        pairs_before = tied_pairs(in_round(before).analysis.graph, participants) if before else set()
        pairs_after = tied_pairs(in_round(after).analysis.graph, participants) if after else set()
        key = str(action["gap_key"])
        rows.append(
            {
                "action_id": action["action_id"],
                "date": date.date().isoformat(),
                "participants": PARTICIPANT_SEPARATOR.join(view.key(actor) for actor in participants),
                "ties_before": len(pairs_before) if before else math.nan,
                "ties_after": len(pairs_after) if after else math.nan,
                "new_ties_among_participants": len(pairs_after - pairs_before) if before and after else math.nan,
                "gap_key": "" if view.anonymized else key,
                "gap_score_before": gap_score(in_round(before).shown_gaps(), key) if before and key else math.nan,
                "gap_score_after": gap_score(in_round(after).shown_gaps(), key) if after and key else math.nan,
                "round_before": before or "",
                "round_after": after or "",
                "kind": action["kind"],
                "status": action["status"],
                "pairs": len(participants) * (len(participants) - 1) // 2,
            }
        )
    table = pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS)
    for column in ("ties_before", "ties_after", "new_ties_among_participants"):
        table[column] = table[column].astype("Int64")
    return table
