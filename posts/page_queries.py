"""The queries the public pages run for every request, each written once as
a queryset and prepared (see greatleaders.prepared): what a page reads, in
one place.

Lists read the ids of their posts in order (`*_IDS`), then the posts
themselves through posts.listing.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from greatleaders.prepared import PreparedQuery
from posts.listing import AUTHOR_SHOWN, author_from
from posts.media.featured import FEATURED_IMAGE_COLUMNS
from posts.models import (
    Category,
    Comment,
    Correction,
    Page,
    Post,
    Series,
    Tag,
    TaggedPost,
)

IDS = ("id",)

# Lists: the ids of their posts, in the order shown.

FRONT_PAGE_IDS = PreparedQuery(
    lambda now: Post.objects.published(now).front_page_order(), IDS
)
# A category's or a tag's posts are read in date order (see
# PostQuerySet._among) and counted apart, from their links alone.
CATEGORY_IDS = PreparedQuery(
    lambda now, categories: Post.objects.published(now).in_categories(
        categories, in_date_order=True
    ),
    IDS,
)
TAG_IDS = PreparedQuery(
    lambda now, tag: Post.objects.published(now).tagged(tag, in_date_order=True), IDS
)


def _linked(now, links, post, **linked):
    """The ids of the visible posts that `links` (a category's or a tag's
    links to posts) link as `linked` says, each once: the links' index
    less the few posts readers may not see. For a category of 2,000 posts,
    SQLite counted them in 0.9 ms rather than 1.3, and PostgreSQL in 1.8
    rather than 3.9, both having checked each post's visibility."""
    hidden = {f"{post}__in": Post.objects.hidden_ids(now)}
    return links.filter(**linked).exclude(**hidden).values(post).distinct()


CATEGORY_COUNTED = PreparedQuery(
    lambda now, categories: _linked(
        now, Post.categories.through.objects, "post", category__in=categories
    ),
    ("post_id",),
)
TAG_COUNTED = PreparedQuery(
    lambda now, tag: _linked(now, TaggedPost.objects, "content_object", tag=tag),
    ("content_object_id",),
)
AUTHOR_IDS = PreparedQuery(
    lambda now, author: Post.objects.published(now).filter(author=author), IDS
)
PERIOD_IDS = PreparedQuery(
    lambda now, start, end: Post.objects.published(now).filter(
        published_at__gte=start, published_at__lt=end
    ),
    IDS,
)
SERIES_IDS = PreparedQuery(
    lambda now, series: Post.objects.published(now).in_series(series), IDS
)
PERSON_IDS = PreparedQuery(
    lambda now, person: (
        Post.objects.published(now).about_or_mentioning(person).person_page_order()
    ),
    ("id", "is_about"),
)
# Feeds: the newest first, sticky or not, whatever the list's own order.
LATEST_IDS = PreparedQuery(lambda now: Post.objects.published(now), IDS)
SERIES_LATEST_IDS = PreparedQuery(
    lambda now, series: Post.objects.published(now).filter(series=series), IDS
)
PERSON_LATEST_IDS = PreparedQuery(
    lambda now, person: (
        Post.objects.published(now)
        .about_or_mentioning(person)
        .order_by("-published_at", "-pk")
    ),
    IDS,
)

# What lists are of.

CATEGORY_TREE = PreparedQuery(
    lambda: Category.objects.all(), ("id", "parent_id", "name", "slug", "description")
)
TAG = PreparedQuery(
    lambda slug: Tag.objects.filter(slug=slug), ("id", "name", "slug", "description")
)
AUTHOR = PreparedQuery(
    lambda username: get_user_model().objects.filter(username=username, is_active=True),
    ("id", *AUTHOR_SHOWN),
)
SERIES = PreparedQuery(
    lambda slug: Series.objects.filter(slug=slug),
    ("id", "title", "slug", "description"),
)


def author(username: str):
    """The active author `username`, with what pages show of them (their
    name, profile and picture); None if there is none."""
    rows = AUTHOR.rows(username=username)
    if not rows:
        return None
    pk, *shown = rows[0]
    return author_from(pk, shown)


# A post's page.

# The body as written stays in the database: readers see it as it was
# prepared when saved (body_html, with its notes numbered, library pictures
# in every size).
POST_FIELDS = tuple(
    field.attname for field in Post._meta.concrete_fields if field.attname != "body"
)
POST_AUTHOR = tuple(f"author__{name}" for name in AUTHOR_SHOWN)
POST_SERIES = ("series__title", "series__slug", "series__description")
POST = PreparedQuery(
    lambda now, slug: Post.objects.published(now).filter(slug=slug),
    (*POST_FIELDS, *POST_AUTHOR, *POST_SERIES, *FEATURED_IMAGE_COLUMNS),
)

COMMENT_FIELDS = (
    "id",
    "post_id",
    "parent_id",
    "thread_id",
    "author_name",
    "author_url",
    "user_id",
    "text_html",
    "status",
    "created_at",
)
COMMENTS = PreparedQuery(
    lambda post, own: Comment.objects.for_thread(post, own), COMMENT_FIELDS
)
THREAD_IDS = PreparedQuery(
    lambda post, own: Comment.objects.for_thread(post, own).filter(parent=None), IDS
)


