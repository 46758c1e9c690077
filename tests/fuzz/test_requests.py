"""No address, query string, header or Content-Type a client can send is
answered with a server error (issue #20)."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from posts.models import Comment
from tests.fuzz import strategies as some
from tests.fuzz.tally import answered
from tests.wsgi_requests import send

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/search/",
    "/2010/01/the-thaw/",
    "/category/history/",
    "/tag/khrushchev/",
    "/author/ann/",
    "/series/cold-war/",
    "/2010/",
    "/2010/01/",
    "/feed/",
    "/category/history/feed/",
    "/comments/feed/",
    "/sitemap.xml",
    "/about/",
]


@given(address=some.addresses(), query=some.queries)
def test_no_address_is_a_server_error(site, address, query):
    answered(lambda: Client().get(f"{address}?{query}" if query else address))


@given(page=st.sampled_from(PAGES), query=some.queries)
def test_no_query_string_of_a_page_is_a_server_error(site, page, query):
    answered(lambda: Client().get(f"{page}?{query}"))


@given(
    parameter=st.sampled_from(some.PARAMETERS),
    value=some.values,
    page=st.sampled_from(PAGES),
)
def test_no_value_of_a_parameter_the_site_reads_is_a_server_error(
    site, parameter, value, page
):
    answered(lambda: Client().get(page, {parameter: value}))


@given(
    headers=some.headers,
    page=st.sampled_from(PAGES),
    proxies=st.integers(0, 2),
)
def test_no_header_is_a_server_error(site, settings, headers, page, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies

    answered(lambda: Client().get(page, headers=headers))


@given(
    content_type=some.content_types,
    body=st.one_of(st.binary(max_size=200), some.queries.map(str.encode)),
    method=st.sampled_from(["GET", "POST"]),
    page=st.sampled_from(["/", "/2010/01/the-thaw/", "/search/", "/admin/login/"]),
)
def test_no_content_type_is_a_server_error_nor_stores_a_comment(
    site, content_type, body, method, page
):
    comments = Comment.objects.count()

    answer = answered(lambda: send(method, page, body=body, CONTENT_TYPE=content_type))

    if answer.status_code >= 400:
        assert Comment.objects.count() == comments
