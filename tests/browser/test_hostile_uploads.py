"""The worst files of the hostile corpus uploaded through the browser: each gets a clear answer on the
Data page, never a traceback; the server's memory comes back near where it was; another session is
served meanwhile (issue: nothing a file holds can crash, hang or mislead)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_app_in_browser import RERUN_TIMEOUT_MS, open_page, upload_survey, wait_for_run_to_finish
from tests.hardening.corpus import corpus

pytestmark = pytest.mark.browser

WORST = [
    "far-right-spaces-130kB",
    "bogus-dimension-0",
    "two-thousand-columns",
    "billion-laughs-in-sheet",
    "decompression-bomb",
    "csv-100000-columns",
]
MEMORY_SLACK_MB = 150
"""How far above its level before the uploads the server's resident memory may stay after them."""


def resident_mb(pid: int) -> float:
    """The resident memory of a process, in MB (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def files_of(path: Path) -> list[str]:
    return sorted(str(file) for file in path.iterdir()) if path.is_dir() else [str(path)]


def test_the_worst_files_get_an_answer_and_the_server_its_memory_back(browser, app_server, page, tmp_path):
    url, server = app_server
    cases = {case.name: case for case in corpus()}
    open_page(page, url, "data")
    before = resident_mb(server.pid)
    for name in WORST:
        case = cases[name]
        folder = tmp_path / name
        folder.mkdir()
        upload_survey(page, files_of(case.write(folder)))
        if case.expect == "refused":
            expect(page.get_by_text("The survey cannot be analysed")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
        else:
            expect(page.get_by_text("The survey cannot be analysed").or_(page.get_by_text("Using "))).to_be_visible(
                timeout=RERUN_TIMEOUT_MS
            )
        wait_for_run_to_finish(page)
        assert page.get_by_test_id("stException").count() == 0, name
        page.get_by_role("button", name="Use the bundled sample").click()
        expect(page.get_by_text("Using the bundled sample")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    other = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_page(other, url, "map")
        expect(other.get_by_role("heading", name="Map")).to_be_visible()
    finally:
        other.close()
    after = resident_mb(server.pid)
    assert after < before + MEMORY_SLACK_MB, (before, after)
