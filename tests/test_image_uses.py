"""A picture that posts or pages show is not deleted: the confirmation page
lists where it is used, linked to their admin pages, and deleting it is
refused until none shows it. Where it is used stays known however a body is
saved: in the admin, by restoring a revision, by an import."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from posts.importers.wxr import import_wxr
from posts.media.models import Image
from posts.media.uploads import add_image
from posts.revisions.history import restore, revisions_of
from tests.factories import PageFactory, PostFactory, saved_with
from tests.media_files import library_image, media_root, picture_bytes, upload
from tests.test_featured_images import figure
from tests.test_revisions import edit, written
from tests.test_wxr_media import EXPORT, uploads

pytestmark = pytest.mark.django_db

__all__ = ["library_image", "media_root", "uploads"]

CHANGELIST = reverse("admin:posts_image_changelist")


def delete_url(image):
    return reverse("admin:posts_image_delete", args=[image.pk])


def bulk_delete(client, *images, confirmed=True):
    data = {"action": "delete_selected", "_selected_action": [i.pk for i in images]}
    return client.post(CHANGELIST, data | ({"post": "yes"} if confirmed else {}))


def still_there(image):
    return Image.objects.filter(pk=image.pk).exists()


@pytest.fixture
def other_image(media_root):
    return add_image(upload(picture_bytes((400, 300))), alt_text="Red Square")


def test_the_confirmation_lists_the_posts_and_pages_showing_the_picture(
    admin_client, library_image
):
    featuring = PostFactory(title="The Thaw", featured_image=library_image)
    showing = PageFactory(title="About", body=figure(library_image))
    PostFactory(title="Unrelated")

    page = admin_client.get(delete_url(library_image))

    assert "cannot be deleted while posts or pages show it" in page.text
    post_url = reverse("admin:posts_post_change", args=[featuring.pk])
    page_url = reverse("admin:posts_page_change", args=[showing.pk])
    assert f'Post <a href="{post_url}">The Thaw</a> shows' in page.text
    assert "as its featured image" in page.text
    assert f'Page <a href="{page_url}">About</a> shows' in page.text
    assert "in its text" in page.text
    assert "Unrelated" not in page.text
    assert "choose another featured image" in page.text
    assert "Yes, I’m sure" not in page.text


def test_a_pictures_page_says_where_it_is_shown(admin_client, library_image):
    post = PostFactory(title="The Thaw", featured_image=library_image)
    change = reverse("admin:posts_image_change", args=[library_image.pk])

    shown = admin_client.get(change).text
    saved_with(post, featured_image=None)()
    unused = admin_client.get(change).text

    post_url = reverse("admin:posts_post_change", args=[post.pk])
    assert f'Post <a href="{post_url}">The Thaw</a> shows' in shown
    assert "No post or page shows it." in unused


@pytest.mark.parametrize("shown", ["featured", "post body", "page body"])
def test_deleting_a_picture_in_use_is_refused(admin_client, library_image, shown):
    if shown == "featured":
        PostFactory(featured_image=library_image)
    elif shown == "post body":
        PostFactory(body=figure(library_image))
    else:
        PageFactory(body=figure(library_image))

    response = admin_client.post(delete_url(library_image), {"post": "yes"})

    assert response.status_code == HTTPStatus.OK
    assert "cannot be deleted" in response.text
    assert still_there(library_image)


def test_a_picture_no_longer_shown_is_deleted(admin_client, library_image):
    post = PostFactory(body=figure(library_image))
    saved_with(post, body="<p>No picture now.</p>")()

    response = admin_client.post(delete_url(library_image), {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert not still_there(library_image)


def test_a_picture_is_deleted_once_the_post_showing_it_is(admin_client, library_image):
    post = PostFactory(featured_image=library_image, body=figure(library_image))
    admin_client.post(
        reverse("admin:posts_post_delete", args=[post.pk]), {"post": "yes"}
    )

    response = admin_client.post(delete_url(library_image), {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert not still_there(library_image)


def test_a_bulk_delete_with_a_picture_in_use_deletes_none(
    admin_client, library_image, other_image
):
    post = PostFactory(title="The Thaw", body=figure(library_image))

    confirmation = bulk_delete(
        admin_client, library_image, other_image, confirmed=False
    )
    response = bulk_delete(admin_client, library_image, other_image)

    post_url = reverse("admin:posts_post_change", args=[post.pk])
    assert f'<a href="{post_url}">The Thaw</a>' in confirmation.text
    assert "Red Square" not in confirmation.text.split('id="image-uses"')[1]
    assert "Yes, I’m sure" not in confirmation.text
    assert "cannot be deleted" in response.text
    assert still_there(library_image) and still_there(other_image)


def test_a_bulk_delete_of_pictures_no_one_shows_deletes_them(
    admin_client, library_image, other_image
):
    PostFactory(body="<p>No picture.</p>")

    response = bulk_delete(admin_client, library_image, other_image)

    assert response.status_code == HTTPStatus.FOUND
    assert not Image.objects.exists()


def test_saving_a_post_in_the_admin_records_the_pictures_its_text_shows(
    admin_client, library_image, other_image
):
    post = written(admin_client, body="<p>Plain.</p>")

    edit(admin_client, post, body=figure(library_image) + figure(other_image))
    both = set(post.body_images.all())
    edit(admin_client, post, body=figure(other_image))

    assert both == {library_image, other_image}
    assert list(post.body_images.all()) == [other_image]
    assert list(library_image.shown_in_posts.all()) == []


def test_restoring_a_revision_records_the_pictures_it_shows(
    admin_client, admin_user, library_image
):
    post = written(admin_client, body=figure(library_image))
    edit(admin_client, post, body="<p>The picture is gone.</p>")
    assert not post.body_images.exists()

    restore(post, revisions_of(post).last(), by=admin_user)

    refused = admin_client.post(delete_url(library_image), {"post": "yes"})
    assert list(post.body_images.all()) == [library_image]
    assert "cannot be deleted" in refused.text
    assert still_there(library_image)


def test_an_import_records_the_pictures_it_brings_along_as_used(
    uploads, media_root, admin_client
):
    import_wxr(EXPORT, uploads=uploads)

    shown = Image.objects.get(wordpress_id=11)
    featured = Image.objects.get(wordpress_id=12)
    assert shown.shown_in_posts.filter(wordpress_id=10).exists()
    for image in (shown, featured):
        response = admin_client.post(delete_url(image), {"post": "yes"})
        assert "cannot be deleted" in response.text
        assert still_there(image)
