"""Each moderation and anti-spam rule, through the comment form."""

from functools import partial

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from posts.models import Comment
from tests.commenting import issued_seconds_ago, leave_comment
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

RULES = {
    "two links": ({"text": "Read http://a.example and http://b.example"}, {}, "pending"),
    "a moderation word": ({"text": "On the purge."}, {"COMMENTS_MODERATION_KEYS": ["purge"]}, "pending"),
    "manual moderation": ({}, {"COMMENTS_MANUAL_MODERATION": True}, "pending"),
    "a disallowed word": ({"author_name": "Casino Bob"}, {"COMMENTS_DISALLOWED_KEYS": ["casino"]}, "spam"),
    "a filled honeypot": ({"fax_number": "555 0100"}, {}, "spam"),
    # Made when the test runs, not when the module is imported.
    "a form sent too fast": ({"issued": partial(issued_seconds_ago, 0.5)}, {}, "spam"),
    "a forged token": ({"issued": "1700000000.0:forged"}, {}, "spam"),
}  # fmt: skip


def apply_rule(settings, rule):
    fields, rule_settings, status = RULES[rule]
    for name, value in rule_settings.items():
        setattr(settings, name, value)
    return {k: v() if callable(v) else v for k, v in fields.items()}, status


@pytest.fixture
def post():
    post = PostFactory()
    # A commenter the site knows, so that only the rule under test applies.
    CommentFactory(author_name="Nina Petrovna", author_email="nina@example.com")
    return post


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_gives_its_status_and_records_why(client, settings, post, rule):
    fields, status = apply_rule(settings, rule)

    response = leave_comment(client, post, **fields)

    comment = Comment.objects.get(post=post)
    assert response.status_code == 302
    assert comment.status == status
    assert comment.status_reason


@pytest.mark.parametrize("rule", RULES)
def test_held_and_spam_comments_never_reach_other_readers(client, settings, post, rule):
    fields, _ = apply_rule(settings, rule)
    leave_comment(client, post, **{"text": "Only I should see this."} | fields)
    shown = Comment.objects.get(post=post).text_html

    others = Client().get(post.get_absolute_url())
    own = client.get(post.get_absolute_url())

    assert shown not in others.text
    assert shown in own.text
    assert "Your comment is awaiting moderation." in own.text


def test_without_any_rule_a_known_commenter_is_published(client, post):
    leave_comment(client, post)

    assert Comment.objects.get(post=post).status == "approved"


def test_the_own_comment_view_ends_after_ten_minutes(client, post):
    leave_comment(client, post, text="Held http://a.example http://b.example")

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=11)):
        page = client.get(post.get_absolute_url())

    assert "Held http" not in page.text
