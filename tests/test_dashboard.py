"""The admin's front page, the dashboard: each panel for each role, its
forms, and the requests written by hand that must fail."""

from http import HTTPStatus

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from posts.models import Comment, Post
from posts.roles import AUTHOR, CONTRIBUTOR, EDITOR
from tests.factories import CommentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:index")
QUICK_DRAFT = reverse("admin:dashboard_quick_draft")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def writer(role, username):
    return UserFactory(is_staff=True, username=username, roles=[role])


@pytest.fixture
def editor():
    return writer(EDITOR, "editor")


@pytest.fixture
def author():
    return writer(AUTHOR, "author")


@pytest.fixture
def contributor():
    return writer(CONTRIBUTOR, "contributor")


def moderate(client, comment, decision):
    url = reverse("admin:dashboard_moderate_comment", args=[comment.pk])
    return client.post(url, {"decision": decision})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def logged(user, post):
    return LogEntry.objects.log_actions(
        user.pk, [post], ADDITION, change_message=[{"added": {}}], single_object=True
    )


def test_an_editor_sees_everyones_drafts_and_posts_in_review_their_own_first(
    editor, author
):
    others = PostFactory(draft=True, author=author, title="Someone's draft")
    own = PostFactory(pending=True, author=editor, title="My post in review")
    PostFactory(title="Already out")

    response = signed_in(editor).get(DASHBOARD)

    assert response.context["in_progress"] == [own, others]


def test_a_contributor_sees_only_their_own_drafts_and_scheduled_posts(
    contributor, author
):
    own = PostFactory(draft=True, author=contributor, title="My own draft")
    PostFactory(draft=True, author=author, title="Another writer's draft")
    PostFactory(scheduled=True, author=author, title="Another writer's plan")

    response = signed_in(contributor).get(DASHBOARD)

    assert response.context["in_progress"] == [own]
    assert response.context["scheduled"] == []
    assert "Another writer" not in response.text


def test_an_author_sees_their_scheduled_posts_with_their_dates_soonest_first(author):
    later = PostFactory(scheduled=True, author=author)
    sooner = PostFactory(
        author=author, published_at=timezone.now() + timezone.timedelta(hours=1)
    )
    PostFactory(author=author, title="Published already")

    response = signed_in(author).get(DASHBOARD)

    assert response.context["scheduled"] == [sooner, later]
    assert f'datetime="{sooner.published_at.isoformat()}"' in response.text
    assert "Published already" not in response.text


def test_a_moderator_sees_the_comments_awaiting_moderation_with_their_count(editor):
    held = CommentFactory.create_batch(3, pending=True)
    CommentFactory(text="Approved long ago.")

    response = signed_in(editor).get(DASHBOARD)

    assert response.context["held_comments"] == held[::-1]
    assert "3 comments awaiting moderation" in response.text
    assert "Approved long ago." not in response.text


def test_authors_and_contributors_get_no_moderation_panel(author, contributor):
    CommentFactory(pending=True, text="Held for review.")

    for user in (author, contributor):
        response = signed_in(user).get(DASHBOARD)

        assert response.context["held_comments"] is None
        assert "Held for review." not in response.text


def test_approving_from_the_dashboard_publishes_the_comment_and_comes_back(
    editor, client
):
    comment = CommentFactory(pending=True, author_name="Nikita")

    response = moderate(signed_in(editor), comment, "approve")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == DASHBOARD
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert Post.objects.get(pk=comment.post_id).comment_count == 1
    assert messages_of(response) == ["The comment by Nikita is approved."]


def test_marking_spam_from_the_dashboard_takes_the_comment_out_of_the_queue(editor):
    comment = CommentFactory(pending=True)

    moderate(signed_in(editor), comment, "spam")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM


