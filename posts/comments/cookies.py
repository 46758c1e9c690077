"""The two cookies of the comment form.

- `comment_author`: name, email and website, set only when the visitor ticks
  "Save my name, email, and website…"; kept for a year.
- `comment_held`: the ids of the visitor's own comments still awaiting
  moderation, so that they, and only they, see them; kept for ten minutes,
  as WordPress keeps its moderation hash.
"""

import json

from django.conf import settings

from posts.numbers import parse_id

AUTHOR_COOKIE = "comment_author"
AUTHOR_MAX_AGE = 365 * 24 * 3600
HELD_COOKIE = "comment_held"
HELD_MAX_AGE = 10 * 60
SALT = "posts.comment-cookies"


def _set(response, name, value, max_age):
    response.set_signed_cookie(
        name,
        value,
        salt=SALT,
        max_age=max_age,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def saved_author(request) -> dict:
    raw = request.get_signed_cookie(AUTHOR_COOKIE, default="", salt=SALT)
    try:
        details = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    keys = ("author_name", "author_email", "author_url")
    return {key: str(details[key]) for key in keys if key in details}


def remember_author(response, comment) -> None:
    details = {
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
    }
    _set(response, AUTHOR_COOKIE, json.dumps(details), AUTHOR_MAX_AGE)


def forget_author(request, response) -> None:
    """Unticking the box forgets details saved before."""
    if AUTHOR_COOKIE in request.COOKIES:
        response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")


def held_ids(request) -> list[int]:
    raw = request.get_signed_cookie(
        HELD_COOKIE, default="", salt=SALT, max_age=HELD_MAX_AGE
    )
    return [pk for pk in map(parse_id, raw.split(",")) if pk is not None]


def remember_held(request, response, comment) -> None:
    ids = [*held_ids(request), comment.pk][-20:]
    _set(response, HELD_COOKIE, ",".join(map(str, ids)), HELD_MAX_AGE)
