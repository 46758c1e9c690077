"""gunicorn's settings for `make serve`; the environment can change each.

Several worker processes need a cache they all share, for the page cache
and its invalidation: Redis when REDIS_URL is set, or else files that the
processes of one machine share (see greatleaders.machine_cache).
"""

import gc
import multiprocessing
import os

from greatleaders.machine_cache import share_in_files

share_in_files()

# Rendering a page is work for the processor, with little waiting on the
# database, and a kept page is one read of the shared cache. A worker per
# core and one more keeps the cores busy without them taking turns.
default_workers = min(multiprocessing.cpu_count() + 1, 8)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers)
# One request at a time a process, accepted only when the process is free:
# gunicorn's threaded worker, even with one thread, took in every connection
# it could, so that the keep-alive connections opened together were queued on
# one worker while another core stood idle (new posts were served at 150 a
# second with one core busy, 250 with both). nginx in front (see the README)
# buffers slow clients and opens a connection a request.
worker_class = "sync"

# A request that takes this long is stuck: the worker is replaced.
timeout = 30
graceful_timeout = 20
# Workers are renewed now and then, so a slow leak can never grow for long;
# not much more often, as a renewal empties the worker's memory of the
# addresses it worked out and the pages it found current.
max_requests = 20_000
max_requests_jitter = 2_000
# The app is loaded once, before the workers are forked: a renewed worker is
# serving again within milliseconds rather than after a second of imports
# (while it starts, the others serve), and the workers share
# the loaded code's memory.
preload_app = True

# nginx on the same machine sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"


def when_ready(server):
    # The app is loaded (preload_app); its first-request work is done here,
    # once, so that no worker does it while visitors wait.
    from django.db import connections

    from greatleaders.database_statistics import gather_statistics
    from greatleaders.warm_up import warm_up

    warm_up()
    gather_statistics()
    # A connection opened before forking would be shared by every worker.
    connections.close_all()


def pre_fork(server, worker):
    # The loaded app is left out of garbage collection from here on: a full
    # collection then walks only what a worker made itself, which keeps its
    # pauses short, and does not write to (and so copy) the shared pages.
    gc.freeze()


def pre_request(worker, req):
    # Much of a page's objects are left in reference cycles (a model and the
    # related objects it caches, a comment and its thread, the request and
    # its message storage), which only the garbage collector frees. Left to
    # its own pace, it lets them age into the oldest generation, where
    # they wait for a full collection and leave the heap scattered: a worker
    # grew by 6 MB. Freed here, before the next page, while they are young,
    # they cost 0.1 ms and the worker stays at its size.
    gc.collect(1)
