"""The programme's side of monitoring: the facilitation log and the logframe, measured.

- :mod:`.periods`: which rounds come before and after a date, and the actions of a round's period;
- :mod:`.monitoring`: the indicators of :data:`clusternet.kpis.MONITORING_KPIS` for every round;
- :mod:`.indicators`: the logframe's indicators per round, with baseline, target and progress
  (``logframe.csv``);
- :mod:`.followup`: what followed each action among its participants (``action_followup.csv``);
- :mod:`.plan`: a What-if scenario as planned actions of the facilitation log.
"""

from clusternet.logframe.followup import FOLLOWUP_COLUMNS, action_followup
from clusternet.logframe.indicators import LOGFRAME_COLUMNS, logframe_values
from clusternet.logframe.monitoring import monitoring_series
from clusternet.logframe.plan import plan_actions

__all__ = [
    "FOLLOWUP_COLUMNS",
    "LOGFRAME_COLUMNS",
    "action_followup",
    "logframe_values",
    "monitoring_series",
    "plan_actions",
]
