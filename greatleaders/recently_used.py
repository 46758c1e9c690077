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
import threading
import time
from collections import OrderedDict

from django.conf import settings


class RecentlyUsed:
    """Values are kept pickled, so that each use gets a copy of its own, up
    to CACHE_LOCAL_MB in all."""

    def __init__(self):
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @staticmethod
    def in_use() -> bool:
        backend = settings.CACHES["default"]["BACKEND"]
        return settings.CACHE_LOCAL_MB > 0 and not backend.endswith("LocMemCache")

    def get(self, key: str):
        """The value kept under `key`, or None."""
        if not self.in_use():
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires_at, data = item
            if time.time() >= expires_at:
                self._drop(key)
                return None
            self._items.move_to_end(key)
        return pickle.loads(data)

    def put(self, key: str, value, timeout: float) -> None:
        if not self.in_use():
            return
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        limit = settings.CACHE_LOCAL_MB * 1024 * 1024
        if len(data) > limit:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.time() + timeout, data)
            self._size += len(data)
            while self._size > limit:
                self._drop(next(iter(self._items)))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def _drop(self, key: str) -> None:
        _, data = self._items.pop(key)
        self._size -= len(data)


values = RecentlyUsed()
