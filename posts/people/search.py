"""People in search results: found by any of their names, shown above the
posts, so that a person's page comes before posts that merely mention
them."""

from functools import cache

from django.db.models import Q

from greatleaders.prepared import PreparedQuery, instance
from posts.media.featured import joined_image
from posts.models import Person
from posts.search import parse_query

# A search box finds a person or two; more are on /people/.
MAX_PEOPLE = 5
# What a result shows of a person, and of their portrait.
SHOWN = ("id", "name", "slug", "life_in_words", "portrait_id")
PORTRAIT = ("file", "width", "height", "alt_text")


def find_people(query: str) -> list[Person]:
    """The people one of whose names (name, sort name, other names) holds
    every word and phrase of `query`, alphabetically."""
    wanted = [term.text for term in parse_query(query) if not term.excluded]
    if not wanted:
        return []
    values = {f"term{index}": text for index, text in enumerate(wanted)}
    people = []
    for row in _search(len(wanted)).rows(limit=MAX_PEOPLE, **values):
        person = instance(Person, SHOWN, row[: len(SHOWN)])
        person.portrait = joined_image(person.portrait_id, PORTRAIT, row[len(SHOWN) :])
        people.append(person)
    return people


@cache
def _search(terms: int) -> PreparedQuery:
    """The search for people by `terms` words and phrases, prepared (see
    greatleaders.prepared): every search page runs it, and building it anew
    cost more than the search itself."""

    def build(**values):
        people = Person.objects.all()
        for term in values.values():
            people = people.filter(
                Q(name__icontains=term)
                | Q(sort_name__icontains=term)
                | Q(other_names__icontains=term)
            )
        return people.alphabetical()

    return PreparedQuery(build, (*SHOWN, *(f"portrait__{name}" for name in PORTRAIT)))
