"""Survey rounds compared, for programme monitoring and evaluation.

- :func:`compare_rounds` — two rounds: every KPI on all actors and on the balanced panel, with
  paired bootstrap intervals for the changes, QAP correlation of the tie matrices, new, dropped
  and kept ties, and who gained or lost; :func:`comparison_text` summarises it for people;
- :func:`kpi_time_series` — every KPI of every round, in date order.

Modules, one concept each: :mod:`.kpis` (the KPIs, their meaning and good direction),
:mod:`.panel` (the two bases), :mod:`.comparability` (what may be compared), :mod:`.network`
(one round on one basis), :mod:`.resampling` (KPIs as functions of actor weights),
:mod:`.bootstrap` (paired intervals), :mod:`.qap` (tie-matrix correlation), :mod:`.changes`
(tie and actor changes), :mod:`.comparison`, :mod:`.series`, :mod:`.summary`. The method and
how to read it: ``docs/rounds.md``.
"""

from clusternet.rounds.comparison import Comparison, compare_rounds
from clusternet.rounds.kpis import KPIS, Kpi
from clusternet.rounds.panel import BASES
from clusternet.rounds.qap import QapCorrelation, qap_correlation
from clusternet.rounds.series import kpi_time_series
from clusternet.rounds.summary import comparison_text

__all__ = [
    "BASES",
    "KPIS",
    "Comparison",
    "Kpi",
    "QapCorrelation",
    "compare_rounds",
    "comparison_text",
    "kpi_time_series",
    "qap_correlation",
]
