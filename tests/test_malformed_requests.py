"""Requests no browser sends are refused with a 400 or a 404 page, never an
error, whatever database is behind (issue #20)."""

from http import HTTPStatus

import pytest
from django.test import Client

from greatleaders.malformed_requests import is_text_encoding
from posts.models import Comment
from tests.commenting import comment_data
from tests.factories import CategoryFactory, PostFactory
from tests.wsgi_requests import send

pytestmark = pytest.mark.django_db


def assert_themed_bad_request(response):
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Bad request" in response.text
    assert 'class="site-header"' in response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "address", ["/category/a%00b/", "/tag/%00/feed/", "/%00/", "/2016/05/a%00b/"]
)
def test_an_address_holding_a_nul_character_is_a_themed_404(client, address):
    CategoryFactory(slug="a")

    response = client.get(address)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.text


@pytest.mark.parametrize(
    "query", [{"tag": "\x00"}, {"q": "a\x00b"}, {"page": "\x00"}, {"\x00": "1"}]
)
def test_a_query_string_holding_a_nul_character_is_a_themed_400(client, query):
    response = client.get("/", query)

    assert_themed_bad_request(response)


def test_a_header_holding_a_nul_character_is_a_themed_400(client):
    response = client.get("/", headers={"user-agent": "Mozilla\x00"})

    assert_themed_bad_request(response)


def test_a_host_not_allowed_is_a_themed_400():
    response = Client().get("/", headers={"host": "elsewhere.example"})

    assert_themed_bad_request(response)


@pytest.mark.parametrize(
    "charset", ["base64", "rot13", "hex", "zlib", "uu", "undefined", "idna", "nonsense"]
)
def test_a_comment_sent_in_no_text_encoding_is_a_400_and_nothing_is_stored(charset):
    post = PostFactory()

    answer = send(
        "POST",
        post.get_absolute_url(),
        body=b"text=Hello&author_name=Nina&author_email=nina%40example.com",
        CONTENT_TYPE=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert_themed_bad_request(answer)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain; charset=rot13",
        "text/plain; charset*=nonsense''x",
        "text/plain; charset*=undefined''x",
        "text/plain; charset=a\x00b",
        "text/plain; a=" + "x" * 10_000,
    ],
)
def test_a_page_asked_for_with_an_unreadable_content_type_is_a_400(content_type):
    answer = send("GET", "/", query="page=2", CONTENT_TYPE=content_type)

    assert_themed_bad_request(answer)


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "utf-32", "utf-8"])
def test_a_comment_sent_in_another_text_encoding_is_refused_not_an_error(charset):
    post = PostFactory()

    answer = send(
        "POST",
        post.get_absolute_url(),
        body="text=Hello&author_name=Nina".encode(charset),
        CONTENT_TYPE=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert answer.status_code == HTTPStatus.BAD_REQUEST
    assert not Comment.objects.exists()


def test_a_multipart_comment_in_no_text_encoding_is_a_400(client):
    post = PostFactory()
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nHello\r\n--b--\r\n'
    )

    answer = send(
        "POST",
        post.get_absolute_url(),
        body=body,
        CONTENT_TYPE="multipart/form-data; boundary=b; charset=rot13",
    )

    assert answer.status_code == HTTPStatus.BAD_REQUEST
    assert not Comment.objects.exists()


def test_a_plain_request_passes_through_the_wsgi_application():
    answer = send("GET", "/", CONTENT_TYPE="text/plain; charset=utf-8")

    assert answer.status_code == HTTPStatus.OK


def test_only_encodings_that_decode_text_are_taken():
    assert is_text_encoding("utf-8")
    assert is_text_encoding("latin-1")
    assert not is_text_encoding("base64")
    assert not is_text_encoding("no-such-encoding")


def test_a_comment_holding_a_nul_character_is_refused_and_nothing_is_stored(client):
    post = PostFactory()

    response = client.post(post.get_absolute_url(), comment_data(text="a\x00b"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Comment.objects.exists()
