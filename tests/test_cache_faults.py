"""When the shared cache fails while the blog changes: a change made during
the fault is never hidden behind a page kept before it, on any app server,
and the cache serves again once it takes the change. Real app servers, a
Redis of the test's own that it freezes, a cache folder on a filesystem of
its own that it fills."""

import subprocess
import time

import pytest
from django.conf import global_settings
from redis import Redis

from greatleaders.models import MissedExpiry
from greatleaders.page_cache import STATUS_HEADER
from posts.models import Comment
from tests.factories import PostFactory, UserFactory
from tests.servers import (
    AppServer,
    ThrowawayRedis,
    Visitor,
    small_filesystem,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.servers]

PASSWORD = "correct horse battery staple"
# What the README promises once the cache answers again: each server leaves
# a failed cache alone for 5 s, then looks for missed expiries within 1 s.
DELAY_SECONDS = 6
# While the cache takes no writes, each server learns of a change it missed
# within a second (GREATLEADERS_PAGE_CACHE_FAULT_CHECK_SECONDS).
LOOK_SECONDS = 1.5
COMMENT = "A bold speech, and a late one."


@pytest.fixture
def start_servers(shared_data, collected_static, tmp_path, settings):
    # The servers check the password with the hashers of production.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    UserFactory(username="editor", staff=True)
    started = []

    def start(cache):
        env = {"DJANGO_STATIC_ROOT": str(collected_static), **shared_data, **cache}
        started.extend(AppServer.start(env, tmp_path) for _ in range(2))
        return started

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def post():
    return PostFactory(title="The Secret Speech", slug="the-secret-speech")


@pytest.fixture
def held_comment(post):
    return Comment.objects.create(
        post=post, author_name="Nikita", text=COMMENT, status="pending"
    )


def kept_on(server, path):
    visitor = Visitor(server.url)
    visitor.get(path)
    answer = visitor.get(path)
    assert answer.headers.get(STATUS_HEADER) == "hit", answer.headers
    assert COMMENT not in answer.text


def logged_in_moderator(server):
    moderator = Visitor(server.url)
    moderator.log_in("editor", PASSWORD)
    return moderator


def approve(moderator, comment):
    queue = "/admin/posts/comment/"
    answer = moderator.post(
        queue,
        {
            "csrfmiddlewaretoken": moderator.csrf_token(queue),
            "action": "approve",
            "_selected_action": comment.pk,
            "index": 0,
        },
    )
    assert answer.status == 302, answer.text
    comment.refresh_from_db()
    assert comment.status == "approved"


def pages_until_kept(server, path, *, seconds):
    """Every answer for `path` from `server` until one comes from the cache
    again (or `seconds` pass)."""
    answers = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answers.append(Visitor(server.url).get(path))
        if answers[-1].headers.get(STATUS_HEADER) == "hit":
            break
        time.sleep(0.2)
    return answers


def assert_always_fresh(answers):
    assert answers, "No answer"
    for answer in answers:
        assert answer.status == 200
        assert COMMENT in answer.text, answer.headers


@pytest.fixture
def own_redis():
    redis = ThrowawayRedis()
    yield redis
    redis.stop()


def test_an_approval_made_while_redis_is_frozen_shows_everywhere_after(
    start_servers, post, held_comment, own_redis
):
    first, second = start_servers({"REDIS_URL": own_redis.url})
    kept_on(second, post.get_absolute_url())
    moderator = logged_in_moderator(first)

    own_redis.freeze()
    approve(moderator, held_comment)
    assert MissedExpiry.objects.exists()
    time.sleep(LOOK_SECONDS)
    during = [Visitor(s.url).get(post.get_absolute_url()) for s in (first, second)]
    own_redis.thaw()
    after = pages_until_kept(second, post.get_absolute_url(), seconds=DELAY_SECONDS + 4)

    assert_always_fresh(during + after)
    assert after[-1].headers.get(STATUS_HEADER) == "hit"
    assert not MissedExpiry.objects.exists()


def test_pages_kept_before_redis_was_emptied_are_not_served_after(
    start_servers, post, held_comment, own_redis
):
    first, second = start_servers({"REDIS_URL": own_redis.url})
    kept_on(second, post.get_absolute_url())
    moderator = logged_in_moderator(first)
    Redis.from_url(own_redis.url).flushall()

    approve(moderator, held_comment)

    assert_always_fresh(
        [Visitor(s.url).get(post.get_absolute_url()) for s in (first, second)]
    )


def test_an_approval_made_while_the_cache_folder_is_full_is_never_hidden(
    start_servers, post, held_comment, tmp_path
):
    """A full disk takes no writes but still answers reads: without care,
    the servers would go on serving what they kept before the change."""
    with small_filesystem(tmp_path / "cache") as folder:
        first, second = start_servers({"REDIS_URL": "", "DJANGO_CACHE_DIR": folder})
        kept_on(second, post.get_absolute_url())
        moderator = logged_in_moderator(first)
        filler = folder / "filler"

        subprocess.run(
            ["dd", "if=/dev/zero", f"of={filler}", "bs=64k"],
            capture_output=True,
            check=False,
        )
        approve(moderator, held_comment)
        time.sleep(LOOK_SECONDS)
        during = [
            Visitor(server.url).get(post.get_absolute_url())
            for _ in range(5)
            for server in (first, second)
        ]
        filler.unlink()
        after = pages_until_kept(
            second, post.get_absolute_url(), seconds=DELAY_SECONDS + 4
        )

    assert_always_fresh(during + after)
    assert after[-1].headers.get(STATUS_HEADER) == "hit"
    assert not MissedExpiry.objects.exists()
