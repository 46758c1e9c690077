"""People: their pages, the index, their feed, and how editors link posts
to them."""

import json
from http import HTTPStatus

import feedparser
import pytest
from django.core.management import call_command
from django.urls import reverse

from posts.models import Person, Post
from posts.roles import AUTHOR
from tests.factories import (
    CategoryFactory,
    PersonFactory,
    PostFactory,
    SeriesFactory,
    UserFactory,
)
from tests.html_text import page_text
from tests.test_admin import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def khrushchev(db):
    call_command("loaddata", "khrushchev", verbosity=0)
    return Post.objects.get(slug="when-the-soviets-disowned-stalin")


def titles(response) -> list[str]:
    return [post.title for post in response.context["posts_about"]], [
        post.title for post in response.context["posts_mentioning"]
    ]


def test_a_person_page_shows_biography_dates_other_names_and_offices(
    client, khrushchev
):
    response = client.get("/people/nikita-khrushchev/")

    text = page_text(response.text)
    assert "15 April 1894 – 11 September 1971" in text
    assert "Khrushchov" in text
    assert "First Secretary of the Communist Party of the Soviet Union, 1953–1964" in (
        text
    )
    assert "secret speech of February 1956" in text


def test_a_person_page_lists_posts_about_them_then_those_mentioning_them(client):
    stalin = PersonFactory(name="Joseph Stalin", slug="joseph-stalin")
    PostFactory(title="Lenin’s testament", mentions=[stalin])
    PostFactory(title="The Great Terror", about=[stalin])
    PostFactory(title="Yalta", mentions=[stalin])
    PostFactory(title="Stalin’s death", about=[stalin])
    PostFactory(title="A draft about Stalin", about=[stalin], draft=True)
    PostFactory(title="Nothing to do with him")

    response = client.get("/people/joseph-stalin/")

    assert titles(response) == (
        ["The Great Terror", "Stalin’s death"],
        ["Lenin’s testament", "Yalta"],
    )
    text = response.text
    assert text.index("The Great Terror") < text.index("Lenin’s testament")
    assert "A draft about Stalin" not in text


def test_series_parts_on_a_person_page_come_in_series_order(client):
    lenin = PersonFactory(name="Vladimir Lenin", slug="vladimir-lenin")
    series = SeriesFactory()
    PostFactory(title="Part two", about=[lenin], series=series, series_position=2)
    PostFactory(title="Part one", about=[lenin], series=series, series_position=1)
    PostFactory(title="On his own", about=[lenin])

    response = client.get("/people/vladimir-lenin/")

    assert titles(response)[0] == ["Part one", "Part two", "On his own"]


def test_an_unknown_person_is_a_themed_404(client):
    response = client.get("/people/nobody/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "<main" in response.text


def test_the_index_lists_people_alphabetically_and_by_era(client):
    PersonFactory(name="Julius Caesar", slug="caesar", born="-0099", died="-0043-03-15")
    PersonFactory(name="Nikita Khrushchev", slug="nk", born="1894", died="1971")
    PersonFactory(name="Otto von Bismarck", slug="ob", born="1815", died="1898")

    response = client.get("/people/")

    assert [person.name for person in response.context["people"]] == [
        "Otto von Bismarck",
        "Julius Caesar",
        "Nikita Khrushchev",
    ]
    eras = [
        (era.label, [p.name for p in era.people]) for era in response.context["eras"]
    ]
    assert eras == [
        ("1st century BC", ["Julius Caesar"]),
        ("19th century", ["Otto von Bismarck"]),
        ("20th century", ["Nikita Khrushchev"]),
    ]
    assert "44 BC" in response.text


def test_a_person_page_carries_person_structured_data(client, khrushchev):
    response = client.get("/people/joseph-stalin/")

    script = response.text.split('<script type="application/ld+json">')[1]
    data = json.loads(script.split("</script>")[0])
    assert data["@type"] == "Person"
    assert data["sameAs"] == "https://www.wikidata.org/wiki/Q855"
    assert data["birthDate"] == "1878-12-18"


def test_a_person_has_a_feed_of_the_posts_about_or_mentioning_them(client, khrushchev):
    PostFactory(title="Unrelated")

    feed = feedparser.parse(client.get("/people/joseph-stalin/feed/").content)

    assert feed.feed.title == "Great Leaders » Person: Joseph Stalin"
    assert [entry.title for entry in feed.entries] == [khrushchev.title]


def test_the_post_page_names_the_people_it_is_about_and_mentions(client, khrushchev):
    response = client.get(khrushchev.get_absolute_url())

    text = page_text(response.text)
    assert "About Nikita Khrushchev" in text
    assert "Mentions Joseph Stalin, Vladimir Lenin" in text
    assert 'href="/people/nikita-khrushchev/"' in response.text


def test_the_post_structured_data_has_about_mentions_and_temporal_coverage(
    client, khrushchev
):
    response = client.get(khrushchev.get_absolute_url())

    script = response.text.split('<script type="application/ld+json">')[1]
    data = json.loads(script.split("</script>")[0])
    assert [person["name"] for person in data["about"]] == ["Nikita Khrushchev"]
    assert "sameAs" not in data["about"][0]
    assert {person["sameAs"] for person in data["mentions"]} == {
        "https://www.wikidata.org/wiki/Q855",
        "https://www.wikidata.org/wiki/Q1394",
    }
    assert data["temporalCoverage"] == "1956-02-25"


def test_renaming_a_person_shows_on_the_pages_that_name_them(
    client, khrushchev, change
):
    client.get(khrushchev.get_absolute_url())
    client.get("/people/")
    stalin = Person.objects.get(slug="joseph-stalin")

    stalin.name = "Iosif Stalin"
    change(stalin.save)

    assert "Iosif Stalin" in client.get(khrushchev.get_absolute_url()).text
    assert "Iosif Stalin" in client.get("/people/").text


def test_linking_a_post_to_a_person_shows_on_their_page(client, change):
    lenin = PersonFactory(name="Vladimir Lenin", slug="vladimir-lenin")
    post = PostFactory(title="April Theses")
    client.get("/people/vladimir-lenin/")

    change(lambda: post.people_about.add(lenin))

    assert "April Theses" in client.get("/people/vladimir-lenin/").text


def test_the_admin_finds_people_by_any_of_their_names(admin_client):
    PersonFactory(name="Nikita Khrushchev", other_names="Khrushchov\nХрущёв")
    PersonFactory(name="Joseph Stalin")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Хрущёв",
            "app_label": "posts",
            "model_name": "post",
            "field_name": "people_about",
        },
    )

    assert [found["text"] for found in response.json()["results"]] == [
        "Nikita Khrushchev"
    ]


