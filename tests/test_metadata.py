"""What a page tells crawlers, link previews and feed readers in its head."""

import json
import re
from html.parser import HTMLParser

import pytest

from tests.factories import (
    CategoryFactory,
    PageFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class HeadReader(HTMLParser):
    """The head's <title>, <meta>, <link> and JSON-LD scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in = "title"
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs["content"]
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag in ("title", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld[-1] += data

    def link(self, rel, **attrs):
        return [
            link
            for link in self.links
            if link.get("rel") == rel
            and all(link.get(key) == value for key, value in attrs.items())
        ]


def head_of(client, url):
    response = client.get(url)
    reader = HeadReader()
    reader.feed(response.text)
    return reader


@pytest.fixture
def post():
    return PostFactory(
        title="When the Soviets disowned Stalin",
        excerpt="Khrushchev's secret speech of 1956.",
        author=UserFactory(username="ann", first_name="Ann", last_name="Smith"),
        categories=[CategoryFactory(name="History")],
        tags=[TagFactory(name="Cold War")],
        series=SeriesFactory(title="Great Leaders", slug="great-leaders"),
    )


def test_a_post_page_has_its_title_description_and_canonical_address(client, post):
    head = head_of(client, post.get_absolute_url())

    assert head.title == "When the Soviets disowned Stalin – Great Leaders"
    assert head.meta["description"] == "Khrushchev's secret speech of 1956."
    canonical = f"http://testserver{post.get_absolute_url()}"
    assert head.link("canonical") == [{"rel": "canonical", "href": canonical}]


def test_a_post_page_has_opengraph_and_twitter_cards(client, post):
    head = head_of(client, post.get_absolute_url())

    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "When the Soviets disowned Stalin"
    assert head.meta["og:description"] == "Khrushchev's secret speech of 1956."
    assert head.meta["og:url"] == f"http://testserver{post.get_absolute_url()}"
    assert head.meta["og:site_name"] == "Great Leaders"
    assert head.meta["article:published_time"] == post.published_at.isoformat()
    assert head.meta["article:section"] == "History"
    assert head.meta["article:tag"] == "Cold War"
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:title"] == "When the Soviets disowned Stalin"


def test_a_post_page_describes_the_post_as_a_blog_posting(client, post):
    head = head_of(client, post.get_absolute_url())

    (data,) = [json.loads(script) for script in head.json_ld]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "When the Soviets disowned Stalin"
    assert data["datePublished"] == post.published_at.isoformat()
    assert data["dateModified"] == post.updated_at.isoformat()
    assert data["author"] == {
        "@type": "Person",
        "name": "Ann Smith",
        "url": "http://testserver/author/ann/",
    }
    assert data["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Great Leaders",
        "url": "http://testserver/series/great-leaders/",
    }


def test_a_post_without_author_or_series_has_neither_in_its_json_ld(client):
    post = PostFactory(author=None, series=None)

    (data,) = [
        json.loads(script)
        for script in head_of(client, post.get_absolute_url()).json_ld
    ]

    assert "author" not in data
    assert "isPartOf" not in data


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    post = PostFactory(title='</script><script>alert("x")</script> & <!-- more')

    response = client.get(post.get_absolute_url())

    assert "</script><script>alert" not in response.text
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S
    )
    assert json.loads(script.group(1))["headline"] == post.title


def test_the_description_falls_back_to_the_opening_words_of_the_post(client):
    post = PostFactory(excerpt="", body="<p>Nikita Khrushchev spoke for hours.</p>")

    head = head_of(client, post.get_absolute_url())

    assert head.meta["description"] == "Nikita Khrushchev spoke for hours."


def test_the_home_page_has_the_site_title_and_tagline(client):
    head = head_of(client, "/")

    assert head.title == "Great Leaders – The people who shaped history, and how"
    assert head.meta["description"] == "The people who shaped history, and how"
    assert head.meta["og:type"] == "website"
    assert head.link("canonical")[0]["href"] == "http://testserver/"


def test_an_archive_page_names_its_subject(client):
    category = CategoryFactory(name="History", description="The past.")
    PostFactory(categories=[category])

    head = head_of(client, category.get_absolute_url())

    assert head.title == "Category: History – Great Leaders"
    assert head.meta["description"] == "The past."


def test_paginated_lists_link_their_previous_and_next_pages(client):
    PostFactory.create_batch(25)

    first = head_of(client, "/")
    second = head_of(client, "/?page=2")
    third = head_of(client, "/?page=3")

    assert first.link("next") == [{"rel": "next", "href": "/?page=2"}]
    assert first.link("prev") == []
    assert second.link("prev") == [{"rel": "prev", "href": "/"}]
    assert second.link("next") == [{"rel": "next", "href": "/?page=3"}]
    assert third.link("next") == []
    assert second.title == "Great Leaders – Page 2"
    assert second.link("canonical")[0]["href"] == "http://testserver/?page=2"


def test_the_canonical_address_drops_tracking_parameters(client):
    post = PostFactory()

    head = head_of(client, f"{post.get_absolute_url()}?utm_source=newsletter")

    assert head.link("canonical")[0]["href"] == (
        f"http://testserver{post.get_absolute_url()}"
    )


def test_every_page_links_the_site_feeds(client, post):
    page = PageFactory(slug="about")
    urls = [
        "/",
        post.get_absolute_url(),
        "/category/" + post.categories.get().slug + "/",
        "/series/",
        "/series/great-leaders/",
        page.get_absolute_url(),
        "/search/?q=stalin",
        "/no-such-page/",
    ]

    for url in urls:
        head = head_of(client, url)
        feeds = {link["href"]: link["type"] for link in head.link("alternate")}
        assert feeds["/feed/"] == "application/rss+xml", url
        assert feeds["/feed/atom/"] == "application/atom+xml", url
        assert feeds["/feed/json/"] == "application/feed+json", url
        assert feeds["/comments/feed/"] == "application/rss+xml", url


def test_archive_and_post_pages_link_their_own_feeds(client, post):
    category = post.categories.get()
    tag = post.tags.get()
    expected = {
        category.get_absolute_url(): f"/category/{category.slug}/feed/",
        tag.get_absolute_url(): f"/tag/{tag.slug}/feed/",
        "/author/ann/": "/author/ann/feed/",
        "/series/great-leaders/": "/series/great-leaders/feed/",
        post.get_absolute_url(): f"{post.get_absolute_url()}feed/",
    }

    for url, feed in expected.items():
        head = head_of(client, url)
        assert head.link("alternate", href=feed), url


def test_staff_previews_are_kept_out_of_search_engines(client):
    draft = PostFactory(draft=True)
    client.force_login(UserFactory(staff=True))

    head = head_of(client, draft.get_absolute_url())

    assert head.meta["robots"] == "noindex"
