"""Two app servers sharing their data: what is changed through one is what the
other serves, at once. On PostgreSQL they share one Redis, as app servers on
several machines do; on SQLite, the cache in files of one machine."""

import os
import subprocess
import sys

import pytest
from django.conf import global_settings
from django.utils import timezone

from greatleaders.page_cache import STATUS_HEADER
from posts.models import Comment, Post
from tests.factories import PostFactory, UserFactory
from tests.servers import ROOT, AppServer, Visitor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.servers]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(settings):
    # The servers check the password with the hashers of production.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    return UserFactory(username="editor", staff=True)


@pytest.fixture
def servers(shared_data, collected_static, tmp_path):
    env = {"DJANGO_STATIC_ROOT": str(collected_static), **shared_data}
    first = AppServer.start(env, tmp_path)
    second = AppServer.start(env, tmp_path)
    yield first, second
    first.stop()
    second.stop()


@pytest.fixture
def post():
    return PostFactory(title="The Secret Speech", slug="the-secret-speech")


def cached_on(server, path):
    """Visit `path` on `server` until the page comes from its cache."""
    visitor = Visitor(server.url)
    visitor.get(path)
    answer = visitor.get(path)
    assert answer.headers.get(STATUS_HEADER) == "hit", answer.headers
    return answer


def change_form(post, **changes):
    published = timezone.localtime(post.published_at)
    return {
        "title": post.title,
        "slug": post.slug,
        "body": post.body,
        "excerpt": post.excerpt,
        "status": post.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "comments_open": "on",
        "tags": "",
        "series_position": "0",
        # The corrections inline, with no note.
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **changes,
    }


def test_a_post_edited_through_one_server_is_fresh_on_the_other(servers, post, editor):
    first, second = servers
    cached_on(second, post.get_absolute_url())
    editor = Visitor(first.url)
    editor.log_in("editor", PASSWORD)
    admin_page = f"/admin/posts/post/{post.pk}/change/"

    saved = editor.post(
        admin_page,
        {
            "csrfmiddlewaretoken": editor.csrf_token(admin_page),
            **change_form(post, title="On the Cult of Personality"),
        },
    )

    assert saved.status == 302, saved.text
    answer = Visitor(second.url).get(post.get_absolute_url())
    assert answer.headers[STATUS_HEADER] == "miss"
    assert "On the Cult of Personality" in answer.text


def test_a_post_moved_to_draft_in_bulk_on_one_server_is_gone_from_the_other(
    servers, post, editor
):
    first, second = servers
    assert "The Secret Speech" in cached_on(second, "/").text
    editor = Visitor(first.url)
    editor.log_in("editor", PASSWORD)

    editor.post(
        "/admin/posts/post/",
        {
            "csrfmiddlewaretoken": editor.csrf_token("/admin/posts/post/"),
            "action": "move_to_draft",
            "_selected_action": post.pk,
            "index": 0,
        },
    )

    assert Post.objects.get(pk=post.pk).status == Post.Status.DRAFT
    assert "The Secret Speech" not in Visitor(second.url).get("/").text
    assert Visitor(second.url).get(post.get_absolute_url()).status == 404


def test_a_comment_approved_through_one_server_shows_on_the_other_at_once(
    servers, post, editor
):
    first, second = servers
    comment = Comment.objects.create(
        post=post, author_name="Nikita", text="A bold speech.", status="pending"
    )
    assert "A bold speech." not in cached_on(second, post.get_absolute_url()).text
    moderator = Visitor(first.url)
    moderator.log_in("editor", PASSWORD)
    queue = "/admin/posts/comment/"

    moderator.post(
        queue,
        {
            "csrfmiddlewaretoken": moderator.csrf_token(queue),
            "action": "approve",
            "_selected_action": comment.pk,
            "index": 0,
        },
    )

    answer = Visitor(second.url).get(post.get_absolute_url())
    assert answer.headers[STATUS_HEADER] == "miss"
    assert "A bold speech." in answer.text


def test_a_held_comment_changes_nothing_cached_on_either_server(servers, post):
    cached_on(servers[0], post.get_absolute_url())
    cached_on(servers[1], post.get_absolute_url())

    Comment.objects.create(post=post, author_name="Spam", text="Cheap watches")

    for server in servers:
        answer = Visitor(server.url).get(post.get_absolute_url())
        assert answer.headers[STATUS_HEADER] == "hit"


def test_both_servers_serve_one_cached_page_with_one_etag(servers, post):
    first, second = servers
    Visitor(first.url).get(post.get_absolute_url())

    from_first = Visitor(first.url).get(post.get_absolute_url())
    from_second = Visitor(second.url).get(post.get_absolute_url())

    assert from_second.headers[STATUS_HEADER] == "hit"
    assert from_first.headers["ETag"] == from_second.headers["ETag"]


def test_a_command_run_beside_the_servers_renews_their_pages(
    servers, shared_data, post
):
    second = servers[1]
    cached_on(second, post.get_absolute_url())

    subprocess.run(
        [sys.executable, "manage.py", "expire_pages"],
        cwd=ROOT,
        env={**os.environ, **shared_data},
        check=True,
        timeout=60,
    )

    answer = Visitor(second.url).get(post.get_absolute_url())
    assert answer.headers[STATUS_HEADER] == "miss"
