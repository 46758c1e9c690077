"""Correction and update notes: dated words an editor adds to a post after
it is out, shown on the post, on /corrections/ and in its feed."""

from django.db import models
from django.db.models import Max
from django.utils import timezone

from posts.models.content import Post


class CorrectionQuerySet(models.QuerySet):
    def public(self, now=None):
        """Notes readers may see: those on posts they may see."""
        return self.filter(post__in=Post.objects.published(now).values("pk"))

    def with_posts(self):
        """Each note with what links to its post: its title and address."""
        return self.select_related("post").only(
            *("kind", "text", "placement", "published_at", "created_at", "post"),
            *("post__title", "post__slug", "post__published_at"),
        )

    def latest_dates(self, post_ids) -> dict:
        """The date of the newest note of each of the posts `post_ids` that
        has one, by post id: one query for a whole list."""
        rows = (
            self.filter(post_id__in=post_ids)
            .order_by()
            .values("post_id")
            .annotate(latest=Max("published_at"))
            .values_list("post_id", "latest")
        )
        return dict(rows)


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    class Placement(models.TextChoices):
        TOP = "top", "Above the post"
        BOTTOM = "bottom", "Below the post"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(help_text="Plain text: what was wrong, or what is new.")
    placement = models.CharField(
        max_length=6, choices=Placement, default=Placement.BOTTOM
    )
    published_at = models.DateTimeField(
        "date",
        default=timezone.now,
        help_text="The date readers see; it becomes the post's modified date "
        "when later than the post's own.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["-published_at", "-id"])]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.published_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#correction-{self.pk}"


def modified_at(post: Post, latest_note=None):
    """When `post` last changed as readers see it: its own last save (never
    before it went out) or its newest note, whichever is later."""
    dates = [post.updated_at, post.published_at, latest_note]
    return max(date for date in dates if date is not None)
