"""Django's cache in files (see machine_cache), opening a small file again
only when it has been replaced.

Every request reads the content generation, a small value that changes
rarely. A write replaces a file whole (a new file is renamed over the old),
so while a file keeps the identity it had when this process read it (inode,
change time, size), its content is what was read then, and one `stat` says
so.
"""

import os
import pickle
import threading
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache

# Larger values (pages, fragments) are kept by recently_used instead.
REMEMBERED_BYTES = 1024
REMEMBERED_FILES = 256


class RememberingFileBasedCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._read: dict[str, tuple[tuple, float | None, bytes]] = {}
        self._lock = threading.Lock()

    def get(self, key, default=None, version=None):
        path = self._key_to_file(key, version)
        try:
            identity = _identity(os.stat(path))
        except FileNotFoundError:
            return default
        remembered = self._read.get(path)
        if remembered is None or remembered[0] != identity:
            remembered = self._read_small(path)
            if remembered is None:
                return super().get(key, default, version)
        _, expires_at, data = remembered
        if expires_at is not None and expires_at < time.time():
            return super().get(key, default, version)
        return pickle.loads(data)

    def _read_small(self, path):
        try:
            with open(path, "rb") as file:
                identity = _identity(os.fstat(file.fileno()))
                if identity[2] > REMEMBERED_BYTES:
                    return None
                expires_at = pickle.load(file)
                data = zlib.decompress(file.read())
        except FileNotFoundError:
            return None
        remembered = (identity, expires_at, data)
        with self._lock:
            if len(self._read) >= REMEMBERED_FILES:
                self._read.clear()
            self._read[path] = remembered
        return remembered


def _identity(stat: os.stat_result) -> tuple:
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)
