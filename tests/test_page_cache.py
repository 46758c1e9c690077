"""The page cache: one rendering of a public page for every anonymous
visitor, shareable by any HTTP cache in front, expired by exactly the
changes it shows, and never anyone's private page."""

import datetime
import io
from functools import cache, partial
from http import HTTPStatus

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from greatleaders import page_cache
from greatleaders.page_cache import (
    CHANGES_READ_AT_ONCE,
    STATUS_HEADER,
    expire,
    post_tag,
)
from posts.importers.wxr import import_wxr
from posts.models import Comment, Post
from posts.roles import EDITOR
from tests.commenting import comment_data
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    PageFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
    saved_with,
)
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory(title="The Secret Speech", slug="the-secret-speech")


def cached_status(response):
    return response.headers.get(STATUS_HEADER)


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
    assert second.content == first.content


def test_a_shared_page_is_the_same_bytes_for_every_anonymous_visitor(post):
    pages = [Client().get(post.get_absolute_url()) for _ in range(3)]

    assert len({page.content for page in pages}) == 1
    assert not any(page.cookies for page in pages)
    assert b"csrfmiddlewaretoken" not in pages[0].content
    assert b'name="issued" value="' not in pages[0].content


def test_a_shared_page_says_any_http_cache_may_keep_it(client, post, settings):
    settings.HTTP_CACHE_SECONDS = 10

    response = client.get(post.get_absolute_url())

    directives = set(response.headers["Cache-Control"].split(", "))
    assert directives == {
        "public",
        "max-age=0",
        "s-maxage=10",
        "stale-while-revalidate=10",
    }
    assert "Cookie" in response.headers["Vary"]
    assert response.headers["ETag"]
    assert response.headers["Last-Modified"]


def test_a_kept_page_still_gets_the_security_headers_and_its_length(client, post):
    client.get(post.get_absolute_url())

    response = client.get(post.get_absolute_url())

    assert cached_status(response) == "hit"
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
    assert int(response.headers["Content-Length"]) == len(response.content)


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


def test_last_modified_is_when_the_page_was_rendered(client, post):
    with time_machine.travel("2026-03-05 12:00:00 +0000", tick=False):
        response = client.get(post.get_absolute_url())

    assert response.headers["Last-Modified"] == http_date(
        datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC).timestamp()
    )


# What a change expires, and what it leaves alone


@pytest.fixture
def blog():
    """Two posts in two categories, with a third between them in time so
    that neither is the other's neighbour."""
    now = timezone.now()
    history, science = CategoryFactory(name="History"), CategoryFactory(name="Science")
    commented = PostFactory(title="The Secret Speech", published_at=now)
    commented.categories.add(history)
    PostFactory(title="The Thaw", published_at=now - timezone.timedelta(days=200))
    other = PostFactory(
        title="Sputnik", published_at=now - timezone.timedelta(days=400)
    )
    other.categories.add(science)
    return {
        "post": commented,
        "other post": other,
        "home": "/",
        "its category": history.get_absolute_url(),
        "another category": science.get_absolute_url(),
    }  # fmt: skip


def addresses(blog):
    return {
        name: value if isinstance(value, str) else value.get_absolute_url()
        for name, value in blog.items()
    }


def kept_and_read_again(client, blog, change, write):
    pages = addresses(blog)
    for address in pages.values():
        client.get(address)
    change(write)
    return {name: client.get(address) for name, address in pages.items()}


def test_an_approved_comment_expires_its_post_and_the_lists_showing_it(
    client, blog, change
):
    held = CommentFactory(post=blog["post"], text="Late but true.", pending=True)

    after = kept_and_read_again(
        client, blog, change, saved_with(held, status=Comment.Status.APPROVED)
    )

    assert cached_status(after["post"]) == "miss"
    assert "Late but true." in after["post"].text
    assert cached_status(after["home"]) == "miss"
    assert "1 reply" in after["home"].text
    assert cached_status(after["its category"]) == "miss"
    assert cached_status(after["other post"]) == "hit"
    assert cached_status(after["another category"]) == "hit"


