"""The README's nginx cache configuration (deploy/nginx/), run with stock
nginx in front of an app server: pages for anonymous readers are kept and
served by nginx, everyone else passes through, and a change shows within
the shared lifetime the app gives its pages."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.commenting import comment_data
from tests.factories import CommentFactory, PostFactory
from tests.nginx import Nginx, nginx_binary
from tests.servers import ROOT, AppServer, Visitor

pytestmark = pytest.mark.servers

SHARED_SECONDS = 2


@pytest.fixture
def nginx(transactional_db, collected_static, tmp_path):
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is needed in CI (apt-get install nginx)")
        pytest.skip("nginx is not installed")
    if connection.vendor != "sqlite":
        pytest.skip("one machine's set-up: the suite on SQLite")
    app = AppServer.start(
        {
            "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
            "DJANGO_STATIC_ROOT": str(collected_static),
            "GREATLEADERS_HTTP_CACHE_SECONDS": str(SHARED_SECONDS),
            "REDIS_URL": "",
        },
        tmp_path,
    )
    front = Nginx(app.url, tmp_path / "nginx")
    # A command run beside the app server shares its cache, as on one machine.
    front.environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "REDIS_URL": "",
    }
    yield front
    front.stop()
    app.stop()


def cache_status(answer):
    return answer.headers.get("X-Cache-Status")


def test_an_anonymous_readers_page_is_served_by_nginx_the_second_time(nginx):
    post = PostFactory(title="The Secret Speech")

    first = Visitor(nginx.url).get(post.get_absolute_url())
    second = Visitor(nginx.url).get(post.get_absolute_url())

    assert cache_status(first) == "MISS"
    assert cache_status(second) == "HIT"
    assert second.text == first.text
    assert "The Secret Speech" in second.text


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=abc", "comment_author=abc", "comment_held=abc", "a=1; sessionid=x"],
)
def test_readers_with_a_cookie_of_their_own_pass_through(nginx, cookie):
    post = PostFactory()
    Visitor(nginx.url).get(post.get_absolute_url())

    answer = Visitor(nginx.url).get(post.get_absolute_url(), {"Cookie": cookie})

    assert cache_status(answer) == "BYPASS"


def test_a_cookie_of_no_account_does_not_keep_a_reader_from_the_kept_page(nginx):
    post = PostFactory()
    Visitor(nginx.url).get(post.get_absolute_url())

    answer = Visitor(nginx.url).get(post.get_absolute_url(), {"Cookie": "theme=dark"})

    assert cache_status(answer) == "HIT"


def test_a_page_that_sets_a_cookie_is_never_kept(nginx):
    Visitor(nginx.url).get("/admin/login/")

    answer = Visitor(nginx.url).get("/admin/login/")

    assert cache_status(answer) != "HIT"
    assert "Set-Cookie" in answer.headers


def test_a_comment_passes_through_and_shows_within_the_shared_lifetime(nginx):
    post = PostFactory()
    # A commenter the site knows, whose comments need no moderation.
    CommentFactory(author_name="Nina Petrovna", author_email="nina@example.com")
    text = "Posted through nginx."
    Visitor(nginx.url).get(post.get_absolute_url())

    sent = Visitor(nginx.url).post(post.get_absolute_url(), comment_data(text=text))
    shown = wait_for(nginx, post.get_absolute_url(), text)

    assert sent.status == 302
    assert shown <= SHARED_SECONDS + 2


def test_an_edit_shows_behind_nginx_within_the_shared_lifetime(nginx):
    post = PostFactory(title="First title")
    Visitor(nginx.url).get(post.get_absolute_url())
    assert cache_status(Visitor(nginx.url).get(post.get_absolute_url())) == "HIT"

    retitle = (
        "from posts.models import Post; "
        f"post = Post.objects.get(pk={post.pk}); "
        "post.title = 'Second title'; post.save()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", retitle],
        cwd=ROOT,
        env=nginx.environment,
        check=True,
        timeout=60,
    )
    shown = wait_for(nginx, post.get_absolute_url(), "Second title")

    assert shown <= SHARED_SECONDS + 2


def wait_for(nginx, path, text, limit=10.0) -> float:
    """Seconds until `text` shows at `path` for a new reader."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if text in Visitor(nginx.url).get(path).text:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not show at {path} within {limit} s")


@pytest.mark.parametrize("name", ["cache.conf", "proxy.conf"])
def test_the_readme_quotes_the_tested_configuration_as_it_is(name):
    from tests.nginx import CONFIG

    readme = (ROOT / "README.md").read_text()

    assert (CONFIG / name).read_text().rstrip() in readme


def test_nginx_never_gives_a_reader_an_encoding_they_did_not_ask_for(nginx):
    post = PostFactory(title="The Secret Speech")
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    Visitor(nginx.url).get(post.get_absolute_url(), browser)

    plain = Visitor(nginx.url).get(post.get_absolute_url())
    compressed = Visitor(nginx.url).get(post.get_absolute_url(), browser)

    assert "Content-Encoding" not in plain.headers
    assert "The Secret Speech" in plain.text
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert cache_status(compressed) == "HIT"


def test_browsers_that_write_accept_encoding_differently_share_one_kept_page(nginx):
    post = PostFactory(title="The Secret Speech")
    Visitor(nginx.url).get(post.get_absolute_url(), {"Accept-Encoding": "gzip"})

    other = Visitor(nginx.url).get(
        post.get_absolute_url(), {"Accept-Encoding": "deflate, gzip;q=1.0, *;q=0.5"}
    )
    plain = Visitor(nginx.url).get(
        post.get_absolute_url(), {"Accept-Encoding": "identity"}
    )

    assert cache_status(other) == "HIT"
    assert other.headers["Content-Encoding"] == "gzip"
    assert cache_status(plain) == "MISS"
    assert "Content-Encoding" not in plain.headers
    assert "The Secret Speech" in plain.text
