"""Numbers that visitors write: page numbers (`?page=`, …/page/2/) and ids
(`?p=`, `?cat=`, `?replytocom=`, a comment's `parent`).

Every such number is read here, and only in ASCII digits: `str.isdigit()`
also accepts "²" and "١٢", which `int()` then refuses or reads, and `int()`
takes " 12", "+12" and "1_2" besides. Anything else is not a number, so the
address or the form field that carries it names nothing (issue #20).
"""

from django import forms

# The largest key a database column holds (PostgreSQL's bigint): a larger id
# names nothing, and a database asked for one may refuse the query.
LARGEST = 2**63 - 1
_LARGEST_DIGITS = len(str(LARGEST))


def parse_number(
    text: str | None, *, smallest: int = 1, largest: int = LARGEST
) -> int | None:
    """The number `text` writes in ASCII digits, leading zeros allowed, when
    it lies within [`smallest`, `largest`]; None for anything else."""
    if not text or not text.isascii() or not text.isdigit():
        return None
    # Long runs of digits are refused before `int()` reads them.
    if len(text.lstrip("0")) > _LARGEST_DIGITS:
        return None
    number = int(text)
    return number if smallest <= number <= largest else None


def parse_id(text: str | None) -> int | None:
    """The id `text` names (`?p=12`), if it is one."""
    return parse_number(text)


def page_number(text: str | None) -> int | None:
    """The page a `?page=` value names, if any: a blank value names the
    first, as Django's paginator takes it; there is no page 0."""
    return 1 if text == "" else parse_number(text)


class IdField(forms.Field):
    """A form field holding an id, read as `parse_id` reads it."""

    widget = forms.HiddenInput
    default_error_messages = {"invalid": "This is not a valid id."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_id(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], "invalid")
        return number