def test_approving_through_the_moderators_bulk_action_expires_the_same(
    client, blog, change
):
    held = CommentFactory(post=blog["post"], text="Late but true.", pending=True)
    moderator = Client()
    moderator.force_login(UserFactory(staff=True, is_superuser=True))

    after = kept_and_read_again(
        client,
        blog,
        change,
        partial(
            moderator.post,
            "/admin/posts/comment/",
            {"action": "approve", "_selected_action": [held.pk], "index": 0},
        ),
    )

    assert "Late but true." in after["post"].text
    assert cached_status(after["home"]) == "miss"
    assert cached_status(after["other post"]) == "hit"
    assert cached_status(after["another category"]) == "hit"


def test_a_page_a_change_did_not_touch_is_served_without_reading_its_versions(
    client, blog, settings
):
    settings.CACHES = {"default": {"BACKEND": "tests.counting_cache.CountingCache"}}
    other = blog["other post"].get_absolute_url()
    for address in addresses(blog).values():
        client.get(address)
    expire(post_tag(blog["post"].pk))
    read = caches["default"].read
    read.clear()

    first, again = client.get(other), client.get(other)

    assert cached_status(first) == cached_status(again) == "hit"
    # The page and the count of changes each time, and once the change's
    # record: none of the versions of the page's tags.
    assert len(read) == 5


def test_a_page_many_changes_behind_reads_its_versions_again(client, post, change):
    client.get(post.get_absolute_url())
    change(saved_with(post, title="On the Cult of Personality"))
    for number in range(CHANGES_READ_AT_ONCE):
        expire(f"elsewhere:{number}")

    response = client.get(post.get_absolute_url())

    assert cached_status(response) == "miss"
    assert "On the Cult of Personality" in response.text


def test_pages_stay_right_when_a_process_forgets_the_changes_it_read(
    client, blog, change, monkeypatch
):
    monkeypatch.setattr(page_cache, "KNOWN_CHANGES", 2)
    post, other = blog["post"].get_absolute_url(), blog["other post"]
    client.get(post), client.get(other.get_absolute_url())
    for number in range(3):
        expire(f"elsewhere:{number}")
    client.get(other.get_absolute_url())  # Reads those three changes.
    change(saved_with(blog["post"], title="On the Cult of Personality"))

    response = client.get(post)

    assert "On the Cult of Personality" in response.text


def test_an_edit_expires_what_shows_that_post_and_nothing_else(client, blog, change):
    post = blog["post"]

    after = kept_and_read_again(
        client, blog, change, saved_with(post, title="On the Cult of Personality")
    )

    assert "On the Cult of Personality" in after["post"].text
    assert "On the Cult of Personality" in after["home"].text
    assert "On the Cult of Personality" in after["its category"].text
    assert cached_status(after["another category"]) == "hit"


def test_an_edit_shows_on_the_pages_of_its_neighbours(client, blog, change):
    neighbour = Post.objects.get(title="The Thaw")
    client.get(neighbour.get_absolute_url())

    change(saved_with(blog["post"], title="On the Cult of Personality"))
    response = client.get(neighbour.get_absolute_url())

    assert "On the Cult of Personality" in response.text


def test_a_new_comment_held_for_moderation_leaves_the_cache_alone(client, post, change):
    client.get(post.get_absolute_url())

    change(lambda: comment_on(post, status=Comment.Status.PENDING))

    assert cached_status(client.get(post.get_absolute_url())) == "hit"


def test_a_login_leaves_the_cache_alone(client, post, change):
    editor = UserFactory(staff=True)
    client.get(post.get_absolute_url())

    change(lambda: Client().force_login(editor))

    assert cached_status(client.get(post.get_absolute_url())) == "hit"


