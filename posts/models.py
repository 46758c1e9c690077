import re
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from greatleaders.page_cache import expire_on_commit, post_tag
from posts import text
from posts.addresses import address
from posts.cache_tags import COMMENTS, POSTS
from posts.comment_text import render_comment_text
from posts.sanitize import sanitize_html

# WordPress's automatic excerpt: the first 55 words of the text.
EXCERPT_WORDS = 55


def opening_words(body: str) -> str:
    """WordPress's automatic excerpt of `body`: its first words, as text."""
    return Truncator(strip_tags(body)).words(EXCERPT_WORDS, truncate=" […]")


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
    # Imported WordPress posts hold images, captioned figures and tables: the
    # editor must know them, or the first edit would drop them.
    "Image": True,
    "Figure": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to rows by slug, so loading them twice updates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


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
    wordpress_id = models.PositiveBigIntegerField(
        "WordPress ID",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The category's term ID on the WordPress site it was imported "
        "from: old ?cat= links find it by this.",
    )

    objects = SlugNaturalKeyManager()

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
        return address("posts:category", slug=self.slug)

    def natural_key(self):
        return (self.slug,)


class Tag(TagBase):
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return address("posts:tag", slug=self.slug)


class TaggedPost(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_posts")
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)

    class Meta:
        indexes = [
            # A tag's posts read from the index alone (related reading).
            models.Index(fields=["tag", "content_object"], name="posts_tag_post_idx"),
        ]


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
        return address("posts:series", slug=self.slug)

    def natural_key(self):
        return (self.slug,)


def can_preview(user) -> bool:
    """Whether `user` may open what readers cannot see yet (staff)."""
    return user.is_active and user.is_staff


