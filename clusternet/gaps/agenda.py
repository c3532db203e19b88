"""This quarter's agenda: the few gaps a broker takes up first, no actor asked too often, no pair twice.

The ranked gaps repeat themselves where one actor is the answer to many of them: at 2,000 generated
actors the forty best all ask one well-trusted firm to bring others to yet another institution, and
on the sample an unconfirmed tie and an introduction may name the same two actors. :func:`agenda`
walks down the ranking and keeps the gaps that ask something new; :func:`kinds_summary` counts the
gaps of each kind; :func:`kind_name` names a kind for people. The agenda reads each gap's actors as
the structured ids of :meth:`clusternet.view.View.shown_gaps` (never the ``;``-joined text of
``gaps.csv``: a survey's ids are free text and may hold a ``;``), and that table holds the gaps the
view may show, in the order and under the index of :meth:`~clusternet.view.View.gaps_table`: an
anonymised view's agenda is made of the gaps it may show, and ``table.loc[agenda(...).index]`` is
that agenda as the view writes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from clusternet.messages import Message, message

AGENDA_SIZE = 10
"""Gaps on the agenda: about what one broker can take up in a quarter."""

CARDS_PER_ACTOR = 2
"""Most gaps of the agenda that name one actor: no one is asked for more than two things in a quarter."""

KIND_NAMES = {
    "isolated_actor": message("gap.kind.isolated_actor", "Isolated actor"),
    "peripheral_actor": message("gap.kind.peripheral_actor", "Peripheral actor"),
    "disconnected_component": message("gap.kind.disconnected_component", "Group cut off from the network"),
    "weak_bridge": message("gap.kind.weak_bridge", "Groups that rarely meet"),
    "institution_reach": message("gap.kind.institution_reach", "Institution reaching few firms"),
    "unreached_segment": message("gap.kind.unreached_segment", "Firms no institution reaches"),
    "broker_dependency": message("gap.kind.broker_dependency", "Dependency on one broker"),
    "low_trust": message("gap.kind.low_trust", "Low trust"),
    "trust_asymmetry": message("gap.kind.trust_asymmetry", "One-sided trust"),
    "unconfirmed_tie": message("gap.kind.unconfirmed_tie", "Unconfirmed tie"),
    "introduction": message("gap.kind.introduction", "Introduction"),
}
"""The name of every kind of gap (docs/gaps.md describes each)."""

SUMMARY_COLUMNS = ["kind", "gaps", "top_score"]
"""The columns of :func:`kinds_summary`."""


def kind_name(kind: str) -> Message:
    """The name of a kind of gap for people (``KeyError`` for a kind no finder gives)."""
    return KIND_NAMES[kind]()


def agenda(gaps: pd.DataFrame, size: int = AGENDA_SIZE, cards_per_actor: int = CARDS_PER_ACTOR) -> pd.DataFrame:
    """The gaps to take up first: the rows of ``gaps`` that a greedy walk down the ranking keeps.

    ``gaps`` is a ranked gaps table, most important first, whose ``actors`` column holds each gap's
    actors as a sequence of ids (or codes) in the gap's order, as :meth:`clusternet.view.View.shown_gaps`
    gives them; ``TypeError`` for text. Walking down it, a gap joins the agenda unless

    1. it names actors, and every one of them is already named by a gap of the agenda: it asks no one new;
    2. it names two actors or more, and its first two, in either order, are the first two of a gap of
       the agenda: the same pair under another kind (one-sided trust and an unconfirmed tie between
       the same two actors, or an introduction after it);
    3. it names an actor that ``cards_per_actor`` gaps of the agenda already name: one actor is not
       asked for more than that many things at once, hosts and intermediaries included.

    The walk stops when the agenda holds ``size`` gaps, or when the table runs out. The rows keep
    their index and all their columns, in rank order. Actors are only compared with one another, so
    a table under codes gives the same picks as under ids.

    >>> gaps = [("I1", "F1"), ("I2", "F1"), ("I3", "F1"), ("I1", "I2"), ("F2", "F3", "I1"), ("F3", "F2", "F4"), ("F4",)]
    >>> agenda(pd.DataFrame({"actors": gaps})).index.tolist()  # 2: F1 twice already; 3: no one new; 5: F2, F3 again
    [0, 1, 4, 6]
    """
    named: Counter[str] = Counter()
    pairs: set[frozenset[str]] = set()
    chosen: list[object] = []
    for position, actors in zip(gaps.index, gaps["actors"]):
        if len(chosen) == size:
            break
        names = _actor_ids(actors)
        pair = frozenset(names[:2])
        if names and all(actor in named for actor in names):
            continue
        if len(names) >= 2 and pair in pairs:
            continue
        if any(named[actor] >= cards_per_actor for actor in names):
            continue
        chosen.append(position)
        named.update(set(names))
        if len(names) >= 2:
            pairs.add(pair)
    return gaps.loc[chosen]


def _actor_ids(actors: Sequence[str]) -> list[str]:
    if isinstance(actors, str):
        raise TypeError("a gap's actors are a sequence of ids (View.shown_gaps), not the text of View.gaps_table")
    return [str(actor) for actor in actors]


def kinds_summary(gaps: pd.DataFrame) -> pd.DataFrame:
    """How many gaps of each kind ``gaps`` holds and the best score among them (:data:`SUMMARY_COLUMNS`),
    the kind with the best gap first (ties by kind); the counts add up to the table's rows."""
    grouped = gaps.groupby("kind", sort=False)["score"].agg(["size", "max"]).reset_index()
    summary = grouped.set_axis(SUMMARY_COLUMNS, axis=1)
    ranked: pd.DataFrame = summary.sort_values(
        ["top_score", "kind"], ascending=[False, True], kind="stable", ignore_index=True
    )
    return ranked
