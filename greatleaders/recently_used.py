"""This process's own copies of values from the shared cache that never
change once stored, the least recently used dropped first.

Pages and fragments are stored under keys that name their content
generation (see `content_generation`): what a key holds is never replaced,
only left behind when the generation ends. A process may therefore keep
those it used last and skip the shared cache for them; only the generation
itself must be read from the shared cache each time. Nothing is kept when
the shared cache already is this process's memory.
"""

import pickle
import sys
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.signals import setting_changed

# Values no request can change: kept as they are rather than pickled.
IMMUTABLE = (str, bytes)


class RecentlyUsed:
    """Values are kept pickled, so that each use gets a copy of its own
    (text, which no one can change, as it is), up to CACHE_LOCAL_MB in all."""

    def __init__(self):
        self._items: OrderedDict[str, tuple[float, object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._limit: int | None = None
        setting_changed.connect(self._settings_changed, weak=False)

    def limit(self) -> int:
        """The bytes that may be kept: none when the cache is in memory."""
        if self._limit is None:
            backend = settings.CACHES["default"]["BACKEND"]
            in_memory = backend.endswith("LocMemCache")
            self._limit = 0 if in_memory else settings.CACHE_LOCAL_MB * 1024 * 1024
        return self._limit

    def get(self, key: str):
        """The value kept under `key`, or None."""
        if not self.limit():
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires_at, data, _ = item
            if time.time() >= expires_at:
                self._drop(key)
                return None
            self._items.move_to_end(key)
        return data if isinstance(data, IMMUTABLE) else pickle.loads(data.obj)

    def put(self, key: str, value, timeout: float) -> None:
        limit = self.limit()
        if not limit:
            return
        if isinstance(value, IMMUTABLE):
            data, size = value, sys.getsizeof(value)
        else:
            pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            data, size = Pickled(pickled), len(pickled)
        if size > limit:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.time() + timeout, data, size)
            self._size += size
            while self._size > limit:
                self._drop(next(iter(self._items)))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def _drop(self, key: str) -> None:
        *_, size = self._items.pop(key)
        self._size -= size

    def _settings_changed(self, setting, **kwargs):
        if setting in {"CACHES", "CACHE_LOCAL_MB"}:
            self._limit = None
            self.clear()


class Pickled:
    """A value kept pickled, told apart from bytes kept as they are."""

    __slots__ = ("obj",)

    def __init__(self, obj: bytes):
        self.obj = obj


values = RecentlyUsed()
