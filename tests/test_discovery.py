"""The Khrushchev post is found by a feed reader, a crawler and a reader with
a query: the issue's definition of done."""

from xml.etree import ElementTree

import feedparser
import pytest
from django.core.management import call_command

from posts.models import Post
from tests.html_text import page_text

pytestmark = pytest.mark.django_db

ADDRESS = "http://testserver/2016/05/when-the-soviets-disowned-stalin/"
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def khrushchev(db):
    call_command("loaddata", "khrushchev", verbosity=0)
    return Post.objects.get(slug="when-the-soviets-disowned-stalin")


def test_a_feed_reader_finds_the_post_from_the_home_page(client, khrushchev):
    home = client.get("/")
    assert '<link rel="alternate" type="application/rss+xml"' in home.text

    feed = feedparser.parse(client.get("/feed/").content)

    assert not feed.bozo
    (entry,) = feed.entries
    assert entry.title == "When the Soviets disowned Stalin"
    assert entry.link == ADDRESS
    assert "Secret Speech Delivered by First Party Secretary" in entry.content[0].value
    assert [tag.term for tag in entry.tags] == ["History"]


def test_the_post_is_in_its_category_and_series_feeds(client, khrushchev):
    for url in ["/category/history/feed/", "/series/great-leaders/feed/atom/"]:
        feed = feedparser.parse(client.get(url).content)

        assert [entry.link for entry in feed.entries] == [ADDRESS]


def test_a_crawler_finds_the_post_through_robots_txt_and_the_sitemap(
    client, khrushchev
):
    robots = client.get("/robots.txt").text
    index_url = next(
        line.split(": ", 1)[1]
        for line in robots.splitlines()
        if line.startswith("Sitemap:")
    )

    index = ElementTree.fromstring(client.get(index_url).content)
    sitemap_urls = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", SITEMAP)]
    addresses = {}
    for url in sitemap_urls:
        sitemap = ElementTree.fromstring(client.get(url).content)
        for node in sitemap.iterfind("sm:url", SITEMAP):
            addresses[node.findtext("sm:loc", namespaces=SITEMAP)] = node.findtext(
                "sm:lastmod", namespaces=SITEMAP
            )

    assert addresses[ADDRESS] == "2016-05-16"
    assert "http://testserver/category/history/" in addresses
    assert "http://testserver/series/great-leaders/" in addresses


def test_a_reader_finds_the_post_with_a_query(client, khrushchev):
    response = client.get("/search/", {"q": "Khrushchev secret speech"})

    text = page_text(response.text)
    assert "1 post found" in text
    assert "When the Soviets disowned Stalin" in text
    assert "<mark>" in response.text


def test_the_post_page_tells_crawlers_what_it_is(client, khrushchev):
    response = client.get(khrushchev.get_absolute_url())

    assert f'<link rel="canonical" href="{ADDRESS}">' in response.text
    assert '"@type": "BlogPosting"' in response.text
    assert '"isPartOf": {"@type": "CreativeWorkSeries", "name": "Great Leaders"' in (
        response.text
    )
    assert "min read" in page_text(response.text)
