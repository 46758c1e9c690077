"""The timeline's shape: posts placed by the date of what they tell,
grouped by century and decade."""

from dataclasses import dataclass, field

from posts.models import Post
from posts.models.people import century_in_words, century_of


@dataclass
class Decade:
    label: str
    posts: list[Post] = field(default_factory=list)


@dataclass
class Century:
    label: str
    decades: list[Decade] = field(default_factory=list)


def decade_in_words(year: int) -> str:
    """The decade of an (astronomical) year: "the 1950s", "51–42 BC"."""
    start = year // 10 * 10
    if start > 0:
        return f"the {start}s"
    if start == 0:
        return "1 BC – AD 9"
    return f"{1 - start}–{1 - (start + 9)} BC"


def group(posts: list[Post]) -> list[Century]:
    """`posts`, in timeline order (`PostQuerySet.on_the_timeline`), under
    the century and decade their historical date starts in."""
    centuries: list[Century] = []
    for post in posts:
        century = century_in_words(century_of(post.historical_start))
        decade = decade_in_words(post.historical_start // 10_000)
        if not centuries or centuries[-1].label != century:
            centuries.append(Century(century))
        decades = centuries[-1].decades
        if not decades or decades[-1].label != decade:
            decades.append(Decade(decade))
        decades[-1].posts.append(post)
    return centuries
