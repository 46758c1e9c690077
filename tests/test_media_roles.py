"""Each role in the media library: Editors change and delete any picture,
Authors those they uploaded, Contributors none; and the requests written by
hand that must fail."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from posts.media.models import Image
from posts.media.uploads import add_image
from tests.factories import UserFactory
from tests.media_files import media_root, picture_bytes, upload
from tests.test_roles_admin import author, contributor, editor

pytestmark = pytest.mark.django_db

__all__ = ["author", "contributor", "editor", "media_root"]

CHANGELIST = reverse("admin:posts_image_changelist")


def picture_of(user, alt="A crowd in Red Square"):
    return add_image(upload(picture_bytes((200, 100))), alt_text=alt, user=user)


@pytest.fixture
def someone_elses(media_root):
    return picture_of(UserFactory(username="someone-else"), alt="Someone else's")


def change_url(image):
    return reverse("admin:posts_image_change", args=[image.pk])


def delete_url(image):
    return reverse("admin:posts_image_delete", args=[image.pk])


def change_form(alt_text):
    return {"alt_text": alt_text, "caption": "", "title": ""}


def alt_text_of(image):
    image.refresh_from_db()
    return image.alt_text


def bulk_delete(client, *images):
    return client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [image.pk for image in images],
            "post": "yes",
        },
    )


# Authors: their own uploads.


def test_an_author_corrects_the_alt_text_of_their_own_picture(author, media_root):
    user, client = author
    image = picture_of(user)

    response = client.post(change_url(image), change_form("Lenin's tomb"))

    assert response.status_code == HTTPStatus.FOUND
    assert alt_text_of(image) == "Lenin's tomb"


def test_an_author_deletes_their_own_picture(author, media_root):
    user, client = author
    image = picture_of(user)

    response = client.post(delete_url(image), {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert not Image.objects.filter(pk=image.pk).exists()


def test_an_author_opens_anothers_picture_read_only(author, someone_elses):
    _, client = author

    page = client.get(change_url(someone_elses))

    assert page.status_code == HTTPStatus.OK
    assert 'name="alt_text"' not in page.text
    assert "Someone else&#x27;s" in page.text


def test_an_author_cannot_change_anothers_picture_by_a_crafted_request(
    author, someone_elses
):
    _, client = author

    response = client.post(change_url(someone_elses), change_form("Defaced"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert alt_text_of(someone_elses) == "Someone else's"


def test_an_author_cannot_delete_anothers_picture_by_a_crafted_request(
    author, someone_elses
):
    _, client = author

    page = client.get(delete_url(someone_elses))
    response = client.post(delete_url(someone_elses), {"post": "yes"})

    assert page.status_code == HTTPStatus.FORBIDDEN
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Image.objects.filter(pk=someone_elses.pk).exists()


def test_an_author_bulk_deleting_anothers_picture_among_theirs_deletes_none(
    author, someone_elses
):
    user, client = author
    own = picture_of(user, alt="My own picture")

    confirmation = client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [own.pk, someone_elses.pk]},
    )
    response = bulk_delete(client, own, someone_elses)

    assert "You may delete only the pictures you uploaded" in confirmation.text
    assert "Someone else&#x27;s" in confirmation.text
    assert 'name="post"' not in confirmation.text
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Image.objects.count() == 2


def test_an_author_bulk_deletes_their_own_pictures(author, media_root):
    user, client = author
    own = [picture_of(user), picture_of(user)]

    response = bulk_delete(client, *own)

    assert response.status_code == HTTPStatus.FOUND
    assert not Image.objects.exists()


def test_an_imported_picture_belongs_to_no_author(author, media_root):
    _, client = author
    imported = picture_of(None)

    response = client.post(change_url(imported), change_form("Defaced"))

    assert response.status_code == HTTPStatus.FORBIDDEN


# Editors: everyone's.


def test_an_editor_changes_and_deletes_anothers_picture(editor, someone_elses):
    _, client = editor

    changed = client.post(change_url(someone_elses), change_form("Red Square, 1961"))
    changed_alt = alt_text_of(someone_elses)
    deleted = client.post(delete_url(someone_elses), {"post": "yes"})

    assert (changed.status_code, changed_alt) == (HTTPStatus.FOUND, "Red Square, 1961")
    assert deleted.status_code == HTTPStatus.FOUND
    assert not Image.objects.exists()


def test_an_editor_bulk_deletes_others_pictures(editor, someone_elses):
    _, client = editor

    response = bulk_delete(client, someone_elses)

    assert response.status_code == HTTPStatus.FOUND
    assert not Image.objects.exists()


# Contributors: pick, nothing more.


def test_a_contributor_changes_and_deletes_nothing_even_their_own_upload(
    contributor, media_root
):
    user, client = contributor
    # Uploaded when they had another role, say.
    image = picture_of(user)

    changed = client.post(change_url(image), change_form("Defaced"))
    deleted = client.post(delete_url(image), {"post": "yes"})
    bulk = bulk_delete(client, image)

    assert changed.status_code == HTTPStatus.FORBIDDEN
    assert deleted.status_code == HTTPStatus.FORBIDDEN
    assert "delete_selected" not in client.get(CHANGELIST).text
    assert bulk.status_code == HTTPStatus.OK  # the list again: no such action
    assert alt_text_of(image) == "A crowd in Red Square"


def test_a_contributor_may_not_upload_but_picks_from_the_library(
    contributor, someone_elses
):
    _, client = contributor

    add = client.get(reverse("admin:posts_image_add"))
    picker = client.get(reverse("admin:posts_image_picker"))

    assert add.status_code == HTTPStatus.FORBIDDEN
    assert 'data-alt="Someone else&#x27;s"' in picker.text
