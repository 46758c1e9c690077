from http import HTTPStatus

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_themed_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.text
    assert 'class="site-header"' in response.text


def test_a_failing_page_is_a_themed_500_without_a_traceback(settings):
    settings.ROOT_URLCONF = "tests.broken_urls"
    visitor = Client(raise_request_exception=False)

    response = visitor.get("/broken/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text
    assert "a bug in a view" not in response.text


def test_an_impossible_month_is_404_not_an_error(client):
    assert client.get("/2016/13/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "address",
    ["/0000/", "/0000/01/", "/0001/", "/9999/12/", "/2016/00/", "/0000/feed/"],
)
def test_a_year_outside_the_calendar_is_a_themed_404(client, address):
    response = client.get(address)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.text
