"""How far the worker has read an uploaded export, for the admin's page.

Kept in the cache, not on the import's row: the import writes inside one
transaction, which other connections cannot see into until it ends (and on
SQLite, no other connection may write while it runs)."""

from django.core.cache import cache

# Long enough for the largest import; the page stops asking once it ends.
KEPT_SECONDS = 24 * 60 * 60


def _key(pk: int) -> str:
    return f"wordpress-import:{pk}:progress"


class Recorder:
    """Stores `done` out of `total` bytes for import `pk`, once a percent."""

    def __init__(self, pk: int):
        self.key = _key(pk)
        self.percent = -1

    def __call__(self, done: int, total: int) -> None:
        percent = min(100, done * 100 // total) if total else 0
        if percent != self.percent:
            self.percent = percent
            cache.set(self.key, [done, total], KEPT_SECONDS)


def read(pk: int) -> tuple[int, int] | None:
    """The bytes read and the file's size, or None before reading starts."""
    stored = cache.get(_key(pk))
    return tuple(stored) if stored else None


def forget(pk: int) -> None:
    cache.delete(_key(pk))
