"""An image of the media library."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from posts.models.wordpress import wordpress_id


class Image(models.Model):
    """A picture of the media library. The file is the upload cleaned (turned
    upright, its metadata dropped, location included); the sizes pages show
    are made from it once, beside it (see posts.media.renditions)."""

    file = models.FileField(max_length=255, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    file_size = models.PositiveIntegerField("size in bytes", editable=False)
    alt_text = models.CharField(
        "alternative text",
        max_length=300,
        help_text="What the picture shows, for readers who cannot see it: "
        "read aloud by screen readers and shown when it does not load.",
    )
    caption = models.TextField(
        blank=True, help_text="Shown under the picture when it is put in a post."
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="For finding it in the library."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="images",
        editable=False,
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    source_url = models.URLField(
        "address on the old site",
        max_length=1000,
        blank=True,
        editable=False,
        help_text="Where the WordPress site it was imported from kept it: "
        "imported posts pointing there show this image instead.",
    )
    wordpress_id = wordpress_id(
        "The attachment's ID on the WordPress site it was imported from."
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        # Authors change and delete the pictures they uploaded; Editors,
        # everyone's (see posts.roles).
        permissions = [
            ("change_others_image", "Can change and delete others' images"),
        ]

    def __str__(self):
        return self.title or self.alt_text

    @property
    def url(self) -> str:
        return default_storage.url(self.file.name)
