from datetime import UTC, datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.navigation import adjacent_posts
from tests.factories import (
    CategoryFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
    hourly_posts,
)
from tests.html_text import page_text

pytestmark = pytest.mark.django_db


def titles_on(response):
    return [post.title for post in response.context["page_obj"]]


def test_home_lists_the_latest_posts_newest_first(client):
    older = PostFactory(published_at=datetime(2016, 1, 1, tzinfo=UTC))
    newer = PostFactory(published_at=datetime(2016, 2, 1, tzinfo=UTC))

    response = client.get("/")

    assert titles_on(response) == [newer.title, older.title]


def test_sticky_posts_come_first_on_the_home_page(client):
    sticky = PostFactory(sticky=True, published_at=datetime(2015, 1, 1, tzinfo=UTC))
    newer = PostFactory(published_at=datetime(2016, 2, 1, tzinfo=UTC))

    response = client.get("/")

    assert titles_on(response) == [sticky.title, newer.title]


def test_home_is_paginated_ten_to_a_page(client):
    posts = PostFactory.create_batch(12)

    first = client.get("/")
    second = client.get("/?page=2")

    assert len(titles_on(first)) == 10
    assert titles_on(second) == [posts[1].title, posts[0].title]
    assert 'rel="next"' in first.text
    assert client.get("/?page=3").status_code == HTTPStatus.NOT_FOUND


def test_category_archive_includes_posts_of_sub_categories(client):
    history = CategoryFactory(name="History")
    russia = CategoryFactory(name="Russia", parent=history)
    soviet = CategoryFactory(name="Soviet era", parent=russia)
    other = CategoryFactory(name="Science")
    in_parent = PostFactory(categories=[history])
    in_grandchild = PostFactory(categories=[soviet])
    in_both = PostFactory(categories=[history, russia])
    PostFactory(categories=[other])

    response = client.get(history.get_absolute_url())

    assert titles_on(response) == [in_both.title, in_grandchild.title, in_parent.title]
    assert "Sub-categories: Russia" in page_text(response.text)


def test_a_category_archive_pages_through_its_branch_newest_first(client, settings):
    settings.POSTS_PER_PAGE = 3
    history = CategoryFactory()
    russia = CategoryFactory(parent=history)
    soviet = CategoryFactory(parent=russia)
    same_moment = datetime(2009, 6, 1, tzinfo=UTC)
    listed = [
        PostFactory(categories=[history]),
        PostFactory(categories=[soviet]),
        PostFactory(categories=[history, russia, soviet]),
        PostFactory(categories=[russia], published_at=same_moment),
        PostFactory(categories=[soviet], published_at=same_moment),
        PostFactory(categories=[russia]),
    ]
    PostFactory(categories=[soviet], draft=True)
    PostFactory(categories=[russia], scheduled=True)
    PostFactory(categories=[CategoryFactory()])
    newest_first = sorted(
        listed, key=lambda post: (post.published_at, post.pk), reverse=True
    )

    second = client.get(f"{history.get_absolute_url()}?page=2")

    assert titles_on(second) == [post.title for post in newest_first[3:]]
    assert second.context["paginator"].count == len(listed)


def test_a_categorys_posts_are_found_through_an_index_on_category_and_post():
    # The index is made in SQL (Django keeps none for its own link tables):
    # a migration that has SQLite rebuild the table would drop it unseen.
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(
            cursor, "posts_post_categories"
        ).values()

    assert any(
        index["index"] and index["columns"] == ["category_id", "post_id"]
        for index in indexes
    )


def test_sub_category_archive_leaves_out_its_parents_posts(client):
    history = CategoryFactory()
    russia = CategoryFactory(parent=history)
    PostFactory(categories=[history])
    child_post = PostFactory(categories=[russia])

    response = client.get(russia.get_absolute_url())

    assert titles_on(response) == [child_post.title]


def test_tag_archive_lists_the_tagged_posts_with_the_tag_description(client):
    tag = TagFactory(name="Cold War", description="The long stand-off.")
    tagged = PostFactory(tags=[tag])
    PostFactory()

    response = client.get(tag.get_absolute_url())

    assert titles_on(response) == [tagged.title]
    assert "The long stand-off." in response.text


def test_author_archive_lists_only_that_authors_posts(client):
    author = UserFactory(username="ann", first_name="Ann", last_name="Applebaum")
    theirs = PostFactory(author=author)
    PostFactory(author=UserFactory())

    response = client.get("/author/ann/")

    assert titles_on(response) == [theirs.title]
    assert "Author: Ann Applebaum" in page_text(response.text)


def test_year_and_month_archives_list_posts_of_that_period(client):
    may = PostFactory(published_at=datetime(2016, 5, 16, tzinfo=UTC))
    june = PostFactory(published_at=datetime(2016, 6, 1, tzinfo=UTC))
    PostFactory(published_at=datetime(2017, 5, 1, tzinfo=UTC))

    year = client.get("/2016/")
    month = client.get("/2016/05/")

    assert titles_on(year) == [june.title, may.title]
    assert titles_on(month) == [may.title]
    assert "Posts from May 2016" in month.text


def test_an_empty_period_is_404(client):
    PostFactory(published_at=datetime(2016, 5, 16, tzinfo=UTC))

    assert client.get("/2015/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/2016/07/").status_code == HTTPStatus.NOT_FOUND


