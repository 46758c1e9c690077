"""Pages of posts read through prepared queries hold what plain slicing of
the same querysets would, and each page has one address."""

from http import HTTPStatus

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.utils import timezone

from posts import page_queries
from posts.listing import PostList
from posts.models import Post
from posts.search import SearchResults, search_posts
from tests.factories import CategoryFactory, PostFactory, TagFactory, hourly_posts

pytestmark = pytest.mark.django_db


def titles(page):
    return [post.title for post in page]


def front_page():
    return PostList(page_queries.FRONT_PAGE_IDS, now=timezone.now())


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_each_page_holds_the_posts_of_a_plain_slice_in_order(number):
    PostFactory.create_batch(13)
    PostFactory(sticky=True)
    posts = Post.objects.published().front_page_order()

    prepared = Paginator(front_page(), 4).page(number)
    plain = Paginator(posts, 4).page(number)

    assert titles(prepared) == titles(plain)


def test_orphans_join_the_last_page_as_with_plain_slicing():
    PostFactory.create_batch(9)
    posts = Post.objects.published().front_page_order()

    prepared = Paginator(front_page(), 4, orphans=1).page(2)

    assert titles(prepared) == titles(Paginator(posts, 4, orphans=1).page(2))


def category_lists():
    """A category's posts as its pages read them, and as plain slicing would:
    its own and its subcategory's, each once, without drafts, scheduled
    posts or other categories' posts."""
    history = CategoryFactory()
    below = CategoryFactory(parent=history)
    elsewhere = CategoryFactory()
    PostFactory.create_batch(5, categories=[history])
    PostFactory.create_batch(4, categories=[below])
    PostFactory.create_batch(3, categories=[history, below])
    PostFactory.create_batch(3, categories=[elsewhere])
    PostFactory(categories=[history], draft=True)
    PostFactory(categories=[history], scheduled=True)
    PostFactory(categories=[below], status=Post.Status.PRIVATE)
    ids = [history.pk, below.pk]
    prepared = PostList(
        page_queries.CATEGORY_IDS,
        page_queries.CATEGORY_COUNTED,
        now=timezone.now(),
        categories=ids,
    )
    return prepared, Post.objects.published().filter(categories__in=ids).distinct()


def tag_lists():
    tag = TagFactory()
    PostFactory.create_batch(12, tags=[tag])
    PostFactory.create_batch(3, tags=[TagFactory()])
    PostFactory(tags=[tag], draft=True)
    PostFactory(tags=[tag], scheduled=True)
    PostFactory(tags=[tag], status=Post.Status.PRIVATE)
    prepared = PostList(
        page_queries.TAG_IDS, page_queries.TAG_COUNTED, now=timezone.now(), tag=tag.pk
    )
    return prepared, Post.objects.published().filter(tags=tag)


# Five a page: the last two pages are past the middle, read from the end.
@pytest.mark.parametrize("lists", [category_lists, tag_lists])
@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_page_of_a_category_or_tag_holds_its_posts_newest_first(lists, number):
    prepared, plain = lists()

    page = Paginator(prepared, 5).page(number)

    assert page.paginator.count == 12
    assert titles(page) == titles(Paginator(plain, 5).page(number))


def test_a_page_of_a_category_walks_the_date_index_rather_than_sorting():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query planner is what is tested")
    # As many posts as the planner weighs the choice as it does on a large
    # site: a category holding one post in five of two thousand.
    history = CategoryFactory()
    posts = hourly_posts(2_000)
    Post.categories.through.objects.bulk_create(
        Post.categories.through(post=post, category=history) for post in posts[::5]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    query = Post.objects.published().in_categories([history.pk], in_date_order=True)
    sql, params = query.values("pk")[:10].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())

    assert "posts_post_status_384c95_idx" in plan
    assert "TEMP B-TREE" not in plan


def test_search_results_keep_their_ranking_and_headlines_on_a_later_page():
    PostFactory(title="Khrushchev", body="<p>Khrushchev spoke.</p>")
    for number in range(5):
        PostFactory(title=f"Plenum {number}", body="<p>A word on Khrushchev.</p>")

    second = Paginator(SearchResults("khrushchev"), 2).page(2)

    assert titles(second) == titles(list(search_posts("khrushchev"))[2:4])
    assert all("Khrushchev" in post.headline for post in second)


@pytest.mark.parametrize(
    "query", ["khrushchev", '"secret speech"', "stalin -lenin", "the -stalin", ""]
)
def test_search_results_count_and_hold_what_the_search_finds(query):
    PostFactory(title="Khrushchev", body="<p>The secret speech on Stalin.</p>")
    PostFactory(title="Lenin", body="<p>Stalin and Lenin.</p>")
    found = search_posts(query)

    results = SearchResults(query)

    assert results.count() == found.count()
    assert titles(results[0:10]) == titles(found)


# One address per page (issue #20): other ways of writing a page number are
# sent to it, and what names no page is a 404, so the page cache keeps each
# page once.


@pytest.fixture
def two_pages(settings):
    settings.POSTS_PER_PAGE = 1
    PostFactory.create_batch(2, title="Cold war")


@pytest.mark.usefixtures("two_pages")
@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        ("/?page=1", "/"),
        ("/?page=01", "/"),
        ("/?page=", "/"),
        ("/?page=0002", "/?page=2"),
        ("/search/?q=cold&page=02", "/search/?q=cold&page=2"),
        ("/search/?q=cold&page=1", "/search/?q=cold"),
        ("/feed/?page=1", "/feed/"),
    ],
)
def test_a_page_number_written_otherwise_redirects_to_its_one_address(
    client, address, canonical
):
    response = client.get(address)

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == canonical


@pytest.mark.usefixtures("two_pages")
@pytest.mark.parametrize(
    "address",
    [
        "/?page=0",
        "/?page=3",
        "/?page=²",
        "/?page=٢",
        "/?page=-1",
        "/?page=+2",
        "/?page=%202",
        "/?page=2_0",
        "/?page=last",
        "/?page=2&page=2",
        f"/?page={'9' * 5000}",
        "/search/?q=cold&page=²",
        "/series/?page=2",
        "/feed/?page=2",
    ],
)
def test_a_page_number_naming_no_page_is_a_themed_404(client, address):
    response = client.get(address)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.text


@pytest.mark.usefixtures("two_pages")
def test_a_later_page_at_its_own_address_is_shown(client):
    response = client.get("/?page=2")

    assert response.status_code == HTTPStatus.OK
    assert '<link rel="canonical" href="http://testserver/?page=2">' in response.text
