"""Sitemaps for search engines: /sitemap.xml is an index of one sitemap per
section (posts, categories, tags, series, pages, people), each split into pages of
2000 addresses as WordPress's are. Only what readers can open is listed:
visible posts, published pages, and archives holding at least one visible
post, each with the date it last changed.

The views are given the classes, so each request gets fresh instances, and
each section reads its rows once per request (one query, two for pages).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from posts.models import Category, Page, Person, Post, Series, Tag

# WordPress's wp_sitemaps_get_max_urls().
URLS_PER_SITEMAP = 2000


def _latest(*dates: datetime | None) -> datetime | None:
    return max((date for date in dates if date is not None), default=None)


@dataclass(frozen=True)
class Entry:
    url: str
    lastmod: datetime | None


class SectionSitemap(Sitemap):
    """A section whose entries (`entries()`) are read once per request."""

    limit = URLS_PER_SITEMAP

    @cached_property
    def _entries(self):
        return list(self.entries())

    def items(self):
        return self._entries

    def location(self, entry):
        return entry.url

    def lastmod(self, entry):
        return entry.lastmod


class PostSitemap(SectionSitemap):
    def entries(self):
        posts = (
            Post.objects.published()
            .only("slug", "published_at", "updated_at")
            .order_by("published_at", "pk")
        )
        for post in posts:
            yield Entry(
                post.get_absolute_url(), _latest(post.published_at, post.updated_at)
            )


def _visible_post_dates(prefix):
    """Annotations: the latest publish and edit dates of visible posts reached
    through `prefix` (the relation from an archive to its posts)."""
    visible = Q(**{f"{prefix}__in": Post.objects.published()})
    return {
        "latest_published": Max(f"{prefix}__published_at", filter=visible),
        "latest_updated": Max(f"{prefix}__updated_at", filter=visible),
    }


class CategorySitemap(SectionSitemap):
    def entries(self):
        """Categories whose archive shows a post: theirs or a sub-category's."""
        categories = list(Category.objects.annotate(**_visible_post_dates("posts")))
        by_id = {category.pk: category for category in categories}
        lastmods = {}
        for category in categories:
            own = _latest(category.latest_published, category.latest_updated)
            # A post also changes the archives of all the categories above.
            current, seen = category, set()
            while own is not None and current is not None and current.pk not in seen:
                seen.add(current.pk)
                lastmods[current.pk] = _latest(lastmods.get(current.pk), own)
                current = by_id.get(current.parent_id)
        for category in categories:
            if category.pk in lastmods:
                yield Entry(category.get_absolute_url(), lastmods[category.pk])


class TagSitemap(SectionSitemap):
    def entries(self):
        tags = Tag.objects.annotate(
            **_visible_post_dates("tagged_posts__content_object")
        ).filter(latest_published__isnull=False)
        for tag in tags:
            yield Entry(
                tag.get_absolute_url(),
                _latest(tag.latest_published, tag.latest_updated),
            )


class SeriesSitemap(SectionSitemap):
    def entries(self):
        all_series = Series.objects.annotate(**_visible_post_dates("posts")).filter(
            latest_published__isnull=False
        )
        for series in all_series:
            yield Entry(
                series.get_absolute_url(),
                _latest(series.latest_published, series.latest_updated),
            )


class PageSitemap(SectionSitemap):
    """The home page, the list of series and the published static pages."""

    def entries(self):
        latest = Post.objects.published().aggregate(
            published=Max("published_at"), updated=Max("updated_at")
        )
        newest = _latest(latest["published"], latest["updated"])
        yield Entry(reverse("posts:home"), newest)
        yield Entry(reverse("posts:series_list"), newest)
        for page in Page.objects.published().only("slug", "updated_at"):
            yield Entry(page.get_absolute_url(), page.updated_at)


class PeopleSitemap(SectionSitemap):
    """The people index, the timeline, and every person's page."""

    def entries(self):
        people = list(Person.objects.alphabetical().only("slug", "updated_at"))
        newest = max((person.updated_at for person in people), default=None)
        yield Entry(reverse("posts:people"), newest)
        yield Entry(reverse("posts:timeline"), None)
        for person in people:
            yield Entry(person.get_absolute_url(), person.updated_at)


SITEMAPS = {
    "posts": PostSitemap,
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "series": SeriesSitemap,
    "people": PeopleSitemap,
}
