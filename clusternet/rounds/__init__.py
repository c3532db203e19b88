"""Survey rounds compared, for programme monitoring and evaluation.

- :func:`compare_rounds` — two rounds: every KPI on all actors and on the balanced panel, with
  paired bootstrap intervals for the changes, QAP correlation of the tie matrices, new, dropped
  and kept ties, and who gained or lost; :func:`comparison_text` summarises it for people;
- :func:`kpi_time_series` — every KPI of every round, in date order.

The KPIs themselves (their meaning, good direction, value and estimator) are the registry
:data:`clusternet.kpis.KPIS`. Modules, one concept each: :mod:`.panel` (the two bases),
:mod:`.comparability` (what may be compared), :mod:`.network` (one round on one basis),
:mod:`.resampling` (KPIs as functions of actor weights), :mod:`.bootstrap` (paired intervals),
:mod:`.qap` (tie-matrix correlation), :mod:`.changes` (tie and actor changes), :mod:`.comparison`,
:mod:`.series`, :mod:`.summary`, :mod:`.messages` (key messages). The method and how to read it:
``docs/rounds.md``.

The names below are imported when first used (PEP 562): the registry imports this package's
:mod:`.network` and :mod:`.resampling`, and the comparison imports the registry, so importing the
comparison here, eagerly, would make ``import clusternet.kpis`` a cycle.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clusternet.rounds.comparison import Comparison, compare_rounds
    from clusternet.rounds.panel import BASES
    from clusternet.rounds.qap import QapCorrelation, qap_correlation
    from clusternet.rounds.series import kpi_time_series
    from clusternet.rounds.summary import comparison_text

_MODULES = {
    "BASES": "panel",
    "Comparison": "comparison",
    "QapCorrelation": "qap",
    "compare_rounds": "comparison",
    "comparison_text": "summary",
    "kpi_time_series": "series",
    "qap_correlation": "qap",
}

__all__ = [
    "BASES",
    "Comparison",
    "QapCorrelation",
    "compare_rounds",
    "comparison_text",
    "kpi_time_series",
    "qap_correlation",
]


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
