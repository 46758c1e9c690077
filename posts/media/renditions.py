"""The sizes made of each library image, once, as it is added: each of
WIDTHS narrower than the picture (and the picture's own width, up to the
largest), in WebP, which every current browser shows, and in the picture's
own kind (JPEG, or PNG for the others) for those that do not.

They are stored beside the cleaned original, named after it
(`x-abc123.jpg` gives `x-abc123-800w.webp`, `x-abc123-800w.jpg`), so
that a page needs no more than the original's name and size to list
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from greatleaders.lazy_modules import LazyModule

# Pillow is imported when a picture is first handled (see
# greatleaders.lazy_modules).
Pillow = LazyModule("PIL.Image")
ImageOps = LazyModule("PIL.ImageOps")


WIDTHS = (480, 800, 1200, 1600)
MODERN_FORMAT = "webp"
# The kind each accepted format is stored and offered as.
FALLBACK = {"JPEG": "jpg", "PNG": "png", "GIF": "png", "WEBP": "png"}
_SAVE_AS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
_QUALITY = {"jpg": 82, "webp": 80}
_RENDITION = re.compile(r"-[0-9]+w(\.[a-z]+)$")


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int


def widths(width: int) -> list[int]:
    """The widths made of a picture `width` pixels wide, narrowest first."""
    made = [each for each in WIDTHS if each < width]
    if width <= WIDTHS[-1]:
        made.append(width)
    return made


def renditions(name: str, width: int, height: int, extension: str) -> list[Rendition]:
    """The renditions of the original `name` in the kind `extension`."""
    stem = name.rsplit(".", 1)[0]
    return [
        Rendition(
            f"{stem}-{each}w.{extension}", each, max(1, round(height * each / width))
        )
        for each in widths(width)
    ]


def original_name(name: str) -> str:
    """The original a rendition's name is made from (the name itself for an
    original)."""
    return _RENDITION.sub(r"\1", name)


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def cleaned(picture: Pillow.Image) -> tuple[Pillow.Image, str]:
    """`picture` turned upright as its camera said, and the extension it is
    stored with. Saved anew, it keeps none of the upload's metadata (EXIF,
    the place it was taken among them) but its colour profile."""
    upright = ImageOps.exif_transpose(picture)
    kind = FALLBACK[picture.format]
    if kind == "jpg":
        upright = upright.convert("RGB")
    elif upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA")
    upright.info = {"icc_profile": picture.info.get("icc_profile")}
    return upright, kind


def encode(picture: Pillow.Image, kind: str) -> bytes:
    output = BytesIO()
    options = {"optimize": True}
    if kind in _QUALITY:
        options["quality"] = _QUALITY[kind]
    profile = picture.info.get("icc_profile")
    if profile:
        options["icc_profile"] = profile
    picture.save(output, _SAVE_AS[kind], **options)
    return output.getvalue()


def store(picture: Pillow.Image, name: str) -> tuple[str, int]:
    """Store the cleaned `picture` under `name` (a free name near it if
    taken), and its renditions beside it; return the name and the
    original's size in bytes."""
    data = encode(picture, extension(name))
    name = default_storage.save(name, ContentFile(data))
    for kind in (MODERN_FORMAT, extension(name)):
        for rendition in renditions(name, *picture.size, kind):
            resized = picture.resize(
                (rendition.width, rendition.height), Pillow.Resampling.LANCZOS
            )
            resized.info = picture.info
            default_storage.save(rendition.name, ContentFile(encode(resized, kind)))
    return name, len(data)


def delete(name: str, width: int, height: int) -> None:
    """Remove the original `name` and its renditions from storage."""
    for kind in (MODERN_FORMAT, extension(name)):
        for rendition in renditions(name, width, height, kind):
            default_storage.delete(rendition.name)
    default_storage.delete(name)
