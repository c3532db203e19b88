"""How far sampled betweenness is from exact betweenness, on the benchmark's surveys.

Above ``EXACT_BETWEENNESS_MAX_ACTORS`` clusternet estimates betweenness from sampled source actors
(pivots). This script computes both on the same graph (the latest round's reported ties) for
several pivot counts and seeds, and prints, per pivot count, the time and the error a broker would
notice: on each actor's share of pairs brokered (``betweenness_norm``), on the top brokers, on
their ranking, and on the two network figures built from betweenness (its Gini coefficient and
the top actor's share of all betweenness, which the ``broker_dependency`` gap compares with
0.25).

    python benchmarks/betweenness_error.py                  # 5,000 actors
    python benchmarks/betweenness_error.py --actors 20000 --pivots 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_survey, write_survey

from clusternet.graph import Selection, build_graph
from clusternet.metrics.centrality import betweenness
from clusternet.metrics.concentration import gini
from clusternet.survey import load_survey

TOP = 10


def error_row(exact: pd.DataFrame, estimate: pd.DataFrame) -> dict:
    true, guess = exact["betweenness_norm"], estimate["betweenness_norm"]
    top = true.nlargest(TOP).index
    return {
        "max abs error (share of pairs)": float((guess - true).abs().max()),
        "mean abs error (share of pairs)": float((guess - true).abs().mean()),
        f"top {TOP}: mean relative error": float(((guess[top] - true[top]).abs() / true[top]).mean()),
        f"top {TOP}: same actors": len(set(top) & set(guess.nlargest(TOP).index)) / TOP,
        "rank correlation (Spearman)": float(true.rank().corr(guess.rank())),
        "Gini: abs error": abs(gini(guess) - gini(true)),
        "top actor's share: abs error": abs(float(guess.max() / guess.sum()) - float(true.max() / true.sum())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Error of sampled betweenness against exact betweenness.")
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--pivots", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--seeds", type=int, default=5, help="seeds of the pivot draw, per pivot count")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        survey = load_survey(write_survey(generate_survey(arguments.actors), Path(folder)))
    graph = build_graph(survey, Selection())
    start = time.perf_counter()
    exact = betweenness(graph, max_exact_actors=graph.number_of_nodes())
    exact_seconds = time.perf_counter() - start
    columns = {}
    for pivots in arguments.pivots:
        errors, seconds = [], []
        for seed in range(arguments.seeds):
            start = time.perf_counter()
            estimate = betweenness(graph, seed=seed, max_exact_actors=0, pivots=pivots)
            seconds.append(time.perf_counter() - start)
            errors.append(error_row(exact, estimate))
        errors = pd.DataFrame(errors)
        # the worst seed: the largest error, or the lowest agreement for the last two rows
        worst = {
            name: errors[name].min() if name.startswith(("top 10: same", "rank")) else errors[name].max()
            for name in errors
        }
        columns[pivots] = {
            "time (s)": f"{np.mean(seconds):.2f}",
            **{name: f"{errors[name].mean():.4f} ({worst[name]:.4f})" for name in errors},
        }
    print(
        f"{arguments.actors:,} actors, {graph.number_of_edges():,} arcs; exact betweenness {exact_seconds:.2f} s; "
        f"largest share of pairs brokered {exact['betweenness_norm'].max():.4f}.\n"
        f"Mean over {arguments.seeds} seeds of the pivots (worst seed in brackets).\n"
    )
    print("| | " + " | ".join(f"{pivots:,} pivots" for pivots in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for name in next(iter(columns.values())):
        print(f"| {name} | " + " | ".join(column[name] for column in columns.values()) + " |")


if __name__ == "__main__":
    main()
