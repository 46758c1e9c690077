"""Pictures made by Pillow for the media library's tests, and the library
kept in a folder of the test's own."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow

from posts.media.uploads import add_image


def picture_bytes(size=(1300, 600), kind="JPEG", colour=(160, 40, 40), **save):
    output = BytesIO()
    mode = "RGBA" if kind == "PNG" else "RGB"
    Pillow.new(mode, size, colour).save(output, kind, **save)
    return output.getvalue()


def upload(data: bytes, name="portrait.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def library_image(media_root):
    """A picture of the library, 1300 pixels wide."""
    return add_image(
        upload(picture_bytes()),
        alt_text="Khrushchev at the podium",
        caption="The Twentieth Party Congress, 1956",
        title="Congress",
    )
