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
from posts.models import Category, Comment, Page, Post, Series, Tag, TaggedPost

IDS = ("id",)

# Lists: the ids of their posts, in the order shown.

FRONT_PAGE_IDS = PreparedQuery(
    lambda now: Post.objects.published(now).front_page_order(), IDS
)
CATEGORY_IDS = PreparedQuery(
    lambda now, categories: Post.objects.published(now).in_categories(categories), IDS
)
TAG_IDS = PreparedQuery(lambda now, tag: Post.objects.published(now).tagged(tag), IDS)
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
# Feeds: the newest first, sticky or not, whatever the list's own order.
LATEST_IDS = PreparedQuery(lambda now: Post.objects.published(now), IDS)
SERIES_LATEST_IDS = PreparedQuery(
    lambda now, series: Post.objects.published(now).filter(series=series), IDS
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
    ("id", "username", "first_name", "last_name"),
)
SERIES = PreparedQuery(
    lambda slug: Series.objects.filter(slug=slug),
    ("id", "title", "slug", "description"),
)

# A post's page.

POST_FIELDS = tuple(field.attname for field in Post._meta.concrete_fields)
POST_AUTHOR = ("author__username", "author__first_name", "author__last_name")
POST_SERIES = ("series__title", "series__slug", "series__description")
POST = PreparedQuery(
    lambda now, slug: Post.objects.published(now).filter(slug=slug),
    (*POST_FIELDS, *POST_AUTHOR, *POST_SERIES),
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
COMMENTS_OF_THREADS = PreparedQuery(
    lambda post, own, threads: Comment.objects.for_thread(post, own).filter(
        Q(pk__in=threads) | Q(thread__in=threads)
    ),
    COMMENT_FIELDS,
)

NEIGHBOUR_FIELDS = ("id", "title", "slug", "published_at")
SERIES_PARTS = PreparedQuery(
    lambda now, series: Post.objects.published(now).in_series(series),
    (*NEIGHBOUR_FIELDS, "series_id", "series_position"),
)


def _adjacent(now, moment, post):
    # Ties on the date are broken by id, so posts published in the same
    # second are neither skipped nor repeated. Each side is a range of the
    # date index, read from the post outwards until the first row.
    visible = Post.objects.published(now)
    earlier = (
        visible.filter(published_at__lte=moment)
        .exclude(published_at=moment, pk__gte=post)
        .order_by("-published_at", "-pk")
        .values("pk")[:1]
    )
    later = (
        visible.filter(published_at__gte=moment)
        .exclude(published_at=moment, pk__lte=post)
        .order_by("published_at", "pk")
        .values("pk")[:1]
    )
    return visible.filter(Q(pk__in=earlier) | Q(pk__in=later))


ADJACENT = PreparedQuery(_adjacent, NEIGHBOUR_FIELDS)


def _sharing_filing(now, post):
    """Visible posts filed with one of `post`'s categories or tags, other than
    it, each annotated with how many they share (`shared`), most first."""
    # Only posts filed with one of them are scored, each by its own rows in
    # the two link tables: a join of every post with all its categories and
    # tags would count far more rows than it keeps.
    links = Post.categories.through.objects
    categories = links.filter(post=post).values("category")
    tags = TaggedPost.objects.filter(content_object=post).values("tag")
    in_categories = links.filter(category__in=categories).order_by()
    tagged = TaggedPost.objects.filter(tag__in=tags).order_by()
    return (
        Post.objects.published(now)
        .filter(
            Q(pk__in=in_categories.values("post"))
            | Q(pk__in=tagged.values("content_object"))
        )
        .exclude(pk=post)
        .annotate(
            shared=_count(in_categories, "post") + _count(tagged, "content_object")
        )
        .order_by("-shared", "-published_at", "-pk")
    )


def _count(links, post_field):
    per_post = links.filter(**{post_field: OuterRef("pk")}).values(post_field)
    return Coalesce(Subquery(per_post.annotate(n=Count("pk")).values("n")), Value(0))


RELATED = PreparedQuery(_sharing_filing, NEIGHBOUR_FIELDS)
RELATED_OUTSIDE_SERIES = PreparedQuery(
    lambda now, post, series: _sharing_filing(now, post).exclude(series=series),
    NEIGHBOUR_FIELDS,
)


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
