"""A blog served below a path of a larger site (a proxy passing /blog/ as
SCRIPT_NAME) links its own pages below that path, request by request.

Django's test client leaves the script prefix alone, so these requests go
through the WSGI application as the app server sends them."""

import re

import pytest
from django.urls import reverse, set_script_prefix

from greatleaders.page_cache import STATUS_HEADER
from posts.addresses import address
from tests.factories import CategoryFactory, PostFactory
from tests.wsgi_requests import send

pytestmark = pytest.mark.django_db


def links(answer) -> set[str]:
    """The page's links to pages: static files' addresses are Django's
    storage's, worked out once per process."""
    return {
        link
        for link in re.findall(r'href="(/[^"]*)"', answer.text)
        if "/static/" not in link
    }


@pytest.fixture(autouse=True)
def prefix_restored():
    yield
    set_script_prefix("/")


@pytest.fixture
def post_path():
    """The post's address at the site's root."""
    history = CategoryFactory(name="History", slug="history")
    return PostFactory(title="The speech", categories=[history]).get_absolute_url()


def test_a_page_served_below_a_path_links_the_blog_below_it(post_path):
    answer = send(path="/", SCRIPT_NAME="/blog")

    assert answer.status_code == 200
    assert f"/blog{post_path}" in links(answer)
    assert "/blog/category/history/" in links(answer)
    assert "/category/history/" not in links(answer)


def test_each_request_links_below_its_own_path(post_path):
    send(path="/", SCRIPT_NAME="/blog")
    answer = send(path="/category/history/", SCRIPT_NAME="/archive")

    assert answer.status_code == 200
    assert f"/archive{post_path}" in links(answer)
    assert not any(link.startswith("/blog/") for link in links(answer))


def test_addresses_outside_a_request_follow_the_prefix_set_then(post_path):
    send(path="/", SCRIPT_NAME="/blog")
    set_script_prefix("/elsewhere/")

    assert address("posts:category", slug="history") == "/elsewhere/category/history/"
    assert address("posts:category", slug="history") == reverse(
        "posts:category", kwargs={"slug": "history"}
    )


def test_a_search_below_a_path_is_kept_as_one_at_the_root(post_path):
    search = {"path": "/search/", "query": "q=speech", "SCRIPT_NAME": "/blog"}
    first = send(**search)
    second = send(**search)

    assert first.headers[STATUS_HEADER] == "miss"
    assert second.headers[STATUS_HEADER] == "hit"
    assert f"/blog{post_path}" in links(second)
