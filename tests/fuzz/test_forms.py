"""No value of any field of the site's public forms (a comment, a search,
the admin's log-in) is answered with a server error, and a refused comment
or log-in writes nothing (issue #20)."""

from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from posts.models import Comment
from tests.commenting import comment_data
from tests.fuzz import strategies as some
from tests.fuzz.tally import answered

pytestmark = pytest.mark.django_db


def valid_or_any(value):
    return st.one_of(st.just(value), some.values)


@st.composite
def comment_forms(draw):
    """A comment form as sent: each field as a person fills it in, or not."""
    fields = {name: draw(valid_or_any(value)) for name, value in comment_data().items()}
    fields["save_details"] = draw(valid_or_any("on"))
    extra = draw(st.dictionaries(some.any_text, some.values, max_size=2))
    return extra | fields


@given(
    fields=comment_forms(),
    urlencoded=st.booleans(),
    reply_to=st.one_of(st.none(), some.numbers),
)
def test_no_comment_sent_is_a_server_error_and_a_refused_one_stores_nothing(
    site, fields, urlencoded, reply_to
):
    comments = Comment.objects.count()
    address = site.get_absolute_url()
    if reply_to is not None:
        address += "?" + urlencode({"replytocom": reply_to})

    if urlencoded:
        body = urlencode(fields)
        form = "application/x-www-form-urlencoded"
        response = answered(lambda: Client().post(address, body, content_type=form))
    else:
        response = answered(lambda: Client().post(address, fields))

    if response.status_code != 302:
        assert Comment.objects.count() == comments


@given(query=some.values, page=st.one_of(st.none(), some.numbers))
def test_no_search_is_a_server_error(site, query, page):
    params = {"q": query} | ({} if page is None else {"page": page})

    answered(lambda: Client().get("/search/", params))


@given(
    username=st.one_of(
        st.just("ann"), some.any_text, st.text(min_size=140, max_size=400)
    ),
    password=some.any_text,
    next_page=st.one_of(st.none(), some.values),
    forwarded=st.one_of(st.none(), some.forwarded_addresses),
    proxies=st.integers(0, 1),
)
def test_no_log_in_is_a_server_error_and_a_refused_one_records_nothing(
    site, settings, username, password, next_page, forwarded, proxies
):
    # Each example starts unlocked, as from a new address.
    reset()
    settings.TRUSTED_PROXY_COUNT = proxies
    address = "/admin/login/"
    if next_page is not None:
        address += "?" + urlencode({"next": next_page})
    headers = {} if forwarded is None else {"x-forwarded-for": forwarded}

    response = answered(
        lambda: Client().post(
            address, {"username": username, "password": password}, headers=headers
        )
    )

    if response.status_code == 400:
        assert not AccessAttempt.objects.exists()
