"""Each role in the post admin: what it may do, and the requests written by
hand that must fail."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from posts.models import Post
from posts.revisions.history import revisions_of
from posts.roles import AUTHOR, CONTRIBUTOR, EDITOR
from tests.factories import CommentFactory, PostFactory, SeriesFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:posts_post_changelist")
ADD = reverse("admin:posts_post_add")


def signed_in(role, username):
    user = UserFactory(is_staff=True, username=username, roles=[role])
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def editor():
    return signed_in(EDITOR, "editor")


@pytest.fixture
def author():
    return signed_in(AUTHOR, "author")


@pytest.fixture
def contributor():
    return signed_in(CONTRIBUTOR, "contributor")


@pytest.fixture
def someone_else():
    return UserFactory(username="someone-else")


def post_form(post=None, **overrides):
    published = timezone.localtime(post.published_at if post else timezone.now())
    data = {
        "title": post.title if post else "The Long March",
        "slug": post.slug if post else "the-long-march",
        "body": "<p>Twelve thousand kilometres on foot.</p>",
        "excerpt": "",
        "status": post.status if post else Post.Status.DRAFT,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "comments_open": "on",
        "tags": "",
        "series_position": "0",
        # The change page's inline of correction notes, left empty.
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | overrides


def change_url(post):
    return reverse("admin:posts_post_change", args=[post.pk])


def delete_url(post):
    return reverse("admin:posts_post_delete", args=[post.pk])


def act(client, action, *posts):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [post.pk for post in posts]},
        follow=True,
    )


def status_of(post):
    post.refresh_from_db()
    return post.status


# Editors: everyone's posts.


def test_an_editor_changes_another_writers_post_and_its_author(editor, someone_else):
    user, client = editor
    post = PostFactory(author=someone_else, pending=True)

    response = client.post(
        change_url(post), post_form(post, title="Revised", author=user.pk)
    )

    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    assert (post.title, post.author) == ("Revised", user)


def test_an_editor_publishes_a_contributors_post_in_review_with_the_bulk_action(
    editor, someone_else, client
):
    _, staff = editor
    post = PostFactory(author=someone_else, pending=True)

    act(staff, "publish", post)

    assert status_of(post) == Post.Status.PUBLISHED
    assert post.title in client.get("/").text


def test_an_editor_deletes_another_writers_post(editor, someone_else):
    _, client = editor
    post = PostFactory(author=someone_else)

    client.post(delete_url(post), {"post": "yes"})

    assert not Post.objects.filter(pk=post.pk).exists()


def test_an_editor_sees_the_comments_awaiting_moderation(editor):
    _, client = editor
    CommentFactory(pending=True)

    index = client.get(reverse("admin:index"))

    assert "awaiting moderation" in index.text


# Authors: their own posts, published if they wish.


def test_an_author_publishes_their_own_post_as_its_author(author, someone_else):
    user, client = author

    client.post(ADD, post_form(status=Post.Status.PUBLISHED, author=someone_else.pk))

    post = Post.objects.get(slug="the-long-march")
    assert (post.status, post.author) == (Post.Status.PUBLISHED, user)


def test_an_author_lists_only_their_own_posts(author, someone_else):
    user, client = author
    PostFactory(author=user, title="Mine")
    PostFactory(author=someone_else, title="Theirs")

    response = client.get(CHANGELIST)

    assert "Mine" in response.text
    assert "Theirs" not in response.text


def test_another_writers_post_is_not_found_through_a_crafted_change_address(
    author, someone_else
):
    _, client = author
    post = PostFactory(author=someone_else, draft=True)

    opened = client.get(change_url(post))
    posted = client.post(change_url(post), post_form(post, title="Hijacked"))

    for response in (opened, posted):
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == reverse("admin:index")
    post.refresh_from_db()
    assert post.title != "Hijacked"


def test_an_author_cannot_delete_another_writers_post(author, someone_else):
    _, client = author
    post = PostFactory(author=someone_else)

    client.post(delete_url(post), {"post": "yes"})
    act(client, "delete_selected", post)

    assert Post.objects.filter(pk=post.pk).exists()


def test_an_author_cannot_publish_another_writers_post_with_the_bulk_action(
    author, someone_else
):
    _, client = author
    post = PostFactory(author=someone_else, pending=True)

    act(client, "publish", post)

    assert status_of(post) == Post.Status.PENDING


def test_an_author_deletes_their_own_published_post(author):
    user, client = author
    post = PostFactory(author=user)

    client.post(delete_url(post), {"post": "yes"})

    assert not Post.objects.filter(pk=post.pk).exists()


def test_an_author_is_not_shown_the_comments_awaiting_moderation(author):
    _, client = author
    CommentFactory(pending=True)

    index = client.get(reverse("admin:index"))
    comments = client.get(reverse("admin:posts_comment_changelist"))

    assert "awaiting moderation" not in index.text
    assert comments.status_code == HTTPStatus.FORBIDDEN


# Contributors: their own drafts, submitted for review.


def test_a_contributor_submits_a_draft_for_review(contributor, client):
    user, staff = contributor

    staff.post(ADD, post_form(status=Post.Status.PENDING))

    post = Post.objects.get(slug="the-long-march")
    assert (post.status, post.author) == (Post.Status.PENDING, user)
    assert client.get(post.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_contributors_form_offers_draft_and_review_only(contributor):
    _, client = contributor

    response = client.get(ADD)

    choices = response.context["adminform"].form.fields["status"].choices
    assert [value for value, _ in choices] == ["draft", "pending"]


def test_a_contributors_crafted_published_status_is_refused_and_nothing_saved(
    contributor,
):
    _, client = contributor

    response = client.post(
        ADD, post_form(status=Post.Status.PUBLISHED, title="Keep this title")
    )

    assert response.status_code == HTTPStatus.OK
    assert "status" in response.context["adminform"].form.errors
    assert "Keep this title" in response.text
    assert not Post.objects.exists()


def test_a_contributor_cannot_publish_their_draft_with_a_crafted_status(contributor):
    user, client = contributor
    post = PostFactory(author=user, draft=True)

    client.post(change_url(post), post_form(post, status=Post.Status.PUBLISHED))

    assert status_of(post) == Post.Status.DRAFT


def test_a_contributor_is_not_offered_the_publish_action_and_a_crafted_one_fails(
    contributor,
):
    user, client = contributor
    post = PostFactory(author=user, pending=True)

    listed = client.get(CHANGELIST)
    act(client, "publish", post)

    assert "Publish selected posts" not in listed.text
    assert status_of(post) == Post.Status.PENDING


def test_a_contributor_may_not_change_their_post_once_published(contributor):
    user, client = contributor
    post = PostFactory(author=user)

    opened = client.get(change_url(post))
    posted = client.post(change_url(post), post_form(post, title="Changed"))

    assert opened.status_code == HTTPStatus.OK
    assert not opened.context["has_change_permission"]
    assert posted.status_code == HTTPStatus.FORBIDDEN
    post.refresh_from_db()
    assert post.title != "Changed"


def test_a_contributors_published_post_is_left_alone_by_the_draft_action(
    contributor,
):
    user, client = contributor
    post = PostFactory(author=user)

    response = act(client, "move_to_draft", post)

    assert status_of(post) == Post.Status.PUBLISHED
    assert "you may not change them" in response.text


def test_a_contributor_deletes_their_draft_but_not_their_published_post(
    contributor,
):
    user, client = contributor
    draft = PostFactory(author=user, draft=True)
    published = PostFactory(author=user)

    client.post(delete_url(draft), {"post": "yes"})
    refused = client.post(delete_url(published), {"post": "yes"})
    bulk = client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [published.pk],
            "post": "yes",
        },
    )

    assert not Post.objects.filter(pk=draft.pk).exists()
    assert refused.status_code == bulk.status_code == HTTPStatus.FORBIDDEN
    assert Post.objects.filter(pk=published.pk).exists()


def test_a_contributor_may_not_write_pages(contributor):
    _, client = contributor

    response = client.get(reverse("admin:posts_page_add"))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_another_writers_draft_cannot_be_shared_through_a_crafted_address(
    author, someone_else
):
    _, client = author
    post = PostFactory(author=someone_else, draft=True)
    address = reverse("admin:posts_post_shared_previews", args=[post.pk])

    response = client.post(address, {"share": "1"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not post.preview_links.exists()


def test_a_contributor_is_not_offered_to_share_a_post_they_may_not_change(
    contributor,
):
    user, client = contributor
    post = PostFactory(author=user, scheduled=True)

    response = client.get(change_url(post))

    assert "Share preview" not in response.text


def test_a_series_shows_an_author_its_published_parts_and_their_own_only(
    author, someone_else
):
    user, client = author
    series = SeriesFactory()
    PostFactory(series=series, author=someone_else, title="Out already")
    PostFactory(series=series, author=someone_else, draft=True, title="Not yet")
    PostFactory(series=series, author=user, draft=True, title="My next part")

    response = client.get(reverse("admin:posts_series_change", args=[series.pk]))

    assert "Out already" in response.text
    assert "My next part" in response.text
    assert "Not yet" not in response.text


# Revisions follow the same rules as the post.


@pytest.mark.parametrize("view", ["history", "restore"])
def test_an_author_can_neither_read_nor_restore_the_revisions_of_anothers_post(
    editor, author, someone_else, view
):
    _, editing = editor
    _, writing = author
    post = PostFactory(author=someone_else, title="The Thaw")
    editing.post(change_url(post), post_form(post, title="The Thaw, revised"))
    version = revisions_of(post).first()

    if view == "history":
        response = writing.get(reverse("admin:posts_post_history", args=[post.pk]))
    else:
        response = writing.post(
            reverse("admin:posts_post_restore_revision", args=[post.pk, version.pk])
        )

    assert response.status_code == HTTPStatus.NOT_FOUND
    post.refresh_from_db()
    assert post.title == "The Thaw, revised"
