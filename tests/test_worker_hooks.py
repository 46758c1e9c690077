"""gunicorn.conf.py's request hooks: between two pages a worker frees what
the last one left in reference cycles, so that it stays at its size, and
never while another of its threads is serving a page."""

import ctypes
import ctypes.util
import gc
import os
import runpy
import subprocess
import sys
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


def serve(hooks, serving):
    hooks["pre_request"](None, None)
    serving()
    hooks["post_request"](None, None, {}, None)


def test_a_worker_frees_the_last_pages_cycles_before_the_next(hooks):
    leftover = leftover_of_a_page()
    assert leftover() is not None

    serve(hooks, lambda: None)

    assert leftover() is None


def test_no_collection_runs_while_another_thread_serves_a_page(hooks):
    leftovers = []

    def while_another_page_is_served():
        leftover = leftover_of_a_page()
        serve(hooks, lambda: None)
        leftovers.append(leftover)

    serve(hooks, while_another_page_is_served)

    assert leftovers[0]() is not None
    serve(hooks, lambda: None)
    assert leftovers[0]() is None


HEAPS_SEEN_BY_A_THREAD = """
import ctypes, ctypes.util, runpy, sys, tempfile, threading

config = runpy.run_path(sys.argv[1])
if sys.argv[2] == "started":
    config["on_starting"](None)
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
served = []
# Past Python's own allocator's 512 bytes: from the C library's heap.
thread = threading.Thread(target=lambda: served.append(bytearray(64_000)))
thread.start()
thread.join()
with tempfile.NamedTemporaryFile() as report:
    stream = libc.fopen(report.name.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    print(open(report.name).read().count("<heap nr="))
"""


def heaps_after_a_thread_served(*, started: bool) -> int:
    finished = subprocess.run(
        [
            sys.executable,
            "-c",
            HEAPS_SEEN_BY_A_THREAD,
            str(ROOT / "gunicorn.conf.py"),
            "started" if started else "loaded",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"},
    )
    return int(finished.stdout)


@pytest.mark.skipif(
    not hasattr(ctypes.CDLL(ctypes.util.find_library("c")), "malloc_info"),
    reason="glibc's heaps only",
)
def test_a_workers_request_thread_allocates_from_the_masters_heap():
    assert heaps_after_a_thread_served(started=False) == 2

    assert heaps_after_a_thread_served(started=True) == 1