CHANGES = {
    "a category renamed": lambda post: saved_with(CategoryFactory(), name="USSR"),
    "a tag renamed": lambda post: saved_with(TagFactory(), name="thaw"),
    "a series renamed": lambda post: saved_with(SeriesFactory(), title="Leaders"),
    "a post filed in a category": lambda post: partial(
        post.categories.add, CategoryFactory()
    ),
    "a post tagged": lambda post: partial(post.tags.add, "de-stalinisation"),
    "a post deleted": lambda post: PostFactory().delete,
    "a new post published": lambda post: PostFactory,
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
    "a static page added to the menu": lambda post: partial(PageFactory),
}


@pytest.mark.parametrize("what", CHANGES)
def test_a_change_the_post_page_shows_expires_it(client, post, change, what):
    write = CHANGES[what](post)
    client.get(post.get_absolute_url())

    change(write)

    assert cached_status(client.get(post.get_absolute_url())) == "miss"


def test_a_new_category_shows_in_the_menu_at_once(client, post, change):
    client.get("/")

    change(partial(CategoryFactory, name="Biography"))

    assert "Biography" in client.get("/").text


def test_publishing_in_bulk_from_the_admin_shows_at_once(client):
    draft = PostFactory(draft=True, title="The Thaw")
    client.get("/")
    staff = Client()
    staff.force_login(UserFactory(staff=True, is_superuser=True))

    staff.post(
        "/admin/posts/post/",
        {"action": "publish", "_selected_action": [draft.pk], "index": 0},
    )

    response = client.get("/")
    assert cached_status(response) == "miss"
    assert "The Thaw" in response.text


def test_a_scheduled_post_appears_on_kept_pages_when_its_time_comes(client):
    PostFactory(
        title="Kennedy in Vienna",
        published_at=timezone.now() + timezone.timedelta(hours=1),
    )
    assert "Kennedy in Vienna" not in client.get("/").text

    with time_machine.travel(timezone.now() + timezone.timedelta(hours=2)):
        response = client.get("/")

    assert "Kennedy in Vienna" in response.text


def test_expire_pages_makes_every_kept_page_stale(client, post):
    client.get(post.get_absolute_url())

    call_command("expire_pages", stdout=io.StringIO())

    assert cached_status(client.get(post.get_absolute_url())) == "miss"


