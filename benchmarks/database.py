"""The benchmark's own database and static files, never the developer's.

`sqlite`: a file under benchmarks/data/, with the cache in files beside it,
as on a single box. `postgres`: the `gl_bench` database with Redis database
5, as when scaling out. Both are dropped and made afresh on each seeding.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
CACHE_DIR = DATA / "cache"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")


@dataclass(frozen=True)
class Backend:
    name: str
    database_url: str
    redis_url: str = ""

    def environment(self) -> dict[str, str]:
        """What the app reads to use this backend (see the settings)."""
        return {
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "DJANGO_CACHE_DIR": "" if self.redis_url else str(CACHE_DIR),
            "DJANGO_STATIC_ROOT": str(DATA / "static"),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }


BACKENDS = {
    "sqlite": Backend("sqlite", f"sqlite:///{DATA / 'bench.sqlite3'}"),
    "postgres": Backend("postgres", f"{POSTGRES_SERVER}/gl_bench", REDIS_URL),
}


def recreate(backend: Backend) -> None:
    """Drop the backend's database if it is there and make an empty one.
    Runs before Django opens any connection to it."""
    DATA.mkdir(parents=True, exist_ok=True)
    if backend.name == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(urlsplit(backend.database_url).path + suffix).unlink(missing_ok=True)
        return
    import psycopg

    name = urlsplit(backend.database_url).path.lstrip("/")
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def exists(backend: Backend) -> bool:
    if backend.name == "sqlite":
        return Path(urlsplit(backend.database_url).path).exists()
    import psycopg

    name = urlsplit(backend.database_url).path.lstrip("/")
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres") as admin:
        found = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return found is not None


def clear_cache(backend: Backend) -> None:
    """Empty the backend's cache, so that each mode starts cold."""
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    if backend.redis_url:
        import redis

        redis.Redis.from_url(backend.redis_url).flushdb()
