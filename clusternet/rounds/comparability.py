"""Whether rounds can be compared: which rounds, the same relations, trust asked, a group attribute.

Comparing unlike things is refused with a ``SelectionError`` that names the valid values; what can
be compared but deserves a caveat (a round that did not ask about trust) becomes a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clusternet.graph import TIE_MODES
from clusternet.rounds.network import JOINT_ACTION
from clusternet.rounds.panel import quoted
from clusternet.survey import SelectionError, Survey

GROUP_BY_PREFERENCE = ("village", "type")
"""Default group attribute for the E-I index: the first of these that the survey has (``type``
always exists). Ties across villages are what a cluster programme usually sets out to build."""


def ordered_rounds(survey: Survey, rounds: Iterable[str] | None) -> list[str]:
    """The named rounds (default: all), each checked, in the survey's date order, without repeats."""
    if rounds is None:
        return survey.round_labels
    wanted = {survey.check_round(label) for label in rounds}
    if not wanted:
        raise SelectionError(f"no round chosen; the rounds are {quoted(survey.round_labels)}")
    return [label for label in survey.round_labels if label in wanted]


def round_pair(survey: Survey, from_round: str, to_round: str) -> tuple[str, str]:
    """Both rounds checked; a ``SelectionError`` when they are the same round."""
    survey.check_round(from_round)
    survey.check_round(to_round)
    if from_round == to_round:
        raise SelectionError(
            f'compare two different rounds, not "{from_round}" with itself; the rounds are '
            f"{quoted(survey.round_labels)}"
        )
    return from_round, to_round


def check_tie_mode(ties: str) -> str:
    if ties not in TIE_MODES:
        raise SelectionError(f'there is no tie mode "{ties}"; the modes are {", ".join(TIE_MODES)}')
    return ties


def group_attribute(survey: Survey, group_by: str | None) -> str:
    """``group_by`` checked, or the default of ``GROUP_BY_PREFERENCE``."""
    if group_by is not None:
        return survey.check_attribute(group_by)
    return next(name for name in GROUP_BY_PREFERENCE if name in survey.attribute_names)


def comparable_relations(
    survey: Survey, rounds: Sequence[str], relations: Iterable[str] | None
) -> tuple[tuple[str, ...] | None, list[str]]:
    """The relations to compare (None: all) and notes, refusing rounds that name different relations.

    Without ``relations``, every round must name the same relation labels: a label found in some
    rounds only usually means a relabelled question ("joint_purchasing" at endline for
    "joint_action" at baseline), and comparing the rounds would compare unlike things. The
    ``SelectionError`` names the labels and the rounds. Naming ``relations`` explicitly asserts
    that each was asked in every round: one that has no tie in a round then counts as none there,
    with a note.
    """
    labels = {label: set(survey.ties_in(label)["relation"]) for label in rounds}
    if relations is not None:
        relations = tuple(survey.check_relations(relations))
        notes = [
            f'Relation "{relation}" has no tie in {quoted(missing)}: counted as none there.'
            for relation in relations
            if (missing := [label for label in rounds if relation not in labels[label]])
        ]
        return relations, notes
    every_round = set.intersection(*labels.values())
    if all(named == every_round for named in labels.values()):
        return None, []
    differences = "; ".join(
        f'{quoted(sorted(named - every_round)) if named - every_round else "no other relation"} in "{label}"'
        for label, named in labels.items()
    )
    raise SelectionError(
        f"the rounds {quoted(rounds)} name different relations ({differences}; in every round: "
        f"{quoted(sorted(every_round)) if every_round else 'none'}). Comparing them would compare unlike things: "
        "give the same relationship the same label in every round, or choose the relations to compare "
        "(relations=[...], --relation), which counts a relation without ties in a round as none there."
    )


def trust_notes(survey: Survey, rounds: Sequence[str], relations: Sequence[str] | None) -> list[str]:
    """Notes on rounds whose selected ties carry no trust rating (trust was not asked there), and on
    rounds that rated different relations (the trust KPIs then average unlike ratings)."""
    rated = {}
    for label in rounds:
        ties = survey.ties_in(label, relations)
        rated[label] = set(ties.loc[ties["trust"].notna(), "relation"])
    unrated = [label for label in rounds if not rated[label] and len(survey.ties_in(label, relations))]
    if len(unrated) == len(rounds):
        return ["No round compared has trust ratings: the trust KPIs are blank."]
    notes = []
    if unrated:
        one = len(unrated) == 1
        notes.append(
            f"{quoted(unrated)} {'has' if one else 'have'} no trust ratings (trust was not asked there): "
            f"mean_trust and high_trust_share are blank for {'it' if one else 'them'}, and their change "
            "cannot be measured."
        )
    rating_rounds = [label for label in rounds if rated[label]]
    if any(rated[label] != rated[rating_rounds[0]] for label in rating_rounds):
        by_round = "; ".join(f'{quoted(sorted(rated[label]))} in "{label}"' for label in rating_rounds)
        notes.append(
            f"Trust was rated for different relations ({by_round}): the trust KPIs average ratings "
            "of different relationships; compare them on the relations rated in every round."
        )
    return notes


def joint_action_notes(survey: Survey, relations: Sequence[str] | None) -> list[str]:
    """A note when the joint-action KPIs are blank because ``joint_action`` is not compared."""
    if relations is None and JOINT_ACTION not in survey.relation_labels:
        return [
            f'The survey has no relation "{JOINT_ACTION}" (its relations are {quoted(survey.relation_labels)}): '
            "joint_action_ties and firms_in_joint_action are blank."
        ]
    if relations is not None and JOINT_ACTION not in relations:
        return [
            f'"{JOINT_ACTION}" is not among the relations compared: joint_action_ties and '
            "firms_in_joint_action are blank."
        ]
    return []
