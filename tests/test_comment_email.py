from http import HTTPStatus

import pytest

from posts.models import Comment
from tests.commenting import leave_comment
from tests.factories import CommentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(settings):
    settings.ADMINS = ["editor@example.com"]
    return PostFactory(title="The Thaw", author=UserFactory(email="author@example.com"))


def test_a_held_comment_emails_the_admins_and_the_post_author(
    client, post, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        leave_comment(client, post, text="Was it really a thaw?")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert sorted(message.to) == ["author@example.com", "editor@example.com"]
    assert "Please moderate: “The Thaw”" in message.subject
    assert "Was it really a thaw?" in message.body
    assert "First comment from this name and email." in message.body
    comment = Comment.objects.get()
    assert f"/admin/posts/comment/{comment.pk}/change/" in message.body


def test_an_approved_comment_sends_no_moderation_email(
    client, post, mailoutbox, django_capture_on_commit_callbacks
):
    CommentFactory(author_name="Nina Petrovna", author_email="nina@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        leave_comment(client, post)

    assert mailoutbox == []


def test_a_failing_mail_server_loses_nothing_and_shows_no_error(
    client, post, settings, django_capture_on_commit_callbacks, caplog
):
    # A real SMTP connection to a port where nothing listens.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = leave_comment(client, post, text="Kept despite the mail server.")

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.get().text == "Kept despite the mail server."
    page = client.get(response["Location"])
    assert "Kept despite the mail server." in page.text
    assert "Could not send the moderation email" in caplog.text
