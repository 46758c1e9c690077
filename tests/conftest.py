import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.backends import jinja2
from django.test import Client
from django.test.signals import template_rendered
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from greatleaders import page_cache, unavailable
from tests.factories import UserFactory
from tests.servers import (
    collect_static,
    database_url_for_servers,
    require_postgres_and_redis,
)

# Fuzz tests (tests/fuzz/) try a few examples each in the suite, the same
# ones every run; HYPOTHESIS_PROFILE=fuzz (`make fuzz`) tries many more, new
# ones each run. Examples share their test's database and fixtures.
_FUZZ = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
    ],
}
hypothesis_settings.register_profile(
    "suite", max_examples=12, derandomize=True, database=None, **_FUZZ
)
hypothesis_settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "500")), **_FUZZ
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


@pytest.fixture(autouse=True, scope="session")
def _jinja2_contexts_in_responses():
    """Django's test client records the context of the templates a response
    rendered (`response.context`) for its own template language only: the
    theme's Jinja2 templates report theirs the same way."""
    render = jinja2.Template.render

    def render_and_report(self, context=None, request=None):
        html = render(self, context, request)
        template_rendered.send(sender=self, template=self, context=context or {})
        return html

    jinja2.Template.render = render_and_report
    yield
    jinja2.Template.render = render


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
def _empty_cache(settings):
    """The page cache is on in every test, as in production, so that a page
    kept when it should not be fails a test; each test starts with it empty
    and reachable, and with the database reachable. Missed expiries are
    looked for only where a test asks (see greatleaders.page_cache): the
    look is a query, which would make query counts depend on the clock."""
    settings.PAGE_CACHE_FAULT_CHECK_SECONDS = 3600
    page_cache.forget_outage()
    unavailable.forget_database_failure()
    cache.clear()
    yield
    page_cache.forget_outage()
    unavailable.forget_database_failure()


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


@pytest.fixture
def shared_data(request, tmp_path):
    """What the two servers share, for the database the suite runs on."""
    if connection.vendor == "sqlite":
        return {
            "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
            "DJANGO_CACHE_DIR": str(tmp_path / "shared-cache"),
            "REDIS_URL": "",
        }
    request.getfixturevalue("postgres_and_redis")
    return {"DATABASE_URL": database_url_for_servers(), "REDIS_URL": settings.REDIS_URL}


@pytest.fixture
def editor():
    """A member of staff with every permission, for the admin's tests."""
    return UserFactory(staff=True, username="editor")


@pytest.fixture
def admin_client(editor):
    """The editor, signed in on a client of their own, so that `client`
    stays an anonymous reader."""
    staff = Client()
    staff.force_login(editor)
    return staff
