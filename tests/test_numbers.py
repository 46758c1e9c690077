"""Numbers visitors write are read in ASCII digits only, within range."""

import pytest
from django.core.exceptions import ValidationError

from posts.numbers import LARGEST, IdField, page_number, parse_id, parse_number


@pytest.mark.parametrize(
    ("text", "number"), [("1", 1), ("12", 12), ("012", 12), (str(LARGEST), LARGEST)]
)
def test_ascii_digits_are_read_as_a_number(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "0",
        "²",
        "¹²",
        "١٢",
        "１２",
        " 12",
        "+12",
        "-1",
        "1_2",
        "1e3",
        "12\x00",
        str(LARGEST + 1),
        "9" * 5_000,
    ],
)
def test_anything_else_is_not_a_number(text):
    assert parse_number(text) is None


def test_a_number_out_of_range_is_not_one():
    assert parse_number("13", largest=12) is None
    assert parse_number("0000", smallest=2) is None


def test_an_id_is_a_positive_number():
    assert parse_id("7") == 7
    assert parse_id("0") is None


def test_a_blank_page_number_is_the_first_page():
    assert page_number("") == 1
    assert page_number(None) is None
    assert page_number("0") is None


def test_an_id_field_reads_ascii_digits():
    field = IdField(required=False)

    assert field.clean("12") == 12
    assert field.clean("") is None


@pytest.mark.parametrize("value", ["١٢", "²", "1_2", "99999999999999999999"])
def test_an_id_field_refuses_anything_else(value):
    with pytest.raises(ValidationError):
        IdField(required=False).clean(value)
