import pytest

from posts.models import Post
from posts.navigation import related_posts, series_place
from posts.text import html_to_text, minutes_to_read, word_count
from tests.factories import CategoryFactory, PostFactory, SeriesFactory, TagFactory
from tests.html_text import page_text

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "pending", "private", "scheduled"]


def related_to(post):
    post = Post.objects.for_listing().get(pk=post.pk)
    return [related.title for related in related_posts(post, series_place(post))]


def test_the_series_comes_first_following_parts_then_earlier_ones():
    series = SeriesFactory()
    tag = TagFactory()
    parts = [
        PostFactory(series=series, series_position=n, title=f"Part {n}")
        for n in range(1, 5)
    ]
    PostFactory(tags=[tag], title="Same tag")
    parts[1].tags.add(tag)

    assert related_to(parts[1]) == ["Part 3", "Part 4", "Part 1", "Same tag"]


def test_posts_sharing_more_categories_and_tags_come_first():
    history, russia = CategoryFactory.create_batch(2)
    cold_war = TagFactory()
    post = PostFactory(categories=[history, russia], tags=[cold_war])
    PostFactory(categories=[history], title="One in common")
    PostFactory(categories=[history, russia], tags=[cold_war], title="Three in common")
    PostFactory(categories=[russia], tags=[cold_war], title="Two in common")
    PostFactory(title="Nothing in common")

    assert related_to(post) == ["Three in common", "Two in common", "One in common"]


def test_posts_sharing_a_tag_come_before_those_sharing_only_categories():
    history, russia = CategoryFactory.create_batch(2)
    cold_war = TagFactory()
    post = PostFactory(categories=[history, russia], tags=[cold_war])
    PostFactory(tags=[cold_war], title="Same tag")
    PostFactory(categories=[history, russia], title="Both categories")

    assert related_to(post) == ["Same tag", "Both categories"]


def test_ties_go_to_the_newest_post():
    history = CategoryFactory()
    post = PostFactory(categories=[history])
    older = PostFactory(categories=[history])
    newer = PostFactory(categories=[history])

    assert related_to(post) == [newer.title, older.title]


def test_at_most_five_posts_are_offered():
    history = CategoryFactory()
    post = PostFactory(categories=[history])
    PostFactory.create_batch(7, categories=[history])

    assert len(related_to(post)) == 5


def test_a_post_with_nothing_in_common_has_no_related_reading():
    post = PostFactory()
    PostFactory()

    assert related_to(post) == []


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_are_never_offered(state):
    history = CategoryFactory()
    series = SeriesFactory()
    post = PostFactory(categories=[history], series=series)
    PostFactory(**{state: True}, categories=[history], series=series)

    assert related_to(post) == []


def test_the_post_page_shows_related_reading(client):
    history = CategoryFactory()
    post = PostFactory(categories=[history])
    PostFactory(categories=[history], title="The Berlin airlift")

    response = client.get(post.get_absolute_url())

    text = page_text(response.text)
    assert "Related reading" in text
    assert "The Berlin airlift" in text


def test_reading_time_is_rounded_up_at_200_words_a_minute():
    assert minutes_to_read(word_count("<p>" + "word " * 200 + "</p>")) == 1
    assert minutes_to_read(word_count("<p>" + "word " * 201 + "</p>")) == 2
    assert minutes_to_read(word_count("")) == 1


def test_reading_time_counts_words_not_markup():
    body = '<p><a href="https://example.org/a-very-long-address">one</a> two</p>'

    assert html_to_text(body).split() == ["one", "two"]


def test_the_post_page_shows_its_reading_time(client):
    post = PostFactory(body="<p>" + "word " * 1000 + "</p>")

    response = client.get(post.get_absolute_url())

    assert "5 min read" in page_text(response.text)
