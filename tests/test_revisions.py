from http import HTTPStatus

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from greatleaders.page_cache import STATUS_HEADER
from posts.importers.wxr import import_wxr
from posts.models import Page, Post
from posts.revisions.diff import compare_words, html_words, text_words
from posts.revisions.history import (
    FIRST_REVISION_NOTE,
    revisions_of,
    save_without_revision,
)
from tests.factories import CommentFactory, PageFactory, PostFactory, UserFactory
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db


def post_form(post, **changes):
    published = timezone.localtime(post.published_at)
    data = {
        "title": post.title,
        "slug": post.slug,
        "body": post.body,
        "excerpt": post.excerpt,
        "status": post.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "comments_open": "on",
        "tags": "",
        "series_position": "0",
        # The change page's inline of correction notes, left empty.
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | changes


def edit(admin_client, post, **changes):
    """Save `post` from its admin page with `changes` made."""
    response = admin_client.post(
        reverse("admin:posts_post_change", args=[post.pk]), post_form(post, **changes)
    )
    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    return post


def written(admin_client, **fields):
    """A post written in the admin, so that it has its first revision."""
    post = PostFactory.build(**fields)
    admin_client.post(reverse("admin:posts_post_add"), post_form(post))
    return Post.objects.get(slug=post.slug)


def compare_url(post, old, new):
    url = reverse("admin:posts_post_compare_revisions", args=[post.pk])
    return f"{url}?old={old.pk}&new={new.pk}"


def restore_url(post, version):
    return reverse("admin:posts_post_restore_revision", args=[post.pk, version.pk])


# Keeping revisions


def test_saving_a_post_in_the_admin_keeps_a_revision_with_who_and_when(
    admin_client, editor
):
    before = timezone.now()

    post = written(admin_client, title="The Thaw")

    (version,) = revisions_of(post)
    assert version.revision.user == editor
    assert version.revision.date_created >= before
    assert version.field_dict["title"] == "The Thaw"


def test_each_save_in_the_admin_keeps_one_more_revision_noted_with_what_changed(
    admin_client,
):
    post = written(admin_client)

    edit(admin_client, post, body="<p>A new text.</p>")

    newest, first = revisions_of(post)
    assert newest.field_dict["body"] == "<p>A new text.</p>"
    assert "Body" in newest.revision.get_comment()
    assert first.revision.get_comment() == "Added."


def test_saving_a_page_in_the_admin_keeps_a_revision(admin_client, editor):
    page = PageFactory()

    admin_client.post(
        reverse("admin:posts_page_change", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "body": "<p>Contact us by post.</p>",
            "description": "",
            "is_published": "on",
            "navigation_order": "0",
        },
    )

    newest = revisions_of(page).first()
    assert newest.revision.user == editor
    assert newest.field_dict["body"] == "<p>Contact us by post.</p>"


def test_the_first_edit_of_a_post_without_revisions_keeps_its_text_before_the_edit(
    admin_client,
):
    post = PostFactory(body="<p>As imported.</p>")

    edit(admin_client, post, body="<p>Edited.</p>")

    newest, first = revisions_of(post)
    assert first.field_dict["body"] == "<p>As imported.</p>"
    assert first.revision.get_comment() == FIRST_REVISION_NOTE
    assert first.revision.user is None
    assert newest.field_dict["body"] == "<p>Edited.</p>"


def test_saves_outside_the_admin_keep_no_revision():
    post = PostFactory()

    post.body = "<p>Changed in code.</p>"
    post.save()

    assert not Version.objects.exists()


def test_saving_without_a_revision_keeps_none_even_inside_a_revision_block():
    post = PostFactory()

    with reversion.create_revision():
        post.body = "<p>Autosaved.</p>"
        save_without_revision(post)

    assert not Version.objects.exists()


def test_importing_a_wordpress_file_keeps_no_revision():
    import_wxr(wxr("site.xml"))

    assert Post.objects.exists()
    assert Page.objects.exists()
    assert not Version.objects.exists()


# The history page


def test_the_history_page_lists_revisions_with_who_when_and_note(admin_client):
    post = written(admin_client)
    edit(admin_client, post, title="A better title")

    response = admin_client.get(reverse("admin:posts_post_history", args=[post.pk]))

    assert response.status_code == HTTPStatus.OK
    rows = response.text.split("<tbody>")[1]
    assert rows.count("<tr>") == 2
    assert rows.count("editor") == 2
    assert "Changed Title" in rows
    assert "Restore" in rows


def test_comparing_two_revisions_shows_deleted_and_inserted_words(admin_client):
    post = written(admin_client, body="<p>Khrushchev visited the farm in Iowa.</p>")
    edit(admin_client, post, body="<p>Khrushchev visited a farm in Iowa.</p>")
    newest, oldest = revisions_of(post)

    response = admin_client.get(compare_url(post, oldest, newest))

    assert response.status_code == HTTPStatus.OK
    assert "<p>Khrushchev visited <del>the</del> <ins>a</ins> farm in Iowa.</p>" in (
        response.text
    )


def test_revisions_picked_newest_first_are_compared_oldest_first(admin_client):
    post = written(admin_client, title="Kennedy")
    edit(admin_client, post, title="Kennedy and Khrushchev")
    newest, oldest = revisions_of(post)

    response = admin_client.get(compare_url(post, newest, oldest))

    assert "Kennedy <ins>and Khrushchev</ins>" in response.text


def test_html_in_a_body_shows_escaped_in_the_comparison(admin_client):
    post = written(admin_client, body="<p>Plain.</p>")
    edit(admin_client, post, body="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    newest, oldest = revisions_of(post)

    response = admin_client.get(compare_url(post, oldest, newest))

    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in response.text
    assert "<script>alert" not in response.text


def test_comparing_a_revision_of_another_post_is_refused(admin_client):
    post = written(admin_client)
    other = written(admin_client)

    response = admin_client.get(
        compare_url(post, revisions_of(post).get(), revisions_of(other).get())
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("admin:posts_post_history", args=[post.pk])


# Restoring


def test_restoring_a_revision_brings_back_its_text_as_a_new_revision(
    admin_client, editor
):
    post = written(admin_client, title="First title", body="<p>First text.</p>")
    edit(admin_client, post, title="Second title", body="<p>Second text.</p>")
    first = revisions_of(post).last()

    response = admin_client.post(restore_url(post, first))

    post.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert (post.title, post.body) == ("First title", "<p>First text.</p>")
    newest = revisions_of(post).first()
    assert revisions_of(post).count() == 3
    assert newest.revision.user == editor
    assert newest.revision.get_comment().startswith("Restored the revision of")


def test_restoring_leaves_status_and_comment_counts_as_they_are(admin_client):
    post = written(admin_client, status=Post.Status.DRAFT)
    edit(admin_client, post, body="<p>Ready.</p>", status=Post.Status.PUBLISHED)
    CommentFactory(post=post)
    first = revisions_of(post).last()

    admin_client.post(restore_url(post, first))

    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert post.comment_count == 1


def test_readers_see_the_restored_text_at_once(
    admin_client, client, django_capture_on_commit_callbacks
):
    post = written(admin_client, body="<p>The original telling.</p>")
    edit(admin_client, post, body="<p>A rewrite nobody liked.</p>")
    client.get(post.get_absolute_url())
    assert client.get(post.get_absolute_url()).headers.get(STATUS_HEADER) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(restore_url(post, revisions_of(post).last()))

    response = client.get(post.get_absolute_url())
    assert "The original telling." in response.text
    assert "nobody liked" not in response.text


def test_restoring_is_refused_to_a_get(admin_client):
    post = written(admin_client)

    response = admin_client.get(restore_url(post, revisions_of(post).get()))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


# Who may


@pytest.mark.parametrize("method", ["history", "compare", "restore"])
def test_a_user_who_is_not_staff_cannot_see_or_restore_revisions(admin_client, method):
    post = written(admin_client, body="<p>Secret draft.</p>")
    version = revisions_of(post).get()
    reader = Client()
    reader.force_login(UserFactory(username="reader"))
    requests = {
        "history": lambda: reader.get(
            reverse("admin:posts_post_history", args=[post.pk])
        ),
        "compare": lambda: reader.get(compare_url(post, version, version)),
        "restore": lambda: reader.post(restore_url(post, version)),
    }

    response = requests[method]()

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    assert revisions_of(post).count() == 1


# Comparing words


def test_words_of_a_body_are_its_text_with_a_break_between_blocks():
    words = html_words("<h2>Thirteen days</h2><p>In <em>October</em> 1962.</p>")

    assert words == ["Thirteen", "days", "\n", "In", "October", "1962."]


def test_a_paragraph_break_added_is_marked():
    paragraphs = compare_words(text_words("One two"), text_words("One\ntwo"))

    assert [[(run.kind, run.text) for run in runs] for runs in paragraphs] == [
        [("equal", "One"), ("insert", "¶")],
        [("equal", "two")],
    ]
