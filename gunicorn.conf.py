"""gunicorn's settings for `make serve`; the environment can change each.

Several worker processes need a cache they all share, for the page cache
and its invalidation: with REDIS_URL unset the cache lives in one process's
memory, so there is one worker process, serving with threads.
"""

import gc
import multiprocessing
import os

shared_cache = bool(os.environ.get("REDIS_URL"))
default_workers = min(2 * multiprocessing.cpu_count() + 1, 8) if shared_cache else 1

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)

# A request that takes this long is stuck: the worker is replaced.
timeout = 30
graceful_timeout = 20
keepalive = 5
# Workers are renewed now and then, so a slow leak can never grow for long;
# not much more often, as a renewal empties a local-memory page cache, and
# one worker serves a thousand cached pages a second.
max_requests = 20_000
max_requests_jitter = 2_000
# The app is loaded once, before the workers are forked: a renewed worker is
# serving again within milliseconds rather than after a second of imports
# (with one worker, the site would wait that second), and the workers share
# the loaded code's memory.
preload_app = True

# nginx on the same machine sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"


def pre_fork(server, worker):
    # The loaded app is left out of garbage collection from here on: a full
    # collection then walks only what a worker made itself, which keeps its
    # pauses short, and does not write to (and so copy) the shared pages.
    gc.freeze()
