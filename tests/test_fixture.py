import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.management import call_command

from posts.models import Category, Office, Person, Post, Series, Source
from tests.html_text import page_text

pytestmark = pytest.mark.django_db

ORIGINAL = Path(__file__).parent / "data" / "khrushchev_original.txt"


def original_paragraphs():
    """The paragraphs of the original page after its title and meta line."""
    lines = ORIGINAL.read_text(encoding="utf-8").split("\n")
    return [line for line in lines[3:] if line.strip()]


@pytest.fixture
def khrushchev(db):
    call_command("loaddata", "khrushchev", verbosity=0)
    return Post.objects.get(slug="when-the-soviets-disowned-stalin")


def without_note_numbers(html: str) -> str:
    """The page without its notes' superscript numbers, which the original
    page did not have."""
    return re.sub(r'<sup class="note-ref">.*?</sup>', "", html)


def test_every_paragraph_of_the_original_appears_verbatim_on_the_post_page(
    client, khrushchev
):
    response = client.get(khrushchev.get_absolute_url())

    text = page_text(without_note_numbers(response.content.decode())).split("\n")
    for paragraph in original_paragraphs():
        assert paragraph in text


def test_the_typography_of_the_original_is_kept(client, khrushchev):
    response = client.get(khrushchev.get_absolute_url())

    text = page_text(response.content.decode())
    assert "Stalin’s complicated legacy" in text
    assert "so alarmed V.I Lenin…" in text
    assert "“Stalin is excessively rude" in text


def test_the_post_page_shows_the_title_and_the_meta_line(client, khrushchev):
    response = client.get(khrushchev.get_absolute_url())

    text = page_text(response.content.decode())
    assert "When the Soviets disowned Stalin" in text.split("\n")
    assert "Posted in History | Leave a reply" in text


def test_the_speech_title_is_a_heading_and_the_speech_is_quoted(khrushchev):
    assert (
        "<h2>Secret Speech Delivered by First Party Secretary at the Twentieth"
        in khrushchev.body
    )
    assert khrushchev.body.count("<blockquote>") == 7
    assert khrushchev.body.startswith("<p>Continuing our examination")


def test_the_post_sits_in_history_and_in_the_great_leaders_series(khrushchev):
    assert list(khrushchev.categories.values_list("name", flat=True)) == ["History"]
    assert khrushchev.series.title == "Great Leaders"
    assert khrushchev.series.description


def test_the_post_has_a_readable_stable_address(client, khrushchev):
    response = client.get("/2016/05/when-the-soviets-disowned-stalin/")

    assert response.status_code == HTTPStatus.OK


def test_loading_the_fixture_twice_creates_no_duplicates(khrushchev):
    call_command("loaddata", "khrushchev", verbosity=0)

    assert Post.objects.count() == 1
    assert Category.objects.count() == 1
    assert Series.objects.count() == 1
    assert Post.objects.get().categories.count() == 1


def test_loading_the_fixture_leaves_other_posts_alone(khrushchev):
    other = Post.objects.create(title="Another post", body="<p>Mine.</p>")

    call_command("loaddata", "khrushchev", verbosity=0)

    other.refresh_from_db()
    assert other.title == "Another post"
    assert Post.objects.count() == 2


def test_the_loaded_post_keeps_what_saving_it_would_derive_from_its_body(khrushchev):
    # loaddata writes rows as they are, without calling save().
    loaded = (khrushchev.opening_words, khrushchev.word_count)

    khrushchev.derive_from_body()

    assert loaded == (khrushchev.opening_words, khrushchev.word_count)
    assert khrushchev.summary.startswith("Continuing our examination")
    assert khrushchev.reading_minutes == 8


def test_the_post_is_about_khrushchev_and_mentions_stalin_and_lenin(khrushchev):
    about = [(p.name, p.life_in_words) for p in khrushchev.people_about.all()]
    mentioned = {(p.name, p.life_in_words) for p in khrushchev.people_mentioned.all()}

    assert about == [("Nikita Khrushchev", "15 April 1894 – 11 September 1971")]
    assert mentioned == {
        ("Joseph Stalin", "18 December 1878 – 5 March 1953"),
        ("Vladimir Lenin", "22 April 1870 – 21 January 1924"),
    }
    office = khrushchev.people_about.get().offices.get()
    assert (office.title, office.term_in_words) == (
        "First Secretary of the Communist Party of the Soviet Union",
        "1953–1964",
    )
    assert khrushchev.historical_date_in_words == "25 February 1956"


def test_the_fixtures_sort_keys_are_those_saving_derives(khrushchev):
    # loaddata writes rows without save(): the sort keys are in the file.
    keys = ("historical_start", "historical_end", "historical_month", "historical_day")
    keys += ("historical_date_in_words",)
    people = {"born_key", "died_key", "life_in_words"}
    offices = ["started_key", "term_in_words"]
    for loaded, derive, names in [
        (khrushchev, khrushchev.derive_historical_date, keys),
        *((person, person.derive_dates, people) for person in Person.objects.all()),
        *((office, office.derive_dates, offices) for office in Office.objects.all()),
    ]:
        before = {name: getattr(loaded, name) for name in names}

        derive()

        assert {name: getattr(loaded, name) for name in names} == before


def test_the_post_cites_khrushchevs_report_in_a_note_and_its_works_cited(
    client, khrushchev
):
    response = client.get(khrushchev.get_absolute_url())

    text = page_text(response.content.decode())
    assert (
        "Nikita Khrushchev, “On the Cult of Personality and Its Consequences” "
        "(Report to the Twentieth Congress of the Communist Party of the Soviet "
        "Union, Moscow, February 25, 1956). Delivered at a closed session of the "
        "congress. ↩"
    ) in text
    assert (
        "Khrushchev, Nikita. “On the Cult of Personality and Its Consequences.” "
        "Report to the Twentieth Congress of the Communist Party of the Soviet "
        "Union, Moscow, February 25, 1956."
    ) in text.split("\n")


def test_the_list_of_sources_shows_the_report_and_the_post(client, khrushchev):
    response = client.get("/sources/")

    assert "Khrushchev, Nikita." in response.text
    assert f'<a href="{khrushchev.get_absolute_url()}">' in response.text


def test_what_the_fixture_derives_is_what_a_save_derives(khrushchev):
    stored = (khrushchev.body_html, khrushchev.word_count, khrushchev.opening_words)
    source = Source.objects.get(key="khrushchev1956")
    entry = source.entry_html

    khrushchev.save()
    source.save()

    assert (khrushchev.body_html, khrushchev.word_count, khrushchev.opening_words) == (
        stored
    )
    assert source.entry_html == entry
    assert list(source.cited_in.all()) == [khrushchev]


def test_loading_the_fixture_again_changes_nothing(khrushchev):
    call_command("loaddata", "khrushchev", verbosity=0)

    assert Source.objects.count() == 1
    assert Post.objects.count() == 1
