"""The CSRF tokens that pages shared between visitors carry."""

import re
from collections import Counter
from http import HTTPStatus

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client

from greatleaders.shared_csrf import random_chars
from posts.models import Comment
from tests.commenting import comment_data
from tests.factories import PostFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def post(db, page_cache):
    """A post whose page comes from the page cache from the second visit on."""
    return PostFactory()


def test_every_character_of_a_token_is_equally_likely():
    drawn = Counter(random_chars(248_000))
    # Taking bytes modulo 62 without dropping any would make the first
    # eight characters a quarter more likely than the rest.
    first_eight = sum(drawn[char] for char in CSRF_ALLOWED_CHARS[:8])

    assert set(drawn) == set(CSRF_ALLOWED_CHARS)
    assert abs(first_eight / 32_000 - 1) < 0.03


def test_a_returning_visitor_keeps_their_secret_under_a_new_mask(post):
    browser = Client(enforce_csrf_checks=True)
    first = browser.get(post.get_absolute_url())
    secret = browser.cookies["csrftoken"].value

    second = browser.get(post.get_absolute_url())
    tokens = [TOKEN.search(page.text)[1] for page in (first, second)]
    response = browser.post(
        post.get_absolute_url(), comment_data(csrfmiddlewaretoken=tokens[1])
    )

    assert tokens[0] != tokens[1]
    assert [_unmask_cipher_token(token) for token in tokens] == [secret, secret]
    assert browser.cookies["csrftoken"].value == secret
    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.filter(post=post).exists()


def test_a_token_from_another_visitors_page_is_refused(post):
    reader, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    reader.get(post.get_absolute_url())
    token = TOKEN.search(other.get(post.get_absolute_url()).text)[1]

    response = reader.post(
        post.get_absolute_url(), comment_data(csrfmiddlewaretoken=token)
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Comment.objects.filter(post=post).exists()
