"""Where a post stands among others: its series and its neighbours in time."""

from dataclasses import dataclass

from django.db.models import Q

from posts.models import Post


@dataclass(frozen=True)
class SeriesPlace:
    number: int | None
    total: int
    previous: Post | None
    next: Post | None


def series_place(post: Post) -> SeriesPlace | None:
    """Return the post's part number among the series' visible posts, with
    the parts before and after it; one query however long the series."""
    if post.series_id is None:
        return None
    parts = list(
        Post.objects.published()
        .in_series(post.series_id)
        .only("title", "slug", "published_at", "series_id", "series_position")
    )
    ids = [part.pk for part in parts]
    if post.pk not in ids:
        return SeriesPlace(number=None, total=len(parts), previous=None, next=None)
    index = ids.index(post.pk)
    return SeriesPlace(
        number=index + 1,
        total=len(parts),
        previous=parts[index - 1] if index > 0 else None,
        next=parts[index + 1] if index + 1 < len(parts) else None,
    )


def adjacent_posts(post: Post) -> tuple[Post | None, Post | None]:
    """Return the visible posts published just before and just after `post`."""
    visible = Post.objects.published().only("title", "slug", "published_at")
    # Ties on the date are broken by id, so posts published in the same
    # second are neither skipped nor repeated.
    same_time = Q(published_at=post.published_at)
    earlier = (
        visible.filter(
            Q(published_at__lt=post.published_at) | same_time & Q(pk__lt=post.pk)
        )
        .order_by("-published_at", "-pk")
        .first()
    )
    later = (
        visible.filter(
            Q(published_at__gt=post.published_at) | same_time & Q(pk__gt=post.pk)
        )
        .order_by("published_at", "pk")
        .first()
    )
    return earlier, later