def test_the_post_form_links_people_and_offers_to_add_one(admin_client):
    stalin = PersonFactory(name="Joseph Stalin")
    lenin = PersonFactory(name="Vladimir Lenin")

    response = admin_client.post(
        reverse("admin:posts_post_add"),
        post_form(people_about=[stalin.pk], people_mentioned=[lenin.pk]),
    )

    assert response.status_code == HTTPStatus.FOUND
    post = Post.objects.get()
    assert list(post.people_about.all()) == [stalin]
    assert list(post.people_mentioned.all()) == [lenin]
    form = admin_client.get(reverse("admin:posts_post_change", args=[post.pk]))
    assert reverse("admin:posts_person_add") in form.text


def test_a_person_cannot_be_both_the_subject_and_a_mention(admin_client):
    stalin = PersonFactory(name="Joseph Stalin")

    response = admin_client.post(
        reverse("admin:posts_post_add"),
        post_form(people_about=[stalin.pk], people_mentioned=[stalin.pk]),
    )

    assert response.status_code == HTTPStatus.OK
    assert "The post is about Joseph Stalin" in response.text


def test_the_person_form_refuses_a_wrong_date_and_wikidata_id(admin_client):
    response = admin_client.post(
        reverse("admin:posts_person_add"),
        {
            "name": "Nikita Khrushchev",
            "slug": "nikita-khrushchev",
            "born": "1893-02-29",
            "wikidata_id": "Khrushchev",
            "offices-TOTAL_FORMS": "0",
            "offices-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "February 1893 has no day 29." in response.text
    assert "is not a Wikidata item identifier" in response.text
    assert not Person.objects.exists()


def test_an_author_may_pick_and_add_people_but_not_delete_them():
    author = UserFactory(is_staff=True, roles=[AUTHOR])

    assert author.has_perm("posts.view_person")
    assert author.has_perm("posts.add_person")
    assert not author.has_perm("posts.delete_person")


def test_people_pages_stay_within_the_query_budget(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    people = [PersonFactory() for _ in range(5)]
    categories = [CategoryFactory() for _ in range(3)]
    for number in range(20):
        post = PostFactory(categories=categories, about=people[:2], mentions=people[2:])
        post.historical_date = f"19{number:02d}-01-01"
        post.save()

    urls = [
        "/people/",
        people[0].get_absolute_url(),
        f"{people[0].get_absolute_url()}feed/",
        "/timeline/",
        f"/timeline/?person={people[0].slug}&category={categories[0].slug}",
        "/on-this-day/feed/",
        "/search/?q=leader",
    ]
    for url in urls:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == HTTPStatus.OK


def test_search_finds_a_person_by_any_of_their_names(client, khrushchev):
    for query in ["Khrushchov", "khrushchev", "Хрущёв", "Nikita Sergeyevich"]:
        response = client.get("/search/", {"q": query})

        assert [p.name for p in response.context["people_found"]] == [
            "Nikita Khrushchev"
        ], query


def test_a_names_search_takes_wildcards_as_the_characters_they_are(client, khrushchev):
    for query in ["Khru_hchev", "Khru%chev", "Nikita Khrushchev 100%"]:
        response = client.get("/search/", {"q": query})

        assert response.context["people_found"] == [], query


def test_a_persons_page_comes_before_posts_that_mention_them(client, khrushchev):
    response = client.get("/search/", {"q": "Lenin"})

    text = response.text
    assert text.index('href="/people/vladimir-lenin/"') < text.index(
        khrushchev.get_absolute_url()
    )


def test_the_sitemap_lists_people_the_index_and_the_timeline(client, khrushchev):
    response = client.get("/sitemap-people.xml")

    assert "/people/nikita-khrushchev/</loc>" in response.text
    assert "/people/</loc>" in response.text
    assert "/timeline/</loc>" in response.text
    assert "sitemap-people.xml" in client.get("/sitemap.xml").text


@pytest.mark.parametrize("url", ["/people/", "/people/joseph-stalin/", "/timeline/"])
def test_the_pages_answer_head_requests_as_get(client, khrushchev, url):
    response = client.head(url)

    assert response.status_code == HTTPStatus.OK
