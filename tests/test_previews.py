"""Shared previews: a link that opens a draft to whoever holds it."""

from http import HTTPStatus

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from greatleaders.page_cache import STATUS_HEADER
from posts.models import Post, PreviewLink
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return PostFactory(
        draft=True, title="The Kitchen Debate", body="<p>Nixon met Khrushchev.</p>"
    )


@pytest.fixture
def link(draft, editor):
    return PreviewLink.objects.share(draft, by=editor)


def shared_previews_url(post):
    return reverse("admin:posts_post_shared_previews", args=[post.pk])


def test_an_editor_shares_a_preview_from_the_post_page(admin_client, draft):
    change = admin_client.get(reverse("admin:posts_post_change", args=[draft.pk]))

    response = admin_client.post(shared_previews_url(draft), follow=True)

    link = draft.preview_links.get()
    assert shared_previews_url(draft) in change.text
    assert link.public_url in response.text
    assert link.public_url.startswith("http://localhost:8000/preview/")


def test_a_shared_link_works_for_seven_days_by_default(admin_client, draft):
    admin_client.post(shared_previews_url(draft))

    link = draft.preview_links.get()
    lifetime = link.expires_at - link.created_at
    assert lifetime == timezone.timedelta(days=7)


def test_the_post_page_lists_the_links_that_work(admin_client, link):
    change = admin_client.get(reverse("admin:posts_post_change", args=[link.post.pk]))

    assert link.public_url in change.text


def test_a_published_post_offers_no_preview_to_share(admin_client):
    post = PostFactory()

    change = admin_client.get(reverse("admin:posts_post_change", args=[post.pk]))

    assert shared_previews_url(post) not in change.text


def test_anyone_holding_the_link_reads_the_draft(client, link):
    response = client.get(link.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert "<p>Nixon met Khrushchev.</p>" in response.text
    assert "The Kitchen Debate" in response.text


def test_a_shared_preview_is_kept_out_of_search_engines(client, link):
    response = client.get(link.get_absolute_url())

    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.text
    assert 'rel="canonical"' not in response.text


def test_a_shared_preview_is_never_stored_by_any_cache(client, link):
    response = client.get(link.get_absolute_url())

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_a_shared_preview_never_enters_the_page_cache(client, link):
    other_reader = Client()

    first = client.get(link.get_absolute_url())
    again = client.get(link.get_absolute_url())
    elsewhere = other_reader.get(link.get_absolute_url())

    assert [r.status_code for r in (first, again, elsewhere)] == [HTTPStatus.OK] * 3
    assert [r.headers.get(STATUS_HEADER) for r in (first, again, elsewhere)] == [
        None
    ] * 3


def test_the_draft_stays_hidden_at_its_own_address(client, link):
    client.get(link.get_absolute_url())

    response = client.get(link.post.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_shared_preview_takes_no_comments(client, link):
    response = client.get(link.get_absolute_url())
    posted = client.post(link.get_absolute_url(), {"text": "First!"})

    assert 'id="commentform"' not in response.text
    assert "Comments open when the post is published." in response.text
    assert posted.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not link.post.comments.exists()


def test_a_tampered_link_opens_nothing(client, link):
    response = client.get(link.get_absolute_url().replace(link.token, "x" * 43))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Nixon" not in response.text


def test_an_expired_link_says_so(client, link):
    with time_machine.travel(link.expires_at + timezone.timedelta(seconds=1)):
        response = client.get(link.get_absolute_url())

    assert response.status_code == HTTPStatus.GONE
    assert "no longer available" in response.text
    assert "Nixon" not in response.text
    assert response["X-Robots-Tag"] == "noindex"


def test_a_link_works_until_it_expires(client, link):
    with time_machine.travel(link.expires_at - timezone.timedelta(minutes=1)):
        response = client.get(link.get_absolute_url())

    assert response.status_code == HTTPStatus.OK


def test_revoking_closes_every_link_of_the_post(admin_client, client, draft, editor):
    links = [PreviewLink.objects.share(draft, by=editor) for _ in range(2)]

    admin_client.post(shared_previews_url(draft), {"revoke": "Revoke all links"})

    for link in links:
        response = client.get(link.get_absolute_url())
        assert response.status_code == HTTPStatus.GONE
        assert "Nixon" not in response.text


def test_revoking_leaves_the_links_of_other_posts_alone(client, link, editor):
    other = PreviewLink.objects.share(PostFactory(draft=True), by=editor)

    link.post.preview_links.revoke()

    assert client.get(other.get_absolute_url()).status_code == HTTPStatus.OK


def test_once_published_the_link_leads_to_the_post(client, link, change):
    change(lambda: Post.objects.filter(pk=link.post.pk).publish())
    post = Post.objects.get(pk=link.post.pk)

    response = client.get(link.get_absolute_url())

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == post.get_absolute_url()


def test_a_published_post_gets_no_new_links(admin_client):
    post = PostFactory()

    admin_client.post(shared_previews_url(post))

    assert not post.preview_links.exists()


def test_a_scheduled_post_can_be_previewed_before_its_time(client, editor):
    link = PreviewLink.objects.share(PostFactory(scheduled=True), by=editor)

    response = client.get(link.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert "scheduled for" in response.text


def test_readers_cannot_make_links(client, draft):
    response = client.post(shared_previews_url(draft))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    assert not draft.preview_links.exists()


def test_the_admin_lists_links_and_revokes_some(admin_client, client, link):
    changelist = reverse("admin:posts_previewlink_changelist")

    listing = admin_client.get(changelist)
    admin_client.post(changelist, {"action": "revoke", "_selected_action": [link.pk]})

    assert "The Kitchen Debate" in listing.text
    assert client.get(link.get_absolute_url()).status_code == HTTPStatus.GONE
