"""What the blog's pages show, and which change expires which of them (see
greatleaders.page_cache for how tags and versions work).

The tags:

- POSTS: which posts readers see, in which order, filed where, and the
  names they are filed under (categories, tags, series, authors and their
  profiles: bylines and author pages show them). Every
  list, archive, feed and post page (previous and next, series box,
  related reading) shows it. Publishing, unpublishing, re-dating or
  re-filing a post expires it, and so does a scheduled post's time coming.
- `post_tag(pk)`: one post's own text and its approved comments (their
  number shows in lists too). Editing a post, or a comment on it being
  approved, changed or removed, expires what shows that post and nothing
  else.
- COMMENTS: the site's latest comments (the comments feed).
- CORRECTIONS: the list of correction and update notes and its feed. A
  note added, changed or removed expires it and its post's tag (the note
  shows on the post, and its date is the post's modified date in lists
  and feeds).
- PEOPLE: people's names, dates, biographies, offices and portraits
  (people pages, the index, and the names a post page shows). A person,
  office or image saved or removed expires it; a post's people changing
  expires POSTS and the post's tag, as its categories do.
- TODAY: what "on this day" shows (the home page, its feed). Its versions
  end by themselves at the next midnight in the site's time zone, so the
  pages showing it turn over then without a write.
- SOURCES: the list of sources (/sources/). A source added, changed or
  removed expires it, and so does a post starting or ceasing to cite one;
  the posts it names are shown by their own tags.
- SITE (every page): the menu and static pages, and `expire_pages`.

Writes that send no signal (`QuerySet.update()`) expire their tags where
they are made: see `Post.objects.set_status()` and `Comment.objects.set_status()`.
"""

import datetime
import time

from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from greatleaders import page_cache
from greatleaders.page_cache import SITE, expire_on_commit, post_tag

POSTS = "posts"
COMMENTS = "comments"
CORRECTIONS = "corrections"
PEOPLE = "people"
TODAY = "today"
SOURCES = "sources"
# When the database cannot say when the next post is due, ask again soon.
UNKNOWN_SCHEDULE_SECONDS = 60


def next_scheduled_post() -> float:
    """When the next scheduled post goes live, as a timestamp: the lists
    change then without a write."""
    from posts.models import Post

    try:
        due = Post.objects.scheduled().values_list("published_at", flat=True).first()
    except DatabaseError:
        return time.time() + UNKNOWN_SCHEDULE_SECONDS
    return due.timestamp() if due else float("inf")


def next_midnight() -> float:
    """The next midnight in the site's time zone, as a timestamp: "on this
    day" changes then."""
    now = timezone.localtime()
    tomorrow = now.date() + datetime.timedelta(days=1)
    midnight = datetime.datetime.combine(tomorrow, datetime.time())
    return timezone.make_aware(midnight).timestamp()


def post_saved(sender, instance, created, **kwargs):
    tags = [post_tag(instance.pk)]
    if created or instance.listing_changed():
        tags.append(POSTS)
    expire_on_commit(*tags)


def post_deleted(sender, instance, **kwargs):
    expire_on_commit(POSTS, post_tag(instance.pk))


def post_filing_changed(sender, instance, action, pk_set, model, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from posts.models import Post

    # `instance` is a post, or a category whose posts are given in pk_set.
    posts = [instance.pk] if isinstance(instance, Post) else list(pk_set or ())
    expire_on_commit(POSTS, *map(post_tag, posts))


def comment_changed(sender, instance, **kwargs):
    # A comment held for moderation or caught as spam shows on no shared
    # page: a flood of spam expires nothing.
    if instance.is_approved or instance.was_approved():
        expire_on_commit(post_tag(instance.post_id), COMMENTS)


def correction_changed(sender, instance, **kwargs):
    expire_on_commit(post_tag(instance.post_id), CORRECTIONS)


def sources_changed(sender, **kwargs):
    expire_on_commit(SOURCES)


def names_changed(sender, instance, update_fields=None, **kwargs):
    # A log-in stamps the user's last_login: nothing any page shows.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    expire_on_commit(POSTS)


def person_changed(sender, **kwargs):
    expire_on_commit(PEOPLE)


def image_changed(sender, created=False, **kwargs):
    # Its alt text and caption show wherever it is featured, and as someone's
    # portrait; deleting it takes it off their pages by an update that sends
    # no signal of the person's own. A new picture is shown nowhere yet.
    if not created:
        expire_on_commit(POSTS, PEOPLE)


def page_changed(sender, **kwargs):
    # Static pages are few and the menu on every page lists them.
    expire_on_commit(SITE)


def connect() -> None:
    from posts.models import (
        AuthorProfile,
        Category,
        Comment,
        Correction,
        Image,
        Office,
        Page,
        Person,
        Post,
        Series,
        Source,
        Tag,
    )

    page_cache.set_deadline(POSTS, next_scheduled_post)
    page_cache.set_deadline(TODAY, next_midnight)
    post_save.connect(post_saved, sender=Post)
    post_delete.connect(post_deleted, sender=Post)
    for through in (
        Post.categories.through,
        Post.tags.through,
        Post.people_about.through,
        Post.people_mentioned.through,
    ):
        m2m_changed.connect(post_filing_changed, sender=through)
    m2m_changed.connect(sources_changed, sender=Source.cited_in.through)
    for signal in (post_save, post_delete):
        signal.connect(comment_changed, sender=Comment)
        signal.connect(page_changed, sender=Page)
        signal.connect(correction_changed, sender=Correction)
        signal.connect(person_changed, sender=Person)
        signal.connect(person_changed, sender=Office)
        signal.connect(sources_changed, sender=Source)
        signal.connect(image_changed, sender=Image)
        for model in (Category, Tag, Series, get_user_model(), AuthorProfile):
            signal.connect(names_changed, sender=model)
