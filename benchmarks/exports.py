"""Benchmark every export: each format of ``clusternet export`` and the HTML report, on the sample and
on seeded cluster-like surveys (``benchmarks/generate.py``, 500 actors by default).

For each survey and format two times are reported, each in wall-clock and CPU seconds (on a shared
machine the two differ when another process holds a core):

- **build**: the fastest of ``--repeats`` calls of :func:`clusternet.export.formats.export_bytes`
  (:func:`~clusternet.export.formats.report_bytes` for the report) on a view whose analysis, layout
  and round analyses are already computed, as they are when a page of the app offers the download;
- **command**: ``clusternet export --format FORMAT`` (``clusternet report``) end to end in a fresh
  process, importing the library, loading and analysing the survey and writing the file included,
  as a user runs it (``--no-command`` skips it).

The issue's target is the feedback sheets of the sample under 3 s.

    python benchmarks/exports.py
    python benchmarks/exports.py --sizes 500 2000 --formats feedback-pdf png --repeats 3

It is not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_survey, write_survey

from clusternet.export.formats import FORMATS, export_bytes, report_bytes
from clusternet.graph import Selection
from clusternet.survey import load_survey
from clusternet.view import View, view_of

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "surveys" / "sample" / "handloom_cluster.xlsx"
TARGETS = {("sample", "feedback-pdf"): 3.0}
"""Seconds the command may take, by survey and format (the issue's)."""


def fastest(run: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The fastest of ``repeats`` runs: (wall seconds, CPU seconds of that run)."""
    best = (float("inf"), float("inf"))
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def command(survey: Path, fmt: str, folder: Path) -> tuple[float, float]:
    """``clusternet export`` (or ``report``) of ``fmt`` in a fresh process: (wall seconds, CPU seconds)."""
    if fmt == "report":
        arguments = ["report", str(survey), "--out", str(folder / "report.html")]
    else:
        arguments = ["export", str(survey), "--format", fmt, "--out", str(folder / f"export{FORMATS[fmt].suffix}")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "clusternet", *arguments, "--force"], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def prepared(survey_path: Path) -> View:
    """A view of the survey's latest round with what every page has computed: analysis, layout, rounds."""
    view = view_of(load_survey(survey_path), Selection())
    view.analysis, view.positions  # noqa: B018  (computed once, as the app has them)
    for label in view.survey.round_labels:
        view.round_analysis(label)
    return view


def measure(name: str, survey: Path, formats: list[str], repeats: int, run_commands: bool, folder: Path) -> list[dict]:
    view = prepared(survey)
    rows = []
    for fmt in formats:

        def build(fmt: str = fmt) -> bytes:
            return report_bytes(view) if fmt == "report" else export_bytes(view, fmt)

        build()  # what the view computes the first time a format needs it (a comparison, gaps) is shared
        wall, cpu = fastest(build, repeats)
        row = {"survey": name, "format": fmt, "build_s": wall, "build_cpu_s": cpu}
        if run_commands:
            row["command_s"], row["command_cpu_s"] = command(survey, fmt, folder)
        rows.append(row)
        print(f"  {name} {fmt}: {wall:.2f} s", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Time every export format on the sample and seeded surveys.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[500], help="generated surveys' numbers of actors")
    parser.add_argument("--formats", nargs="+", default=[*FORMATS, "report"], choices=[*FORMATS, "report"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-sample", action="store_true")
    parser.add_argument("--no-command", action="store_true", help="skip the command-line processes")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        surveys = [] if arguments.no_sample else [("sample", SAMPLE)]
        for size in arguments.sizes:
            surveys.append((f"{size:,} actors", write_survey(generate_survey(size), folder / f"survey-{size}")))
        results = [
            row
            for name, path in surveys
            for row in measure(name, path, arguments.formats, arguments.repeats, not arguments.no_command, folder)
        ]
    names = [name for name, _ in surveys]
    header = " | ".join(
        f"{name} build (s) | {name} build CPU (s)"
        + ("" if arguments.no_command else f" | {name} command (s) | {name} command CPU (s)")
        for name in names
    )
    columns = 2 if arguments.no_command else 4
    print(f"| format | {header} |")
    print("|---|" + "---:|" * columns * len(names))
    by_key = {(row["survey"], row["format"]): row for row in results}
    for fmt in arguments.formats:
        cells = []
        for name in names:
            row = by_key[name, fmt]
            cells += [f"{row['build_s']:.2f}", f"{row['build_cpu_s']:.2f}"]
            if not arguments.no_command:
                target = TARGETS.get((name, fmt))
                mark = (
                    ""
                    if target is None
                    else f" (target {target:g}: {'met' if row['command_s'] < target else 'not met'})"
                )
                cells += [f"{row['command_s']:.2f}{mark}", f"{row['command_cpu_s']:.2f}"]
        print(f"| {fmt} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
