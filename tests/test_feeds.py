import json
from datetime import UTC, datetime
from http import HTTPStatus

import feedparser
import pytest

from tests.factories import (
    CategoryFactory,
    CommentFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "pending", "private", "scheduled"]


@pytest.fixture
def blog():
    """Two posts by Ann, filed and in a series, with one approved comment each."""
    ann = UserFactory(username="ann", first_name="Ann", last_name="Applebaum")
    history = CategoryFactory(name="History", slug="history")
    cold_war = TagFactory(name="Cold War", slug="cold-war")
    series = SeriesFactory(title="Great Leaders", slug="great-leaders")
    posts = [
        PostFactory(
            author=ann,
            categories=[history],
            tags=[cold_war],
            series=series,
            body=f"<p>Full text of part {n}.</p><h2>More</h2><p>Still more.</p>",
            excerpt=f"Summary of part {n}.",
        )
        for n in (1, 2)
    ]
    for post in posts:
        CommentFactory(post=post, text="Well argued.\n\nSee https://example.org/")
    return posts


FEEDS = {
    "site RSS": "/feed/",
    "site Atom": "/feed/atom/",
    "category RSS": "/category/history/feed/",
    "category Atom": "/category/history/feed/atom/",
    "tag RSS": "/tag/cold-war/feed/",
    "tag Atom": "/tag/cold-war/feed/atom/",
    "series RSS": "/series/great-leaders/feed/",
    "series Atom": "/series/great-leaders/feed/atom/",
    "author RSS": "/author/ann/feed/",
    "author Atom": "/author/ann/feed/atom/",
}

COMMENT_FEEDS = {
    "site comments RSS": "/comments/feed/",
    "site comments Atom": "/comments/feed/atom/",
}


def assert_valid_json_feed(data):
    """The rules of JSON Feed 1.1 (feedparser reads no JSON Feed yet)."""
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(data["title"], str)
    assert isinstance(data["items"], list)
    for item in data["items"]:
        assert isinstance(item["id"], str)
        assert "content_html" in item or "content_text" in item
        for date in ("date_published", "date_modified"):
            if date in item:
                assert datetime.fromisoformat(item[date]).tzinfo is not None
        for author in item.get("authors", []):
            assert author["name"]


def read(response):
    """What a feed reader makes of `response`: it goes by the content type."""
    return feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return read(response)


def post_comment_feeds(post):
    return [f"{post.get_absolute_url()}feed/", f"{post.get_absolute_url()}feed/atom/"]


@pytest.mark.parametrize("url", FEEDS.values(), ids=FEEDS.keys())
def test_every_post_feed_parses_without_errors_with_complete_entries(client, blog, url):
    feed = parse(client, url)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title
    assert feed.feed.link == "http://testserver/" or feed.feed.link.startswith(
        "http://testserver/"
    )
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.title.startswith("Post number")
        assert entry.link.startswith("http://testserver/")
        assert entry.id.startswith("tag:testserver,")
        assert entry.published_parsed
        assert entry.author == "Ann Applebaum"
        assert entry.summary.startswith("Summary of part")
        assert "<h2>More</h2>" in entry.content[0].value
        assert {tag.term for tag in entry.tags} == {"History", "Cold War"}


@pytest.mark.parametrize("url", COMMENT_FEEDS.values(), ids=COMMENT_FEEDS.keys())
def test_every_comment_feed_parses_without_errors_with_complete_entries(
    client, blog, url
):
    feed = parse(client, url)

    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.title.startswith("Comment on Post number")
        assert "#comment-" in entry.link
        assert entry.id.startswith("tag:testserver,")
        assert entry.published_parsed
        assert entry.author.startswith("Reader")
        assert "Well argued." in entry.summary


def test_a_posts_comment_feeds_parse_and_hold_only_its_comments(client, blog):
    first, _second = blog

    for url in post_comment_feeds(first):
        feed = parse(client, url)

        assert not feed.bozo, feed.get("bozo_exception")
        assert [entry.link for entry in feed.entries] == [
            f"http://testserver{first.comments.get().get_absolute_url()}"
        ]


def test_the_main_feed_is_rss_2_with_the_full_post_in_content_encoded(client, blog):
    response = client.get("/feed/")

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert '<rss version="2.0"' in response.text
    assert "<content:encoded>&lt;p&gt;Full text of part 2.&lt;/p&gt;" in response.text
    assert read(response).version == "rss20"


def test_the_atom_feed_is_atom_1(client, blog):
    feed = parse(client, "/feed/atom/")

    assert feed.version == "atom10"
    assert all(entry.updated_parsed for entry in feed.entries)


@pytest.mark.parametrize(
    "url",
    [*FEEDS.values(), *COMMENT_FEEDS.values()],
    ids=[*FEEDS, *COMMENT_FEEDS],
)
def test_a_feed_is_atom_at_its_atom_address_and_rss_2_at_the_other(client, blog, url):
    response = client.get(url)

    atom = url.endswith("/atom/")
    assert read(response).version == ("atom10" if atom else "rss20")
    assert response["Content-Type"] == (
        "application/atom+xml; charset=utf-8"
        if atom
        else "application/rss+xml; charset=utf-8"
    )


