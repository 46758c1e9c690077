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
from posts.authors.models import AuthorProfile, attach_profile
from posts.media.featured import FEATURED_IMAGE_COLUMNS, attach_featured_image
from posts.models import Post, TaggedPost
from posts.models.people import wikidata_url

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
    "featured_image_id",
)
FULL = (*LISTED, "body_html", "created_at", "updated_at")
AUTHOR = ("id", "username", "first_name", "last_name")
# What pages read of an author beside their id: their names, and their
# profile (posts.authors), for the name bylines show.
AUTHOR_SHOWN = (
    *AUTHOR[1:],
    *(f"author_profile__{name}" for name in AuthorProfile.SHOWN),
)
_AUTHOR_COLUMNS = tuple(f"author__{name}" for name in AUTHOR_SHOWN)


FILING_COLUMNS = ("kind", "filed", "term", "name", "slug", "detail")
# The kinds of FILING_COLUMNS' rows: categories and tags; and on a post's
# page, the people it is about and mentions (their Wikidata id as detail).
CATEGORY, TAG, ABOUT, MENTIONED = range(4)


def _filing(ids, *, people=False):
    """The categories and tags of the posts `ids`, and with `people` the
    people they are about and mention, by kind and name."""
    parts = [
        _named(Post.categories.through, CATEGORY, "post_id", "category", ids),
        _named(TaggedPost, TAG, "content_object_id", "tag", ids),
    ]
    if people:
        for kind, through in (
            (ABOUT, Post.people_about.through),
            (MENTIONED, Post.people_mentioned.through),
        ):
            parts.append(
                _named(through, kind, "post_id", "person", ids, "person__wikidata_id")
            )
    first, *rest = (part.values_list(*FILING_COLUMNS) for part in parts)
    return first.union(*rest, all=True).order_by("kind", "name")


def _named(through, kind, post, term, ids, detail=None):
    """The rows of `through` filing the posts `ids` under a `term` (its
    foreign key's name), as FILING_COLUMNS name them."""
    return through.objects.filter(**{f"{post}__in": ids}).annotate(
        kind=Value(kind),
        filed=F(post),
        term=F(f"{term}_id"),
        name=F(f"{term}__name"),
        slug=F(f"{term}__slug"),
        detail=F(detail) if detail else Value(""),
    )


_POSTS = PreparedQuery(
    lambda ids: Post.objects.filter(pk__in=ids),
    (*LISTED, *_AUTHOR_COLUMNS, *FEATURED_IMAGE_COLUMNS),
)
_FULL_POSTS = PreparedQuery(
    lambda ids: Post.objects.filter(pk__in=ids),
    (*FULL, *_AUTHOR_COLUMNS, *FEATURED_IMAGE_COLUMNS),
)
_FILING = PreparedQuery(_filing, FILING_COLUMNS)
_FILING_AND_PEOPLE = PreparedQuery(
    lambda ids: _filing(ids, people=True), FILING_COLUMNS
)
# The archives of CATEGORY and TAG rows; people link their own pages.
_ARCHIVES = ("posts:category", "posts:tag")


def listed_posts(ids: list[int], *, full: bool = False) -> list[Post]:
    """The posts `ids` in that order, with their authors, featured images,
    categories (`category_list`) and tags (`tag_list`); with `full`, their
    text too."""
    if not ids:
        return []
    query, fields = (_FULL_POSTS, FULL) if full else (_POSTS, LISTED)
    posts, authors = {}, {}
    for row in query.rows(ids=list(ids)):
        post = posts[row[0]] = instance(Post, fields, row[: len(fields)])
        joined = row[len(fields) :]
        # A list's posts mostly share a few authors: each is made once.
        if post.author_id not in authors:
            authors[post.author_id] = author_from(
                post.author_id, joined[: len(_AUTHOR_COLUMNS)]
            )
        post.author = authors[post.author_id]
        attach_featured_image(post, joined[len(_AUTHOR_COLUMNS) :])
    shown = [posts[pk] for pk in ids if pk in posts]
    attach_filing(shown)
    return shown


@dataclass(frozen=True, slots=True)
class NamedPerson:
    """A person a post is about or mentions, as its page names them."""

    pk: int
    name: str
    slug: str
    wikidata_id: str

    def get_absolute_url(self):
        return address("posts:person", slug=self.slug)

    @property
    def wikidata_url(self) -> str:
        return wikidata_url(self.wikidata_id)


@dataclass(frozen=True, slots=True)
class FiledUnder:
    """A category or tag of a listed post, as the post shows it: a name
    linking to its archive (`url`)."""

    pk: int
    name: str
    slug: str
    url: str

    def get_absolute_url(self):
        return self.url


def attach_filing(posts: list[Post], *, people: bool = False) -> None:
    """Give each of `posts` its categories (`category_list`) and tags
    (`tag_list`), by name, from one query; with `people`, also the people
    it is about (`about_list`) and mentions (`mention_list`)."""
    by_id = {post.pk: post for post in posts}
    for post in posts:
        post.category_list, post.tag_list = [], []
        post.about_list, post.mention_list = [], []
    if not by_id:
        return
    query = _FILING_AND_PEOPLE if people else _FILING
    # A list's posts share categories and tags: each is made once, its
    # address with it, rather than a link a post (#14).
    terms = {}
    for kind, post_id, pk, name, slug, detail in query.rows(ids=list(by_id)):
        post = by_id[post_id]
        if kind in (ABOUT, MENTIONED):
            named = post.about_list if kind == ABOUT else post.mention_list
            named.append(NamedPerson(pk, name, slug, detail))
            continue
        term = terms.get((kind, pk))
        if term is None:
            url = address(_ARCHIVES[kind], slug=slug)
            term = terms[kind, pk] = FiledUnder(pk, name, slug, url)
        (post.tag_list if kind == TAG else post.category_list).append(term)


def author_from(pk, columns):
    """The author `pk`, with the AUTHOR_SHOWN `columns` read of them."""
    if pk is None:
        return None
    names = len(AUTHOR) - 1
    author = instance(get_user_model(), AUTHOR, (pk, *columns[:names]))
    attach_profile(author, columns[names:])
    return author


class PostList:
    """The posts of a list page as Django's paginator takes them: `query`
    gives their ids in order, a page at a time; `counted` (by default
    `query`) counts them, as it may do so faster."""

    def __init__(
        self, query: PreparedQuery, counted: PreparedQuery | None = None, **values
    ):
        self.query = query
        self.counted = counted or query
        self.values = values
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.counted.count(**self.values)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, page: slice) -> list[Post]:
        limit = page.stop - page.start
        behind = self.count() - page.stop
        if 0 <= behind < page.start:
            # Past the middle, the page is nearer the end: the database
            # walks fewer rows from there (the last page of a category of
            # 2,000 posts took 1.4 ms from the front, 0.3 from the back).
            rows = self.query.reversed.rows(limit=limit, offset=behind, **self.values)
            rows.reverse()
        else:
            rows = self.query.rows(limit=limit, offset=page.start, **self.values)
        return listed_posts([pk for pk, *_ in rows])

    def __iter__(self):
        return iter(listed_posts([pk for pk, *_ in self.query.rows(**self.values)]))
