"""Shared fixtures: paths of the bundled sample and writers of small survey files.

Also the hypothesis profiles: ``ci`` (the default) runs every property test on the same
examples each time, so a red CI run is red again on any machine; ``deep`` draws many more
random examples, for a local hunt: ``HYPOTHESIS_PROFILE=deep pytest tests/hardening``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings
from openpyxl import Workbook

settings.register_profile(
    "ci",
    derandomize=True,  # examples drawn from a seed fixed per test, not from the clock
    database=None,  # nothing replayed from, or saved to, a local .hypothesis folder
    max_examples=60,
    deadline=None,  # a loader call's time varies with the machine; a slow one is not a failure
    print_blob=True,  # a failure prints the @reproduce_failure line that replays it anywhere
)
settings.register_profile(
    "deep",
    derandomize=False,
    max_examples=2000,
    deadline=None,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
SAMPLE_WORKBOOK = REPO / "surveys" / "sample" / "handloom_cluster.xlsx"
SAMPLE_CSV = REPO / "surveys" / "sample" / "csv"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def write_csv_folder(folder: Path, files: dict[str, str], encoding: str = "utf-8") -> Path:
    """Write each ``name -> text`` as ``folder/name`` in ``encoding``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode(encoding))
    return folder


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write an .xlsx with one sheet per ``name -> rows`` (the first row is the header)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def csv_survey(tmp_path):
    """A writer of CSV survey folders under the test's temporary directory."""

    def write(encoding: str = "utf-8", **files: str) -> Path:
        return write_csv_folder(tmp_path / "survey", {f"{name}.csv": text for name, text in files.items()}, encoding)

    return write


def setup_system(component: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/setup-system for ``component`` (it installs Debian's package when missing; CI runs as root)."""
    return subprocess.run(["bash", str(REPO / "scripts" / "setup-system"), component], capture_output=True, text=True)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, installed by scripts/setup-system when missing."""
    if not CHROMIUM.exists():
        result = setup_system("chromium")
        if result.returncode != 0:
            pytest.fail(f"Chromium is needed for the browser tests and could not be installed:\n{result.stderr}")
    return CHROMIUM


@pytest.fixture(scope="session")
def java() -> str:
    """A Java runtime (for ODK Validate), installed by scripts/setup-system when missing; the test is
    skipped only where it cannot be installed (not root and not there)."""
    found = shutil.which("java")
    if found is None:
        result = setup_system("java")
        found = shutil.which("java")
        if found is None:
            pytest.skip(f"no Java runtime, and it could not be installed: {result.stderr.strip()}")
    return found


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium for every browser test of the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
