"""The numbers that decide what clusternet calls high trust, what it hides, and how it reads the scale.

Every module takes these from here, so that a threshold is defined once with its meaning. The gaps'
own thresholds and weights (what counts as a weak bridge, how much an isolate weighs) are the fields
of :class:`clusternet.gaps.GapsConfig`, whose trust thresholds default to the values below; both are
listed in docs/architecture.md.
"""

from __future__ import annotations

from clusternet.messages import message

TRUST_MIN = 1
"""The lowest trust rating: no trust (the scale of the survey format, docs/survey-format.md)."""

TRUST_MAX = 5
"""The highest trust rating: full trust."""

TRUST_LABELS = {
    1: message("trust.level.1", "no trust"),
    2: message("trust.level.2", "little trust"),
    3: message("trust.level.3", "some trust"),
    4: message("trust.level.4", "much trust"),
    5: message("trust.level.5", "full trust"),
}
"""What each rating means, as shown to people (call a template for its message: ``TRUST_LABELS[4]()``)."""

HIGH_TRUST = 4
"""Ratings at or above this count as high trust (much or full trust): the ``high_trust_share`` KPI,
one-sided trust, the hosts and vouching partners of the gaps."""

LOW_TRUST = 2
"""Ratings at or below this count as low trust (little or no trust): one-sided trust, low-trust gaps."""

MIN_RATINGS_SHOWN = 3
"""k: in anonymised views and exports, and on feedback sheets, a trust figure backed by fewer ratings
is not shown, so that a respondent cannot read back what one or two partners said of it."""
