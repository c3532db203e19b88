"""The scale each KPI is measured on: a share, the trust scale, a count, an index or a mean number.

A KPI's scale decides how its value and its change are written for people (a share as "80%" and its
change in percentage points, "+60 points"; mean trust as "3.83") and the range of its chart (a share
from 0 to 1, trust from :data:`~clusternet.constants.TRUST_MIN` to :data:`~clusternet.constants.TRUST_MAX`,
a count from 0 up to its largest value). Drawing every KPI on one axis would flatten the shares
against the trust scale; each KPI gets the axis of its scale instead.

>>> scale_of("firm_institution_linkage").change(0.6).arguments
{'value': 60.0}
>>> str(scale_of("firm_institution_linkage").value(0.8)), str(scale_of("mean_trust").change(1.24016))
('80%', '+1.24')
"""

from __future__ import annotations

from dataclasses import dataclass

from clusternet.constants import TRUST_MAX, TRUST_MIN
from clusternet.kpis import KPI_BY_CODE
from clusternet.messages import Message, Template, message

SHARE_VALUE = message("round.scale.share.value", "{value:.0%}")
SHARE_CHANGE = message("round.scale.share.change", "{value:+.0f} points")
SHARE_AXIS = message("round.scale.share.axis", "share")
TRUST_VALUE = message("round.scale.trust.value", "{value:.2f}")
TRUST_CHANGE = message("round.scale.trust.change", "{value:+.2f}")
TRUST_AXIS = message("round.scale.trust.axis", "mean rating ({low}-{high})")
COUNT_VALUE = message("round.scale.count.value", "{value:.0f}")
COUNT_CHANGE = message("round.scale.count.change", "{value:+.0f}")
COUNT_AXIS = message("round.scale.count.axis", "count")
INDEX_VALUE = message("round.scale.index.value", "{value:+.2f}")
INDEX_AXIS = message("round.scale.index.axis", "index (-1 to +1)")
NUMBER_VALUE = message("round.scale.number.value", "{value:.2f}")
NUMBER_AXIS = message("round.scale.number.axis", "mean")


@dataclass(frozen=True)
class Scale:
    """How the values of the KPIs of one kind are written and drawn.

    - ``kind``: ``share``, ``trust``, ``count``, ``index`` or ``number``;
    - ``low``, ``high``: the fixed range of its axis; None where the data decide (counts grow);
    - ``points``: changes are written multiplied by this (100 for shares: percentage points);
    - ``axis_format``: the d3 format of its axis ticks (``.0%`` for shares);
    - the templates of a value, a change and the axis title.
    """

    kind: str
    low: float | None
    high: float | None
    points: float
    axis_format: str
    value_template: Template
    change_template: Template
    axis_template: Template

    def value(self, value: float) -> Message:
        """A value of this scale for people ("80%", "3.83", "112")."""
        return self.value_template(value=value)

    def change(self, change: float) -> Message:
        """A change (or a bound of its interval) of this scale, signed ("+60 points", "+1.24", "-4")."""
        return self.change_template(value=change * self.points)

    def axis_title(self) -> Message:
        """The title of the value axis of a chart of this scale."""
        return self.axis_template.bind({"low": self.low, "high": self.high})


SHARE = Scale("share", 0.0, 1.0, 100.0, ".0%", SHARE_VALUE, SHARE_CHANGE, SHARE_AXIS)
TRUST = Scale("trust", TRUST_MIN, TRUST_MAX, 1.0, ".1f", TRUST_VALUE, TRUST_CHANGE, TRUST_AXIS)
COUNT = Scale("count", 0.0, None, 1.0, "d", COUNT_VALUE, COUNT_CHANGE, COUNT_AXIS)
INDEX = Scale("index", -1.0, 1.0, 1.0, "+.1f", INDEX_VALUE, INDEX_VALUE, INDEX_AXIS)
NUMBER = Scale("number", 0.0, None, 1.0, ".1f", NUMBER_VALUE, TRUST_CHANGE, NUMBER_AXIS)

SCALES: dict[str, Scale] = {
    "actors": COUNT,
    "respondents": COUNT,
    "response_rate": SHARE,
    "ties": COUNT,
    "density": SHARE,
    "reciprocity": SHARE,
    "mean_degree": NUMBER,
    "components": COUNT,
    "isolates": COUNT,
    "largest_component_share": SHARE,
    "fragmentation": SHARE,
    "degree_centralization": SHARE,
    "confirmed_share": SHARE,
    "joint_action_ties": COUNT,
    "firms_in_joint_action": COUNT,
    "mean_trust": TRUST,
    "high_trust_share": SHARE,
    "firm_institution_linkage": SHARE,
    "ei_index": INDEX,
    "brokerage_top_share": SHARE,
    "betweenness_gini": SHARE,
}
"""The scale of every KPI of :data:`clusternet.kpis.KPIS`, by code."""


def scale_of(code: str) -> Scale:
    """The scale of the KPI ``code``; ``KeyError`` naming the KPIs for an unknown one."""
    if code not in SCALES:
        raise KeyError(f'no KPI "{code}"; the KPIs are {", ".join(KPI_BY_CODE)}')
    return SCALES[code]
