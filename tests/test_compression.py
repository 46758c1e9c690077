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

    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert "The Secret Speech" in gzip.decompress(response.content).decode()


def test_a_client_that_accepts_no_compression_gets_the_page_plain(client):
    post = PostFactory(title="The Secret Speech")
    client.get(post.get_absolute_url(), headers=BROWSER)

    response = client.get(post.get_absolute_url())

    assert not response.has_header("Content-Encoding")
    assert "The Secret Speech" in response.content.decode()


def test_every_browser_gets_the_same_gzipped_bytes_of_a_kept_page(client):
    # Compressed once as the page is kept, not per request: Django's gzip adds
    # random bytes each time it compresses, against BREACH on private pages.
    post = PostFactory(title="The Secret Speech")

    sent = [client.get(post.get_absolute_url(), headers=BROWSER) for _ in range(3)]

    assert [response["X-Page-Cache"] for response in sent] == ["miss", "hit", "hit"]
    assert len({response.content for response in sent}) == 1
    assert len({response["ETag"] for response in sent}) == 1


def test_the_gzipped_page_has_a_tag_of_its_own(client):
    post = PostFactory(title="The Secret Speech")
    plain = client.get(post.get_absolute_url())

    gzipped = client.get(post.get_absolute_url(), headers=BROWSER)

    assert gzipped["X-Page-Cache"] == "hit"
    assert gzipped["ETag"] == f"W/{plain['ETag']}"
    assert int(gzipped["Content-Length"]) == len(gzipped.content)
    not_modified = client.get(
        post.get_absolute_url(),
        headers={**BROWSER, "if-none-match": gzipped["ETag"]},
    )
    assert not_modified.status_code == 304
