"""Benchmark clusternet on seeded, cluster-like surveys from 500 to 50,000 actors.

For each size the survey is generated (``benchmarks/generate.py``), written as CSV files, and every
step a user waits for is timed, with the process's peak resident memory during the step: loading
and validating, building the graph, each family of measures, the whole ``analyze``, the gaps, the
comparison of two rounds, the map's layout and page, the aggregated map and a static PNG. Beside
each measure igraph computes the same thing on the same graph, and the ratio says how many times
longer clusternet takes. Each step records its wall and CPU seconds.

Then the commands a user waits for run end to end in fresh processes, ``--repeats`` times each
(median, CPU and wall): ``clusternet analyze`` against a script that reads the same CSV files and
computes the same families with igraph (``benchmarks/igraph_reference.py``) and against the floor
(that script's reading and computing alone, without the interpreter's start and imports);
``clusternet compare`` while a busy loop holds the second core (as another engineer's test run
does on a shared machine); ``clusternet --help`` and ``clusternet validate`` of the sample; and the
Rounds page's first run at the smallest size (Streamlit's AppTest, in a fresh process, once the
server's warm-up after the first page is over, as it is when a person has read that page). Each row
says its target and whether it was met, and the machine's load average is printed with the table.

    python benchmarks/run.py                       # 500, 5,000 and 20,000 actors
    python benchmarks/run.py --sizes 500 5000 50000 --json results.json
    python benchmarks/run.py --sizes 500 --no-steps   # the processes only

The benchmark measures whichever ``clusternet`` Python imports: run it with
``PYTHONPATH=/path/to/older/checkout`` to measure an older version (steps that version lacks are
marked "n/a"). ``--step-timeout S`` stops a step after S seconds (pure-Python steps only: a call
into C finishes first) and records "> S s"; steps that need its result are then skipped.
It is not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_survey, write_survey

import clusternet
from clusternet.analysis import analyze
from clusternet.gaps import gaps_table
from clusternet.graph import Selection, build_graph
from clusternet.metrics.brokerage import brokerage_roles, brokerage_z_scores
from clusternet.metrics.centrality import betweenness
from clusternet.metrics.cohesion import cohesion_measures
from clusternet.metrics.communities import louvain_communities
from clusternet.metrics.groups import ei_by_group
from clusternet.metrics.linkages import linkages
from clusternet.metrics.structural_holes import burt_measures
from clusternet.metrics.trust import trust_scores
from clusternet.rounds import compare_rounds
from clusternet.survey import load_survey
from clusternet.viz.layout import stable_layout
from clusternet.viz.network_map import network_map_html

try:  # added by the performance work; absent from the first version
    from clusternet.viz.aggregate import aggregated_map_html, group_graph
except ImportError:
    group_graph = aggregated_map_html = None
try:  # the static snapshot of the map (clusternet.export) drawn from the one view, absent from early versions
    from clusternet.cache import AnalysisCache
    from clusternet.export.snapshot import map_image
    from clusternet.view import view_of
except ImportError:
    map_image = view_of = AnalysisCache = None

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "surveys" / "sample" / "handloom_cluster.xlsx"
DEFAULT_SIZES = (500, 5000, 20000)
ANALYZE_RATIO_TARGET = 1.5
"""``clusternet analyze`` within this many times the igraph script's CPU time, at every size."""
COMPARE_TARGET_CPU = 15.0
"""``clusternet compare`` at 20,000 actors, second core busy: CPU seconds."""
STARTUP_TARGET = 0.6
"""``clusternet --help`` and ``validate`` of the sample: seconds."""
ROUNDS_PAGE_TARGET_CPU = 1.0
"""The Rounds page's first run at 500 actors: CPU seconds."""
ROUNDS_PAGE_MAX_ACTORS = 5000
"""The Rounds page is timed at the smallest size, if it is at most this."""


class StepTimeout(Exception):
    pass


