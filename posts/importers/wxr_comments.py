"""Importing the comments of a batch of posts from a WordPress export.

Comments are written level by level, top-level comments first, so that each
reply knows its parent's primary key whatever the order in the file (a reply
may come before the comment it answers): one insert per level for the whole
batch, however many posts it holds.
They are written as rows, not saved (see `BatchWriter.insert`), with what
`Comment.save()` derives: their HTML and their thread.
"""

import ipaddress
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser

from posts.comments.text import render_comment_text
from posts.importers import wp_content
from posts.importers.wxr_reader import Comment as Record
from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import CHANGED_ORPHAN, SKIPPED_PINGS, ImportReport
from posts.importers.wxr_writer import BatchWriter, Row
from posts.models import Comment, Post

STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
ANONYMOUS = "Anonymous"  # what WordPress shows for a comment without a name
IMPORTED = "Imported from WordPress"

# WordPress comment ID -> (primary key, primary key of its thread's root).
Placed = dict[int, tuple[int, int]]


def import_comments(
    posts: list[tuple[Post, Item]],
    *,
    writer: BatchWriter,
    users: dict[int, AbstractBaseUser],
) -> list[Row]:
    """Add the comments of each (post, item) pair that are not here yet, and
    return them as rows: bulk inserts send no signal, so the caller counts
    them into their posts. `users` maps WordPress user IDs to accounts."""
    report = writer.report
    records: dict[int, tuple[Record, Post]] = {}
    for post, item in posts:
        for record in item.comments:
            if record.type in ("pingback", "trackback"):
                report.skipped[SKIPPED_PINGS] += 1
            else:
                records[record.id] = (record, post)
    if not records:
        return []
    placed: Placed = {
        wordpress_id: (pk, thread_id or pk)
        for wordpress_id, pk, thread_id in Comment.objects.filter(
            wordpress_id__in=list(records)
        ).values_list("wordpress_id", "pk", "thread_id")
    }
    report.existing["comments"] += len(placed)
    waiting = [id_ for id_ in records if id_ not in placed]
    created: list[Row] = []
    while waiting:
        ready = [id_ for id_ in waiting if not _parent_waiting(id_, records, placed)]
        # Replies that only lead to one another: the file is odd, but none of
        # them is lost; they stand at the top level.
        ready = ready or waiting
        rows = [
            _comment(*records[id_], records, placed, users, report) for id_ in ready
        ]
        keys = writer.insert(Comment, rows, key="wordpress_id")
        created += rows
        for row in rows:
            pk = keys[row["wordpress_id"]]
            placed[row["wordpress_id"]] = (pk, row["thread_id"] or pk)
        waiting = [id_ for id_ in waiting if id_ not in placed]
        report.created["comments"] += len(rows)
    return created


def _parent_waiting(id_: int, records: dict, placed: Placed) -> bool:
    parent = records[id_][0].parent
    return bool(parent) and parent in records and parent not in placed


def _comment(
    record: Record,
    post: Post,
    records: dict[int, tuple[Record, Post]],
    placed: Placed,
    users: dict[int, AbstractBaseUser],
    report: ImportReport,
) -> Row:
    parent = None
    if record.parent:
        same_post = record.parent not in records or records[record.parent][1] is post
        parent = placed.get(record.parent) if same_post else None
        if parent is None:
            report.changed[CHANGED_ORPHAN] += 1
    status = STATUSES.get(record.approved, Comment.Status.PENDING)
    user = users.get(record.user_id)
    text = wp_content.plain_text(record.content)
    # What Comment.save() would store: the comment's fields and, derived
    # from them, its HTML and its thread.
    return {
        "post_id": post.pk,
        "parent_id": parent[0] if parent else None,
        "thread_id": parent[1] if parent else None,
        "author_name": (wp_content.one_line(record.author) or ANONYMOUS)[:245],
        "author_email": record.email[:100],
        "author_url": record.url[:200],
        "user_id": user.pk if user else None,
        "text": text,
        "text_html": render_comment_text(text),
        "status": status,
        "status_reason": "" if status == Comment.Status.APPROVED else IMPORTED,
        "ip_address": _ip_address(record.ip),
        "created_at": record.date or post.published_at,
        "wordpress_id": record.id,
    }


@lru_cache(maxsize=4096)  # commenters come back; parsing an address is slow
def _ip_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
