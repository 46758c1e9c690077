"""The people index by era: grouped by the century they died in (born in,
when that is all that is known), in the order of their times."""

from dataclasses import dataclass, field

from posts.models import Person


@dataclass
class Era:
    label: str
    people: list[Person] = field(default_factory=list)


def _order(person: Person):
    unknown = person.era_key is None
    return (unknown, person.era_key or 0, person.born_key or 0, person.sort_name)


def by_era(people: list[Person]) -> list[Era]:
    """`people` grouped by era, earliest first; those with no dates last."""
    eras: list[Era] = []
    for person in sorted(people, key=_order):
        label = person.era
        if not eras or eras[-1].label != label:
            eras.append(Era(label))
        eras[-1].people.append(person)
    return eras
