"""Helpers for tests that leave comments the way a visitor's browser does."""

import time

from django.core import signing

from posts.comments.form import FORM_ISSUED_SALT


def issued_seconds_ago(seconds: float) -> str:
    """The form token of a comment form shown `seconds` ago."""
    return signing.dumps(time.time() - seconds, salt=FORM_ISSUED_SALT)


def comment_data(**overrides) -> dict:
    """What a person fills in, a minute after opening the page."""
    data = {
        "text": "A fine summary of the speech.",
        "author_name": "Nina Petrovna",
        "author_email": "nina@example.com",
        "author_url": "",
        "parent": "",
        "issued": issued_seconds_ago(60),
        "fax_number": "",
    }
    return data | overrides


def leave_comment(client, post, ip="198.51.100.7", **overrides):
    return client.post(
        post.get_absolute_url(), comment_data(**overrides), REMOTE_ADDR=ip
    )
