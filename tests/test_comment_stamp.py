"""The comment form's time trap on pages shared by every reader: the form
arrives without a stamp, the page's script fetches one when the reader
starts writing, and a form sent without one is shown back to confirm."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from greatleaders.page_cache import STATUS_HEADER
from posts.comments.form import seconds_since
from posts.comments.submission import CONFIRM
from posts.models import Comment
from tests.commenting import comment_data
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

STAMP_URL = "/comments/stamp/"


@pytest.fixture
def post():
    post = PostFactory()
    # A commenter the site knows: only the time trap decides.
    CommentFactory(author_name="Nina Petrovna", author_email="nina@example.com")
    return post


def stamp_in(html: str) -> str | None:
    found = re.search(r'name="issued" value="([^"]+)"', html)
    return found[1] if found else None


def form_from_a_kept_page(post) -> dict:
    """What a script copies out of the shared page: every field as served."""
    Client().get(post.get_absolute_url())
    page = Client().get(post.get_absolute_url())
    assert page.headers[STATUS_HEADER] == "hit"
    return comment_data(issued=stamp_in(page.text) or "")


def test_a_shared_page_carries_no_stamp_but_says_where_to_fetch_one(client, post):
    page = client.get(post.get_absolute_url())

    assert stamp_in(page.text) is None
    assert f'data-stamp-url="{STAMP_URL}"' in page.text
    assert "js/comment-stamp.js" in page.text


def test_the_stamp_is_fresh_for_each_request_and_never_kept(client):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        first = client.get(STAMP_URL)
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        second = client.get(STAMP_URL)
        ages = [seconds_since(r.json()["issued"]) for r in (first, second)]

    assert ages == [5, 0]
    assert "no-store" in second.headers["Cache-Control"]
    assert STATUS_HEADER not in second.headers


def test_a_script_posting_a_form_copied_from_a_kept_page_at_once_is_caught(
    client, post
):
    form = form_from_a_kept_page(post)

    response = client.post(post.get_absolute_url(), form, REMOTE_ADDR="203.0.113.5")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Comment.objects.filter(post=post).exists()


def test_a_script_that_fetches_a_stamp_and_posts_at_once_is_marked_as_spam(
    client, post
):
    form = form_from_a_kept_page(post)
    form["issued"] = client.get(STAMP_URL).json()["issued"]

    client.post(post.get_absolute_url(), form, REMOTE_ADDR="203.0.113.6")

    assert Comment.objects.get(post=post).status == Comment.Status.SPAM


def test_a_reader_whose_script_fetched_the_stamp_is_published(client, post):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        form = form_from_a_kept_page(post)
        form["issued"] = client.get(STAMP_URL).json()["issued"]

    with time_machine.travel(start + timedelta(seconds=40), tick=False):
        response = client.post(post.get_absolute_url(), form, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.get(post=post).status == Comment.Status.APPROVED


def test_without_javascript_the_form_comes_back_as_typed_to_confirm(client, post):
    form = form_from_a_kept_page(post) | {"text": "Typed without a script."}

    response = client.post(post.get_absolute_url(), form, REMOTE_ADDR="203.0.113.8")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert CONFIRM in response.text
    assert "Typed without a script." in response.text
    assert 'value="Nina Petrovna"' in response.text
    assert stamp_in(response.text)
    assert STATUS_HEADER not in response.headers


@pytest.mark.parametrize(
    ("seconds_later", "status"),
    [(30, Comment.Status.APPROVED), (1, Comment.Status.SPAM)],
)
def test_confirming_is_timed_from_when_the_form_came_back(
    client, post, seconds_later, status
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        returned = client.post(
            post.get_absolute_url(),
            form_from_a_kept_page(post),
            REMOTE_ADDR="203.0.113.9",
        )

    with time_machine.travel(start + timedelta(seconds=seconds_later), tick=False):
        client.post(
            post.get_absolute_url(),
            comment_data(issued=stamp_in(returned.text)),
            REMOTE_ADDR="203.0.113.9",
        )

    assert Comment.objects.get(post=post).status == status


def test_a_page_of_the_readers_own_carries_its_stamp(client, post):
    client.post(
        post.get_absolute_url(),
        comment_data(save_details="on"),
        REMOTE_ADDR="203.0.113.10",
    )

    page = client.get(post.get_absolute_url())

    assert 'value="Nina Petrovna"' in page.text
    assert seconds_since(stamp_in(page.text)) < 2
