"""What each panel of the dashboard shows a user. A panel the user's role
has no use for is None, and is not shown: the template only asks whether a
panel is there. Every panel is one query (two for the comments), whatever
it lists."""

from django.contrib.admin.models import LogEntry
from django.db.models import Case, Value, When

from posts.dashboard.forms import QuickDraftForm
from posts.models import Comment, Post, handles_others_posts

# Enough to act on at a glance; each panel links to its full list.
ROWS = 8


def dashboard(user) -> dict:
    """The dashboard's panels for `user`, as template context."""
    moderates = user.has_perm("posts.change_comment")
    return {
        "in_progress": in_progress(user),
        "scheduled": scheduled(user),
        "held_comments": held_comments() if moderates else None,
        "held_count": Comment.objects.pending().count() if moderates else 0,
        "activity": activity(user),
        "quick_draft": QuickDraftForm() if user.has_perm("posts.add_post") else None,
        "imports_wordpress": user.has_perm("posts.import_wordpress"),
    }


def works_on_posts(user) -> bool:
    return user.has_perm("posts.view_post") or user.has_perm("posts.change_post")


def in_progress(user) -> list[Post] | None:
    """Drafts and posts pending review that `user` works on (everyone's for
    Editors), the user's own first, then the most recently changed."""
    if not works_on_posts(user):
        return None
    posts = Post.objects.worked_on_by(user).in_progress().select_related("author")
    mine_first = Case(When(author=user.pk, then=Value(0)), default=Value(1))
    return list(posts.order_by(mine_first, "-updated_at", "-pk")[:ROWS])


def scheduled(user) -> list[Post] | None:
    """Scheduled posts that `user` works on, the soonest first."""
    if not works_on_posts(user):
        return None
    posts = Post.objects.worked_on_by(user).scheduled().select_related("author")
    return list(posts[:ROWS])


def held_comments() -> list[Comment]:
    """The moderation queue, the newest first."""
    comments = Comment.objects.pending().select_related("post")
    return list(comments.order_by("-created_at", "-pk")[:ROWS])


def activity(user) -> list[LogEntry]:
    """The latest changes made in the admin: to the blog's content by anyone,
    for those who work on everyone's posts; only their own for the rest, so
    that nobody reads the titles of drafts they may not open."""
    entries = LogEntry.objects.select_related("content_type", "user")
    if handles_others_posts(user):
        entries = entries.filter(content_type__app_label="posts")
    else:
        entries = entries.filter(user=user.pk)
    return list(entries.order_by("-action_time", "-pk")[:ROWS])
