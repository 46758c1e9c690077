"""Comments in the admin: the moderation queue, bulk moderation, and
replying to a comment from there."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from posts.comments.form import CommentForm
from posts.comments.submission import submit_comment
from posts.models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "author_name",
        "excerpt",
        "post",
        "status",
        "status_reason",
        "created_at",
        "ip_address",
        "reply_link",
    ]
    list_filter = ["status", ("post", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["post"]
    search_fields = ["author_name", "author_email", "author_url", "text", "ip_address"]
    date_hierarchy = "created_at"
    # The moderation queue: pending comments first, newest first within.
    ordering = [
        Case(When(status=Comment.Status.PENDING, then=0), default=1),
        "-created_at",
    ]
    actions = ["approve", "unapprove", "mark_spam", "trash"]
    raw_id_fields = ["post", "parent", "user"]
    readonly_fields = ["status_reason", "ip_address", "user_agent", "created_at"]
    fields = [
        "post",
        "parent",
        "user",
        "author_name",
        "author_email",
        "author_url",
        "text",
        "status",
        "status_reason",
        "ip_address",
        "user_agent",
        "created_at",
    ]

    @admin.display(description="comment")
    def excerpt(self, comment):
        return Truncator(comment.text).chars(80)

    @admin.display(description="")
    def reply_link(self, comment):
        url = reverse("admin:posts_comment_reply", args=[comment.pk])
        return format_html('<a href="{}">Reply</a>', url)

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        return [
            path("<int:pk>/reply/", reply, name="posts_comment_reply"),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        """Answer a comment from the admin; the reply appears at once, since
        staff comments are approved."""
        parent = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        if not self.has_change_permission(request, parent):
            raise PermissionDenied
        refusal = ""
        if request.method == "POST":
            outcome = submit_comment(parent.post, request.POST, request)
            if outcome.comment is not None:
                self.message_user(request, "Your reply is published.", messages.SUCCESS)
                return redirect(outcome.comment.get_absolute_url())
            form, refusal = outcome.form, outcome.refusal
        else:
            form = CommentForm(user=request.user, initial={"parent": parent.pk})
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {parent.author_name}",
            "parent": parent,
            "form": form,
            "refusal": refusal,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/posts/comment/reply.html", context)

    def _set_status(self, request, queryset, status, done):
        count = queryset.set_status(status)
        self.message_user(request, f"{count} comment(s) {done}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Unapprove selected comments", permissions=["change"])
    def unapprove(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.PENDING, "unapproved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.SPAM, "marked as spam")

    @admin.action(
        description="Move selected comments to the trash", permissions=["change"]
    )
    def trash(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.TRASH, "moved to the trash")
