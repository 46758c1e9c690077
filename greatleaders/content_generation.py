"""The site's content generation: one value in the shared cache that names the
current state of everything public pages show.

Cached pages are stored under the generation they were rendered in. Any change
to public content starts a new generation once its transaction commits, so
every app server sharing the cache stops using the old pages at once. Pages
also change without a write when a scheduled post's time comes: a generation
ends by itself then.
"""

import hashlib
import logging
import time
import uuid
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signals import setting_changed
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from greatleaders import generation_notices, placeholders, shared_cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# Part of the key of every cached page and fragment: a release that keeps
# them in another form, or with other placeholders, changes it, so that the
# servers of two releases sharing a cache, while one replaces the other,
# never read each other's.
FORMAT = 4
# Settings that kept pages and fragments show or are shaped by (a post kept
# for paged comments carries its number of threads): servers started with
# other values, after a change or while a new release replaces the old,
# keep theirs apart rather than read each other's.
SETTINGS_KEPT_PAGES_DEPEND_ON = (
    "SITE_URL",
    "SITE_TITLE",
    "POSTS_PER_PAGE",
    "POSTS_PER_FEED",
    "COMMENTS_PER_PAGE",
    "COMMENTS_THREAD_DEPTH",
    "COMMENTS_CLOSE_AFTER_DAYS",
)
_key_format: str | None = None


def key_format() -> str:
    """The part of the keys of kept pages and fragments that says how they
    are kept: FORMAT, the settings they depend on and the placeholders they
    carry (which a new SECRET_KEY changes). Worked out once per process."""
    global _key_format
    if _key_format is None:
        values = repr(
            [getattr(settings, name) for name in SETTINGS_KEPT_PAGES_DEPEND_ON]
        )
        digest = hashlib.sha256(values.encode()).hexdigest()[:8]
        _key_format = f"{FORMAT}.{digest}.{placeholders.signature()}"
    return _key_format


def _settings_changed(setting, **kwargs):
    global _key_format
    if setting in {"SECRET_KEY", *SETTINGS_KEPT_PAGES_DEPEND_ON}:
        _key_format = None


setting_changed.connect(_settings_changed)


# When the database cannot say when the next post is due, check again soon.
UNKNOWN_SCHEDULE_SECONDS = 60

# The generation a request has read (see OneGenerationPerRequestMiddleware).
_read_by_request: ContextVar[dict | None] = ContextVar("generation", default=None)


def current() -> str | None:
    """Return the current generation, starting one if there is none or the
    last has ended; None when the shared cache is unavailable."""
    read = _read_by_request.get()
    if read is not None and "name" in read:
        return read["name"]
    name = _read_current()
    if read is not None:
        read["name"] = name
    return name


def _read_current() -> str | None:
    notices = generation_notices.listener()
    generation = notices and notices.known()
    if generation is None:
        ticket = notices and notices.ticket()
        generation = shared_cache.get(GENERATION_KEY)
        if generation is not None and notices:
            notices.keep(generation, ticket)
    if generation is not None and time.time() < generation["ends_at"]:
        return generation["name"]
    if not shared_cache.is_available():
        return None
    return _start_generation()["name"]


class OneGenerationPerRequestMiddleware:
    """A request reads the generation once: the page and the fragments it is
    made of then belong to the same generation, and the shared cache is asked
    once rather than for each part. A change the request makes starts the
    new generation for it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read_by_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_by_request.reset(token)


def content_changed() -> None:
    """Start a new generation: every cached page is stale from now on.

    Call it after a change that saving a model does not signal, such as
    `QuerySet.update()` outside the admin.
    """
    _start_generation()


def _start_generation() -> dict:
    ends_at = _next_scheduled_change()
    generation = {"name": uuid.uuid4().hex, "ends_at": ends_at}
    timeout = None if ends_at == float("inf") else max(1, int(ends_at - time.time()))
    notices = generation_notices.listener()
    ticket = notices and notices.ticket()
    shared_cache.set(GENERATION_KEY, generation, timeout)
    if notices and shared_cache.is_available():
        notices.keep(generation, ticket)
        notices.announce()
    read = _read_by_request.get()
    if read is not None:
        read["name"] = generation["name"]
    return generation


def _next_scheduled_change() -> float:
    """When the next scheduled post goes live, as a timestamp."""
    from posts.models import Post

    try:
        due = Post.objects.scheduled().values_list("published_at", flat=True).first()
    except DatabaseError:
        return time.time() + UNKNOWN_SCHEDULE_SECONDS
    return due.timestamp() if due else float("inf")


def content_changed_on_commit() -> None:
    transaction.on_commit(content_changed, robust=True)


def _saved(sender, instance, created, update_fields=None, **kwargs):
    if _is_bookkeeping(sender, instance, created, update_fields):
        return
    content_changed_on_commit()


def _deleted(sender, **kwargs):
    content_changed_on_commit()


def _relations_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed_on_commit()


def _is_bookkeeping(model, instance, created, update_fields) -> bool:
    """Writes that change no public page: a log-in's timestamp, and a new
    comment held for moderation or caught as spam (which must not let a flood
    of spam empty the page cache)."""
    from posts.models import Comment

    if model is get_user_model() and update_fields == frozenset({"last_login"}):
        return True
    return model is Comment and created and instance.status != Comment.Status.APPROVED


def watch_content_apps() -> None:
    """Start a new generation whenever a model of PAGE_CACHE_CONTENT_APPS is
    saved or deleted, or its many-to-many relations change."""
    installed = {config.label for config in apps.get_app_configs()}
    for label in settings.PAGE_CACHE_CONTENT_APPS:
        if label not in installed:
            continue
        for model in apps.get_app_config(label).get_models():
            post_save.connect(_saved, sender=model, weak=False)
            post_delete.connect(_deleted, sender=model, weak=False)
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    _relations_changed, sender=field.remote_field.through, weak=False
                )
