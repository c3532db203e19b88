"""The yardstick of the end-to-end benchmark: the same families of measures, directly with igraph.

Reads the CSV files of a survey folder, keeps the latest round's reported ties (one arc per
ordered pair, as ``clusternet analyze`` does), computes degrees, betweenness, Burt's constraint,
Louvain communities and weak components with igraph, and writes one row per actor to
``OUT/actors.csv``. No validation, no trust, no brokerage roles: the least a script must do to
get the same families. ``python benchmarks/igraph_reference.py SURVEY_FOLDER OUT_FOLDER``.

``--timings FILE`` also writes, as JSON, the CPU and wall seconds of reading the CSV files and of
the igraph computations alone: the floor of any tool, without the interpreter's start and imports.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import igraph as ig
import pandas as pd


def main(survey: Path, out: Path, timings: Path | None = None) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    actors = pd.read_csv(survey / "actors.csv", dtype=str)
    ties = pd.read_csv(survey / "ties.csv", dtype={"source": str, "target": str, "round": str})
    rounds = pd.read_csv(survey / "rounds.csv", dtype=str)
    read_cpu, read_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    latest = rounds.sort_values("date")["round"].iloc[-1]
    arcs = ties.loc[ties["round"] == latest, ["source", "target"]].drop_duplicates()
    position = pd.Series(range(len(actors)), index=actors["actor_id"])
    edges = list(zip(position[arcs["source"]].to_numpy(), position[arcs["target"]].to_numpy()))
    graph = ig.Graph(n=len(actors), edges=edges, directed=True)
    undirected = graph.as_undirected(mode="collapse")
    communities = undirected.community_multilevel()
    table = pd.DataFrame(
        {
            "actor_id": actors["actor_id"],
            "in_degree": graph.indegree(),
            "out_degree": graph.outdegree(),
            "degree": undirected.degree(),
            "betweenness": graph.betweenness(directed=True),
            "constraint": graph.constraint(),
            "community": communities.membership,
            "component": graph.connected_components(mode="weak").membership,
        }
    )
    compute_cpu, compute_wall = time.process_time() - cpu, time.perf_counter() - wall
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "actors.csv", index=False)
    if timings is not None:
        phases = {
            "read_cpu": read_cpu,
            "read_wall": read_wall,
            "compute_cpu": compute_cpu,
            "compute_wall": compute_wall,
        }
        timings.write_text(json.dumps(phases))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    timings_file = None
    if "--timings" in arguments:
        at = arguments.index("--timings")
        timings_file = Path(arguments[at + 1])
        del arguments[at : at + 2]
    main(Path(arguments[0]), Path(arguments[1]), timings_file)
