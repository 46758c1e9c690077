"""Laying out a post's comments as nested threads, and paging them."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q

from posts import page_queries
from posts.models import Comment, Post


@dataclass
class ThreadItem:
    """One comment in reading order. `opens` starts a list of replies below
    it; `closes` counts the reply lists that end after it."""

    comment: Comment
    depth: int
    can_reply: bool
    opens: bool = False
    closes: range = range(0)
    form_here: bool = False


@dataclass
class CommentPage:
    items: list[ThreadItem]
    count: int
    number: int = 1
    num_pages: int = 1

    @property
    def has_older(self):
        return self.number > 1

    @property
    def has_newer(self):
        return self.number < self.num_pages


def lay_out(comments: list[Comment], max_depth: int, reply_to: int | None = None):
    """Order `comments` depth first, oldest first within each level. Replies
    deeper than `max_depth` are shown at that depth; a reply whose parent is
    not shown stands at the top level, so no shown comment is lost."""
    shown = {comment.pk for comment in comments}
    replies: dict[int | None, list[Comment]] = {}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in shown else None
        replies.setdefault(parent, []).append(comment)

    items: list[ThreadItem] = []
    stack = [(comment, 1) for comment in reversed(replies.get(None, []))]
    while stack:
        comment, depth = stack.pop()
        shown_depth = min(depth, max_depth)
        items.append(
            ThreadItem(
                comment=comment,
                depth=shown_depth,
                can_reply=depth < max_depth,
                form_here=comment.pk == reply_to,
            )
        )
        stack.extend(
            (reply, depth + 1) for reply in reversed(replies.get(comment.pk, []))
        )

    for index, item in enumerate(items):
        next_depth = items[index + 1].depth if index + 1 < len(items) else 1
        item.opens = next_depth > item.depth
        item.closes = range(max(item.depth - next_depth, 0))
    return items


def comment_page(
    post: Post,
    *,
    own_ids=(),
    page: str | int | None = None,
    per_page: int = 0,
    max_depth: int = 5,
    reply_to: int | None = None,
) -> CommentPage:
    """The comments a visitor sees under `post`: all of them, or with
    `per_page` set, one page of whole threads (the newest page by default,
    as WordPress shows)."""
    values = {"post": post.pk, "own": list(own_ids)}
    if not per_page:
        comments = page_queries.COMMENTS.objects(Comment, **values)
        items = lay_out(comments, max_depth, reply_to)
        return CommentPage(items=items, count=post.comment_count)

    thread_count = post.thread_count
    if own_ids:
        # A visitor's own held comments may start threads of their own.
        thread_count = page_queries.THREAD_IDS.count(**values)
    # Numbers are checked against the count alone.
    paginator = Paginator(range(thread_count), per_page)
    number = paginator.validate_number(page) if page else paginator.num_pages
    if paginator.num_pages > 1:
        threads = page_queries.THREAD_IDS.rows(
            limit=per_page, offset=(number - 1) * per_page, **values
        )
        comments = page_queries.COMMENTS_OF_THREADS.objects(
            Comment, threads=[pk for (pk,) in threads], **values
        )
    else:
        comments = page_queries.COMMENTS.objects(Comment, **values)
    items = lay_out(comments, max_depth, reply_to)
    return CommentPage(
        items=items,
        count=post.comment_count,
        number=number,
        num_pages=paginator.num_pages,
    )


def comment_page_number(comment: Comment, per_page: int) -> int:
    """The page, counted oldest first, that shows `comment`'s thread."""
    root = comment.thread or comment
    earlier = (
        Comment.objects.for_thread(comment.post, [comment.pk, root.pk])
        .filter(parent=None)
        .filter(
            Q(created_at__lt=root.created_at)
            | Q(created_at=root.created_at, pk__lt=root.pk)
        )
        .count()
    )
    return earlier // per_page + 1
