"""Kept pages answered before Django makes a request of them
(greatleaders.page_cache.answer_kept_pages): the same answer as Django's,
given only when Django would give it from the cache as it stands."""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.signals import request_started
from django.core.wsgi import get_wsgi_application

from greatleaders.models import MissedExpiry
from greatleaders.page_cache import (
    LOOKED_UP,
    STATUS_HEADER,
    forget_outage,
    post_tag,
)
from posts.models import Post
from tests.factories import PostFactory
from tests.wsgi_requests import send

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "testserver"}


@pytest.fixture
def post():
    return PostFactory(title="The Secret Speech")


@contextmanager
def requests_django_saw():
    seen = []

    def note(**kwargs):
        seen.append(kwargs)

    request_started.connect(note)
    try:
        yield seen
    finally:
        request_started.disconnect(note)


def kept(path, **environ):
    """`path` read until the cache keeps it."""
    first = send(path=path, **HOST, **environ)
    assert first.headers.get(STATUS_HEADER) == "miss"


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"},
        {"wsgi.url_scheme": "https", "SERVER_PORT": "443"},
    ],
    ids=["plain", "gzipped", "https"],
)
@pytest.mark.parametrize("path", ["/", "post", "/feed/"])
def test_a_kept_page_is_answered_before_django_as_django_answers_it(
    post, settings, environ, path
):
    settings.SECURE_HSTS_SECONDS = 3600
    path = post.get_absolute_url() if path == "post" else path
    kept(path, **environ)

    with requests_django_saw() as seen:
        front = send(path=path, **HOST, **environ)
    assert not seen
    # A handler of its own, which loads its middleware with these settings.
    django = send(path=path, to=get_wsgi_application(), **HOST, **environ)

    assert front.status_code == django.status_code == 200
    assert list(front.headers.items()) == list(django.headers.items())
    assert front.content == django.content
    assert front.headers[STATUS_HEADER] == "hit"
    assert front.headers["X-Content-Type-Options"] == "nosniff"
    secure = environ.get("wsgi.url_scheme") == "https"
    assert ("Strict-Transport-Security" in front.headers) is secure


@pytest.mark.parametrize(
    "method, environ, status",
    [
        ("HEAD", {}, 200),
        ("GET", {"HTTP_COOKIE": "comment_author=Nikita"}, 200),
        ("GET", {"HTTP_COOKIE": "sessionid=abc"}, 200),
        ("GET", {"HTTP_AUTHORIZATION": "Basic YTpi"}, 200),
        ("GET", {"HTTP_USER_AGENT": "probe\x00"}, 400),
        ("GET", {"CONTENT_TYPE": "text/plain; charset=rot13"}, 400),
        ("GET", {"HTTP_HOST": "evil.example"}, 400),
    ],
    ids=[
        "head",
        "saved comment details",
        "session",
        "credentials",
        "nul in a header",
        "unreadable content type",
        "host not allowed",
    ],
)
def test_requests_the_cache_does_not_answer_as_it_stands_go_to_django(
    post, method, environ, status
):
    kept(post.get_absolute_url())

    with requests_django_saw() as seen:
        answer = send(method, post.get_absolute_url(), **{**HOST, **environ})

    assert len(seen) == 1
    assert answer.status_code == status


def test_a_browser_revalidating_its_copy_gets_304_from_django(post):
    kept(post.get_absolute_url())
    etag = send(path=post.get_absolute_url(), **HOST).headers["ETag"]

    with requests_django_saw() as seen:
        answer = send(path=post.get_absolute_url(), HTTP_IF_NONE_MATCH=etag, **HOST)

    assert len(seen) == 1
    assert answer.status_code == 304


def test_a_kept_page_is_not_answered_while_a_missed_expiry_may_wait(post, settings):
    kept(post.get_absolute_url())
    # A change whose expiry the cache missed: it waits in the database.
    Post.objects.filter(pk=post.pk).update(title="The Thaw")
    MissedExpiry.objects.create(tag=post_tag(post.pk))
    settings.PAGE_CACHE_FAULT_CHECK_SECONDS = 0
    forget_outage()

    answer = send(path=post.get_absolute_url(), **HOST)

    assert answer.headers.get(STATUS_HEADER) != "hit"
    assert "The Thaw" in answer.text
    assert "The Secret Speech" not in answer.text
    assert not MissedExpiry.objects.exists()


def test_a_miss_is_rendered_by_django_and_kept_for_the_next_reader(post):
    with requests_django_saw() as seen:
        first = send(path=post.get_absolute_url(), **HOST)
        second = send(path=post.get_absolute_url(), **HOST)

    assert len(seen) == 1
    assert first.headers[STATUS_HEADER] == "miss"
    assert second.headers[STATUS_HEADER] == "hit"
    assert second.content == first.content


class Unreadable:
    """A cache entry that cannot be read back, as a damaged one."""

    def __reduce__(self):
        return (_fail_to_read, ())


def _fail_to_read():
    raise ValueError("damaged entry")


def test_a_kept_page_that_cannot_be_read_gets_the_sites_error_page(post):
    first = send(path=post.get_absolute_url(), **HOST)
    key, _ = first.environ[LOOKED_UP]
    cache.set(key, Unreadable())

    answer = send(path=post.get_absolute_url(), **HOST)

    assert answer.status_code == 500
    assert "Something went wrong" in answer.text
    assert "Traceback" not in answer.text
