"""Correction and update notes: on the post, in its modified date, on
/corrections/ and in its feed, for the right people only."""

import datetime
import json
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from posts.models import Correction, Post
from posts.roles import AUTHOR, CONTRIBUTOR
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
NOTE_DATE = datetime.datetime(2024, 3, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def post():
    post = PostFactory(title="The Secret Speech", body="<p>Khrushchev spoke.</p>")
    # The post's own last change long before its note.
    Post.objects.filter(pk=post.pk).update(updated_at=LONG_AGO)
    post.refresh_from_db()
    return post


def note(post, placement="bottom", **fields):
    return Correction.objects.create(
        post=post,
        kind=fields.pop("kind", Correction.Kind.CORRECTION),
        text=fields.pop("text", "The speech was given in February, not March."),
        placement=placement,
        published_at=fields.pop("published_at", NOTE_DATE),
        **fields,
    )


def page_of(client, post) -> str:
    response = client.get(post.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html)
    return json.loads(found.group(1))


def test_a_note_placed_at_the_bottom_shows_after_the_post_with_its_kind_and_date(
    client, post, change
):
    change(lambda: note(post, placement="bottom"))

    html = page_of(client, post)

    assert html.index('<div class="post-body">') < html.index("not March")
    assert 'role="note"' in html
    assert "Correction, <time" in html
    assert "5 March 2024" in html


def test_a_note_placed_at_the_top_shows_before_the_post(client, post, change):
    change(lambda: note(post, placement="top", kind=Correction.Kind.UPDATE))

    html = page_of(client, post)

    assert html.index("not March") < html.index('<div class="post-body">')
    assert "Update, <time" in html


def test_the_latest_note_dates_the_post_in_its_page_and_json_ld(client, post, change):
    change(lambda: note(post, published_at=NOTE_DATE - datetime.timedelta(days=9)))
    change(lambda: note(post))

    html = page_of(client, post)

    modified = timezone.localtime(NOTE_DATE).isoformat()
    assert f'<meta property="article:modified_time" content="{modified}">' in html
    assert json_ld(html)["dateModified"] == modified


def test_a_note_older_than_the_post_leaves_its_modified_date_alone(client, post):
    Post.objects.filter(pk=post.pk).update(updated_at=NOTE_DATE)
    note(post, published_at=LONG_AGO)

    html = page_of(client, post)

    assert json_ld(html)["dateModified"] == timezone.localtime(NOTE_DATE).isoformat()


def test_the_feed_dates_the_post_by_its_latest_note(client, post):
    note(post)

    rss = client.get("/feed/").content.decode()
    atom = client.get("/feed/atom/").content.decode()

    assert "<lastBuildDate>Tue, 05 Mar 2024 12:00:00 +0000</lastBuildDate>" in rss
    assert "<updated>2024-03-05T12:00:00+00:00</updated>" in atom


def test_the_corrections_page_lists_notes_newest_first_linking_to_their_posts(
    client, post
):
    older = note(post, text="An older note.", published_at=LONG_AGO)
    newer = note(PostFactory(title="The Long March"), text="A newer note.")

    html = client.get("/corrections/").content.decode()

    assert html.index("A newer note.") < html.index("An older note.")
    assert f'href="{newer.post.get_absolute_url()}#correction-{newer.pk}"' in html
    assert f'href="{post.get_absolute_url()}#correction-{older.pk}"' in html


def test_the_corrections_page_runs_the_same_queries_however_many_notes_it_lists(
    client, post, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.POSTS_PER_PAGE = 15
    for day in range(15):
        note(PostFactory(), published_at=NOTE_DATE - datetime.timedelta(days=day))

    with django_assert_max_num_queries(4):
        response = client.get("/corrections/")

    assert len(response.context["page_obj"]) == 15


def test_the_corrections_feed_lists_notes_in_rss_and_atom(client, post):
    note(post)

    rss = client.get("/corrections/feed/").content.decode()
    atom = client.get("/corrections/feed/atom/").content.decode()

    for feed in (rss, atom):
        assert "Correction: The Secret Speech" in feed
        assert "not March" in feed


def test_a_note_on_a_draft_shows_nowhere_public(client):
    draft = PostFactory(draft=True, title="Unfinished")
    note(draft, text="Not for readers yet.")

    assert "Not for readers yet." not in client.get("/corrections/").content.decode()
    feed = client.get("/corrections/feed/").content.decode()
    assert "Not for readers yet." not in feed
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_kept_post_page_shows_a_new_note_at_once(client, post, change):
    page_of(client, post)
    kept = client.get(post.get_absolute_url())
    assert kept.headers["X-Page-Cache"] == "hit"

    change(lambda: note(post, text="Fresh news."))

    assert "Fresh news." in page_of(client, post)
    assert "Fresh news." in client.get("/corrections/").content.decode()
    assert "Fresh news." in client.get("/corrections/feed/").content.decode()


def test_a_kept_page_loses_a_deleted_note_at_once(client, post, change):
    removed = note(post, text="Soon gone.")
    assert "Soon gone." in page_of(client, post)

    change(removed.delete)

    assert "Soon gone." not in page_of(client, post)


def signed_in(role, username):
    user = UserFactory(is_staff=True, username=username, roles=[role])
    client = Client()
    client.force_login(user)
    return user, client


def change_form(post, **notes):
    published = timezone.localtime(post.published_at)
    return {
        "title": post.title,
        "slug": post.slug,
        "body": post.body,
        "excerpt": "",
        "status": post.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "comments_open": "on",
        "tags": "",
        "series_position": "0",
        "corrections-TOTAL_FORMS": "1",
        "corrections-INITIAL_FORMS": "0",
        "corrections-0-kind": "update",
        "corrections-0-placement": "top",
        "corrections-0-published_at_0": "2024-03-05",
        "corrections-0-published_at_1": "12:00:00",
        "corrections-0-text": "A letter has come to light.",
    } | notes


def test_an_author_adds_a_note_to_their_own_post_in_the_admin():
    user, client = signed_in(AUTHOR, "author")
    own = PostFactory(author=user)

    response = client.post(
        reverse("admin:posts_post_change", args=[own.pk]), change_form(own)
    )

    assert response.status_code == HTTPStatus.FOUND
    added = own.corrections.get()
    assert (added.kind, added.placement) == ("update", "top")
    assert added.text == "A letter has come to light."


def test_a_contributor_cannot_add_a_note_to_someone_elses_post():
    _, client = signed_in(CONTRIBUTOR, "contributor")
    others = PostFactory(author=UserFactory(), draft=True)

    client.post(
        reverse("admin:posts_post_change", args=[others.pk]), change_form(others)
    )

    assert not Correction.objects.exists()


def test_a_contributor_cannot_add_a_note_to_their_post_once_published():
    user, client = signed_in(CONTRIBUTOR, "contributor")
    published = PostFactory(author=user)

    client.post(
        reverse("admin:posts_post_change", args=[published.pk]),
        change_form(published),
    )

    assert not Correction.objects.exists()


def test_every_page_links_to_the_corrections_log(client, post):
    response = client.get(post.get_absolute_url())

    assert f'href="{reverse("posts:corrections")}"' in response.text
