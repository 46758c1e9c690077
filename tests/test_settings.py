"""Settings read from the environment, checked in fresh processes because the
settings module is read once, at start-up."""

import json
import os
import secrets
import subprocess
import sys

import pytest

from tests.servers import ROOT

PRODUCTION = {
    "DJANGO_HTTPS": "1",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_EMAIL_HOST": "smtp.example.com",
    "GREATLEADERS_SITE_URL": "https://greatleaders.example",
}

# Prints what a visitor of the admin log-in page over HTTPS gets.
LOGIN_PAGE_HEADERS = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/admin/login/", secure=True, headers={"host": "greatleaders.example"})
cookies = [
    {"name": cookie.key, **{key: cookie[key] for key in ("secure", "httponly", "samesite")}}
    for cookie in response.cookies.values()
]
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "cookies": cookies,
}))
"""


def run(args, **env):
    # The variables under test start unset (and the browser tests' switch
    # for their event loop, which the deployment checks rightly flag); no
    # database is needed.
    unset = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={
            **base,
            "DATABASE_URL": "sqlite://:memory:",
            "DJANGO_SETTINGS_MODULE": "greatleaders.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], DJANGO_HTTPS="1")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "key", ["too-short", "django-insecure-" + "x" * 60], ids=["short", "insecure"]
)
def test_production_refuses_a_weak_secret_key(key):
    result = run(["manage.py", "check"], DJANGO_HTTPS="1", DJANGO_SECRET_KEY=key)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_local_run_starts_with_the_development_key():
    result = run(["manage.py", "check"])

    assert result.returncode == 0, result.stderr


def test_debug_over_https_starts_with_the_development_key():
    result = run(["manage.py", "check"], DJANGO_HTTPS="1", DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_the_deployment_checks_find_nothing_with_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.fixture
def production(collected_static):
    """The production variables, with the static files collected."""
    return {**PRODUCTION, "DJANGO_STATIC_ROOT": str(collected_static)}


def test_https_pages_carry_hsts_and_an_upgrading_content_security_policy(production):
    result = run(["-c", LOGIN_PAGE_HEADERS], **production)
    headers = json.loads(result.stdout)["headers"]

    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]


def test_https_cookies_are_host_only_secure_httponly_and_same_site(production):
    result = run(["-c", LOGIN_PAGE_HEADERS], **production)
    [cookie] = json.loads(result.stdout)["cookies"]

    assert cookie == {
        "name": "__Host-csrftoken",
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
    }


def test_plain_http_is_redirected_to_https_in_production(production):
    script = LOGIN_PAGE_HEADERS.replace("secure=True", "secure=False")

    result = run(["-c", script], **production)

    assert json.loads(result.stdout)["status"] == 301


def test_the_site_answers_to_the_host_of_its_public_address():
    script = "import django; django.setup(); from django.conf import settings; print(settings.ALLOWED_HOSTS, settings.CSRF_TRUSTED_ORIGINS)"

    result = run(["-c", script], **PRODUCTION)

    assert "'greatleaders.example'" in result.stdout
    assert "['https://greatleaders.example']" in result.stdout


def test_a_postgres_database_gives_up_connecting_after_a_few_seconds():
    script = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"

    result = run(
        ["-c", script],
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/greatleaders",
        DJANGO_DB_CONNECT_TIMEOUT="2",
    )

    assert "'connect_timeout': 2" in result.stdout


def test_an_sqlite_database_lets_processes_read_while_one_writes(tmp_path):
    script = (
        "import django; django.setup(); from django.db import connection; "
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode'); "
        "print(cursor.fetchone()[0])"
    )

    result = run(["-c", script], DATABASE_URL=f"sqlite:///{tmp_path / 'blog.db'}")

    assert result.stdout.strip() == "wal"


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "LocMemCache"),
        ({"DJANGO_CACHE_DIR": "/tmp/cache"}, "MachineCache"),
        (
            {"DJANGO_CACHE_DIR": "/tmp/cache", "REDIS_URL": "redis://127.0.0.1/1"},
            "RedisCache",
        ),
    ],
)
def test_the_cache_is_redis_else_a_file_of_its_own_else_the_process_memory(
    env, backend
):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )

    result = run(["-c", script], **{"DJANGO_CACHE_DIR": "", "REDIS_URL": "", **env})

    assert result.stdout.strip().endswith(backend)


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"REDIS_URL": ""}, "MachineCache in var/cache"),
        ({"REDIS_URL": "redis://127.0.0.1/1"}, "RedisCache in"),
    ],
)
def test_commands_share_the_machines_cache_in_a_file_unless_there_is_redis(
    env, backend
):
    script = (
        "from django.conf import settings; cache = settings.CACHES['default']; "
        "print(cache['BACKEND'].rsplit('.')[-1], 'in', cache.get('LOCATION', ''))"
    )
    base = {
        key: value for key, value in os.environ.items() if key != "DJANGO_CACHE_DIR"
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )

    expected = backend.replace("var/cache", str(ROOT / "var" / "cache"))
    assert result.stdout.strip().splitlines()[-1].startswith(expected)


def test_a_site_on_sqlite_without_redis_never_loads_their_clients(
    tmp_path, collected_static
):
    # psycopg and Redis's client make each app server process about 15 MB
    # larger; a site on one box needs neither.
    script = """
import sys
import django
from django.core.management import call_command
from django.test import Client

django.setup()
call_command("migrate", verbosity=0)
call_command("loaddata", "khrushchev", verbosity=0)
client = Client(HTTP_HOST="localhost")
for path in ["/", "/2016/05/when-the-soviets-disowned-stalin/",
             "/search/?q=stalin", "/feed/", "/healthz"]:
    assert client.get(path).status_code == 200, path
print(sorted({name.split(".")[0] for name in sys.modules} & {"psycopg", "redis"}))
"""

    result = run(
        ["-c", script],
        DATABASE_URL=f"sqlite:///{tmp_path / 'blog.db'}",
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_STATIC_ROOT=str(collected_static),
        REDIS_URL="",
        GREATLEADERS_FRAGMENT_CACHE_SECONDS="600",
    )

    assert result.stdout.strip() == "[]", result.stderr


def test_the_machines_cache_is_shared_by_the_processes_of_the_machine(tmp_path):
    script = (
        "from django.core.cache import cache; cache.set('shared', 'yes', 60); "
        "print(cache.get('shared'))"
    )
    env = {
        **os.environ,
        "REDIS_URL": "",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'blog.sqlite3'}",
    }

    def manage(*arguments):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    written = manage("shell", "-c", script)
    read = manage(
        "shell", "-c", "from django.core.cache import cache; print(cache.get('shared'))"
    )

    assert (tmp_path / "cache").is_dir()
    assert written.stdout.strip().splitlines()[-1] == "yes"
    assert read.stdout.strip().splitlines()[-1] == "yes"
