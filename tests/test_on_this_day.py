"""On this day: the home page and its feed show the posts whose historical
date is today's day and month, and turn over at midnight."""

from datetime import UTC, date, datetime

import feedparser
import pytest
import time_machine
from django.core.management import call_command

from greatleaders.page_cache import STATUS_HEADER
from posts.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def on_this_day(today: date) -> list[str]:
    return [post.title for post in Post.objects.published().on_this_day(today)]


def dated(title: str, historical_date: str) -> Post:
    return PostFactory(title=title, historical_date=historical_date)


def test_posts_show_on_their_day_and_month_in_any_year():
    dated("The secret speech", "1956-02-25")
    dated("Ides of March", "-0043-03-15")
    dated("About that day", "1956-02-25~")
    dated("That month", "1956-02")

    assert on_this_day(date(2027, 2, 25)) == ["The secret speech"]
    assert on_this_day(date(2027, 3, 15)) == ["Ides of March"]


def test_the_last_day_of_a_month_is_not_the_first_of_the_next():
    dated("Thirty-first of January", "1924-01-31")
    dated("First of February", "1924-02-01")
    dated("Thirtieth of April", "1945-04-30")

    assert on_this_day(date(2027, 1, 31)) == ["Thirty-first of January"]
    assert on_this_day(date(2027, 2, 1)) == ["First of February"]
    assert on_this_day(date(2027, 4, 30)) == ["Thirtieth of April"]
    assert on_this_day(date(2027, 5, 1)) == []


def test_29_february_shows_on_its_day_in_a_leap_year():
    dated("Leap day", "1956-02-29")
    dated("The day before", "1956-02-28")

    assert on_this_day(date(2028, 2, 29)) == ["Leap day"]
    assert on_this_day(date(2028, 2, 28)) == ["The day before"]
    assert on_this_day(date(2028, 3, 1)) == []


def test_29_february_shows_on_the_28th_in_other_years():
    dated("Leap day", "1956-02-29")
    dated("The day before", "1956-02-28")

    assert on_this_day(date(2027, 2, 28)) == ["The day before", "Leap day"]
    assert on_this_day(date(2027, 3, 1)) == []


def test_the_oldest_events_come_first():
    dated("1956", "1956-02-25")
    dated("1917", "1917-02-25")

    assert on_this_day(date(2027, 2, 25)) == ["1917", "1956"]


def test_drafts_are_not_shown_on_their_day():
    PostFactory(title="Draft", historical_date="1956-02-25", draft=True)

    assert on_this_day(date(2027, 2, 25)) == []


@pytest.fixture
def khrushchev(db):
    call_command("loaddata", "khrushchev", verbosity=0)


def test_the_home_page_shows_the_day_with_its_year(client, khrushchev):
    with time_machine.travel(datetime(2027, 2, 25, 12, tzinfo=UTC)):
        response = client.get("/")

    assert "25 February 1956: When the Soviets disowned Stalin" in response.text


def test_the_home_page_turns_over_at_midnight(client, khrushchev):
    with time_machine.travel(datetime(2027, 2, 25, 23, 58, tzinfo=UTC)):
        client.get("/")
        kept = client.get("/")
    with time_machine.travel(datetime(2027, 2, 26, 0, 1, tzinfo=UTC)):
        next_day = client.get("/")

    assert kept.headers[STATUS_HEADER] == "hit"
    assert "25 February 1956:" in kept.text
    assert "25 February 1956:" not in next_day.text


def test_midnight_is_the_site_time_zones(client, khrushchev, settings):
    settings.TIME_ZONE = "Asia/Tokyo"

    # 23:30 on the 24th in UTC is 08:30 on the 25th in Tokyo.
    with time_machine.travel(datetime(2027, 2, 24, 23, 30, tzinfo=UTC)):
        response = client.get("/")

    assert "25 February 1956:" in response.text


def test_the_feed_lists_the_posts_of_the_day(client, khrushchev):
    with time_machine.travel(datetime(2027, 2, 25, 12, tzinfo=UTC)):
        feed = feedparser.parse(client.get("/on-this-day/feed/").content)
    with time_machine.travel(datetime(2027, 2, 26, 12, tzinfo=UTC)):
        next_day = feedparser.parse(client.get("/on-this-day/feed/").content)

    assert [entry.title for entry in feed.entries] == [
        "25 February 1956: When the Soviets disowned Stalin"
    ]
    assert next_day.entries == []


def test_todays_posts_are_found_from_the_index_of_dated_posts(settings):
    # A blog's posts mostly have no historical date. Given statistics that
    # say so, SQLite must still look today's posts up in the index rather
    # than read every published post (36 ms a home page on 10,000 posts).
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query planner is what is tested")
    PostFactory.create_batch(30)
    dated("The secret speech", "1956-02-25")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE posts_post")
    query = Post.objects.published().on_this_day(date(2027, 2, 25)).values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())

    assert "posts_on_this_day_idx" in plan
