"""Historical dates, written in EDTF (the Library of Congress's Extended
Date/Time Format, ISO 8601-2), parsed by the `edtf` library.

A date is kept as its EDTF text; what lists sort and filter by is derived
from it as it is saved (`span`): the first and last day it may mean, as
sortable integers, and its month and day when it names one day for sure
("on this day"). Readers see it in words (`in_words`).

EDTF years are astronomical: 0000 is 1 BC and -0043 is 44 BC.
"""

import calendar
import functools
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from greatleaders.lazy_modules import LazyModule

# Imported when a date is first read: pages show dates in words kept as
# they were saved (see greatleaders.lazy_modules).
edtf = LazyModule("edtf.parser.parser_classes")
_edtf_parser = LazyModule("edtf")
_edtf_errors = LazyModule("edtf.parser.edtf_exceptions")

# Beyond these years a date is a typing slip, not history (EDTF allows
# "Y17E8", 170 million years from now), and the sort keys stay small.
FARTHEST_YEAR = 1_000_000

EXAMPLES = (
    "Write a date in EDTF: 1956-02-25, 1894-04~ (about April 1894), "
    "1450? (perhaps 1450), 152X (the 1520s), -0043 (44 BC), "
    "1953/1964 (from 1953 to 1964)."
)

# A day of a year, BC years included, with no qualifier.
_ONE_DAY = re.compile(r"-?\d{4}-\d{2}-\d{2}")

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


@dataclass(frozen=True, slots=True)
class Span:
    """What a date is sorted and found by. `start` and `end` are the first
    and last day it may mean, as `day_key` writes them; `month` and `day`
    are set only when it names one day for sure."""

    start: int
    end: int
    month: int | None = None
    day: int | None = None


def day_key(year: int, month: int, day: int) -> int:
    """A day as one integer that sorts as the days do, BC years included:
    1956-02-25 is 19560225, -0043-03-15 is -429685."""
    return year * 10_000 + month * 100 + day


def parse(text: str):
    """The EDTF date `text` writes; ValidationError, saying how to write
    one, when it is none or one this site cannot place in time."""
    return _parse(text.strip())


# Saving a date checks it, then works out its keys and its words, each
# from the parsed date: parsed once, as the parser takes milliseconds.
@functools.lru_cache(maxsize=256)
def _parse(text: str):
    try:
        parsed = _edtf_parser.parse_edtf(text)
    except _edtf_errors.EDTFParseException:
        raise ValidationError(
            "“%(value)s” is not a date this site can read. " + EXAMPLES,
            code="invalid",
            params={"value": text},
        ) from None
    _check_placeable(parsed, text)
    return parsed


def validate_edtf(text: str) -> None:
    """The model field's validator: `parse` it."""
    parse(text)


def _check_placeable(parsed, text: str) -> None:
    """Refuse what EDTF allows but a timeline cannot place: open ends, days
    a month lacks, intervals ending before they start, years out of reach."""
    if isinstance(parsed, edtf.Interval | edtf.Level1Interval):
        ends = (parsed.lower, parsed.upper)
        if any(isinstance(end, edtf.UnspecifiedIntervalSection) for end in ends):
            raise ValidationError(
                "“%(value)s” leaves an end of the interval open or unknown: "
                "give both ends, as in 1953/1964.",
                code="open_interval",
                params={"value": text},
            )
        for end in ends:
            _check_placeable(end, text)
    try:
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(
            "“%(value)s” cannot be placed in time. " + EXAMPLES,
            code="unplaceable",
            params={"value": text},
        ) from None
    if max(abs(lower.tm_year), abs(upper.tm_year)) > FARTHEST_YEAR:
        raise ValidationError(
            "“%(value)s” is more than a million years away: check the year.",
            code="too_far",
            params={"value": text},
        )
    for year, month, day in _named_days(parsed):
        if day > _days_in_month(year, month):
            raise ValidationError(
                "%(month)s %(year)s has no day %(day)s.",
                code="no_such_day",
                params={"month": MONTHS[month - 1], "year": year, "day": day},
            )
    interval = isinstance(parsed, edtf.Interval | edtf.Level1Interval)
    if interval and _bounds(parsed.lower)[0] > _bounds(parsed.upper)[1]:
        raise ValidationError(
            "“%(value)s” ends before it starts: write the earlier date first.",
            code="reversed",
            params={"value": text},
        )


def _named_days(parsed):
    """The days that `parsed` writes out in full (the library lets
    1955-02-29 through)."""
    date = getattr(parsed, "date", parsed)
    year, month, day = (getattr(date, f"_{part}", None) for part in _PARTS)
    if year and month and day and "X" not in f"{year}{month}{day}":
        yield int(year), int(month), int(day)


_PARTS = ("year", "month", "day")


def _days_in_month(year: int, month: int) -> int:
    # Proleptic Gregorian, as EDTF counts: isleap() is arithmetic alone, and
    # holds for year 0 and years BC too.
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in {4, 6, 9, 11} else 31


