"""What the site keeps of the WordPress site it was imported from: the ids
its records had there (`wordpress_id`, so that importing again adds only
what is new and old links find their page), the files it held, and its old
addresses."""

from django.db import models
from django.utils import timezone


def wordpress_id(help_text: str = "") -> models.PositiveBigIntegerField:
    """The field keeping a record's ID on the WordPress site it came from."""
    return models.PositiveBigIntegerField(
        "WordPress ID",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=help_text,
    )


class Attachment(models.Model):
    """A file uploaded to the WordPress site a post was imported from. The file
    stays where it is; its address and title are kept, and so are the image
    addresses in imported posts."""

    url = models.URLField("address", max_length=1000)
    title = models.CharField(max_length=300, blank=True)
    post = models.ForeignKey(
        "posts.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
        help_text="The post the file was uploaded to.",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    wordpress_id = wordpress_id()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title or self.url


def _leading_to(target: str) -> models.ForeignKey:
    return models.ForeignKey(
        target,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="redirects",
    )


class Redirect(models.Model):
    """An old address, such as a post's address on the WordPress site, that
    answers with a permanent redirect to a post or a page (see
    posts.legacy_urls)."""

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="The path only, without the domain: /2016/05/12/old-slug/.",
    )
    # Where it leads: a post or a page, never both.
    post = _leading_to("posts.Post")
    page = _leading_to("posts.Page")

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, page__isnull=True)
                | models.Q(post__isnull=True, page__isnull=False),
                name="redirect_to_a_post_or_a_page",
            )
        ]

    def __str__(self):
        return self.old_path
