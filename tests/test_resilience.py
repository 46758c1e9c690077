"""When Redis or the database goes away: pages keep coming from what still
answers, visitors see a themed page rather than a traceback or a hang, and
the site recovers by itself."""

import json
import logging
import time
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client

from greatleaders.page_cache import STATUS_HEADER
from tests.factories import PostFactory
from tests.servers import (
    AppServer,
    TcpRelay,
    ThrowawayRedis,
    Visitor,
    database_url_for_servers,
    free_port,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings):
    """The page cache on a Redis of the test's own, which it may stop."""
    redis = ThrowawayRedis()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield redis
    redis.stop()


@pytest.fixture
def cache_at_a_closed_port(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }


def test_pages_are_served_uncached_when_redis_stops(client, redis_cache, caplog):
    post = PostFactory(title="The Thaw")
    client.get(post.get_absolute_url())
    assert client.get(post.get_absolute_url()).headers[STATUS_HEADER] == "hit"
    redis_cache.stop()

    with caplog.at_level(logging.WARNING, logger="greatleaders.page_cache"):
        responses = [client.get(post.get_absolute_url()) for _ in range(3)]

    assert [response.status_code for response in responses] == [HTTPStatus.OK] * 3
    assert all("The Thaw" in response.text for response in responses)
    assert all(STATUS_HEADER not in response.headers for response in responses)
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1
    assert "shared cache is unavailable" in warnings[0]


def test_pages_are_served_when_redis_was_never_there(client, cache_at_a_closed_port):
    post = PostFactory(title="The Thaw")

    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert "The Thaw" in response.text


def test_saving_content_while_redis_is_down_does_not_fail(
    cache_at_a_closed_port, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(title="The Thaw")

    assert post.pk


def test_health_check_is_200_with_the_cache_and_database_up(client):
    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


def test_health_check_reports_redis_down_but_stays_200(client, cache_at_a_closed_port):
    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_a_page_failing_for_want_of_the_database_is_a_themed_503(settings):
    settings.ROOT_URLCONF = "tests.private_urls"
    visitor = Client(raise_request_exception=False)

    response = visitor.get("/database-away/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.headers["Retry-After"] == "30"
    assert "Back in a moment" in response.text
    assert 'class="site-header"' in response.text
    assert "127.0.0.1" not in response.text


# Real outages: app servers whose PostgreSQL goes away and comes back.


@pytest.fixture
def database_relay(postgres_and_redis):
    relay = TcpRelay(target_port=int(connection.settings_dict["PORT"] or 5432))
    relay.open()
    yield relay
    relay.close()


@pytest.fixture
def server_behind_relay(start_server_behind_relay):
    return start_server_behind_relay(GREATLEADERS_DATABASE_RETRY_SECONDS="1")


@pytest.mark.django_db(transaction=True)
def test_visitors_get_a_themed_503_at_once_while_the_database_is_down(
    server_behind_relay, database_relay
):
    post = PostFactory(title="The Thaw")
    visitor = Visitor(server_behind_relay.url)
    assert "The Thaw" in visitor.get("/").text

    database_relay.close()
    # The visitor's own timeout bounds the answer: a hang fails the test.
    page = visitor.get(post.get_absolute_url())
    health = visitor.get("/healthz")

    assert page.status == HTTPStatus.SERVICE_UNAVAILABLE
    assert "Back in a moment" in page.text
    assert "Traceback" not in page.text
    assert page.headers["Retry-After"] == "30"
    assert health.status == HTTPStatus.SERVICE_UNAVAILABLE
    assert json.loads(health.text)["database"] == "unavailable"
    assert "Database unavailable" in server_behind_relay.output()


@pytest.mark.django_db(transaction=True)
def test_pages_in_the_page_cache_are_still_served_while_the_database_is_down(
    server_behind_relay, database_relay
):
    PostFactory(title="The Thaw")
    visitor = Visitor(server_behind_relay.url)
    visitor.get("/")

    database_relay.close()
    page = visitor.get("/")

    assert page.status == HTTPStatus.OK
    assert "The Thaw" in page.text


def answers_until_ok(visitor, path, *, seconds=10):
    answers = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (not answers or answers[-1].status != 200):
        answers.append(visitor.get(path))
        time.sleep(0.2)
    return answers


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fault", ["refused", "dropped"])
def test_the_site_recovers_by_itself_when_the_database_returns(
    server_behind_relay, database_relay, fault
):
    post = PostFactory(title="The Thaw")
    visitor = Visitor(server_behind_relay.url)
    cut, mend = {
        "refused": (database_relay.close, database_relay.open),
        "dropped": (database_relay.swallow, database_relay.forward),
    }[fault]
    cut()
    assert visitor.get(post.get_absolute_url()).status == (
        HTTPStatus.SERVICE_UNAVAILABLE
    )

    mend()
    # Within GREATLEADERS_DATABASE_RETRY_SECONDS (1 s here) and a request.
    page = answers_until_ok(visitor, post.get_absolute_url())[-1]

    assert page.status == HTTPStatus.OK
    assert "The Thaw" in page.text
    assert visitor.get("/healthz").status == HTTPStatus.OK
    assert "The database can be reached again" in server_behind_relay.output()


@pytest.fixture
def start_server_behind_relay(
    postgres_and_redis, database_relay, collected_static, tmp_path
):
    started = []

    def start(**env):
        server = AppServer.start(
            {
                "DATABASE_URL": database_url_for_servers(port=database_relay.port),
                "DJANGO_STATIC_ROOT": str(collected_static),
                "REDIS_URL": "",
                "DJANGO_DB_CONNECT_TIMEOUT": "2",
                **env,
            },
            tmp_path,
        )
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.mark.django_db(transaction=True)
def test_while_the_database_drops_packets_one_request_waits_and_the_rest_fail_fast(
    start_server_behind_relay, database_relay
):
    server = start_server_behind_relay(GREATLEADERS_DATABASE_RETRY_SECONDS="60")
    posts = PostFactory.create_batch(6)
    visitor = Visitor(server.url)
    visitor.get("/")

    database_relay.swallow()
    pages = [visitor.get(post.get_absolute_url()) for post in posts]
    health = visitor.get("/healthz")
    home = visitor.get("/")

    assert [page.status for page in pages] == [HTTPStatus.SERVICE_UNAVAILABLE] * 6
    assert all("Back in a moment" in page.text for page in pages)
    # The first request waited for the connection to time out; the others
    # were answered without trying.
    assert database_relay.swallowed == 1
    assert health.status == HTTPStatus.SERVICE_UNAVAILABLE
    assert json.loads(health.text)["database"] == "unavailable"
    assert home.status == HTTPStatus.OK
    assert home.headers[STATUS_HEADER] == "hit"
