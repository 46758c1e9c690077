"""Autosaves of posts (posts.autosaves): kept beside the post for each
writer, offered back on the post's page, and never a revision; and a form
sent back with an error keeps what was typed."""

from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from posts.models import Autosave, Post
from posts.roles import AUTHOR, CONTRIBUTOR
from tests.factories import PageFactory, PostFactory, UserFactory
from tests.test_revisions import post_form
from tests.test_roles_admin import signed_in

pytestmark = pytest.mark.django_db

TYPED = {
    "title": "The Berlin Airlift",
    "excerpt": "Supplies by air.",
    "body": "<p>For eleven months, aircraft fed a city.</p>",
}


def autosave_url(post):
    return reverse("admin:posts_post_autosave", args=[post.pk])


def change_url(post):
    return reverse("admin:posts_post_change", args=[post.pk])


def later(minutes=1):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes))


def test_an_autosave_is_kept_beside_the_post_and_readers_still_see_the_saved_text(
    admin_client, editor, client
):
    post = PostFactory(title="Airlift", body="<p>Saved text.</p>")

    response = admin_client.post(autosave_url(post), TYPED)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["saved_at"] == timezone.localtime().strftime("%H:%M")
    autosave = Autosave.objects.get(post=post, user=editor)
    assert (autosave.title, autosave.body) == (TYPED["title"], TYPED["body"])
    post.refresh_from_db()
    assert post.body == "<p>Saved text.</p>"
    assert "Saved text." in client.get(post.get_absolute_url()).text


def test_autosaves_keep_no_revision(admin_client):
    post = PostFactory()

    admin_client.post(autosave_url(post), TYPED)
    admin_client.post(autosave_url(post), TYPED | {"body": "<p>More.</p>"})

    assert not Version.objects.get_for_object(post).exists()


def test_a_writer_keeps_one_autosave_per_post_the_latest(admin_client, editor):
    post = PostFactory()

    admin_client.post(autosave_url(post), TYPED)
    admin_client.post(autosave_url(post), TYPED | {"body": "<p>Latest.</p>"})

    assert list(Autosave.objects.values_list("body", flat=True)) == ["<p>Latest.</p>"]


def test_an_autosaved_body_is_sanitised(admin_client):
    post = PostFactory()

    admin_client.post(
        autosave_url(post),
        TYPED | {"body": '<p onclick="x()">Hi</p><script>x()</script>'},
    )

    assert Autosave.objects.get().body == "<p>Hi</p>"


def test_a_title_too_long_is_refused_and_nothing_is_kept(admin_client):
    post = PostFactory()

    response = admin_client.post(autosave_url(post), TYPED | {"title": "x" * 301})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "title" in response.json()["errors"]
    assert not Autosave.objects.exists()


def test_a_contributor_cannot_autosave_into_anothers_post():
    _, client = signed_in(CONTRIBUTOR, "contributor")
    post = PostFactory(draft=True, author=UserFactory(username="someone-else"))

    response = client.post(autosave_url(post), TYPED)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Autosave.objects.exists()


def test_a_contributor_cannot_autosave_their_post_once_published():
    contributor, client = signed_in(CONTRIBUTOR, "contributor")
    post = PostFactory(author=contributor)

    response = client.post(autosave_url(post), TYPED)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Autosave.objects.exists()


def test_a_contributor_autosaves_their_own_draft():
    contributor, client = signed_in(CONTRIBUTOR, "contributor")
    post = PostFactory(draft=True, author=contributor)

    response = client.post(autosave_url(post), TYPED)

    assert response.status_code == HTTPStatus.OK
    assert Autosave.objects.get().user == contributor


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_kept(client):
    post = PostFactory()

    response = client.post(autosave_url(post), TYPED)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Autosave.objects.exists()


def test_an_autosave_without_the_csrf_token_is_refused(editor):
    post = PostFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(autosave_url(post), TYPED)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Autosave.objects.exists()


def test_an_autosave_is_only_sent_not_fetched(admin_client):
    response = admin_client.get(autosave_url(PostFactory()))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_the_posts_page_offers_an_autosave_newer_than_the_post(admin_client):
    post = PostFactory()
    with later():
        admin_client.post(autosave_url(post), TYPED)

        response = admin_client.get(change_url(post))

    assert "There is an autosave of this post" in response.text
    assert "Restore the autosave" in response.text


