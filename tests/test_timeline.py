"""The timeline: posts in the order of what they tell, by century and
decade, narrowed by person or category."""

from http import HTTPStatus

import pytest
from django.core.management import call_command

from posts.models import Post
from tests.factories import CategoryFactory, PersonFactory, PostFactory
from tests.html_text import page_text

pytestmark = pytest.mark.django_db


def dated(title: str, historical_date: str = "", **fields) -> Post:
    return PostFactory(title=title, historical_date=historical_date, **fields)


def timeline(response) -> list[tuple[str, str, list[str]]]:
    return [
        (century.label, decade.label, [post.title for post in decade.posts])
        for century in response.context["centuries"]
        for decade in century.decades
    ]


def test_posts_are_placed_by_what_they_tell_not_when_they_were_published(client):
    # Published in this order: the timeline reverses it.
    dated("Khrushchev’s secret speech", "1956-02-25")
    dated("Stalin’s death", "1953-03-05")
    dated("The Ides of March", "-0043-03-15")
    dated("Luther’s theses", "1517-10-31")
    dated("Peasants’ War", "152X")
    dated("No date")

    response = client.get("/timeline/")

    assert timeline(response) == [
        ("1st century BC", "51–42 BC", ["The Ides of March"]),
        ("16th century", "the 1510s", ["Luther’s theses"]),
        ("16th century", "the 1520s", ["Peasants’ War"]),
        ("20th century", "the 1950s", ["Stalin’s death", "Khrushchev’s secret speech"]),
    ]


def test_a_shorter_span_starting_the_same_day_comes_first(client):
    dated("The whole year", "1956")
    dated("January", "1956-01")
    dated("New Year’s Day", "1956-01-01")

    response = client.get("/timeline/")

    assert timeline(response)[0][2] == ["New Year’s Day", "January", "The whole year"]


def test_drafts_and_scheduled_posts_stay_off_the_timeline(client):
    dated("Draft", "1956", draft=True)
    dated("Scheduled", "1956", scheduled=True)

    response = client.get("/timeline/")

    assert timeline(response) == []
    assert "No posts have a historical date yet." in page_text(response.text)


def test_dates_are_shown_in_words(client):
    dated("Born", "1894-04~")

    response = client.get("/timeline/")

    assert "about April 1894" in page_text(response.text)


def test_the_timeline_narrows_to_a_person(client):
    stalin = PersonFactory(name="Joseph Stalin", slug="joseph-stalin")
    dated("About Stalin", "1953", about=[stalin])
    dated("Mentions Stalin", "1956", mentions=[stalin])
    dated("Without Stalin", "1960")

    response = client.get("/timeline/?person=joseph-stalin")

    assert [title for *_, titles in timeline(response) for title in titles] == [
        "About Stalin",
        "Mentions Stalin",
    ]
    assert '<option value="joseph-stalin" selected>' in response.text


def test_the_timeline_narrows_to_a_category(client):
    russia = CategoryFactory(slug="russia")
    dated("In Russia", "1917", categories=[russia])
    dated("Elsewhere", "1918")

    response = client.get("/timeline/?category=russia")

    assert [titles for *_, titles in timeline(response)] == [["In Russia"]]


def test_an_unknown_choice_is_refused_and_the_choices_kept(client):
    PersonFactory(name="Joseph Stalin", slug="joseph-stalin")
    dated("A post", "1956")

    response = client.get("/timeline/?person=nobody&category=")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "There is no such person or category" in response.text
    assert "Joseph Stalin" in response.text


def test_the_post_page_links_to_its_place_on_the_timeline(client):
    call_command("loaddata", "khrushchev", verbosity=0)
    post = Post.objects.get()

    page = client.get(post.get_absolute_url())
    response = client.get("/timeline/")

    link = f'href="/timeline/#post-{post.pk}"'
    assert link in page.text
    assert f'id="post-{post.pk}"' in response.text
    assert "25 February 1956" in page_text(page.text)


def test_re_dating_a_post_moves_it_on_the_kept_timeline(client, change):
    first = dated("First", "1950")
    dated("Second", "1960")
    client.get("/timeline/")

    first.historical_date = "1970"
    change(first.save)

    shown = timeline(client.get("/timeline/"))
    assert [titles for *_, titles in shown] == [["Second"], ["First"]]
