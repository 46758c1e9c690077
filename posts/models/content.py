"""What readers read: posts, in the stream of the blog, and static pages.

Whether readers may see one is said one way: `published()` of a queryset,
`is_published` of one of them (the same rule, tested against each other);
staff also open the rest their role lets them work on, to preview it
(`visible_to`).
"""

import calendar
import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from greatleaders.page_cache import expire_on_commit, post_tag
from posts import footnotes, historical_dates, text
from posts.addresses import address
from posts.cache_tags import POSTS
from posts.editor import EDITOR_EXTENSIONS
from posts.media.markup import responsive_body
from posts.models.people import (
    Person,
    historical_date_field,
    sort_key_field,
    words_field,
)
from posts.models.taxonomy import Category, Series, TaggedPost
from posts.models.wordpress import wordpress_id
from posts.sanitize import sanitize_html
from posts.sources.citing import cite_notes, link_sources, missing_keys

# WordPress's automatic excerpt: the first 55 words of the text.
EXCERPT_WORDS = 55


def opening_words(body: str) -> str:
    """WordPress's automatic excerpt of `body`: its first words, as text."""
    return Truncator(strip_tags(body)).words(EXCERPT_WORDS, truncate=" […]")


def can_preview(user) -> bool:
    """Whether `user` may open what readers cannot see yet (staff)."""
    return user.is_active and user.is_staff


def handles_others_posts(user) -> bool:
    """Whether `user` works on everyone's posts in the admin (Editors,
    superusers), not only on their own (see posts.roles)."""
    return user.has_perm("posts.change_others_post")


def can_publish(user) -> bool:
    """Whether `user` may publish the posts they work on (Editors, Authors,
    superusers): Contributors submit theirs for review (see posts.roles)."""
    return user.has_perm("posts.publish_post")