def test_restoring_puts_the_autosave_in_the_form_and_leaves_the_post_alone(
    admin_client,
):
    post = PostFactory(body="<p>Saved text.</p>")
    with later():
        admin_client.post(autosave_url(post), TYPED)

        response = admin_client.get(change_url(post) + "?autosave=restore")

    form = response.context["adminform"].form
    assert form.initial["body"] == TYPED["body"]
    assert form.initial["title"] == TYPED["title"]
    assert "is in the form below: save the post to keep it" in response.text
    post.refresh_from_db()
    assert post.body == "<p>Saved text.</p>"


def test_dismissing_removes_the_autosave_and_its_offer(admin_client):
    post = PostFactory()
    with later():
        admin_client.post(autosave_url(post), TYPED)

        response = admin_client.post(
            reverse("admin:posts_post_dismiss_autosave", args=[post.pk]), follow=True
        )

    assert not Autosave.objects.exists()
    assert "The autosave was dismissed." in response.text
    assert "There is an autosave of this post" not in response.text


def test_saving_the_post_removes_the_writers_autosave(admin_client):
    post = PostFactory()
    admin_client.post(autosave_url(post), TYPED)

    with later():
        admin_client.post(change_url(post), post_form(post, **TYPED))

    assert not Autosave.objects.exists()
    post.refresh_from_db()
    assert post.body == TYPED["body"]


def test_an_autosave_older_than_the_post_is_not_offered(admin_client, editor):
    post = PostFactory()
    Autosave.objects.keep(post, editor, **TYPED)
    with later():
        post.save()

        response = admin_client.get(change_url(post))

    assert "There is an autosave" not in response.text


def test_a_writer_is_not_offered_another_writers_autosave(admin_client):
    post = PostFactory()
    Autosave.objects.keep(post, UserFactory(username="other"), **TYPED)

    with later():
        response = admin_client.get(change_url(post))

    assert "There is an autosave" not in response.text


def test_the_posts_page_tells_its_script_where_to_autosave_and_how_often(
    admin_client, settings
):
    settings.AUTOSAVE_SECONDS = 20
    post = PostFactory()

    response = admin_client.get(change_url(post))

    assert f'data-autosave-url="{autosave_url(post)}"' in response.text
    assert 'data-interval="20"' in response.text
    assert "js/writing.js" in response.text


def test_a_new_post_is_kept_in_the_browser_only_apart_for_each_user(
    admin_client, editor
):
    response = admin_client.get(reverse("admin:posts_post_add"))

    assert 'data-autosave-url=""' in response.text
    assert f'data-storage-key="{editor.pk}:posts.post:new"' in response.text


def test_a_page_has_the_writing_tools_without_autosave_on_the_site(
    admin_client, editor
):
    page = PageFactory()

    response = admin_client.get(reverse("admin:posts_page_change", args=[page.pk]))

    assert f'data-storage-key="{editor.pk}:posts.page:{page.pk}"' in response.text
    assert 'data-autosave-url=""' in response.text


def test_a_missing_title_sends_the_form_back_with_the_body_as_typed(admin_client):
    post = PostFactory(body="<p>Saved text.</p>")
    typed = "<p>Typed since, and not to be lost.</p>"

    response = admin_client.post(
        change_url(post), post_form(post, title="", body=typed)
    )

    assert response.status_code == HTTPStatus.OK
    assert "This field is required." in response.text
    assert response.context["adminform"].form["body"].value() == typed
    post.refresh_from_db()
    assert post.body == "<p>Saved text.</p>"


def test_a_taken_slug_sends_the_form_back_with_the_body_as_typed(admin_client):
    PostFactory(slug="taken")
    post = PostFactory(body="<p>Saved text.</p>")
    typed = "<p>Typed since, and not to be lost.</p>"

    response = admin_client.post(
        change_url(post), post_form(post, slug="taken", body=typed)
    )

    assert "Post with this Slug already exists." in response.text
    assert response.context["adminform"].form["body"].value() == typed


def test_a_form_sent_back_with_an_error_offers_no_autosave_over_it(admin_client):
    post = PostFactory()
    with later():
        admin_client.post(autosave_url(post), TYPED)

        response = admin_client.post(change_url(post), post_form(post, title=""))

    assert "There is an autosave" not in response.text


def test_an_author_autosaves_their_published_post():
    author, client = signed_in(AUTHOR, "author")
    post = PostFactory(author=author, status=Post.Status.PUBLISHED)

    response = client.post(autosave_url(post), TYPED)

    assert response.status_code == HTTPStatus.OK


def test_a_post_the_writer_may_only_view_offers_no_autosave():
    contributor, client = signed_in(CONTRIBUTOR, "contributor")
    post = PostFactory(author=contributor)

    response = client.get(change_url(post))

    assert response.status_code == HTTPStatus.OK
    assert 'data-autosave-url=""' in response.text
