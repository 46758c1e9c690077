"""gunicorn.conf.py's request hook: between two pages a worker frees what
the last one left in reference cycles, so that it stays at its size."""

import gc
import runpy
import weakref

import pytest

from tests.servers import ROOT


class Leftover:
    """An object of a page that only the garbage collector can free."""


def leftover_of_a_page():
    leftover = Leftover()
    leftover.itself = leftover
    return weakref.ref(leftover)


@pytest.fixture
def hooks(monkeypatch):
    # With Redis named, the configuration chooses no folder for the cache.
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    gc.disable()
    yield config
    gc.enable()


def test_a_worker_frees_the_last_pages_cycles_before_the_next(hooks):
    leftover = leftover_of_a_page()
    assert leftover() is not None

    hooks["pre_request"](None, None)

    assert leftover() is None
