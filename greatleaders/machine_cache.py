"""The cache the processes of one machine share when there is no Redis.

The app server's workers, the commands run beside them (an import, a
fixture, `expire_pages`) and the development server must see the same
versions of what pages show, or a change made by one would not reach the
pages another serves. Unless REDIS_URL names a shared cache, they keep it
with diskcache (SQLite files safe for many processes) in DJANGO_CACHE_DIR,
`var/cache/` in the project by default. Processes started otherwise (the
test suite) keep theirs in memory.

Django's own caches were tried first: its cache in files lists its whole
folder on every write (30 ms with a 10,000-post blog's pages and versions),
and its database cache counts its whole table before every write and
decodes base64 on every read (120 µs a read; diskcache takes 30).
"""

import os
from pathlib import Path

from diskcache import DjangoCache

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "cache"


def share_in_files() -> None:
    """Called by manage.py and gunicorn.conf.py before the settings load."""
    if not os.environ.get("REDIS_URL"):
        os.environ.setdefault("DJANGO_CACHE_DIR", str(DEFAULT_DIR))


class MachineCache(DjangoCache):
    """diskcache's Django cache, its connections kept open between requests,
    as Django keeps the database's: Django closes every cache as a request
    ends, and opening diskcache's files again cost each request 4 ms."""

    def close(self, **kwargs):
        pass
