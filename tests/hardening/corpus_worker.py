"""One case of the corpus loaded in a worker process: what the loader and ``clusternet validate`` made
of it, in how long and how much memory, and whether the file was left as it was.

Workers run in a pool of their own processes (tests/hardening/test_corpus.py), each with its address
space capped (:func:`limit_address_space`): a file that made the reader run away would end that worker
with a MemoryError, not take the machine down with it.
"""

from __future__ import annotations

import hashlib
import io
import re
import resource
import time
import traceback
import tracemalloc
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from clusternet.cli import main
from clusternet.messages import ENGLISH, Message
from clusternet.survey import SurveyError, load_survey

FAILSAFE_BYTES = 3 * 2**30
"""How far a worker's address space may grow beyond what it holds once started: far above the 500 MB a
case may take, so that only a runaway reaches it."""
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Outcome:
    """What became of one case (``outcome`` is ``accepted``, ``refused`` or ``crash``): ``seconds`` is
    the time ``clusternet validate`` took, ``peak_bytes`` the traced peak of loading the survey (timed
    apart: tracing every allocation slows the parser several times)."""

    name: str
    outcome: str
    seconds: float
    peak_bytes: int
    errors: int
    message_ids: frozenset[str]
    texts: tuple[str, ...]
    wheres: tuple[str, ...]
    crash: str
    exit_code: int | None
    cli_output: str
    unchanged: bool


def limit_address_space() -> None:
    """Cap this process's address space at what it uses now plus :data:`FAILSAFE_BYTES`."""
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = used + FAILSAFE_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def digest(path: Path) -> dict[str, str]:
    """The SHA-256 of every file at ``path`` (the file itself, or those of a folder)."""
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    return {file.name: hashlib.sha256(file.read_bytes()).hexdigest() for file in files}


def message_ids(item: Message) -> set[str]:
    """The id of a message and of every message nested in its parameters (a damaged workbook's detail)."""
    ids = {item.id}
    for value in item.arguments.values():
        if isinstance(value, Message):
            ids |= message_ids(value)
    return ids


def load_case(name: str, path_text: str) -> Outcome:
    """Load the case at ``path_text`` with :func:`~clusternet.survey.load_survey` (its memory traced),
    then run ``clusternet validate`` on it (timed), and compare the file's hash before and after."""
    path = Path(path_text)
    before = digest(path)
    problems: tuple = ()
    outcome, crash = "crash", ""
    tracemalloc.start()
    try:
        survey = load_survey(path)
        outcome, problems = "accepted", survey.warnings
    except SurveyError as error:
        outcome, problems = "refused", error.problems
    except Exception:  # the failure the corpus looks for: any exception but the survey's own
        crash = traceback.format_exc()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    ids: set[str] = set()
    for problem in problems:
        ids |= message_ids(problem.message) | ({problem.fix.id} if problem.fix else set())
    output, errors_output = io.StringIO(), io.StringIO()
    exit_code = None
    start = time.perf_counter()
    try:
        with redirect_stdout(output), redirect_stderr(errors_output):
            exit_code = main(["validate", str(path)])
    except Exception:
        crash = crash or traceback.format_exc()
    seconds = time.perf_counter() - start
    return Outcome(
        name,
        outcome,
        seconds,
        peak,
        sum(problem.severity == "error" for problem in problems),
        frozenset(ids),
        tuple(ENGLISH.render(problem.text()) for problem in problems),
        tuple(problem.where for problem in problems),
        crash,
        exit_code,
        output.getvalue() + errors_output.getvalue(),
        digest(path) == before,
    )
