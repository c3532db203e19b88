"""The two bases on which rounds are compared: all actors, and the balanced panel.

- ``all``: every actor on the survey's roster, in every round, as ``clusternet analyze`` counts
  them. Non-respondents keep the ties that others report to them. This basis shows the cluster as
  each round saw it, but a change on it mixes what happened with who answered: an actor that did
  not answer one round loses its own reports there and looks less connected.
- ``panel``: the balanced panel, the actors who answered in every round compared, and only the
  ties among them. Every tie of the panel could be reported from both sides in every round, so a
  change on the panel is not an artefact of turnover or non-response; it speaks for the panel
  actors only.

An actor *takes part* in a round when it answered or someone named it there. The survey format has
one roster for all rounds, so an actor that takes part in some rounds only (a firm founded after the
baseline, one that closed, one that nobody reached) is an isolate non-respondent in the others on
the basis ``all``; :func:`turnover_notes` names such actors.
"""

from __future__ import annotations

from collections.abc import Sequence

from clusternet.messages import Message, message, plural_message
from clusternet.rounds.wording import actor_listing, quoted
from clusternet.survey import Survey

ALL, PANEL = "all", "panel"
BASES = {
    ALL: message("round.basis.all", "every actor on the roster, in every round"),
    PANEL: message(
        "round.basis.panel", "the balanced panel: actors who answered in every round compared, and the ties among them"
    ),
}
"""The bases and what each holds, in the order of ``kpis.csv``."""

IN_NO_ROUND = plural_message(
    "round.note.in_no_round",
    "{actors} takes part in none of the rounds compared (neither answered nor named): an isolate on the basis "
    "all, outside the panel.",
    "{actors} take part in none of the rounds compared (neither answered nor named): isolates on the basis "
    "all, outside the panel.",
)
IN_SOME_ROUNDS = plural_message(
    "round.note.in_some_rounds",
    "{actors} takes part in {present} only (answered or named there), not in {absent}: on the basis all it is "
    "an isolate that did not answer there, which can fake a change; the panel leaves it out.",
    "{actors} take part in {present} only (answered or named there), not in {absent}: on the basis all they "
    "are isolates that did not answer there, which can fake a change; the panel leaves them out.",
)
EMPTY_PANEL = message(
    "round.note.empty_panel",
    "No actor answered in every round compared ({rounds}): the panel is empty and its KPIs are blank.",
)
RESPONDENTS_INFERRED = message(
    "round.note.respondents_inferred",
    "The survey has no respondents sheet: respondents are taken to be the actors who reported a tie, so the "
    "panel misses respondents who named nobody.",
)


def panel_actors(survey: Survey, rounds: Sequence[str]) -> list[str]:
    """Actors who answered in every one of ``rounds``, in roster order."""
    answered_every_round = set.intersection(*(set(survey.respondents_in(label)) for label in rounds))
    return [actor for actor in survey.actors["actor_id"] if actor in answered_every_round]


def basis_actors(survey: Survey, rounds: Sequence[str], basis: str) -> list[str]:
    """The actors of ``basis`` (``all`` or ``panel``) for a comparison of ``rounds``, in roster order."""
    if basis == ALL:
        return list(survey.actors["actor_id"])
    if basis == PANEL:
        return panel_actors(survey, rounds)
    raise ValueError(f'there is no basis "{basis}"; the bases are {", ".join(BASES)}')


def taking_part(survey: Survey, round_label: str) -> frozenset[str]:
    """Actors who answered in the round or were named there in a tie of any relation."""
    ties = survey.ties_in(round_label)
    return survey.respondents_in(round_label) | frozenset(ties["source"]) | frozenset(ties["target"])


def turnover_notes(survey: Survey, rounds: Sequence[str]) -> list[Message]:
    """Notes for people: actors that take part in some of ``rounds`` only, an empty panel, and
    respondents inferred from the ties (which makes the panel approximate)."""
    present = {label: taking_part(survey, label) for label in rounds}
    patterns: dict[tuple[str, ...], list[str]] = {}
    for actor in survey.actors["actor_id"]:
        pattern = tuple(label for label in rounds if actor in present[label])
        if len(pattern) < len(rounds):
            patterns.setdefault(pattern, []).append(actor)
    notes = [
        _partial_presence_note(actors, pattern, [label for label in rounds if label not in pattern])
        for pattern, actors in patterns.items()
    ]
    if not panel_actors(survey, rounds):
        notes.append(EMPTY_PANEL(rounds=quoted(rounds)))
    if survey.respondents_inferred:
        notes.append(RESPONDENTS_INFERRED())
    return notes


def _partial_presence_note(actors: Sequence[str], present: Sequence[str], absent: Sequence[str]) -> Message:
    if not present:
        return IN_NO_ROUND(actors=actor_listing(actors), count=len(actors))
    return IN_SOME_ROUNDS(
        actors=actor_listing(actors), present=quoted(present), absent=quoted(absent), count=len(actors)
    )
