"""The dashboard's forms. Both are plain forms posting here and coming back
to the dashboard with a message, so they work without JavaScript; both ask
the admin of their model for permission, as its own pages do."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from posts.dashboard.drafts import start_draft
from posts.dashboard.forms import QuickDraftForm
from posts.models import Comment, Post

# What the moderation buttons may ask for, and how the message says it.
DECISIONS = {
    "approve": (Comment.Status.APPROVED, "approved"),
    "spam": (Comment.Status.SPAM, "marked as spam"),
}


@require_POST
def moderate_comment(request, pk, site):
    comment_admin = site.get_model_admin(Comment)
    # Asked before the comment is looked up, so that nobody without the
    # right learns which comments exist.
    if not comment_admin.has_change_permission(request):
        raise PermissionDenied
    comment = get_object_or_404(Comment, pk=pk)
    if not comment_admin.has_change_permission(request, comment):
        raise PermissionDenied
    decision = DECISIONS.get(request.POST.get("decision"))
    if decision is None:
        return HttpResponseBadRequest("Approve or spam: nothing else.")
    status, done = decision
    # The bulk actions' own path: the post's counts and pages follow.
    Comment.objects.filter(pk=comment.pk).set_status(status)
    messages.success(request, f"The comment by {comment.author_name} is {done}.")
    return redirect("admin:index")


@require_POST
def quick_draft(request, site):
    post_admin = site.get_model_admin(Post)
    if not post_admin.has_add_permission(request):
        raise PermissionDenied
    form = QuickDraftForm(request.POST)
    if not form.is_valid():
        # The dashboard again, with what was typed and what is wrong with it.
        return site.index(request, {"quick_draft": form})
    post = start_draft(request.user, **form.cleaned_data)
    post_admin.log_addition(request, post, [{"added": {}}])
    editor = reverse("admin:posts_post_change", args=[post.pk], current_app=site.name)
    messages.success(
        request,
        format_html(
            'The draft “{}” is saved. <a href="{}">Carry on in the editor</a>.',
            post.title,
            editor,
        ),
    )
    return redirect("admin:index")
