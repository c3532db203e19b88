"""Benchmark the what-if: a 10-step scenario on seeded cluster-like surveys of 500 and 5,000 actors.

For each size the survey is generated (``benchmarks/generate.py``) and loaded, a seeded scenario of
ten steps is drawn from it (introductions across villages, a joint action of three firms, a new
service provider tied to two firms, a tie and an institution removed, one arc), and
:func:`clusternet.whatif.simulate` is timed: the round as it is and after each of the ten steps,
every KPI of ``whatif.csv`` on each (the gaps' total score included). Two runs are reported:

- **cold**: the communities of the round are found too (Louvain, once), as ``clusternet whatif`` does;
- **app**: the communities are those of the round's analysis, which the app has already computed
  for its other pages, as the What-if page runs it;
- **one more step**: the What-if page's wait when the broker adds the tenth step to a plan of nine
  it has already tried (the app's cache continues from the nine steps' states).

Each is timed ``--repeats`` times and the fastest run is reported, in wall-clock and CPU seconds
(on a shared machine the two differ when another process holds a core), with the time of one
state and the time of ``clusternet whatif`` end to end in a fresh process (importing the library,
loading the survey and writing the files included). The targets, under 1 s at 500 actors and
under 10 s at 5,000, are the issue's.

    python benchmarks/whatif.py
    python benchmarks/whatif.py --sizes 500 5000 20000 --repeats 3

It is not part of the test suite.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_survey, write_survey

from clusternet.cache import AnalysisCache
from clusternet.graph import Selection, build_graph
from clusternet.metrics.communities import louvain_communities
from clusternet.survey import Survey, load_survey
from clusternet.whatif import Scenario, WhatIfContext, load_scenario, simulate
from clusternet.whatif.state import EXACT_MAX_ACTORS

TARGETS = {500: 1.0, 5000: 10.0}
"""Seconds a 10-step scenario may take, by survey size."""


def scenario_rows(survey: Survey, seed: int = 0) -> pd.DataFrame:
    """Ten steps drawn from the survey's latest round, as the rows of a scenario file."""
    rng = np.random.default_rng(seed)
    actors = survey.actors
    firms = actors.loc[actors["type"] == "firm"]
    villages = firms["village"].unique()
    ties = survey.ties_in(survey.latest_round)

    def firm_in(village: object) -> str:
        return str(rng.choice(firms.loc[firms["village"] == village, "actor_id"].to_numpy()))

    rows: list[dict[str, object]] = []
    for step in range(1, 5):  # introductions across villages
        first, second = rng.choice(villages, size=2, replace=False)
        rows.append({"step": step, "op": "add_tie", "source": firm_in(first), "target": firm_in(second),
                     "relation": "information", "trust": 4})  # fmt: skip
    members = ";".join(rng.choice(firms["actor_id"].to_numpy(), size=3, replace=False))
    rows.append({"step": 5, "op": "join_action", "actor_id": members})
    rows.append({"step": 6, "op": "add_actor", "actor_id": "NEW-BDS", "type": "bds"})
    for firm in rng.choice(firms["actor_id"].to_numpy(), size=2, replace=False):
        rows.append({"step": 6, "op": "add_tie", "source": "NEW-BDS", "target": firm, "relation": "training"})
    tie = ties.iloc[int(rng.integers(len(ties)))]
    rows.append({"step": 7, "op": "remove_tie", "source": tie["source"], "target": tie["target"]})
    institutions = actors.loc[~actors["type"].isin(["firm", "buyer", "supplier"]), "actor_id"].to_numpy()
    rows.append({"step": 8, "op": "remove_actor", "actor_id": str(rng.choice(institutions))})
    first, second = rng.choice(firms["actor_id"].to_numpy(), size=2, replace=False)
    rows.append({"step": 9, "op": "add_arc", "source": first, "target": second, "relation": "subcontracting"})
    first, second = rng.choice(villages, size=2, replace=False)
    rows.append({"step": 10, "op": "add_tie", "source": firm_in(first), "target": firm_in(second),
                 "relation": "joint_action", "trust": 3})  # fmt: skip
    return pd.DataFrame(rows)


def fastest(run: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The fastest of ``repeats`` runs: (wall seconds, CPU seconds of that run)."""
    best = (float("inf"), float("inf"))
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def one_more_step(survey: Survey, selection: Selection, scenario: Scenario) -> float:
    """Wall seconds the app's cache takes for ``scenario`` once it holds the round's analysis and
    every step of the scenario but the last."""
    cache, context = AnalysisCache(survey), WhatIfContext()
    cache.analysis(selection)
    cache.simulation(selection, replace(scenario, steps=scenario.steps[:-1]), context)
    start = time.perf_counter()
    cache.simulation(selection, scenario, context)
    return time.perf_counter() - start


def measure(size: int, repeats: int, folder: Path) -> dict[str, object]:
    survey_folder = folder / f"survey-{size}"
    write_survey(generate_survey(size), survey_folder)
    survey = load_survey(survey_folder)
    scenario_file = folder / f"scenario-{size}.csv"
    scenario_rows(survey).to_csv(scenario_file, index=False)
    selection = Selection().resolved(survey)
    scenario: Scenario = load_scenario(scenario_file, survey, selection)
    states = len(scenario.steps) + 1
    simulate(survey, selection, scenario)  # imports and first-call costs are not the scenario's
    cold = fastest(lambda: simulate(survey, selection, scenario), repeats)
    communities = louvain_communities(build_graph(survey, selection), seed=selection.seed).membership
    app = fastest(lambda: simulate(survey, selection, scenario, communities=communities), repeats)
    one_more = min(one_more_step(survey, selection, scenario) for _ in range(repeats))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "clusternet", "whatif", str(survey_folder), "--scenario", str(scenario_file),
         "--out", str(folder / f"out-{size}"), "--force"],
        check=True, capture_output=True,
    )  # fmt: skip
    return {
        "actors": size,
        "steps": len(scenario.steps),
        "exact": size <= EXACT_MAX_ACTORS,
        "cold_s": cold[0],
        "cold_cpu_s": cold[1],
        "app_s": app[0],
        "app_cpu_s": app[1],
        "per_state_s": app[0] / states,
        "one_more_step_s": one_more,
        "command_s": time.perf_counter() - start,
        "target_s": TARGETS.get(size, float("nan")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Time a 10-step what-if scenario on seeded surveys.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = [measure(size, arguments.repeats, Path(folder)) for size in arguments.sizes]
    print("| actors | steps | exact | cold (s) | cold CPU (s) | app (s) | app CPU (s) | per state (s) "
          "| one more step (s) | command (s) | target (s) |")  # fmt: skip
    print("|---:|---:|:---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in pd.DataFrame(results).itertuples(index=False):
        print(
            f"| {row.actors:,} | {row.steps} | {'yes' if row.exact else 'no'} | {row.cold_s:.2f} "
            f"| {row.cold_cpu_s:.2f} | {row.app_s:.2f} | {row.app_cpu_s:.2f} | {row.per_state_s:.3f} "
            f"| {row.one_more_step_s:.2f} | {row.command_s:.2f} | {row.target_s:g} |"
        )


if __name__ == "__main__":
    main()