class PostQuerySet(models.QuerySet):
    def published(self, now=None):
        """Posts readers may see: published, and not scheduled for later
        (than `now`, a prepared query's Param where one is built)."""
        return self.filter(
            status=Post.Status.PUBLISHED,
            published_at__lte=timezone.now() if now is None else now,
        )

    def scheduled(self):
        """Published posts whose date is still to come, the soonest first."""
        return self.filter(
            status=Post.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at")

    def visible_to(self, user):
        """What `user` may open: staff also see drafts, private and scheduled
        posts, so that they can preview them."""
        if can_preview(user):
            return self.all()
        return self.published()

    def in_series(self, series):
        return self.filter(series=series).order_by("series_position", "published_at")

    def tagged(self, tag):
        """Posts tagged with `tag` (a tag or its id)."""
        return self.filter(
            pk__in=TaggedPost.objects.filter(tag=tag).values("content_object")
        )

    def in_categories(self, category_ids):
        """Posts filed under any of `category_ids`, each once."""
        # `pk IN (the links' posts)`: the database reads the categories'
        # links from the index on (category, post) and checks each post in
        # the index on (id, status, published_at), never in the post's row
        # (migration 0011), so a category costs what it holds, not what the
        # site does.
        filed = Post.categories.through.objects.filter(category_id__in=category_ids)
        return self.filter(pk__in=filed.values("post_id"))

    def for_listing(self):
        """What a list of posts shows: author, categories (`category_list`)
        and tags (`tag_list`), in a fixed number of queries whatever the
        page size. (The public pages read them with posts.listing.)"""
        return self.select_related("author", "series").prefetch_related(
            models.Prefetch("categories", to_attr="category_list"),
            models.Prefetch("tags", to_attr="tag_list"),
        )

    def recount_comments(self) -> int:
        """Count each post's approved comments and the threads they start
        again, into `comment_count` and `thread_count`."""
        return self.update(
            comment_count=_approved_comment_count(),
            thread_count=_approved_comment_count(parent=None),
        )

    def front_page_order(self):
        return self.order_by("-sticky", "-published_at", "-pk")

    def publish(self) -> int:
        """Publish these posts: drafts dated in the past are published now,
        future dates stay scheduled, as the editor set them."""
        now = timezone.now()
        ids = list(self.values_list("pk", flat=True))
        stale = self.exclude(status=Post.Status.PUBLISHED).filter(published_at__lt=now)
        stale.update(published_at=now)
        count = self.update(status=Post.Status.PUBLISHED, updated_at=now)
        # Updates send no signal: the pages they change are named here.
        expire_on_commit(POSTS, *map(post_tag, ids))
        return count

    def move_to_draft(self) -> int:
        ids = list(self.values_list("pk", flat=True))
        count = self.update(status=Post.Status.DRAFT, updated_at=timezone.now())
        expire_on_commit(POSTS, *map(post_tag, ids))
        return count


def _approved_comment_count(**filters):
    """The number of each post's approved comments matching `filters`, as a
    correlated subquery."""
    approved = (
        Comment.objects.approved()
        .filter(post=models.OuterRef("pk"), **filters)
        .order_by()
        .values("post")
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return Coalesce(models.Subquery(approved), models.Value(0))


def post_address(slug: str, published_at) -> str:
    """A post's address: its year and month, in the site's time zone, and
    its slug, as WordPress's "month and name" permalinks."""
    local = published_at.astimezone(timezone.get_default_timezone())
    return address(
        "posts:detail", year=local.year, month=f"{local.month:02d}", slug=slug
    )


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
    # Derived from the body as it is saved (see derive_from_body).
    opening_words = models.TextField(editable=False, blank=True)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    # Kept as comments are approved, changed or removed (see
    # posts.comment_counts), as WordPress keeps comment_count: lists and
    # pages show them without counting.
    comment_count = models.PositiveIntegerField(
        "approved comments", default=0, editable=False
    )
    thread_count = models.PositiveIntegerField(
        "approved top-level comments",
        default=0,
        editable=False,
        help_text="What comments are paged by (see posts.threads).",
    )
    wordpress_id = models.PositiveBigIntegerField(
        "WordPress ID",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The post's ID on the WordPress site it was imported from: "
        "old ?p= links, and importing the same file again, find it by this.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # The home page's order (sticky first, newest first), read from
            # the index without sorting every published post.
            models.Index(
                fields=["status", "sticky", "published_at"], name="posts_front_page_idx"
            ),
            # Whether posts picked by id (a category's, a search's matches)
            # are visible, read from here rather than from their rows, where
            # status and published_at come after the body: on SQLite that
            # meant reading the pages a long body overflows to.
            models.Index(
                fields=["id", "status", "published_at"], name="posts_visible_by_id_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:200] or "post"
        self.body = sanitize_html(self.body)
        self.derive_from_body()
        super().save(*args, **kwargs)
        self._remember_listing()

    def get_absolute_url(self):
        return post_address(self.slug, self.published_at)

    def natural_key(self):
        return (self.slug,)

    # Fields whose change moves the post in or out of lists, or within them.
    LISTING_FIELDS = (
        "status",
        "published_at",
        "sticky",
        "author_id",
        "series_id",
        "series_position",
    )

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        post = super().from_db(db, field_names, values, **kwargs)
        post._remember_listing()
        return post

    def _remember_listing(self):
        # As loaded or last saved, to tell what a save changes.
        self._loaded = {
            name: getattr(self, name)
            for name in self.LISTING_FIELDS
            if name in self.__dict__
        }

    def listing_changed(self) -> bool:
        """Whether the post moved in or out of lists, or within them, since
        it was loaded or last saved (true for a post never saved)."""
        loaded = getattr(self, "_loaded", None)
        if loaded is None or len(loaded) < len(self.LISTING_FIELDS):
            return True
        return any(getattr(self, name) != value for name, value in loaded.items())

    def derive_from_body(self) -> None:
        """Work out what lists and pages show of the body, once, as it is
        saved: its opening words and its number of words."""
        self.opening_words = opening_words(self.body)
        self.word_count = text.word_count(self.body)

    @property
    def summary(self):
        """The excerpt, or the opening words of the body when there is none."""
        return self.excerpt or self.opening_words

    @property
    def reading_minutes(self):
        """Estimated minutes to read the body."""
        return text.minutes_to_read(self.word_count)

    @property
    def comments_closed(self):
        """Closed by the editor, or by age when COMMENTS_CLOSE_AFTER_DAYS is set
        (WordPress's close_comments_for_old_posts)."""
        if not self.comments_open:
            return True
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return bool(days) and self.published_at < timezone.now() - timezone.timedelta(
            days=days
        )

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

    def set_status(self, status) -> int:
        """Moderate these comments: the pages of their posts are expired,
        and only those."""
        posts = set(self.values_list("post_id", flat=True))
        count = self.update(status=status)
        Post.objects.filter(pk__in=posts).recount_comments()
        # Updates send no signal: the pages they change are named here.
        expire_on_commit(COMMENTS, *map(post_tag, posts))
        return count

    def public(self):
        """Comments anyone may read: approved, on a post readers may see."""
        return self.approved().filter(post__in=Post.objects.published())

    def for_thread(self, post, own_ids=()):
        """A post's approved comments, with the held ones whose author is
        looking (`own_ids`), oldest first. Spam shows to its author as held,
        so that the sender learns nothing of the filters."""
        own = models.Q(
            pk__in=own_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM]
        )
        return self.filter(models.Q(status=Comment.Status.APPROVED) | own, post=post)

    def not_trashed(self):
        return self.exclude(status=Comment.Status.TRASH)

    def duplicates_of(self, comment):
        """Earlier comments saying the same thing in the same place by the
        same person (WordPress: same post, parent, name or email, text)."""
        same_person = models.Q(author_name=comment.author_name)
        if comment.author_email:
            same_person |= models.Q(author_email__iexact=comment.author_email)
        return self.not_trashed().filter(
            same_person,
            post=comment.post,
            parent=comment.parent,
            text=comment.text,
        )

    def recent_from(self, comment, seconds):
        """Comments from the same address or email within `seconds`."""
        since = timezone.now() - timezone.timedelta(seconds=seconds)
        same_sender = models.Q(ip_address=comment.ip_address)
        if comment.author_email:
            same_sender |= models.Q(author_email__iexact=comment.author_email)
        return self.filter(same_sender, created_at__gte=since)

    def approved_from(self, comment):
        """Approved comments by the same account, or the same name and email."""
        if comment.user_id:
            return self.approved().filter(user=comment.user_id)
        return self.approved().filter(
            author_name=comment.author_name, author_email__iexact=comment.author_email
        )


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
    thread = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        help_text="The top-level comment a reply descends from (empty on "
        "top-level comments), for paging comments by whole threads.",
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
    text_html = models.TextField(editable=False, blank=True)
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
    wordpress_id = models.PositiveBigIntegerField(
        "WordPress ID",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The comment's ID on the WordPress site it was imported from, "
        "so that importing the same file again adds no duplicate.",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["post", "status", "created_at"]),
            models.Index(fields=["ip_address", "created_at"]),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.post}"

    def save(self, *args, **kwargs):
        self.text_html = render_comment_text(self.text)
        if self.parent_id and not self.thread_id:
            self.thread_id = self.parent.thread_id or self.parent_id
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        comment = super().from_db(db, field_names, values, **kwargs)
        comment._loaded_status = comment.__dict__.get("status")
        return comment

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def was_approved(self) -> bool:
        """Whether the comment was approved when loaded or last saved."""
        return getattr(self, "_loaded_status", None) == self.Status.APPROVED

    @property
    def website(self):
        """The author's website, if it is a web address: imported comments
        skip the form's checks, and no other scheme may become a link."""
        url = self.author_url.strip()
        return url if url.lower().startswith(("http://", "https://")) else ""


# First parts of addresses the site answers itself: a page with one of these
# slugs could never be reached. Four digits are a year archive.
RESERVED_PAGE_SLUGS = frozenset(
    {
        "admin",
        "author",
        "category",
        "comments",
        "feed",
        "page",
        "robots.txt",
        "search",
        "series",
        "sitemap.xml",
        "static",
        "tag",
    }
)


def validate_page_slug(value):
    if value.lower() in RESERVED_PAGE_SLUGS or re.fullmatch(r"[0-9]{4}", value):
        raise ValidationError(
            "“%(slug)s” is an address the site already uses: choose another.",
            params={"slug": value},
            code="reserved",
        )


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages readers may see."""
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Staff also open unpublished pages, to preview them."""
        if user.is_active and user.is_staff:
            return self.all()
        return self.published()

    def in_navigation(self):
        return self.published().filter(show_in_navigation=True)


class Page(models.Model):
    """A static page (About, Contact…) outside the stream of posts."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        validators=[validate_page_slug],
        help_text="The page's address: “about” makes /about/.",
    )
    body = ProseEditorField(
        extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    description = models.TextField(
        blank=True,
        help_text="One or two sentences for search engines and link previews. "
        "Left empty, the opening words of the page are used.",
    )
    is_published = models.BooleanField(
        "published",
        default=False,
        help_text="Only published pages are shown to readers; staff can preview "
        "the others.",
    )
    show_in_navigation = models.BooleanField(
        default=True, help_text="List the page in the menu at the top of every page."
    )
    navigation_order = models.PositiveIntegerField(
        default=0, help_text="Lower numbers come first in the menu."
    )
    wordpress_id = models.PositiveBigIntegerField(
        "WordPress ID",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The page's ID on the WordPress site it was imported from: "
        "old ?page_id= links find it by this.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["navigation_order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:200] or "page"
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("posts:page", slug=self.slug)

    @cached_property
    def summary(self):
        """The description, or the opening words of the page."""
        return self.description or opening_words(self.body)


class Attachment(models.Model):
    """A file uploaded to the WordPress site a post was imported from. The file
    stays where it is; its address and title are kept, and so are the image
    addresses in imported posts."""

    url = models.URLField("address", max_length=1000)
    title = models.CharField(max_length=300, blank=True)
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
        help_text="The post the file was uploaded to.",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    wordpress_id = models.PositiveBigIntegerField(
        "WordPress ID", null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title or self.url


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
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="redirects"
    )
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="redirects"
    )

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

    @property
    def target(self):
        return self.post or self.page


class SearchEntry(models.Model):
    """A post's row in SQLite's full-text index (see posts.search), so that
    searches can join it: the index's own ranking and extracts then come from
    one pass over it. The table and its triggers are made by a migration; on
    PostgreSQL the index is a column of posts_post instead and this model is
    never queried."""

    post = models.OneToOneField(
        Post,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
    )
    # FTS5's hidden column named after the table: what MATCH, bm25() and
    # snippet() are called on.
    document = models.TextField(db_column="posts_post_fts")

    class Meta:
        managed = False
        db_table = "posts_post_fts"

    def __str__(self):
        return f"Search index entry of post {self.pk}"
