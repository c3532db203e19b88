"""Benchmark the portfolio: 30 clusters x 3 rounds x 500 actors, from a folder and from the store.

Each cluster is a seeded cluster-like survey of ``benchmarks/generate.py`` (500 actors, baseline and
endline) with a midterm added between them (each baseline relationship kept with probability 0.9,
each new endline one present with probability 0.5). The table gives, in wall-clock and CPU
seconds: generating the folder; ``clusternet portfolio DIR`` (each cluster loaded, its KPIs of
every round and its change from baseline to endline with 2,000 bootstrap resamples); importing
every cluster into a SQLite store (``clusternet db import``); and ``clusternet portfolio --db``.
The target, under 60 s for the portfolio, is the issue's.

    python benchmarks/portfolio.py
    python benchmarks/portfolio.py --clusters 10 --actors 500

It is not part of the test suite.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_survey, write_survey

from clusternet.cli import main as clusternet

TARGET_SECONDS = 60.0


def three_rounds(actors: int, seed: int) -> dict[str, pd.DataFrame]:
    """A generated survey with a midterm between its baseline and endline."""
    tables = generate_survey(actors, seed)
    rng = np.random.default_rng(seed + 1)
    ties = tables["ties"]
    baseline, endline = ties.loc[ties["round"] == "baseline"], ties.loc[ties["round"] == "endline"]
    pairs = baseline.set_index(["source", "target"]).index
    new = endline.loc[~endline.set_index(["source", "target"]).index.isin(pairs)]
    midterm = pd.concat(
        [baseline.loc[rng.random(len(baseline)) < 0.9], new.loc[rng.random(len(new)) < 0.5]], ignore_index=True
    ).assign(round="midterm")
    respondents = tables["respondents"]
    midterm_respondents = respondents.loc[respondents["round"] == "baseline"].assign(round="midterm")
    rounds = pd.DataFrame(
        [
            ("baseline", "2023-03-15", "before the programme"),
            ("midterm", "2024-03-15", "after one year"),
            ("endline", "2025-03-15", "after two years"),
        ],
        columns=["round", "date", "description"],
    )
    return {
        "actors": tables["actors"],
        "ties": pd.concat([baseline, midterm, endline], ignore_index=True),
        "rounds": rounds,
        "respondents": pd.concat([respondents, midterm_respondents], ignore_index=True),
    }


def timed(step: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(step: list[str]) -> None:
    if clusternet(step) != 0:
        raise SystemExit(f"clusternet {' '.join(step)} failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=30)
    parser.add_argument("--actors", type=int, default=500)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder, store = Path(work) / "programme", f"sqlite:///{Path(work) / 'programme.db'}"

        def generate() -> None:
            for number in range(arguments.clusters):
                write_survey(three_rounds(arguments.actors, seed=number), folder / f"cluster_{number:02d}")

        def import_all() -> None:
            run(["db", "upgrade", "--db", store])
            for cluster in sorted(folder.iterdir()):
                run(["db", "import", str(cluster), "--cluster", cluster.name, "--db", store])

        steps = {
            "generate the folder": generate,
            "portfolio DIR": lambda: run(["portfolio", str(folder), "--out", f"{work}/from-folder"]),
            "db import (every cluster)": import_all,
            "portfolio --db": lambda: run(["portfolio", "--db", store, "--out", f"{work}/from-store"]),
        }
        results = {name: timed(step) for name, step in steps.items()}
    print(f"\n{arguments.clusters} clusters x 3 rounds x {arguments.actors} actors (target: portfolio < 60 s)\n")
    print(f"{'step':28} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in results.items():
        print(f"{name:28} {wall:8.1f} {cpu:8.1f}")


if __name__ == "__main__":
    main()
