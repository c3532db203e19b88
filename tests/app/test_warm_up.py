"""The server's warm-up after its first run: chart modules imported, long-lived objects frozen, once."""

import gc
import sys
import threading

from app_pages import warm_up


def test_the_warm_up_imports_the_chart_modules_and_freezes_what_is_alive_once():
    warm_up.warm_up_once()
    assert warm_up.wait_for_warm_up(120)
    assert all(name in sys.modules for name in warm_up.CHART_MODULES)
    assert gc.get_freeze_count() > 0
    threads = threading.active_count()
    warm_up.warm_up_once()  # a later run of the app starts nothing
    assert threading.active_count() == threads
    assert len(warm_up._WARM_UP) == 1
