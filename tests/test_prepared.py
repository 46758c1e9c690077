from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from greatleaders.prepared import PreparedQuery, instance
from posts.models import Post
from tests.factories import CategoryFactory, PostFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2020, 6, 1, 12, tzinfo=UTC)


def published_before(now, categories):
    return Post.objects.published(now).in_categories(categories)


def test_a_prepared_query_finds_what_its_queryset_finds_for_each_value():
    history, science = CategoryFactory.create_batch(2)
    for day in range(1, 6):
        PostFactory(
            categories=[history if day % 2 else science],
            published_at=NOON + timedelta(days=day - 3),
        )
    query = PreparedQuery(published_before, ["id", "title", "published_at"])

    for now in (NOON, NOON + timedelta(days=5)):
        for categories in ([history.pk], [history.pk, science.pk]):
            expected = list(
                published_before(now, categories).values_list(
                    "id", "title", "published_at"
                )
            )
            assert query.rows(now=now, categories=categories) == expected
            assert query.count(now=now, categories=categories) == len(expected)


def test_a_page_of_rows_is_read_with_limit_and_offset():
    posts = [PostFactory(published_at=NOON - timedelta(days=n)) for n in range(5)]
    query = PreparedQuery(lambda now: Post.objects.published(now), ["id"])

    page = query.rows(now=NOON, limit=2, offset=2)

    assert page == [(posts[2].pk,), (posts[3].pk,)]


def test_datetimes_come_back_aware_on_every_database():
    PostFactory(published_at=NOON)
    query = PreparedQuery(lambda now: Post.objects.published(now), ["published_at"])

    [(published_at,)] = query.rows(now=NOON)

    assert published_at == NOON
    assert published_at.utcoffset() == timedelta(0)


def test_an_empty_list_of_values_matches_nothing():
    PostFactory()
    query = PreparedQuery(lambda ids: Post.objects.filter(pk__in=ids), ["id"])

    assert query.rows(ids=[]) == []


def test_each_run_is_one_query_however_many_values_it_takes():
    posts = PostFactory.create_batch(3)
    query = PreparedQuery(lambda ids: Post.objects.filter(pk__in=ids), ["id"])
    query.rows(ids=[posts[0].pk])

    with CaptureQueriesContext(connection) as queries:
        query.rows(ids=[post.pk for post in posts])
        query.rows(ids=[posts[1].pk])

    assert len(queries) == 2


def test_objects_are_model_instances_with_only_the_fields_read():
    post = PostFactory(title="Khrushchev's speech", excerpt="In secret.")
    query = PreparedQuery(
        lambda slug: Post.objects.filter(slug=slug), ["excerpt", "title", "id"]
    )

    [loaded] = query.objects(Post, slug=post.slug)

    assert (loaded.pk, loaded.title, loaded.excerpt) == (
        post.pk,
        "Khrushchev's speech",
        "In secret.",
    )
    assert loaded.get_deferred_fields() >= {"body", "status", "published_at"}


def test_an_instance_refuses_names_that_are_not_fields():
    with pytest.raises(ValueError, match="author__username"):
        instance(Post, ["id", "author__username"], [1, "anna"])
