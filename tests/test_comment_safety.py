"""No HTML or script from a visitor ever reaches a page."""

import re
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.test import Client
from markupsafe import escape

from posts.models import Comment
from tests.commenting import comment_data, leave_comment
from tests.factories import CommentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<iframe src="data:text/html,<script>alert(1)</script>">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<b onmouseover='alert(1)'>hover",
    "</textarea><script>alert(1)</script>",
    "＜script＞alert(1)＜/script＞",
    "\u202e<script>alert(1)</script>",
    "<style>body{display:none}</style>",
    'https://example.com/"onmouseover="alert(1)',
    "{{ request }}{% debug %}",
]


class _Markup(HTMLParser):
    """Collects what would run or load: scripts, handlers and risky URLs."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # The site's own: its script files and the post's JSON-LD data block.
        own_script = tag == "script" and (
            (attributes.get("src") or "").startswith("/static/")
            or attributes.get("type") == "application/ld+json"
        )
        if tag in {"script", "iframe", "svg", "img", "style", "object", "embed"}:
            self.problems += [] if own_script else [f"<{tag}>"]
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}")
            if name in {"href", "src"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{tag} {name}={value}")


def dangerous_markup(html):
    parser = _Markup()
    parser.feed(html)
    return parser.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_comments_with_hostile_fields_render_inert(client, payload):
    post = PostFactory()
    CommentFactory(
        post=post,
        author_name=payload,
        author_url=payload,
        author_email="x@example.com",
        text=f"Before {payload} after",
    )

    response = client.get(post.get_absolute_url())

    assert dangerous_markup(response.text) == []
    assert escape(payload) in response.text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_input_to_the_form_is_stored_as_text_or_refused(client, payload):
    post = PostFactory()
    CommentFactory(author_name=payload[:245], author_email="nina@example.com")

    response = leave_comment(client, post, author_name=payload, text=payload)
    page = client.get(post.get_absolute_url())

    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.BAD_REQUEST}
    assert dangerous_markup(response.text) == []
    assert dangerous_markup(page.text) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_refused_form_echoes_hostile_input_inert(client, payload):
    post = PostFactory()

    response = leave_comment(
        client,
        post,
        text=payload,
        author_name=payload,
        author_email=payload,
        author_url=payload,
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert dangerous_markup(response.text) == []
    assert not Comment.objects.exists()


def test_an_anonymous_comment_from_a_shared_page_needs_no_csrf_token():
    post = PostFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.get(post.get_absolute_url())

    response = browser.post(post.get_absolute_url(), comment_data())

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.exists()


def test_a_signed_in_commenter_without_the_csrf_token_is_refused():
    post = PostFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())

    response = browser.post(post.get_absolute_url(), comment_data())

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Comment.objects.exists()


def test_a_signed_in_commenter_with_the_token_from_their_page_is_accepted():
    post = PostFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())
    page = browser.get(post.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]

    response = browser.post(
        post.get_absolute_url(), comment_data(csrfmiddlewaretoken=token)
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.exists()


def test_comment_links_open_without_a_window_handle_or_ranking(client):
    post = PostFactory()
    CommentFactory(post=post, text="See https://example.com/page")

    response = client.get(post.get_absolute_url())

    assert (
        'rel="nofollow ugc noopener" href="https://example.com/page"' in response.text
    )