@dataclass
class Step:
    name: str
    seconds: float | None = None
    peak_mb: float | None = None
    igraph_seconds: float | None = None
    status: str = "ok"  # ok, timeout, skipped, n/a, error
    note: str = ""
    cpu_seconds: float | None = None

    def time_text(self, timeout: float | None) -> str:
        if self.status == "timeout":
            return f"> {timeout:.0f}"
        if self.status != "ok":
            return self.status
        return _seconds(self.seconds)


@dataclass
class SizeResult:
    actors: int
    tie_rows: int
    arcs: int
    steps: list[Step] = field(default_factory=list)


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak_rss() -> None:
    """Linux lets a process reset its high-water mark of resident memory (clear_refs, value 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


def _alarm(signum, frame):
    raise StepTimeout()


def measure(step: Step, function, timeout: float | None):
    """Run ``function``, filling in the step's time and peak memory; its result, or None."""
    _reset_peak_rss()
    if timeout:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = function()
        step.seconds, step.cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        return result
    except StepTimeout:
        step.status = "timeout"
        step.seconds = time.perf_counter() - start
        return None
    except Exception as error:  # a benchmark reports what broke and goes on
        step.status, step.note = "error", f"{type(error).__name__}: {error}"[:120]
        return None
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
        step.peak_mb = _peak_rss_mb()


