"""Posts as lists show them (home, archives, series, search, feeds): each
with its author, categories and tags, read by two prepared queries (see
greatleaders.prepared) however long the list.

A list's own query gives the ids of its posts in order; `PostList` counts
them and reads them a page at a time, which is what Django's paginator
asks of a list.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Value

from greatleaders.prepared import PreparedQuery, instance
from posts.addresses import address
from posts.models import Post, TaggedPost

# What a list shows of a post; feeds also show its text (FULL).
LISTED = (
    "id",
    "title",
    "slug",
    "excerpt",
    "opening_words",
    "author_id",
    "series_id",
    "series_position",
    "status",
    "published_at",
    "sticky",
    "comments_open",
    "comment_count",
    "word_count",
)
FULL = (*LISTED, "body_html", "created_at", "updated_at")
AUTHOR = ("id", "username", "first_name", "last_name")
_AUTHOR_COLUMNS = tuple(f"author__{name}" for name in AUTHOR[1:])


def _filing(ids):
    """The categories (kind 0) and tags (kind 1) of the posts `ids`."""
    categories = Post.categories.through.objects.filter(post_id__in=ids).annotate(
        kind=Value(0),
        filed=F("post_id"),
        term=F("category_id"),
        name=F("category__name"),
        slug=F("category__slug"),
    )
    tags = TaggedPost.objects.filter(content_object_id__in=ids).annotate(
        kind=Value(1),
        filed=F("content_object_id"),
        term=F("tag_id"),
        name=F("tag__name"),
        slug=F("tag__slug"),
    )
    columns = ("kind", "filed", "term", "name", "slug")
    return (
        categories.values_list(*columns)
        .union(tags.values_list(*columns), all=True)
        .order_by("kind", "name")
    )


_POSTS = PreparedQuery(
    lambda ids: Post.objects.filter(pk__in=ids), (*LISTED, *_AUTHOR_COLUMNS)
)
_FULL_POSTS = PreparedQuery(
    lambda ids: Post.objects.filter(pk__in=ids), (*FULL, *_AUTHOR_COLUMNS)
)
_FILING = PreparedQuery(_filing, ("kind", "filed", "term", "name", "slug"))
_ARCHIVES = ("posts:category", "posts:tag")


def listed_posts(ids: list[int], *, full: bool = False) -> list[Post]:
    """The posts `ids` in that order, with their authors, categories
    (`category_list`) and tags (`tag_list`); with `full`, their text too."""
    if not ids:
        return []
    query, fields = (_FULL_POSTS, FULL) if full else (_POSTS, LISTED)
    posts = {}
    for row in query.rows(ids=list(ids)):
        post = posts[row[0]] = instance(Post, fields, row[: len(fields)])
        post.author = _author(post.author_id, row[len(fields) :])
    shown = [posts[pk] for pk in ids if pk in posts]
    attach_filing(shown)
    return shown


@dataclass(frozen=True, slots=True)
class FiledUnder:
    """A category or tag of a listed post, as the post shows it: a name
    linking to its archive."""

    pk: int
    name: str
    slug: str
    archive: str

    def get_absolute_url(self):
        return address(self.archive, slug=self.slug)


def attach_filing(posts: list[Post]) -> None:
    """Give each of `posts` its categories (`category_list`) and tags
    (`tag_list`), by name, from one query."""
    by_id = {post.pk: post for post in posts}
    for post in posts:
        post.category_list, post.tag_list = [], []
    if not by_id:
        return
    for kind, post_id, *term in _FILING.rows(ids=list(by_id)):
        post = by_id[post_id]
        terms = post.tag_list if kind else post.category_list
        terms.append(FiledUnder(*term, archive=_ARCHIVES[kind]))


def _author(pk, columns):
    if pk is None:
        return None
    return instance(get_user_model(), AUTHOR, (pk, *columns))


class PostList:
    """The posts of a list page as Django's paginator takes them: counted by
    `query`, which gives their ids in order, and read a page at a time."""

    def __init__(self, query: PreparedQuery, **values):
        self.query = query
        self.values = values

    def count(self) -> int:
        return self.query.count(**self.values)

    def __len__(self):
        return self.count()

    def __getitem__(self, page: slice) -> list[Post]:
        rows = self.query.rows(
            limit=page.stop - page.start, offset=page.start, **self.values
        )
        return listed_posts([pk for pk, *_ in rows])

    def __iter__(self):
        return iter(listed_posts([pk for pk, *_ in self.query.rows(**self.values)]))