def _comments_of_threads(post, own, threads):
    """The comments of the threads `threads` (of `post`): their first
    comments, then the replies. Two lookups by key, where one by post read
    every comment of a popular post (1,200, texts and all) to keep a page's
    50; a thread's comments are all on its post."""
    comments = Comment.objects.shown_to(own).order_by()
    firsts = comments.filter(pk__in=threads).values_list(*COMMENT_FIELDS)
    replies = comments.filter(thread__in=threads).values_list(*COMMENT_FIELDS)
    return firsts.union(replies, all=True).order_by("created_at", "id")


COMMENTS_OF_THREADS = PreparedQuery(_comments_of_threads, COMMENT_FIELDS)

NOTE_FIELDS = ("id", "post_id", "kind", "text", "placement", "published_at")
# Oldest first, as the post shows them.
NOTES = PreparedQuery(
    lambda post: Correction.objects.filter(post=post).reverse(), NOTE_FIELDS
)

NEIGHBOUR_FIELDS = ("id", "title", "slug", "published_at")
# How many posts "Related reading" offers at the most, chosen among how
# many of the newest posts sharing a tag.
RELATED = 5
RECENT = 50
SERIES_PARTS = PreparedQuery(
    lambda now, series: Post.objects.published(now).in_series(series),
    NEIGHBOUR_FIELDS,
)


def _adjacent(now, moment, before, post):
    """The visible posts just before and just after `post`, published at
    `moment`; `before` is the earlier of `now` and `moment`."""
    # Ties on the date are broken by id, so posts published in the same
    # second are neither skipped nor repeated. Each side is a range of the
    # date index, read from the post outwards until the first row: one
    # bound above the earlier side (`before`), as SQLite ranges over one.
    earlier = (
        Post.objects.published(before)
        .exclude(published_at=moment, pk__gte=post)
        .order_by("-published_at", "-pk")
        .values("pk")[:1]
    )
    later = (
        Post.objects.published(now)
        .filter(published_at__gte=moment)
        .exclude(published_at=moment, pk__lte=post)
        .order_by("published_at", "pk")
        .values("pk")[:1]
    )
    # Each side one id (`=`, not `IN`): PostgreSQL then looks both up in the
    # primary key's index, where `IN` made it scan every post (8 ms).
    return Post.objects.filter(Q(pk=Subquery(earlier)) | Q(pk=Subquery(later)))


ADJACENT = PreparedQuery(_adjacent, NEIGHBOUR_FIELDS)


def _sharing_tags(now, post, outside=None):
    """Of the newest visible posts sharing one of `post`'s tags (RECENT of
    them), the RELATED sharing the most of its tags and categories, then the
    newest. Scoring a post costs two lookups, and a popular tag holds
    hundreds of posts (2 ms): the newest are read from the indexes alone."""
    shared = _shared(post, TaggedPost.objects, "content_object", "tag") + _shared(
        post, Post.categories.through.objects, "post", "category"
    )
    tagged = TaggedPost.objects.filter(
        tag__in=TaggedPost.objects.filter(content_object=post).values("tag")
    )
    recent = (
        _others(now, post, outside)
        .filter(pk__in=tagged.values("content_object"))
        .order_by("-published_at", "-pk")
        .values("pk")[:RECENT]
    )
    return _best(Post.objects.filter(pk__in=recent), shared=shared)


def _sharing_categories(now, post, outside=None, chosen=()):
    """The newest visible posts filed under one of `post`'s categories, other
    than it and those `chosen` already: RELATED of them."""
    links = Post.categories.through.objects
    filed = links.filter(category__in=links.filter(post=post).values("category"))
    posts = _others(now, post, outside).filter(pk__in=filed.values("post"))
    return _best(posts.exclude(pk__in=chosen), shared=Value(0))


def _best(candidates, *, shared):
    # The candidates are ranked from the indexes alone, their ids only; only
    # the RELATED best are read whole (on SQLite a row read is a body read).
    order = ("-shared", "-published_at", "-pk")
    best = candidates.annotate(shared=shared).order_by(*order).values("pk")
    return (
        Post.objects.filter(pk__in=best[:RELATED])
        .annotate(shared=shared)
        .order_by(*order)
    )


def _shared(post, links, post_field, term_field):
    """How many of `post`'s terms (tags or categories) the outer post has."""
    terms = links.filter(**{post_field: post}).values(term_field)
    per_post = links.filter(**{post_field: OuterRef("pk"), f"{term_field}__in": terms})
    count = per_post.values(post_field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), Value(0))


def _others(now, post, outside):
    posts = Post.objects.published(now).exclude(pk=post)
    # `outside`: a series whose parts are offered already.
    return posts if outside is None else posts.exclude(series=outside)


SHARING_TAGS = PreparedQuery(_sharing_tags, NEIGHBOUR_FIELDS)
SHARING_CATEGORIES = PreparedQuery(_sharing_categories, NEIGHBOUR_FIELDS)


def _menu():
    categories = Category.objects.filter(parent__isnull=True).annotate(
        kind=Value(0), position=Value(0), label=F("name")
    )
    series = Series.objects.annotate(kind=Value(1), position=Value(0), label=F("title"))
    pages = Page.objects.in_navigation().annotate(
        kind=Value(2), position=F("navigation_order"), label=F("title")
    )
    columns = ("kind", "position", "label", "slug")
    return (
        categories.values_list(*columns)
        .order_by()
        .union(
            series.values_list(*columns).order_by(),
            pages.values_list(*columns).order_by(),
            all=True,
        )
        .order_by("kind", "position", "label")
    )


MENU = PreparedQuery(_menu, ("kind", "position", "label", "slug"))
