from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from posts.models import Comment
from tests.factories import CommentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:posts_comment_changelist")


@pytest.fixture
def moderator():
    return UserFactory(staff=True, first_name="Mod", last_name="Erator")


@pytest.fixture
def admin_client(moderator):
    staff = Client()
    staff.force_login(moderator)
    return staff


def listed(response):
    return list(response.context["cl"].result_list)


def test_the_queue_lists_pending_comments_first(admin_client):
    approved = CommentFactory()
    pending = CommentFactory(pending=True)
    newer_approved = CommentFactory()

    response = admin_client.get(CHANGELIST)

    assert listed(response) == [pending, newer_approved, approved]


def test_the_admin_index_shows_the_number_of_pending_comments(admin_client):
    CommentFactory.create_batch(3, pending=True)
    CommentFactory()

    response = admin_client.get(reverse("admin:index"))

    assert "3 comments awaiting moderation" in response.text


def test_the_reason_a_comment_was_held_shows_in_the_list(admin_client):
    CommentFactory(pending=True, status_reason="Contains 2 links.")

    response = admin_client.get(CHANGELIST)

    assert "Contains 2 links." in response.text


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("unapprove", Comment.Status.PENDING),
        ("mark_spam", Comment.Status.SPAM),
        ("trash", Comment.Status.TRASH),
    ],
)
def test_bulk_actions_set_the_status_of_the_selected_comments(
    admin_client, action, status
):
    chosen = CommentFactory.create_batch(2, pending=True)
    other = CommentFactory(pending=True)

    admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in chosen]}
    )

    assert {
        c.status for c in Comment.objects.filter(pk__in=[c.pk for c in chosen])
    } == {status}
    other.refresh_from_db()
    assert other.status == Comment.Status.PENDING


def test_an_approved_comment_appears_to_anonymous_readers(admin_client, client):
    comment = CommentFactory(pending=True, text="Held until now.")

    before = client.get(comment.post.get_absolute_url())
    admin_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]}
    )
    after = client.get(comment.post.get_absolute_url())

    assert "Held until now." not in before.text
    assert "Held until now." in after.text


def test_the_queue_filters_by_status_and_post_and_searches(admin_client):
    post = PostFactory()
    on_post = CommentFactory(post=post, pending=True, text="About the thaw")
    CommentFactory(pending=True, text="Elsewhere")
    CommentFactory(post=post, text="Approved one")

    by_status = admin_client.get(
        f"{CHANGELIST}?status__exact=pending&post__id__exact={post.pk}"
    )
    by_search = admin_client.get(f"{CHANGELIST}?q=thaw")

    assert listed(by_status) == [on_post]
    assert listed(by_search) == [on_post]


def test_a_moderator_edits_a_comment(admin_client):
    comment = CommentFactory(text="Typo teh")
    url = reverse("admin:posts_comment_change", args=[comment.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "post": comment.post_id,
        "text": "Typo the",
        "created_at_0": "2020-01-01",
        "created_at_1": "10:00",
    }

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert comment.text == "Typo the"
    assert comment.text_html == "<p>Typo the</p>"


def test_a_moderator_replies_from_the_admin_and_the_reply_is_public(
    admin_client, client
):
    comment = CommentFactory(author_name="Lev")
    url = reverse("admin:posts_comment_reply", args=[comment.pk])

    form_page = admin_client.get(url)
    response = admin_client.post(
        url, {"text": "Thank you, Lev.", "parent": comment.pk, "issued": ""}
    )

    assert "Reply to Lev" in form_page.text
    reply = Comment.objects.get(parent=comment)
    assert reply.status == Comment.Status.APPROVED
    assert reply.author_name == "Mod Erator"
    assert response["Location"] == reply.get_absolute_url()
    assert "Thank you, Lev." in client.get(comment.post.get_absolute_url()).text


def test_an_empty_admin_reply_is_refused_with_a_message(admin_client):
    comment = CommentFactory()

    response = admin_client.post(
        reverse("admin:posts_comment_reply", args=[comment.pk]),
        {"text": "", "parent": comment.pk},
    )

    assert "Please type your comment." in response.text
    assert Comment.objects.count() == 1


def test_readers_without_staff_rights_cannot_open_the_queue(client):
    client.force_login(UserFactory())

    response = client.get(CHANGELIST)

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]