def test_unknown_category_tag_author_and_series_are_404(client):
    for url in ["/category/none/", "/tag/none/", "/author/none/", "/series/none/"]:
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_series_index_lists_its_visible_posts_in_series_order(client):
    series = SeriesFactory(title="Great Leaders", description="Men of steel.")
    third = PostFactory(series=series, series_position=3, title="Third")
    first = PostFactory(series=series, series_position=1, title="First")
    PostFactory(series=series, series_position=2, draft=True, title="Unfinished")
    PostFactory(title="Elsewhere")

    response = client.get(series.get_absolute_url())

    text = page_text(response.text)
    assert [p.title for p in response.context["parts"]] == [first.title, third.title]
    assert "Men of steel." in text
    assert "Unfinished" not in text
    assert text.index("First") < text.index("Third")


def test_series_list_counts_only_visible_parts(client):
    series = SeriesFactory(title="Great Leaders")
    PostFactory.create_batch(2, series=series)
    PostFactory(series=series, draft=True)

    response = client.get("/series/")

    text = page_text(response.text)
    assert "2 parts" in text
    assert "3 parts" not in text


def test_series_box_shows_the_part_number_and_neighbours(client):
    series = SeriesFactory(title="Great Leaders")
    parts = [PostFactory(series=series, series_position=n) for n in range(1, 6)]

    response = client.get(parts[1].get_absolute_url())

    text = page_text(response.text)
    assert "Part 2 of 5 in the Great Leaders series" in text
    assert f"Previous in the series: {parts[0].title}" in text
    assert f"Next in the series: {parts[2].title}" in text
    assert series.get_absolute_url() in response.text


def test_series_box_at_the_ends_has_one_neighbour(client):
    series = SeriesFactory(title="Great Leaders")
    first, last = PostFactory(series=series), PostFactory(series=series)

    first_text = page_text(client.get(first.get_absolute_url()).text)
    last_text = page_text(client.get(last.get_absolute_url()).text)

    assert "Part 1 of 2" in first_text
    assert "Previous in the series" not in first_text
    assert "Next in the series" in first_text
    assert "Part 2 of 2" in last_text
    assert "Next in the series" not in last_text


def test_previous_and_next_post_follow_publication_order(client):
    first, middle, last = PostFactory.create_batch(3)

    middle_page = client.get(middle.get_absolute_url())
    first_page = client.get(first.get_absolute_url())
    last_page = client.get(last.get_absolute_url())

    assert middle_page.context["post_page"].previous_post.pk == first.pk
    assert middle_page.context["post_page"].next_post.pk == last.pk
    assert first_page.context["post_page"].previous_post is None
    assert first_page.context["post_page"].next_post.pk == middle.pk
    assert last_page.context["post_page"].next_post is None


def test_previous_and_next_skip_hidden_posts(client):
    first = PostFactory()
    PostFactory(draft=True)
    last = PostFactory()

    response = client.get(first.get_absolute_url())

    assert response.context["post_page"].next_post.pk == last.pk


def test_posts_published_in_the_same_second_link_to_each_other(client):
    moment = datetime(2016, 5, 16, 9, tzinfo=UTC)
    one, two = PostFactory(published_at=moment), PostFactory(published_at=moment)

    assert (
        client.get(one.get_absolute_url()).context["post_page"].next_post.pk == two.pk
    )
    assert (
        client.get(two.get_absolute_url()).context["post_page"].previous_post.pk
        == one.pk
    )


def test_meta_line_leaves_out_empty_parts(client):
    post = PostFactory()

    text = page_text(client.get(post.get_absolute_url()).text)

    assert "Posted in" not in text
    assert "Posted by" not in text
    assert "Tagged" not in text
    assert "Leave a reply" in text


def test_meta_line_names_every_category_the_author_and_the_tags(client):
    author = UserFactory(first_name="Ann", last_name="Applebaum")
    post = PostFactory(
        author=author,
        categories=[CategoryFactory(name="History"), CategoryFactory(name="Russia")],
        tags=[TagFactory(name="Stalin")],
    )

    text = page_text(client.get(post.get_absolute_url()).text)

    assert (
        "Posted in History, Russia | Posted by Ann Applebaum | Tagged Stalin | "
        "Leave a reply" in text
    )


def test_leave_a_reply_points_at_the_comments_anchor(client):
    post = PostFactory()

    response = client.get(post.get_absolute_url())

    assert f'href="{post.get_absolute_url()}#comments">Leave a reply' in response.text
    assert 'id="comments"' in response.text


def test_a_post_under_the_wrong_month_redirects_to_its_address(client):
    post = PostFactory(published_at=datetime(2016, 5, 16, tzinfo=UTC), slug="speech")

    response = client.get("/2019/01/speech/")

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/2016/05/speech/"
    assert post.get_absolute_url() == "/2016/05/speech/"


def test_a_post_with_a_non_latin_slug_is_readable(client):
    post = PostFactory(title="Хрущёв", slug="хрущёв")

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.OK


def test_a_posts_neighbours_are_found_by_id_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's query planner is what is tested")
    posts = hourly_posts(2_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE posts_post")
    with CaptureQueriesContext(connection) as queries:
        adjacent_posts(posts[1_000])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {queries.captured_queries[0]['sql']}")
        plan = " ".join(row[0] for row in cursor.fetchall())

    # Reading every post to find two took 8 ms on a blog of 10,000.
    assert "Seq Scan on posts_post " not in plan
