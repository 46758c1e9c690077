"""A post's featured image, read with the post itself: the columns a post
query joins for it, and the image made from them."""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.http import HttpRequest

from greatleaders.prepared import instance
from posts.media.markup import shared_size
from posts.media.models import Image

FEATURED_IMAGE = ("file", "width", "height", "file_size", "alt_text", "caption")
FEATURED_IMAGE_COLUMNS = tuple(f"featured_image__{name}" for name in FEATURED_IMAGE)


def attach_featured_image(post, columns) -> None:
    """Give `post` its featured image from `columns` (FEATURED_IMAGE_COLUMNS
    of its row), or None."""
    post.featured_image = joined_image(post.featured_image_id, FEATURED_IMAGE, columns)


def joined_image(pk, fields, columns) -> Image | None:
    """The image `pk` made from `columns`, its `fields` as a query joined
    them to another row; None when there is no image."""
    return None if pk is None else instance(Image, ("id", *fields), (pk, *columns))


@dataclass(frozen=True)
class SharedImage:
    """A picture as other sites are given it (OpenGraph, JSON-LD)."""

    url: str
    width: int
    height: int
    alt: str

    def image_object(self) -> dict:
        """The picture as Schema.org's ImageObject, for JSON-LD."""
        return {
            "@type": "ImageObject",
            "url": self.url,
            "width": self.width,
            "height": self.height,
        }


def shared_image(image: Image | None, request: HttpRequest) -> SharedImage | None:
    if image is None:
        return None
    size = shared_size(image)
    url = request.build_absolute_uri(default_storage.url(size.name))
    return SharedImage(url, size.width, size.height, image.alt_text)
