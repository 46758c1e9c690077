"""Adding an image to the library: the one way one enters it, from the
admin's upload form or from a WordPress import."""

from __future__ import annotations

import secrets

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from greatleaders.lazy_modules import LazyModule
from posts.media import renditions
from posts.media.checks import read_upload
from posts.media.models import Image

# Pillow is imported when a picture is first handled (see
# greatleaders.lazy_modules).
Pillow = LazyModule("PIL.Image")


def add_image(upload: File, *, alt_text: str, user=None, **fields) -> Image:
    """Check `upload` (ValidationError when the library does not take it),
    and save it as an Image with `alt_text` and `fields` (caption…)."""
    image = Image(alt_text=alt_text, uploaded_by=user, **fields)
    store_picture(image, read_upload(upload), upload.name)
    image.save()
    return image


def store_picture(image: Image, picture: Pillow.Image, upload_name: str) -> None:
    """Clean `picture` (checked by posts.media.checks), store it and its
    sizes, and give `image`, not saved yet, their name and size."""
    cleaned, kind = renditions.cleaned(picture)
    image.file.name, image.file_size = renditions.store(
        cleaned, _name_for(upload_name, kind)
    )
    image.width, image.height = cleaned.size


def remove_files_on_commit(image: Image) -> None:
    """Remove the files of `image`, being deleted, once that is done."""
    name, width, height = image.file.name, image.width, image.height
    transaction.on_commit(lambda: renditions.delete(name, width, height))


def _name_for(upload_name: str | None, kind: str) -> str:
    """A new name for a picture uploaded as `upload_name`: by month, after
    the upload's name, with a few random letters so that names are neither
    guessed nor reused."""
    stem = (upload_name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = slugify(stem)[:60].strip("-") or "image"
    return f"images/{timezone.now():%Y/%m}/{slug}-{secrets.token_hex(4)}.{kind}"
