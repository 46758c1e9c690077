"""The cache the processes of one machine share when there is no Redis.

The app server's workers, the commands run beside them (an import, a
fixture, `expire_pages`) and the development server must see the same
versions of what pages show, or a change made by one would not reach the
pages another serves. Unless REDIS_URL names a shared cache, they keep it
in Django's database cache, in an SQLite file of its own in DJANGO_CACHE_DIR
(`var/cache/` in the project by default). Processes started otherwise (the
test suite) keep theirs in memory.

Django's cache in files lists its whole folder on every write: with the
pages and versions of a 10,000-post blog (some 20,000 files) a write took
30 ms, and a page the cache lacked cost ten of them. The database cache
writes a row, indexed by its key, in about a millisecond.
"""

import os
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "cache"


def share_in_files() -> None:
    """Called by manage.py and gunicorn.conf.py before the settings load."""
    if not os.environ.get("REDIS_URL"):
        os.environ.setdefault("DJANGO_CACHE_DIR", str(DEFAULT_DIR))


def create_cache_table(**kwargs) -> None:
    """Make the cache's table if it is not there yet: after `migrate`, and
    as gunicorn starts. It changes nothing once made."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    if "cache" not in settings.DATABASES:
        return
    Path(settings.CACHE_DIR).mkdir(parents=True, exist_ok=True)
    call_command("createcachetable", database="cache", verbosity=0)
    connections["cache"].close()


class CacheDatabaseRouter:
    """Sends Django's database cache, and nothing else, to the `cache`
    database."""

    def db_for_read(self, model, **hints):
        return "cache" if model._meta.app_label == "django_cache" else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        if app_label == "django_cache" or db == "cache":
            return app_label == "django_cache" and db == "cache"
        return None
