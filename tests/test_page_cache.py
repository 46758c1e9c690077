"""The page cache: one rendering of a public page for all anonymous visitors,
fresh as soon as the content changes, and never anyone's private page."""

import datetime
import io
import re
from functools import partial
from http import HTTPStatus

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from greatleaders.page_cache import PRIVATE_VISITOR_COOKIE, STATUS_HEADER
from posts.importers.wxr import import_wxr
from posts.models import Comment, Post
from tests.commenting import comment_data
from tests.factories import (
    CategoryFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
    saved_with,
)
from tests.wxr_files import wxr

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def post():
    return PostFactory(title="The Secret Speech", slug="the-secret-speech")


def cached_status(response):
    return response.headers.get(STATUS_HEADER)


def without_visitor_tokens(response):
    # Each answer masks the visitor's CSRF secret anew, and stamps the
    # comment form with the time it is sent.
    return re.sub(
        rb'name="(csrfmiddlewaretoken|issued)" value="[^"]+"', b"", response.content
    )


def comment_on(post, **fields):
    return Comment.objects.create(
        post=post, author_name="Nikita", text="Well argued.", **fields
    )


def test_the_second_anonymous_visit_is_answered_from_the_cache_without_a_query(
    client, post, django_assert_num_queries
):
    first = client.get(post.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(post.get_absolute_url())

    assert cached_status(first) == "miss"
    assert cached_status(second) == "hit"
    assert without_visitor_tokens(second) == without_visitor_tokens(first)


def test_a_cached_page_carries_each_visitors_own_csrf_token(post):
    one, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one.get(post.get_absolute_url())

    page = other.get(post.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    response = other.post(
        post.get_absolute_url(), comment_data(csrfmiddlewaretoken=token)
    )

    assert cached_status(page) == "hit"
    assert "csrftoken" in page.cookies
    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.filter(post=post).exists()


def test_visitors_with_saved_comment_details_get_their_own_page(client, post):
    client.get(post.get_absolute_url())
    client.post(
        post.get_absolute_url(),
        comment_data(save_details="on", author_name="Nina Petrovna"),
        REMOTE_ADDR="198.51.100.9",
    )

    response = client.get(post.get_absolute_url())

    assert cached_status(response) != "hit"
    assert 'value="Nina Petrovna"' in response.text


def test_a_cached_page_still_gets_the_security_headers(client, post):
    client.get(post.get_absolute_url())

    response = client.get(post.get_absolute_url())

    assert cached_status(response) == "hit"
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_cached_page_says_its_own_length_once_each_visitors_values_are_in(post):
    Client().get(post.get_absolute_url())

    response = Client().get(post.get_absolute_url())

    assert cached_status(response) == "hit"
    assert b"for-this-visitor" not in response.content
    assert int(response.headers["Content-Length"]) == len(response.content)


def test_a_public_page_must_be_revalidated_and_varies_on_cookies(client, post):
    response = client.get(post.get_absolute_url())

    assert response.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Cookie" in response.headers["Vary"]


def test_a_browser_holding_the_current_page_gets_304_by_etag(client, post):
    etag = client.get(post.get_absolute_url()).headers["ETag"]

    response = client.get(post.get_absolute_url(), headers={"if-none-match": etag})

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""


def test_a_browser_holding_the_current_page_gets_304_by_date(client, post):
    last_modified = client.get(post.get_absolute_url()).headers["Last-Modified"]

    response = client.get(
        post.get_absolute_url(), headers={"if-modified-since": last_modified}
    )

    assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_a_browser_holding_an_old_page_gets_the_new_one(client, post, change):
    old_etag = client.get(post.get_absolute_url()).headers["ETag"]
    post.title = "The Secret Speech, 1956"
    change(post.save)

    response = client.get(post.get_absolute_url(), headers={"if-none-match": old_etag})

    assert response.status_code == HTTPStatus.OK
    assert "The Secret Speech, 1956" in response.text


def test_an_edited_post_is_fresh_at_once(client, post, change):
    client.get(post.get_absolute_url())
    post.title = "On the Cult of Personality"
    change(post.save)

    response = client.get(post.get_absolute_url())

    assert cached_status(response) == "miss"
    assert "On the Cult of Personality" in response.text


CHANGES = {
    "a category renamed": lambda post: saved_with(CategoryFactory(), name="USSR"),
    "a tag renamed": lambda post: saved_with(TagFactory(), name="thaw"),
    "a series renamed": lambda post: saved_with(SeriesFactory(), title="Leaders"),
    "a post filed in a category": lambda post: partial(
        post.categories.add, CategoryFactory()
    ),
    "a post tagged": lambda post: partial(post.tags.add, "de-stalinisation"),
    "a post deleted": lambda post: PostFactory().delete,
    "a comment approved": lambda post: saved_with(
        comment_on(post), status=Comment.Status.APPROVED
    ),
    "an approved comment deleted": lambda post: (
        comment_on(post, status=Comment.Status.APPROVED).delete
    ),
    "a new comment approved at once": lambda post: partial(
        comment_on, post, status=Comment.Status.APPROVED
    ),
    "an author renamed": lambda post: saved_with(UserFactory(), first_name="Nikita"),
}


@pytest.mark.parametrize("what", CHANGES)
def test_any_change_to_public_content_makes_cached_pages_stale(
    client, post, change, what
):
    write = CHANGES[what](post)
    client.get(post.get_absolute_url())

    change(write)

    assert cached_status(client.get(post.get_absolute_url())) == "miss"


def test_a_new_comment_held_for_moderation_leaves_the_cache_alone(client, post, change):
    client.get(post.get_absolute_url())

    change(lambda: comment_on(post, status=Comment.Status.PENDING))

    assert cached_status(client.get(post.get_absolute_url())) == "hit"


def test_a_login_leaves_the_cache_alone(client, post, change):
    editor = UserFactory(staff=True)
    client.get(post.get_absolute_url())

    change(lambda: Client().force_login(editor))

    assert cached_status(client.get(post.get_absolute_url())) == "hit"


def test_publishing_in_bulk_from_the_admin_makes_cached_pages_stale(client):
    draft = PostFactory(draft=True, title="The Thaw")
    client.get("/")
    staff = Client()
    staff.force_login(UserFactory(staff=True))

    staff.post(
        "/admin/posts/post/",
        {"action": "publish", "_selected_action": [draft.pk], "index": 0},
    )

    response = client.get("/")
    assert cached_status(response) == "miss"
    assert "The Thaw" in response.text


def test_a_scheduled_post_appears_on_cached_pages_when_its_time_comes(client):
    PostFactory(
        title="Kennedy in Vienna",
        published_at=timezone.now() + timezone.timedelta(hours=1),
    )
    assert "Kennedy in Vienna" not in client.get("/").text

    with time_machine.travel(timezone.now() + timezone.timedelta(hours=2)):
        response = client.get("/")

    assert "Kennedy in Vienna" in response.text


def test_expire_pages_makes_every_cached_page_stale(client, post):
    client.get(post.get_absolute_url())

    call_command("expire_pages", stdout=io.StringIO())

    assert cached_status(client.get(post.get_absolute_url())) == "miss"


def test_a_logged_in_user_is_never_given_a_cached_page(client, post):
    client.get(post.get_absolute_url())
    editor = Client()
    editor.force_login(UserFactory(staff=True))

    response = editor.get(post.get_absolute_url())

    assert cached_status(response) is None
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_a_logged_in_users_page_is_not_stored_for_others(client, post):
    editor = Client()
    editor.force_login(UserFactory(staff=True))
    editor.get(post.get_absolute_url())

    response = client.get(post.get_absolute_url())

    assert cached_status(response) == "miss"


def test_a_visitor_marked_private_gets_pages_rendered_for_them_alone(settings, post):
    settings.ROOT_URLCONF = "tests.private_urls"
    visitor = Client()
    Client().get(post.get_absolute_url())

    marking = visitor.get("/held-comment/")
    response = visitor.get(post.get_absolute_url())

    assert marking.cookies[PRIVATE_VISITOR_COOKIE]["max-age"] == 3600
    assert marking.cookies[PRIVATE_VISITOR_COOKIE]["httponly"]
    assert cached_status(response) is None
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/form/", "/nonce/", "/never-cache/", "/held-comment/"]
)
def test_a_page_made_for_one_visitor_is_never_stored(settings, client, path):
    settings.ROOT_URLCONF = "tests.private_urls"
    client.get(path)

    response = Client().get(path)

    assert cached_status(response) is None
    assert "public" not in response.headers["Cache-Control"]


def test_a_query_string_other_than_the_page_number_bypasses_the_cache(client, post):
    client.get("/?utm_source=newsletter")

    response = client.get("/?utm_source=newsletter")

    assert cached_status(response) is None


def test_a_search_is_answered_from_the_cache_the_second_time(
    client, django_assert_num_queries
):
    PostFactory(title="The Secret Speech", body="<p>Khrushchev spoke at night.</p>")
    first = client.get("/search/?q=khrushchev")

    with django_assert_num_queries(0):
        second = client.get("/search/?q=khrushchev")

    assert cached_status(first) == "miss"
    assert cached_status(second) == "hit"
    assert b"The Secret Speech" in second.content


def test_each_search_is_kept_under_its_own_words(client):
    PostFactory(title="On Stalin", body="<p>Stalin.</p>")
    PostFactory(title="On Lenin", body="<p>Lenin.</p>")
    client.get("/search/?q=stalin")

    response = client.get("/search/?q=lenin")

    assert cached_status(response) == "miss"
    assert b"On Lenin" in response.content
    assert b"On Stalin" not in response.content


def test_a_cached_search_finds_a_post_published_since(client, change):
    client.get("/search/?q=missile")

    change(
        lambda: PostFactory(title="Thirteen days", body="<p>The missile crisis.</p>")
    )
    response = client.get("/search/?q=missile")

    assert cached_status(response) == "miss"
    assert b"Thirteen days" in response.content


def test_search_words_on_another_page_bypass_the_cache(client, post):
    client.get("/?q=stalin")

    response = client.get("/?q=stalin")

    assert cached_status(response) is None


def test_pages_kept_before_a_new_secret_key_are_not_served_after_it(
    client, post, settings
):
    client.get(post.get_absolute_url())

    settings.SECRET_KEY = "another-secret-key-" + "x" * 50
    response = Client().get(post.get_absolute_url())

    assert cached_status(response) == "miss"
    assert b"for-this-visitor" not in response.content
    assert b'name="csrfmiddlewaretoken" value="' in response.content


def test_page_numbers_are_cached_separately(client, settings):
    settings.POSTS_PER_PAGE = 1
    PostFactory.create_batch(2)
    first_page = client.get("/")

    second_page = client.get("/?page=2")

    assert cached_status(second_page) == "miss"
    assert second_page.content != first_page.content


def test_a_missing_page_is_not_cached(client):
    client.get("/no-such-page/")

    response = client.get("/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert cached_status(response) is None


def test_a_head_request_is_answered_from_the_cache(client, post):
    client.get(post.get_absolute_url())

    response = client.head(post.get_absolute_url())

    assert cached_status(response) == "hit"


def test_no_page_is_cached_when_the_cache_time_is_zero(settings, client, post):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(post.get_absolute_url())

    response = client.get(post.get_absolute_url())

    assert cached_status(response) is None
    assert response.headers["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_last_modified_is_when_the_page_was_rendered(client, post):
    with time_machine.travel("2026-03-05 12:00:00 +0000", tick=False):
        response = client.get(post.get_absolute_url())

    assert response.headers["Last-Modified"] == http_date(
        datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC).timestamp()
    )


def test_scheduled_posts_are_listed_soonest_first():
    later = PostFactory(published_at=timezone.now() + timezone.timedelta(days=2))
    sooner = PostFactory(published_at=timezone.now() + timezone.timedelta(days=1))
    PostFactory(draft=True, published_at=timezone.now() + timezone.timedelta(hours=1))

    assert list(Post.objects.scheduled()) == [sooner, later]


def test_a_visitor_whose_comment_is_held_sees_it_on_a_page_of_their_own(client, post):
    Client().get(post.get_absolute_url())
    client.post(
        post.get_absolute_url(),
        comment_data(text="Held for now."),
        REMOTE_ADDR="198.51.100.10",
    )

    own = client.get(post.get_absolute_url())
    others = Client().get(post.get_absolute_url())

    assert cached_status(own) != "hit"
    assert "Held for now." in own.text
    assert cached_status(others) == "hit"
    assert "Held for now." not in others.text


def test_a_wordpress_import_that_only_adds_comments_renews_cached_pages(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_wxr(wxr("conversation_1.xml"))
    post = Post.objects.get(slug="a-conversation")
    client.get(post.get_absolute_url())
    assert cached_status(client.get(post.get_absolute_url())) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        import_wxr(wxr("conversation_2.xml"))
    page = client.get(post.get_absolute_url())

    assert cached_status(page) == "miss"
    assert "Words added since." in page.text
