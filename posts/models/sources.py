"""Sources: the works posts cite from their footnotes, each kept as a
CSL-JSON item (the format citation processors and reference managers
share) and formatted by posts.sources.csl."""

from django.db import models

from posts.sources import csl


class SourceQuerySet(models.QuerySet):
    def with_citing_posts(self, now=None):
        """Each source with the posts readers may see that cite it
        (`citing_posts`), oldest first: one query for them all."""
        from posts.models.content import Post

        citing = (
            Post.objects.published(now)
            .only("id", "title", "slug", "published_at")
            .order_by("published_at", "pk")
        )
        return self.prefetch_related(
            models.Prefetch("cited_in", queryset=citing, to_attr="citing_posts")
        )


class SourceManager(models.Manager.from_queryset(SourceQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Source(models.Model):
    key = models.SlugField(
        max_length=100,
        unique=True,
        help_text="What a footnote names to cite this work (its “Source key”), "
        "such as “taubman2003”. Changing it leaves notes that name the old "
        "key without their citation.",
    )
    csl = models.JSONField(
        "CSL-JSON",
        default=dict,
        blank=True,
        help_text="The work as a CSL-JSON item: author, title, container-title, "
        "publisher, issued, URL, archive, archive_location, page…",
    )
    # Derived from the CSL-JSON as it is saved.
    title = models.CharField(max_length=500, editable=False, blank=True)
    sort_key = models.CharField(max_length=500, editable=False, blank=True)
    entry_html = models.TextField("bibliography entry", editable=False, blank=True)
    cited_in = models.ManyToManyField(
        "posts.Post", blank=True, editable=False, related_name="sources"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceManager()

    class Meta:
        ordering = ["sort_key", "key"]

    def __str__(self):
        return self.title or self.key

    def save(self, *args, **kwargs):
        self.derive_from_csl()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.key,)

    def derive_from_csl(self) -> None:
        self.title = str(self.csl.get("title") or "")[:500]
        self.sort_key = csl.sort_key(self.csl)[:500]
        self.entry_html = csl.bibliography_entry(self.csl)
