"""A simulation pauses Python's cyclic garbage collector and always gives it back."""

import gc

import pytest

from clusternet.whatif.simulation import collection_paused


def test_the_collector_is_paused_inside_and_enabled_after():
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_after_a_failure():
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("a step that cannot be applied")
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
