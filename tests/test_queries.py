"""Each public page runs a fixed number of queries, however much is on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.models import Correction
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    PageFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_page_rendered(settings):
    # The queries of rendering: what a page costs when no kept copy serves it.
    settings.PAGE_CACHE_SECONDS = 0


def filed_posts(count, *, categories, tags, series, author):
    return [
        PostFactory(categories=categories, tags=tags, series=series, author=author)
        for _ in range(count)
    ]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def site(settings):
    """A site whose pages hold 20 posts, each in 3 categories with 4 tags and
    with a comment, and whose menu holds static pages."""
    settings.POSTS_PER_PAGE = 20
    parent = CategoryFactory(slug="parent")
    categories = [CategoryFactory(parent=parent) for _ in range(3)]
    tags = TagFactory.create_batch(4)
    series = SeriesFactory(slug="great-leaders")
    author = UserFactory(username="ann")
    posts = filed_posts(
        20, categories=categories, tags=tags, series=series, author=author
    )
    for post in posts:
        CommentFactory(post=post)
    pages = PageFactory.create_batch(3)
    return {"category": categories[0], "tag": tags[0], "posts": posts, "page": pages[0]}


def page_urls(site):
    post = site["posts"][10]
    return {
        "home": "/",
        "post": post.get_absolute_url(),
        "category": "/category/parent/",
        "tag": site["tag"].get_absolute_url(),
        "author": "/author/ann/",
        "year": f"/{post.published_at.year}/",
        "series list": "/series/",
        "series index": "/series/great-leaders/",
        "static page": site["page"].get_absolute_url(),
        "search": "/search/?q=post",
    }


# The most any public page may run: the page's own rows, its prefetches,
# the count for pagination and the navigation.
MAX_QUERIES = 8


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "post",
        "category",
        "tag",
        "author",
        "year",
        "series list",
        "series index",
        "static page",
        "search",
    ],
)
def test_page_query_count_does_not_grow_with_its_content(client, site, page):
    url = page_urls(site)[page]
    with_20 = queries_for(client, url)

    more_categories = CategoryFactory.create_batch(3)
    more_tags = TagFactory.create_batch(3)
    for post in site["posts"]:
        post.categories.add(*more_categories)
        post.tags.add(*more_tags)
    with_more = queries_for(client, url)

    assert with_20 == with_more
    assert with_20 <= MAX_QUERIES


def test_home_page_with_20_posts_runs_a_fixed_number_of_queries(
    client, site, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/")

    assert len(response.context["page_obj"]) == 20


def test_a_post_page_with_series_neighbours_and_related_reading_stays_within_budget(
    client, site, django_assert_max_num_queries
):
    post = site["posts"][10]

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(post.get_absolute_url())

    assert len(response.context["post_page"].related_posts) == 5
    assert (
        response.context["post_page"].previous_post
        and response.context["post_page"].next_post
    )


def test_a_post_page_reads_its_correction_notes_in_one_query(
    client, site, django_assert_max_num_queries
):
    post = site["posts"][10]
    without_notes = queries_for(client, post.get_absolute_url())
    for placement in ("top", "bottom", "bottom"):
        Correction.objects.create(
            post=post, text="A date was wrong.", placement=placement
        )

    with_notes = queries_for(client, post.get_absolute_url())

    assert with_notes == without_notes <= MAX_QUERIES


def test_a_post_with_many_paged_comments_stays_within_budget(
    client, site, settings, django_assert_max_num_queries
):
    settings.COMMENTS_PER_PAGE = 5
    post = site["posts"][10]
    for _ in range(30):
        thread = CommentFactory(post=post)
        CommentFactory(post=post, parent=thread)

    with django_assert_max_num_queries(MAX_QUERIES):
        newest = client.get(post.get_absolute_url())
    with django_assert_max_num_queries(MAX_QUERIES):
        oldest = client.get(f"{post.get_absolute_url()}?cpage=1")

    assert newest.context["post_page"].comments.number == 7
    assert len(newest.context["post_page"].comments.items) == 2
    # The site's one comment on the post, then four threads of two.
    assert len(oldest.context["post_page"].comments.items) == 9


@pytest.mark.parametrize("url", ["/", "/category/parent/", "/search/?q=post"])
def test_a_late_page_of_a_list_runs_the_queries_of_the_first(
    client, site, settings, url
):
    settings.POSTS_PER_PAGE = 5
    separator = "&" if "?" in url else "?"

    first = queries_for(client, url)
    last = queries_for(client, f"{url}{separator}page=2")

    # The first page of the home page also reads "on this day", and that of
    # search results the people found (issue #18).
    assert first == last + (url in {"/", "/search/?q=post"})
