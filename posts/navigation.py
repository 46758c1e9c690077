"""Where a post stands among others, and the links that lead readers on:
its series, its neighbours in time, related reading, the site's menu."""

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from posts.addresses import address
from posts.models import Category, Page, Post, Series, TaggedPost

# How many posts "Related reading" lists under a post.
RELATED_POSTS = 5


@dataclass(frozen=True)
class SeriesPlace:
    number: int | None
    total: int
    previous: Post | None
    next: Post | None
    parts: tuple[Post, ...] = ()


def series_place(post: Post) -> SeriesPlace | None:
    """Return the post's part number among the series' visible posts, with
    the parts before and after it; one query however long the series."""
    if post.series_id is None:
        return None
    parts = tuple(
        Post.objects.published()
        .in_series(post.series_id)
        .only("title", "slug", "published_at", "series_id", "series_position")
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


def adjacent_posts(post: Post) -> tuple[Post | None, Post | None]:
    """Return the visible posts published just before and just after `post`,
    from one query."""
    visible = Post.objects.published()
    # Ties on the date are broken by id, so posts published in the same
    # second are neither skipped nor repeated. Each side is a range of the
    # date index, read from the post outwards until the first row.
    moment = post.published_at
    earlier = (
        visible.filter(published_at__lte=moment)
        .exclude(published_at=moment, pk__gte=post.pk)
        .order_by("-published_at", "-pk")
        .values("pk")[:1]
    )
    later = (
        visible.filter(published_at__gte=moment)
        .exclude(published_at=moment, pk__lte=post.pk)
        .order_by("published_at", "pk")
        .values("pk")[:1]
    )
    previous = following = None
    for neighbour in visible.filter(Q(pk__in=earlier) | Q(pk__in=later)).only(
        "title", "slug", "published_at"
    ):
        if (neighbour.published_at, neighbour.pk) < (post.published_at, post.pk):
            previous = neighbour
        else:
            following = neighbour
    return previous, following


def related_posts(
    post: Post, place: SeriesPlace | None = None, limit: int = RELATED_POSTS
) -> list[Post]:
    """Reading to offer after `post`: first the other parts of its series
    (the following ones, then the earlier ones, nearest first), then the
    visible posts sharing the most categories and tags with it, newest first.

    Uses the post's prefetched categories and tags and the parts in `place`,
    so it runs one query at most."""
    chosen = []
    if place is not None:
        ids = [part.pk for part in place.parts]
        index = ids.index(post.pk) if post.pk in ids else len(ids)
        chosen = [*place.parts[index + 1 :], *reversed(place.parts[:index])][:limit]
    category_ids = [category.pk for category in post.categories.all()]
    tag_ids = [tag.pk for tag in post.tags.all()]
    if len(chosen) >= limit or not (category_ids or tag_ids):
        return chosen
    # Only posts filed with one of them are scored, each by its own rows in
    # the two link tables: a join of every post with all its categories and
    # tags would count far more rows than it keeps.
    filings = [
        (Post.categories.through.objects, "post", "category", category_ids),
        (TaggedPost.objects, "content_object", "tag", tag_ids),
    ]
    candidates, scores = Q(), []
    for links, post_field, field, ids in filings:
        if not ids:
            continue
        matching = links.filter(**{f"{field}__in": ids}).order_by()
        candidates |= Q(pk__in=matching.values(post_field))
        per_post = matching.filter(**{post_field: OuterRef("pk")}).values(post_field)
        count = per_post.annotate(shared=Count("pk")).values("shared")
        scores.append(Coalesce(Subquery(count), Value(0)))
    shared = (
        Post.objects.published()
        .filter(candidates)
        .exclude(pk__in=[post.pk, *(part.pk for part in chosen)])
        .annotate(shared=sum(scores[1:], scores[0]))
        .only("title", "slug", "published_at")
        .order_by("-shared", "-published_at", "-pk")
    )
    return chosen + list(shared[: limit - len(chosen)])


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
    categories = (
        Category.objects.filter(parent__isnull=True)
        .annotate(kind=Value(0), position=Value(0), label=F("name"))
        .values_list("kind", "position", "label", "slug")
        .order_by()
    )
    series = (
        Series.objects.annotate(kind=Value(1), position=Value(0), label=F("title"))
        .values_list("kind", "position", "label", "slug")
        .order_by()
    )
    pages = (
        Page.objects.in_navigation()
        .annotate(kind=Value(2), position=F("navigation_order"), label=F("title"))
        .values_list("kind", "position", "label", "slug")
        .order_by()
    )
    rows = categories.union(series, pages, all=True).order_by(
        "kind", "position", "label"
    )
    return [
        MenuLink(label, address(_MENU_KINDS[kind], slug=slug))
        for kind, position, label, slug in rows
    ]
