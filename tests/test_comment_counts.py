"""Each post keeps the number of its approved comments, as WordPress does:
lists show it without counting."""

import pytest

from posts.models import Comment, Post
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def counts(post):
    post = Post.objects.get(pk=post.pk)
    return post.comment_count, post.thread_count


def test_approved_comments_and_their_threads_are_counted():
    post = PostFactory()
    first = CommentFactory(post=post)
    CommentFactory(post=post, parent=first)
    CommentFactory(post=post, pending=True)

    assert counts(post) == (2, 1)


def test_moderating_in_bulk_recounts_the_posts():
    post = PostFactory()
    held = CommentFactory.create_batch(3, post=post, pending=True)

    Comment.objects.filter(pk__in=[c.pk for c in held[:2]]).set_status(
        Comment.Status.APPROVED
    )

    assert counts(post) == (2, 2)


def test_a_removed_comment_is_no_longer_counted():
    post = PostFactory()
    CommentFactory(post=post).delete()

    assert counts(post) == (0, 0)


def test_an_editor_saving_a_post_loaded_before_an_approval_keeps_the_count():
    post = PostFactory()
    opened_by_editor = Post.objects.get(pk=post.pk)
    CommentFactory(post=post)

    opened_by_editor.title = "Retitled"
    opened_by_editor.save()

    assert counts(post) == (1, 1)


def test_a_post_lists_its_number_of_replies(client):
    post = PostFactory()
    CommentFactory.create_batch(2, post=post)

    response = client.get("/")

    assert f'href="{post.get_absolute_url()}#comments">2 replies</a>' in response.text
