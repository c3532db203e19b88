"""What if: try a facilitation plan on a copy of the network before doing it, and find its key players.

A scenario (:mod:`.scenario`) lists steps: ties and arcs added or removed, actors added or removed,
joint actions among several actors. :func:`simulate` applies them one after another to a copy of
the selected round (:mod:`.apply`; the survey is never changed) and measures every KPI before and
after each step (:mod:`.state`, :mod:`.kpis`, :mod:`.simulation`). The gaps of ``clusternet gaps``
become steps (:mod:`.from_gaps`), and :mod:`.keyplayers` finds the few actors the network hangs on,
or who reach most firms together (Borgatti 2006). See docs/whatif.md.
"""

from clusternet.whatif.kpis import WhatIfContext
from clusternet.whatif.scenario import Operation, Scenario, ScenarioError, Step, load_scenario, scenario_of
from clusternet.whatif.simulation import Simulation, simulate

__all__ = [
    "Operation",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "Step",
    "WhatIfContext",
    "load_scenario",
    "scenario_of",
    "simulate",
]
