"""Schema.org data about people, for search engines (JSON-LD): a person's
page, and the people a post is about or mentions."""

from django.http import HttpRequest

from posts import historical_dates
from posts.media.featured import shared_image
from posts.models import Person


def person_reference(person: Person, request: HttpRequest) -> dict:
    """A Person as a post names it: name, page, and Wikidata when known."""
    data = {
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
    if person.wikidata_url:
        data["sameAs"] = person.wikidata_url
    return data


def person_page(person: Person, request: HttpRequest) -> dict:
    """The Person a person's page is about."""
    data = {
        "@context": "https://schema.org",
        **person_reference(person, request),
        "@id": request.build_absolute_uri(person.get_absolute_url()),
    }
    if person.other_name_list:
        data["alternateName"] = person.other_name_list
    if person.biography:
        data["description"] = person.biography
    # Schema.org dates are ISO 8601: only dates known to the day are given.
    for key, text in (("birthDate", person.born), ("deathDate", person.died)):
        if historical_dates.is_exact_day(text):
            data[key] = text.strip()
    if portrait := shared_image(person.portrait, request):
        data["image"] = portrait.image_object()
    offices = [office.title for office in person.offices.all()]
    if offices:
        data["jobTitle"] = offices
    return data
