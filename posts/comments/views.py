"""The comment form on a post's page: the form each visitor is shown, what
answers a comment sent, and the form's time stamp."""

from functools import wraps

from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET

from greatleaders.page_cache import is_shareable_request
from posts.comments import cookies
from posts.comments.form import CommentForm, issued_token
from posts.comments.submission import Outcome
from posts.numbers import parse_id


def blank_form(request) -> CommentForm:
    """The form a post's page shows the visitor of `request`: with the
    details they saved, and the comment they reply to (`?replytocom=`)."""
    initial = {
        **cookies.saved_author(request),
        "parent": parse_id(request.GET.get("replytocom")),
    }
    if not is_shareable_request(request):
        # A page for this visitor alone carries the form's time stamp; a
        # shared one gets it when the reader starts typing.
        initial["issued"] = issued_token()
    return CommentForm(user=request.user, initial=initial)


def signed_in_csrf(view):
    """Anonymous comments come from shared pages, which carry no CSRF token:
    what stops forged and automated ones is the spam rules (honeypot, time
    stamp, flood, duplicates, links). Signed-in commenters' pages are their
    own, and their forms carry a token, which is checked."""
    protected = csrf_protect(view)

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.user.is_authenticated:
            return protected(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return checked


def comment_posted(request, outcome: Outcome):
    """Send the commenter to their comment, remembering their details if
    they asked to, and their comment if it awaits moderation."""
    comment = outcome.comment
    response = redirect(comment.get_absolute_url())
    if outcome.form.cleaned_data.get("save_details"):
        cookies.remember_author(response, comment)
    elif not request.user.is_authenticated:
        cookies.forget_author(request, response)
    if not comment.is_approved:
        cookies.remember_held(request, response, comment)
    return response


@never_cache
@require_GET
def comment_stamp(request):
    """The comment form's time stamp, fetched by the page's script when a
    reader starts typing: shared pages carry none of their own."""
    return JsonResponse({"issued": issued_token()})