def test_an_author_posting_approve_by_hand_is_refused(author):
    comment = CommentFactory(pending=True, post=PostFactory(author=author))

    response = moderate(signed_in(author), comment, "approve")

    assert response.status_code == HTTPStatus.FORBIDDEN
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_moderation_answers_only_posts_with_a_known_decision(editor):
    comment = CommentFactory(pending=True)
    client = signed_in(editor)
    url = reverse("admin:dashboard_moderate_comment", args=[comment.pk])

    assert client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert moderate(client, comment, "trash").status_code == HTTPStatus.BAD_REQUEST
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_moderation_asks_for_the_csrf_token(editor):
    comment = CommentFactory(pending=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = moderate(client, comment, "approve")

    assert response.status_code == HTTPStatus.FORBIDDEN
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_quick_draft_is_saved_as_the_writers_draft_with_a_link_to_the_editor(
    contributor,
):
    client = signed_in(contributor)

    response = client.post(
        QUICK_DRAFT,
        {"title": "The Virgin Lands", "text": "Wheat in Kazakhstan.\n\n<b>Maize</b>."},
    )

    post = Post.objects.get(title="The Virgin Lands")
    assert (post.status, post.author, post.slug) == (
        Post.Status.DRAFT,
        contributor,
        "the-virgin-lands",
    )
    assert (
        post.body == "<p>Wheat in Kazakhstan.</p>\n\n<p>&lt;b&gt;Maize&lt;/b&gt;.</p>"
    )
    assert response["Location"] == DASHBOARD
    editor_url = reverse("admin:posts_post_change", args=[post.pk])
    assert f'href="{editor_url}"' in messages_of(response)[0]
    assert client.get(DASHBOARD).context["in_progress"] == [post]


def test_a_quick_draft_whose_title_is_taken_gets_a_slug_of_its_own(author):
    PostFactory(title="Peace", slug="peace")

    signed_in(author).post(QUICK_DRAFT, {"title": "Peace", "text": ""})

    assert Post.objects.get(author=author).slug == "peace-2"


def test_a_quick_draft_without_a_title_keeps_the_text_and_says_why(author):
    response = signed_in(author).post(
        QUICK_DRAFT, {"title": "  ", "text": "Words worth keeping."}
    )

    assert response.status_code == HTTPStatus.OK
    assert not Post.objects.exists()
    assert "This field is required." in response.text
    assert "Words worth keeping.</textarea>" in response.text


def test_staff_who_may_not_write_get_no_quick_draft_and_cannot_post_one():
    bystander = UserFactory(is_staff=True, username="bystander")
    client = signed_in(bystander)

    assert client.get(DASHBOARD).context["quick_draft"] is None
    response = client.post(QUICK_DRAFT, {"title": "Sneaked in"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Post.objects.exists()


def test_recent_activity_shows_an_editor_everyones_changes_to_the_blog(editor, author):
    draft = PostFactory(draft=True, author=author, title="A secret draft")
    logged(author, draft)

    response = signed_in(editor).get(DASHBOARD)

    assert [entry.object_repr for entry in response.context["activity"]] == [
        "A secret draft"
    ]


def test_recent_activity_shows_others_only_their_own_changes(author, contributor):
    logged(author, PostFactory(draft=True, author=author, title="A secret draft"))
    own = PostFactory(draft=True, author=contributor, title="My draft")
    logged(contributor, own)

    response = signed_in(contributor).get(DASHBOARD)

    assert [entry.object_repr for entry in response.context["activity"]] == ["My draft"]
    assert "A secret draft" not in response.text


def test_the_dashboard_costs_the_same_few_queries_however_much_it_lists(
    editor, django_assert_max_num_queries
):
    client = signed_in(editor)
    for author in UserFactory.create_batch(3):
        posts = PostFactory.create_batch(4, draft=True, author=author)
        PostFactory.create_batch(4, scheduled=True, author=author)
        for post in posts:
            CommentFactory.create_batch(2, pending=True, post=post)
            logged(author, post)

    with django_assert_max_num_queries(10):
        response = client.get(DASHBOARD)

    assert len(response.context["in_progress"]) == 8


def test_the_model_list_has_one_tags_entry_the_blogs():
    administrator = UserFactory(staff=True, username="administrator")

    response = signed_in(administrator).get(DASHBOARD)

    models = [
        model["name"] for app in response.context["app_list"] for model in app["models"]
    ]
    assert models.count("Tags") == 1
    assert reverse("admin:posts_tag_changelist") in response.text


def test_superusers_find_the_lockout_tables_last_under_security():
    administrator = UserFactory(staff=True, username="administrator")

    response = signed_in(administrator).get(DASHBOARD)

    last = response.context["app_list"][-1]
    assert last["app_label"] == "axes"
    assert last["name"] == "Security: failed log-ins and lockouts"
    assert {model["object_name"] for model in last["models"]} >= {"AccessAttempt"}


def test_editors_do_not_see_the_lockout_tables(editor):
    response = signed_in(editor).get(DASHBOARD)

    labels = [app["app_label"] for app in response.context["app_list"]]
    assert "axes" not in labels
    assert "Security" not in response.text


def test_anonymous_visitors_are_sent_to_log_in_rather_than_moderate(client):
    comment = CommentFactory(pending=True)

    response = moderate(client, comment, "approve")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_those_who_may_import_find_the_wordpress_import_on_the_dashboard(editor):
    administrator = UserFactory(staff=True, username="administrator")
    upload = reverse("admin:posts_wordpressimport_add")

    offered = signed_in(administrator).get(DASHBOARD)
    withheld = signed_in(editor).get(DASHBOARD)

    assert upload in offered.text
    assert upload not in withheld.text
