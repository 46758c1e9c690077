"""Emails about comments. A failing mail server is logged, never raised: the
comment is already stored and the visitor has been answered."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from posts.models import Comment

logger = logging.getLogger(__name__)


def held_comment_recipients(comment: Comment) -> list[str]:
    """The site's admins and the post's author (WordPress's
    moderation_notify), each once."""
    recipients = list(settings.ADMINS)
    author = comment.post.author
    if author and author.email:
        recipients.append(author.email)
    return list(dict.fromkeys(recipients))


def notify_held_comment(comment: Comment) -> None:
    recipients = held_comment_recipients(comment)
    if not recipients:
        return
    review = settings.SITE_URL + reverse(
        "admin:posts_comment_change", args=[comment.pk]
    )
    queue = (
        settings.SITE_URL
        + reverse("admin:posts_comment_changelist")
        + "?status=pending"
    )
    body = (
        f"A new comment on “{comment.post.title}” is waiting for your approval.\n\n"
        f"Author: {comment.author_name} <{comment.author_email}>\n"
        f"Website: {comment.author_url or '–'}\n"
        f"IP address: {comment.ip_address or '–'}\n"
        f"Held because: {comment.status_reason or 'moderation rules'}\n\n"
        f"{comment.text}\n\n"
        f"Review it: {review}\n"
        f"All comments awaiting moderation: {queue}\n"
    )
    try:
        send_mail(
            f"[{settings.SITE_TITLE}] Please moderate: “{comment.post.title}”",
            body,
            None,
            recipients,
        )
    except Exception:
        logger.exception(
            "Could not send the moderation email for comment %s.", comment.pk
        )
