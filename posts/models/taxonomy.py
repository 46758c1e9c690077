"""How posts are filed: categories (nested), tags, and series (posts read
in order)."""

from django.db import models
from django.utils.text import slugify
from taggit.models import TagBase, TaggedItemBase

from posts.addresses import address
from posts.models.wordpress import wordpress_id


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to rows by slug, so loading them twice updates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Collection(models.Model):
    """What categories and series share: a name readers see (NAME_FIELD),
    a slug made from it as its address, and an archive page (ARCHIVE)."""

    NAME_FIELD = "name"
    ARCHIVE = ""

    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True

    def __str__(self):
        return getattr(self, self.NAME_FIELD)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(str(self), allow_unicode=True)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address(self.ARCHIVE, slug=self.slug)

    def natural_key(self):
        return (self.slug,)


class Category(Collection):
    ARCHIVE = "posts:category"

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="A parent category's archive also lists this category's posts.",
    )
    wordpress_id = wordpress_id(
        "The category's term ID on the WordPress site it was imported "
        "from: old ?cat= links find it by this."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"


class SeriesQuerySet(models.QuerySet):
    def with_part_counts(self):
        """Annotate `part_count`: how many of the series' posts readers see."""
        from posts.models.content import Post

        return self.annotate(
            part_count=models.Count(
                "posts", filter=models.Q(posts__in=Post.objects.published())
            )
        )


class SeriesManager(SlugNaturalKeyManager.from_queryset(SeriesQuerySet)):
    pass


class Series(Collection):
    NAME_FIELD = "title"
    ARCHIVE = "posts:series"

    title = models.CharField(max_length=200)
    description = models.TextField(
        blank=True, help_text="Shown at the top of the series index page."
    )

    objects = SeriesManager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"


class Tag(TagBase):
    # A tag is its slug, as a WordPress term is: two tags may share a name
    # (issue 17), so the name is not unique as taggit's is.
    name = models.CharField(
        "name",
        max_length=100,
        db_index=True,
        help_text="Two tags may have the same name; their slugs tell them apart.",
    )
    description = models.TextField(blank=True)

    natural_key_fields = ["slug"]

    class Meta:
        ordering = ["name", "slug"]

    def get_absolute_url(self):
        return address("posts:tag", slug=self.slug)


class TaggedPost(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_posts")
    content_object = models.ForeignKey("posts.Post", on_delete=models.CASCADE)

    class Meta:
        indexes = [
            # A tag's posts read from the index alone (related reading).
            models.Index(fields=["tag", "content_object"], name="posts_tag_post_idx"),
        ]
