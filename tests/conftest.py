import pytest
from django.conf import settings
from django.core.cache import cache

from greatleaders import generation_notices, recently_used, shared_cache
from tests.servers import collect_static, require_postgres_and_redis


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Pages name static files through the manifest in production; tests
    # render them without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory
):
    """Browser tests reach the database from the live server's threads. An
    SQLite file, unlike the default in-memory database, lets each thread
    open its own connection instead of sharing one across threads."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Most tests read pages as they render; tests of the page cache turn it
    # on with the `page_cache` fixture.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_fragment_cache(settings):
    # Likewise for the parts of pages (see greatleaders.fragments): tests of
    # the fragment cache turn it on with the `fragment_cache` fixture.
    settings.FRAGMENT_CACHE_SECONDS = 0


def empty_reachable_cache():
    """Every cache empty, with the shared cache reachable, for the test
    that runs in it."""
    shared_cache.forget_outage()
    cache.clear()
    recently_used.values.clear()
    # The generation this process holds was in the cache just emptied.
    if notices := generation_notices.listener():
        notices.forget()
    yield
    shared_cache.forget_outage()


@pytest.fixture
def fragment_cache(settings):
    """The fragment cache on, empty, with the shared cache reachable."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    yield from empty_reachable_cache()


@pytest.fixture
def page_cache(settings):
    """The page cache on, empty, with the shared cache reachable."""
    settings.PAGE_CACHE_SECONDS = 600
    yield from empty_reachable_cache()


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Runs a change to the content and commits it, as a request would."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            write()

    return run


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected and compressed as for production, once."""
    target = tmp_path_factory.mktemp("static")
    collect_static(target)
    return target


@pytest.fixture(scope="session")
def postgres_and_redis():
    """Skip unless the suite runs on PostgreSQL with the Redis cache."""
    require_postgres_and_redis()
