"""With the cache on Redis, each process keeps the content generation it
read, and hears from Redis when another process starts a new one."""

import datetime
import os
import subprocess
import sys
import time

import pytest
import time_machine

from greatleaders import content_generation, generation_notices, shared_cache
from tests.servers import ROOT, ThrowawayRedis

pytestmark = pytest.mark.django_db

WAIT_SECONDS = 5


@pytest.fixture
def redis(settings):
    """The cache on a Redis of the test's own."""
    server = ThrowawayRedis()
    settings.CACHES = {
        "default": {
            "BACKEND": generation_notices.REDIS_BACKEND,
            "LOCATION": server.url,
        }
    }
    shared_cache.forget_outage()
    yield server
    server.stop()


@pytest.fixture
def listening(redis):
    """This process's listener, once Redis has taken its subscription."""
    listener = generation_notices.listener()
    wait_until(lambda: listener.ticket() is not None)
    return listener


def wait_until(condition):
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.01)


def generation_of_a_request():
    """The generation as a new request reads it."""
    token = content_generation._read_by_request.set({})
    try:
        return content_generation.current()
    finally:
        content_generation._read_by_request.reset(token)


def keep_a_copy(listener):
    """Have this process keep the current generation, once the notice of
    its start has come back."""
    content_generation.content_changed()
    wait_until(lambda: listener.known() is None)
    generation_of_a_request()
    assert listener.known() is not None


def test_a_generation_a_command_starts_is_used_by_this_process_at_once(
    redis, listening
):
    keep_a_copy(listening)
    before = generation_of_a_request()

    subprocess.run(
        [sys.executable, "manage.py", "expire_pages"],
        cwd=ROOT,
        env={**os.environ, "REDIS_URL": redis.url},
        check=True,
        timeout=60,
    )

    after = generation_of_a_request()
    assert after != before
    assert after == shared_cache.get(content_generation.GENERATION_KEY)["name"]


def test_a_generation_this_process_starts_is_its_own_at_once(listening):
    keep_a_copy(listening)
    before = generation_of_a_request()

    content_generation.content_changed()

    assert generation_of_a_request() != before


def test_a_notice_that_never_came_costs_a_few_seconds_at_most(listening):
    start = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(start, tick=False):
        keep_a_copy(listening)
        # Replaced behind this process's back, as if its notice were lost.
        replaced = {"name": "replaced", "ends_at": float("inf")}
        shared_cache.set(content_generation.GENERATION_KEY, replaced, None)

    later = start + datetime.timedelta(seconds=generation_notices.TRUSTED_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert generation_of_a_request() == "replaced"


def test_a_generation_read_before_a_notice_is_not_kept(listening):
    ticket = listening.ticket()

    listening.announce()
    wait_until(lambda: listening.ticket() != ticket)
    listening.keep({"name": "read before the notice", "ends_at": float("inf")}, ticket)

    assert listening.known() is None


def test_a_process_that_loses_redis_stops_trusting_its_copy(redis, listening):
    keep_a_copy(listening)

    redis.stop()

    wait_until(lambda: listening.known() is None)
    assert generation_of_a_request() is None
