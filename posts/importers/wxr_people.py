"""People and historical dates in a WordPress export, both ways.

WordPress has neither, so our export writes them as post meta, which
WordPress keeps as custom fields: the historical date as EDTF text, and
each person the post is about or mentions as one entry whose value is the
person as JSON (names, dates, biography, Wikidata id and offices). The
import reads them back: a person is found by slug, and made, with their
offices, when the site does not have them yet. A value that is not what
the export writes is left out and noted in the report.
"""

import json

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from posts import historical_dates
from posts.importers.wxr_items import (
    HISTORICAL_DATE_META,
    PERSON_ABOUT_META,
    PERSON_MENTIONED_META,
)
from posts.importers.wxr_report import ImportReport
from posts.models import Office, Person, Post

PERSON_FIELDS = (
    "slug",
    "name",
    "sort_name",
    "other_names",
    "born",
    "died",
    "biography",
    "wikidata_id",
)
OFFICE_FIELDS = ("title", "started", "ended")


def person_json(person: Person) -> str:
    """A person as the export writes them, offices included."""
    data = {name: getattr(person, name) for name in PERSON_FIELDS}
    data["offices"] = [
        {name: getattr(office, name) for name in OFFICE_FIELDS}
        for office in person.offices.all()
    ]
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def people_meta(post_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """The post meta of the people of the posts `post_ids`, by post, in
    three queries however many posts."""
    meta: dict[int, list[tuple[str, str]]] = {pk: [] for pk in post_ids}
    links = []
    for key, through in (
        (PERSON_ABOUT_META, Post.people_about.through),
        (PERSON_MENTIONED_META, Post.people_mentioned.through),
    ):
        rows = through.objects.filter(post_id__in=post_ids).order_by("pk")
        links += [(key, *row) for row in rows.values_list("post_id", "person_id")]
    people = Person.objects.filter(pk__in={person for *_, person in links})
    written = {
        person.pk: person_json(person)
        for person in people.prefetch_related(
            Prefetch("offices", queryset=Office.objects.order_by("pk"))
        )
    }
    for key, post_id, person_id in links:
        meta[post_id].append((key, written[person_id]))
    return meta


def historical_date_meta(post: Post) -> list[tuple[str, str]]:
    return (
        [(HISTORICAL_DATE_META, post.historical_date)] if post.historical_date else []
    )


class People:
    """The people of the posts an import writes, each made once."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.by_slug: dict[str, Person | None] = {}

    def date_of(self, meta: dict[str, str], label: str) -> str:
        """The historical date the meta gives, if it is one."""
        written = meta.get(HISTORICAL_DATE_META, "").strip()[:100]
        if not written:
            return ""
        try:
            historical_dates.validate_edtf(written)
        except ValidationError:
            self.report.note(
                f"{label} had the historical date “{written}”, which is not "
                "EDTF: it has none now."
            )
            return ""
        return written

    def link(self, post: Post, meta: list[tuple[str, str]]) -> None:
        """Link `post` to the people its meta names."""
        about = self._people(meta, PERSON_ABOUT_META)
        mentioned = self._people(meta, PERSON_MENTIONED_META)
        if about:
            post.people_about.add(*about)
        if mentioned:
            post.people_mentioned.add(*mentioned)

    def _people(self, meta, key) -> list[Person]:
        found = (self._person(value) for name, value in meta if name == key)
        return [person for person in found if person is not None]

    def _person(self, value: str) -> Person | None:
        try:
            data = json.loads(value)
            slug = str(data["slug"])[:200]
        except (ValueError, TypeError, KeyError):
            self.report.note("A person in the post meta was not readable: left out.")
            return None
        if slug not in self.by_slug:
            self.by_slug[slug] = self._found_or_made(slug, data)
        return self.by_slug[slug]

    def _found_or_made(self, slug: str, data: dict) -> Person | None:
        person = Person.objects.filter(slug=slug).first()
        if person is not None:
            self.report.count("people", created=False)
            return person
        person = Person(**{name: str(data.get(name) or "") for name in PERSON_FIELDS})
        offices = [
            Office(**{name: str(office.get(name) or "") for name in OFFICE_FIELDS})
            for office in data.get("offices") or []
            if isinstance(office, dict)
        ]
        try:
            person.full_clean()
            for office in offices:
                office.full_clean(exclude=["person"])
        except ValidationError:
            self.report.note(
                f"The person “{slug}” in the post meta was not valid: left out."
            )
            return None
        person.save()
        for office in offices:
            office.person = person
            office.save()
        self.report.count("people", created=True)
        return person
