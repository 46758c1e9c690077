from http import HTTPStatus

import pytest
import time_machine
from django.utils import timezone

from posts.models import Page, Post
from posts.roles import AUTHOR, CONTRIBUTOR, EDITOR
from tests.factories import PageFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "pending", "private", "scheduled"]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True))
    return client


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_are_404_for_anonymous_readers(client, state):
    post = PostFactory(**{state: True})

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_are_404_for_logged_in_readers_who_are_not_staff(client, state):
    post = PostFactory(**{state: True})
    client.force_login(UserFactory())

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_staff_preview_hidden_posts_with_a_notice(staff_client, state):
    post = PostFactory(**{state: True}, title="Work in progress")

    response = staff_client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert "Work in progress" in response.text
    assert "Preview: this post is" in response.text


def test_published_posts_show_no_preview_notice_to_staff(staff_client):
    post = PostFactory()

    response = staff_client.get(post.get_absolute_url())

    assert "Preview:" not in response.text


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_are_missing_from_every_list(client, state):
    post = PostFactory(**{state: True}, title="Secret draft")
    PostFactory(series=post.series)

    pages = ["/", f"/{post.published_at.year}/"]

    for page in pages:
        assert "Secret draft" not in client.get(page).text


def test_a_scheduled_post_appears_once_its_time_passes(client):
    publish_at = timezone.now() + timezone.timedelta(hours=2)
    post = PostFactory(title="Tomorrow's news", published_at=publish_at)

    before = client.get("/")
    with time_machine.travel(publish_at + timezone.timedelta(seconds=1)):
        after = client.get("/")
        detail = client.get(post.get_absolute_url())

    assert "Tomorrow&#39;s news" not in before.text
    assert "Tomorrow&#39;s news" in after.text
    assert detail.status_code == HTTPStatus.OK


@pytest.mark.parametrize("state", [None, *HIDDEN_STATES])
def test_a_posts_is_published_says_what_published_finds(state):
    post = PostFactory(**({state: True} if state else {}))
    just_due = PostFactory(published_at=timezone.now())

    for one in (post, just_due):
        assert one.is_published == Post.objects.published().filter(pk=one.pk).exists()


@pytest.mark.parametrize("published", [True, False])
def test_a_pages_is_published_says_what_published_finds(published):
    page = PageFactory(is_published=published)

    assert page.is_published == Page.objects.published().filter(pk=page.pk).exists()


def test_published_manager_method_is_the_only_visibility_rule():
    visible = PostFactory()
    for state in HIDDEN_STATES:
        PostFactory(**{state: True})

    assert list(Post.objects.published()) == [visible]


# Roles (posts.roles): staff preview what they work on.


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_writers_preview_their_own_hidden_posts(client, state):
    contributor = UserFactory(is_staff=True, roles=[CONTRIBUTOR])
    post = PostFactory(**{state: True}, author=contributor)
    client.force_login(contributor)

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("role", [AUTHOR, CONTRIBUTOR])
def test_authors_and_contributors_cannot_read_another_writers_draft(client, role):
    post = PostFactory(draft=True, author=UserFactory())
    client.force_login(UserFactory(is_staff=True, roles=[role]))

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_editors_preview_every_writers_draft(client):
    post = PostFactory(draft=True, author=UserFactory())
    client.force_login(UserFactory(is_staff=True, roles=[EDITOR]))

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.OK


def test_writers_read_everyones_published_posts(client):
    post = PostFactory(author=UserFactory())
    client.force_login(UserFactory(is_staff=True, roles=[CONTRIBUTOR]))

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.OK


def test_only_editors_preview_unpublished_pages(client):
    page = PageFactory(unpublished=True)
    client.force_login(UserFactory(is_staff=True, roles=[AUTHOR]))

    response = client.get(page.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND
