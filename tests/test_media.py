"""The media library: uploading in the admin (what is taken, what is
refused, what is kept of a picture), the sizes made, and who may upload."""

import re
from http import HTTPStatus
from io import BytesIO

import pytest
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as Pillow

from posts.models import Image
from posts.roles import AUTHOR, CONTRIBUTOR
from tests.factories import UserFactory
from tests.media_files import library_image, media_root, picture_bytes, upload

pytestmark = pytest.mark.django_db

__all__ = ["library_image", "media_root"]

ADD = reverse("admin:posts_image_add")


def upload_form(data, name="portrait.jpg", **fields):
    return {
        "upload": upload(data, name),
        "alt_text": "Khrushchev at the podium",
        "caption": "",
        "title": "",
        **fields,
    }


def stored_files(root):
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def test_an_uploaded_picture_is_kept_with_a_webp_and_a_jpeg_in_each_width(
    admin_client, media_root
):
    response = admin_client.post(ADD, upload_form(picture_bytes((1300, 600))))

    assert response.status_code == HTTPStatus.FOUND
    image = Image.objects.get()
    assert (image.width, image.height, image.alt_text) == (
        1300,
        600,
        "Khrushchev at the podium",
    )
    stem = image.file.name.rsplit("/", 1)[1].removesuffix(".jpg")
    assert stored_files(media_root) == sorted(
        [
            f"{stem}.jpg",
            *(
                f"{stem}-{width}w.{kind}"
                for width in (480, 800, 1200, 1300)
                for kind in ("jpg", "webp")
            ),
        ]
    )
    with Pillow.open(
        media_root / image.file.name.replace(".jpg", "-480w.webp")
    ) as small:
        assert (small.format, small.size) == ("WEBP", (480, 222))


def test_a_picture_is_known_by_its_content_not_its_name(admin_client, media_root):
    png = picture_bytes((200, 100), kind="PNG")

    admin_client.post(ADD, upload_form(png, name="photo.jpg"))

    image = Image.objects.get()
    assert image.file.name.endswith(".png")
    with Pillow.open(media_root / image.file.name) as stored:
        assert stored.format == "PNG"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"Just some text, not a picture at all.", "notes.jpg"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "drawing.svg",
        ),
        (b"<!DOCTYPE html><html><body>Hello</body></html>", "page.png"),
        (
            picture_bytes((20, 20), kind="GIF") + b"<script>alert(1)</script>",
            "both.gif",
        ),
        (picture_bytes((20, 20), kind="BMP"), "bitmap.bmp"),
    ],
    ids=["text", "svg", "html", "polyglot", "bmp"],
)
def test_files_that_are_not_plain_pictures_are_refused_keeping_what_was_typed(
    admin_client, media_root, data, name
):
    response = admin_client.post(ADD, upload_form(data, name=name, title="Mine"))

    assert response.status_code == HTTPStatus.OK
    assert "errornote" in response.text
    assert 'value="Khrushchev at the podium"' in response.text
    assert 'value="Mine"' in response.text
    assert not Image.objects.exists()
    assert not media_root.exists() or stored_files(media_root) == []


def test_a_decompression_bomb_is_refused_before_it_is_decoded(admin_client, media_root):
    # 100 million pixels in a few kilobytes.
    output = BytesIO()
    Pillow.new("1", (10_000, 10_000)).save(output, "PNG")

    response = admin_client.post(ADD, upload_form(output.getvalue(), name="bomb.png"))

    assert "The picture is too large" in response.text
    assert not Image.objects.exists()


def test_a_file_over_the_size_limit_is_refused(admin_client, media_root, settings):
    settings.MEDIA_UPLOAD_MEGABYTES = 1
    noise = Pillow.frombytes("RGB", (700, 600), bytes(range(256)) * 4922 + b"\0" * 2)
    output = BytesIO()
    noise.save(output, "PNG", compress_level=0)

    response = admin_client.post(ADD, upload_form(output.getvalue(), name="big.png"))

    assert "larger than 1 MB" in response.text
    assert not Image.objects.exists()


def test_alt_text_is_required(admin_client, media_root):
    response = admin_client.post(
        ADD, upload_form(picture_bytes((100, 100)), alt_text="")
    )

    assert response.status_code == HTTPStatus.OK
    assert "This field is required." in response.text
    assert not Image.objects.exists()


