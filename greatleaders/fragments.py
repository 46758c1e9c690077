"""The fragment cache: parts of pages kept rendered in the shared cache.

The page cache serves whole pages to anonymous visitors only. Fragments serve
everyone, each page being put together for its visitor from parts that are
the same for all: a post's article, its comments, the menu. A page whose
parts are cached is still rendered for each request, with what is the
visitor's own (their form, their held comments, their CSRF token).

Fragments are kept under the current content generation (see
`content_generation`), as cached pages are: a change to any public content
retires them all at once, on every app server. FRAGMENT_CACHE_SECONDS = 0
turns the cache off; so does an unreachable shared cache, as fragments are
then computed for each request.

As a fragment's key names its generation, what is stored under a key never
changes. Where the shared cache is another server (Redis), each process
therefore also keeps the fragments it used last in its own memory, up to
FRAGMENT_CACHE_LOCAL_MB, and a request asks Redis only for the generation.
"""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict

from django.conf import settings

from greatleaders import content_generation, shared_cache


def key(name: str, vary_on) -> str | None:
    """The cache key of fragment `name` for the values in `vary_on`, or None
    when fragments are not being kept."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return None
    generation = content_generation.current()
    if not generation:
        return None
    values = "\x1f".join(str(value) for value in vary_on)
    digest = hashlib.md5(values.encode(), usedforsecurity=False).hexdigest()
    return f"fragment:{generation}:{name}:{digest}"


def get_or_compute(name: str, vary_on, compute):
    """Return fragment `name` for `vary_on` from the cache, or `compute()` it
    and keep it for the other requests of this generation."""
    fragment_key = key(name, vary_on)
    if fragment_key is None:
        return compute()
    kept = recent.get(fragment_key)
    if kept is not None:
        return pickle.loads(kept)
    value = shared_cache.get(fragment_key)
    if value is None:
        value = compute()
        shared_cache.set(fragment_key, value, settings.FRAGMENT_CACHE_SECONDS)
    recent.put(fragment_key, value)
    return value


class RecentFragments:
    """The fragments this process used last, pickled (so that each use gets
    its own copy), the least recently used dropped first."""

    def __init__(self):
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @staticmethod
    def in_use() -> bool:
        # A cache in this process's memory already is what this would be.
        backend = settings.CACHES["default"]["BACKEND"]
        return settings.FRAGMENT_CACHE_LOCAL_MB > 0 and not backend.endswith(
            "LocMemCache"
        )

    def get(self, fragment_key: str) -> bytes | None:
        if not self.in_use():
            return None
        with self._lock:
            item = self._items.get(fragment_key)
            if item is None:
                return None
            expires_at, data = item
            if time.monotonic() >= expires_at:
                self._drop(fragment_key)
                return None
            self._items.move_to_end(fragment_key)
            return data

    def put(self, fragment_key: str, value) -> None:
        if not self.in_use():
            return
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        limit = settings.FRAGMENT_CACHE_LOCAL_MB * 1024 * 1024
        if len(data) > limit:
            return
        expires_at = time.monotonic() + settings.FRAGMENT_CACHE_SECONDS
        with self._lock:
            if fragment_key in self._items:
                self._drop(fragment_key)
            self._items[fragment_key] = (expires_at, data)
            self._size += len(data)
            while self._size > limit:
                self._drop(next(iter(self._items)))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def _drop(self, fragment_key: str) -> None:
        _, data = self._items.pop(fragment_key)
        self._size -= len(data)


recent = RecentFragments()
