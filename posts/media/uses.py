"""Where library images are shown, so that one in use is not deleted and
leaves broken pictures behind.

A post or page records the library images its body shows as it is saved
(`body_images`, derived from the body as `body_html` is: the admin, a
revision restored and an import all save that way), and a post's featured
image is a column of its own. Finding an image's uses is then a look-up in
those tables by image, not a scan of every body.
"""

from dataclasses import dataclass

from django.db.models import Model

from posts.media.models import Image
from posts.models import Page, Post


@dataclass(frozen=True)
class ImageUse:
    """`writing` (a post or a page) shows `image`, in its body or as its
    featured image."""

    image: Image
    writing: Model
    featured: bool = False


def uses_of(images) -> list[ImageUse]:
    """Where the images `images` (a queryset or a list) are shown: by image,
    then post or page, in the order of their titles."""
    uses = [
        ImageUse(image, post, featured=True)
        for post in Post.objects.filter(featured_image__in=images).select_related(
            "featured_image"
        )
        for image in [post.featured_image]
    ]
    for model in (Post, Page):
        shown = model.body_images.through.objects.filter(image__in=images)
        writing_field = model._meta.model_name
        uses += [
            ImageUse(row.image, getattr(row, writing_field))
            for row in shown.select_related("image", writing_field)
        ]
    return sorted(uses, key=lambda use: (use.image.pk, use.writing.title.lower()))
