"""Links that open a draft to whoever holds them (see posts.previews)."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

# 32 random bytes: as hard to guess as the secret key.
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self):
        """Links that still open their post: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def share(self, post, *, by) -> "PreviewLink":
        """A new link to `post`, made by `by`, for PREVIEW_LINK_DAYS."""
        now = timezone.now()
        return self.create(
            post=post,
            created_by=by,
            created_at=now,
            expires_at=now + timezone.timedelta(days=settings.PREVIEW_LINK_DAYS),
        )

    def revoke(self) -> int:
        """Close these links for good, keeping them so that whoever opens
        one is told it was closed rather than that it never existed."""
        return self.usable().update(revoked_at=timezone.now())


class PreviewLink(models.Model):
    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, related_name="preview_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="made by",
    )
    created_at = models.DateTimeField("made", default=timezone.now)
    expires_at = models.DateTimeField("expires")
    revoked_at = models.DateTimeField("revoked", null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "shared preview"

    def __str__(self):
        return f"Preview of “{self.post}”"

    def get_absolute_url(self):
        return reverse("posts:shared_preview", kwargs={"token": self.token})

    @property
    def public_url(self) -> str:
        """The link as it is sent: the site's public address."""
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def is_usable(self) -> bool:
        """`PreviewLinkQuerySet.usable()`'s rule, for one link."""
        return self.revoked_at is None and self.expires_at > timezone.now()
