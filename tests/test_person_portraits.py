"""People's portraits from the media library (issue #18): on their page,
small in the index and in search results, in their structured data, chosen
in the admin, at no query per person."""

import json
import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.models import Person
from tests.factories import PersonFactory, PostFactory
from tests.media_files import library_image, media_root
from tests.test_featured_images import pictures
from tests.test_html_validity import html_errors

pytestmark = pytest.mark.django_db

__all__ = ["library_image", "media_root"]


@pytest.fixture
def khrushchev(library_image):
    return PersonFactory(
        name="Nikita Khrushchev", slug="nikita-khrushchev", portrait=library_image
    )


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_a_person_page_shows_the_portrait_with_its_alt_text_and_size(
    client, khrushchev
):
    html = client.get(khrushchev.get_absolute_url()).text

    (picture,) = pictures(html)
    assert 'class="person-portrait"' in picture
    assert 'alt="Khrushchev at the podium"' in picture
    assert 'width="1300" height="600"' in picture
    assert "-480w.webp 480w" in picture
    assert 'loading="eager"' in picture


def test_the_index_and_search_results_show_the_portrait_small(client, khrushchev):
    for url in ["/people/", "/search/?q=Khrushchev"]:
        found = pictures(client.get(url).text)

        assert found, url
        for picture in found:
            assert 'class="person-thumbnail"' in picture
            assert 'sizes="2.5rem"' in picture
            assert 'alt="Khrushchev at the podium"' in picture
            assert 'width="1300" height="600"' in picture


def test_a_person_without_a_portrait_shows_none(client):
    person = PersonFactory()

    for url in [person.get_absolute_url(), "/people/"]:
        assert pictures(client.get(url).text) == [], url


def test_the_portrait_is_the_image_of_the_persons_structured_data(client, khrushchev):
    data = json_ld(client.get(khrushchev.get_absolute_url()).text)

    assert data["@type"] == "Person"
    assert data["image"]["@type"] == "ImageObject"
    assert re.fullmatch(
        r"http://testserver/media/images/.+-1200w\.jpg", data["image"]["url"]
    )
    assert (data["image"]["width"], data["image"]["height"]) == (1200, 554)


def test_a_person_without_a_portrait_has_no_image_in_structured_data(client):
    person = PersonFactory()

    assert "image" not in json_ld(client.get(person.get_absolute_url()).text)


def test_portraits_cost_people_pages_no_query(client, settings, library_image):
    settings.PAGE_CACHE_SECONDS = 0
    people = [PersonFactory() for _ in range(5)]
    PostFactory(about=people[:1])
    urls = ["/people/", people[0].get_absolute_url(), "/search/?q=leader"]
    queries = {}
    for label in ("plain", "portraits"):
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts.append(len(captured))
        queries[label] = counts
        Person.objects.update(portrait=library_image)

    assert queries["portraits"] == queries["plain"]
    assert max(queries["portraits"]) <= 8


def test_people_pages_with_portraits_are_valid_html(client, khrushchev, tmp_path):
    PersonFactory(name="Joseph Stalin")
    urls = {"person": khrushchev.get_absolute_url(), "people": "/people/"}
    for name, url in urls.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(url).content)

    assert html_errors(tmp_path) == []


def test_the_admin_picks_a_portrait_from_the_library_by_searching_it(
    admin_client, library_image
):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "podium",
            "app_label": "posts",
            "model_name": "person",
            "field_name": "portrait",
        },
    )

    assert [found["id"] for found in response.json()["results"]] == [
        str(library_image.pk)
    ]


def test_a_portrait_chosen_in_the_admin_shows_on_the_kept_page(
    admin_client, client, library_image, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    person = PersonFactory(name="Nikita Khrushchev")
    assert pictures(client.get(person.get_absolute_url()).text) == []

    response = admin_client.post(
        reverse("admin:posts_person_change", args=[person.pk]),
        {
            "name": person.name,
            "slug": person.slug,
            "portrait": library_image.pk,
            "offices-TOTAL_FORMS": "0",
            "offices-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert len(pictures(client.get(person.get_absolute_url()).text)) == 1


def test_new_alt_text_and_a_deleted_image_show_at_once_on_kept_pages(
    admin_client, client, khrushchev, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    image = khrushchev.portrait
    urls = [khrushchev.get_absolute_url(), "/people/"]
    for url in urls:
        client.get(url)

    admin_client.post(
        reverse("admin:posts_image_change", args=[image.pk]),
        {"alt_text": "Khrushchev speaking", "caption": "", "title": ""},
    )
    renamed = [client.get(url).text for url in urls]
    image.delete()
    deleted = [client.get(url).text for url in urls]

    assert all('alt="Khrushchev speaking"' in html for html in renamed)
    assert [pictures(html) for html in deleted] == [[], []]
