"""The people the blog writes about: leaders and those around them, with
their life dates and the offices they held. Posts name the people they are
about and those they mention (Post.people_about, Post.people_mentioned).

Dates are EDTF text (posts.historical_dates), with sortable keys derived
as they are saved.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from posts import historical_dates
from posts.addresses import address

EDTF_HELP = (
    "In EDTF: 1956-02-25, 1894-04~ (about April 1894), 1450? (perhaps 1450), "
    "152X (the 1520s), -0043 (44 BC). Leave empty when not known."
)


def historical_date_field(verbose_name: str, help_text: str = EDTF_HELP):
    """A date in EDTF, as editors write it (see posts.historical_dates)."""
    return models.CharField(
        verbose_name,
        max_length=100,
        blank=True,
        validators=[historical_dates.validate_edtf],
        help_text=help_text,
    )


def sort_key_field(verbose_name: str):
    # Derived from an EDTF field as the object is saved (day_key).
    return models.BigIntegerField(verbose_name, null=True, editable=False)


def words_field(verbose_name: str):
    # Derived from EDTF fields as the object is saved: reading a date costs
    # the EDTF parser milliseconds, too much for every page showing one.
    return models.CharField(verbose_name, max_length=300, blank=True, editable=False)


def validate_wikidata_id(value: str) -> None:
    if not re.fullmatch(r"Q[1-9][0-9]*", value):
        raise ValidationError(
            "“%(value)s” is not a Wikidata item identifier: it is a Q followed "
            "by digits, as in Q1234.",
            code="invalid",
            params={"value": value},
        )


def wikidata_url(identifier: str) -> str:
    """The address of Wikidata's item `identifier`; "" for none."""
    return f"https://www.wikidata.org/wiki/{identifier}" if identifier else ""


def century_of(key: int | None) -> int | None:
    """The century a day key falls in: 20 for 1901–2000, -1 for 100–1 BC."""
    if key is None:
        return None
    year = key // 10_000
    return (year - 1) // 100 + 1 if year > 0 else -((-year) // 100 + 1)


def century_in_words(century: int | None) -> str:
    if century is None:
        return "Dates not known"
    number = abs(century)
    suffix = (
        "th"
        if 10 <= number % 100 <= 20
        else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix} century" + (" BC" if century < 0 else "")


class PersonQuerySet(models.QuerySet):
    def alphabetical(self):
        return self.order_by("sort_name", "name", "pk")


class PersonManager(models.Manager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Person(models.Model):
    name = models.CharField(
        max_length=200, help_text="As readers know them: “Nikita Khrushchev”."
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The last part of the person's address, /people/<slug>/.",
    )
    sort_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the index sorts them: “Khrushchev, Nikita”. Left empty, "
        "the last word of the name comes first.",
    )
    other_names = models.TextField(
        blank=True,
        help_text="One a line: transliterations, birth names, titles "
        "(Khrushchov, Хрущёв). Search finds the person by these too.",
    )
    born = historical_date_field("born")
    died = historical_date_field("died")
    biography = models.TextField(
        blank=True, help_text="A short biography, a paragraph or two of plain text."
    )
    wikidata_id = models.CharField(
        "Wikidata identifier",
        max_length=20,
        blank=True,
        validators=[validate_wikidata_id],
        help_text="The person's Wikidata item (Q…), only when checked: search "
        "engines link the person to it.",
    )
    portrait = models.ForeignKey(
        "posts.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portraits_of",
        help_text="A picture from the media library (type to search it), shown "
        "on the person's page and, small, in the index of people.",
    )
    born_key = sort_key_field("born (sort key)")
    died_key = sort_key_field("died (sort key)")
    life_in_words = words_field("life, in words")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonManager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:200] or "person"
        if not self.sort_name:
            *first, last = self.name.split() or [""]
            self.sort_name = ", ".join(filter(None, [last, " ".join(first)]))
        self.derive_dates()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("posts:person", slug=self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def other_name_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.splitlines() if name.strip()]

    def derive_dates(self) -> None:
        """The sort keys of the person's dates, and their life in words."""
        born, died = historical_dates.span(self.born), historical_dates.span(self.died)
        self.born_key = born and born.start
        self.died_key = died and died.start
        self.life_in_words = life_in_words(self.born, self.died)

    @property
    def biography_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.biography.splitlines() if line.strip()]

    @property
    def era_key(self) -> int | None:
        """What the index's eras group by: death, or birth when that is all
        that is known."""
        return self.born_key if self.died_key is None else self.died_key

    @property
    def era(self) -> str:
        return century_in_words(century_of(self.era_key))

    @property
    def wikidata_url(self) -> str:
        return wikidata_url(self.wikidata_id)


class Office(models.Model):
    """An office a person held, from one date to another."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="offices")
    title = models.CharField(
        max_length=300,
        help_text="“First Secretary of the Communist Party of the Soviet Union”.",
    )
    started = historical_date_field("from")
    ended = historical_date_field("to")
    started_key = sort_key_field("from (sort key)")
    term_in_words = words_field("term, in words")

    class Meta:
        ordering = [models.F("started_key").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.derive_dates()
        super().save(*args, **kwargs)

    def derive_dates(self) -> None:
        started = historical_dates.span(self.started)
        self.started_key = started and started.start
        self.term_in_words = term_in_words(self.started, self.ended)


def life_in_words(born: str, died: str) -> str:
    """ "15 April 1894 – 11 September 1971", "born 1956", "died 44 BC"."""
    born, died = historical_dates.in_words(born), historical_dates.in_words(died)
    if born and died:
        return f"{born} – {died}"
    if born:
        return f"born {born}"
    return f"died {died}" if died else ""


def term_in_words(started: str, ended: str) -> str:
    """ "1953–1964", "from 1953", "until 11 September 1971"."""
    started = historical_dates.in_words(started)
    ended = historical_dates.in_words(ended)
    if started and ended:
        return historical_dates.range_in_words(started, ended)
    if started:
        return f"from {started}"
    return f"until {ended}" if ended else ""
