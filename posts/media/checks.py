"""What an upload must be for the library to take it: a JPEG, PNG, GIF or
WebP picture, as its content says whatever its name, small enough, and
nothing else besides.

Pillow decodes the whole picture here, so a file that is not one, or is
broken, is refused before anything is stored. A file that is also a web
page or a script (a "polyglot", which a browser could be tricked into
running from the site's own address) is refused outright; pictures are
stored re-encoded in any case (posts.media.renditions), so nothing of the
uploaded bytes but the pixels is ever served.
"""

from __future__ import annotations

import re
import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File

from greatleaders.lazy_modules import LazyModule

# Pillow is imported when a picture is first handled (see
# greatleaders.lazy_modules).
Pillow = LazyModule("PIL.Image")


# Formats taken, by the name Pillow gives the decoded content.
ACCEPTED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
# A picture this large in pixels would take gigabytes to decode (a small
# file can claim a huge size: a "decompression bomb").
MAX_PIXELS = 50_000_000
# Markup a browser or a server would act on, anywhere in the file.
_ACTIVE_CONTENT = re.compile(
    rb"<(?:script|html|head|body|svg|iframe|object|embed|!doctype|\?php)\b", re.I
)


def read_upload(upload: File) -> Pillow.Image:
    """The picture `upload` holds, decoded; raise ValidationError saying why
    when the library does not take it."""
    limit = settings.MEDIA_UPLOAD_MEGABYTES
    if upload.size is None or upload.size > limit << 20:
        raise ValidationError(
            "The file is larger than %(limit)s MB.",
            code="too_large",
            params={"limit": limit},
        )
    upload.seek(0)
    data = upload.read()
    if _ACTIVE_CONTENT.search(data):
        raise ValidationError(
            "The file holds web page or script code: upload the picture alone.",
            code="active_content",
        )
    return decode(data)


def decode(data: bytes) -> Pillow.Image:
    """`data` decoded as a picture of an accepted format."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit: refuse those too.
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            picture = Pillow.open(BytesIO(data), formats=ACCEPTED_FORMATS)
            if picture.width * picture.height > MAX_PIXELS:
                raise Pillow.DecompressionBombError
            picture.load()
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning):
        raise ValidationError(
            "The picture is too large: at most %(pixels)s million pixels.",
            code="too_many_pixels",
            params={"pixels": MAX_PIXELS // 1_000_000},
        ) from None
    except (OSError, SyntaxError, ValueError, Pillow.UnidentifiedImageError):
        raise ValidationError(
            "The file is not a picture the library takes: upload a JPEG, PNG, "
            "GIF or WebP image.",
            code="not_an_image",
        ) from None
    return picture
