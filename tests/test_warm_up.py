"""The work done once before gunicorn forks its workers, so that a new or
renewed worker compiles nothing while a visitor waits."""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.template import engines

from greatleaders.warm_up import warm_up
from tests.factories import CommentFactory, PostFactory, SeriesFactory
from tests.servers import require_postgres_and_redis

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db

PAGES = ["/", "/category/history/", "/search/?q=speech", "/series/"]


@pytest.fixture
def template_cache():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    yield loader.get_template_cache
    loader.reset()


def test_after_the_warm_up_pages_compile_no_template(client, template_cache):
    post = PostFactory(title="The Secret Speech", series=SeriesFactory())
    CommentFactory(post=post)
    warm_up()
    compiled = set(template_cache)

    for address in [post.get_absolute_url(), post.series.get_absolute_url(), *PAGES]:
        client.get(address)

    assert set(template_cache) == compiled


def test_the_warm_up_leaves_the_admin_to_its_first_request(template_cache):
    compiled = warm_up()

    assert "posts/post_detail.html" in compiled
    assert not [name for name in compiled if name.startswith("admin/")]


# An app server process as gunicorn makes it: the app loaded and warmed up
# before it forks, then readers' pages, each asked for twice (rendered, then
# from the page cache). Prints the modules the pages made it load.
WORKER = """
import io
import json
import sys

from greatleaders.wsgi import application
from greatleaders.warm_up import warm_up

warm_up()
loaded = set(sys.modules)


def get(path):
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "localhost", "SERVER_PORT": "80", "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
    }
    statuses = []
    b"".join(application(environ, lambda status, *_: statuses.append(status)))
    return statuses[0]


for path in ["/", "/2016/05/when-the-soviets-disowned-stalin/", "/category/history/",
             "/series/great-leaders/", "/search/?q=stalin", "/feed/"] * 2:
    assert get(path).startswith("200"), (path, get(path))
print(json.dumps(sorted(set(sys.modules) - loaded)))
"""


def run_python(args, env):
    unset = {"DJANGO_CACHE_DIR", "REDIS_URL", "DATABASE_URL"}
    base = {key: value for key, value in os.environ.items() if key not in unset}
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "greatleaders.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def modules_loaded_by_reading_pages(tmp_path, static_root, **env):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'blog.db'}",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_ALLOWED_HOSTS": "localhost",
        **env,
    }
    run_python(["manage.py", "migrate", "--verbosity", "0"], env)
    run_python(["manage.py", "loaddata", "khrushchev", "--verbosity", "0"], env)
    return json.loads(run_python(["-c", WORKER], env).splitlines()[-1])


def test_after_the_warm_up_reading_pages_loads_no_code(tmp_path, collected_static):
    loaded = modules_loaded_by_reading_pages(
        tmp_path, collected_static, DJANGO_CACHE_DIR=str(tmp_path / "cache")
    )

    assert loaded == []


def test_with_redis_its_client_is_loaded_before_the_workers_fork(
    tmp_path, collected_static, settings
):
    require_postgres_and_redis()
    # A database of its own, so that the suite's cache is left alone.
    redis_url = urllib.parse.urlsplit(settings.REDIS_URL)._replace(path="/15")

    loaded = modules_loaded_by_reading_pages(
        tmp_path, collected_static, REDIS_URL=redis_url.geturl()
    )

    assert loaded == []