def igraph_time(function, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def as_igraph(graph) -> ig.Graph:
    """The same graph for igraph: nodes numbered in graph order, one edge per arc or tie."""
    position = {node: at for at, node in enumerate(graph)}
    edges = np.array([(position[u], position[v]) for u, v in graph.edges()], dtype=np.int64).reshape(-1, 2)
    return ig.Graph(n=len(position), edges=edges, directed=graph.is_directed())


def benchmark_size(actors: int, seed: int, folder: Path, timeout: float | None, in_process: bool) -> SizeResult:
    write_survey(generate_survey(actors, seed), folder)
    steps: list[Step] = []
    state: dict = {}
    if not in_process:
        return SizeResult(actors, 0, 0, steps)

    def run(name: str, function, needs: tuple[str, ...] = (), igraph=None, note: str = ""):
        step = Step(name, note=note)
        steps.append(step)
        missing = [need for need in needs if state.get(need) is None]
        if missing:
            step.status, step.note = "skipped", f"needs {', '.join(missing)}"
            return None
        if function is None:
            step.status = "n/a"
            return None
        result = measure(step, function, timeout)
        if igraph is not None and step.status in ("ok", "timeout"):
            step.igraph_seconds = igraph_time(igraph)
        print(
            f"  {actors:>6} {name:<42} {step.time_text(timeout):>9} s  {step.peak_mb:8.0f} MB"
            + (f"  igraph {_seconds(step.igraph_seconds)} s" if step.igraph_seconds is not None else ""),
            file=sys.stderr,
            flush=True,
        )
        return result

    state["survey"] = run("load and validate the CSV files", lambda: load_survey(folder))
    survey = state["survey"]
    if survey is None:
        return SizeResult(actors, 0, 0, steps)
    state["graph"] = run(
        "build the graph (latest round, reported)", lambda: build_graph(survey, Selection()), ("survey",)
    )
    graph = state["graph"]
    arcs = graph.number_of_edges() if graph is not None else 0
    if graph is not None:
        reference = as_igraph(graph)
        undirected = reference.as_undirected(mode="collapse")
        steps[-1].igraph_seconds = igraph_time(lambda: as_igraph(graph))
        groups = dict(graph.nodes(data="type"))
        run(
            "linkages (degrees, partner kinds)",
            lambda: linkages(graph),
            ("graph",),
            igraph=lambda: (reference.indegree(), reference.outdegree(), undirected.degree()),
        )
        run("trust received and given", lambda: trust_scores(graph), ("graph",))
        state["betweenness"] = run(
            "betweenness", lambda: betweenness(graph), ("graph",), igraph=lambda: reference.betweenness(directed=True)
        )
        estimate = state["betweenness"]
        if estimate is not None and estimate.get("betweenness_approximate", pd.Series([False])).any():
            steps[-1].note = "sampled estimate; igraph: exact"
        run(
            "Burt's measures (constraint, effective size...)",
            lambda: burt_measures(graph),
            ("graph",),
            igraph=lambda: reference.constraint(),
            note="igraph: constraint only",
        )
        run("brokerage roles", lambda: brokerage_roles(graph, groups), ("graph",))
        run("brokerage z-scores", lambda: brokerage_z_scores(graph, groups), ("graph",))
        run(
            "Louvain communities",
            lambda: louvain_communities(graph, seed=0),
            ("graph",),
            igraph=lambda: undirected.community_multilevel(),
        )
        run(
            "cohesion (density, components...)",
            lambda: cohesion_measures(graph),
            ("graph",),
            igraph=lambda: (reference.density(), reference.reciprocity(), reference.connected_components(mode="weak")),
        )
        run("E-I index by group", lambda: ei_by_group(graph, groups), ("graph",))

    state["analysis"] = run("analyze (graphs, every measure, tables)", lambda: analyze(survey), ("survey",))
    analysis = state["analysis"]
    run("gaps", lambda: gaps_table(analysis), ("analysis",))
    run("compare two rounds (2,000 resamples)", lambda: compare_rounds(survey, "baseline", "endline"), ("survey",))
    state["positions"] = run("map layout (all rounds)", lambda: stable_layout(survey), ("survey",))
    positions = state["positions"]

    def full_page():
        actors_table = analysis.actors.set_index("actor_id")
        labels = dict(zip(actors_table.index, actors_table["name"]))
        return network_map_html(
            analysis.graph,
            positions,
            labels=labels,
            groups=actors_table["type"].to_dict(),
            show_labels=len(actors_table) <= 150,
        )

    run("map page, every actor (pyvis)", full_page, ("analysis", "positions"))

    def aggregated_page():
        membership = analysis.actors.set_index("actor_id")["community"]
        return aggregated_map_html(group_graph(analysis.graph, membership.to_dict()), title="communities")

    run("map page, aggregated by community", aggregated_page if group_graph else None, ("analysis",))

    def png():
        class Computed(AnalysisCache):
            """The analysis and the layout, each timed in its own step."""

            def analysis(self, selection):
                return analysis

            def positions(self, seed=0):
                return positions

        return map_image(view_of(survey, analysis.selection, cache=Computed(survey)), "png")

    run("static PNG of the map (clusternet.export)", png if map_image else None, ("analysis", "positions"))

    tie_rows = len(survey.ties)
    return SizeResult(actors, tie_rows, arcs, steps)


@dataclass
class ProcessRow:
    """A command run end to end in fresh processes: medians of CPU and wall seconds, beside the
    igraph script and the floor where there is one, against its target."""

    command: str
    actors: int | None
    cpu: float | None
    wall: float | None
    target: str = ""
    met: bool | None = None
    reference_cpu: float | None = None
    reference_wall: float | None = None
    floor_cpu: float | None = None
    floor_wall: float | None = None
    load: str = ""
    note: str = ""


def _load() -> float:
    return os.getloadavg()[0]


@contextmanager
def busy_core():
    """A busy loop on another core for as long as the block runs (a second engineer's tests)."""
    loop = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        yield
    finally:
        loop.kill()
        loop.wait()


def _median_run(command: list[str], repeats: int, timeout: float | None) -> tuple[float | None, float | None, str]:
    """Median CPU (the child's user + system time) and wall seconds of ``repeats`` runs of ``command``."""
    cpus, walls = [], []
    for _ in range(repeats):
        wall, _, status, cpu = _process(command, timeout)
        if status != "ok":
            return None, None, status
        cpus.append(cpu)
        walls.append(wall)
    return statistics.median(cpus), statistics.median(walls), "ok"


def process_rows(folder: Path, actors: int, repeats: int, timeout: float | None) -> list[ProcessRow]:
    """``clusternet analyze`` beside the igraph script and the floor; ``clusternet compare`` with the
    second core busy; at the smallest size also the Rounds page's first run."""
    rows = []
    with tempfile.TemporaryDirectory() as out:
        before = _load()
        cli = [sys.executable, "-m", "clusternet"]
        analyze_cpu, analyze_wall, status = _median_run(
            [*cli, "analyze", str(folder), "--out", str(Path(out) / "cli"), "--force"], repeats, timeout
        )
        timings = Path(out) / "timings.json"
        reference = [sys.executable, str(HERE / "igraph_reference.py"), str(folder), str(Path(out) / "igraph")]
        floors: list[dict[str, float]] = []
        reference_cpus, reference_walls = [], []
        for _ in range(repeats):
            wall, _, _, cpu = _process([*reference, "--timings", str(timings)], timeout)
            reference_cpus.append(cpu)
            reference_walls.append(wall)
            floors.append(json.loads(timings.read_text()))
        row = ProcessRow(
            "`clusternet analyze`",
            actors,
            analyze_cpu,
            analyze_wall,
            target=f"within {ANALYZE_RATIO_TARGET}× of the igraph script (CPU)",
            reference_cpu=statistics.median(reference_cpus),
            reference_wall=statistics.median(reference_walls),
            floor_cpu=statistics.median(floor["read_cpu"] + floor["compute_cpu"] for floor in floors),
            floor_wall=statistics.median(floor["read_wall"] + floor["compute_wall"] for floor in floors),
            note="" if status == "ok" else status,
        )
        if analyze_cpu is not None and row.reference_cpu:
            row.met = analyze_cpu <= ANALYZE_RATIO_TARGET * row.reference_cpu
        row.load = f"{before:.1f}–{_load():.1f}"
        rows.append(row)

        before = _load()
        with busy_core():
            compare_cpu, compare_wall, status = _median_run(
                [*cli, "compare", str(folder), "--from", "baseline", "--to", "endline", "--out", str(Path(out) / "cmp"),
                 "--force"],
                repeats,
                timeout,
            )  # fmt: skip
        row = ProcessRow(
            "`clusternet compare` (2,000 resamples), second core busy",
            actors,
            compare_cpu,
            compare_wall,
            note="" if status == "ok" else status,
            load=f"{before:.1f}–{_load():.1f}",
        )
        if actors >= 20000:
            row.target = f"under {COMPARE_TARGET_CPU:.0f} CPU s"
            row.met = compare_cpu is not None and compare_cpu < COMPARE_TARGET_CPU
        rows.append(row)
    return rows


def startup_rows(repeats: int, timeout: float | None) -> list[ProcessRow]:
    """``clusternet --help`` and ``clusternet validate`` of the sample."""
    rows = []
    for name, arguments in (
        ("`clusternet --help`", ["--help"]),
        ("`clusternet validate` of the sample", ["validate", str(SAMPLE)]),
    ):
        before = _load()
        cpu, wall, status = _median_run([sys.executable, "-m", "clusternet", *arguments], repeats, timeout)
        met = cpu is not None and wall is not None and max(cpu, wall) < STARTUP_TARGET
        rows.append(
            ProcessRow(name, None, cpu, wall, f"under {STARTUP_TARGET} s", met, load=f"{before:.1f}–{_load():.1f}",
                       note="" if status == "ok" else status)
        )  # fmt: skip
    return rows


ROUNDS_PAGE_SCRIPT = """
import json, sys, time
from pathlib import Path
from streamlit.testing.v1 import AppTest
root, folder = Path(sys.argv[1]), Path(sys.argv[2])
app = AppTest.from_file(str(root / "app.py"), default_timeout=600)
app.session_state["upload"] = tuple((path.name, path.read_bytes()) for path in sorted(folder.glob("*.csv")))
app.run()
from app_pages.warm_up import wait_for_warm_up
assert wait_for_warm_up(120)  # what the server does while a person reads the first page
cpu, wall = time.process_time(), time.perf_counter()
app.switch_page("app_pages/rounds.py").run()
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
assert not app.exception, app.exception
print(json.dumps({"cpu": cpu, "wall": wall}))
"""


def rounds_page_row(folder: Path, actors: int, repeats: int) -> ProcessRow:
    """The Rounds page's first run on an uploaded survey, after the app opened it and finished its
    warm-up (AppTest, a fresh process each time, an empty store)."""
    before = _load()
    cpus, walls = [], []
    with tempfile.TemporaryDirectory() as store:
        environment = {**os.environ, "CLUSTERNET_DB_URL": f"sqlite:///{Path(store) / 'clusternet.db'}"}
        for _ in range(repeats):
            result = subprocess.run(
                [sys.executable, "-c", ROUNDS_PAGE_SCRIPT, str(ROOT), str(folder)],
                capture_output=True,
                text=True,
                env=environment,
                cwd=ROOT,
            )
            if result.returncode:
                print(result.stderr[-2000:], file=sys.stderr)
                return ProcessRow("Rounds page, first run (AppTest)", actors, None, None, note="error")
            timing = json.loads(result.stdout.strip().splitlines()[-1])
            cpus.append(timing["cpu"])
            walls.append(timing["wall"])
    cpu = statistics.median(cpus)
    target = f"under {ROUNDS_PAGE_TARGET_CPU:.0f} CPU s" if actors == 500 else ""
    return ProcessRow(
        "Rounds page, first run (AppTest)",
        actors,
        cpu,
        statistics.median(walls),
        target,
        cpu < ROUNDS_PAGE_TARGET_CPU if target else None,
        load=f"{before:.1f}–{_load():.1f}",
    )


def processes_markdown(rows: list[ProcessRow]) -> str:
    lines = [
        "\n### Commands end to end (medians; CPU is the process's user + system time)\n",
        "| command | actors | CPU (s) | wall (s) | igraph script CPU (s) | wall (s) | floor CPU (s) | wall (s) | "
        "CPU ratio to the script | target | met | load average | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|",
    ]
    for row in rows:
        ratio = f"{row.cpu / row.reference_cpu:.2f}×" if row.cpu is not None and row.reference_cpu else ""
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        actors = f"{row.actors:,}" if row.actors else "sample"
        lines.append(
            f"| {row.command} | {actors} | {_seconds(row.cpu)} | {_seconds(row.wall)} | "
            f"{_seconds(row.reference_cpu)} | {_seconds(row.reference_wall)} | {_seconds(row.floor_cpu)} | "
            f"{_seconds(row.floor_wall)} | {ratio} | {row.target} | {met} | {row.load} | {row.note} |"
        )
    return "\n".join(lines)


def _process(command: list[str], timeout: float | None) -> tuple[float, float, str, float]:
    """Wall time, peak resident memory (MB), status (ok, timeout, error) and CPU time of a command."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=os.environ.copy())
        status = "ok"
        while True:  # os.wait4 gives this child's own peak memory; poll it to honour the timeout
            pid, exit_status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if timeout and time.perf_counter() - start > timeout:
                process.kill()
                status = "timeout"
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(exit_status)
        if status == "ok" and process.returncode:
            errors.seek(0)
            print(errors.read().decode()[-2000:], file=sys.stderr)
            status = "error"
    return seconds, usage.ru_maxrss / 1024, status, usage.ru_utime + usage.ru_stime


def machine() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
            platform.processor(),
        )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(f"{name} {module.__version__}" for name, module in _libraries())
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; {platform.system()} {platform.machine()}; "
        f"Python {platform.python_version()}; {versions}"
    )


def _libraries():
    import networkx
    import pandas
    import scipy

    yield "clusternet", clusternet
    yield "networkx", networkx
    yield "pandas", pandas
    yield "numpy", np
    yield "scipy", scipy
    yield "igraph", ig


def markdown(results: list[SizeResult], timeout: float | None) -> str:
    lines = []
    for result in results:
        if not result.steps:
            continue
        lines.append(
            f"\n### {result.actors:,} actors ({result.tie_rows:,} tie rows in two rounds; "
            f"{result.arcs:,} arcs in the latest round)\n"
        )
        lines.append("| step | time (s) | CPU (s) | peak RSS (MB) | igraph (s) | ratio | note |")
        lines.append("|---|---:|---:|---:|---:|---:|---|")
        for step in result.steps:
            ratio = f"{step.seconds / step.igraph_seconds:.1f}×" if step.status == "ok" and step.igraph_seconds else ""
            peak = f"{step.peak_mb:,.0f}" if step.peak_mb is not None and step.status != "skipped" else ""
            lines.append(
                f"| {step.name} | {step.time_text(timeout)} | {_seconds(step.cpu_seconds)} | {peak} | "
                f"{_seconds(step.igraph_seconds)} | {ratio} | {step.note} |"
            )
        lines.append(f"| **analyze + gaps** | **{_total(result, ('analyze', 'gaps'), timeout)}** | | | | |")
    return "\n".join(lines)


def _total(result: SizeResult, prefixes: tuple[str, ...], timeout: float | None) -> str:
    chosen = [step for step in result.steps if step.name.startswith(prefixes)]
    if any(step.status != "ok" for step in chosen):
        return "> " + _seconds(sum(step.seconds or 0 for step in chosen))
    return _seconds(sum(step.seconds for step in chosen))


def main() -> None:
    parser = argparse.ArgumentParser(description="Time every step of clusternet on seeded surveys.")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="numbers of actors")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--step-timeout", type=float, default=None, help="stop a pure-Python step after S seconds")
    parser.add_argument("--no-end-to-end", action="store_true", help="skip the command-line processes")
    parser.add_argument("--no-steps", action="store_true", help="skip the steps timed inside this process")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each process (the median is shown)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    arguments = parser.parse_args()
    print(f"clusternet from {Path(clusternet.__file__).parent}", file=sys.stderr)
    results = []
    processes: list[ProcessRow] = []
    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        if not arguments.no_end_to_end:
            processes += startup_rows(arguments.repeats, arguments.step_timeout)
        for actors in arguments.sizes:
            survey_folder = Path(folder) / f"survey-{actors}"
            results.append(
                benchmark_size(actors, arguments.seed, survey_folder, arguments.step_timeout, not arguments.no_steps)
            )
            if not arguments.no_end_to_end:
                processes += process_rows(survey_folder, actors, arguments.repeats, arguments.step_timeout)
                if actors == min(arguments.sizes) and actors <= ROUNDS_PAGE_MAX_ACTORS:
                    processes.append(rounds_page_row(survey_folder, actors, arguments.repeats))
                print(f"  {actors:>6} processes done, load average {_load():.1f}", file=sys.stderr, flush=True)
    print(f"Machine: {machine()}")
    print(
        "Load average (1, 5, 15 min) at the start: {:.1f}, {:.1f}, {:.1f}; at the end: {:.1f}, {:.1f}, {:.1f} "
        "on {} cores".format(*load_at_start, *os.getloadavg(), os.cpu_count())
    )
    if processes:
        print(processes_markdown(processes))
    print(markdown(results, arguments.step_timeout))
    if arguments.json:
        arguments.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "timeout": arguments.step_timeout,
                    "results": [asdict(result) for result in results],
                    "processes": [asdict(row) for row in processes],
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
