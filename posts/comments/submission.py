"""Taking a comment from a visitor: refuse it, or store it with the status
the moderation rules give it. `submit_comment` is the one way in, for the
post page, the admin's reply and anything else that takes comments."""

from dataclasses import dataclass
from http import HTTPStatus

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from greatleaders.client_ip import client_ip
from posts.comments import moderation
from posts.comments.form import CommentForm, seconds_since
from posts.comments.notifications import notify_held_comment
from posts.comments.submission_lock import hold_submission_lock
from posts.models import Comment, Post

DUPLICATE = "Duplicate comment detected; it looks as though you’ve already said that!"
FLOOD = "You are posting comments too quickly. Slow down."
CLOSED = "Comments are closed."
BAD_PARENT = "The comment you are replying to is not on this post any more."
CONFIRM = (
    "Please check your comment and press “Post comment” again to send it: "
    "this browser did not run the page’s script, which tells us a person "
    "is writing."
)


class CommentRefused(Exception):
    """The comment was not stored; `message` tells the visitor why."""

    def __init__(self, message: str, status: HTTPStatus):
        super().__init__(message)
        self.message = message
        self.status = status


class ConfirmationNeeded(CommentRefused):
    """The form came without its time stamp, as from a browser without
    JavaScript reading a shared page: nothing is stored, and the sender
    gets the form back, as typed and stamped, to send again."""

    def __init__(self):
        super().__init__(CONFIRM, HTTPStatus.BAD_REQUEST)


@dataclass(frozen=True)
class Sender:
    user: object
    ip_address: str | None
    user_agent: str

    @classmethod
    def of(cls, request) -> "Sender":
        return cls(
            user=request.user,
            ip_address=client_ip(request) or None,
            user_agent=request.headers.get("user-agent", ""),
        )


@dataclass(frozen=True)
class Outcome:
    """What became of a comment sent: the `comment` stored, or the `form`
    to show again (as typed) with the `refusal` and the HTTP `status` that
    say why not."""

    form: CommentForm
    comment: Comment | None = None
    refusal: str = ""
    status: HTTPStatus = HTTPStatus.OK


def submit_comment(post: Post, data, request) -> Outcome:
    """Take the comment in `data` (the form's fields) on `post` from the
    visitor making `request`: validate it, refuse it or store it, and say
    which."""
    form = CommentForm(data, user=request.user)
    if not form.is_valid():
        return Outcome(form, status=HTTPStatus.BAD_REQUEST)
    try:
        comment = store_comment(post, form, Sender.of(request))
    except ConfirmationNeeded as refused:
        return Outcome(form.restamped(), refusal=refused.message, status=refused.status)
    except CommentRefused as refused:
        return Outcome(form, refusal=refused.message, status=refused.status)
    return Outcome(form, comment=comment)


def store_comment(post: Post, form: CommentForm, sender: Sender) -> Comment:
    """Store the comment in the valid `form` on `post`, or raise
    CommentRefused before anything is written."""
    if post.comments_closed:
        raise CommentRefused(CLOSED, HTTPStatus.FORBIDDEN)

    comment = form.save(commit=False)
    comment.post = post
    comment.ip_address = sender.ip_address
    comment.user_agent = sender.user_agent[:255]
    user = sender.user
    if user.is_authenticated:
        comment.user = user
        comment.author_name = user.get_full_name() or user.get_username()
        comment.author_email = user.email
    if parent_id := form.cleaned_data.get("parent"):
        comment.parent = post.comments.approved().filter(pk=parent_id).first()
        if comment.parent is None:
            raise CommentRefused(BAD_PARENT, HTTPStatus.BAD_REQUEST)

    # As WordPress: those who moderate comments, and the post's author.
    trusted = user.is_authenticated and (
        user.has_perm("posts.change_comment") or user.pk == post.author_id
    )
    if not trusted and not form.cleaned_data.get("issued"):
        raise ConfirmationNeeded
    # Judged before the lock is taken: it reads only what the comment says
    # and who sent it, and other submissions need not wait for it.
    verdict = moderation.judge(
        comment,
        trusted=trusted,
        known_commenter=Comment.objects.approved_from(comment).exists(),
        submission=moderation.Submission(
            honeypot=form.cleaned_data.get("fax_number", ""),
            seconds_to_submit=seconds_since(form.cleaned_data.get("issued", "")),
        ),
    )
    comment.status, comment.status_reason = verdict.status, verdict.reason
    with transaction.atomic():
        # From here to the commit, no submission that could be a duplicate
        # of this one, or a flood with it, checks or writes (issue 20).
        hold_submission_lock(comment)
        if Comment.objects.duplicates_of(comment).exists():
            raise CommentRefused(DUPLICATE, HTTPStatus.CONFLICT)
        if not trusted and (
            Comment.objects.recent_from(
                comment, settings.COMMENTS_FLOOD_SECONDS
            ).exists()
        ):
            raise CommentRefused(FLOOD, HTTPStatus.TOO_MANY_REQUESTS)
        # Stamped under the lock, so that the stored times of one sender's
        # comments are as far apart as the flood rule asks, however long
        # each waited for its turn.
        comment.created_at = timezone.now()
        comment.save()
        if comment.status == Comment.Status.PENDING:
            transaction.on_commit(lambda: notify_held_comment(comment))
    return comment
