"""Every file of the corpus (tests/hardening/corpus.py) is refused with a clear problem or accepted, never
a traceback, within 20 s and 500 MB, and is left as it was; ``clusternet validate`` says the same.

The cases run in a pool of two worker processes (tests/hardening/corpus_worker.py), each capped in
address space; the whole corpus takes well under a minute on two cores.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from tests.hardening.corpus import corpus
from tests.hardening.corpus_worker import CONTROL_CHARACTER, Outcome, limit_address_space, load_case

CASES = {case.name: case for case in corpus()}
MAX_SECONDS = 20
MAX_PEAK_BYTES = 500 * 2**20
WORKERS = 2
HANG_SECONDS = 90
"""A pool that gives no result for this long has a worker stuck on a case: the cases left are failed."""


def run_in_workers(paths: dict[str, Path]) -> dict[str, Outcome]:
    """Every case's outcome; the largest files first, so that the two workers finish together."""
    order = sorted(paths, key=lambda name: -sum(file.stat().st_size for file in _files(paths[name])))
    outcomes: dict[str, Outcome] = {}
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS, initializer=limit_address_space) as pool:
        results = pool.imap_unordered(_load, [(name, str(paths[name])) for name in order])
        try:
            for _ in order:
                outcome = results.next(timeout=HANG_SECONDS)
                outcomes[outcome.name] = outcome
        except multiprocessing.TimeoutError:
            pool.terminate()
    return outcomes


def _load(case: tuple[str, str]) -> Outcome:
    return load_case(*case)


def _files(path: Path) -> list[Path]:
    return list(path.iterdir()) if path.is_dir() else [path]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    folder = tmp_path_factory.mktemp("corpus")
    return run_in_workers({name: case.write(folder) for name, case in CASES.items()})


@pytest.mark.parametrize("name", list(CASES))
def test_the_file_is_refused_clearly_or_accepted_in_time_and_memory_and_left_unchanged(outcomes, name):
    case = CASES[name]
    assert name in outcomes, "no answer: the worker hung or died on this file"
    result = outcomes[name]
    assert not result.crash, result.crash
    assert result.seconds < MAX_SECONDS
    assert result.peak_bytes < MAX_PEAK_BYTES
    assert result.unchanged
    if case.expect != "either":
        assert result.outcome == case.expect, result.texts
    if result.outcome == "refused":
        assert result.errors >= 1
    if case.problem is not None:
        assert case.problem in result.message_ids, result.texts
    assert all(result.texts) and all(result.wheres)
    assert result.exit_code == (1 if result.outcome == "refused" else 0)
    assert "Traceback" not in result.cli_output
    assert not CONTROL_CHARACTER.search(result.cli_output), "survey text reached the terminal raw"


def test_the_corpus_holds_many_instances_of_each_kind():
    kinds = ["number-text", "truncated", "corrupt-stream", "billion-laughs", "external", "far-right", "encoding"]
    for kind in kinds:
        assert sum(name.startswith(kind) for name in CASES) >= 3, kind
    assert len(CASES) >= 150


def test_openpyxl_parses_with_defusedxml_for_the_readers_that_still_use_it():
    """The field-form and scenario readers open workbooks with openpyxl, which takes defusedxml's parser
    when it is installed (requirements.txt)."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
