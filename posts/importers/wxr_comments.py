"""Importing the comments of a batch of posts from a WordPress export.

Comments are written level by level, top-level comments first, so that each
reply knows its parent's primary key whatever the order in the file (a reply
may come before the comment it answers): one insert per level for the whole
batch, however many posts it holds.
They are written as rows, not saved (see `BatchWriter.insert`), with what
`Comment.save()` derives: their HTML and their thread.
"""

import ipaddress
from collections import Counter
from collections.abc import Container
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser

from posts.comments.text import render_comment_text
from posts.importers import wp_content
from posts.importers.wxr_reader import Comment as Record
from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import CHANGED_ORPHAN, SKIPPED_PINGS
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


class Comments:
    """The comments of a batch of posts that are not here yet. Which of them
    are approved, and which start threads, is worked out before anything is
    written, so that new posts are inserted with their counts (see
    posts.comments.counts) rather than updated after; `write()` writes them
    once the posts are."""

    def __init__(
        self,
        posts: list[tuple[Post, Item]],
        *,
        writer: BatchWriter,
        users: dict[int, AbstractBaseUser],
    ):
        self.writer, self.report, self.users = writer, writer.report, users
        self.records: dict[int, tuple[Record, Post]] = {}
        for post, item in posts:
            for record in item.comments:
                if record.type in ("pingback", "trackback"):
                    self.report.skipped[SKIPPED_PINGS] += 1
                else:
                    self.records[record.id] = (record, post)
        self.placed: Placed = {
            wordpress_id: (pk, thread_id or pk)
            for wordpress_id, pk, thread_id in writer.known(
                Comment, "wordpress_id", list(self.records), "pk", "thread_id"
            )
        }
        self.report.existing["comments"] += len(self.placed)
        # By post's WordPress ID: approved comments, and those starting threads.
        self.approved: Counter = Counter()
        self.threads: Counter = Counter()
        self.levels = self._levels()

    def counts(self, post: Post) -> tuple[int, int]:
        """The approved comments of a new post, and the threads they start."""
        return self.approved[post.wordpress_id], self.threads[post.wordpress_id]

    def write(self) -> set[int]:
        """Insert the comments, level by level, and return the primary keys
        of the posts they are on."""
        for level in self.levels:
            rows = [
                _comment(*self.records[id_], self.records, self.placed, self.users)
                for id_ in level
            ]
            # Replies to a comment missing from the file, or on another post.
            self.report.changed[CHANGED_ORPHAN] += sum(
                bool(self.records[id_][0].parent) and row["parent_id"] is None
                for id_, row in zip(level, rows, strict=True)
            )
            keys = self.writer.insert(Comment, rows, key="wordpress_id")
            for row in rows:
                pk = keys[row["wordpress_id"]]
                self.placed[row["wordpress_id"]] = (pk, row["thread_id"] or pk)
            self.report.created["comments"] += len(rows)
        return {self.records[id_][1].pk for level in self.levels for id_ in level}

    def _levels(self) -> list[list[int]]:
        """The comments to write, top-level comments first, then replies to
        them, and so on, counted as they will be written."""
        levels = []
        known = set(self.placed)
        waiting = [id_ for id_ in self.records if id_ not in known]
        while waiting:
            ready = [
                id_ for id_ in waiting if not _parent_waiting(id_, self.records, known)
            ]
            # Replies that only lead to one another: the file is odd, but none
            # of them is lost; they stand at the top level.
            ready = ready or waiting
            for id_ in ready:
                record, post = self.records[id_]
                if STATUSES.get(record.approved) == Comment.Status.APPROVED:
                    self.approved[post.wordpress_id] += 1
                    if _parent(record, post, self.records, known) is None:
                        self.threads[post.wordpress_id] += 1
            levels.append(ready)
            known.update(ready)
            waiting = [id_ for id_ in waiting if id_ not in known]
        return levels


def _parent_waiting(id_: int, records: dict, placed: Container[int]) -> bool:
    parent = records[id_][0].parent
    return bool(parent) and parent in records and parent not in placed


def _parent(record: Record, post: Post, records: dict, placed: Container[int]):
    """The WordPress ID of the comment `record` is written under, if it is
    here (`placed`) and on the same post; None for the top level."""
    if not record.parent or record.parent not in placed:
        return None
    same_post = record.parent not in records or records[record.parent][1] is post
    return record.parent if same_post else None


def _comment(
    record: Record,
    post: Post,
    records: dict[int, tuple[Record, Post]],
    placed: Placed,
    users: dict[int, AbstractBaseUser],
) -> Row:
    parent_id = _parent(record, post, records, placed)
    parent = placed[parent_id] if parent_id else None
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
