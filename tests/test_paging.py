"""Pages of posts read through prepared queries hold what plain slicing of
the same querysets would."""

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from posts import page_queries
from posts.listing import PostList
from posts.models import Post
from posts.search import SearchResults, search_posts
from tests.factories import PostFactory

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
