"""What the server does once, after its first run, while the person reads the first page.

Two costs would otherwise fall on the first click to another page: importing what the Rounds,
Trust and Logframe pages draw their charts with (Altair, about 0.2 s), and Python's cyclic garbage
collector walking every object the server holds (the libraries, the surveys, the caches) on each
full collection, which a page that allocates much pays in the middle of its run (0.05-0.1 s at a
time at 500 actors). A background thread imports the chart modules, collects once, then freezes
what is alive (:func:`gc.freeze`): those objects live as long as the server and are no longer
walked; what pages allocate later is collected as before.
"""

from __future__ import annotations

import gc
import importlib
import threading

CHART_MODULES = ("clusternet.viz.kpi_charts", "clusternet.viz.logframe_charts")
"""The modules the chart pages import (Altair with them)."""

_LOCK = threading.Lock()
_WARM_UP: list[threading.Thread] = []


def warm_up_once() -> None:
    """Start the warm-up in the background, once per server process (later calls do nothing)."""
    with _LOCK:
        if _WARM_UP:
            return
        thread = threading.Thread(target=_warm_up, name="clusternet-warm-up", daemon=True)
        _WARM_UP.append(thread)
    thread.start()


def wait_for_warm_up(timeout: float | None = None) -> bool:
    """Wait until the warm-up is over (as a person reading the first page would); whether it is."""
    with _LOCK:
        threads = list(_WARM_UP)
    for thread in threads:
        thread.join(timeout)
    return all(not thread.is_alive() for thread in threads)


def _warm_up() -> None:
    for name in CHART_MODULES:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
