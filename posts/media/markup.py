"""How library images are shown: a <picture> offering every size in WebP
and in the picture's own kind, with its width and height (so the page does
not move as it loads) and `sizes` saying how wide it is shown, for the
browser to fetch no more than it needs.

Bodies keep what the editor makes (`<img src=… alt=…>`, in a figure with
its caption); `responsive_body` turns each library image among them into
such a <picture> as the post or page is saved, once, not per request, and
tells which library images the body shows (kept as the writing's
`body_images`, see posts.media.uses).
"""

import html
import re
from typing import NamedTuple

from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import SafeString

from posts.media import renditions
from posts.media.models import Image

# The theme's text column: 42rem less its padding, or the window.
COLUMN_SIZES = "(min-width: 42rem) 39.5rem, calc(100vw - 2.5rem)"
# What `src` offers browsers that read no `srcset`.
DEFAULT_WIDTH = 800

_IMG = re.compile(r"<img\s([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def picture_html(
    name: str,
    width: int,
    height: int,
    alt: str,
    *,
    sizes: str = COLUMN_SIZES,
    loading: str = "lazy",
    css_class: str = "",
) -> SafeString:
    """The <picture> of the library image stored as `name`. Below the fold,
    `loading="lazy"`; the first picture a page shows is "eager"."""
    modern = renditions.renditions(name, width, height, renditions.MODERN_FORMAT)
    fallback = renditions.renditions(name, width, height, renditions.extension(name))
    return format_html(
        '<picture{}><source type="image/{}" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        renditions.MODERN_FORMAT,
        _srcset(modern),
        sizes,
        default_storage.url(_default(fallback).name),
        _srcset(fallback),
        sizes,
        width,
        height,
        alt,
        loading,
    )


def image_picture(image: Image, **options) -> SafeString:
    return picture_html(
        image.file.name, image.width, image.height, image.alt_text, **options
    )


def default_src(image: Image) -> str:
    """The address of the size of `image` that stands for it where one
    address is given: in `src`, and in the body the editor writes."""
    name = image.file.name
    sizes = renditions.renditions(
        name, image.width, image.height, renditions.extension(name)
    )
    return default_storage.url(_default(sizes).name)


# Link previews show pictures up to about this wide (OpenGraph's advice).
SHARED_WIDTH = 1200


def shared_size(image: Image) -> renditions.Rendition:
    """The size of `image` that link previews, search engines and feeds are
    given: the largest up to SHARED_WIDTH, in the picture's own kind."""
    name = image.file.name
    sizes = renditions.renditions(
        name, image.width, image.height, renditions.extension(name)
    )
    return [each for each in sizes if each.width <= SHARED_WIDTH][-1]


def _default(sizes: list[renditions.Rendition]) -> renditions.Rendition:
    return next((each for each in sizes if each.width >= DEFAULT_WIDTH), sizes[-1])


def _srcset(sizes: list[renditions.Rendition]) -> str:
    return ", ".join(
        f"{default_storage.url(each.name)} {each.width}w" for each in sizes
    )


def library_name(src: str) -> str | None:
    """The name of the library original `src` (its address or one of its
    renditions') shows, or None for a picture from elsewhere."""
    prefix = default_storage.url("")
    if not src.startswith(prefix):
        return None
    return renditions.original_name(src.removeprefix(prefix))


class ResponsiveBody(NamedTuple):
    html: str
    images: list[Image]


def library_names(body: str) -> dict[str, str]:
    """The `<img>` tags of `body` that show a library image, with the name of
    the image each shows."""
    names = {}
    for match in _IMG.finditer(body):
        src = html.unescape(dict(_ATTRIBUTE.findall(match[1])).get("src", ""))
        if name := library_name(src):
            names[match[0]] = name
    return names


def responsive_body(body: str) -> ResponsiveBody:
    """`body` (sanitised HTML) with each image from the library as a
    <picture> in every size, other images as they are; and the library
    images it shows. One query, only when the body shows library images."""
    names = library_names(body)
    if not names:
        return ResponsiveBody(body, [])
    images = {
        image.file.name: image
        for image in Image.objects.filter(file__in=set(names.values()))
    }

    def upgrade(match):
        image = images.get(names.get(match[0]))
        if image is None:
            return match[0]
        alt = html.unescape(dict(_ATTRIBUTE.findall(match[1])).get("alt", ""))
        return picture_html(
            image.file.name, image.width, image.height, alt or image.alt_text
        )

    return ResponsiveBody(_IMG.sub(upgrade, body), list(images.values()))
