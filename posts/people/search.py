"""People in search results: found by any of their names, shown above the
posts, so that a person's page comes before posts that merely mention
them."""

from django.db.models import Q

from posts.models import Person
from posts.search import parse_query

# A search box finds a person or two; more are on /people/.
MAX_PEOPLE = 5


def find_people(query: str) -> list[Person]:
    """The people one of whose names (name, sort name, other names) holds
    every word and phrase of `query`, alphabetically."""
    wanted = [term.text for term in parse_query(query) if not term.excluded]
    if not wanted:
        return []
    # Results show each person's portrait, read with them.
    people = Person.objects.select_related("portrait")
    for text in wanted:
        people = people.filter(
            Q(name__icontains=text)
            | Q(sort_name__icontains=text)
            | Q(other_names__icontains=text)
        )
    return list(people.alphabetical()[:MAX_PEOPLE])
