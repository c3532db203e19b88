"""How long a person waits for the app after each interaction, in a real headless Chromium.

    python benchmarks/app_latency.py                    # the sample, 500 and 2,000 actors, median of 3
    python benchmarks/app_latency.py --sizes 500 --repeats 5

Starts ``streamlit run app.py`` on a free local port (as tests/browser/conftest.py does), opens it in
Debian's Chromium (/usr/bin/chromium, through Playwright), uploads each generated survey
(benchmarks/generate.py) through the Data page's file chooser, and times each interaction from the
action until Streamlit is idle again: the script run over (``data-test-script-state`` back to
``notRunning`` after a run that began after the action) and its running indicator
(``stStatusWidget``) gone. Prints a Markdown table, interaction x size, of the median in seconds.
It is a benchmark, not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_survey, with_facilitation, write_survey

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 180_000
NO_RUN_MS = 20_000

WATCH_RUNS = """() => {
  // every change of Streamlit's script state, with when it happened (once per document)
  if (window.latencyRuns) return;
  window.latencyRuns = [];
  const state = 'data-test-script-state';  // watched on the whole document: Streamlit may replace the element
  new MutationObserver(changes => changes.forEach(change =>
    window.latencyRuns.push([change.target.getAttribute(state), performance.now()])))
    .observe(document.body, {attributes: true, subtree: true, attributeFilter: [state]});
}"""
RAN_SINCE = "start => window.latencyRuns.some(([state, at]) => state === 'running' && at >= start)"
IDLE = """() => document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'
  && document.querySelectorAll('[data-testid="stStatusWidget"]').length === 0"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_app() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless=true",
               f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
               "--server.fileWatcherType=none"]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the app did not start within 60 s")


def wait_idle(page: Page) -> None:
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS, polling=20)


def timed(page: Page, action: Callable[[], None]) -> float:
    """Seconds from ``action`` until the script run it caused is over and the app is idle; NaN when
    no run starts within ``NO_RUN_MS``."""
    wait_idle(page)
    page.evaluate(WATCH_RUNS)
    start = float(page.evaluate("performance.now()"))
    action()
    try:
        page.wait_for_function(RAN_SINCE, arg=start, timeout=NO_RUN_MS, polling=20)
    except PlaywrightTimeout:  # the action did not reach the app (a control missing at this size): no number
        return math.nan
    wait_idle(page)
    return (float(page.evaluate("performance.now()")) - start) / 1000


def open_page(page: Page, name: str) -> None:
    """Through the sidebar's navigation: a new URL would start a new session, without the upload."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    (links.first if name == "map" else links.and_(page.locator(f'[href$="/{name}"]'))).click()  # the map is "/"


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option", name=option, exact=True).first.click()


def find_actor(page: Page, name: str) -> None:
    box = page.get_by_label("Find an actor", exact=True).first
    box.click()
    box.fill(name)
    page.get_by_role("option").first.click()


def upload(page: Page, folder: Path) -> None:
    open_page(page, "data")
    wait_idle(page)
    chooser = page.get_by_test_id("stFileUploaderDropzone").first  # the survey's, not the field forms' tab
    chooser.wait_for(state="visible", timeout=60_000)
    chooser.locator("input[type=file]").set_input_files(sorted(str(path) for path in folder.glob("*.csv")))
    wait_idle(page)
    open_page(page, "map")
    wait_idle(page)


def interactions(rounds: tuple[str, str], actors: tuple[str, str]) -> list[tuple[str, Callable[[Page, int], None]]]:
    """Each interaction, as a function of the page and the repeat number (to alternate values)."""
    return [
        ("change round", lambda page, repeat: choose(page, "Round", rounds[repeat % 2])),
        ("colour by", lambda page, repeat: choose(page, "Colour by", ("community", "type")[repeat % 2])),
        ("find an actor", lambda page, repeat: find_actor(page, actors[repeat % 2])),
        ("open Actors", lambda page, repeat: open_page(page, "actors")),
        ("open Gaps", lambda page, repeat: open_page(page, "gaps")),
        ("open Trust", lambda page, repeat: open_page(page, "trust")),
        ("open Rounds", lambda page, repeat: open_page(page, "rounds")),
        ("open Logframe", lambda page, repeat: open_page(page, "logframe")),
        ("toggle anonymise", lambda page, repeat: page.get_by_text("Anonymise", exact=True).first.click()),
    ]


def measure(
    browser_page: Page, url: str, folder: Path | None, rounds: tuple[str, str], actors: tuple[str, str], repeats: int
) -> dict[str, float]:
    browser_page.goto(f"{url}/")
    wait_idle(browser_page)
    if folder is not None:
        upload(browser_page, folder)
    medians: dict[str, float] = {}
    for name, action in interactions(rounds, actors):
        seconds = []
        for repeat in range(repeats):
            if name.startswith(("open", "toggle")) or repeat == 0:
                open_page(browser_page, "map")  # every page opened from the map; the toggle on the map
                wait_idle(browser_page)
            seconds.append(timed(browser_page, lambda action=action, repeat=repeat: action(browser_page, repeat)))
        measured = [value for value in seconds if not math.isnan(value)]
        medians[name] = statistics.median(measured) if measured else math.nan
        if name == "toggle anonymise" and repeats % 2:
            timed(browser_page, lambda action=action: action(browser_page, 0))  # named again for the next size
        print(f"  {name}: {', '.join(map(cell, seconds))} s", file=sys.stderr, flush=True)
    return medians


def cell(seconds: float) -> str:
    return "—" if math.isnan(seconds) else f"{seconds:.2f}"


def table(results: dict[str, dict[str, float]]) -> str:
    sizes = list(results)
    names = list(next(iter(results.values())))
    lines = ["| interaction | " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(sizes)]
    lines += [f"| {name} | " + " | ".join(cell(results[size][name]) for size in sizes) + " |" for name in names]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000], help="generated surveys' actors")
    parser.add_argument("--repeats", type=int, default=3, help="times each interaction is measured (median)")
    parser.add_argument("--no-sample", action="store_true", help="leave the bundled sample out")
    options = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    server, url = start_app()
    try:
        with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            surveys: list[tuple[str, Path | None, tuple[str, str], tuple[str, str]]] = []
            if not options.no_sample:
                surveys.append(
                    ("sample (66)", None, ("baseline", "endline"), ("Grāmya Vikās Trust", "Gopāl Meher & Sons"))
                )
            for size in options.sizes:
                tables = with_facilitation(generate_survey(size))
                folder = write_survey(tables, Path(scratch) / str(size))
                labels = [str(label) for label in tables["rounds"]["round"]]
                surveys.append(
                    (f"{size:,}", folder, (labels[0], labels[-1]), tuple(map(str, tables["actors"]["name"].iloc[:2])))
                )
            for name, folder, rounds, actors in surveys:
                print(f"{name} actors", file=sys.stderr, flush=True)
                context = browser.new_context(viewport=VIEWPORT)  # a session of its own: the sample comes back
                results[name] = measure(context.new_page(), url, folder, rounds, actors, options.repeats)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(table(results))


if __name__ == "__main__":
    main()
