"""People and historical dates travel through a WordPress export and back."""

import io
import json

import pytest
from defusedxml.ElementTree import fromstring
from django.core.management import call_command

from posts.exporters.wxr import export_wxr
from posts.importers.wxr import import_stream
from posts.models import Office, Person, Post
from tests.factories import PersonFactory, PostFactory

pytestmark = pytest.mark.django_db

WP = "{http://wordpress.org/export/1.2/}"


def exported() -> str:
    out = io.StringIO()
    export_wxr(out)
    return out.getvalue()


def post_meta(document: str, slug: str) -> list[tuple[str, str]]:
    item = next(
        item
        for item in fromstring(document).find("channel").findall("item")
        if item.find(f"{WP}post_name").text == slug
    )
    return [
        (pair.find(f"{WP}meta_key").text, pair.find(f"{WP}meta_value").text)
        for pair in item.findall(f"{WP}postmeta")
    ]


def people_and_dates() -> dict:
    return {
        "posts": {
            post.slug: (
                post.historical_date,
                post.historical_start,
                post.historical_month,
                post.historical_day,
                sorted(person.slug for person in post.people_about.all()),
                sorted(person.slug for person in post.people_mentioned.all()),
            )
            for post in Post.objects.all()
        },
        "people": {
            person.slug: (
                person.name,
                person.sort_name,
                person.other_names,
                person.born,
                person.died,
                person.born_key,
                person.biography,
                person.wikidata_id,
                [(o.title, o.started, o.ended) for o in person.offices.order_by("pk")],
            )
            for person in Person.objects.all()
        },
    }


def empty_the_site():
    Post.objects.all().delete()
    Person.objects.all().delete()


def test_the_khrushchev_post_comes_back_with_its_people_and_date():
    call_command("loaddata", "khrushchev", verbosity=0)
    before = people_and_dates()
    document = exported()
    empty_the_site()

    import_stream(io.BytesIO(document.encode()))

    assert people_and_dates() == before
    assert before["posts"]["when-the-soviets-disowned-stalin"][0] == "1956-02-25"
    assert len(before["people"]) == 3


def test_bc_and_uncertain_dates_come_back_as_written():
    caesar = PersonFactory(name="Julius Caesar", born="-0099~", died="-0043-03-15")
    PostFactory(slug="ides", historical_date="-0043-03-15", about=[caesar])
    PostFactory(slug="gaul", historical_date="-0057/-0050", mentions=[caesar])
    PostFactory(slug="undated")
    before = people_and_dates()
    document = exported()
    empty_the_site()

    import_stream(io.BytesIO(document.encode()))

    assert people_and_dates() == before


def test_people_and_dates_are_written_as_post_meta():
    call_command("loaddata", "khrushchev", verbosity=0)

    meta = post_meta(exported(), "when-the-soviets-disowned-stalin")

    assert ("greatleaders_historical_date", "1956-02-25") in meta
    about = [json.loads(v) for k, v in meta if k == "greatleaders_person_about"]
    mentioned = [json.loads(v) for k, v in meta if k == "greatleaders_person_mentioned"]
    assert [person["name"] for person in about] == ["Nikita Khrushchev"]
    assert about[0]["offices"] == [
        {
            "title": "First Secretary of the Communist Party of the Soviet Union",
            "started": "1953",
            "ended": "1964",
        }
    ]
    assert sorted(person["slug"] for person in mentioned) == [
        "joseph-stalin",
        "vladimir-lenin",
    ]


def test_people_the_site_has_are_linked_not_made_again():
    call_command("loaddata", "khrushchev", verbosity=0)
    document = exported()
    Post.objects.all().delete()
    Person.objects.filter(slug="joseph-stalin").update(biography="Kept as it was.")

    report = import_stream(io.BytesIO(document.encode()))

    assert Person.objects.count() == 3
    assert Person.objects.get(slug="joseph-stalin").biography == "Kept as it was."
    assert report.existing["people"] == 3
    assert Office.objects.count() == 1


def test_a_date_or_person_that_is_not_valid_is_left_out_and_noted():
    call_command("loaddata", "khrushchev", verbosity=0)
    document = (
        exported()
        .replace("<![CDATA[1956-02-25]]>", "<![CDATA[sometime in 1956]]>")
        .replace('"born": "1878-12-18"', '"born": "1878-02-30"')
    )
    empty_the_site()

    report = import_stream(io.BytesIO(document.encode()))

    post = Post.objects.get()
    assert post.historical_date == ""
    assert not Person.objects.filter(slug="joseph-stalin").exists()
    assert list(post.people_about.values_list("slug", flat=True)) == [
        "nikita-khrushchev"
    ]
    assert any("sometime in 1956" in note for note in report.notes)
    assert any("joseph-stalin" in note for note in report.notes)
