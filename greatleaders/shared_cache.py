"""Calls to the shared cache that survive its outage.

When Redis cannot be reached, every call answers as a cache miss would, a
warning is logged once, and Redis is left alone for a few seconds before it
is tried again, so that visitors are not kept waiting on it.
"""

import logging
import sys
import threading
import time

from django.core.cache import cache

from greatleaders import recently_used

logger = logging.getLogger(__name__)

# Seconds without trying the cache after it failed.
RETRY_AFTER = 5.0
# How long a process keeps its copy of a value it read (see get_kept).
KEPT_SECONDS = 60

_lock = threading.Lock()
_down_until: float | None = None


def _call(operation, *args, default=None):
    global _down_until
    if _down_until is not None and time.monotonic() < _down_until:
        return default
    try:
        result = operation(*args)
    except unreachable_errors() as error:
        with _lock:
            if _down_until is None:
                logger.warning(
                    "The shared cache is unavailable (%s): pages are served "
                    "uncached until it is back.",
                    error,
                )
            _down_until = time.monotonic() + RETRY_AFTER
        return default
    if _down_until is not None:
        with _lock:
            _down_until = None
        logger.warning("The shared cache is available again.")
    return result


def unreachable_errors() -> tuple[type[Exception], ...]:
    """What the cache raises when it cannot be reached. Redis's client is
    loaded by its cache backend only, so that a process without Redis is
    the smaller for it; an error of Redis cannot come before."""
    exceptions = sys.modules.get("redis.exceptions")
    return (exceptions.RedisError, OSError) if exceptions else (OSError,)


def get(key):
    return _call(cache.get, key)


def set(key, value, timeout):
    _call(cache.set, key, value, timeout)


def get_kept(key):
    """`get` for a key whose value never changes once stored (one naming its
    content generation): this process's own copy when it has one."""
    value = recently_used.values.get(key)
    if value is None:
        value = get(key)
        if value is not None:
            # How long the shared cache still holds it is not known here.
            recently_used.values.put(key, value, KEPT_SECONDS)
    return value


def set_kept(key, value, timeout):
    """`set` for a key whose value never changes once stored."""
    set(key, value, timeout)
    recently_used.values.put(key, value, timeout)


def is_available() -> bool:
    """Whether the last call reached the cache (or none has failed yet)."""
    return _down_until is None


def forget_outage() -> None:
    """Try the cache again at the next call (tests start each from scratch)."""
    global _down_until
    _down_until = None
