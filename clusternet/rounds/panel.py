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

from collections.abc import Iterable, Sequence

from clusternet.survey import Survey

ALL, PANEL = "all", "panel"
BASES = {
    ALL: "every actor on the roster, in every round",
    PANEL: "the balanced panel: actors who answered in every round compared, and the ties among them",
}
"""The bases and their meaning, in the order of ``kpis.csv``."""

LISTED_ACTORS = 8
"""How many actor ids a note names before it says "and N more"."""


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


def turnover_notes(survey: Survey, rounds: Sequence[str]) -> list[str]:
    """Sentences for people: actors that take part in some of ``rounds`` only, an empty panel, and
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
    panel = panel_actors(survey, rounds)
    if not panel:
        notes.append(
            f"No actor answered in every round compared ({quoted(rounds)}): the panel is empty and its KPIs are blank."
        )
    if survey.respondents_inferred:
        notes.append(
            "The survey has no respondents sheet: respondents are taken to be the actors who "
            "reported a tie, so the panel misses respondents who named nobody."
        )
    return notes


def _partial_presence_note(actors: Sequence[str], present: Sequence[str], absent: Sequence[str]) -> str:
    one = len(actors) == 1
    if not present:
        return (
            f"{listing(actors)} {'takes' if one else 'take'} part in none of the rounds compared (neither "
            f"answered nor named): {'an isolate' if one else 'isolates'} on the basis all, outside the panel."
        )
    return (
        f"{listing(actors)} {'takes' if one else 'take'} part in {quoted(present)} only (answered or named "
        f"there), not in {quoted(absent)}: on the basis all {'it is an isolate' if one else 'they are isolates'} "
        f"that did not answer there, which can fake a change; the panel leaves {'it' if one else 'them'} out."
    )


def listing(actors: Sequence[str], limit: int = LISTED_ACTORS) -> str:
    """``"A, B and C"``, or the first ``limit`` ids and ``"and N more"``.

    >>> listing(["W01", "W02", "W03"]), listing(["W01", "W02", "W03"], limit=2)
    ('W01, W02 and W03', 'W01, W02 and 1 more')
    """
    actors = list(actors)
    if len(actors) > limit:
        return f"{', '.join(actors[:limit])} and {len(actors) - limit} more"
    return actors[0] if len(actors) == 1 else f"{', '.join(actors[:-1])} and {actors[-1]}"


def quoted(labels: Iterable[str]) -> str:
    return ", ".join(f'"{label}"' for label in labels)
