"""Where a post stands among others, and the links that lead readers on:
its series, its neighbours in time, related reading, the site's menu."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from greatleaders.prepared import instance
from posts import page_queries
from posts.addresses import address
from posts.models import Category, Post, post_address


@dataclass(frozen=True, slots=True)
class PostLink:
    """Another post, as a link to it: what series boxes, neighbours and
    related reading show of it."""

    pk: int
    title: str
    slug: str
    published_at: datetime.datetime

    def get_absolute_url(self):
        return post_address(self.slug, self.published_at)


def _links(query, **values) -> list[PostLink]:
    return [PostLink(*row) for row in query.rows(**values)]


@dataclass(frozen=True)
class SeriesPlace:
    number: int | None
    total: int
    previous: PostLink | None
    next: PostLink | None
    parts: tuple[PostLink, ...] = ()


@dataclass(frozen=True)
class CategoryBranch:
    category: Category
    children: list[Category]
    ids: list[int]


def category_branch(slug: str) -> CategoryBranch:
    """The category at `slug`, its direct children and the ids of every
    category below it, from one query however deep the tree; 404 when there
    is none."""
    fields = page_queries.CATEGORY_TREE.fields
    rows = page_queries.CATEGORY_TREE.rows()
    root = next((row for row in rows if row[3] == slug), None)
    if root is None:
        raise Http404(f"No category {slug!r}.")
    children = {}
    for row in sorted(rows, key=lambda row: row[2]):
        children.setdefault(row[1], []).append(row)
    ids, stack = [], [root]
    while stack:
        current = stack.pop()
        if current[0] not in ids:
            ids.append(current[0])
            stack.extend(children.get(current[0], []))
    return CategoryBranch(
        category=instance(Category, fields, root),
        children=[instance(Category, fields, row) for row in children.get(root[0], [])],
        ids=ids,
    )


def series_place(post: Post) -> SeriesPlace | None:
    """Return the post's part number among the series' visible posts, with
    the parts before and after it; one query however long the series."""
    if post.series_id is None:
        return None
    # Links, not posts: a series of 37 parts made 37 model instances.
    parts = tuple(
        _links(page_queries.SERIES_PARTS, now=timezone.now(), series=post.series_id)
    )
    ids = [part.pk for part in parts]
    if post.pk not in ids:
        return SeriesPlace(
            number=None, total=len(parts), previous=None, next=None, parts=parts
        )
    index = ids.index(post.pk)
    return SeriesPlace(
        number=index + 1,
        total=len(parts),
        previous=parts[index - 1] if index > 0 else None,
        next=parts[index + 1] if index + 1 < len(parts) else None,
        parts=parts,
    )


def adjacent_posts(post: Post) -> tuple[PostLink | None, PostLink | None]:
    """Return the visible posts published just before and just after `post`,
    from one query."""
    previous = following = None
    now, moment = timezone.now(), post.published_at
    for neighbour in _links(
        page_queries.ADJACENT,
        now=now,
        moment=moment,
        before=min(now, moment),
        post=post.pk,
    ):
        if (neighbour.published_at, neighbour.pk) < (post.published_at, post.pk):
            previous = neighbour
        else:
            following = neighbour
    return previous, following


def related_posts(
    post: Post, place: SeriesPlace | None = None, limit: int = page_queries.RELATED
) -> list[PostLink]:
    """Reading to offer after `post`: first the other parts of its series
    (the following ones, then the earlier ones, nearest first); then the
    visible posts sharing its tags, those sharing the most of its tags and
    categories first; then the newest filed under its categories.

    Uses the post's categories and tags (`category_list`, `tag_list`) and the
    parts in `place`: two queries at most."""
    chosen = []
    if place is not None:
        ids = [part.pk for part in place.parts]
        index = ids.index(post.pk) if post.pk in ids else len(ids)
        chosen = [*place.parts[index + 1 :], *reversed(place.parts[:index])][:limit]
    # Fewer parts than the limit were chosen: all the series' visible parts,
    # which the queries leave out by their series.
    values = {"now": timezone.now(), "post": post.pk}
    if place is not None:
        values["outside"] = post.series_id
    if len(chosen) < limit and post.tag_list:
        chosen += _links(page_queries.SHARING_TAGS, limit=limit - len(chosen), **values)
    if len(chosen) < limit and post.category_list:
        chosen += _links(
            page_queries.SHARING_CATEGORIES,
            limit=limit - len(chosen),
            chosen=[link.pk for link in chosen],
            **values,
        )
    return chosen


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str


_MENU_KINDS = {0: "posts:category", 1: "posts:series", 2: "posts:page"}


def menu_current_page(path: str, menu: list[MenuLink]) -> str:
    """`path` when the menu links to it (Home included), else "": what marks
    a link of the menu as the current page, and all the menu varies on."""
    if path == address("posts:home") or any(link.url == path for link in menu):
        return path
    return ""


def site_menu() -> list[MenuLink]:
    """The menu on every page: top-level categories, series, then the static
    pages shown in the navigation in their set order, from one query."""
    return [
        MenuLink(label, address(_MENU_KINDS[kind], slug=slug))
        for kind, position, label, slug in page_queries.MENU.rows()
    ]