def test_a_wordpress_import_that_only_adds_comments_renews_kept_pages(
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


def test_a_page_rendered_while_a_change_lands_is_served_but_not_kept(
    client, post, monkeypatch
):
    from greatleaders import page_cache
    from posts import views

    render = views.PostDetailView.get_context_data

    def render_while_a_comment_lands(self, **kwargs):
        context = render(self, **kwargs)
        page_cache.expire(page_cache.post_tag(post.pk))
        return context

    monkeypatch.setattr(
        views.PostDetailView, "get_context_data", render_while_a_comment_lands
    )
    first = client.get(post.get_absolute_url())
    monkeypatch.undo()

    second = client.get(post.get_absolute_url())

    assert first.status_code == HTTPStatus.OK
    assert cached_status(first) is None
    assert cached_status(second) == "miss"


# Settings and releases


def test_a_new_site_title_shows_at_once(client, post, settings):
    client.get(post.get_absolute_url())

    settings.SITE_TITLE = "Great Reformers"
    response = client.get(post.get_absolute_url())

    assert "<title>The Secret Speech – Great Reformers</title>" in response.text


def test_a_post_kept_before_comments_were_paged_is_not_used_after(
    client, post, settings
):
    CommentFactory(post=post, text="A brave speech.")
    settings.COMMENTS_PER_PAGE = 0
    client.get(post.get_absolute_url())

    settings.COMMENTS_PER_PAGE = 50
    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert cached_status(response) == "miss"


def test_a_new_release_keeps_its_pages_apart_by_itself(client, post, monkeypatch):
    from greatleaders import page_cache

    client.get(post.get_absolute_url())

    monkeypatch.setattr(page_cache, "release", cache(lambda: "another-release"))
    response = client.get(post.get_absolute_url())

    assert cached_status(response) == "miss"


def test_the_release_changes_with_any_template(settings, tmp_path):
    from greatleaders import page_cache

    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "base.html"
    template.write_text("<p>One</p>")
    settings.BASE_DIR = tmp_path
    page_cache.release.cache_clear()
    before = page_cache.release()

    template.write_text("<p>Two</p>")
    page_cache.release.cache_clear()
    after = page_cache.release()

    page_cache.release.cache_clear()
    assert before != after


# Never shared


def test_a_logged_in_user_is_never_given_a_kept_page(client, post):
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


@pytest.mark.parametrize("path", ["/form/", "/nonce/", "/never-cache/"])
def test_a_page_made_for_one_visitor_is_never_stored(settings, client, path):
    settings.ROOT_URLCONF = "tests.private_urls"
    client.get(path)

    response = Client().get(path)

    assert cached_status(response) is None
    assert "public" not in response.headers["Cache-Control"]


def test_a_query_string_other_than_the_page_number_is_not_shared(client, post):
    client.get("/?utm_source=newsletter")

    response = client.get("/?utm_source=newsletter")

    assert cached_status(response) is None
    assert "private" in response.headers["Cache-Control"]


def test_a_missing_page_is_not_kept(client):
    client.get("/no-such-page/")

    response = client.get("/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert cached_status(response) is None
    assert "public" not in response.headers.get("Cache-Control", "")


def test_visitors_with_saved_comment_details_get_their_own_page(client, post):
    client.post(
        post.get_absolute_url(),
        comment_data(save_details="on", author_name="Nina Petrovna"),
        REMOTE_ADDR="198.51.100.9",
    )
    Client().get(post.get_absolute_url())

    own = client.get(post.get_absolute_url())
    others = Client().get(post.get_absolute_url())

    assert cached_status(own) is None
    assert "private" in own.headers["Cache-Control"]
    assert 'value="Nina Petrovna"' in own.text
    assert "Nina Petrovna" not in others.text


def test_a_held_comment_shows_to_its_author_alone(client, post):
    Client().get(post.get_absolute_url())
    client.post(
        post.get_absolute_url(),
        comment_data(text="Held for now."),
        REMOTE_ADDR="198.51.100.10",
    )

    own = client.get(post.get_absolute_url())
    others = Client().get(post.get_absolute_url())

    assert cached_status(own) is None
    assert "Held for now." in own.text
    assert "awaiting moderation" in own.text
    assert cached_status(others) == "hit"
    assert "Held for now." not in others.text


def test_the_reply_form_moves_under_the_comment_replied_to_on_a_page_of_its_own(
    post,
):
    comment = CommentFactory(post=post, author_name="Lev", text="A brave speech.")
    Client().get(post.get_absolute_url())

    replying = Client().get(f"{post.get_absolute_url()}?replytocom={comment.pk}")
    plain = Client().get(post.get_absolute_url())

    heading = 'class="comment-reply-title">Reply to Lev'
    assert cached_status(replying) is None
    assert heading in replying.text
    assert replying.text.index('id="commentform"') > replying.text.index(
        "A brave speech."
    )
    assert heading not in plain.text


def test_an_editor_previews_each_change_to_a_draft_at_once(client, change):
    client.force_login(UserFactory(is_staff=True, roles=[EDITOR]))
    draft = PostFactory(title="First draft", status=Post.Status.DRAFT)
    client.get(draft.get_absolute_url())

    change(saved_with(draft, title="Second draft"))
    response = client.get(draft.get_absolute_url())

    assert "Second draft" in response.text


# Lists, searches and feeds


def test_page_numbers_are_kept_apart(client, settings):
    settings.POSTS_PER_PAGE = 1
    PostFactory.create_batch(2)
    first_page = client.get("/")

    second_page = client.get("/?page=2")

    assert cached_status(second_page) == "miss"
    assert second_page.content != first_page.content


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


def test_a_kept_search_finds_a_post_published_since(client, change):
    client.get("/search/?q=missile")

    change(
        lambda: PostFactory(title="Thirteen days", body="<p>The missile crisis.</p>")
    )
    response = client.get("/search/?q=missile")

    assert b"Thirteen days" in response.content


def test_search_words_on_another_page_are_not_shared(client, post):
    client.get("/?q=stalin")

    response = client.get("/?q=stalin")

    assert cached_status(response) is None


@pytest.mark.parametrize("feed", ["/feed/", "/feed/atom/", "/comments/feed/"])
def test_a_feed_is_kept_like_a_page(client, post, feed, django_assert_num_queries):
    first = client.get(feed)

    with django_assert_num_queries(0):
        second = client.get(feed)

    assert cached_status(second) == "hit"
    assert second.content == first.content
    assert second.headers["Content-Type"] == first.headers["Content-Type"]


def test_a_kept_feed_shows_a_new_post_at_once(client, post, change):
    client.get("/feed/")

    change(lambda: PostFactory(title="The Thaw"))

    assert b"The Thaw" in client.get("/feed/").content


def test_a_comment_on_one_post_leaves_another_posts_comment_feed_alone(
    client, blog, change
):
    feed = f"{blog['other post'].get_absolute_url()}feed/"
    client.get(feed)

    change(partial(comment_on, blog["post"], status=Comment.Status.APPROVED))

    assert cached_status(client.get(feed)) == "hit"
    assert cached_status(client.get("/comments/feed/")) == "miss"


def test_a_head_request_is_answered_from_the_cache(client, post):
    client.get(post.get_absolute_url())

    response = client.head(post.get_absolute_url())

    assert cached_status(response) == "hit"


def test_no_page_is_kept_when_the_cache_time_is_zero(settings, client, post):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(post.get_absolute_url())

    response = client.get(post.get_absolute_url())

    assert cached_status(response) is None
    assert "public" in response.headers["Cache-Control"]


def test_scheduled_posts_are_listed_soonest_first():
    later = PostFactory(published_at=timezone.now() + timezone.timedelta(days=2))
    sooner = PostFactory(published_at=timezone.now() + timezone.timedelta(days=1))
    PostFactory(draft=True, published_at=timezone.now() + timezone.timedelta(hours=1))

    assert list(Post.objects.scheduled()) == [sooner, later]


# Only the site's own addresses are kept


@pytest.mark.parametrize(
    "path, host",
    [
        ("/?page=02", "testserver"),
        ("/?page=2&page=2", "testserver"),
        ("/?page=%32", "testserver"),
        ("/?page=2&", "testserver"),
        ("/?page=2", "TESTSERVER"),
        ("/?page=2", "testserver:8081"),
    ],
)
def test_other_spellings_of_an_address_are_never_kept(client, settings, path, host):
    settings.POSTS_PER_PAGE = 1
    PostFactory.create_batch(2)
    client.get(path, HTTP_HOST=host)

    again = client.get(path, HTTP_HOST=host)

    assert cached_status(again) is None
    assert "public" not in again.headers.get("Cache-Control", "")


def test_a_flood_of_spellings_leaves_the_real_pages_in_the_cache(client, settings):
    settings.POSTS_PER_PAGE = 1
    PostFactory.create_batch(2)
    client.get("/?page=2")

    for zeros in range(1, 201):
        client.get(f"/?page={'0' * zeros}2")
        client.get("/?page=2", HTTP_HOST=f"testserver:{8000 + zeros}")

    assert cached_status(client.get("/?page=2")) == "hit"


def test_new_searches_kept_a_minute_are_bounded(client, monkeypatch):
    monkeypatch.setattr("greatleaders.page_cache.SEARCHES_KEPT_PER_MINUTE", 2)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, 0, 1), tick=False):
        kept = [client.get(f"/search/?q=word{n}") for n in range(3)]

    assert [cached_status(response) for response in kept] == ["miss", "miss", None]
    assert kept[2].status_code == HTTPStatus.OK
    # Still the same for every visitor: a cache in front may keep it.
    assert "public" in kept[2].headers["Cache-Control"]