def _bounds(parsed) -> tuple[int, int]:
    lower, upper = parsed.lower_strict(), parsed.upper_strict()
    keys = (
        day_key(lower.tm_year, lower.tm_mon, lower.tm_mday),
        day_key(upper.tm_year, upper.tm_mon, upper.tm_mday),
    )
    # The library swaps a BC year's months ("-0043-XX"): the keys say which
    # comes first.
    return min(keys), max(keys)


def span(text: str) -> Span | None:
    """What the date `text` is sorted and found by; None for no date."""
    if not text.strip():
        return None
    parsed = parse(text)
    start, end = _bounds(parsed)
    exact_day = (
        type(parsed) is edtf.Date and parsed.precision == edtf.PRECISION_DAY
    ) or (type(parsed) is edtf.DateAndTime)
    if exact_day:
        lower = parsed.lower_strict()
        return Span(start, end, lower.tm_mon, lower.tm_mday)
    return Span(start, end)


def is_exact_day(text: str) -> bool:
    """Whether `text`, a date as saved (so valid EDTF), names one day for
    sure: 1956-02-25, not 1956-02-25? nor 1956-02. Told by its form, for the
    parser costs milliseconds."""
    return _ONE_DAY.fullmatch(text.strip()) is not None


def iso_8601_between(start: int | None, end: int | None) -> str:
    """The days from the key `start` to the key `end` (a date's `span`) in
    ISO 8601 as schema.org takes them: one date (1956-02-25), or an interval
    (1520-01-01/1529-12-31)."""
    if start is None or end is None:
        return ""
    start, end = _iso_day(start), _iso_day(end)
    return start if start == end else f"{start}/{end}"


def _iso_day(key: int) -> str:
    year, month_day = divmod(key, 10_000)
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month_day // 100:02d}-{month_day % 100:02d}"


def year_in_words(year: int) -> str:
    """1956 as "1956", 0 as "1 BC", -43 as "44 BC"."""
    return str(year) if year > 0 else f"{1 - year} BC"


def in_words(text: str) -> str:
    """The date `text` as readers read it: "25 February 1956", "about April
    1894", "perhaps 1450", "the 1520s", "44 BC", "1953–1964". A form of EDTF
    with no words here (sets of dates, say) is shown as written."""
    if not text.strip():
        return ""
    try:
        parsed = parse(text)
    except ValidationError:
        return text
    return _words(parsed) or text.strip()


def range_in_words(lower: str, upper: str) -> str:
    """ "1953–1964", but "15 April 1894 – 11 September 1971"."""
    dash = " – " if " " in lower + upper else "–"
    return f"{lower}{dash}{upper}"


def _words(parsed) -> str:
    if isinstance(parsed, edtf.Interval | edtf.Level1Interval):
        lower, upper = _words(parsed.lower), _words(parsed.upper)
        return range_in_words(lower, upper) if lower and upper else ""
    return _qualified(_plain_words(parsed), parsed)


def _plain_words(parsed) -> str:
    if isinstance(parsed, edtf.UncertainOrApproximate):
        return _plain_words(parsed.date)
    if isinstance(parsed, edtf.Season):
        season = SEASONS.get(int(parsed.season))
        return f"{season} {year_in_words(int(parsed._year))}" if season else ""
    if isinstance(parsed, edtf.PartialUncertainOrApproximate | edtf.Date):
        return _date_words(parsed._year, parsed._month, parsed._day)
    if isinstance(parsed, edtf.LongYear):
        return year_in_words(int(parsed.year))
    if isinstance(parsed, edtf.DateAndTime):
        return _plain_words(parsed.date)
    return ""


def _qualified(words: str, parsed) -> str:
    """`words` with what EDTF's ? (uncertain), ~ (approximate) and %
    (both) say of them."""
    if not words:
        return ""
    uncertain = getattr(parsed, "_is_uncertain", False)
    approximate = getattr(parsed, "_is_approximate", False)
    if getattr(parsed, "_uncertain_and_approximate", False) or (
        uncertain and approximate
    ):
        return f"perhaps about {words}"
    if approximate:
        return f"about {words}"
    if uncertain:
        return f"perhaps {words}"
    return words


def _date_words(year: str, month: str | None, day: str | None) -> str:
    """Words for a year, month and day as EDTF writes them, X for a digit
    not known."""
    if "X" in year:
        return _unspecified_year(year)
    words = year_in_words(int(year))
    if month and "X" not in month:
        words = f"{MONTHS[int(month) - 1]} {words}"
        if day and "X" not in day:
            words = f"{int(day)} {words}"
    return words


def _unspecified_year(year: str) -> str:
    """ "152X" as "the 1520s", "19XX" as "the 1900s", "-004X" as "50–41
    BC"."""
    digits = year.lstrip("-")
    known = digits.rstrip("X")
    if "X" in known or not known:
        return "an unknown year"
    start = int(known) * 10 ** (len(digits) - len(known))
    if year.startswith("-"):
        # -004X is the years -49 to -40: 50 to 41 BC.
        width = 10 ** (len(digits) - len(known))
        return f"{start + width}–{start + 1} BC"
    return f"the {start}s"
