"""The headline answer of a comparison: did trust, joint action and linkage grow, did isolation end?

One :class:`Headline` per headline KPI (:data:`HEADLINE_KPIS`) of a
:class:`~clusternet.rounds.comparison.Comparison` on one basis: its value in each round, the change
and its bootstrap interval, written on the KPI's scale (:mod:`clusternet.rounds.scales`), and in
words whether the change is better, worse, or not distinguishable from no change (the interval
includes 0). A KPI without a value says why: the panel's trust hidden from an anonymised audience by
design, ``joint_action`` not compared, no rating in a round, an empty panel.

Every text is a :class:`~clusternet.messages.Message` for the view to render; nothing here is computed
again: the values, interval and reading (``assessment``) are the comparison's.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clusternet.kpis import KPI_BY_CODE
from clusternet.messages import Message, message
from clusternet.rounds.comparison import BETTER, NO_CLEAR_CHANGE, WORSE, Comparison
from clusternet.rounds.network import JOINT_ACTION
from clusternet.rounds.panel import ALL, PANEL
from clusternet.rounds.scales import scale_of

HEADLINE_KPIS = ("mean_trust", "joint_action_ties", "firm_institution_linkage", "isolates")
"""What a programme asks first, by KPI code: did trust grow, did joint action grow (its ties), are
firms linked to support institutions, is anyone left without a tie."""

VALUES = message("round.headline.values", "{before} → {after}")
CHANGE = message(
    "round.headline.change",
    "{from_round}: {before}; {to_round}: {after}. Change {change}, {level:.0%} interval {low} to {high}. {reading}",
)
CHANGE_WITHOUT_INTERVAL = message(
    "round.headline.change_without_interval",
    "{from_round}: {before}; {to_round}: {after}. Change {change}; no interval: too few actors to resample.",
)
READINGS = {
    BETTER: message("round.headline.reading.better", "Better: the interval excludes 0."),
    WORSE: message("round.headline.reading.worse", "Worse: the interval excludes 0."),
    NO_CLEAR_CHANGE: message(
        "round.headline.reading.no_clear_change", "Not distinguishable from no change: the interval includes 0."
    ),
    "up": message("round.headline.reading.up", "Rose: the interval excludes 0; neither way is better."),
    "down": message("round.headline.reading.down", "Fell: the interval excludes 0; neither way is better."),
}
"""The reading of a change in a sentence, by ``assessment`` code."""
VERDICTS = {
    BETTER: message("round.headline.verdict.better", "better"),
    WORSE: message("round.headline.verdict.worse", "worse"),
    NO_CLEAR_CHANGE: message("round.headline.verdict.no_clear_change", "no clear change"),
    "up": message("round.headline.verdict.up", "up"),
    "down": message("round.headline.verdict.down", "down"),
}
"""The reading of a change in a word or two, by ``assessment`` code."""

HIDDEN_ON_PANEL = message(
    "round.headline.blank.hidden_on_panel",
    "Not shown on the panel in the anonymised view, by design: the panel's trust differs from the round's by "
    "the ratings of the actors who answered one round only, who may be few. The basis all actors shows it.",
)
NO_RATINGS = message(
    "round.headline.blank.no_ratings",
    "Blank: a round compared has no trust rating on the relations compared (see the notes).",
)
JOINT_ACTION_NOT_CHOSEN = message(
    "round.headline.blank.joint_action_not_chosen",
    'Blank: "{relation}" is not among the relations chosen in the sidebar; add it there to see joint action.',
)
NO_JOINT_ACTION = message("round.headline.blank.no_joint_action", 'Blank: the survey has no relation "{relation}".')
EMPTY_PANEL = message("round.headline.blank.empty_panel", "Blank: nobody answered both rounds, so the panel is empty.")
NOT_AVAILABLE = message("round.headline.blank.not_available", "Blank for these rounds: see the notes.")


@dataclass(frozen=True)
class Headline:
    """One headline KPI of a comparison on one basis.

    - ``kpi``: its code; ``name`` and ``meaning``: for people;
    - ``from_value``, ``to_value``, ``change``, ``low``, ``high``: the comparison's figures (NaN blank);
    - ``reading``: the comparison's ``assessment`` (``better``, ``worse``, ``no clear change``,
      ``up``, ``down``), blank without an interval or a value;
    - ``values`` ("2.58 → 3.83"), ``delta`` ("+1.24") and ``verdict`` ("better"): the card's figures
      in words, None when the KPI is blank;
    - ``sentence``: the values, change, interval and reading in one sentence, or why the KPI is blank.
    """

    kpi: str
    name: Message
    meaning: Message
    from_value: float
    to_value: float
    change: float
    low: float
    high: float
    reading: str
    values: Message | None
    delta: Message | None
    verdict: Message | None
    sentence: Message

    @property
    def blank(self) -> bool:
        """Whether the KPI has no value to show in one of the rounds."""
        return self.values is None


def headlines(
    comparison: Comparison,
    basis: str = ALL,
    *,
    kpis: Sequence[str] = HEADLINE_KPIS,
    anonymized: bool = False,
) -> tuple[Headline, ...]:
    """The headlines of ``comparison`` on ``basis`` (``all`` or ``panel``), one per code of ``kpis``.

    ``anonymized`` says the comparison is an anonymised view's, whose panel trust is blank by design
    (see docs/privacy.md): the headline says so rather than blaming the data.
    """
    return tuple(_headline(comparison, code, basis, anonymized) for code in kpis)


def _headline(comparison: Comparison, code: str, basis: str, anonymized: bool) -> Headline:
    row = comparison.kpi(code, basis)
    kpi = KPI_BY_CODE[code]
    figures = {column: _number(row[column]) for column in ("from_value", "to_value", "change", "low", "high")}
    reading = row["assessment"] if isinstance(row["assessment"], str) else ""
    blank = math.isnan(figures["from_value"]) or math.isnan(figures["to_value"])
    if blank:
        values = delta = verdict = None
        sentence = _why_blank(comparison, code, basis, anonymized)
    else:
        scale = scale_of(code)
        before, after = scale.value(figures["from_value"]), scale.value(figures["to_value"])
        values, delta = VALUES(before=before, after=after), scale.change(figures["change"])
        verdict = VERDICTS[reading]() if reading in VERDICTS else None
        rounds = {"from_round": comparison.from_round, "to_round": comparison.to_round}
        if reading in READINGS:
            sentence = CHANGE(
                **rounds,
                before=before,
                after=after,
                change=delta,
                level=comparison.level,
                low=scale.change(figures["low"]),
                high=scale.change(figures["high"]),
                reading=READINGS[reading](),
            )
        else:
            sentence = CHANGE_WITHOUT_INTERVAL(**rounds, before=before, after=after, change=delta)
    return Headline(
        code,
        kpi.label(),
        kpi.meaning_for(comparison.group_by),
        **figures,
        reading=reading,
        values=values,
        delta=delta,
        verdict=verdict,
        sentence=sentence,
    )


def _why_blank(comparison: Comparison, code: str, basis: str, anonymized: bool) -> Message:
    """Why a KPI has no value: by design for the audience, by the selection, or by the data."""
    if basis == PANEL and math.isnan(_number(comparison.kpi("actors", PANEL)["from_value"])):
        return EMPTY_PANEL()
    if code in ("mean_trust", "high_trust_share"):
        return HIDDEN_ON_PANEL() if anonymized and basis == PANEL else NO_RATINGS()
    if code in ("joint_action_ties", "firms_in_joint_action"):
        if comparison.relations is not None and JOINT_ACTION not in comparison.relations:
            return JOINT_ACTION_NOT_CHOSEN(relation=JOINT_ACTION)
        return NO_JOINT_ACTION(relation=JOINT_ACTION)
    return NOT_AVAILABLE()


def _number(value: Any) -> float:
    """A figure of the KPI table as a float; NaN for a blank (None or NaN)."""
    return float(value) if isinstance(value, numbers.Real) else math.nan
