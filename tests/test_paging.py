"""Pages of posts picked by their ids hold what plain slicing would."""

import pytest
from django.core.paginator import Paginator

from posts.models import Post
from posts.paging import KeyedPaginator
from posts.search import search_posts
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def titles(page):
    return [post.title for post in page]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_each_page_holds_the_posts_of_a_plain_slice_in_order(number):
    PostFactory.create_batch(13)
    PostFactory(sticky=True)
    posts = Post.objects.published().for_listing().front_page_order()

    keyed = KeyedPaginator(posts, 4).page(number)
    plain = Paginator(posts, 4).page(number)

    assert titles(keyed) == titles(plain)


def test_orphans_join_the_last_page_as_with_plain_slicing():
    PostFactory.create_batch(9)
    posts = Post.objects.published().front_page_order()

    keyed = KeyedPaginator(posts, 4, orphans=1).page(2)

    assert titles(keyed) == titles(Paginator(posts, 4, orphans=1).page(2))


def test_search_results_keep_their_ranking_and_headlines_on_a_later_page():
    PostFactory(title="Khrushchev", body="<p>Khrushchev spoke.</p>")
    for number in range(5):
        PostFactory(title=f"Plenum {number}", body="<p>A word on Khrushchev.</p>")
    results = search_posts("khrushchev")

    second = KeyedPaginator(results, 2).page(2)

    assert titles(second) == titles(list(results)[2:4])
    assert all("Khrushchev" in post.headline for post in second)