def test_a_posts_comment_feed_is_rss_2_and_atom_below_it(client, blog):
    rss, atom = post_comment_feeds(blog[0])

    assert parse(client, rss).version == "rss20"
    assert parse(client, atom).version == "atom10"


def test_the_json_feed_follows_json_feed_1_1(client, blog):
    response = client.get("/feed/json/")

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    assert_valid_json_feed(data)
    assert data["feed_url"] == "http://testserver/feed/json/"
    item = data["items"][0]
    assert item["id"].startswith("tag:testserver,")
    assert item["url"].startswith("http://testserver/")
    assert "<h2>More</h2>" in item["content_html"]
    assert item["summary"] == "Summary of part 2."
    assert item["date_published"] and item["date_modified"]
    assert item["authors"] == [
        {"name": "Ann Applebaum", "url": "http://testserver/author/ann/"}
    ]
    assert set(item["tags"]) == {"History", "Cold War"}


def test_an_entry_keeps_its_id_when_its_post_changes_address(client):
    post = PostFactory(published_at=datetime(2016, 5, 16, tzinfo=UTC))
    before = parse(client, "/feed/").entries[0]

    post.slug = "a-new-slug"
    post.published_at = datetime(2016, 6, 1, tzinfo=UTC)
    post.save()
    after = parse(client, "/feed/").entries[0]

    assert after.link != before.link
    assert after.id == before.id


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_and_their_comments_are_in_no_feed(client, state):
    category = CategoryFactory(slug="history")
    tag = TagFactory(slug="cold-war")
    author = UserFactory(username="ann")
    series = SeriesFactory(slug="great-leaders")
    hidden = PostFactory(
        **{state: True},
        title="Secret draft",
        categories=[category],
        tags=[tag],
        author=author,
        series=series,
    )
    CommentFactory(post=hidden, text="A comment on a secret.")

    for url in [*FEEDS.values(), "/feed/json/", *COMMENT_FEEDS.values()]:
        response = client.get(url)
        assert "Secret draft" not in response.text, url
        assert "A comment on a secret." not in response.text, url
    for url in post_comment_feeds(hidden):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("trait", ["pending", "spam"])
def test_comments_awaiting_moderation_or_spam_are_in_no_feed(client, trait):
    post = PostFactory()
    CommentFactory(post=post, text="Buy cheap watches", **{trait: True})

    for url in [*COMMENT_FEEDS.values(), *post_comment_feeds(post)]:
        assert "cheap watches" not in client.get(url).text


def test_comment_text_reaches_feeds_escaped(client):
    CommentFactory(text='<script>alert("x")</script> & friends')

    entry = parse(client, "/comments/feed/").entries[0]

    assert "<script>" not in entry.summary
    assert "&lt;script&gt;" in entry.summary


def test_feeds_hold_the_ten_latest_posts_as_wordpress_does(client):
    posts = PostFactory.create_batch(12)

    feed = parse(client, "/feed/")

    assert [entry.title for entry in feed.entries] == [
        post.title for post in reversed(posts[2:])
    ]


def test_the_number_of_entries_is_a_setting(client, settings):
    settings.POSTS_PER_FEED = 3
    PostFactory.create_batch(5)

    assert len(parse(client, "/feed/").entries) == 3


def test_a_category_feed_includes_posts_of_its_sub_categories(client):
    history = CategoryFactory(slug="history")
    russia = CategoryFactory(parent=history)
    in_child = PostFactory(categories=[russia])
    PostFactory(categories=[CategoryFactory()])

    feed = parse(client, "/category/history/feed/")

    assert [entry.title for entry in feed.entries] == [in_child.title]


@pytest.mark.parametrize(
    "url",
    [
        "/category/nothing/feed/",
        "/tag/nothing/feed/",
        "/series/nothing/feed/",
        "/author/nobody/feed/",
        "/2016/05/no-such-post/feed/",
    ],
)
def test_feeds_of_things_that_do_not_exist_are_404(client, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("url", ["/author/ann/", "/author/ann/feed/"])
def test_a_deactivated_authors_page_and_feed_are_404(client, url):
    PostFactory(author=UserFactory(username="ann", is_active=False))

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_a_post_without_an_author_is_a_valid_entry_without_one(client):
    PostFactory(author=None)

    for url in ["/feed/", "/feed/atom/"]:
        feed = parse(client, url)

        assert not feed.bozo
        assert "author" not in feed.entries[0]
    json_feed = json.loads(client.get("/feed/json/").content)
    assert_valid_json_feed(json_feed)
    assert "authors" not in json_feed["items"][0]


@pytest.mark.parametrize(
    "url", [*FEEDS.values(), "/feed/json/", *COMMENT_FEEDS.values()]
)
def test_a_feed_runs_a_fixed_number_of_queries(
    client, blog, url, django_assert_max_num_queries
):
    for post in PostFactory.create_batch(8, categories=[CategoryFactory()]):
        post.tags.add(TagFactory(), TagFactory())
        CommentFactory(post=post)

    with django_assert_max_num_queries(5):
        client.get(url)
