"""Security headers on every answer, the content security policy's nonces,
the admin log-in's limit on failed attempts and the client's address it
counts them by."""

import re
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import BadRequest
from django.test import Client, RequestFactory

from greatleaders.client_ip import client_ip
from posts.models import Comment
from tests.commenting import comment_data
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def admin_client():
    staff = Client()
    staff.force_login(UserFactory(staff=True))
    return staff


def directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {
        name: value
        for name, _, value in (part.partition(" ") for part in policy.split("; "))
    }


def test_public_pages_carry_the_security_headers(client):
    response = client.get(PostFactory().get_absolute_url())

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_content_security_policy_allows_no_inline_code_without_a_nonce(client):
    policy = directives(client.get("/"))

    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"].split() == ["'self'", settings.EDITOR_STYLE_HASH]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"


def test_the_editors_import_map_carries_the_nonce_of_the_policy(admin_client):
    response = admin_client.get("/admin/posts/post/add/")

    nonce = re.search(r"'nonce-([^']+)'", directives(response)["script-src"])[1]
    assert f'<script type="importmap" nonce="{nonce}">' in response.text


def test_every_script_and_style_in_the_editor_page_is_allowed(admin_client):
    response = admin_client.get("/admin/posts/post/add/")
    nonce = re.search(r"'nonce-([^']+)'", directives(response)["script-src"])[1]

    inline = re.findall(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>", response.text)

    assert inline
    assert all(f'nonce="{nonce}"' in attributes for _, attributes in inline)
    assert " style=" not in response.text


def test_five_failed_logins_lock_the_address_out_with_a_clear_message(client):
    UserFactory(username="editor", staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "guess"})

    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}
    )

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many log-in attempts" in response.text
    assert "try again in 15 minutes" in response.text
    assert "_auth_user_id" not in client.session


def test_four_failed_logins_still_let_the_right_password_in(client):
    UserFactory(username="editor", staff=True)
    for _ in range(4):
        client.post("/admin/login/", {"username": "editor", "password": "guess"})

    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"]


def test_a_lockout_is_per_address(client):
    UserFactory(username="editor", staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "guess"})
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")

    response = elsewhere.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}
    )

    assert response.status_code == HTTPStatus.FOUND


def test_without_proxies_the_client_address_is_the_peers(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="192.0.2.66"
    )

    assert client_ip(request) == "198.51.100.1"


def test_behind_nginx_the_client_address_is_the_one_nginx_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5",
    )

    assert client_ip(request) == "203.0.113.5"


@pytest.mark.parametrize(
    "forwarded", ["not-an-ip", "1.2.3.4.5", "10.0.0.1, 999.1.1.1", "fe80::1%eth0"]
)
def test_behind_nginx_a_forwarded_address_that_is_none_is_a_bad_request(
    settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded)

    with pytest.raises(BadRequest):
        client_ip(request)


def test_behind_nginx_a_forwarded_address_is_written_as_the_database_keeps_it(
    settings,
):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="2001:DB8::0:1")

    assert client_ip(request) == "2001:db8::1"


def test_a_log_in_with_a_forged_forwarded_address_is_a_400_and_records_nothing(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="editor", staff=True)

    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "guess"},
        headers={"x-forwarded-for": "not-an-ip"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Bad request" in response.text
    assert not AccessAttempt.objects.exists()


def test_a_comment_with_a_forged_forwarded_address_is_a_400_and_not_stored(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    post = PostFactory()

    response = client.post(
        post.get_absolute_url(),
        comment_data(),
        headers={"x-forwarded-for": "1.2.3.4.5"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Comment.objects.exists()


@pytest.mark.parametrize("username", ["e" * 151, "e" * 300, "edi\x00tor"])
def test_a_log_in_name_no_account_can_have_is_refused_before_it_is_tried(
    client, username
):
    UserFactory(username="editor", staff=True)

    response = client.post("/admin/login/", {"username": username, "password": "x"})

    assert response.status_code == HTTPStatus.OK
    assert "_auth_user_id" not in client.session
    assert not AccessAttempt.objects.exists()