def test_the_place_a_photo_was_taken_is_dropped_and_its_orientation_applied(
    admin_client, media_root
):
    exif = Pillow.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken sideways: turn 90° clockwise
    exif[ExifTags.Base.Make] = "Camera"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (55.0, 45.0, 0.0),
    }
    photo = picture_bytes((300, 200), exif=exif.tobytes())
    assert b"Camera" in photo

    admin_client.post(ADD, upload_form(photo))

    image = Image.objects.get()
    assert (image.width, image.height) == (200, 300)
    for path in media_root.rglob("*.*"):
        data = path.read_bytes()
        assert b"Exif" not in data and b"Camera" not in data, path.name
        with Pillow.open(path) as stored:
            assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_a_small_picture_is_offered_at_its_own_width_only(library_image, media_root):
    from posts.media.uploads import add_image

    image = add_image(upload(picture_bytes((300, 150))), alt_text="A stamp")

    stem = image.file.name.rsplit("/", 1)[1].removesuffix(".jpg")
    assert {name for name in stored_files(media_root) if name.startswith(stem)} == {
        f"{stem}.jpg",
        f"{stem}-300w.jpg",
        f"{stem}-300w.webp",
    }


def test_the_library_lists_pictures_with_a_thumbnail(admin_client, library_image):
    response = admin_client.get(reverse("admin:posts_image_changelist"))

    assert response.status_code == HTTPStatus.OK
    assert "Congress" in response.text
    assert re.search(r'<img src="/media/images/[^"]+-800w\.jpg"', response.text)


def test_changing_an_image_keeps_its_file_and_changes_its_text(
    admin_client, library_image
):
    url = reverse("admin:posts_image_change", args=[library_image.pk])

    response = admin_client.post(
        url, {"alt_text": "Khrushchev speaking", "caption": "1956", "title": "Speech"}
    )

    assert response.status_code == HTTPStatus.FOUND
    library_image.refresh_from_db()
    assert library_image.alt_text == "Khrushchev speaking"
    assert (library_image.width, library_image.height) == (1300, 600)


def test_deleting_an_image_removes_its_files(
    admin_client, library_image, media_root, django_capture_on_commit_callbacks
):
    url = reverse("admin:posts_image_delete", args=[library_image.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert stored_files(media_root) == []


@pytest.mark.parametrize(("role", "allowed"), [(AUTHOR, True), (CONTRIBUTOR, False)])
def test_authors_may_upload_and_contributors_may_not(client, media_root, role, allowed):
    client.force_login(UserFactory(is_staff=True, roles=[role]))

    page = client.get(ADD)
    response = client.post(ADD, upload_form(picture_bytes((100, 100))))

    assert page.status_code == (HTTPStatus.OK if allowed else HTTPStatus.FORBIDDEN)
    assert response.status_code == (
        HTTPStatus.FOUND if allowed else HTTPStatus.FORBIDDEN
    )
    assert Image.objects.exists() is allowed


def test_contributors_still_pick_from_the_library(client, library_image):
    client.force_login(UserFactory(is_staff=True, roles=[CONTRIBUTOR]))

    response = client.get(reverse("admin:posts_image_picker"))

    assert response.status_code == HTTPStatus.OK
    assert 'data-alt="Khrushchev at the podium"' in response.text


def test_the_picker_searches_the_library(admin_client, library_image):
    picker = reverse("admin:posts_image_picker")

    found = admin_client.get(picker, {"q": "congress"})
    missed = admin_client.get(picker, {"q": "moon landing"})

    assert 'data-caption="The Twentieth Party Congress, 1956"' in found.text
    assert "No picture matches “moon landing”" in missed.text


def test_media_files_are_served_when_the_app_serves_them(
    client, library_image, settings
):
    settings.SERVE_MEDIA = True

    response = client.get(library_image.url)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/jpeg"


def test_media_files_are_left_to_the_web_server_otherwise(
    client, library_image, settings
):
    settings.SERVE_MEDIA = False

    response = client.get(library_image.url)

    assert response.status_code == HTTPStatus.NOT_FOUND
