from datetime import UTC, datetime
from http import HTTPStatus
from xml.etree import ElementTree

import pytest

from posts import sitemaps
from tests.factories import (
    CategoryFactory,
    PageFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HIDDEN_STATES = ["draft", "pending", "private", "scheduled"]
SECTIONS = ["posts", "pages", "categories", "tags", "series", "people"]


def sitemap_entries(client, url):
    """{address: lastmod or None} of a sitemap or a sitemap index."""
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    root = ElementTree.fromstring(response.content)
    return {
        node.findtext("sm:loc", namespaces=NS): node.findtext(
            "sm:lastmod", namespaces=NS
        )
        for node in root
    }


def all_addresses(client):
    addresses = {}
    for section in SECTIONS:
        addresses |= sitemap_entries(client, f"/sitemap-{section}.xml")
    return addresses


def test_the_sitemap_index_lists_one_sitemap_per_section(client):
    PostFactory()

    index = sitemap_entries(client, "/sitemap.xml")

    assert set(index) == {
        f"http://testserver/sitemap-{section}.xml" for section in SECTIONS
    }


def test_visible_posts_are_listed_with_their_last_change(client):
    post = PostFactory(published_at=datetime(2016, 5, 16, 9, tzinfo=UTC))

    entries = sitemap_entries(client, "/sitemap-posts.xml")

    lastmod = entries[f"http://testserver{post.get_absolute_url()}"]
    assert lastmod == post.updated_at.date().isoformat()


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_and_archives_with_only_hidden_posts_are_not_listed(client, state):
    category = CategoryFactory()
    tag = TagFactory()
    series = SeriesFactory()
    post = PostFactory(
        **{state: True}, categories=[category], tags=[tag], series=series
    )

    addresses = all_addresses(client)

    for hidden in (post, category, tag, series):
        assert f"http://testserver{hidden.get_absolute_url()}" not in addresses


def test_archives_with_visible_posts_are_listed_with_their_latest_post(client):
    category = CategoryFactory()
    tag = TagFactory()
    series = SeriesFactory()
    PostFactory(categories=[category], tags=[tag], series=series)
    latest = PostFactory(categories=[category], tags=[tag], series=series)

    addresses = all_addresses(client)

    for archive in (category, tag, series):
        url = f"http://testserver{archive.get_absolute_url()}"
        assert addresses[url] == latest.updated_at.date().isoformat()


def test_a_parent_category_is_listed_when_only_its_sub_category_has_posts(client):
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    PostFactory(categories=[child])

    addresses = sitemap_entries(client, "/sitemap-categories.xml")

    assert f"http://testserver{parent.get_absolute_url()}" in addresses
    assert f"http://testserver{child.get_absolute_url()}" in addresses


def test_published_pages_are_listed_and_unpublished_ones_are_not(client):
    about = PageFactory(slug="about")
    draft = PageFactory(unpublished=True)

    addresses = sitemap_entries(client, "/sitemap-pages.xml")

    assert "http://testserver/" in addresses
    assert "http://testserver/series/" in addresses
    assert addresses[f"http://testserver{about.get_absolute_url()}"]
    assert f"http://testserver{draft.get_absolute_url()}" not in addresses


def test_sitemaps_are_split_into_pages_listed_in_the_index(client, monkeypatch):
    monkeypatch.setattr(sitemaps.PostSitemap, "limit", 2)
    posts = PostFactory.create_batch(5)

    index = sitemap_entries(client, "/sitemap.xml")
    third = sitemap_entries(client, "/sitemap-posts.xml?p=3")

    assert "http://testserver/sitemap-posts.xml?p=3" in index
    assert list(third) == [f"http://testserver{posts[4].get_absolute_url()}"]
    assert client.get("/sitemap-posts.xml?p=4").status_code == HTTPStatus.NOT_FOUND


def test_sitemaps_hold_2000_addresses_a_page_as_wordpress_does():
    assert sitemaps.URLS_PER_SITEMAP == 2000
    assert all(section.limit == 2000 for section in sitemaps.SITEMAPS.values())


def test_robots_txt_points_to_the_sitemap_index(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.text.splitlines()
    assert "Disallow: /admin/" in response.text


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in SECTIONS)]
)
def test_a_sitemap_runs_a_fixed_number_of_queries(
    client, url, django_assert_max_num_queries
):
    categories = CategoryFactory.create_batch(3)
    tags = TagFactory.create_batch(3)
    series = SeriesFactory()
    PostFactory.create_batch(20, categories=categories, tags=tags, series=series)
    PageFactory.create_batch(3)

    # One more since the people section came (issue #18).
    with django_assert_max_num_queries(7):
        client.get(url)
