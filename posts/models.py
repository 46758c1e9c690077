from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from posts.sanitize import sanitize_html

# WordPress's automatic excerpt: the first 55 words of the text.
EXCERPT_WORDS = 55

EDITOR_EXTENSIONS = {
    "Blockquote": True,
    "Bold": True,
    "BulletList": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3, 4]},
    "HorizontalRule": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "ListItem": True,
    "OrderedList": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Underline": True,
    "History": True,
}


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to rows by slug, so loading them twice updates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


@dataclass(frozen=True)
class CategoryBranch:
    category: "Category"
    children: list["Category"]
    ids: list[int]


class CategoryQuerySet(models.QuerySet):
    def branch(self, slug):
        """Return the category with `slug`, its direct children and the ids of
        every category below it, from one query however deep the tree."""
        categories = list(self.order_by("name"))
        by_slug = {category.slug: category for category in categories}
        if slug not in by_slug:
            raise self.model.DoesNotExist(f"No category {slug!r}.")
        children = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category)
        root = by_slug[slug]
        ids, stack = [], [root]
        while stack:
            current = stack.pop()
            if current.pk not in ids:
                ids.append(current.pk)
                stack.extend(children.get(current.pk, []))
        return CategoryBranch(
            category=root, children=children.get(root.pk, []), ids=ids
        )


class CategoryManager(SlugNaturalKeyManager.from_queryset(CategoryQuerySet)):
    pass


class Category(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="A parent category's archive also lists this category's posts.",
    )

    objects = CategoryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:category", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Tag(TagBase):
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("posts:tag", kwargs={"slug": self.slug})


class TaggedPost(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_posts")
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)


class SeriesQuerySet(models.QuerySet):
    def with_part_counts(self):
        """Annotate `part_count`: how many of the series' posts readers see."""
        return self.annotate(
            part_count=models.Count(
                "posts", filter=models.Q(posts__in=Post.objects.published())
            )
        )


class SeriesManager(SlugNaturalKeyManager.from_queryset(SeriesQuerySet)):
    pass


class Series(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    description = models.TextField(
        blank=True, help_text="Shown at the top of the series index page."
    )

    objects = SeriesManager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:series", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts readers may see: published, and not scheduled for later."""
        return self.filter(
            status=Post.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def scheduled(self):
        """Published posts whose date is still to come, the soonest first."""
        return self.filter(
            status=Post.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at")

    def visible_to(self, user):
        """What `user` may open: staff also see drafts, private and scheduled
        posts, so that they can preview them."""
        if user.is_active and user.is_staff:
            return self.all()
        return self.published()

    def in_series(self, series):
        return self.filter(series=series).order_by("series_position", "published_at")

    def in_categories(self, category_ids):
        """Posts filed under any of `category_ids`, each once."""
        filed = Post.categories.through.objects.filter(category_id__in=category_ids)
        return self.filter(pk__in=filed.values("post_id"))

    def for_listing(self):
        """What a list of posts shows: author, categories and tags fetched in
        a fixed number of queries whatever the page size."""
        return self.select_related("author", "series").prefetch_related(
            "categories", "tags"
        )

    def front_page_order(self):
        return self.order_by("-sticky", "-published_at", "-pk")


class PostManager(models.Manager.from_queryset(PostQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending review"
        PUBLISHED = "published", "Published"
        PRIVATE = "private", "Private"

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The last part of the post's address. Keep it once published: "
        "links to the post use it.",
    )
    body = ProseEditorField(
        extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    excerpt = models.TextField(
        blank=True,
        help_text="A short summary for lists and feeds. Left empty, the first "
        f"{EXCERPT_WORDS} words of the post are used.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    categories = models.ManyToManyField(Category, blank=True, related_name="posts")
    tags = TaggableManager(through=TaggedPost, blank=True)
    series = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    series_position = models.PositiveIntegerField(
        default=0, help_text="Order within the series: lower numbers come first."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        db_index=True,
        help_text="A published post with a date in the future stays hidden "
        "until then (scheduled).",
    )
    sticky = models.BooleanField(
        default=False, help_text="Sticky posts stay at the top of the home page."
    )
    comments_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:200] or "post"
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        local = timezone.localtime(self.published_at)
        return reverse(
            "posts:detail",
            kwargs={
                "year": local.year,
                "month": f"{local.month:02d}",
                "slug": self.slug,
            },
        )

    def natural_key(self):
        return (self.slug,)

    @property
    def summary(self):
        """The excerpt, or the opening words of the body when there is none."""
        if self.excerpt:
            return self.excerpt
        return Truncator(strip_tags(self.body)).words(EXCERPT_WORDS, truncate=" […]")

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at > timezone.now()
        )

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and not self.is_scheduled


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def public(self):
        """Comments anyone may read: approved, on a post readers may see."""
        return self.approved().filter(post__in=Post.objects.published())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this one replies to.",
    )
    # WordPress's limits (wp_get_comment_fields_max_lengths).
    author_name = models.CharField("name", max_length=245)
    author_email = models.EmailField("email", max_length=100, blank=True)
    author_url = models.URLField("website", max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    text = models.TextField(
        "comment", help_text="Plain text: shown escaped, with links made clickable."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_reason = models.CharField(
        "reason",
        max_length=200,
        blank=True,
        help_text="The rule that held this comment or marked it as spam.",
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "status", "created_at"])]

    def __str__(self):
        return f"{self.author_name} on {self.post}"

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"
