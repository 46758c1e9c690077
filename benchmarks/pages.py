"""The pages the benchmark loads, found in the seeded data, and what each
costs in SQL queries and bytes."""

from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from benchmarks import seed
from posts.models import Category, Post, Tag
from posts.navigation import category_branch

SEARCH_QUERY = "stalin"
CATEGORY_PAGE = 50
STATIC_COPY = "bench/khrushchev.html"


@dataclass
class Page:
    name: str
    path: str
    queries: int | None = None
    bytes: int | None = None

    @property
    def is_static(self):
        return self.name == "static"


def bench_pages() -> list[Page]:
    """The issue's pages: home, the Khrushchev post, the post with 1,000+
    comments, page 50 of the biggest category (sub-categories included), a
    well-used tag, a series index, a search and the main feed."""
    return [
        Page("home", "/"),
        Page("khrushchev", Post.objects.get(slug=seed.KHRUSHCHEV_SLUG).get_absolute_url()),
        Page("big thread", Post.objects.get(slug=seed.BIG_THREAD_SLUG).get_absolute_url()),
        Page("category p50", f"{biggest_category().get_absolute_url()}?page={CATEGORY_PAGE}"),
        Page("tag", busy_tag().get_absolute_url()),
        Page("series", "/series/great-leaders/"),
        Page("search", f"/search/?q={SEARCH_QUERY.replace(' ', '+')}"),
        Page("feed", "/feed/"),
    ]  # fmt: skip


def biggest_category() -> Category:
    def size(category):
        branch = category_branch(category.slug)
        return Post.objects.published().in_categories(branch.ids).count()

    return max(Category.objects.filter(parent=None), key=size)


def busy_tag() -> Tag:
    # Not the busiest: a tag with an ordinary few dozen posts.
    from django.db.models import Count

    return Tag.objects.annotate(n=Count("tagged_posts")).order_by("-n", "pk")[20]


def measure(pages: list[Page]) -> None:
    """Fill in each page's queries and bytes, with the page cache off (what
    rendering costs). The second of two requests is counted, as under load."""
    client = Client(HTTP_HOST="127.0.0.1")
    for page in pages:
        with override_settings(PAGE_CACHE_SECONDS=0):
            page.queries, page.bytes = count_queries(client, page.path)


def count_queries(client, path) -> tuple[int, int]:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(queries), len(response.content)


def write_static_copy(static_root: Path, page: Page) -> Page:
    """A static copy of the Khrushchev page, served by the same server: the
    ceiling the Python stack can reach for a file of that size."""
    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(PAGE_CACHE_SECONDS=0):
        content = client.get(page.path).content
    target = static_root / STATIC_COPY
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return Page(
        "static",
        f"/static/{STATIC_COPY}",
        queries=0,
        bytes=len(content),
    )
