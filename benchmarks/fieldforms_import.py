"""Benchmark the field-form import: a KoboToolbox and an ODK Central export of 2,000 respondents.

A seeded cluster-like survey is generated (``benchmarks/generate.py``) with enough actors that its
first round has at least ``--respondents`` respondents; one submission per respondent is fabricated in
each export layout (``tests/fieldforms/exports.py``: Kobo's XLSX with both select-many layouts, ODK
Central's zip with split select-many columns), and :func:`clusternet.fieldforms.imports.import_export`
is timed on each (reading, joining, validating the survey), then ``clusternet import`` end to end in a
fresh process (writing the survey workbook included). The target is under 5 s for 2,000 respondents.
Each is timed ``--repeats`` times and the fastest run is reported.

    python benchmarks/fieldforms_import.py
    python benchmarks/fieldforms_import.py --respondents 5000 --repeats 3

It is not part of the test suite.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import RESPONSE_RATE, generate_survey, write_survey  # noqa: E402

from clusternet.fieldforms.imports import import_export  # noqa: E402
from clusternet.fieldforms.roster import read_roster  # noqa: E402
from clusternet.fieldforms.xlsform import field_form, roster_csv  # noqa: E402
from clusternet.survey import load_survey  # noqa: E402
from tests.fieldforms.exports import kobo_xlsx, odk_zip, sample_round_submissions  # noqa: E402

TARGET_SECONDS = 5.0


def fastest(run, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        actors = int(arguments.respondents / RESPONSE_RATE * 1.05)
        survey = load_survey(write_survey(generate_survey(actors), work / "survey"))
        round_label = survey.round_labels[0]
        submissions = sample_round_submissions(survey, round_label)[: arguments.respondents]
        roster_file = work / "roster.csv"
        roster_file.write_bytes(roster_csv(field_form(read_roster(work / "survey"), version="1")))
        roster = read_roster(roster_file)
        exports = {
            "kobo": kobo_xlsx(work / "export.xlsx", submissions),
            "odk": odk_zip(work / "export.zip", submissions, split=True),
        }
        partner_rows = sum(len(submission.partners) for submission in submissions)
        print(f"{len(submissions)} respondents, {partner_rows} partner rows, roster of {actors} actors")
        print(f"{'export':<8} {'size':>9} {'import (s)':>11} {'command (s)':>12} {'target':>8}")
        for platform, path in exports.items():
            data = path.read_bytes()
            library = fastest(partial(import_export, platform, data, path.name, roster), arguments.repeats)
            out = work / f"{platform}-survey.xlsx"
            command = [sys.executable, "-m", "clusternet", "import", platform, str(path), "--roster", str(roster_file),
                       "--out", str(out), "--force"]  # fmt: skip
            end_to_end = fastest(partial(subprocess.run, command, check=True, capture_output=True), arguments.repeats)
            verdict = "ok" if max(library, end_to_end) < TARGET_SECONDS else "SLOW"
            print(f"{platform:<8} {len(data) / 1e6:>7.2f}MB {library:>11.2f} {end_to_end:>12.2f} {verdict:>8}")


if __name__ == "__main__":
    main()
