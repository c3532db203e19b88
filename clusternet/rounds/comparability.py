"""Whether rounds can be compared: which rounds, the same relations, trust asked, a group attribute.

Comparing unlike things is refused with a ``SelectionError`` that names the valid values; what can
be compared but deserves a caveat (a round that did not ask about trust) becomes a note, a
:class:`~clusternet.messages.Message`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clusternet.graph import TIE_MODES, UNKNOWN_TIE_MODE
from clusternet.messages import Message, message, plural_message
from clusternet.rounds.network import JOINT_ACTION
from clusternet.rounds.wording import SEMICOLON_LIST, one_after_another, quoted
from clusternet.survey import SelectionError, Survey

GROUP_BY_PREFERENCE = ("village", "type")
"""Default group attribute for the E-I index: the first of these that the survey has (``type``
always exists). Ties across villages are what a cluster programme usually sets out to build."""

NO_ROUND_CHOSEN = message("round.selection.no_round", "no round chosen; the rounds are {rounds}")
SAME_ROUND = message(
    "round.selection.same_round", 'compare two different rounds, not "{round}" with itself; the rounds are {rounds}'
)
DIFFERENT_RELATIONS = message(
    "round.selection.different_relations",
    "the rounds {rounds} name different relations ({differences}; in every round: {common}). Comparing them "
    "would compare unlike things: give the same relationship the same label in every round, or choose the "
    "relations to compare (relations=[...], --relation), which counts a relation without ties in a round as "
    "none there.",
)
RELATIONS_IN_ROUND = message("round.selection.relations_in_round", '{relations} in "{round}"')
NO_OTHER_RELATION_IN_ROUND = message("round.selection.no_other_relation_in_round", 'no other relation in "{round}"')
NO_RELATION = message("round.selection.no_relation", "none")

RELATION_MISSING = message(
    "round.note.relation_missing", 'Relation "{relation}" has no tie in {rounds}: counted as none there.'
)
NO_TRUST_RATINGS = message(
    "round.note.no_trust_ratings", "No round compared has trust ratings: the trust KPIs are blank."
)
ROUNDS_WITHOUT_TRUST = plural_message(
    "round.note.rounds_without_trust",
    "{rounds} has no trust ratings (trust was not asked there): mean_trust and high_trust_share are blank for "
    "it, and their change cannot be measured.",
    "{rounds} have no trust ratings (trust was not asked there): mean_trust and high_trust_share are blank for "
    "them, and their change cannot be measured.",
)
TRUST_FOR_DIFFERENT_RELATIONS = message(
    "round.note.trust_for_different_relations",
    "Trust was rated for different relations ({relations}): the trust KPIs average ratings of different "
    "relationships; compare them on the relations rated in every round.",
)
NO_JOINT_ACTION_RELATION = message(
    "round.note.no_joint_action_relation",
    'The survey has no relation "{relation}" (its relations are {relations}): joint_action_ties and '
    "firms_in_joint_action are blank.",
)
JOINT_ACTION_NOT_COMPARED = message(
    "round.note.joint_action_not_compared",
    '"{relation}" is not among the relations compared: joint_action_ties and firms_in_joint_action are blank.',
)


def ordered_rounds(survey: Survey, rounds: Iterable[str] | None) -> list[str]:
    """The named rounds (default: all), each checked, in the survey's date order, without repeats."""
    if rounds is None:
        return survey.round_labels
    wanted = {survey.check_round(label) for label in rounds}
    if not wanted:
        raise SelectionError(NO_ROUND_CHOSEN(rounds=quoted(survey.round_labels)))
    return [label for label in survey.round_labels if label in wanted]


def round_pair(survey: Survey, from_round: str, to_round: str) -> tuple[str, str]:
    """Both rounds checked; a ``SelectionError`` when they are the same round."""
    survey.check_round(from_round)
    survey.check_round(to_round)
    if from_round == to_round:
        raise SelectionError(SAME_ROUND(round=from_round, rounds=quoted(survey.round_labels)))
    return from_round, to_round


def check_tie_mode(ties: str) -> str:
    if ties not in TIE_MODES:
        raise SelectionError(UNKNOWN_TIE_MODE(mode=ties, modes=", ".join(TIE_MODES)))
    return ties


def group_attribute(survey: Survey, group_by: str | None) -> str:
    """``group_by`` checked, or the default of ``GROUP_BY_PREFERENCE``."""
    if group_by is not None:
        return survey.check_attribute(group_by)
    return next(name for name in GROUP_BY_PREFERENCE if name in survey.attribute_names)


def comparable_relations(
    survey: Survey, rounds: Sequence[str], relations: Iterable[str] | None
) -> tuple[tuple[str, ...] | None, list[Message]]:
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
        checked = tuple(survey.check_relations(relations))
        notes = [
            RELATION_MISSING(relation=relation, rounds=quoted(missing))
            for relation in checked
            if (missing := [label for label in rounds if relation not in labels[label]])
        ]
        return checked, notes
    every_round = set.intersection(*labels.values())
    if all(named == every_round for named in labels.values()):
        return None, []
    differences = [
        RELATIONS_IN_ROUND(relations=quoted(sorted(named - every_round)), round=label)
        if named - every_round
        else NO_OTHER_RELATION_IN_ROUND(round=label)
        for label, named in labels.items()
    ]
    raise SelectionError(
        DIFFERENT_RELATIONS(
            rounds=quoted(rounds),
            differences=one_after_another(differences, SEMICOLON_LIST),
            common=quoted(sorted(every_round)) if every_round else NO_RELATION(),
        )
    )


def trust_notes(survey: Survey, rounds: Sequence[str], relations: Sequence[str] | None) -> list[Message]:
    """Notes on rounds whose selected ties carry no trust rating (trust was not asked there), and on
    rounds that rated different relations (the trust KPIs then average unlike ratings)."""
    rated = {}
    for label in rounds:
        ties = survey.ties_in(label, relations)
        rated[label] = set(ties.loc[ties["trust"].notna(), "relation"])
    unrated = [label for label in rounds if not rated[label] and len(survey.ties_in(label, relations))]
    if len(unrated) == len(rounds):
        return [NO_TRUST_RATINGS()]
    notes = []
    if unrated:
        notes.append(ROUNDS_WITHOUT_TRUST(rounds=quoted(unrated), count=len(unrated)))
    rating_rounds = [label for label in rounds if rated[label]]
    if any(rated[label] != rated[rating_rounds[0]] for label in rating_rounds):
        by_round = [RELATIONS_IN_ROUND(relations=quoted(sorted(rated[label])), round=label) for label in rating_rounds]
        notes.append(TRUST_FOR_DIFFERENT_RELATIONS(relations=one_after_another(by_round, SEMICOLON_LIST)))
    return notes


def joint_action_notes(survey: Survey, relations: Sequence[str] | None) -> list[Message]:
    """A note when the joint-action KPIs are blank because ``joint_action`` is not compared."""
    if relations is None and JOINT_ACTION not in survey.relation_labels:
        return [NO_JOINT_ACTION_RELATION(relation=JOINT_ACTION, relations=quoted(survey.relation_labels))]
    if relations is not None and JOINT_ACTION not in relations:
        return [JOINT_ACTION_NOT_COMPARED(relation=JOINT_ACTION)]
    return []
