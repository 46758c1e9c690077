"""Pages are sent compressed to browsers that accept it (Lighthouse's "enable
text compression"), from the page cache too, and plain to any other client."""

import gzip

import pytest

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

BROWSER = {"accept-encoding": "gzip, deflate, br, zstd"}


def test_a_page_is_sent_gzipped_to_a_browser_that_accepts_it(client):
    post = PostFactory(title="The Secret Speech")

    response = client.get(post.get_absolute_url(), headers=BROWSER)

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "The Secret Speech" in gzip.decompress(response.content).decode()


def test_a_page_kept_in_the_page_cache_is_sent_gzipped_too(client):
    post = PostFactory(title="The Secret Speech")
    client.get(post.get_absolute_url())

    response = client.get(post.get_absolute_url(), headers=BROWSER)

    assert response["Content-Encoding"] == "gzip"
    assert "The Secret Speech" in gzip.decompress(response.content).decode()


def test_a_client_that_accepts_no_compression_gets_the_page_plain(client):
    post = PostFactory(title="The Secret Speech")
    client.get(post.get_absolute_url(), headers=BROWSER)

    response = client.get(post.get_absolute_url())

    assert not response.has_header("Content-Encoding")
    assert "The Secret Speech" in response.content.decode()