class Writing(models.Model):
    """What posts and pages share: a body written in the editor, sanitized
    and summed up as it is saved, and a slug made from the title when none
    is given. SUMMARY_FIELD names the editor's own summary, if any."""

    SUMMARY_FIELD = ""
    DEFAULT_SLUG = ""

    body = ProseEditorField(
        extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    # Derived from the body as it is saved (see derive_from_body).
    opening_words = models.TextField(editable=False, blank=True)
    body_html = models.TextField(
        "body as readers see it",
        editable=False,
        blank=True,
        help_text="The body as readers see it: its notes numbered, its works "
        "cited, library images in every size.",
    )
    body_images = models.ManyToManyField(
        "posts.Image",
        blank=True,
        editable=False,
        related_name="shown_in_%(class)ss",
        help_text="The library images the body shows, kept as it is saved: "
        "an image in use is not deleted (see posts.media.uses).",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        adding = self._state.adding
        self.prepare_for_save()
        super().save(*args, **kwargs)
        self.keep_derived_links(adding=adding)

    def prepare_for_save(self) -> None:
        """What saving derives from the rest: called by `save()`, and by
        whatever writes rows without it (`bulk_create`, as the WordPress
        import does), so that both store the same."""
        if not self.slug:
            slug = slugify(self.title, allow_unicode=True)
            self.slug = slug[:200] or self.DEFAULT_SLUG
        self.body = sanitize_html(self.body)
        self.derive_from_body()

    def keep_derived_links(self, *, adding: bool = False) -> None:
        """What saving derives into other tables once the row is written
        (`adding` it): the library images the body shows, so that however
        the body is saved (the admin, a revision restored, an import) its
        images' uses are known."""
        if self._body_images or not adding:
            self.body_images.set(self._body_images)

    def derive_from_body(self) -> None:
        """Work out what lists and pages show of the body, once, as it is
        saved."""
        self.opening_words = opening_words(footnotes.without_notes(self.body))
        self.body_html, self._body_images = responsive_body(
            footnotes.render(self.body, cite_notes)
        )

    def clean(self):
        super().clean()
        if missing := missing_keys(self.body):
            raise ValidationError(
                {
                    "body": "A note cites a source that does not exist: "
                    f"{', '.join(missing)}. Add it under Sources, or correct "
                    "the key."
                }
            )

    @property
    def summary(self):
        """The editor's summary, or the opening words of the body."""
        return getattr(self, self.SUMMARY_FIELD) or self.opening_words


class UnaryPlus(models.Func):
    """`+expression`: the same value, in a term no index is chosen for."""

    template = "+%(expressions)s"
    output_field = models.IntegerField()


class PostQuerySet(models.QuerySet):
    def published(self, now=None):
        """Posts readers may see (`Post.is_published` of one post):
        published, and not scheduled for later than `now` (a prepared
        query's Param where one is built)."""
        return self.filter(
            status=Post.Status.PUBLISHED,
            published_at__lte=timezone.now() if now is None else now,
        )

    def hidden_ids(self, now=None):
        """The ids of the posts readers may not see (the others of
        `published`), from two ranges of the index on (status,
        published_at): unpublished, and scheduled for later than `now`."""
        others = [status for status in Post.Status if status != Post.Status.PUBLISHED]
        unpublished = self.filter(status__in=others).values("pk")
        later = self.scheduled(now).order_by().values("pk")
        return unpublished.union(later, all=True)

    def scheduled(self, now=None):
        """Published posts whose date is still to come after `now`, the
        soonest first."""
        return self.filter(
            status=Post.Status.PUBLISHED,
            published_at__gt=timezone.now() if now is None else now,
        ).order_by("published_at")

    def in_progress(self):
        """Posts still being written: drafts, and those waiting for review."""
        return self.filter(status__in=Post.UNPUBLISHED)

    def visible_to(self, user):
        """What `user` may open: staff also preview the drafts, private and
        scheduled posts they work on (everyone's for Editors), as WordPress
        lets no Author or Contributor read another's draft."""
        if can_preview(user):
            return self.published() | self.worked_on_by(user)
        return self.published()

    def worked_on_by(self, user):
        """The posts `user` works on in the admin: everyone's for those who
        handle others' posts, their own for the rest."""
        if handles_others_posts(user):
            return self.all()
        return self.filter(author=user.pk)

    def changeable_by(self, user):
        """The posts `user` may change or delete (`posts.roles.may_change`
        of one post): those who cannot publish keep their hands off a post
        once it is out of draft and review, as WordPress's Contributors."""
        if not user.has_perm("posts.change_post"):
            return self.none()
        posts = self.worked_on_by(user)
        if can_publish(user):
            return posts
        return posts.filter(status__in=Post.UNPUBLISHED)

    def in_series(self, series):
        return self.filter(series=series).order_by("series_position", "published_at")

    def tagged(self, tag, *, in_date_order=False):
        """Posts tagged with `tag` (a tag or its id); `in_date_order`: see
        `_among`."""
        tagged = TaggedPost.objects.filter(tag=tag).values("content_object")
        return self._among(tagged, in_date_order)

    def in_categories(self, category_ids, *, in_date_order=False):
        """Posts filed under any of `category_ids`, each once;
        `in_date_order`: see `_among`."""
        filed = Post.categories.through.objects.filter(category_id__in=category_ids)
        return self._among(filed.values("post_id"), in_date_order)

    def _among(self, ids, in_date_order):
        """These posts whose id is among `ids` (a subquery).

        The database reads `ids` from their index and checks each post in
        the index on (id, status, published_at), never in the post's row
        (migration 0011): a category costs what it holds, not what the site
        does. (Lists count theirs another way: see posts.page_queries.) For
        a page of them in date order
        (`in_date_order`), it rather walks the date index from the newest
        (or the oldest), keeping the posts among `ids`, until it has the
        page: the first page of a category of 2,000 posts read 60 rows
        rather than sorting all 2,000 (1.1 ms to 0.3). A unary `+` on the
        id is SQLite's documented way to keep it from choosing the id index
        for that term instead; PostgreSQL read pages as fast either way."""
        if in_date_order:
            return self.alias(listed_id=UnaryPlus("pk")).filter(listed_id__in=ids)
        return self.filter(pk__in=ids)

    def for_listing(self):
        """What a list of posts shows: author, categories (`category_list`)
        and tags (`tag_list`), in a fixed number of queries whatever the
        page size. (The public pages read them with posts.listing.)"""
        return self.select_related("author__author_profile", "series").prefetch_related(
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

    def about_or_mentioning(self, person):
        """Posts about `person` or mentioning them (a person or an id), each
        once, `is_about` telling which."""
        about = Post.people_about.through.objects.filter(person=person)
        mentioning = Post.people_mentioned.through.objects.filter(person=person)
        return self.filter(
            models.Q(pk__in=about.values("post_id"))
            | models.Q(pk__in=mentioning.values("post_id"))
        ).annotate(is_about=models.Exists(about.filter(post=models.OuterRef("pk"))))

    def person_page_order(self):
        """A person's page: the posts about them first, then those
        mentioning them; series parts together in series order, then the
        rest as published."""
        return self.order_by(
            models.F("is_about").desc(),
            models.F("series_id").asc(nulls_last=True),
            "series_position",
            "published_at",
            "pk",
        )

    def on_the_timeline(self):
        """Posts with a historical date, in the order of what they tell:
        by its first day, the shorter first, then as published."""
        return self.filter(historical_start__isnull=False).order_by(
            "historical_start", "historical_end", "published_at", "pk"
        )

    def on_this_day(self, today: datetime.date):
        """Posts whose historical date is `today`'s day and month, in some
        year, the oldest events first. In a year without 29 February, the
        posts of that day show on the 28th rather than not at all."""
        days = models.Q(historical_month=today.month, historical_day=today.day)
        if (today.month, today.day) == (2, 28) and not calendar.isleap(today.year):
            days |= models.Q(historical_month=2, historical_day=29)
        return self.filter(days).order_by("historical_start", "published_at", "pk")

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
    from posts.comments.models import Comment

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


class Post(Writing):
    SUMMARY_FIELD = "excerpt"
    DEFAULT_SLUG = "post"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending review"
        PUBLISHED = "published", "Published"
        PRIVATE = "private", "Private"

    # What a writer who cannot publish may give a post, and keep working on.
    UNPUBLISHED = (Status.DRAFT, Status.PENDING)

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The last part of the post's address. Keep it once published: "
        "links to the post use it.",
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
    people_about = models.ManyToManyField(
        Person,
        blank=True,
        related_name="posts_about",
        verbose_name="about",
        help_text="The people the post is about: it is listed first on their pages.",
    )
    people_mentioned = models.ManyToManyField(
        Person,
        blank=True,
        related_name="posts_mentioning",
        verbose_name="mentions",
        help_text="Other people the post mentions.",
    )
    historical_date = historical_date_field(
        "historical date",
        "When what the post tells happened, in EDTF: 1956-02-25, 1894-04~ "
        "(about April 1894), 1450? (perhaps 1450), 152X (the 1520s), -0043 "
        "(44 BC), 1953/1964 (from 1953 to 1964). It places the post on the "
        "timeline; a single day also shows it on that day each year.",
    )
    # Derived from historical_date as the post is saved (see
    # posts.historical_dates.span): the timeline sorts by them, "on this
    # day" finds posts by the last two.
    historical_start = sort_key_field("historical date from (sort key)")
    historical_end = sort_key_field("historical date to (sort key)")
    historical_month = models.PositiveSmallIntegerField(null=True, editable=False)
    historical_day = models.PositiveSmallIntegerField(null=True, editable=False)
    historical_date_in_words = words_field("historical date, in words")
    comments_open = models.BooleanField(default=True)
    featured_image = models.ForeignKey(
        "posts.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="featured_in",
        help_text="Shown at the top of the post and beside it in lists, and "
        "when the post is shared (link previews, feeds).",
    )
    # Derived from the body as it is saved (see derive_from_body).
    word_count = models.PositiveIntegerField(default=0, editable=False)
    # Kept as comments are approved, changed or removed (see
    # posts.comments.counts), as WordPress keeps comment_count: lists and
    # pages show them without counting.
    comment_count = models.PositiveIntegerField(
        "approved comments", default=0, editable=False
    )
    thread_count = models.PositiveIntegerField(
        "approved top-level comments",
        default=0,
        editable=False,
        help_text="What comments are paged by (see posts.comments.threads).",
    )
    wordpress_id = wordpress_id(
        "The post's ID on the WordPress site it was imported from: "
        "old ?p= links, and importing the same file again, find it by this."
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
            # The timeline's and "on this day"'s posts: those with a date
            # alone. Most posts of a blog have none, and SQLite, counting
            # them all under one key, judged an index of every post no help
            # and read every published post instead (36 ms a home page).
            models.Index(
                fields=["historical_start", "historical_end"],
                name="posts_timeline_idx",
                condition=models.Q(historical_start__isnull=False),
            ),
            models.Index(
                fields=["historical_month", "historical_day"],
                name="posts_on_this_day_idx",
                condition=models.Q(historical_day__isnull=False),
            ),
        ]
        # WordPress's capabilities that Django's add/change/delete/view lack
        # (see posts.roles).
        permissions = [
            ("publish_post", "Can publish posts"),
            ("change_others_post", "Can change and delete others' posts"),
        ]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._remember_listing()

    def get_absolute_url(self):
        return post_address(self.slug, self.published_at)

    def prepare_for_save(self) -> None:
        super().prepare_for_save()
        self.derive_historical_date()

    def keep_derived_links(self, *, adding: bool = False) -> None:
        super().keep_derived_links(adding=adding)
        # Which sources the body cites is derived from it, as its fields
        # are, but kept in a table of its own: the list of sources reads it.
        link_sources(self, adding=adding)

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
        "featured_image_id",
        # Its place on the timeline and "on this day".
        "historical_date",
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

    def derive_historical_date(self) -> None:
        """The timeline's and "on this day"'s keys, and the date in words,
        from historical_date."""
        span = historical_dates.span(self.historical_date)
        self.historical_start = span and span.start
        self.historical_end = span and span.end
        self.historical_month = span and span.month
        self.historical_day = span and span.day
        self.historical_date_in_words = historical_dates.in_words(self.historical_date)

    @property
    def historical_coverage(self) -> str:
        """The days the historical date may mean, in ISO 8601 (schema.org's
        temporalCoverage), from the keys saving derived."""
        return historical_dates.iso_8601_between(
            self.historical_start, self.historical_end
        )

    def derive_from_body(self) -> None:
        """Its opening words, and its number of words."""
        super().derive_from_body()
        self.word_count = text.word_count(self.body)

    @property
    def is_published(self):
        """Whether readers may see the post: PostQuerySet.published()'s
        rule, for one post."""
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at > timezone.now()
        )

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


# First parts of addresses the site answers itself: a page with one of these
# slugs could never be reached. Four digits are a year archive.
RESERVED_PAGE_SLUGS = frozenset(
    {
        "admin",
        "author",
        "category",
        "comments",
        "corrections",
        "feed",
        "media",
        "on-this-day",
        "page",
        "people",
        "preview",
        "robots.txt",
        "search",
        "series",
        "sitemap.xml",
        "sources",
        "static",
        "tag",
        "timeline",
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
        """Pages readers may see (`Page.is_published` of one page)."""
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Staff who look after pages (Editors) also open unpublished ones,
        to preview them."""
        if can_preview(user) and user.has_perm("posts.view_page"):
            return self.all()
        return self.published()

    def in_navigation(self):
        return self.published().filter(show_in_navigation=True)


class Page(Writing):
    """A static page (About, Contact…) outside the stream of posts."""

    SUMMARY_FIELD = "description"
    DEFAULT_SLUG = "page"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        validators=[validate_page_slug],
        help_text="The page's address: “about” makes /about/.",
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
    wordpress_id = wordpress_id(
        "The page's ID on the WordPress site it was imported from: "
        "old ?page_id= links find it by this."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["navigation_order", "title"]

    def get_absolute_url(self):
        return address("posts:page", slug=self.slug)
