from django.db import models


class MissedExpiry(models.Model):
    """A page-cache tag whose new version the shared cache could not take
    (it was unreachable, frozen, read-only or full when a change was made).
    It waits here, in the one store every app server shares besides the
    cache, until the cache takes it; meanwhile no app server serves kept
    pages (see greatleaders.page_cache)."""

    tag = models.CharField(max_length=200)
    missed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "missed expiries"

    def __str__(self):
        return self.tag
