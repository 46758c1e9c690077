"""Historical dates in EDTF: read, refused with a message, put in words
and sorted, as editors and readers meet them."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from posts import historical_dates
from posts.models import Post
from tests.factories import PostFactory
from tests.test_admin import post_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("1956-02-25", "25 February 1956"),
        ("1894-04~", "about April 1894"),
        ("1450?", "perhaps 1450"),
        ("1450%", "perhaps about 1450"),
        ("?1450-04", "perhaps April 1450"),
        ("152X", "the 1520s"),
        ("19XX", "the 1900s"),
        ("1956-XX", "1956"),
        ("-0043", "44 BC"),
        ("0000", "1 BC"),
        ("-0043-03-15", "15 March 44 BC"),
        ("-004X", "50–41 BC"),
        ("1956-21", "spring 1956"),
        ("1953/1964", "1953–1964"),
        ("1894-04-15/1971-09-11", "15 April 1894 – 11 September 1971"),
        ("1984~/2004-06", "about 1984 – June 2004"),
        (" 1956 ", "1956"),
    ],
)
def test_dates_are_told_in_words(edtf, words):
    assert historical_dates.in_words(edtf) == words


@pytest.mark.parametrize(
    ("edtf", "message"),
    [
        ("the fifties", "is not a date this site can read"),
        ("1956-13", "is not a date this site can read"),
        ("1956-02-30", "is not a date this site can read"),
        ("1955-02-29", "February 1955 has no day 29."),
        ("1964/1953", "ends before it starts"),
        ("1953/..", "give both ends"),
        ("../1953", "give both ends"),
        ("Y17E20", "more than a million years away"),
    ],
)
def test_what_is_not_a_date_is_refused_with_a_message(edtf, message):
    with pytest.raises(ValidationError) as refused:
        historical_dates.validate_edtf(edtf)

    assert message in refused.value.messages[0]


def test_29_february_of_a_leap_year_is_a_date():
    historical_dates.validate_edtf("1956-02-29")

    assert historical_dates.span("1956-02-29").day == 29


@pytest.mark.parametrize(
    ("edtf", "month", "day"),
    [
        ("1956-02-25", 2, 25),
        ("-0043-03-15", 3, 15),
        ("1956-02-25?", None, None),
        ("1956-02-25~", None, None),
        ("1956-02", None, None),
        ("1956-02-XX", None, None),
        ("1956-02-25/1956-02-26", None, None),
    ],
)
def test_only_a_date_sure_to_the_day_has_a_day_of_the_year(edtf, month, day):
    span = historical_dates.span(edtf)

    assert (span.month, span.day) == (month, day)


def test_dates_sort_in_the_order_of_history_bc_years_first():
    written = ["1956-02-25", "-0043-03-15", "152X", "-0044", "1894-04~", "0000"]

    ordered = sorted(written, key=lambda edtf: historical_dates.span(edtf).start)

    assert ordered == ["-0044", "-0043-03-15", "0000", "152X", "1894-04~", "1956-02-25"]


def test_an_uncertain_date_spans_what_it_may_mean():
    span = historical_dates.span("152X")

    assert (span.start, span.end) == (15200101, 15291231)


def test_posts_are_given_their_sort_keys_as_they_are_saved():
    post = PostFactory(historical_date="1894-04~")

    post.refresh_from_db()
    assert (post.historical_start, post.historical_end) == (18940401, 18940430)
    assert post.historical_month is None


def test_the_admin_refuses_a_wrong_date_and_keeps_what_was_typed(admin_client):
    response = admin_client.post(
        reverse("admin:posts_post_add"), post_form(historical_date="1956-02-30")
    )

    assert response.status_code == HTTPStatus.OK
    assert "is not a date this site can read" in response.text
    assert 'value="1956-02-30"' in response.text
    assert not Post.objects.exists()


def test_the_admin_saves_a_date_written_in_edtf(admin_client):
    response = admin_client.post(
        reverse("admin:posts_post_add"), post_form(historical_date="-0043-03-15")
    )

    assert response.status_code == HTTPStatus.FOUND
    post = Post.objects.get()
    assert post.historical_date_in_words == "15 March 44 BC"
    assert (post.historical_month, post.historical_day) == (3, 15)
